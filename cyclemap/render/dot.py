"""Build Graphviz DOT text for a cycle: pure, no I/O, no engine.

Three layouts (see docs/rendering.md):
- `clock`: Albrecht's dial. The main loop (each moment's first `next`, from the first
  moment back to it) goes clockwise around a circle from 12 o'clock; detours (moments
  reached only by a branch) sit on an inner ring beside where they leave and rejoin the
  loop; the customer is at the hub. Positions are computed here and pinned (`neato`).
- `flow`: left to right (`dot`), one cluster per stage, branch conditions on the edges.
- `blueprint`: a service blueprint. One column per moment in the customer's order, one
  swim lane per actor (customer / front stage / back stage / support), the lines of
  interaction, visibility and internal interaction between them. Pinned (`neato`).

Safety: no user text ever becomes DOT syntax. Node names are generated (`m0`, `m1`, …);
every label is an HTML-like label whose text is XML-escaped (`html`), and the few plain
attributes that carry user text (tooltips) are quoted and escaped (`quoted`). Control
characters are dropped, newlines become line breaks.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field

from cyclemap.diagnostics import Severity
from cyclemap.graph import Edge, cycle_order, edges, unique_moments
from cyclemap.model import Cycle, Moment
from cyclemap.render import style
from cyclemap.render.style import BANDS, T

LAYOUTS = ("clock", "flow", "blueprint")
# Which Graphviz layout program draws each layout.
LAYOUT_ENGINE = {"clock": "neato", "flow": "dot", "blueprint": "neato"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# ---------------------------------------------------------------- escaping


def clean(text: object) -> str:
    """Text with control characters (which XML and DOT cannot carry) removed and tabs as spaces."""
    return _CONTROL.sub("", str(text).replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


def html(text: object) -> str:
    """Escape text for the inside of an HTML-like label: it can only ever be text."""
    return (clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "<BR/>"))


def quoted(text: object) -> str:
    """A DOT double-quoted string whose content is exactly `text` (newlines as spaces).
    `&` is written as an entity because Graphviz reads entities in strings."""
    value = clean(text).replace("\n", " ")
    value = value.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{value}"'


def wrap(text: object, width: int = style.WRAP) -> list[str]:
    """Lines of at most `width` characters (longer words are broken), keeping the
    author's own line breaks."""
    lines: list[str] = []
    for part in clean(text).split("\n"):
        lines.extend(textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False) or [""])
    return lines


def html_lines(text: object, width: int = style.WRAP) -> str:
    return "<BR/>".join(html(line) for line in wrap(text, width))


def number(value: float, lang: str) -> str:
    """3.0 -> "3", 3.25 -> "3.3" (or "3,3" in Spanish)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "es" else text


# ---------------------------------------------------------------- what the layouts share


@dataclass
class Scene:
    """Everything a layout needs, computed once from the cycle and its diagnostics."""

    cycle: Cycle
    lang: str
    moments: dict[str, Moment]
    order: list[str]  # display order: main loop with each detour after where it leaves
    main_loop: list[str]
    node: dict[str, str]  # moment id -> generated node name
    number: dict[str, int]  # moment id -> 1-based position shown in the moment
    links: list[Edge]
    findings: dict[str, list[str]] = field(default_factory=dict)  # moment id -> codes
    cycle_findings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)

    def t(self, key: str, **kwargs: object) -> str:
        text = T[key]
        return (text.format(**kwargs) if kwargs else text)(self.lang)


def _main_loop(cycle: Cycle, index: dict[str, int], links: list[Edge]) -> list[str]:
    """From the first moment, follow each moment's first link until it comes back or ends."""
    first_out: dict[str, str] = {}
    for link in links:
        first_out.setdefault(link.source, link.target)
    loop: list[str] = []
    current: str | None = cycle.moments[0].id if cycle.moments else None
    while current is not None and current not in loop:
        loop.append(current)
        current = first_out.get(current)
    return loop


def _display_order(loop: list[str], all_ids: list[str], links: list[Edge]) -> list[str]:
    """The main loop, with every other moment inserted right after the moment it is
    first reached from (so detours sit between where they leave and rejoin)."""
    order = list(loop)
    placed = set(order)
    preds: dict[str, list[str]] = defaultdict(list)
    for link in links:
        preds[link.target].append(link.source)
    pending = [m for m in all_ids if m not in placed]
    progress = True
    while pending and progress:
        progress = False
        for moment_id in list(pending):
            sources = [p for p in preds[moment_id] if p in placed]
            if not sources:
                continue
            at = order.index(sources[0]) + 1
            # after detours already hanging from the same moment
            while at < len(order) and order[at] not in loop and sources[0] in preds[order[at]]:
                at += 1
            order.insert(at, moment_id)
            placed.add(moment_id)
            pending.remove(moment_id)
            progress = True
    return order + pending  # unreachable moments last


def make_scene(cycle: Cycle, diagnostics, lang: str) -> Scene:
    index = unique_moments(cycle)
    moments = {mid: cycle.moments[i] for mid, i in index.items()}
    links = list(edges(cycle))
    loop = _main_loop(cycle, index, links)
    order = _display_order(loop, cycle_order(cycle), links)
    scene = Scene(
        cycle=cycle, lang=lang, moments=moments, order=order, main_loop=loop,
        node={mid: f"m{i}" for i, mid in enumerate(order)},
        number={mid: i + 1 for i, mid in enumerate(order)},
        links=links,
    )
    for diag in diagnostics or ():
        if diag.severity is Severity.INFO:
            continue  # informative notes (service level, busiest moments) are not weak points
        if diag.moment is not None and diag.moment in moments:
            codes = scene.findings.setdefault(diag.moment, [])
            codes.append(diag.code)
        elif diag.moment is None:
            scene.cycle_findings.append((diag.code, diag.message(lang)))
    return scene


# ---------------------------------------------------------------- labels


def moment_label(scene: Scene, moment_id: str) -> str:
    m = scene.moments[moment_id]
    band = style.band_for(m.score, m.expectation, scene.cycle.scale)
    lang = scene.lang
    kind = f"<B>{html(scene.t('critical'))}</B>" if m.critical else html(scene.t("routine"))
    head = (f'<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{scene.number[moment_id]} · {kind}</FONT></TD>')
    codes = scene.findings.get(moment_id, [])
    if codes:
        head += (f'<TD ALIGN="RIGHT" BGCOLOR="{style.BADGE}"><FONT COLOR="white" POINT-SIZE="9">'
                 f"<B>⚠ {len(codes)}</B></FONT></TD>")
    else:
        head += "<TD></TD>"
    rows = [f"<TR>{head}</TR>",
            f'<TR><TD COLSPAN="2" ALIGN="CENTER"><FONT POINT-SIZE="11">{"<B>" if m.critical else ""}'
            f'{html_lines(m.name)}{"</B>" if m.critical else ""}</FONT></TD></TR>']
    if m.score is not None:
        expected = number(m.expectation, lang) if m.expectation is not None else "–"
        score = f"{number(m.score, lang)} / {expected}"
    else:
        score = scene.t("score_missing")
    rows.append(f'<TR><TD COLSPAN="2"><FONT POINT-SIZE="9">{html(score)}</FONT></TD></TR>')
    if codes:
        rows.append(f'<TR><TD COLSPAN="2"><FONT POINT-SIZE="8">'
                    f'{html_lines(" ".join(sorted(dict.fromkeys(codes))), 24)}</FONT></TD></TR>')
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
            + "".join(rows) + "</TABLE>>")


def moment_node(scene: Scene, moment_id: str, extra: str = "") -> str:
    m = scene.moments[moment_id]
    band = style.band_for(m.score, m.expectation, scene.cycle.scale)
    if m.critical:
        shape = 'shape=box style="filled,bold" peripheries=2 penwidth=2.2'
    else:
        shape = 'shape=box style="rounded,filled" penwidth=1'
    attrs = (f'{shape} fillcolor="{band.fill}" label={moment_label(scene, moment_id)} '
             f"tooltip={quoted(f'{m.id}: {m.name}')} "
             f'class="moment {m.kind}{" findings" if moment_id in scene.findings else ""}"')
    return f"  {scene.node[moment_id]} [{attrs}{(' ' + extra) if extra else ''}];"


def edge_line(scene: Scene, link: Edge, extra: str = "") -> str:
    return f"  {scene.node[link.source]} -> {scene.node[link.target]} [{edge_attrs(scene, link, extra)}];"


def edge_attrs(scene: Scene, link: Edge, extra: str = "", arrow: bool = True) -> str:
    attrs = [f'color="{style.EDGE}"', "penwidth=1.3", "arrowsize=0.8"]
    label = ""
    if link.when:
        attrs[0:1] = [f'color="{style.EDGE}"', "style=dashed"]
        label = f"<I>¿{html_lines(link.when, 24)}?</I>" if scene.lang == "es" else f"<I>{html_lines(link.when, 24)}?</I>"
    if link.closing:
        attrs = [f'color="{style.CLOSING}"', "penwidth=2.6", "arrowsize=1"]
        closing = html(scene.t("back_to_start"))
        label = f"{label}<BR/>{closing}" if label else closing
        attrs.append(f'fontcolor="{style.CLOSING}"')
    if label:
        attrs.append(f"label=<{label}>")
    if extra:
        attrs.append(extra)
    if not arrow:
        attrs.append("dir=none")
    return " ".join(attrs)


def title_label(scene: Scene) -> str:
    from cyclemap.service_level import service_level

    c = scene.cycle
    critical = sum(1 for m in scene.moments.values() if m.critical)
    parts = []
    if c.customer:
        parts.append(f"{html(scene.t('customer'))}: <B>{html(c.customer)}</B>")
    level = service_level(c)
    if level is None:
        parts.append(f"{html(scene.t('service_level'))}: {html(scene.t('no_scores'))}")
    else:
        parts.append(f"{html(scene.t('service_level'))}: <B>{html(level.name(scene.lang))}</B> "
                     f"— {html(level.description(scene.lang))}")
    parts.append(html(scene.t("moments", n=len(scene.moments), c=critical)))
    title = "<BR/>".join(html(line) for line in wrap(c.title, 70))
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="22"><B>{title}</B></FONT></TD></TR>']
    rows += [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="12" COLOR="{style.MUTED}">{p}</FONT></TD></TR>'
             for p in parts]
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
            + "".join(rows) + "</TABLE>>")


def legend_label(scene: Scene, lanes: bool = False) -> str:
    t = scene.t
    cell = '<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="10">{}</FONT></TD>'
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="13"><B>{html(t("legend"))}</B></FONT></TD></TR>']
    critical_sample = ('<TD><TABLE BORDER="2" CELLBORDER="1" CELLSPACING="2" CELLPADDING="2">'
                       '<TR><TD><FONT POINT-SIZE="9"><B>◆</B></FONT></TD></TR></TABLE></TD>')
    routine_sample = ('<TD><TABLE BORDER="1" STYLE="ROUNDED" CELLBORDER="0" CELLPADDING="3">'
                      '<TR><TD><FONT POINT-SIZE="9"> </FONT></TD></TR></TABLE></TD>')
    rows.append(f"<TR>{critical_sample}{cell.format(html(t('legend_critical')))}</TR>")
    rows.append(f"<TR>{routine_sample}{cell.format(html(t('legend_routine')))}</TR>")
    rows.append(f'<TR><TD><FONT POINT-SIZE="9">3 · </FONT></TD>{cell.format(html(t("legend_number")))}</TR>')
    sample = "3,1 / 4" if scene.lang == "es" else "3.1 / 4"
    rows.append(f'<TR><TD><FONT POINT-SIZE="9">{sample}</FONT></TD>{cell.format(html(t("legend_score")))}</TR>')
    rows.append(f'<TR><TD BGCOLOR="{style.BADGE}"><FONT COLOR="white" POINT-SIZE="9"><B>⚠ n</B></FONT></TD>'
                f'{cell.format(html(t("legend_findings")))}</TR>')
    rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="10"><I>{html(t("legend_colour"))}</I></FONT></TD></TR>')
    for band in BANDS:
        rows.append(f'<TR><TD BGCOLOR="{band.fill}" BORDER="1" COLOR="{style.MUTED}"> </TD>'
                    f"{cell.format(html(band.text(scene.lang)))}</TR>")
    rows.append(f'<TR><TD><FONT COLOR="{style.EDGE}">───▶</FONT></TD>{cell.format(html(t("legend_next")))}</TR>')
    rows.append(f'<TR><TD><FONT COLOR="{style.EDGE}">- - -▶</FONT></TD>{cell.format(html(t("legend_branch")))}</TR>')
    rows.append(f'<TR><TD><FONT COLOR="{style.CLOSING}"><B>━━▶</B></FONT></TD>{cell.format(html(t("legend_closing")))}</TR>')
    if lanes:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9">'
                    f'{html_lines(t("legend_lanes"), 60)}</FONT></TD></TR>')
    if scene.cycle_findings:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="11"><B>⚠ {html(t("cycle_findings"))}</B></FONT></TD></TR>')
        for code, message in scene.cycle_findings:
            rows.append(f'<TR><TD VALIGN="TOP"><FONT POINT-SIZE="9"><B>{html(code)}</B></FONT></TD>'
                        f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9">{html_lines(message, 48)}</FONT></TD></TR>')
    return ('<<TABLE BORDER="1" COLOR="#bbbbbb" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2" BGCOLOR="white">'
            + "".join(rows) + "</TABLE>>")


def header(scene: Scene, layout: str, graph_attrs: str) -> list[str]:
    return [
        f"digraph cyclemap_{layout} {{",
        f'  graph [fontname="{style.FONT}" label={title_label(scene)} labelloc=t labeljust=l '
        f'pad=0.4 bgcolor=white {graph_attrs}];',
        f'  node [fontname="{style.FONT}" fontsize=11 fontcolor="{style.INK}" color="{style.INK}" margin="0.10,0.05"];',
        f'  edge [fontname="{style.FONT}" fontsize=9 fontcolor="{style.MUTED}"];',
    ]


def pos(x: float, y: float) -> str:
    return f'pos="{x:.2f},{y:.2f}!"'


# ---------------------------------------------------------------- layouts


def _clock(scene: Scene) -> list[str]:
    loop = scene.main_loop
    n = max(len(loop), 1)
    radius = max(3.0, n * 3.0 / (2 * math.pi))
    angle: dict[str, float] = {}
    place: dict[str, tuple[float, float]] = {}
    for i, moment_id in enumerate(loop):
        a = math.pi / 2 - 2 * math.pi * i / n  # clockwise from 12 o'clock
        angle[moment_id] = a
        place[moment_id] = (radius * math.cos(a), radius * math.sin(a))
    neighbours: dict[str, list[str]] = defaultdict(list)
    for link in scene.links:
        neighbours[link.target].append(link.source)
        neighbours[link.source].append(link.target)
    taken: dict[int, int] = defaultdict(int)
    for moment_id in scene.order:
        if moment_id in place:
            continue
        near = [angle[o] for o in neighbours[moment_id] if o in angle]
        if near:
            a = math.atan2(sum(math.sin(x) for x in near), sum(math.cos(x) for x in near))
        else:
            a = -math.pi / 2
        slot = round(math.degrees(a) / 15)
        ring = 0.52 - 0.2 * taken[slot]
        taken[slot] += 1
        angle[moment_id] = a
        r = radius * max(ring, 0.12)
        place[moment_id] = (r * math.cos(a), r * math.sin(a))
    lines = header(scene, "clock", "splines=true overlap=true outputorder=edgesfirst")
    customer = scene.cycle.customer or scene.t("customer")
    lines.append(f'  hub [shape=circle style=filled fillcolor="#f0f0f0" color="#bbbbbb" fontsize=12 '
                 f'label=<{html_lines(customer, 16)}> {pos(0, 0)}];')
    for moment_id in scene.order:
        lines.append(moment_node(scene, moment_id, pos(*place[moment_id])))
    for link in scene.links:
        lines.append(edge_line(scene, link))
    lines.append(f"  legend [shape=plain label={legend_label(scene)} {pos(radius + 4.6, 0)}];")
    lines.append("}")
    return lines


def _flow(scene: Scene) -> list[str]:
    lines = header(scene, "flow", "rankdir=LR nodesep=0.35 ranksep=0.55 newrank=true compound=true")
    c = scene.cycle
    stage_names = list(c.stages)
    for moment_id in scene.order:
        stage = scene.moments[moment_id].stage
        if stage and stage not in stage_names:
            stage_names.append(stage)
    for i, stage in enumerate(stage_names):
        members = [mid for mid in scene.order if scene.moments[mid].stage == stage]
        if not members:
            continue
        lines.append(f"  subgraph cluster_s{i} {{")
        lines.append(f'    graph [label=<<B>{html_lines(stage, 40)}</B>> fontsize=14 style="rounded,filled" '
                     f'fillcolor="#f6f6f6" color="#cccccc" labeljust=l];')
        lines.extend("  " + moment_node(scene, mid) for mid in members)
        lines.append("  }")
    for moment_id in scene.order:
        if not scene.moments[moment_id].stage:
            lines.append(moment_node(scene, moment_id))
    for link in scene.links:
        extra = "constraint=false" if link.closing else ""
        lines.append(edge_line(scene, link, extra))
    lines.append(f"  legend [shape=plain label={legend_label(scene)}];")
    lines.append("  { rank=sink; legend; }")
    lines.append("}")
    return lines


LANES = ("customer", "front", "back", "support")


def lane_of(moment: Moment) -> str:
    """Which swim lane a moment belongs to (documented in docs/rendering.md)."""
    channel, carrier = moment.channel, moment.carried_by
    if channel in ("self-service", "digital"):
        return "customer"
    if carrier == "systems":
        return "support"
    if channel in ("mail", "other") and carrier == "people":
        return "back"
    return "front"


def _blueprint(scene: Scene) -> list[str]:
    col_w, lane_h = 2.9, 1.9
    cols = len(scene.order)
    lane_y = {lane: -i * lane_h for i, lane in enumerate(LANES)}
    x_of = {mid: i * col_w for i, mid in enumerate(scene.order)}
    left, right = -2.6, max(cols - 1, 0) * col_w + col_w / 2
    lines = header(scene, "blueprint", "splines=true overlap=true outputorder=edgesfirst")
    titles = {"customer": "lane_customer", "front": "lane_front", "back": "lane_back", "support": "lane_support"}
    for lane in LANES:
        lines.append(f'  lane_{lane} [shape=box style="filled" fillcolor="#eef2f6" color="#eef2f6" width=1.8 '
                     f'height={lane_h - 0.3:.2f} fixedsize=true fontsize=13 '
                     f'label=<<B>{html_lines(scene.t(titles[lane]), 14)}</B>> {pos(left + 0.9, lane_y[lane])}];')
    separators = (("customer", "front", "line_interaction", "solid", 1.2),
                  ("front", "back", "line_visibility", "dashed", 2.4),
                  ("back", "support", "line_internal", "dotted", 1.2))
    for i, (upper, lower, key, line_style, width) in enumerate(separators):
        y = (lane_y[upper] + lane_y[lower]) / 2
        lines.append(f"  sep{i}a [shape=point width=0.01 style=invis {pos(left, y)}];")
        lines.append(f"  sep{i}b [shape=point width=0.01 style=invis {pos(right, y)}];")
        lines.append(f'  sep{i}a -> sep{i}b [dir=none style={line_style} penwidth={width} color="#7f7f7f" '
                     f'headlabel=<<I>{html(scene.t(key))}</I>> labelangle=12 labeldistance=6 fontsize=10];')
    for moment_id in scene.order:
        lane = lane_of(scene.moments[moment_id])
        lines.append(moment_node(scene, moment_id, pos(x_of[moment_id], lane_y[lane])))
    bottom = lane_y["support"] - lane_h / 2 - 0.2
    detour = 0
    for link in scene.links:
        if x_of[link.target] > x_of[link.source]:
            lines.append(edge_line(scene, link))
            continue
        # Backwards (and the closing link): go around below the lanes, so the line never
        # crosses a moment and the loop is seen closing.
        detour += 1
        y = bottom - 0.35 * detour
        a, b = f"w{detour}a", f"w{detour}b"
        lines.append(f"  {a} [shape=point width=0.01 style=invis {pos(x_of[link.source], y)}];")
        lines.append(f"  {b} [shape=point width=0.01 style=invis {pos(x_of[link.target], y)}];")
        colour = style.CLOSING if link.closing else style.EDGE
        width = 2.6 if link.closing else 1.3
        dash = "" if link.closing or not link.when else " style=dashed"
        lines.append(f'  {scene.node[link.source]} -> {a} [dir=none color="{colour}" penwidth={width}{dash}];')
        lines.append(f"  {a} -> {b} [{edge_attrs(scene, link, arrow=False)}];")
        lines.append(f'  {b} -> {scene.node[link.target]} [color="{colour}" penwidth={width}{dash}];')
    lines.append(f"  legend [shape=plain label={legend_label(scene, lanes=True)} "
                 f"{pos(right + 2.9, lane_y['front'] - lane_h / 2)}];")
    lines.append("}")
    return lines


def build_dot(cycle: Cycle, diagnostics=(), *, layout: str = "clock", lang: str = "en") -> str:
    """The DOT text of `cycle` drawn in `layout`, marking the moments `diagnostics`
    (from `cyclemap.analysis.analyse_cycle`) are about. Pure: no I/O."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    scene = make_scene(cycle, diagnostics, "es" if lang == "es" else "en")
    builder = {"clock": _clock, "flow": _flow, "blueprint": _blueprint}[layout]
    return "\n".join(builder(scene)) + "\n"
