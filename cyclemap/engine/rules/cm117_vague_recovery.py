"""CM117 vague-recovery: a recovery plan that says neither who, nor when, nor what the customer is offered.

What it checks
    That every `recovery` a moment states names at least one of: who acts (a role), when
    or how fast (a number or a time), what the customer may choose (a refund, a new
    appointment, a replacement, a discount), or what the customer is told (a message
    with the new date, a call back). "Apologise" alone is reported.

Why it matters
    An upset customer has basic needs: to be treated kindly and understood, but also to be
    informed, to be offered options, to keep some control and to be treated fairly. An
    apology meets the first two at best. A plan that names who steps in, how soon, and
    what the customer can choose is one the front line can carry out on a bad day, and
    a recovered complaint keeps most of those customers.

How to fix
    Write the plan as a short instruction: who ("the duty manager"), when ("within
    10 min"), and the options offered ("a new time slot or a refund"). Train it.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._content import field_findings
from cyclemap.engine import content


def check(ctx):
    return field_findings(ctx, "recovery", content.recovery, judge)


def judge(moment, facts):
    if not (facts.says_who or facts.says_when or facts.says_choice or facts.says_information):
        return Finding(
            _("the recovery plan of `{id}` ({name}), \"{recovery}\", says neither who acts, nor when, "
              "nor what the customer is offered").format(id=moment.id, name=moment.name, recovery=moment.recovery),
            moment.at("recovery"),
            moment.id,
            plain=_("when it fails, the plan is \"{recovery}\": it says neither who acts, nor how soon, "
                    "nor what the customer can choose").format(recovery=moment.recovery),
        )
    return None


RULE = rule_from_module(
    __name__,
    code="CM117",
    name="vague-recovery",
    severity=Severity.WARNING,
    summary=_("Recovery plan with no who, when or options"),
    hint=_("write `recovery:` as who acts, how soon, and what the customer may choose"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, recovery: Pedirle disculpas}\n  - {id: b, name: Room, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, recovery: El gerente de turno ofrece otra habitación o un descuento en menos de 10 min}\n  - {id: b, name: Room, kind: routine}\n",
    check=check,
    reason=_("An upset customer needs more than an apology: information, options, some control and fair "
             "treatment. A complaint handled well keeps most of those customers; a vague plan leaves it to luck."),
    advice=_("write into the plan who steps in, how soon, and what the customer can choose, and train it"),
)
