"""A detour's condition on the dial (issue 23): a text of its own beside the link into the
detour, clear of every moment, every link, the ring and the other texts, so it reads as
the way into the detour and never as part of the detour's name.

Placed once the dial and its links are: each condition tries spots beside the middle of
its link first, then further along it and further out, and takes the first that is free
(the checks use grids, so each costs the same at any size). A condition with no free spot
goes back where it was before (in the detour's box, or in its line of the dial's key),
never over anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cyclemap.outputs import look
from cyclemap.outputs.render import routes
from cyclemap.outputs.render.dial import Dial
from cyclemap.outputs.render.parts import LEGEND, PT, text_node, text_width
from cyclemap.outputs.render.text import wrap
from cyclemap.outputs.render.view import View, words

WRAP = 22  # characters per line of a condition on the dial
LINE_H = LEGEND * 1.2 / PT
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)  # where along its link a condition tries to sit, in this order
OUT = (0.06, 0.15, 0.25, 0.35)  # and how far from the link (inches, beyond its own half-size)

NEAR = 0.35  # inches: the farthest a condition may sit from its link
SEARCH_UP_TO = 60  # dials of up to this many moments search finely where the quick search fails

Point = tuple[float, float]


def wanted(view: View) -> set[str]:
    """The detours entered by the link that carries their condition: those whose condition
    can go on that link."""
    return {link.target for link in view.scene.links if link.when and view.when.get(link.target) == link.when}


def room(view: View) -> dict[str, tuple[str, tuple[float, float]]]:
    """For each detour in `view.on_link`: the moment its condition's link comes from and
    the condition's size, so the detour is placed where the condition fits between the
    two boxes, beside the link."""
    out: dict[str, tuple[str, tuple[float, float]]] = {}
    for link in view.scene.links:
        mid = link.target
        if mid in view.on_link and mid not in out and link.when == view.when.get(mid):
            out[mid] = (link.source, size_of(balanced(words("if", view.lang, when=look.isolate(link.when)))))
    return out


def size_of(lines: list[str]) -> tuple[float, float]:
    """A condition's box, in inches: its text measured in the bundled font both engines
    draw with (`outputs.fonts`; the oblique face has the upright one's widths)."""
    return max(text_width(line, LEGEND) for line in lines) + 0.15, len(lines) * LINE_H + 0.1


@dataclass(frozen=True)
class Condition:
    lines: list[str]
    at: Point  # centre, inches
    size: tuple[float, float]


class Strokes:
    """Points along every drawn line, bucketed by position, so asking whether a box is
    crossed by a line looks at a few points whatever the size of the dial. Only lines
    within `near` of where a condition may go are filled in (`watch`): on a large dial
    most of the ring and its links are far from every detour."""

    def __init__(self, cell: float = 1.0) -> None:
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[Point]] = {}
        self.watched: set[tuple[int, int]] = set()

    def watch(self, points: list[Point], reach: float) -> None:
        """The cells within `reach` of a link a condition may sit beside."""
        c = self.cell
        xs, ys = [x for x, _y in points], [y for _x, y in points]
        for i in range(math.floor((min(xs) - reach) / c), math.floor((max(xs) + reach) / c) + 1):
            for j in range(math.floor((min(ys) - reach) / c), math.floor((max(ys) + reach) / c) + 1):
                self.watched.add((i, j))

    def watches(self, bends: list[Point]) -> bool:
        """Whether a link through these points (a quadratic's start, bend and end: the
        curve stays in their box) may pass a watched cell."""
        c = self.cell
        xs, ys = [x for x, _y in bends], [y for _x, y in bends]
        return any((i, j) in self.watched
                   for i in range(math.floor(min(xs) / c), math.floor(max(xs) / c) + 1)
                   for j in range(math.floor(min(ys) / c), math.floor(max(ys) / c) + 1))

    def add(self, points: list[Point], key: int | None = None, step: float = 0.08) -> None:
        """A polyline (a link's, by its index, or None for the ring), filled in so no two
        points are more than `step` apart, where watched."""
        c, watched, buckets = self.cell, self.watched, self.buckets
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            count = max(1, math.ceil(math.hypot(bx - ax, by - ay) / step))
            for k in range(count):
                x, y = ax + (bx - ax) * k / count, ay + (by - ay) * k / count
                cell = (math.floor(x / c), math.floor(y / c))
                if cell in watched:
                    buckets.setdefault(cell, []).append((x, y, key))
        x, y = points[-1]
        cell = (math.floor(x / c), math.floor(y / c))
        if cell in watched:
            buckets.setdefault(cell, []).append((x, y, key))

    def near(self, box: routes.Box, pad: float, skip: frozenset[int] | None = None) -> bool:
        """Whether a line comes within `pad` of `box`; with `skip`, a routed link other than
        those (the ring and the links along it are not counted then)."""
        x, y, w, h = box
        x0, x1, y0, y1 = x - w / 2 - pad, x + w / 2 + pad, y - h / 2 - pad, y + h / 2 + pad
        for i in range(math.floor(x0 / self.cell), math.floor(x1 / self.cell) + 1):
            for j in range(math.floor(y0 / self.cell), math.floor(y1 / self.cell) + 1):
                if any(x0 < px < x1 and y0 < py < y1 and (skip is None or (key is not None and key not in skip))
                       for px, py, key in self.buckets.get((i, j), ())):
                    return True
        return False


def place(dial: Dial, routed: dict[int, list[Point]], texts: list[routes.Box]) -> dict[str, Condition]:
    """A free spot for the condition of each detour in `view.on_link`, beside the link into
    it. `routed`: the routed links (start, bend, end) by their index in the scene's links
    (only those near a detour's link are drawn out and looked at); `texts`:
    the boxes of the texts already on the dial (start and end marks). The ring and the
    links drawn along it are not looked at: a condition stays inside the ring
    (`inside_ring`), clear of them."""
    view = dial.view
    scene = view.scene
    grid = routes.Grid({mid: (*dial.place[mid], *dial.size[mid]) for mid in scene.order}
                       | ({"hub": (dial.cx, dial.cy, *dial.hub_size)} if dial.has_hub else {}),
                       cell=max(1.0, dial.widest))
    for k, box in enumerate(texts):
        grid.add(f"text{k}", box)
    strokes = Strokes()
    into = {index: link.target for index, link in enumerate(scene.links)
            if link.target in view.on_link and link.when == view.when.get(link.target) and index in routed}
    texts_of = {mid: balanced(words("if", view.lang, when=look.isolate(view.when[mid]))) for mid in set(into.values())}
    sizes = {mid: size_of(lines) for mid, lines in texts_of.items()}
    # Lines are looked at as far from a link into a detour as its condition can reach.
    reach = max((max(size) for size in sizes.values()), default=0.0) + NEAR + 0.6
    paths = {index: drawn(routed[index]) for index in into}
    for points in paths.values():
        strokes.watch(points, reach)
    for index, bends in routed.items():
        if index not in paths and strokes.watches(bends):
            paths[index] = drawn(bends)
    for index, points in paths.items():
        strokes.add(points, index)
    out_of: dict[str, list[int]] = {}
    for index, link in enumerate(scene.links):
        if index in paths:
            out_of.setdefault(link.source, []).append(index)
    placed: dict[str, Condition] = {}
    for index, mid in into.items():
        if mid in placed:
            continue
        lines, size = texts_of[mid], sizes[mid]
        # Its own link and those out of the detour may come near it: it reads as the way in.
        own = frozenset([index, *out_of.get(mid, ())])
        line = shaft(paths[index])
        spot = free_spot(dial, line, index, own, size, grid, strokes)
        if spot is None and len(dial.loop) <= SEARCH_UP_TO:
            spot = near_spot(dial, line, index, own, size, grid, strokes)
        if spot is not None:
            placed[mid] = Condition(lines, spot, size)
            grid.add(f"when:{mid}", (*spot, *size))
    return placed


def drawn(bends: list[Point]) -> list[Point]:
    """A routed link (start, bend, end) as the points of its curve, about every 0.1 in."""
    (ax, ay), (cx, cy), (bx, by) = bends
    length = math.hypot(cx - ax, cy - ay) + math.hypot(bx - cx, by - cy)
    return routes.quad(*bends, max(2, min(32, math.ceil(length / 0.1))))


def shaft(path: list[Point]) -> list[Point]:
    """The link's line without its last stretch, where the arrowhead is drawn: a condition
    sits beside the line, not by the arrow's tip."""
    end = path[-1]
    kept = [p for p in path if math.dist(p, end) > routes.ARROW + 0.1]
    return kept if len(kept) >= 2 else path


def balanced(text: str) -> list[str]:
    """`text` in as few lines of at most `WRAP` characters as it needs, as even as they
    come (no word left alone on a last line), so the condition stays compact."""
    lines = wrap(text, WRAP)
    for width in range(math.ceil(len(text) / len(lines)), WRAP):
        even = wrap(text, width)
        if len(even) <= len(lines):
            return even
    return lines


def free_spot(dial: Dial, path: list[Point], index: int, own: frozenset[int], size: tuple[float, float],
              grid: routes.Grid, strokes: Strokes) -> Point | None:
    """The first spot beside `path` where a box of `size` touches no moment, text or line,
    stays inside the ring, and has no routed link nearer than its own (so it reads as that
    link's, link `index`; `own`: it and those out of the detour, which may come as near but
    not nearer); None when there is none. From a point of the link
    the box moves square to the page (left or right of a steep stretch, above or below a
    flat one) or straight away from the line, just far enough to clear it."""
    w, h = size
    own_link = frozenset([index])
    for extra in OUT:  # nearest first
        for t in ALONG:
            i = min(len(path) - 2, round(t * (len(path) - 1)))
            (ax, ay), (bx, by) = path[i], path[i + 1]
            mx, my = (ax + bx) / 2, (ay + by) / 2
            d = math.hypot(bx - ax, by - ay) or 1.0
            nx, ny = -(by - ay) / d, (bx - ax) / d  # the line's normal
            clear = abs(nx) * w / 2 + abs(ny) * h / 2  # the box's half-size across the line
            across = (1.0, 0.0) if abs(nx) >= abs(ny) else (0.0, 1.0)
            for ux, uy in (across, (-across[0], -across[1]), (nx, ny), (-nx, -ny)):
                facing = abs(ux * nx + uy * ny)
                if facing < 0.35:
                    continue
                reach = (clear + extra) / facing
                box = (mx + ux * reach, my + uy * reach, w, h)
                if (inside_ring(dial, box) and not grid.touches(box, 0.1) and not strokes.near(box, 0.05)
                        and not strokes.near(box, extra + 0.15, skip=own)
                        and not strokes.near(box, extra, skip=own_link)):
                    return box[:2]
    for t in ALONG:  # no room beside it: on the link itself, its line passing behind the text
        x, y = path[round(t * (len(path) - 1))]
        box = (x, y, w, h)
        if inside_ring(dial, box) and not grid.touches(box, 0.1) and not strokes.near(box, 0.1, skip=own_link):
            return box[:2]
    return None


def near_spot(dial: Dial, path: list[Point], index: int, own: frozenset[int], size: tuple[float, float],
              grid: routes.Grid, strokes: Strokes) -> Point | None:
    """Where `free_spot` found nothing: every spot on a fine grid around the link, nearest
    to it first, up to `NEAR` inches from it, with the same checks."""
    w, h = size
    own_link = frozenset([index])
    xs, ys = [x for x, _y in path], [y for _x, y in path]
    x0, x1 = min(xs) - w / 2 - NEAR, max(xs) + w / 2 + NEAR
    y0, y1 = min(ys) - h / 2 - NEAR, max(ys) + h / 2 + NEAR
    step = 0.08
    spots = []
    for i in range(int((x1 - x0) / step) + 1):
        for j in range(int((y1 - y0) / step) + 1):
            x, y = x0 + i * step, y0 + j * step
            gap = min(math.hypot(max(0.0, abs(px - x) - w / 2), max(0.0, abs(py - y) - h / 2)) for px, py in path)
            if 0.04 < gap <= NEAR:
                spots.append((gap, x, y))
    for gap, x, y in sorted(spots):
        box = (x, y, w, h)
        if (inside_ring(dial, box) and not grid.touches(box, 0.1) and not strokes.near(box, 0.04)
                and not strokes.near(box, gap + 0.1, skip=own) and not strokes.near(box, gap, skip=own_link)):
            return x, y
    return None


def inside_ring(dial: Dial, box: routes.Box) -> bool:
    """Whether every corner of `box` is inside the ring (where the detours are), clear of
    the ring's line and the links drawn along it."""
    x, y, w, h = box
    return all(((x + sx * w / 2 - dial.cx) / dial.rx) ** 2 + ((y + sy * h / 2 - dial.cy) / dial.ry) ** 2 < 0.95
               for sx in (1, -1) for sy in (1, -1))


def nodes(view: View, placed: dict[str, Condition]) -> list[str]:
    """The conditions as texts of their own, in the detours' order, italic like a link's
    words, on a white ground (the picture's links are drawn first: one that carries its
    condition on its line passes behind it)."""
    out = []
    for k, mid in enumerate(sorted(placed, key=view.scene.order.index)):
        condition = placed[mid]
        w, h = condition.size
        out.append(text_node(f"when{k}", condition.lines, condition.at, LEGEND, italic=True)
                   .replace("width=0 height=0", f'width={w:.3f} height={h:.3f} fixedsize=true style=filled '
                            'fillcolor=white color=white', 1))
    return out
