"""CM102 no-standard: a critical moment with no service standard.

What it checks
    That every critical moment states a `standard`: what good service is there, in terms
    someone can measure or observe.

Why it matters
    At the top of the service triangle sits the service strategy, made concrete in
    service standards and in what each person's job is; staff are evaluated against
    them. Without a standard, "good service" at a critical moment is an opinion: it cannot
    be trained, measured, or defended when a customer says it failed.

How to fix
    Add `standard:` with something observable and, where possible, a number: "greeted by
    name within 10 s", "answer before the second ring", "documents listed in the first
    call". Avoid adjectives such as "friendly" or "fast" on their own.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    for moment in ctx.unique():
        if moment.critical and not moment.standard:
            yield Finding(
                Text(f"critical moment `{moment.id}` ({moment.name}) has no service standard",
                     f"el momento crítico `{moment.id}` ({moment.name}) no tiene estándar de servicio"),
                moment.pos,
                moment.id,
                plain=Text("nothing says what good service is here", "nada dice qué es un buen servicio aquí"),
            )


DOC_ES = """
CM102 no-standard: un momento crítico sin estándar de servicio.

Qué comprueba
    Que cada momento crítico declare un `standard`: qué es un buen servicio ahí, en
    términos que alguien pueda medir u observar.

Por qué importa
    En la cima del triángulo del servicio está la estrategia, que se concreta en
    estándares de servicio y en la descripción de las funciones de cada persona; con ellos
    se evalúa el desempeño. Sin estándar, el "buen servicio" en un momento crítico es una
    opinión: no se puede entrenar, medir ni defender cuando el cliente dice que falló.

Cómo corregirlo
    Añada `standard:` con algo observable y, si se puede, un número: "saludo por el nombre
    en menos de 10 s", "contestar antes del segundo timbre", "requisitos listados en la
    primera llamada". Evite adjetivos como "amable" o "rápido" solos.
"""

RULE = rule_from_module(
    __name__,
    code="CM102",
    name="no-standard",
    severity=Severity.WARNING,
    summary=Text("Critical moment with no service standard", "Momento crítico sin estándar de servicio"),
    doc_es=DOC_ES,
    hint=Text("add `standard:` with something observable, ideally with a number",
              "añada `standard:` con algo observable, idealmente con un número"),
    fails="cyclemap: 1\ntitle: Call\nmoments:\n  - {id: a, name: Calls, kind: critical}\n  - {id: b, name: Hangs up, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Call\nmoments:\n  - {id: a, name: Calls, kind: critical, standard: Answered before the second ring}\n  - {id: b, name: Hangs up, kind: routine}\n",
    reason=Text('Without a standard, good service here is an opinion: it cannot be trained, measured or defended when a customer says it failed.',
                'Sin un estándar, el buen servicio aquí es una opinión: no se puede enseñar, medir ni defender cuando el cliente dice que falló.'),
    advice=Text('agree on a standard the team can observe, ideally with a number or a time ("greeted within 10 s")',
                'acuerde un estándar que el equipo pueda observar, idealmente con una cifra o un tiempo ("saludo en menos de 10 s")'),
    check=check,
)
