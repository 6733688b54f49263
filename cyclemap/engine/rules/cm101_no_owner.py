"""CM101 no-owner: a critical moment with no owner.

What it checks
    That every critical moment names an `owner`: the person or role who answers for it.

Why it matters
    The service triangle puts the customer in the middle of strategy, people and
    systems. A critical moment is where the customer decides whether to come back, and
    someone among the people must answer for it: watch its standard, hear its complaints
    and fix it. A moment everyone shares is a moment nobody improves.

How to fix
    Add `owner:` with a role that exists in the organisation chart (e.g. "Branch
    manager", "Head of the call centre"), not a department or "everyone".
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    for moment in ctx.unique():
        if moment.critical and not moment.owner:
            yield Finding(
                Text(f"critical moment `{moment.id}` ({moment.name}) has no owner",
                     f"el momento crítico `{moment.id}` ({moment.name}) no tiene responsable"),
                moment.pos,
                moment.id,
                plain=Text("nobody in particular answers for it", "nadie en particular responde por él"),
            )


DOC_ES = """
CM101 no-owner: un momento crítico sin responsable.

Qué comprueba
    Que cada momento crítico nombre un `owner`: la persona o el cargo que responde por él.

Por qué importa
    El triángulo del servicio pone al cliente en el centro de la estrategia, las personas
    y los sistemas. Un momento crítico es donde el cliente decide si vuelve, y alguien
    entre las personas tiene que responder por él: vigilar su estándar, escuchar sus
    quejas y corregirlo. Un momento que es de todos es un momento que nadie mejora.

Cómo corregirlo
    Añada `owner:` con un cargo que exista en el organigrama (p. ej. "Jefe de sucursal",
    "Jefe del centro de llamadas"), no un departamento ni "todos".
"""

RULE = rule_from_module(
    __name__,
    code="CM101",
    name="no-owner",
    severity=Severity.WARNING,
    summary=Text("Critical moment with no owner", "Momento crítico sin responsable"),
    doc_es=DOC_ES,
    hint=Text("add `owner:` with the role who answers for this moment",
              "añada `owner:` con el cargo que responde por este momento"),
    fails="cyclemap: 1\ntitle: Clinic\nmoments:\n  - {id: a, name: Books, kind: routine}\n  - {id: b, name: Sees the doctor, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Clinic\nmoments:\n  - {id: a, name: Books, kind: routine}\n  - {id: b, name: Sees the doctor, kind: critical, owner: Medical director}\n",
    reason=Text('A decisive moment that nobody answers for is a moment nobody watches, hears complaints about or improves.',
                'Un momento decisivo por el que nadie responde es un momento que nadie vigila, cuyas quejas nadie escucha y que nadie mejora.'),
    advice=Text('name one role that answers for this moment',
                'nombre un cargo que responda por este momento'),
    check=check,
)
