"""The analyst view's pieces (every finding's code on its moment, the full legend): a
moment's lines and box, a link's attributes, the facts, the header, and the legend as a
column of pinned nodes or a key strip under the flow. Pure; the layouts are in
`analyst.py`."""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.engine.graph import Edge
from cyclemap.format.i18n import number
from cyclemap.outputs.render import style
from cyclemap.outputs.render.scene import Scene
from cyclemap.outputs.render.style import BANDS, T
from cyclemap.outputs.render.text import BOLD, ITALIC, label, pos, quoted, wrap

# The smallest text of the analyst view (links' words, the legend's small print): 11 pt,
# so that a sheet of it fitted to A3 prints at 8 pt or more (issue 23).
SMALL = 11


# ---------------------------------------------------------------- moments and links


def moment_lines(scene: Scene, moment_id: str) -> list[str]:
    m = scene.moments[moment_id]
    head = f"{scene.number[moment_id]} · " + (scene.t("critical") if m.critical else scene.t("routine"))
    codes = scene.findings.get(moment_id, [])
    if moment_id in scene.badge:  # ⚠ n means what it means in the client view: the n-th weak point
        head += f"   ⚠ {scene.badge[moment_id]}"
    lines = [head, *wrap(m.name)]
    if m.score is not None:
        expected = number(m.expectation, scene.lang) if m.expectation is not None else "–"
        lines.append(f"{number(m.score, scene.lang)} / {expected}")
    else:
        lines.append(scene.t("score_missing"))
    if codes:
        lines.extend(wrap(" ".join(dict.fromkeys(sorted(codes))), 18))
    for link in m.supported_by:  # connected cycles: the linked file, for whoever edits it
        lines.append(f"⚙ {link}")
    return lines


def node_width(scene: Scene, moment_id: str) -> float:
    """Estimated width in inches of a moment's box (11 pt text, bold for critical ones)."""
    per_char = 0.088 if scene.moments[moment_id].critical else 0.078
    return max(len(line) for line in moment_lines(scene, moment_id)) * per_char + 0.5


def moment_node(scene: Scene, moment_id: str, extra: str = "") -> str:
    m = scene.moments[moment_id]
    band = style.band_for(m.score, m.expectation, scene.cycle.scale, scene.margin)
    marked = moment_id in scene.findings
    if m.critical:
        attrs = [f'shape=box style="filled,bold" peripheries=2 penwidth=2.2 fontname="{BOLD}" margin="0.2,0.08"']
    else:
        attrs = ['shape=box style="rounded,filled" penwidth=1.2']
    attrs.append(f'fillcolor="{band.fill}" color="{style.FINDING if marked else style.INK}"')
    attrs.append(f"label={label(moment_lines(scene, moment_id))}")
    attrs.append(f"tooltip={quoted(f'{m.id}: {m.name}')}")
    attrs.append(f'class="moment {m.kind}{" findings" if marked else ""} band-{band.key}"')
    if extra:
        attrs.append(extra)
    return f"  {scene.node[moment_id]} [{' '.join(attrs)}];"


def edge_attrs(scene: Scene, link: Edge, extra: str = "", arrow: bool = True, labelled: bool = True) -> str:
    attrs = [f'color="{style.EDGE}"', "penwidth=1.3", "arrowsize=0.8"]
    lines: list[str] = []
    if link.when:
        attrs.append("style=dashed")
        lines = wrap(scene.t("when", when=link.when), 26)
    if link.closing:
        attrs = [f'color="{style.CLOSING}"', "penwidth=2.6", "arrowsize=1", f'fontcolor="{style.CLOSING}"']
        lines.append(scene.t("back_to_start"))
    if lines and labelled:
        attrs.append(f"label={label(lines)}")
        if link.when:
            attrs.append(f'fontname="{ITALIC}"')
    if extra:
        attrs.append(extra)
    if not arrow:
        attrs.append("dir=none")
    return " ".join(attrs)


def edge_line(scene: Scene, link: Edge, extra: str = "") -> str:
    return f"  {scene.node[link.source]} -> {scene.node[link.target]} [{edge_attrs(scene, link, extra)}];"


# ---------------------------------------------------------------- title, facts, legend


def fact_lines(scene: Scene, chars: int = 46) -> list[str]:
    """Customer, service level and counts: what the consultant says first, in lines of
    at most `chars` characters."""
    c = scene.cycle
    lines: list[str] = []
    if c.customer:
        lines += wrap(scene.t("customer_is", customer=c.customer), chars)
    level = scene.level
    if level is None:
        lines.append(scene.t("level_is", level=T["no_scores"]))
    else:
        lines.append(scene.t("level_is", level=level.name(scene.lang).upper()))
        lines += ["  " + line for line in wrap(level.description(scene.lang), chars - 2)]
    # The whole cycle's counts, also on one sheet of a split picture (`scene.number` numbers
    # every moment of the cycle; `scene.moments` holds the sheet's).
    every: dict = {}
    for m in c.moments:
        if m.id in scene.number:
            every.setdefault(m.id, m)
    critical = sum(1 for m in every.values() if m.critical)
    lines.append(scene.say(style.moments_count(len(every), critical)))
    return lines


def header(scene: Scene, layout: str, graph_attrs: str) -> list[str]:
    title = label(wrap(scene.cycle.title, 60) + scene.heading)
    return [
        f"digraph cyclemap_{layout} {{",
        f'  graph [fontname="{BOLD}" fontsize=22 fontcolor="{style.INK}" label={title} labelloc=t '
        f"labeljust=l pad=0.4 bgcolor=white {graph_attrs}];",
        f'  node [fontname="{style.FONT}" fontsize=11 fontcolor="{style.INK}" color="{style.INK}" margin="0.14,0.07"];',
        f'  edge [fontname="{style.FONT}" fontsize={SMALL} fontcolor="{style.MUTED}"];',
    ]


@dataclass
class Entry:
    """One row of the legend: a node drawn like what it explains."""

    name: str
    attrs: str
    lines: int


def keyed(key: str, text: str, chars: int) -> list[str]:
    """`key` then `text` wrapped to `chars`, the follow-on lines indented under the text."""
    lines = wrap(text, max(chars - len(key), 12))
    return [key + lines[0], *("      " + line for line in lines[1:])]


def legend_entries(scene: Scene, lanes: bool = False, width: float = 3.9) -> list[Entry]:
    t = scene.t
    wide = width
    chars = int(width * 11.5)  # wrap legend texts to the entry's width (11 pt)
    small = int(width * 15 * 10 / SMALL)  # the same for the smaller texts
    facts = fact_lines(scene, min(46, max(38, int(width * 12))))
    width = f'width={wide} fixedsize=false'
    score = f"{number(3.1, scene.lang)} / {number(4, scene.lang)}  "
    numbers = keyed("3 ·  ", t("legend_number"), small) + keyed(score, t("legend_score"), small)
    edges_text = keyed("───▶  ", t("legend_next"), small) + keyed("- - ▶  ", t("legend_branch"), small)
    closing = keyed("━━▶  ", t("legend_closing"), small)
    colour = wrap(t("legend_colour"), small)
    entries = [
        Entry("facts", f'shape=box style="rounded,filled" fillcolor="#f2f2f2" color="#bbbbbb" fontsize=12 {width} '
                       f"label={label(facts, left=True)}", len(facts)),
        Entry("legend_title", f'shape=plaintext fontname="{BOLD}" fontsize=13 {width} label={label([t("legend")], left=True)}', 1),
        Entry("legend_critical", f'shape=box style="filled,bold" peripheries=2 penwidth=2.2 fillcolor=white '
                                 f'fontname="{BOLD}" {width} label={label([t("critical"), *wrap(t("legend_critical"), chars)])}',
              1 + len(wrap(t("legend_critical"), chars))),
        Entry("legend_routine", f'shape=box style="rounded,filled" penwidth=1.2 fillcolor=white {width} '
                                f'label={label([t("routine"), *wrap(t("legend_routine"), chars)])}',
              1 + len(wrap(t("legend_routine"), chars))),
        Entry("legend_findings", f'shape=box style="rounded,filled" penwidth=1.2 fillcolor=white color="{style.FINDING}" '
                                 f'{width} label={label(["⚠ 1  ·  CM102 CM105", *wrap(t("legend_findings"), chars)])}',
              1 + len(wrap(t("legend_findings"), chars))),
        Entry("legend_numbers", f'shape=plaintext fontsize={SMALL} {width} label={label(numbers, left=True)}', len(numbers)),
        Entry("legend_colour", f'shape=plaintext fontname="{ITALIC}" fontsize={SMALL} {width} label={label(colour, left=True)}',
              len(colour)),
    ]
    for band in BANDS:
        text = wrap(style.band_text(band, scene.margin)(scene.lang), small)
        entries.append(Entry(f"band_{band.key}", f'shape=box style=filled fillcolor="{band.fill}" color="#888888" '
                                                 f"fontsize={SMALL} width={wide} height=0.3 label={label(text)}", len(text)))
    entries.append(Entry("legend_edges", f'shape=plaintext fontsize={SMALL} {width} label={label(edges_text, left=True)}',
                         len(edges_text)))
    entries.append(Entry("legend_closing", f'shape=plaintext fontsize={SMALL} fontcolor="{style.CLOSING}" {width} '
                                           f'label={label(closing, left=True)}', len(closing)))
    if lanes:
        text = wrap(t("legend_lanes"), 58 * 9 // SMALL)
        entries.append(Entry("legend_lanes", f'shape=plaintext fontsize={SMALL} {width} label={label(text, left=True)}', len(text)))
    if scene.cycle_findings:
        text = ["⚠ " + t("cycle_findings")]
        for code, message in scene.cycle_findings:
            text += wrap(f"{code}: {message}", min(50, small))
        entries.append(Entry("cycle_findings", f'shape=box style="rounded,filled" fillcolor=white color="{style.FINDING}" '
                                               f"fontsize={SMALL} {width} label={label(text, left=True)}", len(text)))
    return entries


def legend_pinned(scene: Scene, x: float, top: float, lanes: bool = False, width: float = 3.9) -> list[str]:
    """The legend as a column of pinned nodes `width` inches wide, centred on `x`, its
    top at `top` (inches)."""
    out = []
    y = top
    for entry in legend_entries(scene, lanes, width):
        height = 0.19 * entry.lines + 0.22
        out.append(f"  {entry.name} [{entry.attrs} {pos(x, y - height / 2)}];")
        y -= height + 0.1
    return out


def legend_below(scene: Scene) -> list[str]:
    """The legend for `dot`'s left-to-right flow: one framed block under the flow, its
    entries in short columns (what the shapes mean, how to read a moment and the lines,
    the fill colours) so it reads like a key strip, not a second diagram.

    Each column is one rank (in a left-to-right graph the nodes of a rank stack
    vertically), the rank of the k-th moment, so the columns line up with the flow's own.
    Invisible links up each column (a flat link's head goes above its tail) keep the
    entries in reading order with both engines, which do not agree on how to stack
    unlinked nodes; `minlen=0` stops dot leaving twice the usual room between them. The
    block's frame carries the title, and it is declared before the stages so that dot
    puts it below them."""
    by_name = {e.name: e for e in legend_entries(scene, width=2.1)}
    groups = [
        ["facts"],
        ["legend_critical", "legend_routine", "legend_findings"],
        ["legend_numbers", "legend_edges", "legend_closing"],
        ["legend_colour", *(f"band_{b.key}" for b in BANDS[:3])],
        [f"band_{b.key}" for b in BANDS[3:]],
        ["cycle_findings"],
    ]
    columns = [[by_name[n] for n in group if n in by_name] for group in groups]
    columns = [column for column in columns if column]
    out = ["  subgraph cluster_legend {",
           f'    graph [label={label([scene.t("legend")])} fontname="{BOLD}" fontsize=14 labeljust=l '
           'style="rounded" color="#cccccc" penwidth=1 margin=14];']
    for column in columns:
        out += [f"    {e.name} [{e.attrs}];" for e in column]
    out.append("  }")
    for k, column in enumerate(columns):
        names = [e.name for e in column]
        if k < len(scene.order):
            names.insert(0, scene.node[scene.order[k]])
        elif k:  # a short cycle: the column goes one rank after the one before
            out.append(f"  {columns[k - 1][0].name} -> {column[0].name} [style=invis];")
        out.append(f"  {{ rank=same; {'; '.join(names)}; }}")
        out += [f"  {b.name} -> {a.name} [style=invis minlen=0];" for a, b in zip(column, column[1:])]
    return out
