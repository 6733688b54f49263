"""CM116 nobody-owner: a moment whose owner is everyone, or no one.

What it checks
    That an `owner`, where given, names a person or one role, not everyone ("all staff",
    "any available employee", "whoever is on shift"), a whole team or department ("the
    cashiers", "Customer Service Department", "HR"), or a placeholder ("TBD", "N/A",
    "not assigned yet", "por definir"), in any wording.

Why it matters
    Someone among the people of the service triangle must answer for each moment: watch
    its standard, hear its complaints and fix it. A moment everyone owns is a moment
    nobody improves: when it fails, each person assumes another will act.

How to fix
    Name one role that exists in the organisation chart ("Front desk manager", "Head of
    the call centre"). Everyone still serves the customer; one person answers for it.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._content import field_findings
from cyclemap.engine import content


def check(ctx):
    return field_findings(ctx, "owner", content.owner, judge)


def judge(moment, facts):
    if facts.nobody_in_particular:
        if facts.actor.kind in ("team", "department"):
            message = _("the owner of `{id}` ({name}) is \"{owner}\", a whole team or department: nobody in "
                        "particular answers for it")
        else:
            message = _("the owner of `{id}` ({name}) is \"{owner}\": everyone, or no one")
        return Finding(
            message.format(id=moment.id, name=moment.name, owner=moment.owner),
            moment.at("owner"),
            moment.id,
            plain=_("\"{owner}\" answers for it, which means nobody in particular does").format(
                owner=moment.owner),
        )
    return None


RULE = rule_from_module(
    __name__,
    code="CM116",
    name="nobody-owner",
    severity=Severity.WARNING,
    summary=_("Owner that is everyone, or no one"),
    hint=_("set `owner:` to one role from the organisation chart"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, owner: Todo el personal}\n  - {id: b, name: Room, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, owner: Jefe de recepción}\n  - {id: b, name: Room, kind: routine}\n",
    check=check,
    reason=_("A moment everyone owns is a moment nobody improves: when it fails, each person assumes "
             "someone else will act."),
    advice=_("name one role that answers for this moment: watches its standard, hears its complaints and "
             "fixes it"),
)
