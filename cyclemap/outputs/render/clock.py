"""The client view's clock: Albrecht's dial. A drawn ring (an ellipse, wider than tall like
the page) through the main loop's moments, clockwise from 12 o'clock; the links from one
moment to the next as arcs of the ring; a start mark; the stages as sectors on the rim;
detours inside the ring; a gap where an open cycle ends. Past `COMPACT` moments the dial
shows numbers, and the names go in a key beside it. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass

from cyclemap.outputs import look
from cyclemap.outputs.render import routes
from cyclemap.outputs.render.dial import Dial, measure, place_ring
from cyclemap.outputs.render.parts import (
    LEGEND, PT, arc, header_lines, legend_lines, link_attrs, long_string, node, pinned, text_node, text_width,
    title_lines, xdot_polyline,
)
from cyclemap.outputs.render.text import wrap
from cyclemap.outputs.render.view import View, has_end, has_start, words


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
    page, then draw the ring and sectors, the links along it, the marks, the moments, the
    other links, and the titles, legend and key."""
    dial = measure(view)
    place_ring(dial)
    frame = frame_dial(dial, stage_sectors(dial))
    lines = header_lines("clock")
    draw = draw_ring(dial, frame, lines)
    along = ring_links(dial, draw)
    lines.append(f'  graph [_background={long_string(draw)}];')
    lines += marks(dial)
    lines += [node(view, mid, dial.place[mid]) for mid in view.scene.order]
    lines += other_links(dial, along)
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
                 max(text_width(x, 22) for x in title) / 2 + 0.1,
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


def ring_links(dial: Dial, draw: list[str]) -> set[tuple[str, str]]:
    """The links from one moment to the next along the loop, drawn as arcs of the ring
    itself with their arrowheads, so the dial reads clockwise; returns those links."""
    position = {mid: i for i, mid in enumerate(dial.loop)}
    n, place, size = dial.n, dial.place, dial.size
    along: set[tuple[str, str]] = set()

    def outside(point: tuple[float, float], mid: str, pad: float = 0.12) -> bool:
        (x, y), (w, h) = place[mid], size[mid]
        return abs(point[0] - x) > w / 2 + pad or abs(point[1] - y) > h / 2 + pad

    for link in dial.view.scene.links:
        a_, b_ = link.source, link.target
        if n < 3 or link.when or a_ not in position or b_ not in position:
            continue
        if position[b_] != (position[a_] + 1) % n or (position[b_] == 0 and not link.closing):
            continue
        a0, a1 = dial.angle[a_], dial.angle[b_]
        while a1 >= a0:
            a1 -= 2 * math.pi
        path = [p for p in arc(dial.cx, dial.cy, dial.rx, dial.ry, a0, a1, 40) if outside(p, a_) and outside(p, b_)]
        if len(path) < 4:
            continue
        colour, width = (look.CLOSING, 2.8) if link.closing else (look.EDGE, 1.8)
        draw.append(xdot_polyline(path, colour, width))
        draw.append(arrowhead(path, colour))
        along.add((a_, b_))
    return along


def arrowhead(path: list[tuple[float, float]], colour: str) -> str:
    """A filled arrowhead at the end of a drawn path, pointing along its last stretch."""
    (x1, y1), (x2, y2) = path[-4], path[-1]
    d = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / d, (y2 - y1) / d
    base = (x2 - ux * 0.16, y2 - uy * 0.16)
    head = [(x2, y2), (base[0] - uy * 0.065, base[1] + ux * 0.065), (base[0] + uy * 0.065, base[1] - ux * 0.065)]
    pts = " ".join(f"{px * PT + 0.36:.1f} {py * PT + 0.36:.1f}" for px, py in head)
    return f"C {len(colour)} -{colour} c {len(colour)} -{colour} P 3 {pts} "


def marks(dial: Dial) -> list[str]:
    """The start mark beside the first moment (on the side the ring comes from), an open
    cycle's end mark after its last, and the customer at the hub."""
    view, loop, place, size = dial.view, dial.loop, dial.place, dial.size
    out = []
    first = loop[0]
    sx = place[first][0] - size[first][0] / 2 - 0.6
    sy = place[first][1] + size[first][1] / 2 - 0.1
    if view.compact:  # moments sit close together: the mark goes above the first one and its neighbours
        reach = text_width(words("start", view.lang), 14) / 2 + 0.1
        sx = place[first][0]
        sy = max(place[m][1] + size[m][1] / 2 for m in loop
                 if abs(place[m][0] - sx) < reach + size[m][0] / 2) + 0.2
    if has_start(view):
        out.append(text_node("start", [words("start", view.lang)], (sx, sy), 14, bold=True, colour=look.CLOSING))
    if not view.scene.cycle.closed and dial.n > 1 and has_end(view):
        last = loop[-1]
        out.append(text_node("end", [words("end", view.lang)],
                             (place[last][0] + size[last][0] / 2 + 0.5, place[last][1] + size[last][1] / 2 - 0.1),
                             14, bold=True, colour=look.CLOSING))
    if dial.has_hub:
        out.append(text_node("hub", dial.hub_lines, (dial.cx, dial.cy), 14, colour=look.MUTED))
    return out


def other_links(dial: Dial, along: set[tuple[str, str]]) -> list[str]:
    """Every other link (into and out of a detour, a branch across the dial) as a line,
    bent when a straight one would cross a moment, checked against the moments near it."""
    scene, place = dial.view.scene, dial.place
    grid = routes.Grid({mid: (*place[mid], *dial.size[mid]) for mid in scene.order}
                       | ({"hub": (dial.cx, dial.cy, *dial.hub_size)} if dial.has_hub else {}))
    out = []
    for link in scene.links:
        a_, b_ = link.source, link.target
        if (a_, b_) in along:
            # Drawn as an arc of the ring (`ring_links`); Graphviz is given the chord, never routes it.
            attrs = ['style=invis class="along-ring"', routes.polyline([place[a_], place[b_]], arrow=False)]
        else:
            attrs = link_attrs(dial.view, link)
            attrs.append(routes.curve(routes.free_curve(grid, a_, b_, (dial.cx, dial.cy))))
        out.append(f"  {scene.node[a_]} -> {scene.node[b_]} [{' '.join(attrs)}];")
    return out


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
        if mid in view.when:
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
        y = top - len(column) * line_h / 2
        out.append(text_node(f"key{k}", column, (x + w / 2, y), 14, left=True))
        x += w + 0.35
    return out, x - 0.2
