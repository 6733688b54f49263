"""The client view's flow: stages left to right; in each stage its moments top to bottom,
in columns chosen so the picture best fills a landscape page; every link along free
corridors, never through a moment; a detour's condition beside the link into it. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cyclemap.outputs import look
from cyclemap.outputs.render import routes
from cyclemap.outputs.render.parts import (
    LEGEND, PT, end_mark, frame, header_lines, legend_lines, link_attrs, long_string, node,
    page_fit, size_of, text_node, text_width, title_lines,
)
from cyclemap.outputs.render.text import wrap
from cyclemap.outputs.render.view import View, words


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
        attrs = link_attrs(view, link)
        attrs.append(routes.polyline(points))
        out.append(f"  {scene.node[a]} -> {scene.node[b]} [{' '.join(attrs)}];")
    return out



STAGE_H = 0.45  # the stage names' strip above the columns


def flow(view: View) -> list[str]:
    """Stages left to right; in each stage its moments top to bottom, in columns of at
    most `rows` moments, `rows` chosen so the picture best fills a landscape page."""
    scene = view.scene
    groups = stage_groups(view)
    title, sub = title_lines(view)
    head_h = len(title) * 22 * 1.2 / PT + len(sub) * 14 * 1.2 / PT + 0.25
    columns = measure_columns(view, groups)
    rows = best_rows(columns, head_h)
    tops, col_w, row_h = columns.plan(rows)
    view.on_link = columns.detours - set(tops)
    chars = max(8, int((col_w / 2 - 0.2) * PT / (LEGEND * 0.55)))
    condition = {mid: wrap(words("if", view.lang, when=look.isolate(view.when[mid])), chars) for mid in view.on_link}
    view.memo.clear()
    size = {mid: size_of(view, mid) for mid in scene.order}
    legend_rows = legend_lines(view, 1e9)
    legend_h = len(legend_rows) * LEGEND * 1.2 / PT
    base = 0.25 + legend_h + 0.3  # the legend under the columns
    top = base + rows * row_h
    grid = place_columns(groups, rows, col_w, row_h, top)
    legend_rows = legend_lines(view, grid.width)
    lines = header_lines("flow")
    lines.append(f'  graph [_background={long_string(stage_bands(grid.boxes, base, top, lines))}];')
    lines += [node(view, mid, grid.place[mid]) for mid in scene.order]
    lines += _flow_links(view, grid.place, size, grid.slot, grid.gaps, top, row_h, rows)
    lines += conditions_on_links(view, condition, grid.place, size)
    lines += end_mark(view, grid.place, size)
    lines += frame(title, sub, legend_rows, legend_h, grid.width, top + STAGE_H + 0.15)
    return lines


def stage_groups(view: View) -> list[tuple[str | None, list[str]]]:
    """One column group per stage, in the order the stages first come: a detour that
    belongs to an earlier stage joins that stage's columns instead of repeating them."""
    by_stage: dict[str | None, list[str]] = {}
    for mid in view.scene.order:
        by_stage.setdefault(view.scene.moments[mid].stage, []).append(mid)
    return list(by_stage.items())


@dataclass
class Columns:
    """The flow's moments measured for any choice of rows: a detour's condition goes on
    its link, in the gap above the detour (beside the link coming down into it), when the
    detour is not at the top of a column; there it stays in the detour's box. Which
    detours sit at a column's top depends on the rows, so each choice of rows is measured
    with its own boxes and the room its conditions take."""

    view: View
    groups: list[tuple[str | None, list[str]]]
    order: list[str]  # the detours entered by a condition, in display order
    boxed: dict[str, tuple[float, float]]  # every box, conditions in the boxes
    bare: dict[str, tuple[float, float]]  # the detours' boxes, conditions on the links
    base: tuple[float, float]  # the widest and tallest box of the others
    label_cache: dict[float, float] = field(default_factory=dict)

    @property
    def detours(self) -> set[str]:
        return set(self.order)

    def label_height(self, col_w: float) -> float:
        """The room the tallest condition takes, wrapped to half a column (every detour's, so
        the same whatever the rows: a little room to spare at worst)."""
        key = round(col_w, 3)
        if key not in self.label_cache:
            view = self.view
            chars = max(8, int((col_w / 2 - 0.2) * PT / (LEGEND * 0.55)))
            self.label_cache[key] = max(len(wrap(words("if", view.lang, when=look.isolate(view.when[mid])), chars))
                                        for mid in self.order) * LEGEND * 1.2 / PT + 0.15
        return self.label_cache[key]

    def plan(self, rows: int):
        """(detours whose condition is on the link, column width, row height) for `rows`;
        work in proportion to the columns, not the moments."""
        detours = self.detours
        tops = [members[i] for _stage, members in self.groups for i in range(0, len(members), rows)
                if members[i] in detours]
        on_any = len(tops) < len(self.order)
        bare_w = max((w for w, _h in self.bare.values()), default=0.0)
        bare_h = max((h for _w, h in self.bare.values()), default=0.0)
        col_w = max(self.base[0], bare_w if on_any else 0.0, *(self.boxed[mid][0] for mid in tops)) + 0.7
        row_h = max(self.base[1], bare_h if on_any else 0.0, *(self.boxed[mid][1] for mid in tops)) + 0.45
        if on_any:
            row_h += self.label_height(col_w)
        return tops, col_w, row_h


def measure_columns(view: View, groups) -> Columns:
    """Every box measured twice where it matters: each detour with its condition in the
    box and without it (on the link), so any choice of rows is sized without rebuilding."""
    scene = view.scene
    entering = {link.target for link in scene.links if link.when and view.when.get(link.target) == link.when}
    detours = [mid for mid in scene.order if mid in view.when and mid in entering]
    boxed = {mid: size_of(view, mid) for mid in scene.order}  # conditions in the boxes
    view.on_link = set(detours)
    view.memo.clear()
    bare = {mid: size_of(view, mid) for mid in detours}  # conditions on the links
    view.on_link = set()
    view.memo.clear()
    others = [boxed[mid] for mid in scene.order if mid not in bare] or [(0.0, 0.0)]
    base = (max(w for w, _h in others), max(h for _w, h in others))
    return Columns(view, groups, detours, boxed, bare, base)


def best_rows(columns: Columns, head_h: float) -> int:
    """The number of rows whose picture fills an A4 landscape page best."""
    best = None
    for rows in range(1, len(columns.view.scene.order) + 1):
        _tops, col_w, row_h = columns.plan(rows)
        cols = sum(math.ceil(len(members) / rows) for _stage, members in columns.groups)
        width = cols * col_w + 0.3 * len(columns.groups)
        height = rows * row_h + STAGE_H + head_h + 0.8
        fit = page_fit(width, height, (11.69, 8.27))
        if best is None or fit > best[0] + 1e-9:
            best = (fit, rows)
    return best[1]


@dataclass
class Placed:
    """Where the flow's moments went: their centres, (column, row) slots, the free gap
    right of each column, each stage's span and the picture's width."""

    place: dict[str, tuple[float, float]]
    slot: dict[str, tuple[int, int]]
    gaps: list[float]
    boxes: list[tuple[int, str | None, float, float]]
    width: float


def place_columns(groups, rows: int, col_w: float, row_h: float, top: float) -> Placed:
    """Each stage's moments in columns of `rows`, left to right, with a little more room
    between stages than between columns, so the links have free gaps to run in."""
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
    return Placed(place, slot, gaps, boxes, x - 0.1)


def stage_bands(boxes, base: float, top: float, lines: list[str]) -> list[str]:
    """Each stage as a shaded band behind its columns, its name on top (added to `lines`),
    so a reader sees the stages at a glance; returns the drawing operations."""
    draw = []
    for k, stage, x0, x1 in boxes:
        if stage is None:
            continue
        fill = look.SECTOR[1] if k % 2 == 0 else "#f4f6f8"
        pts = [(x0, base - 0.1), (x1, base - 0.1), (x1, top + STAGE_H), (x0, top + STAGE_H)]
        pts_text = " ".join(f"{px * PT + 0.36:.1f} {py * PT + 0.36:.1f}" for px, py in pts)
        draw.append(f"C {len(fill)} -{fill} c {len(fill)} -{fill} P 4 {pts_text} ")
        text = wrap(look.isolate(stage), max(int((x1 - x0) * 7), 10))[:2]
        lines.append(text_node(f"stage{k}", text, ((x0 + x1) / 2, top + STAGE_H / 2 - 0.02), 15, bold=True,
                               colour=look.MUTED))
    return draw


def conditions_on_links(view: View, condition, place, size) -> list[str]:
    """Each detour's condition beside the link that comes down the column's middle into
    it, left-aligned, so it reads as the way in and not as part of the detour's name."""
    out = []
    for k, mid in enumerate(sorted(view.on_link, key=view.scene.order.index)):
        text = condition[mid]
        width = max(text_width(line, LEGEND) for line in text)
        (bx, by), (_bw, bh) = place[mid], size[mid]
        y = by + bh / 2 + 0.12 + len(text) * LEGEND * 1.2 / PT / 2
        # A box of the planned width, its lines left-aligned in it: the text starts beside the
        # link in both engines, whatever their font metrics.
        out.append(text_node(f"when{k}", text, (bx + 0.1 + width / 2, y), LEGEND, italic=True, left=True)
                   .replace("width=0 height=0", f"width={width:.3f} height={len(text) * LEGEND * 1.2 / PT:.3f} "
                            "fixedsize=true", 1))
    return out
