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
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from cyclemap.format.i18n import _, number
from cyclemap.outputs import fonts, look
from cyclemap.outputs.render import routes
from cyclemap.outputs.render.dot import BOLD, ITALIC, Scene, esc, label, make_scene, wrap
from cyclemap.outputs.render.weak import TOP, top_weak_moments  # noqa: F401  (deck and handout read it here too)

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

FONT = 14  # moment text, in points
NAME_WRAP = 14  # characters per line of a moment's name
PT = 72.0
LEGEND = 14  # the one-line legend, in points
GAP = 0.2  # inches between two moments' boxes on the dial
COMPACT = 16  # past this many moments the dial shows numbers, and the names go in a key beside it

W = {
    "start": _("▶ start"),
    "end": _("end ■"),
    "if": _("if {when}"),
    "no_score": _("○ no score"),
    "level": _("Service level: {level}"),
    "legend_kind": _("double border = critical moment"),
    "legend_score": _("score against expectation: ▲ above  ● meets  ▽ just under  ▼ below  ▼▼ far below  ○ no score"),
    "legend_badge": _("⚠ 1 = top weak point"),
    "legend_open": _("open cycle: it ends at ■"),
    "sheet_stage": _("Sheet {index} of {count}: {stage}"),
    "sheet_moments": _("Sheet {index} of {count}: moments {first} to {last}"),
    "comes_from": _("◀ comes from moment {number} (previous sheet)"),
    "continues_at": _("continues at moment {number} on sheet {next} ▶"),
    "legend_support": _("⚙ = rests on an internal service (another team's cycle)"),
    "evidence": _("Physical evidence"),
    "customer": _("Customer actions"),
    "onstage": _("Onstage (visible contact)"),
    "backstage": _("Backstage (invisible contact)"),
    "support": _("Support processes"),
    "line_interaction": _("line of interaction"),
    "line_visibility": _("line of visibility"),
    "line_internal": _("line of internal interaction"),
    "blueprint_empty": _(
        "This blueprint shows the customer's actions only: no moment says its evidence, onstage, backstage or "
        "support yet. Write them in the cycle to see the rest of the blueprint."),
}


SUPPORT_MARK = "⚙"  # a moment that rests on an internal cycle (`supported_by`); the legend says so


def words(key: str, lang: str, **kwargs: object) -> str:
    """A word of the picture in `lang`, its `{fields}` filled in."""
    text = W[key]
    return (text.format(**kwargs) if kwargs else text)(lang)


@dataclass
class View:
    scene: Scene
    badge: dict[str, int]  # moment id -> 1.. for the top weak points
    when: dict[str, str]  # detour id -> the condition that leads into it
    compact: bool = False  # the dial past COMPACT moments: numbers on the ring, names in a key
    sheet: "Sheet | None" = None  # one sheet of a split picture (`split.py`); None: the whole cycle
    on_link: set = field(default_factory=set)  # detours whose condition is written on their link, not in the box
    memo: dict = field(default_factory=dict)  # (what, moment id, compact) -> lines or size, computed once

    @property
    def lang(self) -> str:
        return self.scene.lang


@dataclass(frozen=True)
class Sheet:
    """One sheet of a picture split by stage (or in consecutive chunks): its moments, in
    the cycle's display order, and the moments it continues from and into."""

    members: tuple[str, ...]
    index: int  # 1-based
    count: int
    stage: str | None = None  # the stage all its moments belong to, if one
    before: str | None = None  # the moment just before its first, on the previous sheet
    after: str | None = None  # the moment just after its last, on the next sheet


def make_view(checked: "CheckedCycle", sheet: Sheet | None = None) -> View:
    scene = make_scene(checked)
    loop = set(scene.main_loop)
    when: dict[str, str] = {}
    for link in scene.links:
        if link.when and link.target not in loop and link.target not in when:
            when[link.target] = link.when
    badge = top_weak_moments(checked, set(scene.moments))  # ranks of the whole cycle, on every sheet
    if sheet is not None:
        keep = set(sheet.members)
        scene = replace(scene, order=[m for m in scene.order if m in keep],
                        main_loop=[m for m in scene.main_loop if m in keep],
                        moments={m: v for m, v in scene.moments.items() if m in keep},
                        links=[k for k in scene.links if k.source in keep and k.target in keep])
    return View(scene, badge, when, sheet=sheet)


def _has_start(view: View) -> bool:
    """The cycle's start is drawn here (always, unless this sheet does not hold it)."""
    return view.sheet is None or view.sheet.before is None


def _has_end(view: View) -> bool:
    """An open cycle's end is drawn here (unless this sheet does not hold it)."""
    return view.sheet is None or view.sheet.after is None


# ---------------------------------------------------------------- one moment


def score_line(view: View, moment_id: str) -> str:
    m = view.scene.moments[moment_id]
    lang = view.lang
    if m.score is None:
        return words("no_score", lang) + (f" {SUPPORT_MARK}" if m.supported_by else "")
    band = look.band_for(m.score, m.expectation, view.scene.cycle.scale, view.scene.margin)
    # The mark says how the score compares with the expectation (the legend says so);
    # the handout's table and the deck give both numbers.
    said = f"{band.mark} {number(m.score, lang)}"
    return said + (f" {SUPPORT_MARK}" if m.supported_by else "")  # connected cycles: a discreet mark


def lines_of(view: View, moment_id: str, name_wrap: int = NAME_WRAP) -> list[str]:
    key = ("lines", moment_id, view.compact, name_wrap)
    if key not in view.memo:
        view.memo[key] = _lines_of(view, moment_id, name_wrap)
    return view.memo[key]


def _lines_of(view: View, moment_id: str, name_wrap: int) -> list[str]:
    m = view.scene.moments[moment_id]
    lines: list[str] = []
    if moment_id in view.badge:
        lines.append(f"⚠ {view.badge[moment_id]}")
    if view.compact:  # the name is in the key beside the dial
        mark = look.band_for(m.score, m.expectation, view.scene.cycle.scale, view.scene.margin).mark if m.score is not None else "○"
        return lines + [f"{view.scene.number[moment_id]}", mark]
    name = wrap(f"{view.scene.number[moment_id]} · {look.isolate(m.name)}", name_wrap)
    lines += name
    if moment_id in view.when and moment_id not in view.on_link:
        lines += wrap(words("if", view.lang, when=look.isolate(view.when[moment_id])), name_wrap + 2)
    lines.append(score_line(view, moment_id))
    return lines


def size_of(view: View, moment_id: str, fontsize: float = FONT) -> tuple[float, float]:
    """Estimated (width, height) in inches of a moment's box."""
    key = ("size", moment_id, view.compact, fontsize)
    if key not in view.memo:
        view.memo[key] = _size_of(view, moment_id, fontsize)
    return view.memo[key]


def _size_of(view: View, moment_id: str, fontsize: float) -> tuple[float, float]:
    lines = lines_of(view, moment_id)
    bold = view.scene.moments[moment_id].critical
    pad = (0.3, 0.14) if view.compact else (0.45, 0.3)  # a compact dial's moments hold a number and a mark
    # The bundled font's own advance widths (`outputs.fonts`), as both engines draw them.
    width = max(fonts.width(line, fontsize, bold) for line in lines) / PT + pad[0]
    height = len(lines) * fontsize * 1.2 / PT + pad[1]
    return width, height


def node(view: View, moment_id: str, at: tuple[float, float] | None = None, fontsize: float = FONT) -> str:
    m = view.scene.moments[moment_id]
    band = look.band_for(m.score, m.expectation, view.scene.cycle.scale, view.scene.margin)
    badged = moment_id in view.badge
    # The box is the size cyclemap planned for (the same in both engines), so the links
    # cyclemap routed meet its edges.
    w, h = size_of(view, moment_id, fontsize)
    attrs = [f"fontsize={fontsize} width={w:.3f} height={h:.3f} fixedsize=true"]
    if m.critical:
        attrs.append(f'shape=box style="filled,bold" peripheries=2 penwidth=2.2 fontname="{BOLD}"')
    else:
        attrs.append('shape=box style="rounded,filled" penwidth=1.2')
    attrs.append(f'fillcolor="{band.fill}" color="{look.FINDING if badged else look.INK}"')
    if badged:
        attrs.append("penwidth=3.4")
    attrs.append(f"label={label(lines_of(view, moment_id))}")
    attrs.append(f'tooltip="{esc(m.name)}"')
    attrs.append(f'class="moment {m.kind}{" weak" if badged else ""} band-{band.key}"')
    if at is not None:
        attrs.append(pinned(*at))
    return f"  {view.scene.node[moment_id]} [{' '.join(attrs)}];"


def pinned(x: float, y: float) -> str:
    """A fixed position given in inches, written in points (the unit of `neato -n2`)."""
    return f'pos="{x * PT:.1f},{y * PT:.1f}!"'


def text_node(name: str, lines: list[str], at: tuple[float, float], fontsize: float, bold: bool = False,
              colour: str = look.INK, left: bool = False, italic: bool = False) -> str:
    font = BOLD if bold else (ITALIC if italic else look_font())
    return (f'  {name} [shape=plaintext margin=0 width=0 height=0 fontsize={fontsize} fontname="{font}" fontcolor="{colour}" '
            f'class="text" label={label(lines, left=left)} {pinned(*at)}];')


def look_font() -> str:
    from cyclemap.outputs.render.style import FONT as family

    return family


def title_lines(view: View) -> tuple[list[str], list[str]]:
    """The title (bold) and one line under it: the customer and the service level."""
    scene = view.scene
    sub = []
    if scene.cycle.customer:
        sub.append(scene.t("customer_is", customer=look.isolate(scene.cycle.customer)))
    if scene.level is not None:
        sub.append(words("level", view.lang, level=scene.level.name(view.lang).upper()))
    rows = wrap("   ·   ".join(sub), 110) if sub else []
    if view.sheet is not None:
        rows.append(sheet_line(view))
    return wrap(look.isolate(scene.cycle.title), 60), rows


def sheet_line(view: View) -> str:
    """Which sheet this is and where the cycle goes on: the marks of a split picture."""
    sheet, scene, lang = view.sheet, view.scene, view.lang
    numbers = [scene.number[m] for m in sheet.members]
    parts = [words("sheet_stage", lang, index=sheet.index, count=sheet.count, stage=look.isolate(sheet.stage))
             if sheet.stage else
             words("sheet_moments", lang, index=sheet.index, count=sheet.count, first=min(numbers), last=max(numbers))]
    full = dict(scene.number)
    if sheet.before is not None:
        parts.append(words("comes_from", lang, number=full[sheet.before]))
    if sheet.after is not None:
        parts.append(words("continues_at", lang, number=full[sheet.after], next=sheet.index + 1))
    return "   ·   ".join(parts)


def legend_parts(view: View) -> list[str]:
    parts = [words("legend_kind", view.lang), words("legend_score", view.lang)]
    if any(m.supported_by for m in view.scene.moments.values()):
        parts.append(words("legend_support", view.lang))
    if view.badge:
        parts.append(words("legend_badge", view.lang))
    if not view.scene.cycle.closed:
        parts.append(words("legend_open", view.lang))
    return parts


def legend_text(view: View) -> str:
    """The one-line legend."""
    return "   ·   ".join(legend_parts(view))


def legend_lines(view: View, width: float) -> list[str]:
    """The legend on one line, or on two when one would be wider than `width` inches
    (the score key on a line of its own)."""
    one = legend_text(view)
    if text_width(one, LEGEND) <= width:
        return [one]
    parts = legend_parts(view)
    return ["   ·   ".join(parts[:1] + parts[2:]), parts[1]]


def text_width(text: str, fontsize: float, bold: bool = False) -> float:
    """Inches, in the bundled font (`outputs.fonts`)."""
    return fonts.width(text, fontsize, bold) / PT


# ---------------------------------------------------------------- geometry helpers


def _overlap(a, b, gap: float) -> bool:
    (ax, ay, aw, ah), (bx, by, bw, bh) = a, b
    return abs(ax - bx) < (aw + bw) / 2 + gap and abs(ay - by) < (ah + bh) / 2 + gap


def _long_string(ops: list[str], limit: int = 15000) -> str:
    """xdot drawing operations as one DOT string of any length: Graphviz reads one quoted
    string up to 16 KB, so a long drawing is written as quoted pieces, each whole
    operations, joined with `+` (DOT's own concatenation)."""
    pieces: list[str] = []
    for op in ops:
        if pieces and len(pieces[-1]) + len(op) + 1 <= limit:
            pieces[-1] += " " + op
        else:
            pieces.append(op)
    return " + ".join(f'"{piece}"' for piece in pieces or [""])


def _xdot_polyline(points: list[tuple[float, float]], colour: str, width: float) -> str:
    pts = " ".join(f"{x * PT + 0.36:.1f} {y * PT + 0.36:.1f}" for x, y in points)  # +0.36: the origin mark's half size
    style = f"setlinewidth({width:g})"
    return f"c {len(colour)} -{colour} S {len(style)} -{style} L {len(points)} {pts} "


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, steps: int = 48):
    """Points of an elliptic arc from angle a0 to a1 (radians, any direction)."""
    return [(cx + rx * math.cos(a0 + (a1 - a0) * k / steps), cy + ry * math.sin(a0 + (a1 - a0) * k / steps))
            for k in range(steps + 1)]


# ---------------------------------------------------------------- clock


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
            return not _overlap((*at(a), *size[one]), (*at(a - d), *size[other]), gap)

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
            clash = any(_overlap(a_, b_, gap) for i, a_ in enumerate(boxes) for b_ in boxes[i + 1:])
        else:
            clash = any(_overlap(boxes[i], boxes[(i + k) % n], gap) for i in range(n) for k in (1, 2, 3))
        grid = routes.Grid({m: (*place[m], *size[m]) for m in loop}, cell=max(1.0, widest))
        if len(loop) >= 4:
            hub = (0.0, 0.0, *hub_size)
            clash = clash or any(_overlap(b_, hub, gap) for b_ in boxes)
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
                 max(text_width(x, 22, True) for x in title) / 2 + 0.1,
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
        draw.append(_xdot_polyline(_arc(cx, cy, rim_rx, rim_ry, a0, a1), look.SECTOR[k % 2], 14))
        lines.append(text_node(f"stage{k}", text, (cx + at[0], cy + at[1]), 14, italic=True, colour=look.MUTED))
    # The ring through the main loop's moments; an open cycle leaves a gap before the start.
    if (scene.cycle.closed and view.sheet is None) or n < 2:
        ring = _arc(cx, cy, rx, ry, 0, 2 * math.pi, 96)
    else:
        ring = _arc(cx, cy, rx, ry, math.pi / 2, math.pi / 2 - step * (n - 1), 96)
    draw.insert(0, _xdot_polyline(ring, look.RING, 3))
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
        arc = [p for p in _arc(cx, cy, rx, ry, a0, a1, 40) if outside(p, a_) and outside(p, b_)]
        if len(arc) < 4:
            continue
        colour, width = (look.CLOSING, 2.8) if link.closing else (look.EDGE, 1.8)
        draw.append(_xdot_polyline(arc, colour, width))
        (x1, y1), (x2, y2) = arc[-4], arc[-1]
        d = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / d, (y2 - y1) / d
        base = (x2 - ux * 0.16, y2 - uy * 0.16)
        head = [(x2, y2), (base[0] - uy * 0.065, base[1] + ux * 0.065), (base[0] + uy * 0.065, base[1] - ux * 0.065)]
        pts = " ".join(f"{px * PT + 0.36:.1f} {py * PT + 0.36:.1f}" for px, py in head)
        draw.append(f"C {len(colour)} -{colour} c {len(colour)} -{colour} P 3 {pts} ")
        along.add((a_, b_))
    lines.append(f'  graph [_background={_long_string(draw)}];')
    # Start mark beside the first moment, on the side the ring comes from.
    first = loop[0]
    sx = place[first][0] - size[first][0] / 2 - 0.6
    sy = place[first][1] + size[first][1] / 2 - 0.1
    if view.compact:  # moments sit close together: the mark goes above the first one and its neighbours
        reach = text_width(words("start", view.lang), 14) / 2 + 0.1
        sx = place[first][0]
        sy = max(place[m][1] + size[m][1] / 2 for m in loop
                 if abs(place[m][0] - sx) < reach + size[m][0] / 2) + 0.2
    if _has_start(view):
        lines.append(text_node("start", [words("start", view.lang)], (sx, sy), 14, bold=True, colour=look.CLOSING))
    if not scene.cycle.closed and n > 1 and _has_end(view):
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
            attrs = _link_attrs(view, link)
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


# ---------------------------------------------------------------- flow


def _header_lines(name: str) -> list[str]:
    return [
        f"digraph cyclemap_{name} {{",
        f'  graph [pad=0.3 bgcolor=white splines=true overlap=true outputorder=edgesfirst '
        f'fontname="{look_font()}"];',
        f'  node [fontname="{look_font()}" fontcolor="{look.INK}" color="{look.INK}" margin="0.14,0.07"];',
        f'  edge [color="{look.EDGE}" penwidth=1.8 arrowsize=0.9];',
        '  origin [shape=point style=invis width=0.01 pos="0,0!"];',
    ]


def _links(view: View) -> list[str]:
    out = []
    for link in view.scene.links:
        attrs = []
        if link.when:
            attrs.append("style=dashed")
        if link.closing:
            attrs.append(f'color="{look.CLOSING}" penwidth=2.8')
        out.append(f"  {view.scene.node[link.source]} -> {view.scene.node[link.target]} [{' '.join(attrs)}];")
    return out


def _page_fit(width: float, height: float, page: tuple[float, float]) -> float:
    return min((page[0] - 0.6) / width, (page[1] - 0.6) / height)


def _link_attrs(view: View, link) -> list[str]:
    attrs = []
    if link.when:
        attrs.append("style=dashed")
    if link.closing:
        attrs.append(f'color="{look.CLOSING}" penwidth=2.8')
    return attrs


def _flow_links(view: View, place, size, slot, gaps, top: float, row_h: float, rows: int) -> list[str]:
    """Every link of the flow along free space: straight down a column to the next
    moment; otherwise out of the moment's side into the gap beside its column, along the
    free corridor between two rows (the one under the bottom row for the link back to the
    start, outside the rows), and into the target's side from the gap before its column.
    No route crosses a moment, whatever the cycle's size."""
    scene = view.scene
    out = []
    for i, link in enumerate(scene.links):
        a, b = link.source, link.target
        (ax, ay), (bx, by) = place[a], place[b]
        (ca, ra), (cb, rb) = slot[a], slot[b]
        (aw, ah), (bw, bh) = size[a], size[b]
        shift = ((i % 5) - 2) * 0.04  # links sharing a gap or corridor run side by side
        if ca == cb and rb == ra + 1 and not link.closing:
            points = [(ax, ay - ah / 2), (bx, by + bh / 2)]
        elif cb == ca + 1 and not link.closing:
            gx = gaps[ca] + shift
            points = [(ax + aw / 2, ay), (gx, ay), (gx, by), (bx - bw / 2, by)]
        else:
            if link.closing:
                k = rows  # under the bottom row: outside the rows
            else:
                k = max(1, min(rows - 1, round((ra + rb) / 2 + 0.5))) if rows > 1 else 1
            cy = top - row_h * k + (0.1 if k == rows else (-0.1 if k == 0 else 0.0)) + shift
            ga = gaps[ca] + shift
            gb = (gaps[cb - 1] if cb > 0 else 0.1) - shift
            points = [(ax + aw / 2, ay), (ga, ay), (ga, cy), (gb, cy), (gb, by), (bx - bw / 2, by)]
        attrs = _link_attrs(view, link)
        attrs.append(routes.polyline(points))
        out.append(f"  {scene.node[a]} -> {scene.node[b]} [{' '.join(attrs)}];")
    return out


def _end_mark(view: View, place, size) -> list[str]:
    """An open cycle's end mark (■, promised by the legend) just after its last moment."""
    scene = view.scene
    loop = scene.main_loop
    if scene.cycle.closed or len(loop) < 2 or not _has_end(view):
        return []
    last = loop[-1]
    (x, y), (w, h) = place[last], size[last]
    return [text_node("end", [words("end", view.lang)], (x + w / 2 - 0.4, y - h / 2 - 0.2), 14, bold=True,
                      colour=look.CLOSING)]


def flow(view: View) -> list[str]:
    """Stages left to right; in each stage its moments top to bottom, in columns of at
    most `rows` moments, `rows` chosen so the picture best fills a landscape page."""
    scene = view.scene
    # One column group per stage, in the order the stages first come: a detour that
    # belongs to an earlier stage joins that stage's columns instead of repeating them.
    by_stage: dict[str | None, list[str]] = {}
    for mid in scene.order:
        by_stage.setdefault(scene.moments[mid].stage, []).append(mid)
    groups: list[tuple[str | None, list[str]]] = list(by_stage.items())
    # A detour's condition goes on its link, in the gap above the detour (beside the link
    # coming down into it), when the detour is not at the top of a column; there it stays
    # in the detour's box. Which detours sit at a column's top depends on the rows, so each
    # choice of rows is measured with its own boxes and the room its conditions take.
    entering = {link.target for link in scene.links if link.when and view.when.get(link.target) == link.when}
    index = {mid: i for _stage, members in groups for i, mid in enumerate(members)}
    detours = [mid for mid in scene.order if mid in view.when and mid in entering]
    boxed = {mid: size_of(view, mid) for mid in scene.order}  # conditions in the boxes
    view.on_link = set(detours)
    view.memo.clear()
    bare = {mid: size_of(view, mid) for mid in detours}  # conditions on the links
    view.on_link = set()
    view.memo.clear()
    others = [boxed[mid] for mid in scene.order if mid not in bare] or [(0.0, 0.0)]
    base_w, base_h = max(w for w, _h in others), max(h for _w, h in others)
    stage_h = 0.45
    title, sub = title_lines(view)
    head_h = len(title) * 22 * 1.2 / PT + len(sub) * 14 * 1.2 / PT + 0.25

    detour_set = set(detours)
    bare_w = max((w for w, _h in bare.values()), default=0.0)
    bare_h = max((h for _w, h in bare.values()), default=0.0)
    label_cache: dict[float, float] = {}

    def label_height(col_w: float) -> float:
        """The room the tallest condition takes, wrapped to half a column (every detour's, so
        the same whatever the rows: a little room to spare at worst)."""
        key = round(col_w, 3)
        if key not in label_cache:
            chars = max(8, int((col_w / 2 - 0.2) * PT / (LEGEND * 0.55)))
            label_cache[key] = max(len(wrap(words("if", view.lang, when=look.isolate(view.when[mid])), chars))
                                   for mid in detours) * LEGEND * 1.2 / PT + 0.15
        return label_cache[key]

    def plan(rows: int):
        """(detours whose condition is on the link, column width, row height) for `rows`;
        work in proportion to the columns, not the moments."""
        tops = [members[i] for _stage, members in groups for i in range(0, len(members), rows)
                if members[i] in detour_set]
        on_any = len(tops) < len(detours)
        col_w = max(base_w, bare_w if on_any else 0.0, *(boxed[mid][0] for mid in tops)) + 0.7
        row_h = max(base_h, bare_h if on_any else 0.0, *(boxed[mid][1] for mid in tops)) + 0.45
        if on_any:
            row_h += label_height(col_w)
        return tops, col_w, row_h

    best = None
    for rows in range(1, len(scene.order) + 1):
        _tops, col_w, row_h = plan(rows)
        cols = sum(math.ceil(len(members) / rows) for _stage, members in groups)
        width = cols * col_w + 0.3 * len(groups)
        height = rows * row_h + stage_h + head_h + 0.8
        fit = _page_fit(width, height, (11.69, 8.27))
        if best is None or fit > best[0] + 1e-9:
            best = (fit, rows)
    rows = best[1]
    tops, col_w, row_h = plan(rows)
    view.on_link = detour_set - set(tops)
    chars = max(8, int((col_w / 2 - 0.2) * PT / (LEGEND * 0.55)))
    condition = {mid: wrap(words("if", view.lang, when=look.isolate(view.when[mid])), chars) for mid in view.on_link}
    view.memo.clear()
    size = {mid: size_of(view, mid) for mid in scene.order}
    legend_rows = legend_lines(view, 1e9)
    legend_h = len(legend_rows) * LEGEND * 1.2 / PT
    base = 0.25 + legend_h + 0.3  # the legend under the columns
    top = base + rows * row_h
    place: dict[str, tuple[float, float]] = {}
    boxes = []
    slot: dict[str, tuple[int, int]] = {}  # moment -> (column, row)
    gaps: list[float] = []  # x of the free gap right of each column
    x = 0.2
    for k, (stage, members) in enumerate(groups):
        cols = [members[i:i + rows] for i in range(0, len(members), rows)]
        x0 = x
        for j, column in enumerate(cols):
            for r, mid in enumerate(column):
                place[mid] = (x + col_w / 2, top - row_h * (r + 0.5))
                slot[mid] = (len(gaps), r)
            x += col_w
            gaps.append(x + (0.15 if j == len(cols) - 1 else 0.0))
        boxes.append((k, stage, x0, x))
        x += 0.3
    width = x - 0.1
    legend_rows = legend_lines(view, width)
    lines = _header_lines("flow")
    draw = []
    for k, stage, x0, x1 in boxes:
        if stage is None:
            continue
        fill = look.SECTOR[1] if k % 2 == 0 else "#f4f6f8"
        pts = [(x0, base - 0.1), (x1, base - 0.1), (x1, top + stage_h), (x0, top + stage_h)]
        pts_text = " ".join(f"{px * PT + 0.36:.1f} {py * PT + 0.36:.1f}" for px, py in pts)
        draw.append(f"C {len(fill)} -{fill} c {len(fill)} -{fill} P 4 {pts_text} ")
        text = wrap(look.isolate(stage), max(int((x1 - x0) * 7), 10))[:2]
        lines.append(text_node(f"stage{k}", text, ((x0 + x1) / 2, top + stage_h / 2 - 0.02), 15, bold=True,
                               colour=look.MUTED))
    lines.append(f'  graph [_background={_long_string(draw)}];')
    lines += [node(view, mid, place[mid]) for mid in scene.order]
    lines += _flow_links(view, place, size, slot, gaps, top, row_h, rows)
    for k, mid in enumerate(sorted(view.on_link, key=scene.order.index)):
        # Left-aligned just right of the link that comes down the column's middle into the detour.
        text = condition[mid]
        width = max(text_width(line, LEGEND) for line in text)
        (bx, by), (_bw, bh) = place[mid], size[mid]
        y = by + bh / 2 + 0.12 + len(text) * LEGEND * 1.2 / PT / 2
        # A box of the planned width, its lines left-aligned in it: the text starts beside the
        # link in both engines, whatever their font metrics.
        lines.append(text_node(f"when{k}", text, (bx + 0.1 + width / 2, y), LEGEND, italic=True, left=True)
                     .replace("width=0 height=0", f"width={width:.3f} height={len(text) * LEGEND * 1.2 / PT:.3f} "
                              "fixedsize=true", 1))
    lines += _end_mark(view, place, size)
    lines += _frame(title, sub, legend_rows, legend_h, width, top + stage_h + 0.15)
    return lines


# ---------------------------------------------------------------- blueprint

ROWS = ("evidence", "customer", "onstage", "backstage", "support")
LINES = (("customer", "onstage", "line_interaction", "solid"), ("onstage", "backstage", "line_visibility", "dashed"),
         ("backstage", "support", "line_internal", "dotted"))
CELL_WRAP = 16


def blueprint(view: View) -> list[str]:
    """One column per moment in the customer's order; the rows (evidence, customer,
    onstage, backstage, support) only as the moments fill them. A long cycle is cut into
    bands stacked one under the other, so it fits A3 landscape."""
    scene = view.scene
    order = scene.order
    moments = scene.moments
    filled = [row for row in ("evidence", "onstage", "backstage", "support")
              if any(getattr(moments[mid], row) for mid in order)]
    rows = [row for row in ROWS if row == "customer" or row in filled]
    # With any of the lower rows, all three lines are drawn, so the rows keep their meaning.
    if any(r in filled for r in ("onstage", "backstage", "support")):
        rows = [r for r in ROWS if r in ("customer", "onstage", "backstage", "support") or r in filled]

    # A detour reached straight from the moment before it: its condition goes under the
    # link between the two (the customer's row is made taller for it), not in its box.
    previous = {b: a for a, b in zip(order, order[1:])}
    view.on_link = {link.target for link in scene.links
                    if link.when and view.when.get(link.target) == link.when and previous.get(link.target) == link.source}
    view.memo.clear()

    def cell_lines(mid: str, row: str) -> list[str]:
        out: list[str] = []
        for item in getattr(moments[mid], row):
            out += wrap("• " + look.isolate(item), CELL_WRAP)
        return out

    col_w = max(max(size_of(view, mid)[0] for mid in order) + 0.45, CELL_WRAP * 13 * 0.56 / PT + 0.6)
    chars = max(8, int((col_w - 0.4) * PT / (LEGEND * 0.55)))
    condition = {mid: wrap(words("if", view.lang, when=look.isolate(view.when[mid])), chars) for mid in view.on_link}
    label_h = {mid: len(text) * LEGEND * 1.2 / PT + 0.1 for mid, text in condition.items()}

    def room(members: list[str]) -> float:
        """The room under a band's moments for the conditions on its links."""
        return max((label_h[mid] for mid in members if mid in label_h and previous[mid] in members), default=0.0)

    left = 2.3  # the row titles
    title, sub = title_lines(view)
    head_h = len(title + sub) * 22 * 1.2 / PT + 0.3
    note_chars = 120

    def band_heights(members: list[str]) -> dict[str, float]:
        out = {}
        for row in rows:
            if row == "customer":
                out[row] = max(size_of(view, mid)[1] for mid in members) + 0.5 + room(members)
            else:
                most = max((len(cell_lines(mid, row)) for mid in members), default=0)
                out[row] = max(most * 13 * 1.2 / PT + 0.45, 0.8)
        return out

    # The lines' names get a strip of their own right of the last column, off the cells.
    strip = max(text_width(words(key, view.lang), 13) for *_rows, key, _style in LINES) + 0.4
    best = None
    for count in range(1, 5):
        per = math.ceil(len(order) / count)
        bands = [order[i:i + per] for i in range(0, len(order), per)]
        width = left + col_w * per + strip
        height = sum(sum(band_heights(b).values()) + 0.4 for b in bands) + head_h + 1.2
        fit = _page_fit(width, height, (16.54, 11.69))
        if best is None or fit > best[0] + 1e-9:
            best = (fit, bands, width)
    _fit, bands, width = best
    firsts = {members[0] for members in bands}
    if view.on_link & firsts:  # the first of a band has no link beside it: its condition goes back in its box
        view.on_link -= firsts
        view.memo.clear()
    legend_rows = legend_lines(view, width)
    legend_h = len(legend_rows) * LEGEND * 1.2 / PT
    note = [] if filled else wrap(words("blueprint_empty", view.lang), note_chars)
    note_h = len(note) * 13 * 1.2 / PT
    y = 0.25 + legend_h + 0.3 + (note_h + 0.25 if note else 0)
    lines = _header_lines("blueprint")
    draw: list[str] = []
    place: dict[str, tuple[float, float]] = {}
    band_of: dict[str, int] = {}
    col_of: dict[str, int] = {}
    cell_at: dict[str, tuple[float, float]] = {}
    cell_reach: dict[str, float] = {}
    corridors: dict[int, tuple[float, float]] = {}  # band -> free lines above and under its moments
    cells: list[str] = []
    for k, members in reversed(list(enumerate(bands))):
        heights = band_heights(members)
        row_y: dict[str, float] = {}
        for row in reversed(rows):
            row_y[row] = y + heights[row] / 2
            y += heights[row]
        for j, row in enumerate(rows):
            if j % 2 == 0:
                y0, y1 = row_y[row] - heights[row] / 2, row_y[row] + heights[row] / 2
                pts = " ".join(f"{px * PT + 0.36:.1f} {py * PT + 0.36:.1f}"
                               for px, py in ((0.2, y0), (width, y0), (width, y1), (0.2, y1)))
                draw.append(f"C 7 -#f3f5f8 c 7 -#f3f5f8 P 4 {pts} ")
            lines.append(text_node(f"row_{k}_{row}", wrap(words(row, view.lang), 18), (1.2, row_y[row]), 13,
                                   bold=True, colour=look.MUTED))
        for i, (upper, lower, key, style) in enumerate(LINES):
            if upper not in row_y or lower not in row_y:
                continue
            ly = row_y[upper] - heights[upper] / 2
            draw.append(f"S {len(style)} -{style} " + _xdot_polyline(
                [(0.2, ly), (width, ly)], "#6f6f6f", 2.4 if key == "line_visibility" else 1.4))
            text = words(key, view.lang)
            lines.append(text_node(f"line_{k}_{i}", [text], (width - text_width(text, 13) / 2 - 0.1, ly + 0.15), 13,
                                   italic=True, colour=look.MUTED))
        hc = heights["customer"]
        corridors[k] = (row_y["customer"] + hc / 2 - 0.1, row_y["customer"] - hc / 2 + 0.1)
        lift = room(members) / 2  # the moments move up, the conditions go under them
        for i, mid in enumerate(members):
            x = left + col_w * (i + 0.5)
            place[mid] = (x, row_y["customer"] + lift)
            band_of[mid], col_of[mid] = k, i
            for row in rows:
                cell = cell_lines(mid, row) if row != "customer" else []
                if cell:
                    name = f"c_{row}_{scene.node[mid]}"
                    cell_at[name] = (x, row_y[row])
                    cell_reach[name] = (len(cell) * 13 * 1.2 / PT + 0.14) / 2
                    cells.append(f'  c_{row}_{scene.node[mid]} [shape=box style="rounded" color="#9aa5b1" '
                                 f'fontsize=13 label={label(cell, left=True)} {pinned(x, row_y[row])}];')
        y += 0.4
    top = y
    lines.append(f'  graph [_background={_long_string(draw)}];')
    lines += [node(view, mid, place[mid]) for mid in order]
    lines += cells
    lines += _blueprint_links(view, place, band_of, col_of, corridors, width + 0.15, left - 0.1, top - 0.2)
    for k, mid in enumerate(sorted(view.on_link, key=order.index)):
        a = previous[mid]
        text = condition[mid]
        x = (place[a][0] + place[mid][0]) / 2
        under = min(place[a][1] - size_of(view, a)[1] / 2, place[mid][1] - size_of(view, mid)[1] / 2)
        height = len(text) * LEGEND * 1.2 / PT
        lines.append(text_node(f"when{k}", text, (x, under - 0.06 - height / 2), LEGEND, italic=True))
    lines += _end_mark(view, place, {mid: size_of(view, mid) for mid in order})
    # The vertical links: from each moment down through its own rows, from box edge to box edge.
    at = {scene.node[mid]: place[mid] for mid in order} | cell_at
    reach = {scene.node[mid]: size_of(view, mid)[1] / 2 for mid in order} | cell_reach
    for mid in order:
        chain = [scene.node[mid]] + [f"c_{row}_{scene.node[mid]}" for row in ("onstage", "backstage", "support")
                                     if row in rows and getattr(moments[mid], row)]
        for a, b in zip(chain, chain[1:]):
            (x, ya), (_x, yb) = at[a], at[b]
            route = routes.polyline([(x, ya - reach[a]), (x, yb + reach[b])])
            lines.append(f'  {a} -> {b} [style=dotted color="#7f7f7f" penwidth=1.2 arrowsize=0.6 {route}];')
    if note:
        lines.append(text_node("note", note, (width / 2, 0.25 + legend_h + 0.3 + note_h / 2), 13, italic=True,
                               colour=look.MUTED))
    lines += _frame(title, sub, legend_rows, legend_h, width, top)
    return lines


def _blueprint_links(view: View, place, band_of, col_of, corridors, right: float, left: float, above: float) -> list[str]:
    """The blueprint's links in the customer's row: straight to the next column; a link
    that skips columns along the free line just above the moments, one that goes back
    along the line just under them; into another band, and the link back to the start,
    around the outside of the rows (right of them, above them, down the left)."""
    scene = view.scene
    out = []
    for i, link in enumerate(scene.links):
        a, b = link.source, link.target
        (ax, ay), (bx, by) = place[a], place[b]
        (aw, ah), (bw, bh) = size_of(view, a), size_of(view, b)
        shift = ((i % 5) - 2) * 0.03
        ka, kb = band_of[a], band_of[b]
        up_a, down_a = corridors[ka]
        up_b, down_b = corridors[kb]
        forward = (ka, ax) < (kb, bx)
        if ka == kb and col_of[b] == col_of[a] + 1 and not link.closing:
            points = [(ax + aw / 2, ay), (bx - bw / 2, by)]
        elif ka == kb and not link.closing:
            if forward:
                points = [(ax + 0.12, ay + ah / 2), (ax + 0.12, up_a + shift), (bx - 0.12, up_a + shift),
                          (bx - 0.12, by + bh / 2)]
            else:
                points = [(ax - 0.12, ay - ah / 2), (ax - 0.12, down_a + shift), (bx + 0.12, down_a + shift),
                          (bx + 0.12, by - bh / 2)]
        elif forward and not link.closing:
            points = [(ax + 0.12, ay + ah / 2), (ax + 0.12, up_a + shift), (right + shift, up_a + shift),
                      (right + shift, up_b + shift), (bx - 0.12, up_b + shift), (bx - 0.12, by + bh / 2)]
        else:  # back to an earlier band, or to the start: around the outside of the rows
            points = [(ax + 0.12, ay + ah / 2), (ax + 0.12, up_a + shift), (right + shift, up_a + shift),
                      (right + shift, above + shift), (left - shift, above + shift)]
            if col_of[b] == 0:  # the first of its band: straight in from the left
                points += [(left - shift, by), (bx - bw / 2, by)]
            else:  # along the free line above its band's moments, then down into it
                points += [(left - shift, up_b + shift), (bx - 0.12, up_b + shift), (bx - 0.12, by + bh / 2)]
        attrs = _link_attrs(view, link)
        attrs.append(routes.polyline(points))
        out.append(f"  {scene.node[a]} -> {scene.node[b]} [{' '.join(attrs)}];")
    return out


def _frame(title: list[str], sub: list[str], legend_rows: list[str], legend_h: float, width: float,
           top: float) -> list[str]:
    """Flow and blueprint alike: subtitle and title above the picture from `top` up, the
    legend below it, and the far corner that fixes the page's size; closes the graph."""
    sub_h = len(sub) * 14 * 1.2 / PT
    title_h = len(title) * 22 * 1.2 / PT
    # The drawing is as wide as its widest text: a legend or title wider than the columns
    # widens the picture (to the right) instead of running off its left edge, where it
    # would move the whole layout against its drawn background.
    width = max(width, *(text_width(row, LEGEND) + 0.3 for row in legend_rows),
                *(text_width(row, 22, True) + 0.3 for row in title), *(text_width(row, 14) + 0.3 for row in sub))
    lines = []
    if sub:
        lines.append(text_node("subtitle", sub, (width / 2, top + sub_h / 2), 14, colour=look.MUTED))
    lines.append(text_node("title", title, (width / 2, top + sub_h + 0.1 + title_h / 2), 22, bold=True))
    lines.append(text_node("legend", legend_rows, (width / 2, 0.2 + legend_h / 2), LEGEND))
    lines.append(f'  corner [shape=point style=invis width=0.01 {pinned(width, top + sub_h + title_h + 0.2)}];')
    lines.append("}")
    return lines


def build(checked: "CheckedCycle", layout: str, sheet: Sheet | None = None) -> str:
    view = make_view(checked, sheet)
    builder = {"clock": clock, "flow": flow, "blueprint": blueprint}[layout]
    return "\n".join(builder(view)) + "\n"
