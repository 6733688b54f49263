"""CM105 expectation-gap: a moment scored below its expectation by the margin or more.

What it checks
    For every moment with both an `expectation` and a `score`, that the score does not
    fall short of the expectation by the `gap_margin` threshold or more (0.5 scale points
    by default). Routine moments count too: the gap is what the customer feels.

Why it matters
    Quality of service is meeting, and ideally exceeding, what the customer expects, and
    satisfaction is the feeling that the service reached or passed those expectations. A
    moment can score a respectable 4 and still disappoint a customer who expected 4.5: the
    gap, not the score, is what turns into complaints and departures. Gaps also show where
    a promise (advertising, a salesperson, a previous visit) raised expectations that the
    operation does not meet.

How to fix
    Close the gap from either side: improve what the customer receives at this moment,
    or set the expectation honestly (say how long it takes, what is needed, what happens
    next). Then measure again. If the expectation value is a guess, replace it with a
    survey question about what customers expected.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, Threshold, rule_from_module
from cyclemap.engine.rules._scores import fmt, gap, has_gap


def check(ctx):
    for moment in ctx.unique():
        if has_gap(moment, ctx.config):
            short = fmt(gap(moment))
            yield Finding(
                Text(f"`{moment.id}` ({moment.name}) scores {fmt(moment.score)} against an expectation of "
                     f"{fmt(moment.expectation)}: {short} {'point' if short == '1' else 'points'} short",
                     f"`{moment.id}` ({moment.name}) puntúa {fmt(moment.score)} frente a una expectativa de "
                     f"{fmt(moment.expectation)}: {short} {'punto' if short == '1' else 'puntos'} por debajo"),
                moment.at("score"),
                moment.id,
            )


DOC_ES = """
CM105 expectation-gap: un momento puntuado bajo su expectativa por el margen o más.

Qué comprueba
    En cada momento con `expectation` y `score`, que la nota no quede por debajo de la
    expectativa por el umbral `gap_margin` o más (0,5 puntos de la escala por defecto).
    Los momentos rutinarios también cuentan: la brecha es lo que siente el cliente.

Por qué importa
    La calidad en el servicio es cumplir, y mejor exceder, lo que el cliente espera, y la
    satisfacción es la sensación de que el servicio alcanzó o superó esas expectativas. Un
    momento puede puntuar un respetable 4 y aun así decepcionar a un cliente que esperaba
    4,5: la brecha, no la nota, es lo que se vuelve queja y abandono. Las brechas también
    muestran dónde una promesa (publicidad, un vendedor, una visita anterior) subió una
    expectativa que la operación no cumple.

Cómo corregirlo
    Cierre la brecha por cualquiera de los dos lados: mejore lo que el cliente recibe en
    este momento, o fije la expectativa con honestidad (diga cuánto tarda, qué se necesita,
    qué pasa después). Luego vuelva a medir. Si la expectativa es una suposición,
    reemplácela por una pregunta de encuesta sobre qué esperaban los clientes.
"""

RULE = rule_from_module(
    __name__,
    code="CM105",
    name="expectation-gap",
    severity=Severity.WARNING,
    summary=Text("Score below expectation by the margin or more", "Nota bajo la expectativa por el margen o más"),
    doc_es=DOC_ES,
    hint=Text("improve what the customer receives here, or set the expectation honestly",
              "mejore lo que el cliente recibe aquí, o fije la expectativa con honestidad"),
    fails="cyclemap: 1\ntitle: Cinema\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, expectation: 4.5, score: 3.6}\n  - {id: b, name: Watches the film, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Cinema\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, expectation: 4.5, score: 4.3}\n  - {id: b, name: Watches the film, kind: critical}\n",
    check=check,
    thresholds=(Threshold("gap_margin", 0.5, 0.0, inclusive=True, doc=Text(
        "a score below expectation by at least this many scale points is an expectation gap",
        "una puntuación bajo la expectativa en al menos estos puntos de la escala es una brecha")),),
)
