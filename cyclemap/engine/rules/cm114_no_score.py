"""CM114 no-score: a critical moment with no score.

What it checks
    That every critical moment has a `score` (the customers' rating of what they
    received), from the file or from a ratings CSV (`--ratings`). When no moment of the
    cycle has a score yet, one finding for the whole cycle says so instead of one per
    moment.

Why it matters
    The report card, in which the people who receive a service rate it, is how an
    organisation learns what the customer perceived, not what it believes it delivered.
    Following it up continuously is what guarantees knowing the customer's perception. A
    critical moment with no score is one where the customer decides about the service
    and the organisation does not know what they decided.

How to fix
    Measure it: a one-question survey at or after the moment, table cards, a rating at the
    end of a call. Put the mean in `score` and the number of answers in `responses`, or
    keep the raw answers in a CSV and pass it with `--ratings`.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    moments = ctx.unique()
    if not any(m.score is not None for m in moments):
        if any(m.critical for m in moments):
            yield Finding(
                Text("no moment has a score yet: the cycle has no report card to judge the critical moments by",
                     "ningún momento tiene puntuación todavía: el ciclo no tiene libreta de calificaciones para juzgar los momentos críticos"),
                ctx.cycle.at("moments"),
                plain=Text("no customer has rated any moment yet", "ningún cliente ha calificado todavía ningún momento"),
            )
        return
    for moment in moments:
        if moment.critical and moment.score is None:
            yield Finding(
                Text(f"critical moment `{moment.id}` ({moment.name}) has no score",
                     f"el momento crítico `{moment.id}` ({moment.name}) no tiene puntuación"),
                moment.pos,
                moment.id,
                plain=Text("customers have not rated it yet", "los clientes todavía no lo han calificado"),
            )


DOC_ES = """
CM114 no-score: un momento crítico sin puntuación.

Qué comprueba
    Que cada momento crítico tenga un `score` (la calificación de los clientes a lo que
    recibieron), del archivo o de un CSV de calificaciones (`--ratings`). Cuando ningún
    momento del ciclo tiene puntuación todavía, un solo hallazgo para todo el ciclo lo dice en
    lugar de uno por momento.

Por qué importa
    La libreta de calificaciones, en la que quienes reciben un servicio lo califican, es
    cómo una organización sabe lo que el cliente percibió, no lo que cree haber entregado.
    Hacerle un seguimiento permanente es lo que garantiza conocer la percepción del
    cliente. Un momento crítico sin puntuación es uno en el que el cliente decide sobre el
    servicio y la organización no sabe qué decidió.

Cómo corregirlo
    Mídalo: una encuesta de una pregunta en el momento o después, tarjetas en la mesa, una
    calificación al final de la llamada. Ponga el promedio en `score` y el número de
    respuestas en `responses`, o guarde las respuestas en un CSV y páselo con `--ratings`.
"""

RULE = rule_from_module(
    __name__,
    code="CM114",
    name="no-score",
    severity=Severity.WARNING,
    summary=Text("Critical moment with no score", "Momento crítico sin puntuación"),
    doc_es=DOC_ES,
    hint=Text("measure it: add `score` and `responses`, or pass a ratings CSV with --ratings",
              "mídalo: añada `score` y `responses`, o pase un CSV de calificaciones con --ratings"),
    fails="cyclemap: 1\ntitle: Café\nmoments:\n  - {id: a, name: Orders, kind: routine, score: 4.1}\n  - {id: b, name: Gets the coffee, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Café\nmoments:\n  - {id: a, name: Orders, kind: routine, score: 4.1}\n  - {id: b, name: Gets the coffee, kind: critical, score: 4.4}\n",
    reason=Text('Without ratings from customers, nobody knows whether this decisive moment works; the team is guessing.',
                'Sin calificaciones de los clientes, nadie sabe si este momento decisivo funciona; el equipo está adivinando.'),
    advice=Text('ask customers to rate this moment (a report card of the cycle)',
                'pida a los clientes que califiquen este momento (una libreta de calificaciones del ciclo)'),
    check=check,
)
