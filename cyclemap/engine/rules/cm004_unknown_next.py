"""CM004 unknown-next: `next` names a moment that does not exist.

What it checks
    That every id in a moment's `next` (plain or as `to:` of a branch) is the id of a
    moment in the same file.

Why it matters
    A link to nowhere breaks the cycle at that point: the customer's path simply stops,
    and every later moment may become unreachable. It is almost always a typo.

How to fix
    Correct the id (the message suggests the closest one), or add the missing moment.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.format.words import did_you_mean
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    ids = [m.id for m in ctx.cycle.moments]
    known = set(ids)
    for moment in ctx.unique():
        for branch in moment.next or ():
            if branch.to in known:
                continue
            guess = did_you_mean(branch.to, ids)
            yield Finding(
                Text(f"`{moment.id}` leads to `{branch.to}`, which is not a moment of this cycle",
                     f"`{moment.id}` lleva a `{branch.to}`, que no es un momento de este ciclo"),
                branch.pos,
                moment.id,
                Text(f"did you mean `{guess}`?", f"¿quiso decir `{guess}`?") if guess else None,
                subject=branch.to,
            )


DOC_ES = """
CM004 unknown-next: `next` nombra un momento que no existe.

Qué comprueba
    Que cada id de `next` (simple o como `to:` de una rama) sea el id de un momento del
    mismo archivo.

Por qué importa
    Un enlace a ninguna parte rompe el ciclo en ese punto: el recorrido del cliente se
    corta y los momentos siguientes pueden quedar inalcanzables. Casi siempre es una errata.

Cómo corregirlo
    Corrija el id (el mensaje sugiere el más parecido) o añada el momento que falta.
"""

RULE = rule_from_module(
    __name__,
    code="CM004",
    name="unknown-next",
    severity=Severity.ERROR,
    summary=Text("`next` names an unknown moment", "`next` nombra un momento desconocido"),
    doc_es=DOC_ES,
    hint=Text("correct the id or add the moment", "corrija el id o añada el momento"),
    fails="cyclemap: 1\ntitle: Typo\nmoments:\n  - {id: arrive, name: A, kind: critical, next: [leve]}\n  - {id: leave, name: B, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Typo\nmoments:\n  - {id: arrive, name: A, kind: critical, next: [leave]}\n  - {id: leave, name: B, kind: routine}\n",
    check=check,
)
