"""The client view's clock: Albrecht's dial. A drawn ring (an ellipse, wider than tall like
the page) through the main loop's moments, clockwise from 12 o'clock; the links from one
moment to the next as arcs of the ring; a start mark; the stages as sectors on the rim;
detours inside the ring; a gap where an open cycle ends. Past `COMPACT` moments the dial
shows numbers, and the names go in a key beside it. Pure."""

from __future__ import annotations

import math

from cyclemap.outputs import look
from cyclemap.outputs.render import routes
from cyclemap.outputs.render.parts import (
    LEGEND, look_font, PT, arc, legend_lines, legend_text, link_attrs, long_string, node,
    overlap, pinned, size_of, text_node, text_width, title_lines, xdot_polyline,
)
from cyclemap.outputs.render.text import wrap
from cyclemap.outputs.render.view import View, has_end, has_start, words

GAP = 0.2  # inches between two moments' boxes on the dial
COMPACT = 16  # past this many moments the dial shows numbers, and the names go in a key beside it


def clock(view: View) -> list[str]:
    scene = view.scene
    loop = scene.main_loop or scene.order[:1]
    n = max(len(loop), 1)
    view.compact = len(scene.order) > COMPACT
    gap = 0.12 if view.compact else GAP
    size = {mid: size_of(view, mid) for mid in scene.order}
    widest = max(w for w, _h in size.values())
    tallest = max(h for _w, h in size.values())
    step = 2 * math.pi / n
    angle = {mid: math.pi / 2 - step * i for i, mid in enumerate(loop)}

    neighbours: dict[str, list[str]] = {}
    for link in scene.links:
        neighbours.setdefault(link.target, []).append(link.source)
        neighbours.setdefault(link.source, []).append(link.target)
    detours = [mid for mid in scene.order if mid not in angle]
    for mid in detours:
        near = [angle[o] for o in neighbours.get(mid, []) if o in angle]
        angle[mid] = (math.atan2(sum(math.sin(a) for a in near), sum(math.cos(a) for a in near))
                      if near else -math.pi / 2)

    # Grow the ring until no two moments (nor the hub) are closer than a gap.
    # An ellipse about as wide for its height as a landscape page.
    rx = max(2.0, widest * 0.8)
    # A long loop starts from the smallest ring its moments could fit along (the ellipse's
    # perimeter is about 5 rx at this shape), so growing it takes a few tries, not hundreds.
    if len(loop) > 40:  # the tested cycles of up to 16 moments keep their fitted ring
        rx = max(rx, sum(min(size[m]) + gap for m in loop) / 5.0)
    ry = rx * 0.56
    hub_lines = wrap(look.isolate(scene.cycle.customer or scene.t("customer")), 14)[:3]
    hub_size = (max(len(x) for x in hub_lines) * 14 * 0.55 / PT + 0.2, len(hub_lines) * 14 * 1.2 / PT + 0.2)
    def at(a: float, f: float = 1.0) -> tuple[float, float]:
        return (rx * f * math.cos(a), ry * f * math.sin(a))

    def min_step(a: float, one: str, other: str) -> float:
        """The smallest clockwise step from angle `a` (where `one` sits) at which `other`
        clears it."""
        def clear(d: float) -> bool:
            return not overlap((*at(a), *size[one]), (*at(a - d), *size[other]), gap)

        lo, hi = 0.0, 1e-3  # widen until clear, then halve the interval (cost: the same at any size)
        while hi < math.pi and not clear(hi):
            lo, hi = hi, hi * 2
        for _ in range(10):  # to a thousandth of the step
            mid_d = (lo + hi) / 2
            lo, hi = (lo, mid_d) if clear(mid_d) else (mid_d, hi)
        return min(hi + (0.0 if view.compact else 0.01), math.pi)  # a short cycle's moments keep a little more room

    for attempt in range(120):
        # Each moment as close after the one before as it fits; the slack is shared out.
        steps, a = [], math.pi / 2
        for before, after in zip(loop, loop[1:]):
            steps.append(min_step(a, before, after))
            a -= steps[-1]
        closing = min_step(a, loop[-1], loop[0]) if n > 1 else 0.0
        total = sum(steps) + closing
        if total > 2 * math.pi and attempt < 119:  # the last try places them anyway
            rx, ry = rx * 1.04, ry * 1.04
            continue
        # Share the slack out; each step is measured again where the moment now sits (a
        # step that clears on the dial's flat top may not on its steep sides), and less
        # slack is shared when the last one would then not clear the first.
        # A short cycle's dial grows until the evenly shared slack clears (below); a
        # compact dial's steps are measured again where each moment now sits.
        for share in ((1.0, 0.6, 0.3, 0.0) if view.compact else (1.0,)):
            extra = share * (2 * math.pi - total) / max(n, 1)
            a = math.pi / 2
            angle[loop[0]] = a
            for before, mid, d in zip(loop, loop[1:], steps):
                a -= (min_step(a, before, mid) if view.compact else d) + extra
                angle[mid] = a
            if n < 2 or a - min_step(a, loop[-1], loop[0]) >= math.pi / 2 - 2 * math.pi:
                break
        place: dict[str, tuple[float, float]] = {mid: at(angle[mid]) for mid in loop}
        boxes = [(*place[m], *size[m]) for m in loop]
        # Only moments a few places apart along the ring can touch.
        if n <= 24:
            clash = any(overlap(a_, b_, gap) for i, a_ in enumerate(boxes) for b_ in boxes[i + 1:])
        else:
            clash = any(overlap(boxes[i], boxes[(i + k) % n], gap) for i in range(n) for k in (1, 2, 3))
        grid = routes.Grid({m: (*place[m], *size[m]) for m in loop}, cell=max(1.0, widest))
        if len(loop) >= 4:
            hub = (0.0, 0.0, *hub_size)
            clash = clash or any(overlap(b_, hub, gap) for b_ in boxes)
            grid.add("hub", hub)
        # Each detour inside the ring, beside where it leaves and rejoins: as far out as it fits.
        for mid in detours:
            near = [angle[o] for o in neighbours.get(mid, []) if o in angle and o in place]
            angle[mid] = (math.atan2(sum(math.sin(x) for x in near), sum(math.cos(x) for x in near))
                          if near else -math.pi / 2)
            tries = [(f, da) for f in (0.62, 0.52, 0.42, 0.32, 0.22) for da in (0, 0.25, -0.25, 0.5, -0.5, 0.8, -0.8)]
            for f, da in tries:
                spot = at(angle[mid] + da, f)
                if not grid.touches((*spot, *size[mid]), gap):
                    break
            else:
                clash = True
            place[mid] = spot
            grid.add(mid, (*spot, *size[mid]))
        if not clash:
            break
        rx, ry = rx * 1.04, ry * 1.04
    # The rim (where the stage sectors are drawn) just clears the moments on the ring.
    rim_rx = max(abs(place[m][0]) + size[m][0] / 2 for m in loop) + 0.25
    rim_ry = max(abs(place[m][1]) + size[m][1] / 2 for m in loop) + 0.25
    legend = legend_text(view)
    title, sub = title_lines(view)
    # The stages: sectors on the rim, in their moments' order, each named just outside it.
    runs: list[tuple[str, int, int]] = []
    for i, mid in enumerate(loop):
        stage = scene.moments[mid].stage
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
        at = (rim_rx * c + (w / 2 + 0.15) * c, rim_ry * si + (h / 2 + 0.15) * si)
        sectors.append((k, text, a0, a1, at, w, h))
    # Extent of the dial and its labels, around the ring's centre.
    xs = [rim_rx + 0.1, -rim_rx - 0.1] + [at[0] + sgn * w / 2 for *_unused, at, w, h in sectors for sgn in (1, -1)]
    ys = [rim_ry + 0.1, -rim_ry - 0.1] + [at[1] + sgn * h / 2 for *_unused, at, w, h in sectors for sgn in (1, -1)]
    legend_rows = legend_lines(view, 2 * max(abs(x) for x in xs))
    half_w = max(max(abs(x) for x in xs), max(text_width(x, LEGEND) for x in legend_rows) / 2 + 0.1,
                 max(text_width(x, 22) for x in title) / 2 + 0.1,
                 max((text_width(x, 14) for x in sub), default=0) / 2 + 0.1)
    cx = half_w + 0.1
    legend_h = len(legend_rows) * LEGEND * 1.2 / PT
    cy = 0.45 + legend_h - min(ys)  # the legend below the dial
    place = {mid: (cx + x, cy + y) for mid, (x, y) in place.items()}
    top_y = cy + max(ys) + 0.1

    lines = [
        "digraph cyclemap_clock {",
        f'  graph [pad=0.3 bgcolor=white splines=true overlap=true outputorder=edgesfirst '
        f'fontname="{look_font()}"];',
        f'  node [fontname="{look_font()}" fontcolor="{look.INK}" color="{look.INK}" margin="0.14,0.07"];',
        f'  edge [color="{look.EDGE}" penwidth=1.8 arrowsize=0.9];',
        '  origin [shape=point style=invis width=0.01 pos="0,0!"];',
    ]
    draw: list[str] = []
    for k, text, a0, a1, at, w, h in sectors:
        draw.append(xdot_polyline(arc(cx, cy, rim_rx, rim_ry, a0, a1), look.SECTOR[k % 2], 14))
        lines.append(text_node(f"stage{k}", text, (cx + at[0], cy + at[1]), 14, italic=True, colour=look.MUTED))
    # The ring through the main loop's moments; an open cycle leaves a gap before the start.
    if (scene.cycle.closed and view.sheet is None) or n < 2:
        ring = arc(cx, cy, rx, ry, 0, 2 * math.pi, 96)
    else:
        ring = arc(cx, cy, rx, ry, math.pi / 2, math.pi / 2 - step * (n - 1), 96)
    draw.insert(0, xdot_polyline(ring, look.RING, 3))
    # The links from one moment to the next along the loop are arcs of the ring itself.
    position = {mid: i for i, mid in enumerate(loop)}
    along: set[tuple[str, str]] = set()

    def outside(point: tuple[float, float], mid: str, pad: float = 0.12) -> bool:
        (x, y), (w, h) = place[mid], size[mid]
        return abs(point[0] - x) > w / 2 + pad or abs(point[1] - y) > h / 2 + pad

    for link in scene.links:
        a_, b_ = link.source, link.target
        if n < 3 or link.when or a_ not in position or b_ not in position:
            continue
        if position[b_] != (position[a_] + 1) % n or (position[b_] == 0 and not link.closing):
            continue
        a0, a1 = angle[a_], angle[b_]
        while a1 >= a0:
            a1 -= 2 * math.pi
        path = [p for p in arc(cx, cy, rx, ry, a0, a1, 40) if outside(p, a_) and outside(p, b_)]
        if len(path) < 4:
            continue
        colour, width = (look.CLOSING, 2.8) if link.closing else (look.EDGE, 1.8)
        draw.append(xdot_polyline(path, colour, width))
        (x1, y1), (x2, y2) = path[-4], path[-1]
        d = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / d, (y2 - y1) / d
        base = (x2 - ux * 0.16, y2 - uy * 0.16)
        head = [(x2, y2), (base[0] - uy * 0.065, base[1] + ux * 0.065), (base[0] + uy * 0.065, base[1] - ux * 0.065)]
        pts = " ".join(f"{px * PT + 0.36:.1f} {py * PT + 0.36:.1f}" for px, py in head)
        draw.append(f"C {len(colour)} -{colour} c {len(colour)} -{colour} P 3 {pts} ")
        along.add((a_, b_))
    lines.append(f'  graph [_background={long_string(draw)}];')
    # Start mark beside the first moment, on the side the ring comes from.
    first = loop[0]
    sx = place[first][0] - size[first][0] / 2 - 0.6
    sy = place[first][1] + size[first][1] / 2 - 0.1
    if view.compact:  # moments sit close together: the mark goes above the first one and its neighbours
        reach = text_width(words("start", view.lang), 14) / 2 + 0.1
        sx = place[first][0]
        sy = max(place[m][1] + size[m][1] / 2 for m in loop
                 if abs(place[m][0] - sx) < reach + size[m][0] / 2) + 0.2
    if has_start(view):
        lines.append(text_node("start", [words("start", view.lang)], (sx, sy), 14, bold=True, colour=look.CLOSING))
    if not scene.cycle.closed and n > 1 and has_end(view):
        last = loop[-1]
        lines.append(text_node("end", [words("end", view.lang)],
                               (place[last][0] + size[last][0] / 2 + 0.5, place[last][1] + size[last][1] / 2 - 0.1),
                               14, bold=True, colour=look.CLOSING))
    if len(loop) >= 4:
        lines.append(text_node("hub", hub_lines, (cx, cy), 14, colour=look.MUTED))
    for mid in scene.order:
        lines.append(node(view, mid, place[mid]))
    # Every other link (into and out of a detour, a branch across the dial) is a line,
    # bent when a straight one would cross a moment, checked against the moments near it.
    grid = routes.Grid({mid: (*place[mid], *size[mid]) for mid in scene.order}
                       | ({"hub": (cx, cy, *hub_size)} if len(loop) >= 4 else {}))
    for link in scene.links:
        a_, b_ = link.source, link.target
        if (a_, b_) in along:
            # Drawn as an arc of the ring, above; Graphviz is given the chord, never routes it.
            attrs = ['style=invis class="along-ring"', routes.polyline([place[a_], place[b_]], arrow=False)]
        else:
            attrs = link_attrs(view, link)
            attrs.append(routes.curve(routes.free_curve(grid, a_, b_, (cx, cy))))
        lines.append(f"  {scene.node[a_]} -> {scene.node[b_]} [{' '.join(attrs)}];")
    sub_h = len(sub) * 14 * 1.2 / PT
    title_h = len(title) * 22 * 1.2 / PT
    if sub:
        lines.append(text_node("subtitle", sub, (cx, top_y + 0.1 + sub_h / 2), 14, colour=look.MUTED))
    lines.append(text_node("title", title, (cx, top_y + 0.2 + sub_h + title_h / 2), 22, bold=True))
    lines.append(text_node("legend", legend_rows, (cx, 0.2 + legend_h / 2), LEGEND))
    right = 2 * cx
    if view.compact:
        key_lines, right = _key(view, right + 0.3, 0.45 + legend_h, top_y)
        lines += key_lines
    corner = (right, top_y + 0.25 + sub_h + title_h)
    lines.append(f'  corner [shape=point style=invis width=0.01 {pinned(*corner)}];')
    lines.append("}")
    return lines


KEY_WRAP = 34  # characters per line of a name in the dial's key


def _key(view: View, x0: float, bottom: float, top: float) -> tuple[list[str], float]:
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
