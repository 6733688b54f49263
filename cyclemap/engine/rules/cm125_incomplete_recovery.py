"""CM125 incomplete-recovery: a recovery plan that leaves out who acts, how soon, or what the customer may choose.

What it checks
    That every `recovery` plan which says something (CM117 reports one that says
    nothing) states all three of: who acts (a role, a person, a team), how soon (a time
    or a deadline: "within 10 min", "the same day", "on the spot"; "as soon as possible"
    is not one), and what the customer is offered or may choose (a refund, a new
    appointment, another room). The finding names the parts that are missing.

Why it matters
    An upset customer needs to be informed, to be offered options and to keep some
    control. A plan that says who steps in but not how soon leaves the customer waiting
    without knowing for how long; one that says how soon but not what is offered leaves
    the front line to improvise on a bad day. Each missing part is a question the
    customer will ask and nobody has agreed the answer to.

How to fix
    Add the missing parts to the plan: who ("the duty manager"), how soon ("within
    10 min"), and the options ("another room or a discount"). Train it.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _, listing
from cyclemap.engine import content
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._content import field_findings

PARTS = {
    "who": _("who acts"),
    "when": _("how soon"),
    "choice": _("what the customer may choose"),
}


def check(ctx):
    return field_findings(ctx, "recovery", content.recovery, judge)


def judge(moment, facts):
    said = facts.says_who or facts.says_when or facts.says_choice or facts.says_information
    if not said or not facts.missing:
        return None  # CM117 reports a plan that says nothing; this one a plan that is incomplete
    missing = listing([PARTS[p] for p in facts.missing])
    return Finding(
        _("the recovery plan of `{id}` ({name}), \"{recovery}\", does not say {missing}").format(
            id=moment.id, name=moment.name, recovery=moment.recovery, missing=missing),
        moment.at("recovery"),
        moment.id,
        subject="+".join(facts.missing),
        plain=_("when it fails, the plan \"{recovery}\" does not say {missing}").format(
            recovery=moment.recovery, missing=missing),
    )


RULE = rule_from_module(
    __name__,
    code="CM125",
    name="incomplete-recovery",
    severity=Severity.WARNING,
    summary=_("Recovery plan that leaves out who acts, how soon or what the customer may choose"),
    hint=_("add to `recovery:` the missing parts: who acts, how soon, what the customer may choose"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, recovery: The duty manager steps in}\n  - {id: b, name: Room, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, recovery: The duty manager offers another room or a discount within 10 min}\n  - {id: b, name: Room, kind: routine}\n",
    check=check,
    preview=True,
    reason=_("An upset customer needs to know who will act, how soon, and what they can choose; each part a "
             "plan leaves out is a question nobody has agreed the answer to."),
    advice=_("add to the plan the parts it leaves out (who steps in, how soon, what the customer can choose) "
             "and train it"),
)
