"""The analyst view's layouts: the clock (pinned, `neato`), the flow (`dot`, one cluster
per stage) and the swim-lane blueprint (pinned, `neato`), each with the full legend.
`build_dot` in `cyclemap.outputs.render` chooses the view."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from cyclemap.format.model import Moment
from cyclemap.outputs.render import style
from cyclemap.outputs.render.analyst_parts import (
    SMALL, edge_attrs, moment_lines, edge_line, header, legend_below, legend_pinned, moment_node, node_width,
)
from cyclemap.outputs.render.scene import Scene, make_scene
from cyclemap.outputs.render.text import BOLD, ITALIC, label, pos, wrap
from cyclemap.outputs.render.view import Sheet, on_sheet, sheet_words

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle


def _clock(scene: Scene) -> list[str]:
    neighbours: dict[str, list[str]] = defaultdict(list)
    for link in scene.links:
        neighbours[link.target].append(link.source)
        neighbours[link.source].append(link.target)
    # The ring: the main loop, and any moment with no neighbour on it (on one sheet of a
    # split picture, a detour whose way off and back is on another sheet), which would
    # otherwise have nowhere to sit but on top of the others.
    on_loop = set(scene.main_loop)
    loop = [m for m in scene.order if m in on_loop or not any(o in on_loop for o in neighbours[m])]
    n = max(len(loop), 1)
    # Neighbours at the top and bottom of the dial sit side by side, about
    # r·sin(2π/n) apart: make that the widest moment plus a gap.
    widest = max((node_width(scene, mid) for mid in scene.order), default=2.0)
    radius = max(3.0, (widest + 0.5) / math.sin(2 * math.pi / n)) if n >= 4 else max(3.0, widest + 0.5)
    angle: dict[str, float] = {}
    place: dict[str, tuple[float, float]] = {}
    for i, moment_id in enumerate(loop):
        a = math.pi / 2 - 2 * math.pi * i / n  # clockwise from 12 o'clock
        angle[moment_id] = a
        place[moment_id] = (radius * math.cos(a), radius * math.sin(a))
    taken: dict[int, int] = defaultdict(int)
    for moment_id in scene.order:
        if moment_id in place:
            continue
        near = [angle[o] for o in neighbours[moment_id] if o in angle]
        if near:
            a = math.atan2(sum(math.sin(x) for x in near), sum(math.cos(x) for x in near))
        else:
            a = -math.pi / 2
        slot = round(math.degrees(a) / 20)
        ring = 0.6 - 0.2 * taken[slot]
        taken[slot] += 1
        angle[moment_id] = a
        place[moment_id] = _free_spot(scene, moment_id, place, radius, a, max(ring, 0.1))
    lines = header(scene, "clock", "splines=true overlap=true outputorder=edgesfirst")
    customer = scene.cycle.customer or scene.t("customer")
    if n >= 4:  # with fewer, the links would run through the hub
        lines.append(
            f'  hub [shape=circle style=filled fillcolor="#f2f2f2" color="#bbbbbb" fontsize=11 '
            f'width=1.35 fixedsize=true fontcolor="{style.MUTED}" label={label(wrap(customer, 13)[:4])} '
            f"{pos(0, 0)}];")
    for moment_id in scene.order:
        lines.append(moment_node(scene, moment_id, pos(*place[moment_id])))
    for link in scene.links:
        lines.append(edge_line(scene, link))
    # A narrow column just clear of the dial's widest moment, so the dial keeps most of the picture.
    legend_width = 3.5
    lines += legend_pinned(scene, radius + widest / 2 + 0.7 + legend_width / 2, radius + 0.6, width=legend_width)
    lines.append("}")
    return lines


def _size(scene: Scene, moment_id: str) -> tuple[float, float]:
    """About how large a moment's box comes out (inches): its widest line, its lines."""
    return node_width(scene, moment_id), len(moment_lines(scene, moment_id)) * SMALL * 1.25 / 72 + 0.3


def _free_spot(scene: Scene, moment_id: str, place: dict, radius: float, a: float, ring: float):
    """Where a detour goes inside the dial: at `ring` times the radius at angle `a` as
    before, unless its box would lie on a moment already placed or on the hub; then the
    first free spot nearby (deeper or to either side), so no two moments overlap."""
    w, h = _size(scene, moment_id)

    def free(x: float, y: float) -> bool:
        if abs(x) < (w + 1.35) / 2 + 0.1 and abs(y) < (h + 1.35) / 2 + 0.1:  # the hub
            return False
        return all(abs(x - px) > (w + pw) / 2 + 0.15 or abs(y - py) > (h + ph) / 2 + 0.15
                   for other, (px, py) in place.items() for pw, ph in [_size(scene, other)])

    tries = [(ring, 0.0)] + [(f, da) for f in (0.6, 0.45, 0.75, 0.3) for da in (0, 0.25, -0.25, 0.5, -0.5, 0.8, -0.8)]
    for f, da in tries:
        x, y = radius * f * math.cos(a + da), radius * f * math.sin(a + da)
        if free(x, y):
            return x, y
    return radius * ring * math.cos(a), radius * ring * math.sin(a)


def _flow(scene: Scene) -> list[str]:
    lines = header(scene, "flow", "rankdir=LR nodesep=0.3 ranksep=0.5 newrank=true")
    lines += legend_below(scene)
    c = scene.cycle
    stage_names = list(c.stages)
    for moment_id in scene.order:
        stage = scene.moments[moment_id].stage
        if stage and stage not in stage_names:
            stage_names.append(stage)
    for i, stage in enumerate(stage_names):
        members = [mid for mid in scene.order if scene.moments[mid].stage == stage]
        if not members:
            continue
        lines.append(f"  subgraph cluster_s{i} {{")
        lines.append(f'    graph [label={label(wrap(stage, 40))} fontsize=15 style="rounded,filled" '
                     f'fillcolor="#f4f6f8" color="#c8d0d8" labeljust=l];')
        lines.extend("  " + moment_node(scene, mid) for mid in members)
        lines.append("  }")
    for moment_id in scene.order:
        if not scene.moments[moment_id].stage:
            lines.append(moment_node(scene, moment_id))
    for link in scene.links:
        lines.append(edge_line(scene, link, "constraint=false" if link.closing else ""))
    lines.append("}")
    return lines


LANES = ("customer", "front", "back", "support")
LANE_TITLES = {"customer": "lane_customer", "front": "lane_front", "back": "lane_back", "support": "lane_support"}


def lane_of(moment: Moment) -> str:
    """Which swim lane a moment belongs to (documented in docs/rendering.md):
    self-service and digital moments are the customer's own actions; a moment carried by
    systems alone is support; people working by mail or other out-of-sight channels are
    back stage; everything else (face to face, phone, premises with staff) is front stage."""
    channel, carrier = moment.channel, moment.carried_by
    if channel in ("self-service", "digital"):
        return "customer"
    if carrier == "systems":
        return "support"
    if channel in ("mail", "other") and carrier == "people":
        return "back"
    return "front"


def _blueprint(scene: Scene) -> list[str]:
    widest = max((node_width(scene, mid) for mid in scene.order), default=2.0)
    col_w, lane_h = max(2.7, widest + 0.45), 2.0
    cols = len(scene.order)
    lane_y = {lane: -i * lane_h for i, lane in enumerate(LANES)}
    x_of = {mid: i * col_w for i, mid in enumerate(scene.order)}
    left, right = -2.4, max(cols - 1, 0) * col_w + col_w / 2
    lines = header(scene, "blueprint", "splines=true overlap=true outputorder=edgesfirst")
    for lane in LANES:
        lines.append(f'  lane_{lane} [shape=box style="filled" fillcolor="#e9eef3" color="#e9eef3" width=1.7 '
                     f'height={lane_h - 0.25:.2f} fixedsize=true fontsize=13 fontname="{BOLD}" '
                     f'fontcolor="{style.MUTED}" label={label(wrap(scene.t(LANE_TITLES[lane]), 12))} '
                     f"{pos(left + 0.85, lane_y[lane])}];")
    separators = (("customer", "front", "line_interaction", "solid", 1.2),
                  ("front", "back", "line_visibility", "dashed", 2.4),
                  ("back", "support", "line_internal", "dotted", 1.2))
    for i, (upper, lower, key, line_style, width) in enumerate(separators):
        y = (lane_y[upper] + lane_y[lower]) / 2
        lines.append(f"  sep{i}a [shape=point width=0.01 style=invis {pos(left, y)}];")
        lines.append(f"  sep{i}b [shape=point width=0.01 style=invis {pos(right, y)}];")
        lines.append(f'  sep{i}t [shape=plaintext fontsize={SMALL} fontname="{ITALIC}" fontcolor="#666666" '
                     f"label={label([scene.t(key)])} {pos(right - 1.0, y + 0.14)}];")
        lines.append(f'  sep{i}a -> sep{i}b [dir=none style={line_style} penwidth={width} color="#7f7f7f"];')
    for moment_id in scene.order:
        lane = lane_of(scene.moments[moment_id])
        lines.append(moment_node(scene, moment_id, pos(x_of[moment_id], lane_y[lane])))
    bottom = lane_y["support"] - lane_h / 2 - 0.1
    detour = 0
    for link in scene.links:
        if x_of[link.target] > x_of[link.source]:
            lines.append(edge_line(scene, link))
            continue
        # Backwards (and the closing link): go around below the lanes, so the line never
        # crosses a moment and the loop is seen closing.
        detour += 1
        y = bottom - 0.4 * detour
        a, b = f"w{detour}a", f"w{detour}b"
        lines.append(f"  {a} [shape=point width=0.01 style=invis {pos(x_of[link.source], y)}];")
        lines.append(f"  {b} [shape=point width=0.01 style=invis {pos(x_of[link.target], y)}];")
        lines.append(f"  {scene.node[link.source]} -> {a} [{edge_attrs(scene, link, arrow=False, labelled=False)}];")
        lines.append(f"  {a} -> {b} [{edge_attrs(scene, link, arrow=False)}];")
        lines.append(f"  {b} -> {scene.node[link.target]} [{edge_attrs(scene, link, labelled=False)}];")
    lines += legend_pinned(scene, right + 2.6, lane_y["customer"] + lane_h / 2, lanes=True)
    lines.append("}")
    return lines


def build_analyst(checked: "CheckedCycle", layout: str, sheet: Sheet | None = None) -> str:
    """The analyst view's DOT text (every finding's code on its moment, the full legend),
    of the whole cycle or of one `sheet` of a split picture (its moments, numbered as in
    the whole cycle, and a line under the title saying which sheet and where the cycle
    goes on); `build_dot` in `cyclemap.outputs.render` chooses the view."""
    scene = make_scene(checked)
    if sheet is not None:
        scene = on_sheet(scene, sheet)
        scene.heading = wrap(sheet_words(scene, sheet), 60)
    builder = {"clock": _clock, "flow": _flow, "blueprint": _blueprint}[layout]
    return "\n".join(builder(scene)) + "\n"
