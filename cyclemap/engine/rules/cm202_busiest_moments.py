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

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _, Number
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
            (_("`{id}` ({name}) is one of the moments most customer paths run through (betweenness "
               "{share}): a failure here reaches the most customers") if tied else
             _("`{id}` ({name}) is the moment most customer paths run through (betweenness {share}): a "
               "failure here reaches the most customers")).format(
                id=mid, name=moment.name, share=Number(scores[mid], 2)),
            moment.pos,
            mid,
        )


RULE = rule_from_module(
    __name__,
    code="CM202",
    name="busiest-moments",
    severity=Severity.INFO,
    summary=_("The moments most customer paths run through"),
    hint=_("give this moment an owner, a standard and a recovery, and watch its score"),
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
