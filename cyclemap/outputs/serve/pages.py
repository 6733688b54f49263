"""The live page's two documents: the index of cycles and one cycle's page, each a whole
HTML page around the fragments of `views` (the same fragments a page swaps in after a
save), with the page's script and style and the labels its script says.
"""

from __future__ import annotations

from cyclemap.format.i18n import html_lang
from cyclemap.outputs.serve.views import (
    EXPORTS, LAYOUTS, T, cycle_url, diagram_label, entry_lang, esc, export_url, fragments, index_rows, title_of,
)
from cyclemap.outputs.serve.workspace import Entry


def index_page(entries: list[Entry], lang: str, version: int, server: str = "", participant: bool = False,
               share: tuple[str, str] | None = None) -> str:
    """The index. `participant`: the read-only page of a phone that came by the link;
    `share`: (the participants' link, its QR code as SVG), shown to the facilitator."""
    joined = ""
    if share is not None:
        url, qr = share
        joined = (f'<aside id="share"><h2>{esc(T["share_title"](lang))}</h2>'
                  f'<div class="qr" role="img" aria-label="{esc(T["share_qr"](lang))}">{qr}</div>'
                  f'<p><code>{esc(url)}</code></p><p class="note">{esc(T["share_note"](lang))}</p></aside>')
    keys = "" if participant else (
        f'<p><button type="button" id="single-keys" aria-pressed="true">{esc(T["keys_on"](lang))}</button></p>')
    body = (f'<header><h1>{esc(T["index_title"](lang))}</h1></header>'
            f'<main><div id="cycles">{index_rows(entries, lang)}</div>{joined}</main>'
            f'<footer>{keys}<p id="live" class="live"></p></footer>')
    return _document(lang, T["index_title"](lang), "index" + (" participant" if participant else ""), {
        "version": version, "server": server, "lost-label": T["lost"](lang),
        "keys-on-label": T["keys_on"](lang), "keys-off-label": T["keys_off"](lang)}, body)


def cycle_page(entry: Entry, layout: str, present: bool, prev_key: str | None, next_key: str | None,
               links: str = "", server: str = "", participant: bool = False) -> str:
    """One cycle's page. `links`: the connected cycles' links (serve/links.py).
    `participant`: the read-only phone page (no layouts, no presentation, no keys: the
    diagram, its moments, the weak points)."""
    lang = entry_lang(entry)
    parts = fragments(entry, layout)["html"]
    nav = _cycle_nav(entry, layout, present, prev_key, next_key, lang, participant)
    problem = parts["problem"]
    footer = "" if participant else (
        f'<p id="keys">{esc(T["keys"](lang))}</p>'
        f'<p><button type="button" id="single-keys" aria-pressed="true">{esc(T["keys_on"](lang))}</button></p>')
    body = (
        "<header>"
        f'{nav}'
        f'<h1 id="title">{parts["title"]}</h1>'
        f'<p id="level">{parts["level"]}</p>'
        f'<p id="changes" role="status">{parts["changes"]}</p>'
        f'<p id="showing-previous" role="status" hidden>{esc(T["showing_previous"](lang))}</p>'
        "</header>"
        f'<div id="problem" role="alert"{"" if problem else " hidden"}>{problem}</div>'
        "<main>"
        f'<section id="diagram-section" aria-label="{esc(T["h_diagram"](lang))}">'
        f'<div id="diagram" role="img" aria-label="{esc(diagram_label(entry, lang))}">{parts["diagram"]}</div>'
        f'<aside id="moments-list"><h2>{esc(T["h_moments"](lang))}</h2><ol id="moments">{parts["moments"]}</ol></aside>'
        "</section>"
        f'<section id="weak-section"><h2>{esc(T["h_weak"](lang))}</h2><div id="weak">{parts["weak"]}</div></section>'
        f'<section id="curve-section"><h2>{esc(T["h_curve"](lang))}</h2><div id="curve">{parts["curve"]}</div></section>'
        f"{links}"  # connected cycles: to the internal cycles behind and back (serve/links.py)
        "</main>"
        f'<footer>{footer}<p id="live" class="live"></p>'
        f'<p id="debug">{"" if participant else parts["debug"]}</p></footer>'
    )
    data = {"key": entry.key, "version": entry.version, "layout": layout, "ready": entry.timing.get("ready", 0),
            "server": server, "keys-on-label": T["keys_on"](lang), "keys-off-label": T["keys_off"](lang),
            "prev-label": T["previous"](lang), "next-label": T["next"](lang),
            "no-previous-label": T["no_previous"](lang),
            "shown-label": T["shown"](lang), "lost-label": T["lost"](lang)}
    kind = "cycle" + (" present" if present and not participant else "") + (" participant" if participant else "")
    return _document(lang, title_of(entry), kind, data, body)


def _cycle_nav(entry: Entry, layout: str, present: bool, prev_key: str | None, next_key: str | None, lang: str,
               participant: bool) -> str:
    """The cycle page's navigation: all cycles, the previous and next cycle, and (not on a
    participant's phone) the layouts, the previous version, the downloads and Present."""
    current = ' aria-current="true"'
    layouts = "".join(
        f'<a class="layout" data-layout="{name}" href="{esc(cycle_url(entry.key, name, present))}"'
        f'{current if name == layout else ""}>{esc(T[name](lang))}</a>'
        for name in LAYOUTS)
    around = ""
    if prev_key is not None:
        around = (f'<a id="prev" rel="prev" href="{esc(cycle_url(prev_key, layout, present))}">← {esc(T["previous"](lang))}</a>'
                  f'<a id="next" rel="next" href="{esc(cycle_url(next_key, layout, present))}">{esc(T["next"](lang))} →</a>')
    exports = "".join(
        f'<a class="export" id="export-{fmt}" download href="{esc(export_url(entry.key, fmt, layout))}" '
        f'title="{esc(T["export_title"].format(format=fmt.upper())(lang))}">{fmt.upper()}</a>'
        for fmt in EXPORTS)
    tools = "" if participant else (
        f'<span class="layouts">{layouts}</span>'
        f'<button type="button" id="previous-version" aria-pressed="false">{esc(T["previous_version"](lang))}</button>'
        f'<span class="exports">{esc(T["export"](lang))}: {exports}</span>'
        f'<button type="button" id="present">{esc(T["present"](lang))}</button>')
    return f'<nav><a id="to-index" href="/">{esc(T["all_cycles"](lang))}</a>{around}{tools}</nav>'


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
        f'</head><body class="{body_class}"{attrs}>'
        f'<div id="lost" role="alert" hidden>{esc(T["lost_banner"](lang))}</div>{body}</body></html>\n'
    )
