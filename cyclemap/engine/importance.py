"""Importance–performance: each moment the survey asked both about (how it went, how much
it matters) placed in one of four quadrants, split at the means of the moments placed
(the data-centred crosshair; a moment on a line counts as high):

- concentrate here: matters more than most, performs worse than most;
- keep up the good work: matters, performs;
- low priority: matters less, performs worse;
- possible overkill: matters less, performs better than most.

`importance_performance(checked)` gives the placements for the critique;
`quadrant_svg(...)` a small chart the handout can embed (self-contained SVG, no script).
"""

from __future__ import annotations

from dataclasses import dataclass
from cyclemap.format.diagnostics import html_text as escape

from cyclemap.format.i18n import _

QUADRANTS = {
    "concentrate": _("Concentrate here"),
    "keep": _("Keep up the good work"),
    "low": _("Low priority"),
    "overkill": _("Possible overkill"),
}


@dataclass(frozen=True)
class Placement:
    id: str
    name: str
    importance: float  # mean importance answer
    performance: float  # the moment's score
    quadrant: str  # a key of QUADRANTS


@dataclass(frozen=True)
class ImportancePerformance:
    placements: tuple[Placement, ...]
    importance_cut: float
    performance_cut: float
    scale: tuple[float, float]

    def as_data(self, lang: str = "en") -> dict:
        return {"importance_cut": round(self.importance_cut, 3), "performance_cut": round(self.performance_cut, 3),
                "moments": [{"id": p.id, "name": p.name, "importance": round(p.importance, 3),
                             "performance": round(p.performance, 3), "quadrant": p.quadrant,
                             "label": QUADRANTS[p.quadrant](lang)} for p in self.placements]}


def quadrant_of(importance: float, performance: float, importance_cut: float, performance_cut: float) -> str:
    if importance >= importance_cut:
        return "keep" if performance >= performance_cut else "concentrate"
    return "overkill" if performance >= performance_cut else "low"


def importance_performance(checked) -> ImportancePerformance | None:
    """The quadrants of a checked cycle's moments with importance answers and a score;
    None when fewer than two moments have both (no crosshair to split them)."""
    cycle = checked.cycle
    if cycle is None:
        return None
    by_id = {m.id: m for m in reversed(cycle.moments)}
    rated = [by_id[i] for i in checked.order if i in by_id and by_id[i].importance and by_id[i].score is not None]
    if len(rated) < 2:
        return None
    points = [(m, sum(m.importance) / len(m.importance), float(m.score)) for m in rated]
    icut = sum(p[1] for p in points) / len(points)
    pcut = sum(p[2] for p in points) / len(points)
    return ImportancePerformance(
        tuple(Placement(m.id, m.name, imp, perf, quadrant_of(imp, perf, icut, pcut)) for m, imp, perf in points),
        icut, pcut, tuple(cycle.scale))


def quadrant_svg(result: ImportancePerformance, lang: str = "en", size: int = 320) -> str:
    """A small square chart: performance across, importance up, the crosshair at the
    means, quadrant names in the corners, numbered dots (the legend lists the names)."""
    low, high = result.scale
    span = (high - low) or 1.0
    pad = 28
    inner = size - 2 * pad

    def x(v: float) -> float:
        return pad + (v - low) / span * inner

    def y(v: float) -> float:
        return pad + (high - v) / span * inner

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + 14 * len(result.placements) + 8}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect x="{pad}" y="{pad}" width="{inner}" height="{inner}" fill="none" stroke="#444"/>',
           f'<line x1="{x(result.performance_cut):.1f}" y1="{pad}" x2="{x(result.performance_cut):.1f}" '
           f'y2="{pad + inner}" stroke="#888" stroke-dasharray="4 3"/>',
           f'<line x1="{pad}" y1="{y(result.importance_cut):.1f}" x2="{pad + inner}" y2="{y(result.importance_cut):.1f}" '
           f'stroke="#888" stroke-dasharray="4 3"/>']
    corners = {"concentrate": (pad + 4, pad + 12, "start"), "keep": (pad + inner - 4, pad + 12, "end"),
               "low": (pad + 4, pad + inner - 5, "start"), "overkill": (pad + inner - 4, pad + inner - 5, "end")}
    for key, (cx, cy, anchor) in corners.items():
        out.append(f'<text x="{cx}" y="{cy}" text-anchor="{anchor}" fill="#333">{escape(QUADRANTS[key](lang))}</text>')
    axis_x = _("performance →")(lang)
    axis_y = _("importance →")(lang)
    out.append(f'<text x="{size / 2}" y="{size - 8}" text-anchor="middle">{escape(axis_x)}</text>')
    out.append(f'<text x="12" y="{size / 2}" text-anchor="middle" transform="rotate(-90 12 {size / 2})">'
               f'{escape(axis_y)}</text>')
    for n, p in enumerate(result.placements, start=1):
        out.append(f'<circle cx="{x(p.performance):.1f}" cy="{y(p.importance):.1f}" r="8" fill="#fff" stroke="#000"/>'
                   f'<text x="{x(p.performance):.1f}" y="{y(p.importance) + 4:.1f}" text-anchor="middle">{n}</text>')
        out.append(f'<text x="{pad}" y="{size + 14 * n}">{n}. {escape(p.name)} — '
                   f'{escape(QUADRANTS[p.quadrant](lang))}</text>')
    out.append("</svg>")
    return "\n".join(out)
