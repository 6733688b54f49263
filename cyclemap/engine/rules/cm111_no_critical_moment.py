"""CM111 no-critical-moment: no moment is marked critical.

What it checks
    That at least one moment has `kind: critical`.

Why it matters
    Mapping the moments of truth is meant to separate the critical moments (those where
    the customer decides whether the service is good and whether to come back) from the
    routine ones. A cycle where everything is routine has not made that choice yet: the
    team cannot tell where to put its best people, standards and recovery plans, and the
    critique has nothing to focus on.

How to fix
    With the team, ask of each moment: "if this goes wrong, does the customer think less
    of the whole service, or leave?" Mark those `kind: critical`. Usually a few moments
    of a cycle are critical, not most of them.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    if ctx.cycle.moments and not any(m.critical for m in ctx.cycle.moments):
        yield Finding(
            _("no moment is marked critical: the cycle does not say where the customer decides"),
            ctx.cycle.at("moments"),
            plain=_("no moment is singled out as one where customers decide"),
        )


RULE = rule_from_module(
    __name__,
    code="CM111",
    name="no-critical-moment",
    severity=Severity.WARNING,
    summary=_("No moment is marked critical"),
    hint=_("mark the moments where the customer decides as `kind: critical`"),
    fails="cyclemap: 1\ntitle: Gym\nmoments:\n  - {id: a, name: Signs up, kind: routine}\n  - {id: b, name: Trains, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Gym\nmoments:\n  - {id: a, name: Signs up, kind: critical}\n  - {id: b, name: Trains, kind: routine}\n",
    reason=_('Mapping the cycle is meant to single out the moments where customers decide; until that is done, nobody knows where to put the best people, standards and recovery plans.'),
    advice=_('with the team, ask of each moment whether a failure there makes customers think worse of the whole service, and treat those as decisive'),
    check=check,
)
