"""Build Graphviz DOT text for a cycle: pure, no I/O, no engine.

Three layouts (see docs/rendering.md):
- `clock`: Albrecht's dial. The main loop (each moment's first `next`, from the first
  moment back to it) goes clockwise around a circle from 12 o'clock; detours (moments
  reached only by a branch) sit on an inner ring beside where they leave and rejoin the
  loop; the customer is at the hub. Positions are computed here and pinned (`neato`).
- `flow`: left to right (`dot`), one cluster per stage, branch conditions on the edges.
- `blueprint`: a service blueprint. One column per moment in the customer's order, one
  swim lane per actor (customer / front stage / back stage / support), the lines of
  interaction, visibility and internal interaction between them. Pinned (`neato`).

Labels are plain Graphviz strings, not HTML-like labels: the WebAssembly Graphviz of the
embedded engine is built without HTML-label support, and one code path means both
engines draw the same diagram.

Safety: no user text ever becomes DOT syntax. Node names are generated (`m0`, `m1`, …),
and every piece of user text goes through `esc`, which escapes backslashes (so `\\N`,
`\\l` … stay text), double quotes and `&` (Graphviz reads entities), drops control
characters and turns newlines into line breaks.

This module names the layouts and views and which Graphviz program draws each; the rest
lives in small modules it re-exports for callers: `text.py` (escaping, wrapping,
hyphenation), `scene.py` (what the layouts share), `analyst_parts.py` and `analyst.py`
(the analyst view), `client.py` (the client view).
"""

from __future__ import annotations

from cyclemap.outputs.render.analyst import LANE_TITLES, LANES, build_analyst, lane_of  # noqa: F401
from cyclemap.outputs.render.analyst_parts import (  # noqa: F401
    Entry, edge_attrs, edge_line, fact_lines, header, keyed, legend_below, legend_entries, legend_pinned,
    moment_lines, moment_node, node_width,
)
from cyclemap.outputs.render.scene import Scene, make_scene  # noqa: F401
from cyclemap.outputs.render.text import (  # noqa: F401
    BOLD, HYPHEN_LANG, ITALIC, MAX_TEXT, PYPHEN, clean, esc, hyphenating, hyphenator, label, pos, quoted, wrap,
)

LAYOUTS = ("clock", "flow", "blueprint")
VIEWS = ("client", "analyst")
# Which Graphviz layout program draws each layout.
LAYOUT_ENGINE = {"clock": "neato", "flow": "dot", "blueprint": "neato"}


def layout_program(layout: str, view: str = "client") -> str:
    """The Graphviz program that draws `layout` in `view`: every client picture has its
    moments and links placed by cyclemap (`nop2`, that is `neato -n2`: Graphviz draws
    only, see routes.py); the analyst's flow is laid out by `dot`."""
    return "nop2" if view == "client" else LAYOUT_ENGINE[layout]
