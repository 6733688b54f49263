"""CM009 bad-ratings-row: a row of a ratings CSV that cannot be used.

What it checks
    When survey ratings come from a file (`--ratings FILE.csv|.xlsx`, one row per answer
    `moment,rating[,respondent]`, or one row per respondent with a column per moment),
    that every row names a moment of the cycle, has a number on the cycle's scale as its
    rating, and that one respondent rates one moment once; and that the file is UTF-8 (or
    UTF-16 with a BOM) text or an Excel workbook. Blank and N/A answers are skipped and
    counted (an info note), as are survey answers set aside because the file's own score
    rests on more answers (threshold `min_responses`, declared with CM121).

Why it matters
    The report card is only as good as its rows. A rating for a misspelt moment, a "5+"
    or a 7 on a 1 to 5 scale would silently skew a mean or vanish; the score of a
    critical moment then misleads the team about what customers perceived. Each bad row
    is reported with its line so it can be fixed at the source, and the other rows still
    count.

How to fix
    Go to the CSV line shown. Use the moment's `id` (not its name) in the first column,
    a plain number on the scale in the second (`4.5`, or `"4,5"`), and save the file as
    CSV UTF-8.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import rule_from_module

DOC_ES = """
CM009 bad-ratings-row: una fila de un CSV de calificaciones que no se puede usar.

Qué comprueba
    Cuando las calificaciones vienen de un archivo (`--ratings ARCHIVO.csv|.xlsx`, una
    fila por respuesta `momento,calificación[,encuestado]`, o una fila por encuestado con
    una columna por momento), que cada fila nombre un momento del ciclo, tenga como
    calificación un número dentro de la escala, y que un encuestado califique un momento
    una sola vez; y que el archivo sea texto UTF-8 (o UTF-16 con BOM) o un libro de Excel.
    Las respuestas en blanco o N/A se omiten y se cuentan (una nota informativa), igual
    que las respuestas apartadas porque la puntuación del propio archivo se basa en más
    respuestas (umbral `min_responses`).

Por qué importa
    La libreta de calificaciones vale lo que valen sus filas. Una calificación para un
    momento mal escrito, un "5+" o un 7 en una escala de 1 a 5 torcería un promedio o se
    perdería sin aviso; la puntuación de un momento crítico engañaría entonces al equipo sobre
    lo que percibieron los clientes. Cada fila mala se informa con su línea para poder
    corregirla en el origen, y las demás filas cuentan igual.

Cómo corregirlo
    Vaya a la línea del CSV indicada. Use el `id` del momento (no su nombre) en la primera
    columna, un número simple de la escala en la segunda (`4.5`, o `"4,5"`), y guarde el
    archivo como CSV UTF-8.
"""

RULE = rule_from_module(
    __name__,
    code="CM009",
    name="bad-ratings-row",
    severity=Severity.ERROR,
    summary=Text("A ratings CSV row that cannot be used", "Una fila del CSV de calificaciones que no se puede usar"),
    doc_es=DOC_ES,
    hint=Text("fix or remove this row; the other rows still count", "corrija o quite esta fila; las demás filas cuentan igual"),
    fails="moment,rating,respondent\nwait,4,r1\nwiat,5,r2\n",
    passes="moment,rating,respondent\nwait,4,r1\nwait,5,r2\n",
    check=lambda ctx: (),
    reported_by_loader=True,
    examples_are="ratings",
    example_cycle="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: wait, name: Waits in line, kind: critical}\n  - {id: served, name: Is served, kind: routine}\n",
)
