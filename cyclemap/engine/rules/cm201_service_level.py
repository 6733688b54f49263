"""CM201 service-level: the level of service the scores describe.

What it checks
    When moments have scores, which of the four types of service the cycle shows: dismal
    (most scored critical moments sit in the bottom two-fifths of the scale), poor (on
    average below expectation by the gap margin or more, critical moments weighing
    double, or a critical moment that is a moment of misery or short of its expectation
    by the margin), exceptional (clearly above expectation on average, every critical
    moment meeting its expectation on at least `min_responses` answers, with an owner, a
    standard and a recovery plan, and a moment that collects the customer's voice) or
    normal (everything in between). The finding says what keeps the level from the next
    one up and how sure it is. Where a moment has no `expectation`, 70 % of the scale
    stands in for it. See docs/critique.md.

Why it matters
    The course names four types of service. Dismal service barely exists and customers
    do not return unless forced to. Poor service does not meet expectations: customers
    may come back now and then but end up leaving and speak badly of it. Normal service
    just meets the minimum: customers return but are not loyal, and a better service
    elsewhere can take them. Exceptional service anticipates, meets and exceeds
    expectations: customers recommend it and stay. Naming the level gives the team one
    honest sentence about where it stands.

How to fix
    This is information, not a fault. To move up a level, work on the weak points the
    critique ranks first (moments of misery and expectation gaps on critical moments), and
    measure again.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._scores import fmt


def check(ctx):
    level = ctx.service_level
    if level is None:
        return
    sign = "+" if level.mean_gap >= 0 else "-"
    gap = f"{sign}{fmt(abs(level.mean_gap))}"
    gap_es = gap.replace(".", ",")
    why_en = "".join(f"; {r.en}" for r in level.reasons)
    why_es = "".join(f"; {r.es}" for r in level.reasons)
    yield Finding(
        Text(f"service level: {level.name.en} ({level.description.en}; mean gap {gap} over {level.scored} scored "
             f"moments{why_en}; {level.certainty.en})",
             f"nivel de servicio: {level.name.es} ({level.description.es}; brecha media {gap_es} en {level.scored} "
             f"momentos con puntuación{why_es}; {level.certainty.es})"),
        ctx.cycle.at("title"),
    )


DOC_ES = """
CM201 service-level: el nivel de servicio que describen las puntuaciones.

Qué comprueba
    Cuando los momentos tienen puntuación, cuál de los cuatro tipos de servicio muestra el
    ciclo: pésimo (la mayoría de los momentos críticos calificados están en los dos
    quintos de abajo de la escala), malo (en promedio bajo la expectativa por el margen o
    más, con los momentos críticos pesando el doble, o un momento crítico de miseria o
    bajo su expectativa por el margen), excepcional (claramente sobre la expectativa en
    promedio, cada momento crítico en su expectativa con al menos `min_responses`
    respuestas, con responsable, estándar y plan de recuperación, y un momento que recoge
    la voz del cliente) o normal (todo lo demás). El hallazgo dice qué le impide subir al
    nivel siguiente y cuán seguro es. Si un momento no tiene `expectation`, se usa el 70 %
    de la escala. Vea docs/critique.md.

Por qué importa
    El curso nombra cuatro tipos de servicio. El servicio pésimo casi no existe y el
    cliente no vuelve salvo obligado. El malo no cumple las expectativas: el cliente vuelve
    a veces pero termina por irse y habla mal del lugar. El normal cumple apenas lo
    mínimo: el cliente regresa pero no es leal, y un servicio mejor en otra parte puede
    llevárselo. El excepcional anticipa, cumple y supera las expectativas: el cliente lo
    recomienda y se queda. Nombrar el nivel da al equipo una frase honesta sobre dónde
    está.

Cómo corregirlo
    Es información, no una falla. Para subir de nivel, trabaje los puntos débiles que la
    crítica pone primero (momentos de miseria y brechas de expectativa en momentos
    críticos) y vuelva a medir.
"""

RULE = rule_from_module(
    __name__,
    code="CM201",
    name="service-level",
    severity=Severity.INFO,
    summary=Text("The level of service the scores describe", "El nivel de servicio que describen las puntuaciones"),
    doc_es=DOC_ES,
    hint=Text("work on the weak points ranked first to move up a level",
              "trabaje los puntos débiles que van primero para subir de nivel"),
    fails="cyclemap: 1\ntitle: Shop\nmoments:\n  - {id: a, name: Buys, kind: critical, expectation: 4, score: 3.1}\n  - {id: b, name: Pays, kind: routine, expectation: 4, score: 3.6}\n",
    passes="cyclemap: 1\ntitle: Shop\nmoments:\n  - {id: a, name: Buys, kind: critical, expectation: 4}\n  - {id: b, name: Pays, kind: routine, expectation: 4}\n",
    check=check,
)
