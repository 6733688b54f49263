"""CM008 outside-scale: an expectation or score outside the cycle's rating scale.

What it checks
    That every moment's `expectation` and `score` lie within `scale` (default [1, 5]).

Why it matters
    Scores come from the customers' report card: they only mean something against the
    scale the survey used. A 7 on a 1–5 scale is a typo or a survey on another scale,
    and either way every comparison built on it (gaps, service level) would be wrong.

How to fix
    Correct the value, or declare the scale the survey used, e.g. `scale: [0, 10]`.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._scores import fmt


def check(ctx):
    low, high = ctx.cycle.scale
    for moment in ctx.cycle.moments:
        for key in ("expectation", "score"):
            value = getattr(moment, key)
            if value is not None and not (low <= value <= high):
                yield Finding(
                    Text(f"`{key}` {value:g} of `{moment.id}` is outside the scale [{low:g}, {high:g}]",
                         f"`{key}` {fmt(value, 'es')} de `{moment.id}` está fuera de la escala "
                         f"[{fmt(low, 'es')}; {fmt(high, 'es')}]"),
                    moment.at(key),
                    moment.id,
                    subject=key,
                )


DOC_ES = """
CM008 outside-scale: una expectativa o puntuación fuera de la escala del ciclo.

Qué comprueba
    Que `expectation` y `score` de cada momento estén dentro de `scale` (por defecto [1, 5]).

Por qué importa
    Las puntuaciones vienen de la libreta de calificaciones de los clientes: solo tienen
    sentido frente a la escala de la encuesta. Un 7 en una escala de 1 a 5 es una errata o
    una encuesta con otra escala, y todo lo que se calcule con él (brechas, nivel de
    servicio) saldría mal.

Cómo corregirlo
    Corrija el valor, o declare la escala de la encuesta, p. ej. `scale: [0, 10]`.
"""

RULE = rule_from_module(
    __name__,
    code="CM008",
    name="outside-scale",
    severity=Severity.ERROR,
    summary=Text("An expectation or score outside the scale", "Una expectativa o puntuación fuera de la escala"),
    doc_es=DOC_ES,
    hint=Text("correct the value or declare the survey's `scale`", "corrija el valor o declare la `scale` de la encuesta"),
    fails="cyclemap: 1\ntitle: Off scale\nmoments:\n  - {id: a, name: A, kind: critical, score: 7}\n  - {id: b, name: B, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Off scale\nscale: [0, 10]\nmoments:\n  - {id: a, name: A, kind: critical, score: 7}\n  - {id: b, name: B, kind: routine}\n",
    check=check,
)
