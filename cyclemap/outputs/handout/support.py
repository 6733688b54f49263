"""The handout follows the links (connected cycles): a moment with an internal cycle
behind it links to a section about that internal service (its moment, owner, score and
answers, as its own cycle's check has them), and that section links back to the moment.
Everything stays in the one self-contained page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cyclemap.format.diagnostics import html_text as _esc
from cyclemap.format.i18n import Number, _, _n

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle
    from cyclemap.format.model import Moment

T = {
    "heading": _("The internal service behind the moments"),
    "intro": _("Every employee is both a supplier and an internal customer: these moments rest on another "
               "team's cycle. A weak moment here often starts there."),
    "link": _("Internal service behind it: {names}"),
    "back": _("↩ back to moment {n}"),
    "rests": _("Moment {n}, “{moment}”, rests on:"),
    "not_rated": _("not rated by its internal customers yet"),
    "rated": _("its internal customers rate it {score}"),
    "rated_expected": _("its internal customers rate it {score} where they expect {expected}"),
    "weak": _("weak: the cause may be here"),
    "holds": _("holds up"),
    "owner": _("in charge: {owner}"),
}


def anchor(moment_id: str) -> str:
    return f"internal-{moment_id}"


def row_link(m: "Moment", checked: "CheckedCycle | None", lang: str) -> str:
    """The line under a moment's name in the moments table that leads to its internal service."""
    supporters = _supporters(checked, m)
    if not supporters:
        return ""
    names = ", ".join(f"“{h.moment.name}” ({h.cycle_title})" for h in supporters)
    return (f'<span class="sub internal-link"><a href="#{anchor(m.id)}">'
            f'{_esc(T["link"].format(names=names)(lang))}</a></span>')


def _supporters(checked, m):
    if checked is None or not m.supported_by:
        return []
    from cyclemap.engine.support import supporters

    return supporters(checked, m)


def section(checked: "CheckedCycle | None", moments: list["Moment"], lang: str) -> str:
    """The section every `row_link` leads to, each entry with its way back."""
    from cyclemap.engine.rules._scores import score

    if checked is None:
        return ""
    entries = []
    for i, m in enumerate(moments, start=1):
        found = _supporters(checked, m)
        if not found:
            continue
        items = []
        for h in found:
            s = h.moment
            if s.score is None:
                rated = T["not_rated"](lang)
            elif s.expectation is not None:
                rated = T["rated_expected"].format(score=score(s.score), expected=score(s.expectation))(lang)
            else:
                rated = T["rated"].format(score=score(s.score))(lang)
            if h.n is not None:
                rated += " (" + _n("{n} answer", "{n} answers", h.n).format(n=Number(h.n, 0))(lang) + ")"
            state = T["weak"](lang) if h.weak and h.evidenced else (T["holds"](lang) if h.evidenced else "")
            owner = T["owner"].format(owner=s.owner)(lang) if s.owner else ""
            details = "; ".join(p for p in (rated, state, owner) if p)
            items.append(f"<li><b>{_esc(s.name)}</b> — {_esc(h.cycle_title)}<br>{_esc(details)}</li>")
        entries.append(
            f'<div class="internal" id="{anchor(m.id)}"><p>{_esc(T["rests"].format(n=i, moment=m.name)(lang))}</p>'
            f'<ul>{"".join(items)}</ul><p><a href="#moment-{_esc(m.id)}">{_esc(T["back"].format(n=i)(lang))}</a></p></div>')
    if not entries:
        return ""
    return (f'<section id="internal-support"><h2>{_esc(T["heading"](lang))}</h2>'
            f'<p class="muted">{_esc(T["intro"](lang))}</p>{"".join(entries)}</section>')
