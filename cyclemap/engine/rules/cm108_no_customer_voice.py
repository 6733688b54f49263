"""CM108 no-customer-voice: no moment collects complaints or ratings.

What it checks
    That at least one moment has `feedback: true`: a moment where the customer can
    complain, compliment or rate the service (a complaints desk, a survey, a call back).

Why it matters
    Of the customers who are unhappy with a service, only about 4 % complain; the other
    96 % simply leave, and 91 % never come back. Yet 7 out of 10 who complain return if
    the complaint is handled. A cycle with no moment for the customer's voice hears
    nobody, and loses even the few who would have said something. Complaints and
    compliments are one of the elements of service, and the report card (customers
    rating what they received) is how the organisation learns where it stands.

How to fix
    Add a moment where the customer's voice is collected and mark it `feedback: true`: a
    short survey after the visit, a complaints channel that answers, a call back after a
    critical moment. Make sure someone owns it and that it feeds the `score`s of the
    other moments.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    if ctx.cycle.moments and not any(m.feedback for m in ctx.cycle.moments):
        yield Finding(
            Text("no moment collects the customer's voice (complaints, compliments, ratings)",
                 "ningún momento recoge la voz del cliente (quejas, felicitaciones, calificaciones)"),
            ctx.cycle.at("moments"),
            plain=Text("no moment invites customers to complain, praise or rate the service",
                       "ningún momento invita al cliente a quejarse, felicitar o calificar el servicio"),
        )


DOC_ES = """
CM108 no-customer-voice: ningún momento recoge quejas ni calificaciones.

Qué comprueba
    Que al menos un momento tenga `feedback: true`: un momento en el que el cliente pueda
    quejarse, felicitar o calificar el servicio (un buzón de quejas, una encuesta, una
    llamada de seguimiento).

Por qué importa
    De los clientes insatisfechos con un servicio, solo cerca del 4 % se queja; el otro
    96 % simplemente se va y el 91 % nunca regresa. En cambio, 7 de cada 10 que se quejan
    vuelven si su queja se atiende. Un ciclo sin un momento para la voz del cliente no
    escucha a nadie, y pierde incluso a los pocos que habrían dicho algo. Los reclamos y
    cumplidos son uno de los elementos del servicio, y la libreta de calificaciones (los
    clientes califican lo que recibieron) es cómo la organización sabe dónde está.

Cómo corregirlo
    Añada un momento en que se recoja la voz del cliente y márquelo `feedback: true`: una
    encuesta corta después de la visita, un canal de quejas que responda, una llamada de
    seguimiento después de un momento crítico. Asegúrese de que tenga responsable y de que
    alimente los `score` de los demás momentos.
"""

RULE = rule_from_module(
    __name__,
    code="CM108",
    name="no-customer-voice",
    severity=Severity.WARNING,
    summary=Text("No moment collects complaints or ratings", "Ningún momento recoge quejas ni calificaciones"),
    doc_es=DOC_ES,
    hint=Text("add a moment that collects complaints or ratings, with `feedback: true`",
              "añada un momento que recoja quejas o calificaciones, con `feedback: true`"),
    fails="cyclemap: 1\ntitle: Shop\nmoments:\n  - {id: a, name: Buys, kind: critical}\n  - {id: b, name: Leaves, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Shop\nmoments:\n  - {id: a, name: Buys, kind: critical}\n  - {id: b, name: Rates the visit, kind: routine, feedback: true}\n",
    reason=Text('Only about 4 in 100 unhappy customers complain; the rest leave, and 91 in 100 never return. Without a moment that invites their voice, the service learns of its failures from empty chairs.',
                'Solo cerca de 4 de cada 100 clientes insatisfechos se quejan; los demás se van, y 91 de cada 100 no vuelven. Sin un momento que invite su voz, el servicio se entera de sus fallas por las sillas vacías.'),
    advice=Text('add a moment where customers are asked how it went (a short survey, a follow-up call, a visible way to complain) and make sure someone reads it',
                'añada un momento en que se pregunte al cliente cómo le fue (una encuesta breve, una llamada de seguimiento, una forma visible de quejarse) y asegúrese de que alguien lo lea'),
    check=check,
)
