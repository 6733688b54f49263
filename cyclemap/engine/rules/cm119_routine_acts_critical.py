"""CM119 routine-acts-critical: a routine moment with a large, well-measured gap.

What it checks
    That no routine moment falls short of its expectation by twice the gap margin or more
    (a full point on a 1 to 5 scale by default), or below the acceptable level, on a score
    that rests on at least `min_responses` answers.

Why it matters
    Separating critical moments from routine ones is the point of mapping the cycle, and
    the critique focuses on the critical ones. A routine moment that customers rate this
    far below what they expect is behaving like a critical one: it is where they are
    making up their minds, whatever the map says, and it gets no owner, standard or
    recovery plan because it is tagged routine.

How to fix
    Ask the team whether the moment is really routine for customers. If it decides
    anything for them, mark it `kind: critical` and give it an owner, a standard and a
    recovery plan; if not, close its gap as any other.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.evidence import score_evidence
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._scores import EPSILON, fmt, shortfall, is_miserable, margin


def check(ctx):
    least = ctx.config.threshold("min_responses")
    wide = 2 * margin(ctx.cycle, ctx.config)
    for moment in ctx.unique():
        if moment.critical or moment.score is None:
            continue
        ev = score_evidence(moment, ctx.cycle.scale)
        if ev is None or ev.n is None or ev.n < least:
            continue
        g = shortfall(moment)
        if (g is not None and g >= wide - EPSILON) or is_miserable(moment, ctx.cycle, ctx.config):
            yield Finding(
                Text(f"routine moment `{moment.id}` ({moment.name}) scores {fmt(moment.score)} on {ev.n} answers, "
                     "far below what customers expect: it behaves like a critical moment",
                     f"el momento rutinario `{moment.id}` ({moment.name}) puntúa {fmt(moment.score, 'es')} con "
                     f"{ev.n} respuestas, muy por debajo de lo que esperan los clientes: se comporta como un "
                     "momento crítico"),
                moment.at("kind"),
                moment.id,
                plain=Text("it is treated as routine, yet customers judge it as harshly as a decisive moment",
                           "se trata como rutinario, pero los clientes lo juzgan con la dureza de un momento "
                           "decisivo"),
            )


DOC_ES = """
CM119 routine-acts-critical: un momento rutinario con una brecha grande y bien medida.

Qué comprueba
    Que ningún momento rutinario quede por debajo de su expectativa en el doble del margen
    de brecha o más (un punto entero en una escala de 1 a 5, por defecto), o bajo el
    nivel aceptable, con una puntuación basada en al menos `min_responses` respuestas.

Por qué importa
    Separar los momentos críticos de los rutinarios es el sentido de hacer el mapa del
    ciclo, y la crítica se concentra en los críticos. Un momento rutinario que los
    clientes califican tan por debajo de lo que esperan se comporta como crítico: ahí se
    están formando una opinión, diga lo que diga el mapa, y no tiene responsable,
    estándar ni plan de recuperación porque está marcado como rutinario.

Cómo corregirlo
    Pregunte al equipo si el momento es de verdad rutinario para el cliente. Si decide
    algo para él, márquelo `kind: critical` y dele responsable, estándar y plan de
    recuperación; si no, cierre su brecha como cualquier otra.
"""

RULE = rule_from_module(
    __name__,
    code="CM119",
    name="routine-acts-critical",
    severity=Severity.WARNING,
    summary=Text("Routine moment with a large, well-measured gap",
                 "Momento rutinario con una brecha grande y bien medida"),
    doc_es=DOC_ES,
    hint=Text("if the moment decides anything for customers, mark it `kind: critical`",
              "si el momento decide algo para el cliente, márquelo `kind: critical`"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical}\n  - {id: b, name: Parking, kind: routine, expectation: 4, score: 2.6, responses: 180}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical}\n  - {id: b, name: Parking, kind: routine, expectation: 4, score: 3.8, responses: 180}\n",
    check=check,
    reason=Text("Telling critical moments from routine ones is the point of the map. A routine moment rated this "
                "far below expectation is where customers are making up their minds, yet nobody is set to look "
                "after it.",
                "Distinguir los momentos críticos de los rutinarios es el sentido del mapa. Un momento rutinario "
                "calificado tan por debajo de lo esperado es donde el cliente se está formando una opinión, y "
                "nadie está a cargo de cuidarlo."),
    advice=Text("ask the team whether this moment is really routine for customers; if it decides anything for "
                "them, treat it as critical, with someone in charge, a standard and a recovery plan",
                "pregunte al equipo si este momento es de verdad rutinario para el cliente; si decide algo para "
                "él, trátelo como crítico, con un responsable, un estándar y un plan de recuperación"),
)
