"""CM105 expectation-gap: a moment scored below its expectation by the margin or more.

What it checks
    For every moment with both an `expectation` and a `score`, that the score does not
    fall short of the expectation by the `gap_margin` threshold or more: a share of the
    scale's span, 0.125 by default (half a point on a 1 to 5 scale, 12.5 points on 0 to
    100). Routine moments count too: the gap is what the customer feels. A moment at or
    above its expectation is never a gap. When the expectation sits at the very top of
    the scale, the finding says so: no service can exceed it.

Why it matters
    Quality of service is meeting, and ideally exceeding, what the customer expects, and
    satisfaction is the feeling that the service reached or passed those expectations. A
    moment can score a respectable 4 and still disappoint a customer who expected 4.5: the
    gap, not the score, is what turns into complaints and departures. Gaps also show where
    a promise (advertising, a salesperson, a previous visit) raised expectations that the
    operation does not meet.

How to fix
    Close the gap from either side: improve what the customer receives at this moment,
    or set realistic expectations (say how long it takes, what is needed, what happens
    next). Then measure again. If the expectation value is a guess, replace it with a
    survey question about what customers expected.
"""

from cyclemap.format.diagnostics import Severity, Text
from cyclemap.engine.rules import Finding, Threshold, rule_from_module
from cyclemap.engine.rules._scores import EPSILON, fmt, shortfall, has_gap


def check(ctx):
    top = ctx.cycle.scale[1]
    for moment in ctx.unique():
        if has_gap(moment, ctx.cycle, ctx.config):
            g, s, e = shortfall(moment), moment.score, moment.expectation
            en_pts = "point" if fmt(g) == "1" else "points"
            es_pts = "punto" if fmt(g) == "1" else "puntos"
            at_top = e >= top - EPSILON
            top_en = " (the expectation is the top of the scale: check that customers really expect perfection)" if at_top else ""
            top_es = (" (la expectativa es el máximo de la escala: confirme que los clientes de verdad esperan la "
                      "perfección)") if at_top else ""
            yield Finding(
                Text(f"`{moment.id}` ({moment.name}) scores {fmt(s)} against an expectation of "
                     f"{fmt(e)}: {fmt(g)} {en_pts} short{top_en}",
                     f"`{moment.id}` ({moment.name}) puntúa {fmt(s, 'es')} frente a una expectativa de "
                     f"{fmt(e, 'es')}: {fmt(g, 'es')} {es_pts} por debajo{top_es}"),
                moment.at("score"),
                moment.id,
                plain=Text(f"customers rate it {fmt(s)} where they expect {fmt(e)}: {fmt(g)} {en_pts} short{top_en}",
                           f"los clientes lo califican con {fmt(s, 'es')} cuando esperan {fmt(e, 'es')}: "
                           f"{fmt(g, 'es')} {es_pts} por debajo{top_es}"),
            )


DOC_ES = """
CM105 expectation-gap: un momento puntuado bajo su expectativa por el margen o más.

Qué comprueba
    En cada momento con `expectation` y `score`, que la puntuación no quede por debajo de la
    expectativa por el umbral `gap_margin` o más: una fracción del recorrido de la
    escala, 0,125 por defecto (medio punto en una escala de 1 a 5, 12,5 puntos en una de 0
    a 100). Los momentos rutinarios también cuentan: la brecha es lo que siente el
    cliente. Un momento en su expectativa o por encima nunca es una brecha. Si la
    expectativa está en el máximo de la escala, el hallazgo lo dice: ningún servicio
    puede superarla.

Por qué importa
    La calidad en el servicio es cumplir, y mejor exceder, lo que el cliente espera, y la
    satisfacción es la sensación de que el servicio alcanzó o superó esas expectativas. Un
    momento puede puntuar un respetable 4 y aun así decepcionar a un cliente que esperaba
    4,5: la brecha, no la puntuación, es lo que se vuelve queja y abandono. Las brechas también
    muestran dónde una promesa (publicidad, un vendedor, una visita anterior) subió una
    expectativa que la operación no cumple.

Cómo corregirlo
    Cierre la brecha por cualquiera de los dos lados: mejore lo que el cliente recibe en
    este momento, o ajuste lo que se promete a lo que se puede cumplir (diga cuánto tarda,
    qué se necesita, qué pasa después). Luego vuelva a medir. Si la expectativa es una suposición,
    reemplácela por una pregunta de encuesta sobre qué esperaban los clientes.
"""

RULE = rule_from_module(
    __name__,
    code="CM105",
    name="expectation-gap",
    severity=Severity.WARNING,
    summary=Text("Score below expectation by the margin or more",
                 "Puntuación bajo la expectativa por el margen o más"),
    doc_es=DOC_ES,
    hint=Text("improve what the customer receives here, or set realistic expectations",
              "mejore lo que el cliente recibe aquí, o ajuste lo que se promete a lo que se puede cumplir"),
    fails="cyclemap: 1\ntitle: Cinema\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, expectation: 4.5, score: 3.6}\n  - {id: b, name: Watches the film, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Cinema\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, expectation: 4.5, score: 4.3}\n  - {id: b, name: Watches the film, kind: critical}\n",
    check=check,
    thresholds=(Threshold("gap_margin", 0.125, 0.0, inclusive=True, doc=Text(
        "a score below expectation by at least this share of the scale's span is an expectation gap",
        "una puntuación bajo la expectativa en al menos esta fracción de la escala es una brecha")),),
    reason=Text("What customers expect, not the score alone, decides whether they are satisfied: a gap here "
                "is disappointment, and disappointed customers mostly leave without saying why.",
                "Lo que el cliente espera, y no la puntuación sola, decide si queda satisfecho: una brecha aquí "
                "es decepción, y el cliente decepcionado casi siempre se va sin decir por qué."),
    advice=Text("improve what customers receive here, or promise only what the moment can deliver "
                "(how long it takes, what is needed, what happens next)",
                "mejore lo que el cliente recibe aquí, o prometa solo lo que el momento puede cumplir "
                "(cuánto tarda, qué se necesita, qué pasa después)"),
)
