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


# What an inlined drawing may not hold: elements that run or load something, event
# handlers, and links anywhere but inside the drawing. Judged on the parsed XML (element
# and attribute names, href values), never on the text, so a moment named "Pay online =
# fast" or "javascript: the course" keeps its diagram; and linear in the drawing's size.
_DANGEROUS_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "object", "embed", "image", "use",
                                 "animate", "set", "animatemotion", "animatetransform", "handler", "listener"})
_ROOT_SIZE = re.compile(r'\s(?:width|height)="[^"<>]*"', re.IGNORECASE)


def _without(text: str, opening: str, closing: str) -> str:
    """`text` without each `opening`…`closing` span (case-insensitive opening); an opening
    never closed runs to the end. One pass, linear (what a lazy `.*?` pattern is not when
    nothing closes it)."""
    lowered = text.lower()
    opening = opening.lower()
    kept, at = [], 0
    while True:
        start = lowered.find(opening, at)
        if start < 0:
            kept.append(text[at:])
            return "".join(kept)
        kept.append(text[at:start])
        end = text.find(closing, start + len(opening))
        if end < 0:
            return "".join(kept)
        at = end + len(closing)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _safe(body: str) -> bool:
    """True when the drawing parses as XML and holds nothing that could run or load."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return False
    if _local(root.tag) != "svg":
        return False
    for element in root.iter():
        if not isinstance(element.tag, str) or _local(element.tag) in _DANGEROUS_ELEMENTS:
            return False
        for name, value in element.attrib.items():
            local = _local(name)
            if local.startswith("on") or (local in ("href", "src") and not value.startswith("#")):
                return False
            if local == "style" and ("javascript:" in value.lower() or "url(" in value.lower().replace("url(#", "")):
                return False
    return True


def inline_svg(svg: str) -> str | None:
    """Make a Graphviz SVG fit for inlining into the page: no XML prologue or comments,
    scalable (its viewBox kept, fixed width/height dropped). None if it holds anything
    that could run or load (scripts, event handlers, outside links)."""
    body = svg
    for opening, closing in (("<?xml", "?>"), ("<!DOCTYPE", ">"), ("<!--", "-->")):
        body = _without(body, opening, closing)
    body = body.strip()
    if not body.lower().startswith("<svg") or not _safe(body):
        return None
    tag_end = body.find(">")
    root_tag = _ROOT_SIZE.sub("", body[:tag_end])
    return root_tag.replace("<svg", '<svg class="diagram" role="img"', 1) + body[tag_end:]


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
