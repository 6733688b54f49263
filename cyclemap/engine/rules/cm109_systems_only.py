"""CM109 systems-only: a critical moment carried by systems alone.

What it checks
    That no critical moment has `carried_by: systems`: each critical moment has people
    in it (`people` or `both`).

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


def check(ctx):
    for moment in ctx.unique():
        if moment.critical and moment.carried_by == "systems":
            yield Finding(
                Text(f"critical moment `{moment.id}` ({moment.name}) is carried by systems alone, with no person in reach",
                     f"el momento crítico `{moment.id}` ({moment.name}) lo llevan solo sistemas, sin una persona al alcance"),
                moment.at("carried_by"),
                moment.id,
            )


DOC_ES = """
CM109 systems-only: un momento crítico llevado solo por sistemas.

Qué comprueba
    Que ningún momento crítico tenga `carried_by: systems`: cada momento crítico tiene
    personas (`people` o `both`).

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
    check=check,
)
