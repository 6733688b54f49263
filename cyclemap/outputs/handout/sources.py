"""What the handout shows that other parts of cyclemap compute: the weak points (the
critique) and the clock diagram (the renderer). Both are gathered here, so the page
builder only turns data into HTML. If the diagram cannot be drawn, the page shows a
visible note, in the cycle's language, instead of a figure — never a placeholder picture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from cyclemap.engine.critique import WeakPoint
from cyclemap.engine.service_level import ServiceLevel
from cyclemap.format.i18n import Text, Verbatim, _

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle


@dataclass(frozen=True)
class Assessment:
    weak_points: list[WeakPoint]  # ranked by the critique
    level: ServiceLevel | None
    importance: object | None = None  # engine.importance.ImportancePerformance, when asked
    moments: list = field(default_factory=list)  # each moment once, in the cycle's order
    points: list = field(default_factory=list)  # the critique's client list (engine.critique.Point)
    preface: list = field(default_factory=list)  # what the critique says once before the list
    input_problems: list = field(default_factory=list)  # errors in the inputs, for whoever edits them
    evidence: list = field(default_factory=list)  # where the numbers come from (engine.provenance), as texts


def assess(checked: "CheckedCycle") -> Assessment:
    """The ranked weak points and the service level, from the checked cycle's critique."""
    critique = checked.critique
    return Assessment(critique.weak_points, critique.service_level, critique.importance, checked.moments,
                      critique.points, critique.preface, critique.input_problems,
                      critique.evidence.texts() if critique.evidence is not None else [])


@dataclass(frozen=True)
class Diagram:
    svg: str | None  # inline-ready <svg>…</svg>, or None
    reason: Text | None  # why there is no diagram


_PROLOGUE = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
# Graphviz escapes text (no raw "<" outside tags), so looking inside tags is enough.
_DANGEROUS = re.compile(r"<\s*(script|foreignObject|iframe|object|embed|image|use)\b|<[^>]*\son[a-z]+\s*=|"
                        r"javascript:|<[^>]*href\s*=\s*[\"'](?!#)", re.IGNORECASE)
_ROOT_SIZE = re.compile(r'(<svg\b[^>]*?)\s(width|height)="[^"]*"', re.IGNORECASE)


def inline_svg(svg: str) -> str | None:
    """Make a Graphviz SVG fit for inlining into the page: no XML prologue or comments,
    scalable (its viewBox kept, fixed width/height dropped). None if it holds anything
    that could run or load (scripts, event handlers, outside links)."""
    body = _PROLOGUE.sub("", svg).strip()
    if not body.lower().startswith("<svg") or _DANGEROUS.search(body):
        return None
    for _unused in range(2):
        body = _ROOT_SIZE.sub(r"\1", body, count=1)
    return body.replace("<svg", '<svg class="diagram" role="img"', 1)


def clock_diagram(checked: "CheckedCycle") -> Diagram:
    """The clock-layout diagram from the renderer, or the reason it is missing."""
    from cyclemap.outputs.render import render_bytes

    try:
        data = render_bytes(checked, layout="clock", fmt="svg", engine="auto")
    except Exception as exc:  # any engine failure: the handout still prints, and says why
        text = getattr(exc, "text", None)
        if isinstance(text, Text):
            return Diagram(None, text)
        message = str(exc) or type(exc).__name__
        return Diagram(None, Verbatim(message))
    svg = inline_svg(data.decode("utf-8", errors="replace"))
    if svg is None:
        return Diagram(None, _("the drawing held content that cannot be inlined safely"))
    return Diagram(svg, None)
