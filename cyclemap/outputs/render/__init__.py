"""Diagrams of a cycle: DOT text (`dot.py`, pure) run through an engine (`engines.py`).

    build_dot(checked, layout="clock") -> str
    render_bytes(checked, layout="clock", fmt="svg", engine="auto", timeout=30.0) -> bytes

`checked` is a `cyclemap.engine.pipeline.CheckedCycle`: its diagnostics mark the moments
they are about, its service level and language are drawn as they are. Formats: svg,
png, pdf, dot. Engines: auto, system, embedded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cyclemap.format.i18n import _
from cyclemap.outputs.render import client, engines
from cyclemap.outputs.render.dot import LAYOUTS, VIEWS, build_analyst, layout_program
from cyclemap.outputs.render.engines import ENGINES, RenderError, resolve

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

FORMATS = ("svg", "png", "pdf", "dot")

__all__ = ["build_dot", "render_bytes", "RenderError", "LAYOUTS", "VIEWS", "FORMATS", "ENGINES"]


def build_dot(checked: "CheckedCycle", *, layout: str = "clock", view: str = "client") -> str:
    """The DOT text of a checked cycle drawn in `layout`, in its language. Pure: no I/O.

    `view="client"` (the default, `client.py`): names, order, criticality, score against
    expectation and numbered badges on the top weak points. `view="analyst"` (`dot.py`):
    every finding's code on the moment it is about, and the full legend."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    if view == "client":
        return client.build(checked, layout)
    return build_analyst(checked, layout)


def render_bytes(checked, *, layout: str = "clock", fmt: str = "svg", engine: str = "auto",
                 timeout: float = 30.0, view: str = "client") -> bytes:
    """The finished diagram as bytes in `fmt`. Raises RenderError (in any language) when the
    engine cannot make the format or does not finish within `timeout` seconds."""
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
    dot_text = build_dot(checked, layout=layout, view=view)
    if fmt == "dot":
        return dot_text.encode("utf-8")
    program = layout_program(layout, view)
    if which == "system":
        return engines.run_system(dot_text, program, fmt, timeout)
    svg = engines.run_embedded_svg(dot_text, program, timeout)
    if fmt == "png":
        return engines.svg_to_png(svg)
    return svg
