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

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._wording import recovery_parts


def check(ctx):
    for moment in ctx.unique():
        if moment.recovery and not any(recovery_parts(moment.recovery).values()):
            yield Finding(
                Text(f"the recovery plan of `{moment.id}` ({moment.name}), \"{moment.recovery}\", says neither who "
                     "acts, nor when, nor what the customer is offered",
                     f"el plan de recuperación de `{moment.id}` ({moment.name}), \"{moment.recovery}\", no dice "
                     "quién actúa, ni cuándo, ni qué se le ofrece al cliente"),
                moment.at("recovery"),
                moment.id,
                plain=Text(f"when it fails, the plan is \"{moment.recovery}\": it says neither who acts, nor how soon, "
                           "nor what the customer can choose",
                           f"cuando falla, el plan es \"{moment.recovery}\": no dice quién actúa, ni en cuánto tiempo, "
                           "ni qué puede elegir el cliente"),
            )


DOC_ES = """
CM117 vague-recovery: un plan de recuperación que no dice quién, ni cuándo, ni qué se ofrece al cliente.

Qué comprueba
    Que cada `recovery` que declara un momento nombre al menos una de estas cosas: quién
    actúa (un cargo), cuándo o en cuánto tiempo (una cifra o un tiempo), o qué puede
    elegir el cliente (un reembolso, una nueva cita, un reemplazo, un descuento), o qué
    se le informa (un mensaje con la nueva fecha, una llamada). "Pedirle disculpas" solo
    se informa.

Por qué importa
    Un cliente molesto tiene necesidades básicas: que lo traten con amabilidad y lo
    comprendan, pero también que lo informen, que le ofrezcan opciones, sentir algo de
    control y que lo traten con justicia. Una disculpa atiende, como mucho, las dos
    primeras. Un plan que dice quién interviene, en cuánto tiempo y qué puede elegir el
    cliente es un plan que la primera línea puede cumplir en un mal día, y una queja bien
    resuelta conserva a la mayoría de esos clientes.

Cómo corregirlo
    Escriba el plan como una instrucción breve: quién ("el gerente de turno"), cuándo
    ("en menos de 10 min") y qué opciones se ofrecen ("otra hora o la devolución del
    dinero"). Entrénelo.
"""

RULE = rule_from_module(
    __name__,
    code="CM117",
    name="vague-recovery",
    severity=Severity.WARNING,
    summary=Text("Recovery plan with no who, when or options",
                 "Plan de recuperación sin quién, cuándo ni opciones"),
    doc_es=DOC_ES,
    hint=Text("write `recovery:` as who acts, how soon, and what the customer may choose",
              "escriba en `recovery:` quién actúa, en cuánto tiempo y qué puede elegir el cliente"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, recovery: Pedirle disculpas}\n  - {id: b, name: Room, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, recovery: El gerente de turno ofrece otra habitación o un descuento en menos de 10 min}\n  - {id: b, name: Room, kind: routine}\n",
    check=check,
    reason=Text("An upset customer needs more than an apology: information, options, some control and fair "
                "treatment. A complaint handled well keeps most of those customers; a vague plan leaves it to luck.",
                "Un cliente molesto necesita más que una disculpa: información, opciones, algo de control y un trato "
                "justo. Una queja bien resuelta conserva a la mayoría de esos clientes; un plan vago la deja al azar."),
    advice=Text("write the plan as who steps in, how soon, and what the customer can choose, and train it",
                "escriba el plan como quién interviene, en cuánto tiempo y qué puede elegir el cliente, y "
                "entrénelo"),
)
