"""Placing Albrecht's dial: the main loop's moments around an ellipse (wider than tall,
like the page), clockwise from 12 o'clock, each as close after the one before as it fits
and the slack shared out; the detours inside the ring beside where they leave and rejoin
it; the ring grown until nothing touches. Pure; `clock.py` draws what is placed here."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cyclemap.outputs import look
from cyclemap.outputs.render import routes
from cyclemap.outputs.render.parts import PT, overlap, size_of
from cyclemap.outputs.render.text import wrap
from cyclemap.outputs.render.view import View

GAP = 0.2  # inches between two moments' boxes on the dial
COMPACT = 16  # past this many moments the dial shows numbers, and the names go in a key beside it


@dataclass
class Dial:
    """The dial as it is laid out: the ring's half-axes and each moment's angle and place
    (inches; around the ring's centre until `frame_dial` moves them onto the page)."""

    view: View
    loop: list[str]  # the main loop, clockwise from 12 o'clock
    detours: list[str]  # every other moment, inside the ring
    size: dict[str, tuple[float, float]]
    gap: float  # the least room between two boxes
    widest: float
    neighbours: dict[str, list[str]]
    hub_lines: list[str]
    hub_size: tuple[float, float]
    rx: float = 0.0
    ry: float = 0.0
    angle: dict[str, float] = field(default_factory=dict)
    place: dict[str, tuple[float, float]] = field(default_factory=dict)
    # detour -> (the moment its condition's link comes from, the condition's width and
    # height, inches): set by the clock before the ring is placed
    room: dict[str, tuple[str, tuple[float, float]]] = field(default_factory=dict)
    cx: float = 0.0  # the ring's centre on the page, once framed
    cy: float = 0.0
    rim: tuple[float, float] = (0.0, 0.0)  # the rim's half-axes, where the stage sectors are drawn

    @property
    def n(self) -> int:
        return max(len(self.loop), 1)

    @property
    def step(self) -> float:
        return 2 * math.pi / self.n

    @property
    def has_hub(self) -> bool:
        return len(self.loop) >= 4  # with fewer, the links would run through the hub

    def at(self, a: float, f: float = 1.0) -> tuple[float, float]:
        """The point at angle `a` on the ring scaled by `f`, around the ring's centre."""
        return (self.rx * f * math.cos(a), self.ry * f * math.sin(a))

    def min_step(self, a: float, one: str, other: str) -> float:
        """The smallest clockwise step from angle `a` (where `one` sits) at which `other`
        clears it."""
        def clear(d: float) -> bool:
            return not overlap((*self.at(a), *self.size[one]), (*self.at(a - d), *self.size[other]), self.gap)

        lo, hi = 0.0, 1e-3  # widen until clear, then halve the interval (cost: the same at any size)
        while hi < math.pi and not clear(hi):
            lo, hi = hi, hi * 2
        for _ in range(10):  # to a thousandth of the step
            mid_d = (lo + hi) / 2
            lo, hi = (lo, mid_d) if clear(mid_d) else (mid_d, hi)
        return min(hi + (0.0 if self.view.compact else 0.01), math.pi)  # a short cycle's moments keep a little more room


def measure(view: View) -> Dial:
    """Each moment's box, who it links with, and the smallest ring worth trying first, so
    the ring grows from there in a few tries."""
    scene = view.scene
    loop = scene.main_loop or scene.order[:1]
    view.compact = len(scene.order) > COMPACT
    gap = 0.12 if view.compact else GAP
    size = {mid: size_of(view, mid) for mid in scene.order}
    neighbours: dict[str, list[str]] = {}
    for link in scene.links:
        neighbours.setdefault(link.target, []).append(link.source)
        neighbours.setdefault(link.source, []).append(link.target)
    on_ring = set(loop)
    hub_lines = wrap(look.isolate(scene.cycle.customer or scene.t("customer")), 14)[:3]
    hub_size = (max(len(x) for x in hub_lines) * 14 * 0.55 / PT + 0.2, len(hub_lines) * 14 * 1.2 / PT + 0.2)
    dial = Dial(view, loop, [mid for mid in scene.order if mid not in on_ring], size, gap,
                max(w for w, _h in size.values()), neighbours, hub_lines, hub_size)
    # An ellipse about as wide for its height as a landscape page.
    dial.rx = max(2.0, dial.widest * 0.8)
    # A long loop starts from the smallest ring its moments could fit along (the ellipse's
    # perimeter is about 5 rx at this shape), so growing it takes a few tries, not hundreds.
    if len(loop) > 40:  # the tested cycles of up to 16 moments keep their fitted ring
        dial.rx = max(dial.rx, sum(min(size[m]) + gap for m in loop) / 5.0)
    dial.ry = dial.rx * 0.56
    return dial


def place_ring(dial: Dial) -> None:
    """Grow the ring until no two moments (nor the hub, nor a detour) are closer than a
    gap: a moment's name must never touch its neighbour's."""
    for attempt in range(120):
        steps, total = loop_steps(dial)
        if total > 2 * math.pi and attempt < 119:  # the last try places them anyway
            dial.rx, dial.ry = dial.rx * 1.04, dial.ry * 1.04
            continue
        share_slack(dial, steps, total)
        dial.place = {mid: dial.at(dial.angle[mid]) for mid in dial.loop}
        clash, grid = ring_clashes(dial)
        clash = place_detours(dial, grid) or clash
        if not clash:
            break
        dial.rx, dial.ry = dial.rx * 1.04, dial.ry * 1.04


def loop_steps(dial: Dial) -> tuple[list[float], float]:
    """Each moment as close after the one before as it fits, and how much of the turn
    that takes with the step back to the first: what is left is slack to share."""
    loop = dial.loop
    steps, a = [], math.pi / 2
    for before, after in zip(loop, loop[1:]):
        steps.append(dial.min_step(a, before, after))
        a -= steps[-1]
    closing = dial.min_step(a, loop[-1], loop[0]) if dial.n > 1 else 0.0
    return steps, sum(steps) + closing


def share_slack(dial: Dial, steps: list[float], total: float) -> None:
    """Share the slack out between the moments so the dial reads evenly round."""
    # Each step is measured again where the moment now sits (a step that clears on the
    # dial's flat top may not on its steep sides), and less slack is shared when the last
    # one would then not clear the first. A short cycle's dial grows until the evenly
    # shared slack clears (`place_ring`); a compact dial's steps are measured again where
    # each moment now sits.
    loop, n, compact = dial.loop, dial.n, dial.view.compact
    for share in ((1.0, 0.95, 0.9, 0.8, 0.7, 0.6, 0.3, 0.0) if compact else (1.0,)):
        extra = share * (2 * math.pi - total) / max(n, 1)
        a = math.pi / 2
        dial.angle[loop[0]] = a
        for before, mid, d in zip(loop, loop[1:], steps):
            a -= (dial.min_step(a, before, mid) if compact else d) + extra
            dial.angle[mid] = a
        if n < 2 or a - dial.min_step(a, loop[-1], loop[0]) >= math.pi / 2 - 2 * math.pi:
            break


def ring_clashes(dial: Dial) -> tuple[bool, routes.Grid]:
    """Whether two moments on the ring, or a moment and the hub, come closer than a gap;
    and the grid of what is placed so far, for the detours to keep clear of."""
    loop, n, gap = dial.loop, dial.n, dial.gap
    boxes = [(*dial.place[m], *dial.size[m]) for m in loop]
    # Only moments a few places apart along the ring can touch.
    if n <= 24:
        clash = any(overlap(a_, b_, gap) for i, a_ in enumerate(boxes) for b_ in boxes[i + 1:])
    else:
        clash = any(overlap(boxes[i], boxes[(i + k) % n], gap) for i in range(n) for k in (1, 2, 3))
    grid = routes.Grid({m: (*dial.place[m], *dial.size[m]) for m in loop}, cell=max(1.0, dial.widest))
    if dial.has_hub:
        hub = (0.0, 0.0, *dial.hub_size)
        clash = clash or any(overlap(b_, hub, gap) for b_ in boxes)
        grid.add("hub", hub)
    return clash, grid


DETOUR_SPOTS = [(f, da) for f in (0.62, 0.52, 0.42, 0.32, 0.22) for da in (0, 0.25, -0.25, 0.5, -0.5, 0.8, -0.8)]
# A detour that needs room for its condition looks at more spots, more finely.
ROOMY_SPOTS = [(f, da) for f in (0.62, 0.57, 0.52, 0.47, 0.42, 0.37, 0.32, 0.27, 0.22)
               for da in (0, 0.15, -0.15, 0.3, -0.3, 0.45, -0.45, 0.6, -0.6, 0.8, -0.8, 1.0, -1.0)]


def place_detours(dial: Dial, grid: routes.Grid) -> bool:
    """Each detour inside the ring beside where it leaves and rejoins, as far out as it
    fits, so it reads as a way off the loop and back; True when one found no free spot.
    Detours whose condition goes on their link first look for spots with room for it
    (`roomy`); when that leaves a detour no spot at all, they are placed as the others."""
    if dial.room:
        trial = routes.Grid(dict(grid.boxes), grid.cell)
        if not _place_detours(dial, trial, roomy, ROOMY_SPOTS):
            for mid in dial.detours:
                grid.add(mid, (*dial.place[mid], *dial.size[mid]))
            return False
        for mid in dial.detours:
            dial.place.pop(mid, None)
    return _place_detours(dial, grid, lambda _dial, _mid, _spot: True, DETOUR_SPOTS)


def _place_detours(dial: Dial, grid: routes.Grid, wanted, spots) -> bool:
    """`place_detours` with `wanted(dial, detour, spot)` saying which free spots will do;
    failing that, the first free one."""
    clash = False
    for mid in dial.detours:
        near = [dial.angle[o] for o in dial.neighbours.get(mid, []) if o in dial.angle and o in dial.place]
        dial.angle[mid] = (math.atan2(sum(math.sin(x) for x in near), sum(math.cos(x) for x in near))
                           if near else -math.pi / 2)
        free = None
        for f, da in (spots if mid in dial.room else DETOUR_SPOTS):
            spot = dial.at(dial.angle[mid] + da, f)
            if not grid.touches((*spot, *dial.size[mid]), dial.gap):
                free = free or spot
                if wanted(dial, mid, spot):
                    break
        else:
            clash = clash or free is None
            spot = free or spot
        dial.place[mid] = spot
        grid.add(mid, (*spot, *dial.size[mid]))
    return clash


def roomy(dial: Dial, mid: str, spot: tuple[float, float]) -> bool:
    """Whether a detour at `spot` leaves room, between it and the moment its condition's
    link comes from, for the condition to sit beside that link (`Dial.room`)."""
    if mid not in dial.room:
        return True
    source, (need_w, need_h) = dial.room[mid]
    if source not in dial.place:
        return True
    (x, y), (w, h) = dial.place[source], dial.size[source]
    sw, sh = dial.size[mid]
    # Side by side, the condition goes between them (its width); one above the other,
    # beside the link between them (its height).
    return abs(spot[0] - x) - (w + sw) / 2 >= need_w + 0.25 or abs(spot[1] - y) - (h + sh) / 2 >= need_h + 0.25
