"""The expectation-versus-perception curve, as an SVG line chart drawn here (no chart
library, nothing loaded from anywhere): the moments along the x axis in the customer's
order, the scale on the y axis, a dashed expectation line, a solid score line, the gap
between them shaded (orange and hatched where the service falls short, green where it
exceeds), critical moments as diamonds and routine ones as circles.

Colours are the diagrams' own (`cyclemap.outputs.look`), and nothing is told by colour
alone: the line styles, the hatching and the marker shapes carry the same meaning, so
the chart also reads when printed in black and white.

Every user text is escaped; the output is a string of SVG for inlining into HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.diagnostics import html_text as _esc
from cyclemap.format.i18n import Number, Text, number
from cyclemap.outputs.handout import labels as L
from cyclemap.format.model import Cycle, Moment

from cyclemap.outputs import fonts, look  # noqa: E402  (one palette for diagram, chart and table)

BLUE = look.CLOSING  # score
GREY = look.MUTED  # expectation
ORANGE = look.BAND["far_below"].fill  # falls short
GREEN = look.BAND["exceeds"].fill  # exceeds
INK = look.INK

WIDTH = 720
# Every text's size, in chart units: the handout prints the chart 186 mm wide (527 pt for
# 720 units), where 11 units are 8 pt, the smallest text a printed picture may have.
TEXT = 11
RIGHT = 14
LEGEND_ROW = 16  # the legend sits above the plot, one or two rows
PLOT_HEIGHT = 125
MAX_NAMED = 40  # beyond this many moments, only numbers fit under the axis
NAME_CHARS = 20
SLANT = 32  # degrees; names run down-left from their point
LEVEL_BAND = 72  # units per moment from which names are written level, wrapped
# Text is measured with the bundled font's advance widths (`cyclemap.outputs.fonts`), the
# font the chart names first.
FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Point:
    number: int  # 1-based position in the customer's order
    moment: Moment
    x: float


def _short(name: str, limit: int = NAME_CHARS) -> str:
    """The name on one line of at most `limit` characters, cut at a word when possible."""
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.55:
        cut = cut[:space]
    return cut.rstrip(" ,;:·-") + "…"


LEVEL_LINES = 3


def _level_lines(name: str, room: float, size: float, bold: bool = False) -> list[str]:
    """The name wrapped at words into at most LEVEL_LINES lines, each at most `room` wide
    at `size` (measured in the bundled font); what does not fit ends in an ellipsis, and
    a word longer than a line is cut."""
    def fits(text: str) -> bool:
        return fonts.width(text, size, bold) <= room

    lines: list[str] = []
    for word in " ".join(name.split()).split(" "):
        if lines and fits(lines[-1] + " " + word):
            lines[-1] += " " + word
            continue
        while not fits(word) and len(word) > 1:  # a word wider than the line: cut it
            cut = max(1, max(i for i in range(1, len(word) + 1) if fits(word[:i]) or i == 1))
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    lines = lines or [""]
    if len(lines) > LEVEL_LINES:
        keep = LEVEL_LINES - 1
        rest = " ".join(lines[keep:])
        while len(rest) > 1 and not fits(rest + "…"):
            rest = rest[:-1]
        lines = lines[:keep] + [rest.rstrip(" ,;:·-") + "…"]
    return lines


def _ticks(low: float, high: float) -> list[float]:
    span = high - low
    # At most about six gridlines: a 1–5 scale gets whole numbers, 0–100 gets twenties.
    for step in (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100):
        if span / step <= 6:
            break
    else:
        step = span / 10
    first = low if low % step == 0 else (low // step + 1) * step
    ticks, value = [], first
    while value <= high + 1e-9:
        ticks.append(round(value, 6))
        value += step
    return ticks


def has_data(moments: list[Moment]) -> bool:
    return any(m.expectation is not None or m.score is not None for m in moments)


@dataclass(frozen=True)
class Frame:
    """Where the chart's parts go, in SVG units."""
    size: float  # the names' font size
    named: bool  # names slanted under the axis
    level: bool  # names level, wrapped under each point
    left: float
    band: float  # the width each moment has
    top: float
    bottom: float
    height: float
    low: float
    high: float

    def y(self, value: float) -> float:
        value = min(max(value, self.low), self.high)
        return self.top + (self.high - value) / ((self.high - self.low) or 1.0) * PLOT_HEIGHT


def _frame(cycle: Cycle, moments: list[Moment], legend_rows: int) -> Frame:
    import math

    n = len(moments)
    size = TEXT
    sin = math.sin(math.radians(SLANT))
    # Slanted names need their baselines at least a line apart, or they pile up; with few
    # moments there is room to write names level, wrapped on a few lines, under each point.
    level = n > 0 and (WIDTH - 44 - RIGHT) / n >= LEVEL_BAND
    named = not level and n <= MAX_NAMED and (WIDTH - 44 - RIGHT) / max(n, 1) * sin >= size * 1.15
    longest = max((fonts.width(_short(m.name), size, m.critical) for m in moments), default=0.0) if named else 0.0
    left = 44.0
    if named and n:  # room for the first name's slant to the left of its point
        left = min(max(left, longest * math.cos(math.radians(SLANT)) - (WIDTH - left - RIGHT) / n / 2 + 8), 150.0)
    top = 14 + legend_rows * LEGEND_ROW
    label_band = (30 + longest * sin) if named else (22 + LEVEL_LINES * (size + 2.5) if level else 24)
    low, high = cycle.scale
    return Frame(size, named, level, left, (WIDTH - left - RIGHT) / max(n, 1), top, top + PLOT_HEIGHT,
                 top + PLOT_HEIGHT + label_band, low, high)


def curve_svg(cycle: Cycle, moments: list[Moment], lang: str) -> str:
    """The chart for `moments` (already in the customer's order) as an <svg> string."""
    legend_rows = _legend(lang, 44.0)[1]
    frame = _frame(cycle, moments, legend_rows)
    legend, _rows = _legend(lang, frame.left)
    points = [Point(i + 1, m, frame.left + (i + 0.5) * frame.band) for i, m in enumerate(moments)]
    out: list[str] = [
        f'<svg class="curve" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {frame.height:.0f}" '
        f'role="img" aria-label="{_esc(L.CURVE_ARIA(lang))}" font-family="{FONT_FAMILY}">',
        "<defs>"
        '<pattern id="cm-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{ORANGE}" fill-opacity="0.35"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{ORANGE}" stroke-width="2.2"/></pattern>'
        "</defs>",
        *_grid(cycle, frame, lang),
        *_gaps(points, frame.y),
        *_polylines(points, "expectation", frame.y, f'stroke="{GREY}" stroke-width="1.8" stroke-dasharray="6 4"'),
        *_polylines(points, "score", frame.y, f'stroke="{BLUE}" stroke-width="2.4"'),
    ]
    for p in points:
        out.extend(_point(p, frame, len(points), lang))
    out.append(legend)
    out.append("</svg>")
    return "".join(out)


def _grid(cycle: Cycle, frame: Frame, lang: str) -> list[str]:
    """Gridlines, the scale's numbers and the axes."""
    out = []
    for tick in _ticks(*cycle.scale):
        ty = frame.y(tick)
        out.append(f'<line x1="{frame.left:.1f}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="#d0d0d0" stroke-width="0.8"/>')
        out.append(f'<text x="{frame.left - 6:.1f}" y="{ty + 4:.1f}" font-size="{TEXT}" text-anchor="end" fill="{GREY}">{number(tick, lang)}</text>')
    out.append(f'<line x1="{frame.left:.1f}" y1="{frame.top}" x2="{frame.left:.1f}" y2="{frame.bottom}" stroke="#888" stroke-width="1"/>')
    out.append(f'<line x1="{frame.left:.1f}" y1="{frame.bottom}" x2="{WIDTH - RIGHT}" y2="{frame.bottom}" stroke="#888" stroke-width="1"/>')
    return out


def _gaps(points: list[Point], y) -> list[str]:
    """The gap between the two lines, segment by segment (split where they cross), and
    each moment's own gap as a bar."""
    out = []
    for a, b in zip(points, points[1:]):
        out.extend(_gap_between(a, b, y))
    for p in points:
        m = p.moment
        if m.expectation is not None and m.score is not None and m.score != m.expectation:
            colour = ORANGE if m.score < m.expectation else GREEN
            out.append(f'<line x1="{p.x:.1f}" y1="{y(m.expectation):.1f}" x2="{p.x:.1f}" y2="{y(m.score):.1f}" '
                       f'stroke="{colour}" stroke-width="4" stroke-opacity="0.8"/>')
    return out


def _point(p: Point, frame: Frame, n: int, lang: str) -> list[str]:
    """One moment: its expectation tick, its marker (with a tooltip), and its number and
    name under the axis."""
    m, out = p.moment, []
    tip = L.CURVE_TIP.format(number=p.number, name=m.name,
                             expectation=Number(m.expectation) if m.expectation is not None else "—",
                             score=Number(m.score) if m.score is not None else "—")(lang)
    if m.expectation is not None:
        ey = frame.y(m.expectation)
        out.append(f'<line x1="{p.x - 5:.1f}" y1="{ey:.1f}" x2="{p.x + 5:.1f}" y2="{ey:.1f}" stroke="{GREY}" stroke-width="2"/>')
    value = m.score if m.score is not None else m.expectation
    if value is not None:
        out.append(f"<g><title>{_esc(tip)}</title>{_marker(p.x, frame.y(value), m.critical, filled=m.score is not None)}</g>")
    weight = ' font-weight="bold"' if m.critical else ""
    # With many moments, numbers would collide: label the first and every fifth.
    if n <= 30 or p.number == 1 or p.number % 5 == 0:
        out.append(f'<text x="{p.x:.1f}" y="{frame.bottom + 14:.1f}" font-size="{TEXT}" '
                   f'text-anchor="middle" fill="{INK}"{weight}>{p.number}</text>')
    size = frame.size
    if frame.level:
        lines = _level_lines(m.name, frame.band - size, size, m.critical)
        spans = "".join(f'<tspan x="{p.x:.1f}" dy="{0 if i == 0 else size + 2.5}">{_esc(line)}</tspan>'
                        for i, line in enumerate(lines))
        out.append(f'<text y="{frame.bottom + 29:.1f}" font-size="{size}" text-anchor="middle" fill="{INK}"{weight}>{spans}</text>')
    if frame.named:
        out.append(f'<text transform="translate({p.x + 3:.1f},{frame.bottom + 22:.1f}) rotate(-{SLANT})" font-size="{size}" '
                   f'text-anchor="end" fill="{INK}"{weight}>{_esc(_short(m.name))}</text>')
    return out


def _marker(x: float, y: float, critical: bool, filled: bool) -> str:
    if critical:
        r = 6.5
        fill = INK if filled else "#ffffff"
        return (f'<polygon points="{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}" '
                f'fill="{fill}" stroke="{INK}" stroke-width="1.5"/>')
    fill = "#ffffff"
    stroke = BLUE if filled else GREY
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{fill}" stroke="{stroke}" stroke-width="2"/>'


def _polylines(points: list[Point], attr: str, y, style: str) -> list[str]:
    """One polyline per run of moments that have `attr`; a missing value breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for p in points:
        value = getattr(p.moment, attr)
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((p.x, y(value)))
    out = []
    for run in runs:
        if len(run) >= 2:
            coords = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in run)
            out.append(f'<polyline points="{coords}" fill="none" {style} stroke-linejoin="round"/>')
    return out


def _gap_between(a: Point, b: Point, y) -> list[str]:
    ma, mb = a.moment, b.moment
    if None in (ma.expectation, ma.score, mb.expectation, mb.score):
        return []
    da, db = ma.score - ma.expectation, mb.score - mb.expectation
    pieces: list[tuple[float, float]] = [(0.0, 1.0)]
    if da * db < 0:  # the lines cross: split there
        t = da / (da - db)
        pieces = [(0.0, t), (t, 1.0)]
    out = []
    for t0, t1 in pieces:
        mid = (t0 + t1) / 2
        d = da + (db - da) * mid
        if abs(d) < 1e-9:
            continue
        fill = 'fill="url(#cm-hatch)"' if d < 0 else f'fill="{GREEN}" fill-opacity="0.28"'

        def at(t: float, start: float, end: float) -> float:
            return start + (end - start) * t

        xs = (at(t0, a.x, b.x), at(t1, a.x, b.x))
        es = (at(t0, ma.expectation, mb.expectation), at(t1, ma.expectation, mb.expectation))
        ss = (at(t0, ma.score, mb.score), at(t1, ma.score, mb.score))
        coords = (f"{xs[0]:.1f},{y(es[0]):.1f} {xs[1]:.1f},{y(es[1]):.1f} "
                  f"{xs[1]:.1f},{y(ss[1]):.1f} {xs[0]:.1f},{y(ss[0]):.1f}")
        out.append(f'<polygon points="{coords}" {fill} stroke="none"/>')
    return out


def _legend(lang: str, left: float) -> tuple[str, int]:
    """The legend as SVG (placed above the plot) and how many rows it takes."""
    items: list[tuple[str, Text]] = [
        (f'<line x1="0" y1="0" x2="26" y2="0" stroke="{GREY}" stroke-width="1.8" stroke-dasharray="6 4"/>', L.LEGEND_EXPECTATION),
        (f'<line x1="0" y1="0" x2="26" y2="0" stroke="{BLUE}" stroke-width="2.4"/>', L.LEGEND_SCORE),
        ('<rect x="0" y="-6" width="22" height="12" fill="url(#cm-hatch)"/>', L.LEGEND_SHORT),
        (f'<rect x="0" y="-6" width="22" height="12" fill="{GREEN}" fill-opacity="0.28"/>', L.LEGEND_EXCEEDS),
        (_marker(11, 0, True, True), L.LEGEND_CRITICAL),
        (_marker(11, 0, False, True), L.LEGEND_ROUTINE),
    ]
    out = [f'<g class="legend" transform="translate({left:.0f},8)" font-size="{TEXT}" fill="{INK}">']
    x, row = 0.0, 0
    limit = WIDTH - RIGHT - left
    for swatch, text in items:
        label = text(lang)
        width = 32 + fonts.width(label, TEXT) + 12
        if x > 0 and x + width > limit:
            x, row = 0.0, row + 1
        out.append(f'<g transform="translate({x:.0f},{row * LEGEND_ROW + 6})">{swatch}<text x="32" y="4">{_esc(label)}</text></g>')
        x += width
    out.append("</g>")
    return "".join(out), row + 1


def mini_bar(score: float | None, expectation: float | None, scale: tuple[float, float], short: bool,
             margin: float) -> str:
    """A small bar for the moments table: the score as a bar on the scale, filled with
    the band colour the diagram gives the same moment (look.band_for: one palette for
    diagram, table and curve), outlined so the light bands show; the expectation as a
    tick. Empty when there is no score. `margin`: look.gap_margin(cycle, settings)."""
    low, high = scale
    span = (high - low) or 1.0
    w, h = 84, 10

    def x(value: float) -> float:
        return (min(max(value, low), high) - low) / span * w

    parts = [f'<svg class="bar" viewBox="0 0 {w + 2} {h + 4}" width="{w + 2}" height="{h + 4}" aria-hidden="true">',
             f'<rect x="1" y="2" width="{w}" height="{h}" fill="#eeeeee" stroke="#bbbbbb" stroke-width="0.6"/>']
    if score is not None:
        colour = look.band_for(score, expectation, scale, margin).fill
        parts.append(f'<rect x="1" y="2" width="{x(score):.1f}" height="{h}" fill="{colour}" '
                     f'stroke="{look.INK}" stroke-width="0.6"/>')
    if expectation is not None:
        ex = 1 + x(expectation)
        parts.append(f'<line x1="{ex:.1f}" y1="0" x2="{ex:.1f}" y2="{h + 4}" stroke="{INK}" stroke-width="1.6"/>')
    parts.append("</svg>")
    return "".join(parts)
