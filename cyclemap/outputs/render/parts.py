"""The client view's shared pieces, used by every layout: a moment's lines, size and box,
text placed at a point, the title, the sheet line and the one-line legend, the page's
frame, the end mark, and the xdot drawing helpers for what cyclemap draws itself (rings,
sectors, bands). Pure."""

from __future__ import annotations

import math

from cyclemap.format.i18n import number
from cyclemap.outputs import fonts, look
from cyclemap.outputs.render import style
from cyclemap.outputs.render.text import BOLD, ITALIC, esc, label, wrap
from cyclemap.outputs.render.view import SUPPORT_MARK, View, has_end, sheet_words, words

FONT = 14  # moment text, in points
NAME_WRAP = 14  # characters per line of a moment's name
PT = 72.0
LEGEND = 14  # the one-line legend, in points


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
    """The picture's font family (`style.FONT`)."""
    return style.FONT


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
    return sheet_words(view.scene, view.sheet)


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


# ---------------------------------------------------------------- drawing helpers


def overlap(a, b, gap: float) -> bool:
    (ax, ay, aw, ah), (bx, by, bw, bh) = a, b
    return abs(ax - bx) < (aw + bw) / 2 + gap and abs(ay - by) < (ah + bh) / 2 + gap


def long_string(ops: list[str], limit: int = 15000) -> str:
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


def xdot_polyline(points: list[tuple[float, float]], colour: str, width: float) -> str:
    pts = " ".join(f"{x * PT + 0.36:.1f} {y * PT + 0.36:.1f}" for x, y in points)  # +0.36: the origin mark's half size
    style = f"setlinewidth({width:g})"
    return f"c {len(colour)} -{colour} S {len(style)} -{style} L {len(points)} {pts} "


def arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, steps: int = 48):
    """Points of an elliptic arc from angle a0 to a1 (radians, any direction)."""
    return [(cx + rx * math.cos(a0 + (a1 - a0) * k / steps), cy + ry * math.sin(a0 + (a1 - a0) * k / steps))
            for k in range(steps + 1)]


def header_lines(name: str) -> list[str]:
    return [
        f"digraph cyclemap_{name} {{",
        f'  graph [pad=0.3 bgcolor=white splines=true overlap=true outputorder=edgesfirst '
        f'fontname="{look_font()}"];',
        f'  node [fontname="{look_font()}" fontcolor="{look.INK}" color="{look.INK}" margin="0.14,0.07"];',
        f'  edge [color="{look.EDGE}" penwidth=1.8 arrowsize=0.9];',
        '  origin [shape=point style=invis width=0.01 pos="0,0!"];',
    ]



def page_fit(width: float, height: float, page: tuple[float, float]) -> float:
    return min((page[0] - 0.6) / width, (page[1] - 0.6) / height)


def link_attrs(view: View, link) -> list[str]:
    attrs = []
    if link.when:
        attrs.append("style=dashed")
    if link.closing:
        attrs.append(f'color="{look.CLOSING}" penwidth=2.8')
    return attrs


def end_mark(view: View, place, size) -> list[str]:
    """An open cycle's end mark (■, promised by the legend) just after its last moment."""
    scene = view.scene
    loop = scene.main_loop
    if scene.cycle.closed or len(loop) < 2 or not has_end(view):
        return []
    last = loop[-1]
    (x, y), (w, h) = place[last], size[last]
    return [text_node("end", [words("end", view.lang)], (x + w / 2 - 0.4, y - h / 2 - 0.2), 14, bold=True,
                      colour=look.CLOSING)]



def frame(title: list[str], sub: list[str], legend_rows: list[str], legend_h: float, width: float,
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
