"""CM115 vague-standard: a service standard that nobody can measure or observe.

What it checks
    That every `standard` a moment states holds a number, a count or a time ("within
    10 s", "before the second ring"), or describes a behaviour in enough words to observe
    it. A standard made of a wish ("friendly service", "fast") is reported.

Why it matters
    The service strategy becomes real through its standards: what good service is at each
    moment, so that people can be trained, evaluated and supported against it. "Be
    friendly" cannot be measured, cannot be defended when a customer says it failed, and
    every employee reads it differently, so the moment is left to each person's mood.

How to fix
    Rewrite the standard as something you could check on a video of the moment, ideally
    with a number: "greets the guest by name within 10 s of arrival", "offers a seat and
    water when the wait passes 5 min". Keep the wish as the reason behind the standard.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._wording import vague


def check(ctx):
    for moment in ctx.unique():
        if moment.standard and vague(moment.standard):
            yield Finding(
                Text(f"the standard of `{moment.id}` ({moment.name}), \"{moment.standard}\", has no number, "
                     "time or observable behaviour",
                     f"el estándar de `{moment.id}` ({moment.name}), \"{moment.standard}\", no tiene cifra, "
                     "tiempo ni conducta observable"),
                moment.at("standard"),
                moment.id,
                plain=Text(f"its standard, \"{moment.standard}\", is a wish: nobody can measure or observe it",
                           f"su estándar, \"{moment.standard}\", es un deseo: nadie puede medirlo ni observarlo"),
            )


DOC_ES = """
CM115 vague-standard: un estándar de servicio que nadie puede medir ni observar.

Qué comprueba
    Que cada `standard` que declara un momento tenga una cifra, una cantidad o un tiempo
    ("en menos de 10 s", "antes del segundo timbre"), o describa una conducta con
    palabras suficientes para observarla. Un estándar hecho de un deseo ("atención
    amable", "rápido") se informa.

Por qué importa
    La estrategia de servicio se hace real en sus estándares: qué es un buen servicio en
    cada momento, para formar, evaluar y apoyar a las personas con ellos. "Sea amable" no
    se puede medir ni defender cuando un cliente dice que falló, y cada empleado lo
    entiende a su manera: el momento queda al ánimo de cada uno.

Cómo corregirlo
    Reescriba el estándar como algo que se pueda comprobar viendo un video del momento,
    idealmente con una cifra: "saluda al huésped por su nombre en menos de 10 s", "ofrece
    asiento y agua si la espera pasa de 5 min". Deje el deseo como la razón del estándar.
"""

RULE = rule_from_module(
    __name__,
    code="CM115",
    name="vague-standard",
    severity=Severity.WARNING,
    summary=Text("Service standard with no number, time or observable behaviour",
                 "Estándar de servicio sin cifra, tiempo ni conducta observable"),
    doc_es=DOC_ES,
    hint=Text("rewrite `standard:` as something observable, with a number or a time",
              "reescriba `standard:` como algo observable, con una cifra o un tiempo"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, standard: Atender al huésped con amabilidad}\n  - {id: b, name: Room, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, standard: Saluda al huésped por su nombre en menos de 10 s}\n  - {id: b, name: Room, kind: routine}\n",
    check=check,
    reason=Text("A standard is what people are trained and evaluated against; a wish such as \"be friendly\" "
                "means something different to each employee and cannot be checked.",
                "Un estándar es aquello con lo que se forma y evalúa al personal; un deseo como \"sea amable\" "
                "cada empleado lo entiende a su manera y nadie puede comprobarlo."),
    advice=Text("rewrite the standard as a behaviour you could check on a video of the moment, with a number "
                "or a time",
                "reescriba el estándar como una conducta que se pueda comprobar viendo el momento, con una cifra "
                "o un tiempo"),
)
