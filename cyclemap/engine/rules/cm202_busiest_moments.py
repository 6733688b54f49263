"""CM202 busiest-moments: the moments most customer paths run through (betweenness).

What it checks
    In a cycle with branches, which moments sit on the largest share of the shortest
    paths between other moments (their betweenness centrality), leaving out the link that
    closes the cycle, so that only one visit counts. The highest (up to three, when tied)
    are reported as information. A cycle with no branches is skipped: there every moment
    lies on the one path and the measure says nothing new. Past 300 moments the measure
    is estimated from a fixed sample of starting moments, and past 2,000 it is skipped.

Why it matters
    A cycle of service is a chain of moments of truth, and the customer judges the whole
    service at each of them. Where many paths converge (after a complaint, after a
    waiting branch, across channels), one failure reaches most customers, whatever way
    they came. These are the moments where a failure hurts most and where a standard, a
    trained owner and a recovery plan pay off first.

How to fix
    Nothing is wrong in itself. Give these moments your best people and systems: make
    sure they have an owner, a measurable standard and a recovery, and watch their score
    closely. If one is weak, consider a second path so customers are not all funnelled
    through it.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module

def check(ctx):
    scores = ctx.betweenness
    if not scores:
        return
    top = max(scores.values())
    if top <= 0:
        return
    order = {mid: i for i, mid in enumerate(ctx.order)}
    busiest = sorted((mid for mid, s in scores.items() if s >= top - 1e-9), key=lambda m: order.get(m, 0))[:3]
    tied = len(busiest) > 1
    for mid in busiest:
        moment = ctx.by_id[mid]
        yield Finding(
            Text(f"`{mid}` ({moment.name}) is {'one of the moments' if tied else 'the moment'} most customer paths "
                 f"run through (betweenness {scores[mid]:.2f}): a failure here reaches the most customers",
                 f"`{mid}` ({moment.name}) es {'uno de los momentos' if tied else 'el momento'} por {'los' if tied else 'el'} "
                 f"que pasan más recorridos del cliente (intermediación {scores[mid]:.2f}): una falla aquí "
                 f"alcanza a más clientes"),
            moment.pos,
            mid,
        )


DOC_ES = """
CM202 busiest-moments: los momentos por los que pasan más recorridos (intermediación).

Qué comprueba
    En un ciclo con ramas, qué momentos están en la mayor parte de los caminos más cortos
    entre otros momentos (su centralidad de intermediación), sin contar el enlace que
    cierra el ciclo, de modo que solo cuenta una visita. Los más altos (hasta tres si
    empatan) se informan como aviso. Un ciclo sin ramas se omite: ahí todos los momentos
    están en el único camino y la medida no dice nada nuevo. Pasados 300 momentos la
    medida se estima con una muestra fija de momentos de partida, y pasados 2.000 se omite.

Por qué importa
    Un ciclo de servicio es una cadena de momentos de verdad, y en cada uno el cliente
    juzga todo el servicio. Donde convergen muchos caminos (después de una queja, de una
    espera, entre canales), una sola falla alcanza a la mayoría de los clientes, vengan
    por donde vengan. Son los momentos donde una falla duele más y donde un estándar, un
    responsable formado y un plan de recuperación rinden primero.

Cómo corregirlo
    No hay nada mal en sí. Ponga ahí a su mejor gente y sus mejores sistemas: asegúrese de
    que tengan responsable, un estándar medible y una recuperación, y siga de cerca su
    puntuación. Si uno está débil, considere un segundo camino para no hacer pasar a todos
    los clientes por él.
"""

RULE = rule_from_module(
    __name__,
    code="CM202",
    name="busiest-moments",
    severity=Severity.INFO,
    summary=Text("The moments most customer paths run through", "Los momentos por los que pasan más recorridos"),
    doc_es=DOC_ES,
    hint=Text("give this moment an owner, a standard and a recovery, and watch its score",
              "dé a este momento responsable, estándar y recuperación, y siga su puntuación"),
    fails=(
        "cyclemap: 1\ntitle: Branches\nmoments:\n"
        "  - {id: a, name: Arrives, kind: routine, next: [b, c]}\n"
        "  - {id: b, name: Waits, kind: routine, next: [d]}\n"
        "  - {id: c, name: Complains, kind: critical, next: [d]}\n"
        "  - {id: d, name: Is served, kind: critical}\n"
        "  - {id: e, name: Leaves, kind: routine}\n"
    ),
    passes=(
        "cyclemap: 1\ntitle: One path\nmoments:\n"
        "  - {id: a, name: Arrives, kind: routine}\n"
        "  - {id: b, name: Waits, kind: routine}\n"
        "  - {id: d, name: Is served, kind: critical}\n"
        "  - {id: e, name: Leaves, kind: routine}\n"
    ),
    check=check,
    retired=True,  # no finding a consultant kept in trials; runs only when selected
)
