"""The organisation at a glance, formatted: a terminal table (rich), Markdown, JSON and a
picture (Graphviz DOT, drawn by the render engines). Reads `engine.overview.Overview`;
judges and ranks nothing itself.
"""

from __future__ import annotations

import io
import json

from cyclemap.engine.overview import Leverage, MomentRef, Overview, relative
from cyclemap.engine.rules._scores import fmt
from cyclemap.format.diagnostics import one_line, terminal_text
from cyclemap.format.i18n import Number, Text, Verbatim, _, _n, listing

JSON_VERSION = 1
FORMATS = ("text", "markdown", "json")

T = {
    "title": _("The organisation at a glance"),
    "cycles": _("Cycles"),
    "col_cycle": _("Cycle"),
    "col_customer": _("Customer"),
    "col_level": _("Service level"),
    "col_weak": _("Top weak points"),
    "internal": _("internal"),
    "external": _("external"),
    "no_scores": _("no scores"),
    "unread": _("does not read: run cyclemap check"),
    "none_weak": _("none"),
    "support": _("Internal support: which internal cycles support which moments"),
    "no_links": _("No moment names an internal cycle behind it (`supported_by`)."),
    "leverage": _("Leverage points: internal moments behind the most weak moments"),
    "no_leverage": _("No leverage point: no weak moment, measured on enough answers, rests on an internal cycle."),
    "col_rank": Verbatim("#"),
    "col_supplier": _("Internal moment"),
    "col_behind": _("Weak moments that rest on it"),
    "col_customers": _("Customers a month"),
    "whole": _("the whole cycle"),
    "uncertain": _("uncertain"),
    "legend": _("Double outline: a weak moment (score / expectation). Filled: the top leverage point; bold "
                "arrows: the moments it affects."),
    "weak_itself": _("weak itself"),
    "holds_up": _("holds up"),
}


def level_name(key: str | None, lang: str) -> str:
    from cyclemap.engine.service_level import LEVELS

    return LEVELS[key](lang) if key else T["no_scores"](lang)


def _moment(ref: MomentRef, lang: str, with_cycle: bool = True) -> str:
    """A moment as the overview names it; text from the files with control and bidirectional
    characters shown as escapes (every format: a Markdown report is read on terminals too)."""
    name = one_line(ref.moment_name) if ref.moment_id else T["whole"](lang)
    if not with_cycle:
        return f"“{name}”" if ref.moment_id else name
    title = one_line(ref.cycle_title)
    return f"“{name}” ({title})" if ref.moment_id else f"{title} ({name})"


def _score(ref: MomentRef, lang: str) -> str:
    if ref.score is None:
        return ""
    said = fmt(ref.score, lang)
    if ref.expectation is not None:
        said += " / " + fmt(ref.expectation, lang)
    if ref.n is not None:
        said += " · " + _n("{n} answer", "{n} answers", ref.n).format(n=Number(ref.n, 0))(lang)
    return said


def _state(ref: MomentRef, lang: str) -> str:
    """` · weak itself` / ` · holds up` (on enough answers) / nothing."""
    if ref.weak:
        return " · " + T["weak_itself"](lang)
    if ref.evidenced and ref.score is not None:
        return " · " + T["holds_up"](lang)
    return ""


def ranking_note(o: Overview) -> Text:
    """How the leverage points are ranked, and why."""
    if not o.leverage:
        return Verbatim("")
    if o.weighted:
        return _("Ranked by the customers a month who pass the weak moments (every one declares `volume`).")
    return _n("Ranked by how many weak moments rest on each: {n} of them declares no `volume` (customers a "
              "month), so customers cannot be weighed.",
              "Ranked by how many weak moments rest on each: {n} of them declare no `volume` (customers a "
              "month), so customers cannot be weighed.", o.without_volume)


def set_aside(o: Overview) -> list[Text]:
    """What the overview leaves out, with counts (never silent)."""
    notes: list[Text] = []
    if o.unread:
        notes.append(_n("{n} file does not read as a cycle and is left out; run cyclemap check.",
                        "{n} files do not read as cycles and are left out; run cyclemap check.", o.unread))
    if o.broken_links:
        notes.append(_n("{n} link is broken or leaves the repository and is left out; run cyclemap check.",
                        "{n} links are broken or leave the repository and are left out; run cyclemap check.",
                        o.broken_links))
    if o.thin:
        notes.append(_n("{n} weak moment with an internal cycle behind it rests on too few answers to count "
                        "as a leverage point.",
                        "{n} weak moments with an internal cycle behind them rest on too few answers to count "
                        "as leverage points.", o.thin))
    return notes


def top_sentence(o: Overview) -> Text | None:
    """The top leverage point and the moments it affects, as one sentence."""
    if not o.leverage:
        return None
    return _leverage_sentence(o.leverage[0])


def _leverage_sentence(top: Leverage) -> Text:
    from cyclemap.format.i18n import Computed

    def say(lang: str) -> str:
        names = listing([_moment(m, lang) for m in top.affected])(lang)
        return _n("Top leverage point: {supplier}, behind {n} weak moment: {moments}.",
                  "Top leverage point: {supplier}, behind {n} weak moments: {moments}.", top.count).format(
            supplier=_moment(top.supporter, lang), moments=names)(lang)
    return Computed(say)


# -- JSON ----------------------------------------------------------------------------

def to_json(o: Overview, lang: str) -> str:
    data = {
        "cyclemap_overview": JSON_VERSION,
        "root": o.root,
        "lang": lang,
        "cycles": [{
            "file": s.path, "loaded": s.loaded, "title": s.title, "internal": s.internal,
            "level": s.level, "level_name": level_name(s.level, lang) if s.loaded else None,
            "level_uncertain": s.level_uncertain, "moments": s.moments, "errors": s.errors,
            "weak_points": s.points, "top_weak": [m.as_data() for m in s.weak],
        } for s in o.cycles],
        "links": [{"supported": l.supported.as_data(), "supporter": l.supporter.as_data()} for l in o.links],
        "leverage": [{"rank": i, "supporter": lv.supporter.as_data(), "weak_moments": lv.count,
                      "customers": lv.customers, "affected": [m.as_data() for m in lv.affected]}
                     for i, lv in enumerate(o.leverage, 1)],
        "ranked_by": "customers" if o.weighted else "count",
        "ranking": ranking_note(o)(lang),
        "set_aside": {"unread_files": o.unread, "broken_links": o.broken_links, "thin_evidence": o.thin,
                      "without_volume": o.without_volume},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- Markdown --------------------------------------------------------------------------

def to_markdown(o: Overview, lang: str) -> str:
    from cyclemap.outputs.markdown import inline

    out = [f"# {T['title'](lang)}", ""]
    sentence = top_sentence(o)
    if sentence is not None:
        out += [f"**{inline(sentence(lang))}**", ""]
    out += [f"## {T['cycles'](lang)}", "",
            f"| {T['col_cycle'](lang)} | {T['col_customer'](lang)} | {T['col_level'](lang)} | {T['col_weak'](lang)} |",
            "|---|---|---|---|"]
    for s in o.cycles:
        path = inline(one_line(relative(s.path, o.root)))
        if not s.loaded:
            out.append(f"| `{path}` | | {T['unread'](lang)} | |")
            continue
        weak = "<br>".join(inline(f"{one_line(m.moment_name)} ({_score(m, lang)})") for m in s.weak) or T["none_weak"](lang)
        level = level_name(s.level, lang) + (f" ({T['uncertain'](lang)})" if s.level_uncertain else "")
        who = T["internal"](lang) if s.internal else T["external"](lang)
        out.append(f"| {inline(one_line(s.title))}<br>`{path}` | {who} | {level} | {weak} |")
    out += ["", f"## {T['support'](lang)}", ""]
    if not o.links:
        out.append(T["no_links"](lang))
    for link in o.links:
        out.append(f"- {inline(_moment(link.supporter, lang))} → {inline(_moment(link.supported, lang))}")
    out += ["", f"## {T['leverage'](lang)}", ""]
    if not o.leverage:
        out.append(T["no_leverage"](lang))
    else:
        out += [f"| {T['col_rank'](lang)} | {T['col_supplier'](lang)} | {T['col_behind'](lang)} | "
                f"{T['col_customers'](lang)} |", "|---:|---|---|---:|"]
        for i, lv in enumerate(o.leverage, 1):
            behind = "<br>".join(inline(_moment(m, lang)) for m in lv.affected)
            customers = Number(lv.customers, 0)(lang) if lv.customers is not None else "—"
            out.append(f"| {i} | {inline(_moment(lv.supporter, lang))} ({inline(_score(lv.supporter, lang) + _state(lv.supporter, lang))}) | "
                       f"{behind} | {customers} |")
        out += ["", ranking_note(o)(lang)]
    notes = set_aside(o)
    if notes:
        out += [""] + [f"- {n(lang)}" for n in notes]
    return "\n".join(out) + "\n"


# -- terminal ----------------------------------------------------------------------------

def to_text(o: Overview, lang: str, color: bool = False, width: int = 100, unicode: bool = True) -> str:
    from rich import box
    from rich.console import Console
    from rich.text import Text as RichText

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False, soft_wrap=False)
    frame = box.ROUNDED if (color and unicode) else box.ASCII
    bold = "bold" if color else ""
    console.print(RichText(T["title"](lang), style=bold))
    sentence = top_sentence(o)
    if sentence is not None:
        console.print(RichText(terminal_text(sentence(lang)), style=bold))
    console.print(_cycles_table(o, lang, frame))
    console.print(RichText("\n" + T["support"](lang), style=bold))
    if not o.links:
        console.print(T["no_links"](lang))
    for link in o.links:
        console.print(terminal_text(f"  {_moment(link.supporter, lang)} → {_moment(link.supported, lang)}"))
    console.print(RichText("\n" + T["leverage"](lang), style=bold))
    if not o.leverage:
        console.print(T["no_leverage"](lang))
    else:
        console.print(_leverage_table(o, lang, frame))
        if len(o.leverage) > TEXT_LEVERAGE:
            console.print(_n("… and {n} more: `--format markdown` lists them all",
                             "… and {n} more: `--format markdown` lists them all", len(o.leverage) - TEXT_LEVERAGE)(lang))
        console.print(ranking_note(o)(lang))
    for note in set_aside(o):
        console.print(note(lang))
    text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
    if not unicode:
        text = text.replace("“", '"').replace("”", '"').replace("→", "->").replace("…", "...").replace("·", "-")
    return text


TEXT_LEVERAGE = 20  # leverage points the terminal shows; the Markdown lists them all


def _cycles_table(o: Overview, lang: str, frame):
    """Each cycle: its title and file, external or internal, its level, its weak moments."""
    from rich.table import Table

    table = Table(box=frame, expand=True, padding=(0, 1), title=T["cycles"](lang), title_justify="left")
    table.add_column(T["col_cycle"](lang), ratio=3, overflow="fold")
    table.add_column(T["col_customer"](lang), no_wrap=True)
    table.add_column(T["col_level"](lang), no_wrap=True)
    table.add_column(T["col_weak"](lang), ratio=4, overflow="fold")
    for s in o.cycles:
        path = terminal_text(relative(s.path, o.root))
        if not s.loaded:
            table.add_row(path, "", T["unread"](lang), "")
            continue
        weak = "\n".join(terminal_text(f"{m.moment_name} ({_score(m, lang)})") for m in s.weak) or T["none_weak"](lang)
        level = level_name(s.level, lang) + (f" ({T['uncertain'](lang)})" if s.level_uncertain else "")
        table.add_row(f"{terminal_text(s.title)}\n{path}", T["internal"](lang) if s.internal else T["external"](lang),
                      level, weak)
    return table


def _leverage_table(o: Overview, lang: str, frame):
    """The first TEXT_LEVERAGE leverage points: the supplier, the moments behind, customers."""
    from rich.table import Table

    lev = Table(box=frame, expand=True, padding=(0, 1))
    lev.add_column(T["col_rank"](lang), justify="right", no_wrap=True)
    lev.add_column(T["col_supplier"](lang), ratio=3, overflow="fold")
    lev.add_column(T["col_behind"](lang), ratio=3, overflow="fold")
    lev.add_column(T["col_customers"](lang), justify="right", no_wrap=True)
    for i, lv in enumerate(o.leverage[:TEXT_LEVERAGE], 1):
        supplier = _moment(lv.supporter, lang)
        if lv.supporter.score is not None:
            supplier += "\n" + _score(lv.supporter, lang) + _state(lv.supporter, lang)
        lev.add_row(str(i), terminal_text(supplier),
                    terminal_text("\n".join(_moment(m, lang) for m in lv.affected)),
                    Number(lv.customers, 0)(lang) if lv.customers is not None else "—")
    return lev


# -- picture -------------------------------------------------------------------------

MAX_PICTURE_LINKS = 80  # beyond this, the picture keeps the top leverage points' links


def _q(text: str) -> str:
    """A DOT string, quoted."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(o: Overview, lang: str) -> str:
    """Internal cycles on the left, the moments they support on the right, each cycle a
    box of its linked moments; weak moments drawn with a heavy double outline (it survives
    a photocopy); the top leverage point bold, its links bold, and named in the caption
    with the moments it affects."""
    links = o.links
    caption = [T["title"](lang)]
    sentence = top_sentence(o)
    if sentence is not None:
        caption.append(sentence(lang))
    if len(links) > MAX_PICTURE_LINKS:
        keep = {lv.supporter.key for lv in o.leverage[:10]}
        links = [l for l in links if l.supporter.key in keep]
        caption.append(_("The picture shows the links of the 10 top leverage points; `--format markdown` lists "
                         "all {n}.").format(n=len(o.links))(lang))
    else:
        caption.append(ranking_note(o)(lang))
    caption.append(T["legend"](lang))
    import textwrap

    caption = [wrapped for line in caption for wrapped in textwrap.wrap(line, 100)]
    top_key = o.leverage[0].supporter.key if o.leverage else None
    top_affected = {m.key for m in o.leverage[0].affected} if o.leverage else set()
    nodes: dict[tuple, MomentRef] = {}
    for l in links:
        nodes.setdefault(l.supporter.key, l.supporter)
        nodes.setdefault(l.supported.key, l.supported)
    clusters: dict[str, list[MomentRef]] = {}
    for ref in nodes.values():
        clusters.setdefault(ref.path, []).append(ref)
    ids = {key: f"n{i}" for i, key in enumerate(nodes)}
    lines = ["digraph overview {", '  graph [rankdir=LR, fontname="Helvetica", fontsize=12, labelloc=t, '
             f"labeljust=l, nodesep=0.3, ranksep=1.2, label={_q(chr(10).join(caption))}];",
             '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
             '  edge [color="#555555", arrowsize=0.7];']
    for i, (path, refs) in enumerate(clusters.items()):
        first = refs[0]
        kind = T["internal"](lang) if first.internal else T["external"](lang)
        lines.append(f"  subgraph cluster_{i} {{")
        colour = '"#888888"' if first.internal else '"#333333"'
        lines.append(f"    label={_q(f'{one_line(first.cycle_title)} ({kind})')}; style=\"rounded\"; color={colour}; fontsize=11;")
        for ref in refs:
            label = _moment(ref, lang, with_cycle=False).strip("“”")
            if ref.score is not None:
                label += "\n" + fmt(ref.score, lang) + (f" / {fmt(ref.expectation, lang)}" if ref.expectation else "")
            attrs = [f"label={_q(label)}"]
            if ref.weak:
                attrs.append('peripheries=2, penwidth=2, color="#b2182b", fontcolor="#000000"')
            if ref.key == top_key:
                attrs.append('style="rounded,bold,filled", fillcolor="#fde0c5", penwidth=3')
            lines.append(f"    {ids[ref.key]} [{', '.join(attrs)}];")
        lines.append("  }")
    for l in links:
        top = l.supporter.key == top_key and l.supported.key in top_affected
        style = ' [penwidth=2.5, color="#000000"]' if top else ""
        lines.append(f"  {ids[l.supporter.key]} -> {ids[l.supported.key]}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"
