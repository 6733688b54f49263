"""The client view's clock: Albrecht's dial. A drawn ring (an ellipse, wider than tall like
the page) through the main loop's moments, clockwise from 12 o'clock; the links from one
moment to the next as arcs of the ring; a start mark; the stages as sectors on the rim;
detours inside the ring; a gap where an open cycle ends. Past `COMPACT` moments the dial
shows numbers, and the names go in a key beside it. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass

from cyclemap.outputs import look
from cyclemap.outputs.render import clock_conditions as conditions
from cyclemap.outputs.render import routes
from cyclemap.outputs.render.dial import Dial, measure, place_ring
from cyclemap.outputs.render.parts import (
    LEGEND, PT, arc, header_lines, legend_lines, link_attrs, long_string, node, pinned, text_node, text_width,
    title_lines, xdot_polyline,
)
from cyclemap.outputs.render.text import wrap
from cyclemap.outputs.render.view import View, has_end, has_start, words


# A ring too full for its detours' conditions grows by 15 %, up to three times, on dials
# of up to 48 moments (larger ones are split to print; each retry is a whole layout); a
# dial of names only while it would still print at 8 pt on A4.
GROW, GROW_TRIES, GROW_UP_TO = 1.15, 5, 48


@dataclass
class Frame:
    """Where the dial's surroundings go on the page: the stage sectors, the title, the
    legend and the top of the dial."""

    sectors: list  # (k, name lines, from angle, to angle, name's centre, width, height)
    title: list[str]
    sub: list[str]
    legend_rows: list[str]
    legend_h: float
    top_y: float


def clock(view: View) -> list[str]:
    """Albrecht's dial, step by step: measure, place the ring and the detours, frame the
    page, route the links and put each detour's condition beside the link into it (a
    condition with no free spot goes back in its box, and the dial is laid out again),
    then draw the ring and sectors, the marks, the moments, the links, the conditions,
    and the titles, legend and key."""
    view.on_link = conditions.wanted(view)
    ring, tries = None, 0
    while True:
        view.memo.clear()  # a box's size depends on whether its condition is in it
        dial = measure(view)
        if ring is not None:  # a larger ring than last time: more room inside it
            dial.rx, dial.ry = max(dial.rx, ring[0]), max(dial.ry, ring[1])
        dial.room = conditions.room(view)
        place_ring(dial)
        frame = frame_dial(dial, stage_sectors(dial))
        arcs = ring_links(dial)
        routed = route_links(dial, arcs)
        spots = mark_spots(dial)
        placed = conditions.place(dial, routed, [box for _name, _text, box in spots])
        if view.on_link <= placed.keys():
            break
        tries += 1
        if tries <= GROW_TRIES and len(dial.loop) <= GROW_UP_TO and (view.compact or printed_pt(dial, frame) / GROW >= 8.0):
            ring = (dial.rx * GROW, dial.ry * GROW)
            continue
        # No room even so: those conditions go back in their boxes (or the key, whose
        # dial's boxes never hold them: then nothing moves).
        view.on_link = set(placed)
        if view.compact:
            break
    lines = header_lines("clock")
    draw = draw_ring(dial, frame, lines)
    for index, path in arcs.items():
        closing = view.scene.links[index].closing
        colour, width = (look.CLOSING, 2.8) if closing else (look.EDGE, 1.8)
        draw += [xdot_polyline(path, colour, width), arrowhead(path, colour)]
    lines.append(f'  graph [_background={long_string(draw)}];')
    lines += marks(dial, spots)
    lines += [node(view, mid, dial.place[mid]) for mid in view.scene.order]
    lines += link_lines(dial, arcs, routed)
    lines += conditions.nodes(view, placed)
    lines += titles_and_key(dial, frame)
    return lines


def stage_sectors(dial: Dial) -> list:
    """The stages as sectors on the rim, in their moments' order, each named just outside
    it, so a reader sees where each stage begins and ends."""
    place, size, loop, step = dial.place, dial.size, dial.loop, dial.step
    # The rim just clears the moments on the ring.
    dial.rim = (max(abs(place[m][0]) + size[m][0] / 2 for m in loop) + 0.25,
                max(abs(place[m][1]) + size[m][1] / 2 for m in loop) + 0.25)
    runs: list[tuple[str, int, int]] = []
    for i, mid in enumerate(loop):
        stage = dial.view.scene.moments[mid].stage
        if stage is None:
            continue
        if runs and runs[-1][0] == stage and runs[-1][2] == i - 1:
            runs[-1] = (stage, runs[-1][1], i)
        else:
            runs.append((stage, i, i))
    sectors = []
    for k, (stage, first, last) in enumerate(runs):
        a0 = math.pi / 2 - step * (first - 0.48)
        a1 = math.pi / 2 - step * (last + 0.48)
        mid_a = (a0 + a1) / 2
        text = wrap(look.isolate(stage), 24)
        w, h = max(text_width(x, 14) for x in text) + 0.1, len(text) * 14 * 1.2 / PT
        c, si = math.cos(mid_a), math.sin(mid_a)
        at = (dial.rim[0] * c + (w / 2 + 0.15) * c, dial.rim[1] * si + (h / 2 + 0.15) * si)
        sectors.append((k, text, a0, a1, at, w, h))
    return sectors


def frame_dial(dial: Dial, sectors: list) -> Frame:
    """Size the page around the dial, its stage names, the title and the legend (whichever
    is widest), and move the dial onto it, the legend below."""
    view = dial.view
    title, sub = title_lines(view)
    rim_rx, rim_ry = dial.rim
    xs = [rim_rx + 0.1, -rim_rx - 0.1] + [at[0] + sgn * w / 2 for *_unused, at, w, h in sectors for sgn in (1, -1)]
    ys = [rim_ry + 0.1, -rim_ry - 0.1] + [at[1] + sgn * h / 2 for *_unused, at, w, h in sectors for sgn in (1, -1)]
    legend_rows = legend_lines(view, 2 * max(abs(x) for x in xs))
    half_w = max(max(abs(x) for x in xs), max(text_width(x, LEGEND) for x in legend_rows) / 2 + 0.1,
                 max(text_width(x, 22, True) for x in title) / 2 + 0.1,
                 max((text_width(x, 14) for x in sub), default=0) / 2 + 0.1)
    dial.cx = half_w + 0.1
    legend_h = len(legend_rows) * LEGEND * 1.2 / PT
    dial.cy = 0.45 + legend_h - min(ys)  # the legend below the dial
    dial.place = {mid: (dial.cx + x, dial.cy + y) for mid, (x, y) in dial.place.items()}
    return Frame(sectors, title, sub, legend_rows, legend_h, dial.cy + max(ys) + 0.1)


def draw_ring(dial: Dial, frame: Frame, lines: list[str]) -> list[str]:
    """The ring and the stage sectors, drawn by cyclemap itself (Graphviz only draws);
    an open cycle's ring leaves a gap before the start. Adds the stage names to `lines`."""
    cx, cy, view = dial.cx, dial.cy, dial.view
    draw: list[str] = []
    for k, text, a0, a1, at, w, h in frame.sectors:
        draw.append(xdot_polyline(arc(cx, cy, *dial.rim, a0, a1), look.SECTOR[k % 2], 14))
        lines.append(text_node(f"stage{k}", text, (cx + at[0], cy + at[1]), 14, italic=True, colour=look.MUTED))
    if (view.scene.cycle.closed and view.sheet is None) or dial.n < 2:
        ring = arc(cx, cy, dial.rx, dial.ry, 0, 2 * math.pi, 96)
    else:
        ring = arc(cx, cy, dial.rx, dial.ry, math.pi / 2, math.pi / 2 - dial.step * (dial.n - 1), 96)
    draw.insert(0, xdot_polyline(ring, look.RING, 3))
    return draw


def ring_links(dial: Dial) -> dict[int, list[tuple[float, float]]]:
    """The links from one moment to the next along the loop, as arcs of the ring itself
    (drawn with their arrowheads), so the dial reads clockwise: each one's drawn points,
    by its index in the scene's links."""
    position = {mid: i for i, mid in enumerate(dial.loop)}
    n, place, size = dial.n, dial.place, dial.size
    arcs: dict[int, list[tuple[float, float]]] = {}

    def outside(point: tuple[float, float], mid: str, pad: float = 0.12) -> bool:
        (x, y), (w, h) = place[mid], size[mid]
        return abs(point[0] - x) > w / 2 + pad or abs(point[1] - y) > h / 2 + pad

    for index, link in enumerate(dial.view.scene.links):
        a_, b_ = link.source, link.target
        if n < 3 or link.when or a_ not in position or b_ not in position:
            continue
        if position[b_] != (position[a_] + 1) % n or (position[b_] == 0 and not link.closing):
            continue
        a0, a1 = dial.angle[a_], dial.angle[b_]
        while a1 >= a0:
            a1 -= 2 * math.pi
        path = [p for p in arc(dial.cx, dial.cy, dial.rx, dial.ry, a0, a1, 40) if outside(p, a_) and outside(p, b_)]
        if len(path) >= 4:
            arcs[index] = path
    return arcs


def arrowhead(path: list[tuple[float, float]], colour: str) -> str:
    """A filled arrowhead at the end of a drawn path, pointing along its last stretch."""
    (x1, y1), (x2, y2) = path[-4], path[-1]
    d = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / d, (y2 - y1) / d
    base = (x2 - ux * 0.16, y2 - uy * 0.16)
    head = [(x2, y2), (base[0] - uy * 0.065, base[1] + ux * 0.065), (base[0] + uy * 0.065, base[1] - ux * 0.065)]
    pts = " ".join(f"{px * PT + 0.36:.1f} {py * PT + 0.36:.1f}" for px, py in head)
    return f"C {len(colour)} -{colour} c {len(colour)} -{colour} P 3 {pts} "


def mark_spots(dial: Dial) -> list[tuple[str, str, tuple[float, float, float, float]]]:
    """Where the start mark goes (beside the first moment, on the side the ring comes
    from) and an open cycle's end mark (after its last): (name, text, box)."""
    view, loop, place, size = dial.view, dial.loop, dial.place, dial.size
    out = []
    first = loop[0]
    start = words("start", view.lang)
    sx = place[first][0] - size[first][0] / 2 - 0.6
    sy = place[first][1] + size[first][1] / 2 - 0.1
    if view.compact:  # moments sit close together: the mark goes above the first one and its neighbours
        reach = text_width(start, 14) / 2 + 0.1
        sx = place[first][0]
        sy = max(place[m][1] + size[m][1] / 2 for m in loop
                 if abs(place[m][0] - sx) < reach + size[m][0] / 2) + 0.2
    if has_start(view):
        out.append(("start", start, (sx, sy, text_width(start, 14) + 0.1, 14 * 1.2 / PT)))
    if not view.scene.cycle.closed and dial.n > 1 and has_end(view):
        last, end = loop[-1], words("end", view.lang)
        (x, y), (w, h) = place[last], size[last]
        mark = (text_width(end, 14) + 0.1, 14 * 1.2 / PT)
        boxes = routes.Grid({mid: (*place[mid], *size[mid]) for mid in view.scene.order})
        # Right of the last moment, where the ring goes on; else above or below it.
        tries = [(x + w / 2 + 0.5, y + h / 2 - 0.1), (x, y + h / 2 + 0.25), (x, y - h / 2 - 0.25)]
        at = next((p for p in tries if not boxes.touches((*p, *mark), 0.05)), tries[0])
        out.append(("end", end, (*at, *mark)))
    return out


def marks(dial: Dial, spots) -> list[str]:
    """The start and end marks where `mark_spots` put them, and the customer at the hub."""
    out = [text_node(name, [text], box[:2], 14, bold=True, colour=look.CLOSING) for name, text, box in spots]
    if dial.has_hub:
        out.append(text_node("hub", dial.hub_lines, (dial.cx, dial.cy), 14, colour=look.MUTED))
    return out


def route_links(dial: Dial, arcs: dict[int, list]) -> dict[int, list[tuple[float, float]]]:
    """Every link not drawn along the ring (into and out of a detour, a branch across the
    dial) as a line, bent when a straight one would cross a moment: (start, bend, end)."""
    scene, place = dial.view.scene, dial.place
    along = {(scene.links[i].source, scene.links[i].target) for i in arcs}
    grid = routes.Grid({mid: (*place[mid], *dial.size[mid]) for mid in scene.order}
                       | ({"hub": (dial.cx, dial.cy, *dial.hub_size)} if dial.has_hub else {}))
    return {index: routes.free_curve(grid, link.source, link.target, (dial.cx, dial.cy))
            for index, link in enumerate(scene.links) if (link.source, link.target) not in along}


def link_lines(dial: Dial, arcs: dict[int, list], routed: dict[int, list]) -> list[str]:
    """Every link for Graphviz: a routed one with its curve; one drawn along the ring as
    an invisible chord (Graphviz is given it, never routes it)."""
    scene, place = dial.view.scene, dial.place
    out = []
    for index, link in enumerate(scene.links):
        a_, b_ = link.source, link.target
        if index in routed:
            attrs = link_attrs(dial.view, link)
            attrs.append(routes.curve(routed[index]))
        else:
            attrs = ['style=invis class="along-ring"', routes.polyline([place[a_], place[b_]], arrow=False)]
        out.append(f"  {scene.node[a_]} -> {scene.node[b_]} [{' '.join(attrs)}];")
    return out


def printed_pt(dial: Dial, frame: Frame) -> float:
    """About how large the dial's text (14 pt) prints when the picture is fitted to A4
    landscape with 10 mm margins (`render.page_for`): to know whether it may grow."""
    sub_h = len(frame.sub) * 14 * 1.2 / PT
    title_h = len(frame.title) * 22 * 1.2 / PT
    width, height = 2 * dial.cx + 0.6, frame.top_y + 0.25 + sub_h + title_h + 0.6  # with the page's pad
    return 14 * min((297 - 20) / 25.4 / width, (210 - 20) / 25.4 / height)


def titles_and_key(dial: Dial, frame: Frame) -> list[str]:
    """The title and subtitle above the dial, the legend below it, a compact dial's key
    of names beside it, and the far corner that fixes the page's size; closes the graph."""
    cx, top_y, title, sub = dial.cx, frame.top_y, frame.title, frame.sub
    out = []
    sub_h = len(sub) * 14 * 1.2 / PT
    title_h = len(title) * 22 * 1.2 / PT
    if sub:
        out.append(text_node("subtitle", sub, (cx, top_y + 0.1 + sub_h / 2), 14, colour=look.MUTED))
    out.append(text_node("title", title, (cx, top_y + 0.2 + sub_h + title_h / 2), 22, bold=True))
    out.append(text_node("legend", frame.legend_rows, (cx, 0.2 + frame.legend_h / 2), LEGEND))
    right = 2 * cx
    if dial.view.compact:
        key_lines, right = key(dial.view, right + 0.3, 0.45 + frame.legend_h, top_y)
        out += key_lines
    corner = (right, top_y + 0.25 + sub_h + title_h)
    out.append(f'  corner [shape=point style=invis width=0.01 {pinned(*corner)}];')
    out.append("}")
    return out


KEY_WRAP = 34  # characters per line of a name in the dial's key


def key(view: View, x0: float, bottom: float, top: float) -> tuple[list[str], float]:
    """The names of a compact dial's moments, by number, in columns right of the dial
    (as Albrecht drew his long cycles): as many columns as it takes to keep them within
    the dial's height. Returns the text nodes and the right edge."""
    scene = view.scene
    entries: list[list[str]] = []
    for mid in scene.order:
        head = f"{scene.number[mid]} · "
        text = look.isolate(scene.moments[mid].name)
        if mid in view.when and mid not in view.on_link:
            text += "  (" + words("if", view.lang, when=look.isolate(view.when[mid])) + ")"
        wrapped = wrap(text, KEY_WRAP)
        # Each line starts left to right (LRM), so a right-to-left name keeps its number on the left.
        entries.append(["\u200e" + head + wrapped[0], *("\u200e     " + line for line in wrapped[1:])])
    line_h = 14 * 1.2 / PT
    per_column = max(8, int((top - bottom) / line_h))
    columns: list[list[str]] = [[]]
    for entry in entries:
        if columns[-1] and len(columns[-1]) + len(entry) > per_column:
            columns.append([])
        columns[-1] += entry
    out = []
    x = x0
    for k, column in enumerate(columns):
        w = max(text_width(line, 14) for line in column) + 0.1
        h = len(column) * line_h * 1.15  # room for either engine's line height
        # Every column hangs from the same top line (labelloc=t), whatever the font's metrics.
        out.append(text_node(f"key{k}", column, (x + w / 2, top - h / 2), 14, left=True)
                   .replace("width=0 height=0", f"width={w:.3f} height={h:.3f} fixedsize=true labelloc=t", 1))
        x += w + 0.35
    return out, x - 0.2
