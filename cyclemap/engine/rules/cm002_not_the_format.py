"""CM002 not-the-format: the YAML is not a format-1 cycle file.

What it checks
    The keys and types of the file against the format: `cyclemap: 1`, `title` and
    `moments` are required, each moment needs `id`, `name` and `kind`; a key the program
    does not know is an error (with a did-you-mean, so a typo never passes silently);
    values must have the right type (a score is a number, not quoted text; `kind` is
    `routine` or `critical`); duplicate keys, non-standard tags and unknown rule codes in
    `ignore` are refused.

Why it matters
    The file is a contract between the people who write cycles and every tool that reads
    them. A misspelt `standard:` that was silently dropped would make a critical moment
    look as if it had no service standard — or worse, hide that it has none.

How to fix
    Read the message: it names the key and where it is. Use the suggested spelling,
    remove quotes around numbers, and write `kind: critical` or `kind: routine` (the
    Spanish `crítico` and `rutina` are accepted too).
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import rule_from_module

DOC_ES = """
CM002 not-the-format: el YAML no es un archivo de ciclo del formato 1.

Qué comprueba
    Las claves y los tipos del archivo frente al formato: `cyclemap: 1`, `title` y
    `moments` son obligatorias, y cada momento necesita `id`, `name` y `kind`; una clave
    desconocida es un error (con una sugerencia, para que una errata nunca pase sin
    aviso); cada valor debe tener su tipo (una puntuación es un número, no un texto entre
    comillas; `kind` es `routine` o `critical`); se rechazan claves repetidas, etiquetas
    no estándar y códigos de regla desconocidos en `ignore`.

Por qué importa
    El archivo es un contrato entre quienes escriben ciclos y las herramientas que los
    leen. Un `standard:` mal escrito que se descartara en silencio haría parecer que un
    momento crítico no tiene estándar de servicio, o escondería que no lo tiene.

Cómo corregirlo
    Lea el mensaje: nombra la clave y dónde está. Use la grafía sugerida, quite las
    comillas de los números y escriba `kind: critical` o `kind: routine` (también se
    aceptan `crítico` y `rutina`).
"""

RULE = rule_from_module(
    __name__,
    code="CM002",
    name="not-the-format",
    severity=Severity.ERROR,
    summary=Text("The file is not a format-1 cycle (unknown key, wrong type, missing key)",
                 "El archivo no es un ciclo del formato 1 (clave desconocida, tipo erróneo, clave ausente)"),
    doc_es=DOC_ES,
    hint=Text("see the format in the README", "vea el formato en el README"),
    fails="cyclemap: 1\ntitle: Typo\nmoments:\n  - {id: a, name: A, kind: critical, standrad: Greet in 10 s}\n  - {id: b, name: B, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Typo\nmoments:\n  - {id: a, name: A, kind: critical, standard: Greet in 10 s}\n  - {id: b, name: B, kind: routine}\n",
    check=lambda ctx: (),
    reported_by_loader=True,
)
