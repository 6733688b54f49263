"""CM006 no-way-back: in a closed cycle, a moment from which the customer never returns.

What it checks
    In a closed cycle (`closed: true`, the default), that from every reachable moment
    some path of `next` links leads back to the first moment.

Why it matters
    The cycle of service is activated again each time the customer comes back into
    contact with the company. A dead end inside a closed cycle — typically a complaint
    branch with `next: []` — means the map says the customer is lost at that point:
    either a link is missing or the recovery has not been designed.

How to fix
    Give the moment a `next` that rejoins the cycle (after a complaint, lead back to
    service or farewell), or declare `closed: false` if the cycle really ends.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    first = ctx.first
    if first is None or not ctx.cycle.closed or len(ctx.cycle.moments) < 2:
        return
    from cyclemap.engine.graph import reachable

    reached = reachable(ctx.successors, first.id)
    returns = reachable(ctx.predecessors, first.id)
    for moment in ctx.unique():
        if moment.id in reached and moment.id not in returns:
            yield Finding(
                _("from `{id}` no path leads back to `{first}`, but the cycle is closed").format(
                    id=moment.id, first=first.id),
                moment.at("next"),
                moment.id,
            )


RULE = rule_from_module(
    __name__,
    code="CM006",
    name="no-way-back",
    severity=Severity.ERROR,
    summary=_("A moment of a closed cycle has no way back to the start"),
    hint=_("link it back into the cycle, or set `closed: false`"),
    fails="cyclemap: 1\ntitle: Dead end\nmoments:\n  - {id: a, name: A, kind: critical, next: [b, complaint]}\n  - {id: b, name: B, kind: routine, next: [a]}\n  - {id: complaint, name: Complains, kind: critical, next: []}\n",
    passes="cyclemap: 1\ntitle: Dead end\nmoments:\n  - {id: a, name: A, kind: critical, next: [b, complaint]}\n  - {id: b, name: B, kind: routine, next: [a]}\n  - {id: complaint, name: Complains, kind: critical, next: [b]}\n",
    check=check,
    follows=("CM003", "CM004"),
)
