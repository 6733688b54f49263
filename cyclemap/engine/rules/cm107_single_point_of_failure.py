"""CM107 single-point-of-failure: a weak critical moment every customer must go through.

What it checks
    In a cycle with branches, the moments that every path from the first moment to the
    end of the cycle crosses (the end is the moment that leads back to the first in a
    closed cycle, or the last moments of an open one). This uses the graph's dominators.
    A critical moment among them that is weak (scored below the acceptable level, or
    below its expectation by the margin) is reported. A cycle with no branches is
    skipped: there every moment is on the only path, and CM104/CM105 already speak.

Why it matters
    The cycle offers other ways through elsewhere (a complaint desk, a phone line, a
    waiting branch), but not around this moment: whichever way customers come, they all
    pass here, and a weak link here breaks the chain of service for every one of them.
    Because most unhappy customers leave without complaining, a weakness that nobody can
    avoid loses customers at the scale of the whole cycle.

How to fix
    Strengthen the moment first (see its score, standard and recovery), and consider
    giving customers a second way through: another channel, an appointment instead of a
    queue, documents checked in advance online. A `recovery` plan makes the failure
    survivable while the fix is under way.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._scores import is_weak


def unavoidable(ctx) -> list[str]:
    """Moments (other than the first) on every path from the first moment to the end of
    the cycle, in cycle order; [] when the cycle has no branches."""
    links = ctx.successors
    first = ctx.first
    if first is None or first.id not in links or not any(len(targets) > 1 for targets in links.values()):
        return []
    # Plain-Python dominators (cyclemap.engine.graph), not networkx: its import costs more than a check.
    from cyclemap.engine.graph import immediate_dominators

    idom = immediate_dominators(links, first.id)
    if ctx.cycle.closed:
        ends = [e.source for e in ctx.links if e.target == first.id and e.closing and e.source in idom]
    else:
        ends = [n for n in idom if not links[n]]
    if not ends:
        return []
    common: set[str] | None = None
    for end in ends:
        chain = {end}
        node = end
        while node != first.id and idom.get(node, first.id) != node:
            node = idom[node]
            chain.add(node)
        common = chain if common is None else common & chain
    common = (common or set()) - {first.id}
    return [n for n in ctx.order if n in common]


def check(ctx):
    for mid in unavoidable(ctx):
        moment = ctx.by_id[mid]
        if moment.critical and is_weak(moment, ctx.cycle, ctx.config):
            yield Finding(
                Text(f"every customer passes through `{mid}` ({moment.name}), a weak critical moment "
                     f"with no way around it: a single point of failure",
                     f"todo cliente pasa por `{mid}` ({moment.name}), un momento crítico débil "
                     f"sin otro camino: un punto único de falla"),
                moment.pos,
                mid,
            )


DOC_ES = """
CM107 single-point-of-failure: un momento crítico débil por el que pasa todo cliente.

Qué comprueba
    En un ciclo con ramas, los momentos que cruza todo camino desde el primer momento
    hasta el final del ciclo (el final es el momento que vuelve al primero en un ciclo
    cerrado, o los últimos momentos de uno abierto). Usa los dominadores del grafo. Se
    informa el momento crítico entre ellos que esté débil (puntuado bajo el nivel
    aceptable, o bajo su expectativa por el margen). Un ciclo sin ramas se omite: ahí
    todos los momentos están en el único camino, y CM104/CM105 ya lo dicen.

Por qué importa
    El ciclo ofrece otros caminos en otras partes (un mostrador de quejas, una línea
    telefónica, una rama de espera), pero no alrededor de este momento: vengan por donde
    vengan, todos los clientes pasan aquí, y un eslabón débil aquí rompe la cadena de
    servicio para cada uno de ellos. Como la mayoría de los clientes insatisfechos se va
    sin quejarse, una debilidad que nadie puede evitar pierde clientes a la escala de todo
    el ciclo.

Cómo corregirlo
    Refuerce primero el momento (vea su puntuación, su estándar y su recuperación) y considere
    dar al cliente un segundo camino: otro canal, una cita en lugar de una fila, los
    documentos revisados antes en línea. Un plan de `recovery` hace la falla soportable
    mientras llega la solución.
"""

RULE = rule_from_module(
    __name__,
    code="CM107",
    name="single-point-of-failure",
    severity=Severity.WARNING,
    summary=Text("Weak critical moment every path goes through", "Momento crítico débil por el que pasan todos los caminos"),
    doc_es=DOC_ES,
    hint=Text("strengthen this moment, and give customers a second way through",
              "refuerce este momento y dé al cliente un segundo camino"),
    fails=(
        "cyclemap: 1\ntitle: Clinic\nmoments:\n"
        "  - {id: book, name: Books, kind: routine, next: [phone, web]}\n"
        "  - {id: phone, name: Books by phone, kind: routine, next: [desk]}\n"
        "  - {id: web, name: Books online, kind: routine, next: [desk]}\n"
        "  - {id: desk, name: Checks in at the desk, kind: critical, score: 2.1}\n"
        "  - {id: doctor, name: Sees the doctor, kind: routine}\n"
    ),
    passes=(
        "cyclemap: 1\ntitle: Clinic\nmoments:\n"
        "  - {id: book, name: Books, kind: routine, next: [phone, web]}\n"
        "  - {id: phone, name: Books by phone, kind: routine, next: [desk]}\n"
        "  - {id: web, name: Books online, kind: routine, next: [desk]}\n"
        "  - {id: desk, name: Checks in at the desk, kind: critical, score: 4.2}\n"
        "  - {id: doctor, name: Sees the doctor, kind: routine}\n"
    ),
    check=check,
    retired=True,  # no finding a consultant kept in trials; runs only when selected
)
