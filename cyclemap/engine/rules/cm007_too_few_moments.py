"""CM007 too-few-moments: a cycle with fewer than two moments.

What it checks
    That `moments` lists at least two moments.

Why it matters
    A cycle of service maps the chain of contacts a customer goes through. With one
    moment there is no chain, no order and nothing to compare; it is a note, not a map.

How to fix
    List the moments of truth from the customer's first contact to the last, e.g. with
    `cyclemap init` as a start.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    count = len(ctx.cycle.moments)
    if count < 2:
        yield Finding(
            Text(f"a cycle needs at least two moments, this one has {count}",
                 f"un ciclo necesita al menos dos momentos; este tiene {count}"),
            ctx.cycle.at("moments"),
        )


DOC_ES = """
CM007 too-few-moments: un ciclo con menos de dos momentos.

Qué comprueba
    Que `moments` liste al menos dos momentos.

Por qué importa
    Un ciclo de servicio es el mapa de la cadena de contactos que vive el cliente. Con un
    solo momento no hay cadena, ni orden, ni nada que comparar: es una nota, no un mapa.

Cómo corregirlo
    Liste los momentos de verdad desde el primer contacto del cliente hasta el último;
    `cyclemap init` da un punto de partida.
"""

RULE = rule_from_module(
    __name__,
    code="CM007",
    name="too-few-moments",
    severity=Severity.ERROR,
    summary=Text("Fewer than two moments", "Menos de dos momentos"),
    doc_es=DOC_ES,
    hint=Text("list the moments from first contact to last", "liste los momentos del primer contacto al último"),
    fails="cyclemap: 1\ntitle: Alone\nmoments:\n  - {id: a, name: A, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Alone\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n",
    check=check,
)
