"""The one look of every picture a client sees: the palette, the marks that carry
meaning without colour, and the number format. Diagram, curve, handout table, deck and
exports read them from here, so a moment is the same colour, the same mark and the same
number everywhere.

Colour is never alone: each band of "score against expectation" has a mark (a shape a
black-and-white photocopy keeps) and its fills step in lightness from dark (far below)
to light, then blue for at or above expectation.
"""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.i18n import Text, _, _p

INK = "#222222"
MUTED = "#555555"
EDGE = "#4d4d4d"
CLOSING = "#2166ac"
FINDING = "#b2182b"  # the weak-point badge's border (always with its number, never alone)
RING = "#9aa5b1"
SECTOR = ("#c5d0dc", "#e4e9ef")  # stage sectors on the dial's rim, alternating


@dataclass(frozen=True)
class Band:
    key: str
    fill: str
    mark: str  # the shape that carries the band without colour
    text: Text
    short: Text  # the legend's one-word name


BANDS = (
    Band("far_below", "#e66101", "▼▼", _("far below expectation (1 point or more)"),
         _p("legend: a moment's band", "far below")),
    Band("below", "#fdb863", "▼", _("below expectation (½ to 1 point)"), _p("legend: a moment's band", "below")),
    Band("near", "#fee0b6", "▽", _("just under expectation (less than ½ point)"),
         _p("legend: a moment's band", "just under")),
    Band("meets", "#d1e5f0", "●", _("meets expectation"), _p("legend: a moment's band", "meets")),
    Band("exceeds", "#92c5de", "▲", _("exceeds expectation (½ point or more)"),
         _p("legend: a moment's band", "exceeds")),
    Band("unscored", "#ffffff", "○", _("no score yet"), _p("legend: a moment's band", "no score")),
)
BAND = {b.key: b for b in BANDS}


def gap_margin(scale: tuple[float, float]) -> float:
    """Half a point on a 1–5 scale, in the cycle's own scale."""
    low, high = scale
    return 0.5 * (high - low) / 4.0


def band_for(score: float | None, expectation: float | None, scale: tuple[float, float]) -> Band:
    """The band of a moment. Without an expectation, 70 % of the scale stands in, as in
    the service level (`cyclemap.engine.service_level`)."""
    if score is None:
        return BAND["unscored"]
    low, high = scale
    expected = expectation if expectation is not None else low + 0.7 * (high - low)
    gap = score - expected
    margin = gap_margin(scale)
    if gap <= -2 * margin:
        return BAND["far_below"]
    if gap <= -margin:
        return BAND["below"]
    if gap < 0:
        return BAND["near"]
    if gap < margin:
        return BAND["meets"]
    return BAND["exceeds"]


# Isolation marks: a name written right to left (or holding a bidi override) stays inside
# its own run and can never reorder the program's words around it.
FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """`text` wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE when it holds any
    right-to-left letter or bidi control; plain left-to-right text is returned as it is."""
    if any(_bidi(ch) for ch in text):
        return FSI + text + PDI
    return text


def _bidi(ch: str) -> bool:
    code = ord(ch)
    return (0x0590 <= code <= 0x08FF or 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF
            or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or code in (0x200E, 0x200F, 0x061C))
