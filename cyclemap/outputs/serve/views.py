"""The live page's HTML: the index of cycles and one cycle's page, and the fragments the
page swaps in after each save (the same functions make both, so a page that loads and a
page that follows a save show the same thing).

Service language only (moment names, what is wrong, why, what to do): no rule codes,
no moment ids, no YAML keys, except the problem banner, which says where in the file
(line and column) the save went wrong. Every value from a file goes through `esc`.
"""

from __future__ import annotations

import time
from html import escape
from urllib.parse import quote

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
    "keys": _("Keys: ← → cycle · L layout · P presentation · F full screen · I all cycles"),
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


def esc(value: object) -> str:
    return escape(str(value), quote=True)


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


def index_page(entries: list[Entry], lang: str, version: int) -> str:
    body = (f'<header><h1>{esc(T["index_title"](lang))}</h1></header>'
            f'<main><div id="cycles">{index_rows(entries, lang)}</div></main>'
            f'<footer><p id="live" class="live"></p></footer>')
    return _document(lang, T["index_title"](lang), "index", {"version": version, "lost-label": T["lost"](lang)}, body)


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
    return {
        "key": entry.key,
        "version": entry.version,
        "layout": layout,
        "lang": html_lang(lang),
        "title": title_of(entry),
        "ready": entry.timing.get("ready", time.time()),
        "html": {
            "title": esc(title_of(entry)),
            "level": level_html(entry, lang),
            "problem": problem_html(entry, layout, lang),
            "diagram": diagram_html(entry, layout),
            "weak": weak_html(entry, lang),
            "curve": curve_html(entry, lang),
            "debug": esc(debug_text(entry, lang)),
        },
    }


def cycle_page(entry: Entry, layout: str, present: bool, prev_key: str | None, next_key: str | None,
               links: str = "") -> str:
    lang = entry_lang(entry)
    parts = fragments(entry, layout)["html"]
    current = ' aria-current="true"'
    layouts = "".join(
        f'<a class="layout" data-layout="{name}" href="{esc(cycle_url(entry.key, name, present))}"'
        f'{current if name == layout else ""}>{esc(T[name](lang))}</a>'
        for name in LAYOUTS)
    around = ""
    if prev_key is not None:
        around = (f'<a id="prev" rel="prev" href="{esc(cycle_url(prev_key, layout, present))}">← {esc(T["previous"](lang))}</a>'
                  f'<a id="next" rel="next" href="{esc(cycle_url(next_key, layout, present))}">{esc(T["next"](lang))} →</a>')
    problem = parts["problem"]
    body = (
        "<header>"
        f'<nav><a id="to-index" href="/">{esc(T["all_cycles"](lang))}</a>{around}'
        f'<span class="layouts">{layouts}</span>'
        f'<button type="button" id="present">{esc(T["present"](lang))}</button></nav>'
        f'<h1 id="title">{parts["title"]}</h1>'
        f'<p id="level">{parts["level"]}</p>'
        "</header>"
        f'<div id="problem" role="alert"{"" if problem else " hidden"}>{problem}</div>'
        "<main>"
        f'<section id="diagram-section" aria-label="{esc(T["h_diagram"](lang))}"><div id="diagram">{parts["diagram"]}</div></section>'
        f'<section id="weak-section"><h2>{esc(T["h_weak"](lang))}</h2><div id="weak">{parts["weak"]}</div></section>'
        f'<section id="curve-section"><h2>{esc(T["h_curve"](lang))}</h2><div id="curve">{parts["curve"]}</div></section>'
        f"{links}"  # connected cycles: to the internal cycles behind and back (serve/links.py)
        "</main>"
        f'<footer><p id="keys">{esc(T["keys"](lang))}</p><p id="live" class="live"></p>'
        f'<p id="debug">{parts["debug"]}</p></footer>'
    )
    data = {"key": entry.key, "version": entry.version, "layout": layout, "ready": entry.timing.get("ready", 0),
            "shown-label": T["shown"](lang), "lost-label": T["lost"](lang)}
    return _document(lang, title_of(entry), "cycle" + (" present" if present else ""), data, body)


def _document(lang: str, title: str, body_class: str, data: dict[str, object], body: str) -> str:
    attrs = "".join(f' data-{name}="{esc(value)}"' for name, value in data.items())
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(html_lang(lang))}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)} — cyclemap</title>"
        '<link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/assets/serve.css">'
        '<script src="/assets/serve.js" defer></script>'
        f'</head><body class="{body_class}"{attrs}>{body}</body></html>\n'
    )
