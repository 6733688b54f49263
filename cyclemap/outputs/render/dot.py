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

Labels are plain Graphviz strings, not HTML-like labels: the WebAssembly Graphviz of the
embedded engine is built without HTML-label support, and one code path means both
engines draw the same diagram.

Safety: no user text ever becomes DOT syntax. Node names are generated (`m0`, `m1`, …),
and every piece of user text goes through `esc`, which escapes backslashes (so `\\N`,
`\\l` … stay text), double quotes and `&` (Graphviz reads entities), drops control
characters and turns newlines into line breaks.
"""

from __future__ import annotations

import math
import re
import textwrap
from contextvars import ContextVar
from functools import lru_cache
from collections import defaultdict
from typing import TYPE_CHECKING
from dataclasses import dataclass, field

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import LANGUAGES, SOURCE_LANGUAGE, Text, number
from cyclemap.engine.graph import Edge, edges, unique_moments
from cyclemap.engine.service_level import ServiceLevel
from cyclemap.format.model import Cycle, Moment
from cyclemap.outputs import look
from cyclemap.outputs.render import style
from cyclemap.outputs.render.style import BANDS, T

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

LAYOUTS = ("clock", "flow", "blueprint")
VIEWS = ("client", "analyst")
# Which Graphviz layout program draws each layout.
LAYOUT_ENGINE = {"clock": "neato", "flow": "dot", "blueprint": "neato"}


def layout_program(layout: str, view: str = "client") -> str:
    """The Graphviz program that draws `layout` in `view`: every client picture has its
    moments and links placed by cyclemap (`nop2`, that is `neato -n2`: Graphviz draws
    only, see routes.py); the analyst's flow is laid out by `dot`."""
    return "nop2" if view == "client" else LAYOUT_ENGINE[layout]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
BOLD = style.FONT + "-Bold"
ITALIC = style.FONT + "-Oblique"


# ---------------------------------------------------------------- escaping


def clean(text: object) -> str:
    """Text with control characters (which XML and DOT cannot carry) removed and tabs as
    spaces, and cut at `MAX_TEXT` characters: nobody reads more in a picture, and Graphviz
    refuses a quoted string over 16 KB."""
    value = str(text)
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT - 1] + "…"
    return _CONTROL.sub("", value.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


MAX_TEXT = 1000  # characters of one text from the file drawn in a picture


def esc(text: object) -> str:
    """One line of user text, for inside a DOT double-quoted string: it can only be text."""
    value = clean(text).replace("\n", " ")
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


# The language whose hyphenation rules break words too long for a line (set for the
# picture being built, see `build_dot`).
HYPHEN_LANG: ContextVar[str | None] = ContextVar("cyclemap_hyphen_lang", default=None)
PYPHEN = {"es": "es", "en": "en_US", "pt": "pt_BR"}


@lru_cache(maxsize=8)
def hyphenator(lang: str):
    """The hyphenation rules (pyphen) of one of cyclemap's languages."""
    import pyphen

    return pyphen.Pyphen(lang=PYPHEN.get(lang, lang))


def _split_word(word: str, width: int) -> list[str]:
    """A word longer than `width` as lines of at most `width` characters, each broken
    one ending in a hyphen: at a syllable by the language's rules when one fits, else
    at `width - 1` characters (never a word broken without a hyphen)."""
    pieces: list[str] = []
    lang = HYPHEN_LANG.get()
    while len(word) > width:
        head = None
        if lang is not None and width >= 4:
            found = hyphenator(lang).wrap(word, width)
            if found:
                head, word = found
        if head is None:
            head, word = word[:width - 1] + "-", word[width - 1:]
        pieces.append(head)
    return pieces + [word]


def wrap(text: object, width: int = style.WRAP) -> list[str]:
    """Lines of at most `width` characters, broken between words; a word longer than a
    line is hyphenated (`_split_word`). Keeps the author's own line breaks."""
    lines: list[str] = []
    for part in clean(text).split("\n"):
        words = [piece for word in part.split() for piece in (_split_word(word, width) if len(word) > width else [word])]
        lines.extend(textwrap.wrap(" ".join(words), width, break_long_words=False, break_on_hyphens=False) or [""])
    return lines


def label(lines: list[str], left: bool = False) -> str:
    """A quoted label from lines of user text; centred, or left-aligned with `left`."""
    lines = look.isolate_lines(lines)  # right-to-left names ordered alike by both engines
    if left:
        return '"' + "".join(esc(line) + "\\l" for line in lines) + '"'
    return '"' + "\\n".join(esc(line) for line in lines) + '"'


def quoted(text: object) -> str:
    return '"' + esc(text) + '"'


def pos(x: float, y: float) -> str:
    return f'pos="{x:.2f},{y:.2f}!"'


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
    margin: float  # the score bands' margin, from the checked cycle's settings (look.gap_margin)
    findings: dict[str, list[str]] = field(default_factory=dict)  # moment id -> codes
    cycle_findings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    level: ServiceLevel | None = None  # the checked cycle's, never recomputed here
    badge: dict[str, int] = field(default_factory=dict)  # moment id -> its rank among the top weak points

    def t(self, key: str, **kwargs: object) -> str:
        text = T[key]
        return (text.format(**kwargs) if kwargs else text)(self.lang)

    def say(self, text: Text) -> str:
        """Any text in the scene's language."""
        return text(self.lang)


def make_scene(checked: "CheckedCycle") -> Scene:
    cycle, diagnostics = checked.cycle, checked.diagnostics
    lang = checked.lang if checked.lang in LANGUAGES else SOURCE_LANGUAGE
    index = unique_moments(cycle)
    moments = {mid: cycle.moments[i] for mid, i in index.items()}
    order = checked.order
    scene = Scene(
        cycle=cycle, lang=lang, moments=moments, order=order, main_loop=checked.main_loop,
        node={mid: f"m{i}" for i, mid in enumerate(order)},
        number={mid: i + 1 for i, mid in enumerate(order)},
        links=list(edges(cycle)),
        level=checked.service_level,
        margin=style.gap_margin(cycle, checked.settings),
    )
    if getattr(checked, "critique", None) is not None:
        # The engine's badges ("⚠ n" is point n of the critique), read as they are.
        scene.badge = {mid: n for mid, n in checked.critique.badges.items() if mid in moments}
    for diag in diagnostics or ():
        if diag.severity is Severity.INFO:
            continue  # informative notes (service level, busiest moments) are not weak points
        if diag.moment is not None and diag.moment in moments:
            scene.findings.setdefault(diag.moment, []).append(diag.code)
        elif diag.moment is None:
            scene.cycle_findings.append((diag.code, diag.message(lang)))
    return scene


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
    critical = sum(1 for m in scene.moments.values() if m.critical)
    lines.append(scene.say(style.moments_count(len(scene.moments), critical)))
    return lines


def header(scene: Scene, layout: str, graph_attrs: str) -> list[str]:
    title = label(wrap(scene.cycle.title, 60))
    return [
        f"digraph cyclemap_{layout} {{",
        f'  graph [fontname="{BOLD}" fontsize=22 fontcolor="{style.INK}" label={title} labelloc=t '
        f"labeljust=l pad=0.4 bgcolor=white {graph_attrs}];",
        f'  node [fontname="{style.FONT}" fontsize=11 fontcolor="{style.INK}" color="{style.INK}" margin="0.14,0.07"];',
        f'  edge [fontname="{style.FONT}" fontsize=10 fontcolor="{style.MUTED}"];',
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
    small = int(width * 15)  # the same for the 10 pt texts
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
        Entry("legend_numbers", f'shape=plaintext fontsize=10 {width} label={label(numbers, left=True)}', len(numbers)),
        Entry("legend_colour", f'shape=plaintext fontname="{ITALIC}" fontsize=10 {width} label={label(colour, left=True)}',
              len(colour)),
    ]
    for band in BANDS:
        text = wrap(style.band_text(band, scene.margin)(scene.lang), small)
        entries.append(Entry(f"band_{band.key}", f'shape=box style=filled fillcolor="{band.fill}" color="#888888" '
                                                 f"fontsize=10 width={wide} height=0.3 label={label(text)}", len(text)))
    entries.append(Entry("legend_edges", f'shape=plaintext fontsize=10 {width} label={label(edges_text, left=True)}',
                         len(edges_text)))
    entries.append(Entry("legend_closing", f'shape=plaintext fontsize=10 fontcolor="{style.CLOSING}" {width} '
                                           f'label={label(closing, left=True)}', len(closing)))
    if lanes:
        text = wrap(t("legend_lanes"), 58)
        entries.append(Entry("legend_lanes", f'shape=plaintext fontsize=9 {width} label={label(text, left=True)}', len(text)))
    if scene.cycle_findings:
        text = ["⚠ " + t("cycle_findings")]
        for code, message in scene.cycle_findings:
            text += wrap(f"{code}: {message}", min(50, small))
        entries.append(Entry("cycle_findings", f'shape=box style="rounded,filled" fillcolor=white color="{style.FINDING}" '
                                               f"fontsize=10 {width} label={label(text, left=True)}", len(text)))
    return entries


def legend_pinned(scene: Scene, x: float, top: float, lanes: bool = False, width: float = 3.9) -> list[str]:
    """The legend as a column of pinned nodes `width` inches wide, centred on `x`, its
    top at `top` (inches)."""
    out = []
    y = top
    for entry in legend_entries(scene, lanes, width):
        height = 0.17 * entry.lines + 0.22
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
    by_name = {e.name: e for e in legend_entries(scene, width=2.5)}
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


# ---------------------------------------------------------------- layouts


def _clock(scene: Scene) -> list[str]:
    loop = scene.main_loop
    n = max(len(loop), 1)
    # Neighbours at the top and bottom of the dial sit side by side, about
    # r·sin(2π/n) apart: make that the widest moment plus a gap.
    widest = max((node_width(scene, mid) for mid in scene.order), default=2.0)
    radius = max(3.0, (widest + 0.5) / math.sin(2 * math.pi / n)) if n >= 4 else max(3.0, widest + 0.5)
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
        slot = round(math.degrees(a) / 20)
        ring = 0.6 - 0.2 * taken[slot]
        taken[slot] += 1
        angle[moment_id] = a
        r = radius * max(ring, 0.1)
        place[moment_id] = (r * math.cos(a), r * math.sin(a))
    lines = header(scene, "clock", "splines=true overlap=true outputorder=edgesfirst")
    customer = scene.cycle.customer or scene.t("customer")
    if n >= 4:  # with fewer, the links would run through the hub
        lines.append(
            f'  hub [shape=circle style=filled fillcolor="#f2f2f2" color="#bbbbbb" fontsize=11 '
            f'width=1.35 fixedsize=true fontcolor="{style.MUTED}" label={label(wrap(customer, 13)[:4])} '
            f"{pos(0, 0)}];")
    for moment_id in scene.order:
        lines.append(moment_node(scene, moment_id, pos(*place[moment_id])))
    for link in scene.links:
        lines.append(edge_line(scene, link))
    # A narrow column just clear of the dial's widest moment, so the dial keeps most of the picture.
    legend_width = 3.5
    lines += legend_pinned(scene, radius + widest / 2 + 0.7 + legend_width / 2, radius + 0.6, width=legend_width)
    lines.append("}")
    return lines


def _flow(scene: Scene) -> list[str]:
    lines = header(scene, "flow", "rankdir=LR nodesep=0.3 ranksep=0.5 newrank=true")
    lines += legend_below(scene)
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
        lines.append(f'    graph [label={label(wrap(stage, 40))} fontsize=15 style="rounded,filled" '
                     f'fillcolor="#f4f6f8" color="#c8d0d8" labeljust=l];')
        lines.extend("  " + moment_node(scene, mid) for mid in members)
        lines.append("  }")
    for moment_id in scene.order:
        if not scene.moments[moment_id].stage:
            lines.append(moment_node(scene, moment_id))
    for link in scene.links:
        lines.append(edge_line(scene, link, "constraint=false" if link.closing else ""))
    lines.append("}")
    return lines


LANES = ("customer", "front", "back", "support")
LANE_TITLES = {"customer": "lane_customer", "front": "lane_front", "back": "lane_back", "support": "lane_support"}


def lane_of(moment: Moment) -> str:
    """Which swim lane a moment belongs to (documented in docs/rendering.md):
    self-service and digital moments are the customer's own actions; a moment carried by
    systems alone is support; people working by mail or other out-of-sight channels are
    back stage; everything else (face to face, phone, premises with staff) is front stage."""
    channel, carrier = moment.channel, moment.carried_by
    if channel in ("self-service", "digital"):
        return "customer"
    if carrier == "systems":
        return "support"
    if channel in ("mail", "other") and carrier == "people":
        return "back"
    return "front"


def _blueprint(scene: Scene) -> list[str]:
    widest = max((node_width(scene, mid) for mid in scene.order), default=2.0)
    col_w, lane_h = max(2.7, widest + 0.45), 2.0
    cols = len(scene.order)
    lane_y = {lane: -i * lane_h for i, lane in enumerate(LANES)}
    x_of = {mid: i * col_w for i, mid in enumerate(scene.order)}
    left, right = -2.4, max(cols - 1, 0) * col_w + col_w / 2
    lines = header(scene, "blueprint", "splines=true overlap=true outputorder=edgesfirst")
    for lane in LANES:
        lines.append(f'  lane_{lane} [shape=box style="filled" fillcolor="#e9eef3" color="#e9eef3" width=1.7 '
                     f'height={lane_h - 0.25:.2f} fixedsize=true fontsize=13 fontname="{BOLD}" '
                     f'fontcolor="{style.MUTED}" label={label(wrap(scene.t(LANE_TITLES[lane]), 12))} '
                     f"{pos(left + 0.85, lane_y[lane])}];")
    separators = (("customer", "front", "line_interaction", "solid", 1.2),
                  ("front", "back", "line_visibility", "dashed", 2.4),
                  ("back", "support", "line_internal", "dotted", 1.2))
    for i, (upper, lower, key, line_style, width) in enumerate(separators):
        y = (lane_y[upper] + lane_y[lower]) / 2
        lines.append(f"  sep{i}a [shape=point width=0.01 style=invis {pos(left, y)}];")
        lines.append(f"  sep{i}b [shape=point width=0.01 style=invis {pos(right, y)}];")
        lines.append(f'  sep{i}t [shape=plaintext fontsize=10 fontname="{ITALIC}" fontcolor="#666666" '
                     f"label={label([scene.t(key)])} {pos(right - 1.0, y + 0.14)}];")
        lines.append(f'  sep{i}a -> sep{i}b [dir=none style={line_style} penwidth={width} color="#7f7f7f"];')
    for moment_id in scene.order:
        lane = lane_of(scene.moments[moment_id])
        lines.append(moment_node(scene, moment_id, pos(x_of[moment_id], lane_y[lane])))
    bottom = lane_y["support"] - lane_h / 2 - 0.1
    detour = 0
    for link in scene.links:
        if x_of[link.target] > x_of[link.source]:
            lines.append(edge_line(scene, link))
            continue
        # Backwards (and the closing link): go around below the lanes, so the line never
        # crosses a moment and the loop is seen closing.
        detour += 1
        y = bottom - 0.4 * detour
        a, b = f"w{detour}a", f"w{detour}b"
        lines.append(f"  {a} [shape=point width=0.01 style=invis {pos(x_of[link.source], y)}];")
        lines.append(f"  {b} [shape=point width=0.01 style=invis {pos(x_of[link.target], y)}];")
        lines.append(f"  {scene.node[link.source]} -> {a} [{edge_attrs(scene, link, arrow=False, labelled=False)}];")
        lines.append(f"  {a} -> {b} [{edge_attrs(scene, link, arrow=False)}];")
        lines.append(f"  {b} -> {scene.node[link.target]} [{edge_attrs(scene, link, labelled=False)}];")
    lines += legend_pinned(scene, right + 2.6, lane_y["customer"] + lane_h / 2, lanes=True)
    lines.append("}")
    return lines


def build_analyst(checked: "CheckedCycle", layout: str) -> str:
    """The analyst view's DOT text (every finding's code on its moment, the full legend);
    `build_dot` in `cyclemap.outputs.render` chooses the view."""
    scene = make_scene(checked)
    builder = {"clock": _clock, "flow": _flow, "blueprint": _blueprint}[layout]
    return "\n".join(builder(scene)) + "\n"


def hyphenating(checked: "CheckedCycle"):
    """While building one picture, words too long for a line break by the rules of the
    cycle's language (`wrap`)."""
    from contextlib import contextmanager

    @contextmanager
    def scope():
        token = HYPHEN_LANG.set(checked.lang if checked.lang in LANGUAGES else SOURCE_LANGUAGE)
        try:
            yield
        finally:
            HYPHEN_LANG.reset(token)

    return scope()
