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

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    count = len(ctx.cycle.moments)
    if count < 2:
        yield Finding(
            _("a cycle needs at least two moments, this one has {count}").format(count=count),
            ctx.cycle.at("moments"),
        )


RULE = rule_from_module(
    __name__,
    code="CM007",
    name="too-few-moments",
    severity=Severity.ERROR,
    summary=_("Fewer than two moments"),
    hint=_("list the moments from first contact to last"),
    fails="cyclemap: 1\ntitle: Alone\nmoments:\n  - {id: a, name: A, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Alone\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n",
    check=check,
)
