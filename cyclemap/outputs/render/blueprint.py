"""The client view's service blueprint (Bitner): physical evidence, the customer's actions
(the moments), then onstage, backstage and support rows separated by the lines of
interaction, visibility and internal interaction, one column per moment; a long cycle in
bands stacked one under the other. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cyclemap.outputs import look
from cyclemap.outputs.render import routes
from cyclemap.outputs.render.parts import (
    LEGEND, PT, end_mark, frame, header_lines, legend_lines, link_attrs, long_string, node,
    page_fit, pinned, size_of, text_node, text_width, title_lines, xdot_polyline,
)
from cyclemap.outputs.render.text import label, wrap
from cyclemap.outputs.render.view import View, words


ROWS = ("evidence", "customer", "onstage", "backstage", "support")
LINES = (("customer", "onstage", "line_interaction", "solid"), ("onstage", "backstage", "line_visibility", "dashed"),
         ("backstage", "support", "line_internal", "dotted"))
CELL_WRAP = 16


LEFT = 2.3  # inches: the row titles, left of the first column
NOTE_CHARS = 120


def blueprint(view: View) -> list[str]:
    """One column per moment in the customer's order; the rows (evidence, customer,
    onstage, backstage, support) only as the moments fill them. A long cycle is cut into
    bands stacked one under the other, so it fits A3 landscape."""
    board = plan_board(view)
    title, sub = title_lines(view)
    bands, width = best_bands(board, len(title + sub) * 22 * 1.2 / PT + 0.3)
    firsts = {members[0] for members in bands}
    if view.on_link & firsts:  # the first of a band has no link beside it: its condition goes back in its box
        view.on_link -= firsts
        view.memo.clear()
    legend_rows = legend_lines(view, width)
    legend_h = len(legend_rows) * LEGEND * 1.2 / PT
    note = [] if board.filled else wrap(words("blueprint_empty", view.lang), NOTE_CHARS)
    note_h = len(note) * 13 * 1.2 / PT
    lines = header_lines("blueprint")
    laid = lay_bands(board, bands, width, 0.25 + legend_h + 0.3 + (note_h + 0.25 if note else 0), lines)
    lines.append(f'  graph [_background={long_string(laid.draw)}];')
    lines += [node(view, mid, laid.place[mid]) for mid in view.scene.order]
    lines += laid.cells
    lines += _blueprint_links(view, laid.place, laid.band_of, laid.col_of, laid.corridors, width + 0.15, LEFT - 0.1,
                              laid.top - 0.2)
    lines += conditions_under_links(board, laid.place)
    lines += end_mark(view, laid.place, {mid: size_of(view, mid) for mid in view.scene.order})
    lines += vertical_links(board, laid)
    if note:
        lines.append(text_node("note", note, (width / 2, 0.25 + legend_h + 0.3 + note_h / 2), 13, italic=True,
                               colour=look.MUTED))
    lines += frame(title, sub, legend_rows, legend_h, width, laid.top)
    return lines


@dataclass
class Board:
    """The blueprint's rows and columns, decided once: which rows the moments fill, the
    column width, and the detours whose condition goes under the link into them."""

    view: View
    filled: list[str]  # the rows below the customer's that some moment fills
    rows: list[str]  # the rows drawn, top to bottom
    previous: dict[str, str]  # moment -> the moment just before it in the customer's order
    col_w: float
    condition: dict[str, list[str]]  # detour -> its condition's lines, under the link into it
    label_h: dict[str, float]

    def cell_lines(self, mid: str, row: str) -> list[str]:
        """A moment's cell in `row`: its items as bullets, wrapped to the column."""
        out: list[str] = []
        for item in getattr(self.view.scene.moments[mid], row):
            out += wrap("• " + look.isolate(item), CELL_WRAP)
        return out

    def room(self, members: list[str]) -> float:
        """The room under a band's moments for the conditions on its links."""
        return max((self.label_h[mid] for mid in members if mid in self.label_h and self.previous[mid] in members),
                   default=0.0)

    def band_heights(self, members: list[str]) -> dict[str, float]:
        """Each row's height in a band of these moments: as tall as its fullest cell."""
        out = {}
        for row in self.rows:
            if row == "customer":
                out[row] = max(size_of(self.view, mid)[1] for mid in members) + 0.5 + self.room(members)
            else:
                most = max((len(self.cell_lines(mid, row)) for mid in members), default=0)
                out[row] = max(most * 13 * 1.2 / PT + 0.45, 0.8)
        return out


def plan_board(view: View) -> Board:
    """The rows the moments fill (all three lines once any lower row is filled, so the
    rows keep their meaning) and the conditions that go under their links."""
    scene = view.scene
    order, moments = scene.order, scene.moments
    filled = [row for row in ("evidence", "onstage", "backstage", "support")
              if any(getattr(moments[mid], row) for mid in order)]
    rows = [row for row in ROWS if row == "customer" or row in filled]
    if any(r in filled for r in ("onstage", "backstage", "support")):
        rows = [r for r in ROWS if r in ("customer", "onstage", "backstage", "support") or r in filled]
    # A detour reached straight from the moment before it: its condition goes under the
    # link between the two (the customer's row is made taller for it), not in its box.
    previous = {b: a for a, b in zip(order, order[1:])}
    view.on_link = {link.target for link in scene.links
                    if link.when and view.when.get(link.target) == link.when and previous.get(link.target) == link.source}
    view.memo.clear()
    col_w = max(max(size_of(view, mid)[0] for mid in order) + 0.45, CELL_WRAP * 13 * 0.56 / PT + 0.6)
    chars = max(8, int((col_w - 0.4) * PT / (LEGEND * 0.55)))
    condition = {mid: wrap(words("if", view.lang, when=look.isolate(view.when[mid])), chars) for mid in view.on_link}
    label_h = {mid: len(text) * LEGEND * 1.2 / PT + 0.1 for mid, text in condition.items()}
    return Board(view, filled, rows, previous, col_w, condition, label_h)


def best_bands(board: Board, head_h: float) -> tuple[list[list[str]], float]:
    """The moments cut into 1 to 4 bands, whichever fills A3 landscape best, and the
    picture's width (the lines' names get a strip of their own right of the last column)."""
    order = board.view.scene.order
    strip = max(text_width(words(key, board.view.lang), 13) for *_rows, key, _style in LINES) + 0.4
    best = None
    for count in range(1, 5):
        per = math.ceil(len(order) / count)
        bands = [order[i:i + per] for i in range(0, len(order), per)]
        width = LEFT + board.col_w * per + strip
        height = sum(sum(board.band_heights(b).values()) + 0.4 for b in bands) + head_h + 1.2
        fit = page_fit(width, height, (16.54, 11.69))
        if best is None or fit > best[0] + 1e-9:
            best = (fit, bands, width)
    return best[1], best[2]


@dataclass
class Laid:
    """Where the blueprint's bands put everything."""

    draw: list[str] = field(default_factory=list)  # shaded rows and the three lines
    place: dict[str, tuple[float, float]] = field(default_factory=dict)
    band_of: dict[str, int] = field(default_factory=dict)
    col_of: dict[str, int] = field(default_factory=dict)
    cell_at: dict[str, tuple[float, float]] = field(default_factory=dict)
    cell_reach: dict[str, float] = field(default_factory=dict)
    corridors: dict[int, tuple[float, float]] = field(default_factory=dict)  # band -> free lines above and under its moments
    cells: list[str] = field(default_factory=list)
    top: float = 0.0


def lay_bands(board: Board, bands: list[list[str]], width: float, y: float, lines: list[str]) -> Laid:
    """The bands from the bottom up, from `y`: each band's rows, lines and moments."""
    laid = Laid()
    for k, members in reversed(list(enumerate(bands))):
        heights = board.band_heights(members)
        row_y: dict[str, float] = {}
        for row in reversed(board.rows):
            row_y[row] = y + heights[row] / 2
            y += heights[row]
        lines += band_rows(board, k, row_y, heights, width, laid.draw)
        hc = heights["customer"]
        laid.corridors[k] = (row_y["customer"] + hc / 2 - 0.1, row_y["customer"] - hc / 2 + 0.1)
        band_moments(board, k, members, row_y, laid)
        y += 0.4
    laid.top = y
    return laid


def band_rows(board: Board, k: int, row_y, heights, width: float, draw: list[str]) -> list[str]:
    """One band's rows, every other one shaded, each titled on the left, and the lines of
    interaction, visibility and internal interaction between them, each named."""
    lang = board.view.lang
    out = []
    for j, row in enumerate(board.rows):
        if j % 2 == 0:
            y0, y1 = row_y[row] - heights[row] / 2, row_y[row] + heights[row] / 2
            pts = " ".join(f"{px * PT + 0.36:.1f} {py * PT + 0.36:.1f}"
                           for px, py in ((0.2, y0), (width, y0), (width, y1), (0.2, y1)))
            draw.append(f"C 7 -#f3f5f8 c 7 -#f3f5f8 P 4 {pts} ")
        out.append(text_node(f"row_{k}_{row}", wrap(words(row, lang), 18), (1.2, row_y[row]), 13,
                             bold=True, colour=look.MUTED))
    for i, (upper, lower, key, style) in enumerate(LINES):
        if upper not in row_y or lower not in row_y:
            continue
        ly = row_y[upper] - heights[upper] / 2
        draw.append(f"S {len(style)} -{style} " + xdot_polyline(
            [(0.2, ly), (width, ly)], "#6f6f6f", 2.4 if key == "line_visibility" else 1.4))
        text = words(key, lang)
        out.append(text_node(f"line_{k}_{i}", [text], (width - text_width(text, 13) / 2 - 0.1, ly + 0.15), 13,
                             italic=True, colour=look.MUTED))
    return out


def band_moments(board: Board, k: int, members: list[str], row_y, laid: Laid) -> None:
    """One band's moments in the customer's row, one column each, and their cells below."""
    scene = board.view.scene
    lift = board.room(members) / 2  # the moments move up, the conditions go under them
    for i, mid in enumerate(members):
        x = LEFT + board.col_w * (i + 0.5)
        laid.place[mid] = (x, row_y["customer"] + lift)
        laid.band_of[mid], laid.col_of[mid] = k, i
        for row in board.rows:
            cell = board.cell_lines(mid, row) if row != "customer" else []
            if cell:
                name = f"c_{row}_{scene.node[mid]}"
                laid.cell_at[name] = (x, row_y[row])
                laid.cell_reach[name] = (len(cell) * 13 * 1.2 / PT + 0.14) / 2
                laid.cells.append(f'  c_{row}_{scene.node[mid]} [shape=box style="rounded" color="#9aa5b1" '
                                  f'fontsize=13 label={label(cell, left=True)} {pinned(x, row_y[row])}];')


def conditions_under_links(board: Board, place) -> list[str]:
    """Each detour's condition under the link into it, so it reads as the way in and not
    as part of the detour's name."""
    view = board.view
    out = []
    for k, mid in enumerate(sorted(view.on_link, key=view.scene.order.index)):
        a = board.previous[mid]
        text = board.condition[mid]
        x = (place[a][0] + place[mid][0]) / 2
        under = min(place[a][1] - size_of(view, a)[1] / 2, place[mid][1] - size_of(view, mid)[1] / 2)
        height = len(text) * LEGEND * 1.2 / PT
        out.append(text_node(f"when{k}", text, (x, under - 0.06 - height / 2), LEGEND, italic=True))
    return out


def vertical_links(board: Board, laid: Laid) -> list[str]:
    """From each moment down through its own rows, from box edge to box edge, so a reader
    follows what the moment rests on."""
    view = board.view
    scene = view.scene
    at = {scene.node[mid]: laid.place[mid] for mid in scene.order} | laid.cell_at
    reach = {scene.node[mid]: size_of(view, mid)[1] / 2 for mid in scene.order} | laid.cell_reach
    out = []
    for mid in scene.order:
        chain = [scene.node[mid]] + [f"c_{row}_{scene.node[mid]}" for row in ("onstage", "backstage", "support")
                                     if row in board.rows and getattr(scene.moments[mid], row)]
        for a, b in zip(chain, chain[1:]):
            (x, ya), (_x, yb) = at[a], at[b]
            route = routes.polyline([(x, ya - reach[a]), (x, yb + reach[b])])
            out.append(f'  {a} -> {b} [style=dotted color="#7f7f7f" penwidth=1.2 arrowsize=0.6 {route}];')
    return out


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
        attrs = link_attrs(view, link)
        attrs.append(routes.polyline(points))
        out.append(f"  {scene.node[a]} -> {scene.node[b]} [{' '.join(attrs)}];")
    return out
