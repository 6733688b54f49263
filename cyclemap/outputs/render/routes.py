"""Links routed by cyclemap itself, for pictures whose moments are all placed by
cyclemap (the client view): each link gets its own curve (`pos`), so Graphviz only
draws (`neato -n2`, the `nop2` layout) and never searches for spline routes around
every moment, a search whose cost grows much faster than the cycle (10 s at 200
moments, minutes at 1,000).

The routes keep clear of every moment by construction: the flow and the blueprint run
their links along free corridors (between rows, in the gaps between columns, around the
outside of the rows); the clock's links from the ring to a detour are straight or bent
lines checked against the moments near them (a grid, so each check costs the same at
any size).

Coordinates are inches in, points out (Graphviz's unit for `pos` under `-n2`).
"""

from __future__ import annotations

import math

PT = 72.0
ARROW = 0.9 * 10 / PT  # the arrowhead's length in inches (arrowsize 0.9)
PROGRAM = "nop2"  # Graphviz's layout with every node and link given: draw only


def _p(x: float, y: float) -> str:
    return f"{x * PT:.1f},{y * PT:.1f}"


def polyline(points: list[tuple[float, float]], arrow: bool = True) -> str:
    """The `pos` attribute of a link drawn along `points` (inches), its arrowhead ending
    at the last point."""
    pts = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(pts) < 2:
        pts = [pts[0], (pts[0][0] + 0.01, pts[0][1])]
    tip = pts[-1]
    if arrow:
        (x1, y1), (x2, y2) = pts[-2], pts[-1]
        d = math.hypot(x2 - x1, y2 - y1) or 1.0
        cut = min(ARROW, d * 0.8)
        pts[-1] = (x2 - (x2 - x1) / d * cut, y2 - (y2 - y1) / d * cut)
    ctrl = [pts[0]]
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        ctrl += [(ax + (bx - ax) / 3, ay + (by - ay) / 3), (ax + 2 * (bx - ax) / 3, ay + 2 * (by - ay) / 3), (bx, by)]
    body = " ".join(_p(x, y) for x, y in ctrl)
    return f'pos="e,{_p(*tip)} {body}"' if arrow else f'pos="{body}"'


def curve(points: list[tuple[float, float]], arrow: bool = True) -> str:
    """The `pos` of a smooth link through `points` (a quadratic bend: start, bend, end)."""
    if len(points) != 3:
        return polyline(points, arrow)
    (ax, ay), (cx, cy), (bx, by) = points
    tip = (bx, by)
    if arrow:
        d = math.hypot(bx - cx, by - cy) or 1.0
        cut = min(ARROW, d * 0.5)
        bx, by = bx - (bx - cx) / d * cut, by - (by - cy) / d * cut
    # The quadratic's control point as a cubic's two.
    c1 = (ax + 2 / 3 * (cx - ax), ay + 2 / 3 * (cy - ay))
    c2 = (bx + 2 / 3 * (cx - bx), by + 2 / 3 * (cy - by))
    body = " ".join(_p(x, y) for x, y in ((ax, ay), c1, c2, (bx, by)))
    return f'pos="e,{_p(*tip)} {body}"' if arrow else f'pos="{body}"'


def label_at(x: float, y: float) -> str:
    return f'lp="{_p(x, y)}"'


Box = tuple[float, float, float, float]  # centre x, centre y, width, height (inches)


class Grid:
    """Moments' boxes bucketed by position, so asking which boxes a point is in looks at
    a few boxes whatever the size of the cycle."""

    def __init__(self, boxes: dict[str, Box], cell: float = 1.0) -> None:
        self.cell = cell
        self.boxes = dict(boxes)
        self.buckets: dict[tuple[int, int], list[str]] = {}
        for name, box in boxes.items():
            self.add(name, box)

    def _cells(self, box: Box, pad: float = 0.0):
        x, y, w, h = box
        c = self.cell
        for i in range(math.floor((x - w / 2 - pad) / c), math.floor((x + w / 2 + pad) / c) + 1):
            for j in range(math.floor((y - h / 2 - pad) / c), math.floor((y + h / 2 + pad) / c) + 1):
                yield i, j

    def add(self, name: str, box: Box) -> None:
        self.boxes[name] = box
        for key in self._cells(box):
            self.buckets.setdefault(key, []).append(name)

    def touches(self, box: Box, gap: float) -> bool:
        """Whether `box` comes within `gap` of a box already here."""
        x, y, w, h = box
        for key in self._cells(box, gap):
            for name in self.buckets.get(key, ()):
                bx, by, bw, bh = self.boxes[name]
                if abs(x - bx) < (w + bw) / 2 + gap and abs(y - by) < (h + bh) / 2 + gap:
                    return True
        return False

    def hit(self, x: float, y: float, skip: tuple[str, ...] = (), pad: float = 0.06) -> str | None:
        for name in self.buckets.get((math.floor(x / self.cell), math.floor(y / self.cell)), ()):
            if name in skip:
                continue
            bx, by, w, h = self.boxes[name]
            if abs(x - bx) < w / 2 + pad and abs(y - by) < h / 2 + pad:
                return name
        return None

    def clear(self, points: list[tuple[float, float]], skip: tuple[str, ...]) -> bool:
        return all(self.hit(x, y, skip) is None for x, y in points)


def border(box: Box, toward: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the box's centre toward a point leaves the box."""
    x, y, w, h = box
    dx, dy = toward[0] - x, toward[1] - y
    if dx == 0 and dy == 0:
        return x, y
    t = min((w / 2) / abs(dx) if dx else math.inf, (h / 2) / abs(dy) if dy else math.inf)
    return x + dx * t, y + dy * t


def quad(a: tuple[float, float], c: tuple[float, float], b: tuple[float, float], steps: int = 16):
    return [((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * c[0] + t * t * b[0],
             (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * c[1] + t * t * b[1])
            for t in (k / steps for k in range(steps + 1))]


def free_curve(grid: Grid, tail: str, head: str, toward: tuple[float, float] = (0.0, 0.0)) -> list[tuple[float, float]]:
    """A link from box `tail` to box `head` that passes no other box: straight when it
    can, else bent (toward `toward` first, the dial's centre, then away), as three points
    (start, bend, end). The last try is used when none is clear."""
    a, b = grid.boxes[tail], grid.boxes[head]
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
    nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length  # normal to the chord
    if nx * (toward[0] - mx) + ny * (toward[1] - my) < 0:
        nx, ny = -nx, -ny
    best = None
    for bend in (0.0, 0.25, -0.25, 0.5, -0.5, 0.8, -0.8, 1.2, -1.2):
        c = (mx + nx * bend * length, my + ny * bend * length)
        start = border(a, c if bend else (b[0], b[1]))
        end = border(b, c if bend else (a[0], a[1]))
        if not bend:
            c = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        best = [start, c, end]
        if grid.clear(quad(start, c, end, min(max(8, int(length * 6)), 240)), (tail, head)):
            return best
    return best
