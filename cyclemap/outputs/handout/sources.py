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
    svg: str | None  # inline-ready <svg>…</svg> (the first sheet), or None
    reason: Text | None  # why there is no diagram
    sheets: list[str] = field(default_factory=list)  # every sheet, inline-ready; one unless split
    printed: float | None = None  # the smallest text of the sheets as printed in the handout, pt
    by_stage: bool = False  # split one sheet per stage

    @property
    def split(self) -> bool:
        return len(self.sheets) > 1


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


PRINT_MIN_PT = 8.0  # the smallest text the handout prints its picture with
_MM = 72 / 25.4


def figure_box(edition: str) -> tuple[float, float]:
    """The room of the picture on its landscape page, in points, from handout.css (the
    page's margins, the figure's max-height for this edition), on the narrower of A4 and
    Letter, so the size holds on either paper."""
    from importlib import resources

    sheet = resources.files("cyclemap.outputs.handout").joinpath("handout.css").read_text(encoding="utf-8")
    margin = float(re.search(r"@page wide \{[^}]*margin: ([0-9.]+)mm;", sheet).group(1))
    heights = dict(re.findall(r"(body\.facilitator )?#diagram svg\.diagram \{ max-height: ([0-9.]+)mm; \}", sheet))
    height = float(heights["body.facilitator "] if edition == "facilitator" else heights[""])
    return (min(297.0, 279.4) - 2 * margin) * _MM, height * _MM


def clock_diagram(checked: "CheckedCycle", edition: str = "facilitator") -> Diagram:
    """The clock-layout diagram from the renderer, or the reason it is missing. When its
    text would print under 8 pt in the handout's figure box (`figure_box`), it is split
    as `render --split` splits it (`outputs/render/split.py`: by stage, or in runs of
    moments), so each sheet prints at 8 pt or more; `printed` says what size it prints."""
    from cyclemap.outputs.render.split import render_split

    box_w, box_h = figure_box(edition)

    def fit(plan: dict) -> float | None:
        if not plan or not plan.get("size_pt"):
            return None
        width, height = plan["size_pt"]
        return plan["smallest_font"] * min(box_w / max(width, 1.0), box_h / max(height, 1.0))

    try:
        drawing = render_split(checked, layout="clock", fmt="svg", engine="auto", fit=fit, minimum=PRINT_MIN_PT)
    except Exception as exc:  # any engine failure: the handout still prints, and says why
        text = getattr(exc, "text", None)
        if isinstance(text, Text):
            return Diagram(None, text)
        message = str(exc) or type(exc).__name__
        return Diagram(None, Verbatim(message))
    sheets = [inline_svg(drawn.data.decode("utf-8", errors="replace")) for drawn in drawing.sheets]
    if any(svg is None for svg in sheets):
        return Diagram(None, _("the drawing held content that cannot be inlined safely"))
    sizes = [d.printed for d in drawing.sheets if d.printed is not None]
    return Diagram(sheets[0], None, sheets, min(sizes) if sizes else None, drawing.by_stage and drawing.split)
