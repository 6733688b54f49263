"""CM109 systems-only: a critical moment carried by systems alone.

What it checks
    That no critical moment has `carried_by: systems`: each critical moment has people
    in it (`people` or `both`). Two cases are not reported: a moment whose `recovery`
    names people who step in when the system fails (a role, a person, a team or a
    department: the human part is within reach), and a moment of the material part, held
    in the facilities (`channel: facilities`: a hotel room, a cinema seat), where what
    serves the customer is a thing; a facilities moment whose name names a machine or a
    program (a ticket machine, a kiosk, an app) is judged like any other.

Why it matters
    Every service interaction has a material part, a human part and a systems part, and
    "the human part is the winner": even when the material and systems parts work well,
    if the human part fails the chain of service breaks. It is in the human part that
    feelings are involved and that the customer is shown respect as a person. A critical
    moment left to a machine, a web form or a queue ticket has nobody to notice that it
    is going wrong, to listen, or to offer options.

How to fix
    Put a person within reach of the moment: someone who watches the queue, a visible
    "talk to a person" option, a call back when the system fails. Record it as
    `carried_by: both`, and name the `owner` and the `recovery`.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine import content


def check(ctx):
    for moment in ctx.unique():
        if not (moment.critical and moment.carried_by == "systems"):
            continue
        lang = ctx.cycle.language
        if moment.recovery and content.recovery(moment.recovery, lang).actor.is_people:
            continue  # people step in when the system fails
        if moment.channel == "facilities" and not content.step(moment.name, lang).systems:
            continue  # the material part: a room, a seat
        yield Finding(
            _("critical moment `{id}` ({name}) is carried by systems alone, with no person in reach").format(
                id=moment.id, name=moment.name),
            moment.at("carried_by"),
            moment.id,
            plain=_("it is left to machines and forms, with nobody within reach to notice it going wrong"),
        )


RULE = rule_from_module(
    __name__,
    code="CM109",
    name="systems-only",
    severity=Severity.WARNING,
    summary=_("Critical moment carried by systems alone"),
    hint=_("put a person within reach of this moment (`carried_by: both`)"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Takes a ticket, kind: critical, carried_by: systems}\n  - {id: b, name: Is served, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Takes a ticket, kind: critical, carried_by: both}\n  - {id: b, name: Is served, kind: routine}\n",
    reason=_("The human part of a service is the one that wins or loses the customer: a decisive moment left "
             "to a machine has nobody to notice, listen or offer options when it goes wrong."),
    advice=_("put a person within reach: someone who watches it, a visible way to talk to a person, a call "
             "back when the system fails"),
    check=check,
)
