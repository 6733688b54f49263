"""CM121 thin-evidence: a score that rests on too few answers to be sure of.

What it checks
    That every score that says how many answers it rests on (`responses`, or the rows of
    a ratings CSV) has at least `min_responses` of them (20 by default). Fewer answers
    are reported as information: the score is shown as uncertain, and the critique never
    ranks it above problems that are well measured.

Why it matters
    The report card is only as good as the number of customers who filled it in. With a
    handful of answers one unhappy or delighted customer moves the mean by a whole point,
    and the team may spend its effort on the wrong moment or celebrate too early.

How to fix
    Collect more answers for this moment before acting on its score: extend the survey
    period, ask at the moment itself, or merge it with a similar moment in the survey.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.evidence import score_evidence
from cyclemap.engine.rules import Finding, Threshold, rule_from_module


def check(ctx):
    least = ctx.config.threshold("min_responses")
    for moment in ctx.unique():
        ev = score_evidence(moment, ctx.cycle.scale)
        if ev is not None and ev.n is not None and ev.n < least:
            many_en = "answer" if ev.n == 1 else "answers"
            many_es = "respuesta" if ev.n == 1 else "respuestas"
            yield Finding(
                Text(f"the score of `{moment.id}` ({moment.name}) rests on {ev.n} {many_en}, fewer than {least:g}",
                     f"la puntuación de `{moment.id}` ({moment.name}) se basa en {ev.n} {many_es}, menos de {least:g}"),
                moment.at("responses") if "responses" in moment.positions else moment.at("score"),
                moment.id,
                plain=Text(f"its rating rests on only {ev.n} {many_en}: too few to be sure",
                           f"su puntuación se basa en solo {ev.n} {many_es}: muy pocas para estar seguros"),
            )


DOC_ES = """
CM121 thin-evidence: una puntuación basada en muy pocas respuestas para estar seguros.

Qué comprueba
    Que cada puntuación que dice en cuántas respuestas se basa (`responses`, o las filas
    de un CSV de calificaciones) tenga al menos `min_responses` (20 por defecto). Con
    menos, se informa como aviso: la puntuación se muestra como incierta y la crítica
    nunca la pone por delante de problemas bien medidos.

Por qué importa
    La libreta de calificaciones vale lo que valen las respuestas que la llenan. Con un
    puñado de respuestas, un solo cliente molesto o encantado mueve el promedio un punto
    entero, y el equipo puede gastar su esfuerzo en el momento equivocado o celebrar
    antes de tiempo.

Cómo corregirlo
    Reúna más respuestas para este momento antes de actuar según su puntuación: alargue
    la encuesta, pregunte en el mismo momento, o júntelo en la encuesta con otro momento
    parecido.
"""

RULE = rule_from_module(
    __name__,
    code="CM121",
    name="thin-evidence",
    severity=Severity.INFO,
    summary=Text("Score resting on too few answers", "Puntuación basada en muy pocas respuestas"),
    doc_es=DOC_ES,
    hint=Text("collect more answers before acting on this score",
              "reúna más respuestas antes de actuar según esta puntuación"),
    fails="cyclemap: 1\ntitle: Clinic\nmoments:\n  - {id: a, name: Consultation, kind: critical, score: 2.1, responses: 4}\n  - {id: b, name: Pays, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Clinic\nmoments:\n  - {id: a, name: Consultation, kind: critical, score: 2.1, responses: 140}\n  - {id: b, name: Pays, kind: routine}\n",
    check=check,
    thresholds=(Threshold("min_responses", 20, 1, whole=True, inclusive=True, doc=Text(
        "a score resting on fewer answers than this is uncertain and ranks after well-measured problems",
        "una puntuación con menos respuestas que estas es incierta y va después de los problemas bien medidos")),),
    reason=Text("With a handful of answers one customer moves the mean by a whole point: act on it only once "
                "more customers have answered.",
                "Con un puñado de respuestas un solo cliente mueve el promedio un punto entero: actúe según ella "
                "solo cuando hayan respondido más clientes."),
    advice=Text("collect more answers for this moment before acting on its rating",
                "reúna más respuestas para este momento antes de actuar según su puntuación"),
)
