"""CM109 systems-only: a critical moment carried by systems alone.

What it checks
    That no critical moment has `carried_by: systems`: each critical moment has people
    in it (`people` or `both`). Two cases are not reported: a moment whose `recovery`
    names a person who steps in when the system fails (the human part is within reach),
    and a moment of the material part, held in the facilities (`channel: facilities`: a
    hotel room, a cinema seat), where what serves the customer is a thing, not a system.

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

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._wording import names_a_role


def check(ctx):
    for moment in ctx.unique():
        if not (moment.critical and moment.carried_by == "systems"):
            continue
        if moment.channel == "facilities" or (moment.recovery and names_a_role(moment.recovery)):
            continue  # the material part, or a person steps in when the system fails
        yield Finding(
            Text(f"critical moment `{moment.id}` ({moment.name}) is carried by systems alone, with no person in reach",
                 f"el momento crítico `{moment.id}` ({moment.name}) lo llevan solo sistemas, sin una persona al alcance"),
            moment.at("carried_by"),
            moment.id,
            plain=Text("it is left to machines and forms, with nobody within reach to notice it going wrong",
                       "queda en manos de máquinas y formularios, sin nadie al alcance que note cuando va mal"),
        )


DOC_ES = """
CM109 systems-only: un momento crítico llevado solo por sistemas.

Qué comprueba
    Que ningún momento crítico tenga `carried_by: systems`: cada momento crítico tiene
    personas (`people` o `both`). Dos casos no se informan: un momento cuya `recovery`
    nombra a una persona que interviene cuando el sistema falla (la parte humana está al
    alcance), y un momento de la parte material, en las instalaciones (`channel:
    facilities`: una habitación de hotel, una butaca de cine), donde lo que atiende al
    cliente es una cosa, no un sistema.

Por qué importa
    Toda interacción de servicio tiene una parte material, una humana y una de sistemas, y
    "la parte humana es la ganadora": aunque lo material y los sistemas funcionen bien, si
    la parte humana falla se rompe la cadena de servicio. En la parte humana es donde
    entran los sentimientos y donde se le demuestra al cliente que se le respeta como
    persona. Un momento crítico dejado a una máquina, un formulario web o un turnero no
    tiene a nadie que note que va mal, que escuche o que ofrezca opciones.

Cómo corregirlo
    Ponga a una persona al alcance del momento: alguien que vigile la fila, una opción
    visible de "hablar con una persona", una llamada cuando el sistema falla. Regístrelo
    como `carried_by: both` y nombre el `owner` y la `recovery`.
"""

RULE = rule_from_module(
    __name__,
    code="CM109",
    name="systems-only",
    severity=Severity.WARNING,
    summary=Text("Critical moment carried by systems alone", "Momento crítico llevado solo por sistemas"),
    doc_es=DOC_ES,
    hint=Text("put a person within reach of this moment (`carried_by: both`)",
              "ponga a una persona al alcance de este momento (`carried_by: both`)"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Takes a ticket, kind: critical, carried_by: systems}\n  - {id: b, name: Is served, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Takes a ticket, kind: critical, carried_by: both}\n  - {id: b, name: Is served, kind: routine}\n",
    reason=Text("The human part of a service is the one that wins or loses the customer: a decisive moment left "
                "to a machine has nobody to notice, listen or offer options when it goes wrong.",
                "La parte humana del servicio es la que gana o pierde al cliente: un momento decisivo dejado a una "
                "máquina no tiene a nadie que note, escuche u ofrezca opciones cuando va mal."),
    advice=Text("put a person within reach: someone who watches it, a visible way to talk to a person, a call "
                "back when the system fails",
                "ponga a una persona al alcance: alguien que lo vigile, una forma visible de hablar con una persona, "
                "una llamada cuando el sistema falla"),
    check=check,
)
