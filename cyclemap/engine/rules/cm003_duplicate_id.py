"""CM003 duplicate-id: two moments share one id.

What it checks
    That every moment's `id` is unique in the file.

Why it matters
    `next` links and survey ratings find moments by id. With two moments under one id,
    links and ratings land on the first and the second silently drops out of the cycle.

How to fix
    Give the second moment its own id, and update any `next` that should point to it.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    seen: dict[str, int] = {}
    for moment in ctx.cycle.moments:
        if moment.id in seen:
            yield Finding(
                Text(f"the id `{moment.id}` is already used by the moment on line {seen[moment.id]}",
                     f"el id `{moment.id}` ya lo usa el momento de la línea {seen[moment.id]}"),
                moment.at("id"),
                moment.id,
                subject="repeat",
            )
        else:
            seen[moment.id] = moment.at("id").line


DOC_ES = """
CM003 duplicate-id: dos momentos comparten un id.

Qué comprueba
    Que el `id` de cada momento sea único en el archivo.

Por qué importa
    Los enlaces `next` y las calificaciones de encuestas encuentran los momentos por su
    id. Con dos momentos bajo un mismo id, todo va al primero y el segundo desaparece del
    ciclo sin aviso.

Cómo corregirlo
    Dé al segundo momento un id propio y actualice los `next` que deban apuntarle.
"""

RULE = rule_from_module(
    __name__,
    code="CM003",
    name="duplicate-id",
    severity=Severity.ERROR,
    summary=Text("Two moments share one id", "Dos momentos comparten un id"),
    doc_es=DOC_ES,
    hint=Text("give each moment its own id", "dé a cada momento su propio id"),
    fails="cyclemap: 1\ntitle: Twins\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: a, name: B, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Twins\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n",
    check=check,
)
