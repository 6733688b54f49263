"""CM112 too-many-moments: more moments than a team can manage.

What it checks
    That the cycle has no more moments than the `max_moments` threshold (25 by default).

Why it matters
    A cycle of service is a map of the moments of truth the customer lives, the contacts
    in which they form an impression of the service. It is a tool for a team to see the
    service from the customer's side and act on it. Past a couple of dozen moments the map
    usually mixes in internal steps the customer never sees, nobody can hold it in mind,
    and owners, standards and scores for every moment stop being realistic.

How to fix
    Look for moments to remove or merge: internal steps the customer does not witness
    (move them to a process map), consecutive moments on the same channel with the same
    owner, and rare paths. If the service really has that many contacts, split it into
    several cycles (e.g. buying, using, getting help).
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, Threshold, rule_from_module


def check(ctx):
    limit = int(ctx.config.threshold("max_moments"))
    count = len(ctx.unique())
    if count > limit:
        yield Finding(
            _("the cycle has {count} moments, more than {limit}: look for ones to merge or remove").format(
                count=count, limit=limit),
            ctx.cycle.at("moments"),
        )


def _example(count: int) -> str:
    lines = ["cyclemap: 1", "title: Everything", "moments:"]
    lines += [f"  - {{id: m{i}, name: Step {i}, kind: {'critical' if i == 1 else 'routine'}}}" for i in range(1, count + 1)]
    return "\n".join(lines) + "\n"


RULE = rule_from_module(
    __name__,
    code="CM112",
    name="too-many-moments",
    severity=Severity.WARNING,
    summary=_("More moments than a team can manage"),
    hint=_("merge or remove moments the customer does not live as separate contacts"),
    fails=_example(26),
    passes=_example(25),
    check=check,
    thresholds=(Threshold("max_moments", 25, 2, whole=True, doc=_("more moments than this is too many to manage")),),
)
