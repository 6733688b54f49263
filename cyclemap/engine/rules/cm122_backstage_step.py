"""CM122 backstage-step: a step the customer never sees, mapped as a moment of truth.

What it checks
    That no moment's name describes work done out of the customer's sight: "processed
    internally", "back office", "filed", "without the customer", "behind the scenes".
    A cycle that describes an internal customer (the name or the `customer` says so) is
    left alone: there, the colleague is the customer.

Why it matters
    A moment of truth is a contact in which the customer meets some part of the
    organisation and forms an impression of it. Work behind the scenes matters, but the
    customer judges only what reaches them: its result (the call that confirms, the card
    that arrives). Mapped as a moment of truth, a backstage step takes the team's
    attention from the contacts customers actually live, and cannot be rated by them.

How to fix
    Take the step out of the customer's cycle (it belongs in the service blueprint,
    behind the line of visibility) and map instead the moment where its result reaches
    the customer, with the standard the backstage work must meet to make it good.
"""

import re

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.audience import internal_customer
from cyclemap.engine.rules._wording import plain as normalise

_BACKSTAGE = re.compile(
    r"\b(?:internamente|back ?office|trastienda|sin que el cliente|sin el cliente|el cliente no (?:lo |la )?ve|"
    r"se archiva|se concilia|internally|behind the scenes|backstage|without the customer|"
    r"the customer does not see|is archived|is filed|gets filed|is reconciled)\b")


def out_of_sight(moment, cycle) -> bool:
    """The moment is a step the customer never sees (its name says so), in a cycle whose
    customer is not an internal one."""
    if internal_customer(cycle):
        return False
    return bool(_BACKSTAGE.search(normalise(moment.name)))


def check(ctx):
    for moment in ctx.unique():
        if out_of_sight(moment, ctx.cycle):
            yield Finding(
                _("`{id}` ({name}) happens out of the customer's sight: it is a backstage step, "
                  "not a moment of truth").format(id=moment.id, name=moment.name),
                moment.pos,
                moment.id,
                plain=_("customers never see this step: it is work behind the scenes, not a moment of truth"),
            )


RULE = rule_from_module(
    __name__,
    code="CM122",
    name="backstage-step",
    severity=Severity.WARNING,
    summary=_("Step the customer never sees, mapped as a moment of truth"),
    hint=_("replace it with the moment where its result reaches the customer"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Applies for a card, kind: critical}\n  - {id: b, name: Application is processed internally, kind: routine}\n  - {id: c, name: Receives the card, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Applies for a card, kind: critical}\n  - {id: b, name: Gets a text that the card is on its way, kind: routine}\n  - {id: c, name: Receives the card, kind: critical}\n",
    check=check,
    reason=_("Customers judge only what reaches them. A step they never see cannot be rated by them, and "
             "mapping it as a contact takes attention from the moments they actually live."),
    advice=_("take the step out of the customer's cycle and map instead the moment where its result reaches "
             "the customer (a confirmation, a delivery), with the standard the work behind it must meet"),
)
