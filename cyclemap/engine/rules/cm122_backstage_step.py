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

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._wording import plain as normalise

_BACKSTAGE = re.compile(
    r"\b(?:internamente|back ?office|trastienda|sin que el cliente|sin el cliente|el cliente no (?:lo |la )?ve|"
    r"se archiva|se concilia|internally|behind the scenes|backstage|without the customer|"
    r"the customer does not see|is archived|is filed|gets filed|is reconciled)\b")
_INTERNAL_CUSTOMER = re.compile(r"\b(?:cliente interno|internal customer|colaborador|colleague)\b")


def check(ctx):
    cycle = ctx.cycle
    if _INTERNAL_CUSTOMER.search(normalise(f"{cycle.title} {cycle.customer or ''}")):
        return
    for moment in ctx.unique():
        if _BACKSTAGE.search(normalise(moment.name)):
            yield Finding(
                Text(f"`{moment.id}` ({moment.name}) happens out of the customer's sight: it is a backstage step, "
                     "not a moment of truth",
                     f"`{moment.id}` ({moment.name}) ocurre fuera de la vista del cliente: es un paso interno, no un "
                     "momento de verdad"),
                moment.pos,
                moment.id,
                plain=Text("customers never see this step: it is work behind the scenes, not a moment of truth",
                           "el cliente nunca ve este paso: es trabajo interno, no un momento de verdad"),
            )


DOC_ES = """
CM122 backstage-step: un paso que el cliente nunca ve, puesto como momento de verdad.

Qué comprueba
    Que el nombre de ningún momento describa trabajo hecho fuera de la vista del
    cliente: "se procesa internamente", "back office", "se archiva", "sin el cliente",
    "trastienda". Un ciclo de cliente interno (lo dice el título o el `customer`) queda
    fuera: ahí el compañero es el cliente.

Por qué importa
    Un momento de verdad es un contacto en el que el cliente se encuentra con alguna
    parte de la organización y se forma una impresión de ella. El trabajo interno
    importa, pero el cliente solo juzga lo que le llega: su resultado (la llamada que
    confirma, la tarjeta que llega). Puesto como momento de verdad, un paso interno
    quita atención a los contactos que el cliente de verdad vive, y el cliente no puede
    calificarlo.

Cómo corregirlo
    Saque el paso del ciclo del cliente (va en el plano del servicio, detrás de la línea
    de visibilidad) y ponga en su lugar el momento en que su resultado llega al cliente,
    con el estándar que el trabajo interno debe cumplir para que salga bien.
"""

RULE = rule_from_module(
    __name__,
    code="CM122",
    name="backstage-step",
    severity=Severity.WARNING,
    summary=Text("Step the customer never sees, mapped as a moment of truth",
                 "Paso que el cliente nunca ve, puesto como momento de verdad"),
    doc_es=DOC_ES,
    hint=Text("replace it with the moment where its result reaches the customer",
              "reemplácelo por el momento en que su resultado llega al cliente"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Applies for a card, kind: critical}\n  - {id: b, name: Application is processed internally, kind: routine}\n  - {id: c, name: Receives the card, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Applies for a card, kind: critical}\n  - {id: b, name: Gets a text that the card is on its way, kind: routine}\n  - {id: c, name: Receives the card, kind: critical}\n",
    check=check,
    reason=Text("Customers judge only what reaches them. A step they never see cannot be rated by them, and "
                "mapping it as a contact takes attention from the moments they actually live.",
                "El cliente solo juzga lo que le llega. Un paso que nunca ve no lo puede calificar, y ponerlo como "
                "contacto quita atención a los momentos que de verdad vive."),
    advice=Text("take the step out of the customer's cycle and map instead the moment where its result reaches "
                "the customer (a confirmation, a delivery), with the standard the work behind it must meet",
                "saque el paso del ciclo del cliente y ponga en su lugar el momento en que su resultado le llega "
                "(una confirmación, una entrega), con el estándar que debe cumplir el trabajo interno"),
)
