"""CM104 moment-of-misery: a critical moment scored below the acceptable level.

What it checks
    That no critical moment has a `score` below the acceptable level: by default 60 % of
    the way up the scale (3.4 on a 1 to 5 scale). Set it with the `acceptable_score`
    threshold: a share of the scale (0.6), or a score on it (3.5).

Why it matters
    A moment of truth that goes wrong becomes a moment of misery, and at a critical one
    the customer decides about the whole service. Few unhappy customers say so: about 4 %
    complain, the other 96 % simply leave and 91 % never return. A low score on a critical
    moment is the report card telling you that customers are leaving quietly from there.
    A service that does not meet expectations is, in the course's words, bad service.

How to fix
    Start here. Talk to the owner and the front line, read the comments behind the score,
    and fix the cause (capacity, training, a broken system, a missing step). Check that the
    moment has a standard and a recovery plan, and measure again after the change.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, Threshold, rule_from_module
from cyclemap.engine.rules._scores import fmt, is_miserable, misery_line


def check(ctx):
    line = misery_line(ctx.cycle, ctx.config)
    for moment in ctx.unique():
        if moment.critical and is_miserable(moment, ctx.cycle, ctx.config):
            s, e = moment.score, moment.expectation
            expect_en = f" where they expect {fmt(e)}" if e is not None else ""
            expect_es = f" cuando esperan {fmt(e, 'es')}" if e is not None else ""
            yield Finding(
                Text(f"critical moment `{moment.id}` ({moment.name}) scores {fmt(s)}, "
                     f"below the acceptable {fmt(line)}: a moment of misery",
                     f"el momento crítico `{moment.id}` ({moment.name}) puntúa {fmt(s, 'es')}, "
                     f"bajo el aceptable {fmt(line, 'es')}: un momento de miseria"),
                moment.at("score"),
                moment.id,
                plain=Text(f"customers rate this decisive moment {fmt(s)}{expect_en}, below the acceptable "
                           f"{fmt(line)}: a moment of misery",
                           f"los clientes califican este momento decisivo con {fmt(s, 'es')}{expect_es}, bajo el "
                           f"aceptable {fmt(line, 'es')}: un momento de miseria"),
            )


DOC_ES = """
CM104 moment-of-misery: un momento crítico puntuado bajo el nivel aceptable.

Qué comprueba
    Que ningún momento crítico tenga un `score` bajo el nivel aceptable: por defecto el
    60 % de la escala (3,4 en una escala de 1 a 5). Se ajusta con el umbral
    `acceptable_score`: una fracción de la escala (0.6) o una puntuación de la escala (3.5).

Por qué importa
    Un momento de verdad que sale mal se vuelve un momento de miseria, y en uno crítico el
    cliente decide sobre todo el servicio. Pocos clientes insatisfechos lo dicen: cerca
    del 4 % se queja, el otro 96 % simplemente se va y el 91 % nunca regresa. Una puntuación
    baja en un momento crítico es la libreta de calificaciones diciendo que los clientes se van
    en silencio desde ahí. Un servicio que no cumple las expectativas es, en palabras del
    curso, un servicio malo.

Cómo corregirlo
    Empiece por aquí. Hable con el responsable y con la primera línea, lea los comentarios
    detrás de la puntuación y corrija la causa (capacidad, formación, un sistema que falla, un
    paso que falta). Verifique que el momento tenga estándar y plan de recuperación, y
    vuelva a medir después del cambio.
"""

RULE = rule_from_module(
    __name__,
    code="CM104",
    name="moment-of-misery",
    severity=Severity.WARNING,
    summary=Text("Critical moment scored below the acceptable level",
                 "Momento crítico puntuado bajo el nivel aceptable"),
    doc_es=DOC_ES,
    hint=Text("find the cause with the owner and the front line, fix it, and measure again",
              "busque la causa con el responsable y la primera línea, corríjala y vuelva a medir"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Arrives, kind: routine}\n  - {id: b, name: Waits in line, kind: critical, score: 2.3}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Arrives, kind: routine}\n  - {id: b, name: Waits in line, kind: critical, score: 3.8}\n",
    check=check,
    reason=Text("At a critical moment the customer decides about the whole service. Few unhappy customers "
                "complain (about 4 in 100); most simply leave and never come back, so a low rating here means "
                "customers are leaving quietly.",
                "En un momento crítico el cliente decide sobre todo el servicio. Pocos clientes insatisfechos se "
                "quejan (cerca de 4 de cada 100); la mayoría se va y no vuelve, así que una puntuación baja aquí "
                "significa que los clientes se están yendo en silencio."),
    advice=Text("with the person in charge and the front line, find the cause behind the rating "
                "(capacity, training, a failing system, a missing step), fix it and measure again",
                "con el responsable y la primera línea, busque la causa detrás de la "
                "puntuación (capacidad, formación, un sistema que falla, un paso que falta), corríjala y "
                "vuelva a medir"),
    thresholds=(Threshold("acceptable_score", 0.6, 0.0, doc=Text(
        "a critical moment scored below this share of the scale is a moment of misery",
        "un momento crítico puntuado bajo esta fracción de la escala es un momento de miseria")),),
)
