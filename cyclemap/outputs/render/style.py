"""The visual language of every diagram: shapes, line weights, the score colours, the
marks, and the words of the legend (catalogue entries, said in the diagram's language). One place, so the three layouts and the
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

from cyclemap.format.i18n import _, _n, _p, join

FONT = "Helvetica"  # Graphviz's SVG maps it to "Helvetica,sans-Serif"; wasm Graphviz has its metrics
WRAP = 22  # characters per line in a moment's name

# One palette for every picture: `cyclemap.outputs.look`; one number format, by the
# language's locale: `cyclemap.format.i18n.number`.
from cyclemap.outputs.look import (  # noqa: E402,F401
    BAND, BANDS, CLOSING, EDGE, FINDING, INK, MUTED, Band, band_for, band_text, gap_margin,
)


# Words on the diagrams.
T = {
    "critical": _("◆ CRITICAL"),
    "routine": _p("the tag of a routine moment on the diagram", "routine"),
    "customer": _("Customer"),
    "customer_is": _("Customer: {customer}"),
    "level_is": _("Service level: {level}"),
    "no_scores": _("no scores yet"),
    "legend": _("Legend"),
    "legend_critical": _("critical moment: square corners, double heavy border"),
    "legend_routine": _("routine moment: rounded corners, thin border"),
    "legend_number": _("order in which the customer meets the moment"),
    "legend_score": _("score / expectation (report card)"),
    "legend_findings": _("⚠ n: the n-th weak point of the critique; below, the codes of what was found here "
                         "(cyclemap explain CODE)"),
    "legend_next": _("the customer goes on to the next moment"),
    "legend_branch": _("branch, taken when its condition holds"),
    "legend_closing": _("back to the first moment: the cycle closes"),
    "legend_colour": _("fill: score against expectation"),
    "cycle_findings": _("Weak points of the whole cycle"),
    "back_to_start": _("↻ again"),
    "score_missing": _p("a moment without a score, on the diagram", "no score"),
    "lane_customer": _("Customer"),
    "lane_front": _("Front stage"),
    "lane_back": _("Back stage"),
    "lane_support": _("Support systems"),
    "line_interaction": _("line of interaction"),
    "line_visibility": _("line of visibility"),
    "line_internal": _("line of internal interaction"),
    "legend_lanes": _(
        "lanes: customer = self-service and digital; front stage = face-to-face, phone and "
        "premises with staff; back stage = people out of sight (mail, other); support = systems alone"),
    # A branch's condition drawn on its link, as a question (Spanish opens it with ¿).
    "when": _p("a branch's condition, drawn on its link", "{when}?"),
}


def moments_count(n: int, critical: int):
    """"5 moments, 2 critical": each count with its own plural."""
    return join([_n("{n} moment", "{n} moments", n), _n("{n} critical", "{n} critical", critical)])
