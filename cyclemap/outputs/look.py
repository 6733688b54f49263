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
    short: Text  # the legend's one-word name
    # The legend's long words: `band_text`, composed from the cycle's own margin.


BANDS = (
    Band("far_below", "#e66101", "▼▼", _p("legend: a moment's band", "far below")),
    Band("below", "#fdb863", "▼", _p("legend: a moment's band", "below")),
    Band("near", "#fee0b6", "▽", _p("legend: a moment's band", "just under")),
    Band("meets", "#d1e5f0", "●", _p("legend: a moment's band", "meets")),
    Band("exceeds", "#92c5de", "▲", _p("legend: a moment's band", "exceeds")),
    Band("unscored", "#ffffff", "○", _p("legend: a moment's band", "no score")),
)
BAND = {b.key: b for b in BANDS}


def gap_margin(cycle, config) -> float:
    """The band margin in the cycle's own points: the engine's one source
    (`engine.rules._scores.margin`, from the checked cycle's `gap_margin` setting), so the
    picture's bands and the critique judge a moment the same way."""
    from cyclemap.engine.rules._scores import margin

    return margin(cycle, config)


def band_for(score: float | None, expectation: float | None, scale: tuple[float, float],
             margin: float) -> Band:
    """The band of a moment, `margin` from `gap_margin(cycle, settings)`. Without an
    expectation the engine's stand-in (`engine.evidence.expected_level`) is used, as in the
    service level."""
    from cyclemap.engine.evidence import STAND_IN_EXPECTATION_SHARE
    from cyclemap.engine.rules._scores import EPSILON

    if score is None:
        return BAND["unscored"]
    low, high = scale
    expected = expectation if expectation is not None else low + STAND_IN_EXPECTATION_SHARE * (high - low)
    gap = score - expected
    if gap <= -2 * margin + EPSILON:
        return BAND["far_below"]
    if gap <= -margin + EPSILON:
        return BAND["below"]
    if gap < 0:
        return BAND["near"]
    if gap < margin - EPSILON:
        return BAND["meets"]
    return BAND["exceeds"]


def band_text(band: Band, margin: float) -> Text:
    """The legend's words for a band, composed from the actual margin (½ point on 1 to 5
    with the default settings; another `gap_margin` says its own figures)."""
    from cyclemap.format.i18n import Number, _n

    def points(value: float, digits: int = 2) -> Number:
        return Number(value, digits)

    def plural(value: float) -> int:
        return 1 if abs(value - 1) < 1e-9 else 2

    m, far = margin, 2 * margin
    if band.key == "far_below":
        return _n("far below expectation ({far} point or more)", "far below expectation ({far} points or more)",
                  plural(far)).format(far=points(far))
    if band.key == "below":
        return _n("below expectation ({m} to {far} point)", "below expectation ({m} to {far} points)",
                  plural(far)).format(m=points(m), far=points(far))
    if band.key == "near":
        return _n("just under expectation (less than {m} point)", "just under expectation (less than {m} points)",
                  plural(m)).format(m=points(m))
    if band.key == "exceeds":
        return _n("exceeds expectation ({m} point or more)", "exceeds expectation ({m} points or more)",
                  plural(m)).format(m=points(m))
    if band.key == "meets":
        return _("meets expectation")
    return _("no score yet")


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


LRM = "\u200e"


def isolate_lines(lines: list[str]) -> list[str]:
    """Lines of a picture's label, each a paragraph of its own direction-wise: an isolate
    that a wrap cut across lines is closed at the end of each line and opened again on the
    next, and a line holding right-to-left text starts with a left-to-right mark, so every
    renderer (pango, which takes a line's direction from its first strong letter, and
    resvg, which starts left to right) orders the line the same way."""
    out, depth = [], 0
    for line in lines:
        opened = depth
        for ch in line:
            if ch in (FSI, "\u2066", "\u2067"):
                depth += 1
            elif ch == PDI and depth:
                depth -= 1
        text = FSI * opened + line + PDI * depth
        out.append(LRM + text if any(_bidi(ch) for ch in line) else text)
    return out
