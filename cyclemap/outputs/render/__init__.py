"""Diagrams of a cycle: DOT text (`dot.py`, pure) run through an engine (`engines.py`).

    build_dot(checked, layout="clock") -> str
    render_bytes(checked, layout="clock", fmt="svg", engine="auto", timeout=30.0) -> bytes

`checked` is a `cyclemap.engine.pipeline.CheckedCycle`: its diagnostics mark the moments
they are about, its service level and language are drawn as they are. Formats: svg,
png, pdf, dot. Engines: auto, system, embedded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cyclemap.format.i18n import _
from cyclemap.outputs.render import client, engines
from cyclemap.outputs.render.dot import LAYOUTS, VIEWS, build_analyst, hyphenating, layout_program
from cyclemap.outputs.render.engines import ENGINES, RenderError, resolve

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

FORMATS = ("svg", "png", "pdf", "dot")

__all__ = ["build_dot", "render_bytes", "RenderError", "LAYOUTS", "VIEWS", "FORMATS", "ENGINES"]


def build_dot(checked: "CheckedCycle", *, layout: str = "clock", view: str = "client", sheet=None) -> str:
    """The DOT text of a checked cycle drawn in `layout`, in its language. Pure: no I/O.

    `view="client"` (the default, `client.py`): names, order, criticality, score against
    expectation and numbered badges on the top weak points. `view="analyst"` (`dot.py`):
    every finding's code on the moment it is about, and the full legend. `sheet` (a
    `client.Sheet`, either view): draw only that sheet of a split picture."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    with hyphenating(checked):
        if view == "client":
            return client.build(checked, layout, sheet)
        return build_analyst(checked, layout, sheet)


def render_bytes(checked, *, layout: str = "clock", fmt: str = "svg", engine: str = "auto",
                 timeout: float = 30.0, view: str = "client", plan: dict | None = None, sheet=None) -> bytes:
    """The finished diagram as bytes in `fmt`. Raises RenderError (in any language) when the
    engine cannot make the format or does not finish within `timeout` seconds.

    `plan`, when given, receives `smallest_font` (points, the smallest text the DOT asks
    for) and `size_pt` (the drawing's width and height in points, or None for DOT), from
    which `printed_pt` tells how large that text prints on a page."""
    if fmt not in FORMATS:
        raise RenderError(_("unknown format {format!r}; expected one of {choices}").format(
            format=fmt, choices=", ".join(FORMATS)))
    if layout not in LAYOUTS:
        raise RenderError(_("unknown layout {layout!r}; expected one of {choices}").format(
            layout=layout, choices=", ".join(LAYOUTS)))
    which = resolve(engine)
    if fmt == "pdf" and which == "embedded":
        # Say so before any work, and never write a file that is not a PDF.
        raise RenderError(_(
            "PDF needs the system Graphviz, which is not in use here: install it (Debian/Ubuntu: "
            "apt-get install graphviz; macOS: brew install graphviz) and use --engine auto or system, "
            "or write .svg or .png instead"))
    dot_text = build_dot(checked, layout=layout, view=view, sheet=sheet)
    if plan is not None:
        sizes = [float(v) for v in _FONTSIZE.findall(dot_text)]
        plan.update(smallest_font=min(sizes, default=14.0), size_pt=None)
    if fmt == "dot":
        return dot_text.encode("utf-8")
    program = layout_program(layout, view)
    if which == "system":
        data = engines.run_system(dot_text, program, fmt, timeout)
        if plan is not None and fmt != "svg":
            # The drawing's own size, from Graphviz's layout of it (cheap: no drawing).
            pad = _PAD.search(dot_text)
            width, height = _bb_size(engines.run_system(dot_text, program, "plain", timeout))
            margin = 2 * 72 * float(pad.group(1)) if pad else 0.0  # the page's pad, as in the SVG
            plan["size_pt"] = (width + margin, height + margin)
        elif plan is not None:
            plan["size_pt"] = engines.svg_size_pt(data)
        return data
    svg = engines.run_embedded_svg(dot_text, program, timeout)
    if plan is not None:
        plan["size_pt"] = engines.svg_size_pt(svg)
    if fmt == "png":
        return engines.svg_to_png(svg)
    return svg


_PAD = re.compile(r"\bpad=([0-9.]+)")
_FONTSIZE = re.compile(r"\bfontsize=\"?([0-9]+(?:\.[0-9]+)?)")


def _bb_size(plain: bytes) -> tuple[float, float]:
    """Width and height in points from Graphviz's `plain` output (its first line is
    `graph SCALE WIDTH HEIGHT`, in inches)."""
    first = plain.split(b"\n", 1)[0].split()
    return float(first[2]) * 72, float(first[3]) * 72


PRINT_MIN_PT = 8.0  # the smallest text a printed picture may have
MARGIN_MM = 10.0


def page_for(layout: str, view: str) -> tuple[str, tuple[float, float]]:
    """The page a picture is made to print on (landscape, in points): A3 for the blueprint
    and the analyst's view, A4 for the rest."""
    mm = 72 / 25.4
    if layout == "blueprint" or view == "analyst":
        return "A3", (420 * mm, 297 * mm)
    return "A4", (297 * mm, 210 * mm)


def printed_pt(plan: dict, layout: str, view: str) -> float | None:
    """How large the picture's smallest text prints when the picture is fitted to its page
    (`page_for`, 10 mm margins); None when the size is not known."""
    if not plan or not plan.get("size_pt"):
        return None
    width, height = plan["size_pt"]
    _name, (page_w, page_h) = page_for(layout, view)
    margin = 2 * MARGIN_MM * 72 / 25.4
    scale = min((page_w - margin) / max(width, 1.0), (page_h - margin) / max(height, 1.0))
    return plan["smallest_font"] * scale
