"""CM116 nobody-owner: a moment whose owner is everyone, or no one.

What it checks
    That an `owner`, where given, names a person or a role, not "all staff", "everyone",
    "the team", "nobody" or a placeholder ("TBD", "N/A").

Why it matters
    Someone among the people of the service triangle must answer for each moment: watch
    its standard, hear its complaints and fix it. A moment everyone owns is a moment
    nobody improves: when it fails, each person assumes another will act.

How to fix
    Name one role that exists in the organisation chart ("Front desk manager", "Head of
    the call centre"). Everyone still serves the customer; one person answers for it.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._wording import nobody


def check(ctx):
    for moment in ctx.unique():
        if moment.owner and nobody(moment.owner):
            yield Finding(
                Text(f"the owner of `{moment.id}` ({moment.name}) is \"{moment.owner}\": everyone, or no one",
                     f"el responsable de `{moment.id}` ({moment.name}) es \"{moment.owner}\": todos, o nadie"),
                moment.at("owner"),
                moment.id,
                plain=Text(f"\"{moment.owner}\" answers for it, which means nobody in particular does",
                           f"responde por él \"{moment.owner}\", es decir, nadie en particular"),
            )


DOC_ES = """
CM116 nobody-owner: un momento cuyo responsable es todo el mundo, o nadie.

Qué comprueba
    Que el `owner`, si se indica, nombre a una persona o un cargo, no "todo el
    personal", "todos", "el equipo", "nadie" ni un relleno ("por definir", "N/A").

Por qué importa
    Alguien entre las personas del triángulo del servicio debe responder por cada
    momento: cuidar su estándar, escuchar sus quejas y corregirlo. Un momento de todos es
    un momento que nadie mejora: cuando falla, cada uno supone que otro actuará.

Cómo corregirlo
    Nombre un cargo que exista en el organigrama ("Jefe de recepción", "Jefa del centro
    de llamadas"). Todos siguen atendiendo al cliente; una persona responde por el momento.
"""

RULE = rule_from_module(
    __name__,
    code="CM116",
    name="nobody-owner",
    severity=Severity.WARNING,
    summary=Text("Owner that is everyone, or no one", "Responsable que es todo el mundo, o nadie"),
    doc_es=DOC_ES,
    hint=Text("set `owner:` to one role from the organisation chart",
              "ponga en `owner:` un cargo del organigrama"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, owner: Todo el personal}\n  - {id: b, name: Room, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, owner: Jefe de recepción}\n  - {id: b, name: Room, kind: routine}\n",
    check=check,
    reason=Text("A moment everyone owns is a moment nobody improves: when it fails, each person assumes "
                "someone else will act.",
                "Un momento de todos es un momento que nadie mejora: cuando falla, cada uno supone que otro "
                "actuará."),
    advice=Text("name one role that answers for this moment: watches its standard, hears its complaints and "
                "fixes it",
                "nombre un cargo que responda por este momento: que cuide su estándar, escuche sus quejas y lo "
                "corrija"),
)
