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

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
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
                _("no path from `{first}` reaches `{id}`").format(first=first.id, id=moment.id),
                moment.at("id"),
                moment.id,
            )


RULE = rule_from_module(
    __name__,
    code="CM005",
    name="unreachable",
    severity=Severity.ERROR,
    summary=_("A moment cannot be reached from the first"),
    hint=_("link it from the moment before it, or remove it"),
    fails="cyclemap: 1\ntitle: Island\nmoments:\n  - {id: a, name: A, kind: critical, next: [c]}\n  - {id: b, name: B, kind: routine}\n  - {id: c, name: C, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Island\nmoments:\n  - {id: a, name: A, kind: critical, next: [b]}\n  - {id: b, name: B, kind: routine}\n  - {id: c, name: C, kind: routine}\n",
    check=check,
    follows=("CM003", "CM004"),
)
