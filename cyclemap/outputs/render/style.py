"""The visual language of every diagram: shapes, line weights, the score colours, the
marks, and the bilingual words of the legend. One place, so the three layouts and the
legend can never disagree.

Colour is never the only carrier of meaning:
- critical moments: square corners, a double border, a heavy line and the tag "◆ CRITICAL";
  routine moments: rounded corners, a thin single border;
- score against expectation: a diverging blue–orange scale (ColorBrewer's PuOr/RdBu family,
  safe for the common colour-vision deficiencies and in greyscale as light→dark), and the
  numbers themselves ("3.1 / 4") are printed in the moment;
- findings: a dark badge "⚠ n" and the codes in the moment.
"""

from __future__ import annotations

from cyclemap.format.diagnostics import Text

FONT = "Helvetica"  # Graphviz's SVG maps it to "Helvetica,sans-Serif"; wasm Graphviz has its metrics
WRAP = 22  # characters per line in a moment's name

# One palette and one number format for every picture: `cyclemap.outputs.look`.
from cyclemap.outputs.look import (  # noqa: E402,F401
    BAND, BANDS, CLOSING, EDGE, FINDING, INK, MUTED, Band, band_for, gap_margin, number,
)


# Words on the diagrams.
T = {
    "critical": Text("◆ CRITICAL", "◆ CRÍTICO"),
    "routine": Text("routine", "rutina"),
    "customer": Text("Customer", "Cliente"),
    "service_level": Text("Service level", "Nivel de servicio"),
    "no_scores": Text("no scores yet", "aún sin puntuaciones"),
    "moments": Text("{n} {n?moment|moments}, {c} critical", "{n} {n?momento|momentos}, {c} {c?crítico|críticos}"),
    "legend": Text("Legend", "Leyenda"),
    "legend_critical": Text("critical moment: square corners, double heavy border",
                            "momento crítico: esquinas rectas, borde doble y grueso"),
    "legend_routine": Text("routine moment: rounded corners, thin border",
                           "momento rutinario: esquinas redondeadas, borde fino"),
    "legend_number": Text("order in which the customer meets the moment",
                          "orden en que el cliente vive el momento"),
    "legend_score": Text("score / expectation (report card)", "puntuación / expectativa (libreta de calificaciones)"),
    "legend_findings": Text("n weak points found here; codes below (cyclemap explain CODE)",
                            "n puntos débiles aquí; códigos debajo (cyclemap explain CÓDIGO)"),
    "legend_next": Text("the customer goes on to the next moment", "el cliente pasa al momento siguiente"),
    "legend_branch": Text("branch, taken when its condition holds", "desvío, cuando se cumple su condición"),
    "legend_closing": Text("back to the first moment: the cycle closes", "vuelta al primer momento: el ciclo se cierra"),
    "legend_colour": Text("fill: score against expectation", "relleno: puntuación frente a lo esperado"),
    "cycle_findings": Text("Weak points of the whole cycle", "Puntos débiles del ciclo entero"),
    "back_to_start": Text("↻ again", "↻ de nuevo"),
    "score_missing": Text("no score", "sin puntuación"),
    "lane_customer": Text("Customer", "Cliente"),
    "lane_front": Text("Front stage", "Escenario (frente)"),
    "lane_back": Text("Back stage", "Tras bambalinas"),
    "lane_support": Text("Support systems", "Sistemas de apoyo"),
    "line_interaction": Text("line of interaction", "línea de interacción"),
    "line_visibility": Text("line of visibility", "línea de visibilidad"),
    "line_internal": Text("line of internal interaction", "línea de interacción interna"),
    "legend_lanes": Text(
        "lanes: customer = self-service and digital; front stage = face-to-face, phone and "
        "premises with staff; back stage = people out of sight (mail, other); support = systems alone",
        "carriles: cliente = autoservicio y digital; escenario = cara a cara, teléfono e "
        "instalaciones con personal; tras bambalinas = personas fuera de la vista (correo, otro); "
        "apoyo = solo sistemas"),
}
