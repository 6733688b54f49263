"""CM003 duplicate-id: two moments share one id.

What it checks
    That every moment's `id` is unique in the file.

Why it matters
    `next` links and survey ratings find moments by id. With two moments under one id,
    links and ratings land on the first and the second silently drops out of the cycle.

How to fix
    Give the second moment its own id, and update any `next` that should point to it.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    seen: dict[str, int] = {}
    for moment in ctx.cycle.moments:
        if moment.id in seen:
            yield Finding(
                _("the id `{id}` is already used by the moment on line {line}").format(
                    id=moment.id, line=seen[moment.id]),
                moment.at("id"),
                moment.id,
                subject="repeat",
            )
        else:
            seen[moment.id] = moment.at("id").line


RULE = rule_from_module(
    __name__,
    code="CM003",
    name="duplicate-id",
    severity=Severity.ERROR,
    summary=_("Two moments share one id"),
    hint=_("give each moment its own id"),
    fails="cyclemap: 1\ntitle: Twins\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: a, name: B, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Twins\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n",
    check=check,
)
