"""CM122 backstage-step: a step the customer never sees, mapped as a moment of truth.

What it checks
    That no moment's name describes work the organisation does without the customer:
    who acts is a role, a team, a department or a system, and the customer takes no part
    ("Credit department validates the documents", "Se archiva la historia clínica",
    "Registro da reclamação no CRM"). A moment where someone of the organisation acts
    with or for the customer ("the waiter takes the order", "the analyst e-mails the
    customer") is a moment of truth. A cycle that describes an internal customer (the
    title or the `customer` says so) is left alone: there, the colleague is the customer.

Why it matters
    A moment of truth is a contact in which the customer meets some part of the
    organisation and forms an impression of it. Work behind the scenes matters, but the
    customer judges only what reaches them: its result (the call that confirms, the card
    that arrives). Mapped as a moment of truth, a backstage step takes the team's
    attention from the contacts customers actually live, and cannot be rated by them.

How to fix
    Keep the step as context, not as a moment: write it in the `backstage:` list of the
    moment it serves (the blueprint's back-stage row, behind the line of visibility),
    and map instead the moment where its result reaches the customer, with the standard
    the backstage work must meet to make it good.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine import content
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    cycle = ctx.cycle
    if content.internal_customer(f"{cycle.title}. {cycle.customer or ''}", cycle.language):
        return
    for moment in ctx.unique():
        if content.step(moment.name, cycle.language).backstage:
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
    hint=_("move it into the `backstage:` list of the moment it serves, and map the moment where its result "
           "reaches the customer"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Applies for a card, kind: critical}\n  - {id: b, name: Credit department validates the application, kind: routine}\n  - {id: c, name: Receives the card, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - id: a\n    name: Applies for a card\n    kind: critical\n  - id: b\n    name: Gets a text that the card is on its way\n    kind: routine\n    backstage: [Credit department validates the application]\n  - {id: c, name: Receives the card, kind: critical}\n",
    check=check,
    reason=_("Customers judge only what reaches them. A step they never see cannot be rated by them, and "
             "mapping it as a contact takes attention from the moments they actually live."),
    advice=_("take the step out of the customer's cycle and map instead the moment where its result reaches "
             "the customer (a confirmation, a delivery), with the standard the work behind it must meet"),
)
