"""The live page follows the links (connected cycles): on a cycle's page, each moment that
rests on an internal cycle links to that cycle's page when it is served too, and each
served moment that rests on this cycle links back. Reads the entries' checked cycles and
the run's `LinkSet`; judges nothing."""

from __future__ import annotations

import os

from cyclemap.format.diagnostics import html_text, one_line
from cyclemap.format.i18n import _

T = {
    "behind": _("Internal service behind its moments"),
    "supports": _("Moments of other cycles that rest on this one"),
    "rests": _("“{moment}” rests on “{target}” ({cycle})"),
    "rests_cycle": _("“{moment}” rests on {cycle}"),
    "not_served": _("not served here"),
}


def _esc(value: object) -> str:
    return html_text(one_line(value))


def links_html(entry, entries: list, lang: str) -> str:
    """Both directions, as a section; empty when this cycle has no links either way."""
    from cyclemap.engine.links import real
    from cyclemap.outputs.serve.views import cycle_url

    checked = entry.checked
    if checked is None or checked.links is None:
        return ""
    served = {os.path.realpath(e.path): e for e in entries}
    here = os.path.realpath(entry.path)
    behind: list[str] = []
    for m in checked.cycle.moments:
        for r in checked.links.supports(checked.cycle, m) if m.supported_by else ():
            if not r.ok or r.cycle is None:
                continue
            text = (T["rests"].format(moment=m.name, target=r.moment.name, cycle=r.cycle.title) if r.moment else
                    T["rests_cycle"].format(moment=m.name, cycle=r.cycle.title))(lang)
            target = served.get(r.path)
            behind.append(f'<li><a class="internal" href="{_esc(cycle_url(target.key))}">{_esc(text)}</a></li>'
                          if target is not None else f'<li>{_esc(text)} ({_esc(T["not_served"](lang))})</li>')
    supports: list[str] = []
    for other in entries:
        o = other.checked
        if o is None or o.links is None or other is entry:
            continue
        for m in o.cycle.moments:
            for r in o.links.supports(o.cycle, m) if m.supported_by else ():
                if r.ok and real(r.path) == here:
                    text = (T["rests"].format(moment=m.name, target=r.moment.name, cycle=checked.cycle.title)
                            if r.moment else T["rests_cycle"].format(moment=m.name, cycle=checked.cycle.title))(lang)
                    supports.append(f'<li><a class="supported" href="{_esc(cycle_url(other.key))}">'
                                    f'{_esc(o.cycle.title)}: {_esc(text)}</a></li>')
    if not behind and not supports:
        return ""
    parts = ['<section id="links-section">']
    if behind:
        parts.append(f'<h2>{_esc(T["behind"](lang))}</h2><ul id="behind">{"".join(behind)}</ul>')
    if supports:
        parts.append(f'<h2>{_esc(T["supports"](lang))}</h2><ul id="supports">{"".join(supports)}</ul>')
    return "".join(parts) + "</section>"
