"""The client view of every layout: what a consultant puts in a deck and a trainer prints.

Moment names in the customer's order, one mark for criticality (a double, heavy border),
one for how the score compares with expectation (a shape — ▲ ● ▽ ▼ ▼▼ ○ — and a fill),
numbered badges (⚠ 1, ⚠ 2, ⚠ 3) on the top weak points in the critique's own ranking,
and a one-line legend. No rule codes, no ids, no YAML keys (DESIGN §7).

Sizes are chosen so the picture keeps every text at 8 pt or more when fitted to A4
landscape (A3 for the blueprint) for cycles of up to 16 moments; tests check it on
Graphviz's own laid-out geometry (`geometry.py`).

- `clock`: Albrecht's dial. A drawn ring (an ellipse: wider than tall, like the page)
  through the main loop's moments, clockwise from 12 o'clock, the links as arcs from one
  moment to the next, a start mark, the stages as sectors on the rim, detours inside the
  ring with their condition written in the detour, and a gap where an open cycle ends.
- `flow`: left to right by stage, a detour's condition beside the link into it (in the
  detour's box only when it sits at the top of a column).
- `blueprint`: a service blueprint (Bitner): physical evidence, the customer's actions
  (the moments), then onstage, backstage and support rows separated by the lines of
  interaction, visibility and internal interaction, one column per moment; a detour's
  condition under the link into it. Rows come
  only from the moments' `evidence`, `onstage`, `backstage` and `support` keys; without
  them the blueprint shows the customer's row and says what it would need.

The pieces, one module each: `view.py` (the picture's words, the View, the Sheet),
`parts.py` (a moment's box and lines, titles, legend, frame), `clock.py`, `flow.py` and
`blueprint.py` (one layout each). This module builds a picture and keeps their names
importable from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cyclemap.outputs.render.blueprint import blueprint
from cyclemap.outputs.render.clock import clock
from cyclemap.outputs.render.dial import COMPACT, GAP  # noqa: F401
from cyclemap.outputs.render.flow import flow
from cyclemap.outputs.render.parts import (  # noqa: F401
    FONT, LEGEND, NAME_WRAP, PT, legend_lines, legend_parts, legend_text, lines_of, node, score_line, size_of,
    text_node, text_width, title_lines,
)
from cyclemap.outputs.render.view import SUPPORT_MARK, W, Sheet, View, make_view, words  # noqa: F401
from cyclemap.outputs.render.weak import TOP, top_weak_moments  # noqa: F401  (deck and handout read it here too)

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle


def build(checked: "CheckedCycle", layout: str, sheet: Sheet | None = None) -> str:
    """The client view's DOT text of `layout` (the whole cycle, or one `sheet` of it)."""
    view = make_view(checked, sheet)
    builder = {"clock": clock, "flow": flow, "blueprint": blueprint}[layout]
    return "\n".join(builder(view)) + "\n"
