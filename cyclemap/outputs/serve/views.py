"""The live page's HTML fragments: the index's rows and each part of a cycle's page, the
same a page swaps in after each save (`pages` puts them in whole documents, so a page
that loads and a page that follows a save show the same thing).

Service language only (moment names, what is wrong, why, what to do): no rule codes,
no moment ids, no YAML keys, except the problem banner, which says where in the file
(line and column) the save went wrong. Every value from a file goes through `esc`.
"""

from __future__ import annotations

import time
from urllib.parse import quote

from cyclemap.format.diagnostics import html_text as esc  # one escaper for HTML (format.diagnostics)
from cyclemap.format.i18n import Number, Text, _, _n, _p
from cyclemap.format.i18n import html_lang
from cyclemap.outputs.serve.workspace import Entry, Problem

LAYOUTS = ("clock", "flow", "blueprint")

T = {
    "index_title": _("Cycles of service"),
    "col_cycle": _p("live page: column of the index", "Cycle"),
    "col_level": _("Service level"),
    "col_weak": _("Weak points"),
    "no_cycles": _("No cycles yet: save a .yaml cycle file in the folder and it appears here."),
    "not_reading": _("the latest save does not read ({where})"),
    "no_scores": _("no scores yet"),
    "level": _("Service level"),
    "h_diagram": _("The cycle"),
    "h_weak": _("Weak points"),
    "h_curve": _("What customers expect and what they get"),
    "clock": _p("live page: layout", "Clock"),
    "flow": _p("live page: layout", "Flow"),
    "blueprint": _p("live page: layout", "Blueprint"),
    "present": _p("live page: button that starts the presentation", "Present"),
    "all_cycles": _("All cycles"),
    "previous": _p("live page: the previous cycle", "Previous"),
    "next": _p("live page: the next cycle", "Next"),
    "keys": _("Keys: ← → cycle · L layout · P presentation · V previous version · F full screen · I all cycles"),
    "banner": _("This save does not read, so the page still shows the last good version."),
    "banner_none": _("This file does not read yet, so there is nothing to show."),
    "draw_failed": _("The diagram could not be drawn: {reason}"),
    "where": _("line {line}, column {col}"),
    "no_weak": _("No weak points found."),
    "whole_cycle": _("The whole cycle"),
    "what_to_do": _("What to do:"),
    "no_curve": _("No moment has an expectation or a score yet, so there is no curve to draw."),
    "debug": _("version {v} · saved → ready {ready} ms (check {check} ms, draw {draw} ms)"),
    "debug_start": _("version {v} · check {check} ms, draw {draw} ms"),
    "shown": _p("live page: how long a save took to be shown", "shown"),
    "lost": _("Connection to cyclemap lost; trying again…"),
    "lost_banner": _("Connection to cyclemap lost: this page may not show the latest save. Trying again…"),
    "keys_on": _("Single-key shortcuts: on"),
    "keys_off": _("Single-key shortcuts: off"),
    "diagram_label": _("Diagram of the cycle {title}: {count}. The moments are listed in order beside it."),
    "h_moments": _("The moments, as the customer meets them"),
    "share_title": _("Follow on your phone"),
    "share_qr": _("QR code of the participants' link"),
    "share_note": _("Participants see the cycles and follow every save; they cannot change anything."),
    "changed_mark": _p("live page: beside a moment changed by the latest save", "changed"),
    "changes": _("Changed since the previous save: {names}."),
    "removed": _("Removed: {names}."),
    "no_changes": _("No moment changed in the latest save."),
    "previous_version": _p("live page: button that shows the version before the latest save", "Previous version"),
    "showing_previous": _("This is the previous version, before the latest save. Press V (or the button) to come back."),
    "no_previous": _("There is no previous version yet: it appears after the next save."),
    "export": _p("live page: what the buttons to download the diagram are about", "Download"),
    "export_title": _("Download the diagram as it is on screen ({format})"),
    "weak_mark": _p("live page: beside a moment with weak points", "needs attention"),
    "not_found": _("not found"),
    "not_allowed": _("method not allowed"),
    "internal": _("internal error"),
    "busy": _("too many pages are open on this server; this one tries again in a moment"),
    "running_out": _("cyclemap: out of file descriptors: new connections wait until some close "
                     "(too many pages open? `ulimit -n` raises the limit)"),
}


def moments_count(n: int, critical: int) -> Text:
    """"8 moments, 5 critical"."""
    return _n("{n} moment, {critical}", "{n} moments, {critical}", n).format(
        critical=_n("{n} critical", "{n} critical", critical))


EXPORTS = ("svg", "png", "pdf")


def export_url(key: str, fmt: str, layout: str, previous: bool = False) -> str:
    """The diagram as a file, in the layout and version on screen."""
    query = f"?layout={layout}" + ("&version=previous" if previous else "")
    return "/export/" + quote(key, safe="/") + "." + fmt + query


def cycle_url(key: str, layout: str | None = None, present: bool = False) -> str:
    query = []
    if layout and layout != "clock":
        query.append(f"layout={layout}")
    if present:
        query.append("present=1")
    return "/cycle/" + quote(key, safe="/") + ("?" + "&".join(query) if query else "")


def entry_lang(entry: Entry) -> str:
    return entry.checked.lang if entry.checked is not None else entry.lang


def title_of(entry: Entry) -> str:
    if entry.checked is not None and entry.checked.cycle.title:
        return entry.checked.cycle.title
    return entry.key


def weak_points(entry: Entry) -> list:
    """The critique's client list (`Critique.points`), as the engine ranks and words it."""
    if entry.checked is None:
        return []
    return list(entry.checked.critique.points)


def where(problem: Problem, lang: str) -> str:
    return T["where"].format(line=problem.line, col=problem.col)(lang) if problem.line else ""


# -- the index ------------------------------------------------------------------------


def index_rows(entries: list[Entry], lang: str) -> str:
    if not entries:
        return f'<p class="note" id="no-cycles">{esc(T["no_cycles"](lang))}</p>'
    rows = []
    for entry in entries:
        level = _level_name(entry, lang)
        count = str(len(weak_points(entry))) if entry.checked is not None else "–"
        note = ""
        if entry.problems:
            spot = where(entry.problems[0], lang)
            note = f' <span class="bad">{esc(T["not_reading"].format(where=spot or "?")(lang))}</span>'
        rows.append(f'<tr><td><a href="{esc(cycle_url(entry.key))}">{esc(title_of(entry))}</a>{note}</td>'
                    f'<td>{esc(level)}</td><td class="num">{count}</td></tr>')
    return (f'<table class="cycles"><thead><tr><th>{esc(T["col_cycle"](lang))}</th>'
            f'<th>{esc(T["col_level"](lang))}</th><th class="num">{esc(T["col_weak"](lang))}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


# -- one cycle ------------------------------------------------------------------------


def _level_name(entry: Entry, lang: str) -> str:
    if entry.checked is None:
        return "–"
    level = entry.checked.service_level
    return level.name(lang) if level is not None else T["no_scores"](lang)


def level_html(entry: Entry, lang: str) -> str:
    if entry.checked is None:
        return ""
    cycle = entry.checked.cycle
    moments = entry.checked.critique.counts
    level = entry.checked.service_level
    text = (f"<b>{esc(level.name(lang))}</b> — {esc(level.description(lang))}" if level is not None
            else esc(T["no_scores"](lang)))
    customer = f" · {esc(cycle.customer)}" if cycle.customer else ""
    evidence = entry.checked.critique.evidence
    said = "".join(f' <span class="evidence">{esc(t(lang))}</span>' for t in evidence.texts()) if evidence else ""
    return (f'{esc(T["level"](lang))}: {text} · '
            f'{esc(moments_count(moments.moments, moments.critical)(lang))}{customer}{said}')


def problem_html(entry: Entry, layout: str, lang: str) -> str:
    parts = []
    if entry.problems:
        head = T["banner"] if entry.checked is not None else T["banner_none"]
        items = []
        for p in entry.problems:
            spot = where(p, lang)
            hint = f" — {esc(p.hint(lang))}" if p.hint else ""
            items.append(f"<li>{'<b>' + esc(spot) + '</b>: ' if spot else ''}{esc(p.message(lang))}{hint}</li>")
        parts.append(f"<p>{esc(head(lang))}</p><ul>{''.join(items)}</ul>")
    elif layout in entry.draw_problem:
        parts.append(f"<p>{esc(T['draw_failed'].format(reason=entry.draw_problem[layout].message)(lang))}</p>")
    return "".join(parts)


def diagram_label(entry: Entry, lang: str) -> str:
    """The diagram's accessible name: what it shows, and where its words are as text."""
    if entry.checked is None:
        return T["h_diagram"](lang)
    counts = entry.checked.critique.counts
    return T["diagram_label"].format(title=title_of(entry), count=moments_count(counts.moments, counts.critical))(lang)


def moments_html(entry: Entry, lang: str, changed: set[str] = frozenset()) -> str:
    """The moments as a text list, in the order a customer meets them: the diagram's
    words for whoever cannot see it (a screen reader, the back of the room)."""
    if entry.checked is None:
        return ""
    from cyclemap.format.words import KIND

    weak = {w.moment_id for w in weak_points(entry) if w.moment_id is not None}
    items = []
    for m in entry.checked.moments:
        mark = f' <span class="weak-mark">{esc(T["weak_mark"](lang))}</span>' if m.id in weak else ""
        if m.id in changed:
            mark += f' <span class="changed-mark">{esc(T["changed_mark"](lang))}</span>'
        kind = ("critical" if m.critical else "routine") + (" changed" if m.id in changed else "")
        items.append(f'<li class="{kind}">{esc(m.name)} '
                     f'<span class="kind">({esc(KIND[m.kind](lang))})</span>{mark}</li>')
    return "".join(items)


def changes_of(entry: Entry) -> tuple[set[str], list[str]]:
    """What the latest save changed: (ids of the moments added or changed, names of the
    moments removed), from the engine's comparison of the two versions (`cyclemap diff`'s)."""
    if entry.previous is None or entry.checked is None:
        return set(), []
    from cyclemap.engine.diff import diff_results

    found = diff_results(entry.previous, entry.checked)
    return {m.id for m in found.added} | {c.id for c in found.changed}, [m.name for m in found.removed]


def changes_html(entry: Entry, lang: str, changed: set[str], removed: list[str]) -> str:
    if entry.previous is None or entry.checked is None:
        return ""
    names = [m.name for m in entry.checked.moments if m.id in changed]
    parts = []
    if names:
        parts.append(T["changes"].format(names=", ".join(names))(lang))
    if removed:
        parts.append(T["removed"].format(names=", ".join(removed))(lang))
    return esc(" ".join(parts) or T["no_changes"](lang))


def changed_nodes(entry: Entry, changed: set[str]) -> list[str]:
    """The drawing's node names of the changed moments (the names the renderer gives)."""
    if not changed or entry.checked is None:
        return []
    from cyclemap.outputs.render.dot import make_scene

    return [name for mid, name in make_scene(entry.checked).node.items() if mid in changed]


def diagram_html(entry: Entry, layout: str) -> str:
    svg = entry.svgs.get(layout)
    return svg or ""


def weak_html(entry: Entry, lang: str) -> str:
    """The weak points as the critique words them: one item per point, numbered as in the
    critique and on the diagram, with what is said once before the list."""
    if entry.checked is None:
        return ""
    critique = entry.checked.critique
    points = weak_points(entry)
    if not points:
        return f'<p class="note">{esc(T["no_weak"](lang))}</p>'
    items = []
    for point in points:
        who = point.moment_name or T["whole_cycle"](lang)
        mark = f"⚠ {point.rank}" if point.badge else f"{point.rank}."
        why = point.why(lang)
        items.append(
            f'<li class="point{" uncertain" if point.uncertain else ""}" data-rank="{point.rank}">'
            f'<p class="who"><span class="rank">{esc(mark)}</span> {esc(who)}</p>'
            f'<p class="what">{esc(point.what(lang))}</p>'
            + (f'<p class="why">{esc(why)}</p>' if why else "")
            + f'<p class="fix"><b>{esc(T["what_to_do"](lang))}</b> {esc(point.todo(lang))}</p></li>')
    said_once = " ".join(t(lang) for t in critique.preface)
    preface = f'<p class="preface">{esc(said_once)}</p>' if said_once else ""
    return f'{preface}<ol class="weak">{"".join(items)}</ol>'


def curve_html(entry: Entry, lang: str) -> str:
    if entry.checked is None:
        return ""
    from cyclemap.outputs.handout.curve import curve_svg, has_data

    checked = entry.checked
    by_id = {}
    for m in checked.cycle.moments:
        by_id.setdefault(m.id, m)
    moments = [by_id[i] for i in checked.order if i in by_id]
    if not has_data(moments):
        return f'<p class="note">{esc(T["no_curve"](lang))}</p>'
    return curve_svg(checked.cycle, moments, lang)


def debug_text(entry: Entry, lang: str) -> str:
    t = entry.timing
    if not t:
        return ""
    if t["saved"] is None:
        return T["debug_start"].format(v=entry.version, check=Number(t["check_ms"]), draw=Number(t["draw_ms"]))(lang)
    ready = max(0.0, (t["ready"] - t["saved"]) * 1000)
    return T["debug"].format(v=entry.version, ready=Number(ready, 0), check=Number(t["check_ms"]),
                             draw=Number(t["draw_ms"]))(lang)


def fragments(entry: Entry, layout: str) -> dict[str, object]:
    """What a page replaces after a save (or a change of layout)."""
    lang = entry_lang(entry)
    changed, removed = changes_of(entry)
    return {
        "key": entry.key,
        "version": entry.version,
        "layout": layout,
        "lang": html_lang(lang),
        "title": title_of(entry),
        "ready": entry.timing.get("ready", time.time()),
        "label": diagram_label(entry, lang),
        "changed": changed_nodes(entry, changed),
        "has_previous": entry.previous is not None,
        "html": {
            "title": esc(title_of(entry)),
            "level": level_html(entry, lang),
            "problem": problem_html(entry, layout, lang),
            "diagram": diagram_html(entry, layout),
            "moments": moments_html(entry, lang, changed),
            "changes": changes_html(entry, lang, changed, removed),
            "weak": weak_html(entry, lang),
            "curve": curve_html(entry, lang),
            "debug": esc(debug_text(entry, lang)),
        },
    }
