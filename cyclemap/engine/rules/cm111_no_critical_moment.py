"""CM111 no-critical-moment: no moment is marked critical.

What it checks
    That at least one moment has `kind: critical`.

Why it matters
    Mapping the moments of truth is meant to separate the critical moments (those where
    the customer decides whether the service is good and whether to come back) from the
    routine ones. A cycle where everything is routine has not made that choice yet: the
    team cannot tell where to put its best people, standards and recovery plans, and the
    critique has nothing to focus on.

How to fix
    With the team, ask of each moment: "if this goes wrong, does the customer think less
    of the whole service, or leave?" Mark those `kind: critical`. Usually a few moments
    of a cycle are critical, not most of them.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    if ctx.cycle.moments and not any(m.critical for m in ctx.cycle.moments):
        yield Finding(
            Text("no moment is marked critical: the cycle does not say where the customer decides",
                 "ningún momento está marcado como crítico: el ciclo no dice dónde decide el cliente"),
            ctx.cycle.at("moments"),
            plain=Text("no moment is singled out as one where customers decide",
                       "ningún momento se señala como uno en que el cliente decide"),
        )


DOC_ES = """
CM111 no-critical-moment: ningún momento está marcado como crítico.

Qué comprueba
    Que al menos un momento tenga `kind: critical`.

Por qué importa
    Hacer el mapa de los momentos de verdad sirve para separar los momentos críticos
    (aquellos en los que el cliente decide si el servicio es bueno y si vuelve) de los
    rutinarios. Un ciclo donde todo es rutina aún no ha hecho esa elección: el equipo no
    sabe dónde poner a su mejor gente, sus estándares y sus planes de recuperación, y la
    crítica no tiene en qué enfocarse.

Cómo corregirlo
    Con el equipo, pregunte de cada momento: "si esto sale mal, ¿el cliente piensa peor de
    todo el servicio, o se va?". Marque esos como `kind: critical`. Normalmente unos pocos
    momentos del ciclo son críticos, no la mayoría.
"""

RULE = rule_from_module(
    __name__,
    code="CM111",
    name="no-critical-moment",
    severity=Severity.WARNING,
    summary=Text("No moment is marked critical", "Ningún momento está marcado como crítico"),
    doc_es=DOC_ES,
    hint=Text("mark the moments where the customer decides as `kind: critical`",
              "marque como `kind: critical` los momentos donde el cliente decide"),
    fails="cyclemap: 1\ntitle: Gym\nmoments:\n  - {id: a, name: Signs up, kind: routine}\n  - {id: b, name: Trains, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Gym\nmoments:\n  - {id: a, name: Signs up, kind: critical}\n  - {id: b, name: Trains, kind: routine}\n",
    reason=Text('Mapping the cycle is meant to single out the moments where customers decide; until that is done, nobody knows where to put the best people, standards and recovery plans.',
                'El mapa del ciclo sirve para señalar los momentos en que el cliente decide; mientras no se haga, nadie sabe dónde poner a la mejor gente, los estándares y los planes de recuperación.'),
    advice=Text('with the team, ask of each moment whether a failure there makes customers think worse of the whole service, and treat those as decisive',
                'con el equipo, pregunte de cada momento si una falla ahí hace que el cliente piense peor de todo el servicio, y trate esos como decisivos'),
    check=check,
)
