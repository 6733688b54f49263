"""CM005 unreachable: a moment the customer can never reach from the first one.

What it checks
    That every moment can be reached from the first moment by following `next` links
    (and the default "following moment" links).

Why it matters
    A cycle of service is the path a customer actually walks. A moment no path leads to
    is either a forgotten link or a moment that does not exist for the customer — and
    its standards, owner and recovery plan protect nobody.

How to fix
    Add the moment to the `next` of the moment that comes before it, or remove it.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    first = ctx.first
    if first is None:
        return
    from cyclemap.engine.graph import reachable

    reached = reachable(ctx.successors, first.id)
    for moment in ctx.unique():
        if moment.id not in reached:
            yield Finding(
                Text(f"no path from `{first.id}` reaches `{moment.id}`",
                     f"ningún camino desde `{first.id}` llega a `{moment.id}`"),
                moment.at("id"),
                moment.id,
            )


DOC_ES = """
CM005 unreachable: un momento al que el cliente nunca llega desde el primero.

Qué comprueba
    Que cada momento se pueda alcanzar desde el primero siguiendo los enlaces `next` (y
    los enlaces por defecto al momento siguiente).

Por qué importa
    Un ciclo de servicio es el camino que el cliente recorre de verdad. Un momento al que
    no lleva ningún camino es un enlace olvidado o un momento que no existe para el
    cliente, y sus estándares, responsable y plan de recuperación no protegen a nadie.

Cómo corregirlo
    Añada el momento al `next` del momento que lo precede, o elimínelo.
"""

RULE = rule_from_module(
    __name__,
    code="CM005",
    name="unreachable",
    severity=Severity.ERROR,
    summary=Text("A moment cannot be reached from the first", "Un momento no se alcanza desde el primero"),
    doc_es=DOC_ES,
    hint=Text("link it from the moment before it, or remove it", "enlácelo desde el momento anterior, o elimínelo"),
    fails="cyclemap: 1\ntitle: Island\nmoments:\n  - {id: a, name: A, kind: critical, next: [c]}\n  - {id: b, name: B, kind: routine}\n  - {id: c, name: C, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Island\nmoments:\n  - {id: a, name: A, kind: critical, next: [b]}\n  - {id: b, name: B, kind: routine}\n  - {id: c, name: C, kind: routine}\n",
    check=check,
)
