"""The executive summary (`cyclemap handout FILE --edition summary`): one page a consultant
sends as it is — the service level and why, what the weak points share, the three points
to act on first, the customers at risk when there is an estimate, and the evidence. Every
text is the critique's own (`engine.critique`): nothing is regrouped, re-ranked or reworded
here. HTML, and PDF through the handout's Chromium path (`--pdf`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cyclemap.format.i18n import _
from cyclemap.outputs.handout import labels as L
from cyclemap.outputs.handout.page import _head, esc, name

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

TOP = 3
S = {
    "kind": _("Executive summary"),
    "level": _("Service level"),
    "why": _("Why this level"),
    "first": _("Three points to act on first"),
    "at_risk": _("Customers at risk"),
    "evidence": _("What this rests on"),
    "none": _("No weak points found: a good moment to raise the bar."),
    "no_level": _("no scores yet"),
}

STYLE = """
body.summary { max-width: 180mm; margin: 0 auto; font-size: 9.5pt; line-height: 1.35; }
body.summary h1 { font-size: 18pt; margin: 0 0 1mm; }
body.summary .kind { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: #555; margin: 0; }
body.summary .meta { color: #444; margin: 0 0 3mm; }
body.summary .level { font-size: 13pt; margin: 2mm 0 1mm; }
body.summary .phrase { font-style: italic; margin: 0 0 2mm; }
body.summary h2 { font-size: 12pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #bbb; }
body.summary ol.first { list-style: none; padding-left: 0; }
body.summary ol.first > li { margin: 0 0 2.5mm; break-inside: avoid; }
body.summary ol.first .todo { margin: .5mm 0 0; }
body.summary .evidence, body.summary .preface { color: #333; }
"""


def build_summary_html(checked: "CheckedCycle") -> str:
    critique = checked.critique
    cycle = checked.cycle
    lang = checked.lang
    level = critique.service_level
    parts = [*_head(cycle.title, lang, "summary"),
             f"<style>{STYLE}</style>",
             f'<header><p class="kind">{esc(S["kind"](lang))}</p><h1>{name(cycle.title)}</h1>']
    meta = []
    if cycle.customer:
        meta.append(f"{esc(L.CUSTOMER(lang))}: {name(cycle.customer)}")
    meta.append(esc(L.moments_count(critique.counts.moments, critique.counts.critical)(lang)))
    parts.append(f'<p class="meta">{" · ".join(meta)}</p></header>')
    parts.append(f'<section id="level"><h2>{esc(S["why"](lang))}</h2>')
    if level is None:
        parts.append(f'<p class="level">{esc(S["level"](lang))}: {esc(S["no_level"](lang))}</p>')
    else:
        parts.append(f'<p class="level"><b>{esc(S["level"](lang))}: {esc(level.name(lang))}</b> — '
                     f'{esc(level.description(lang))}</p><p class="phrase">{esc(level.phrase(lang))}</p>')
        reasons = [r(lang) for r in level.reasons] + [level.certainty(lang)]
        parts.append("<ul>" + "".join(f"<li>{esc(r)}</li>" for r in reasons) + "</ul>")
    parts.append("</section>")
    parts.append(f'<section id="first"><h2>{esc(S["first"](lang))}</h2>')
    points = critique.top(TOP)
    if not points:
        parts.append(f"<p>{esc(S['none'](lang))}</p>")
    else:
        if critique.preface:
            parts.append(f'<p class="preface">{esc(" ".join(t(lang) for t in critique.preface))}</p>')
        items = []
        for p in points:
            who = name(p.moment_name) if p.moment_name else esc(L.WHOLE_CYCLE(lang))
            mark = f"⚠ {p.rank}" if p.badge else f"{p.rank}."
            items.append(f'<li data-rank="{p.rank}"><b>{esc(mark)} {who}</b>. {esc(p.what(lang))}'
                         + f'<p class="todo"><b>{esc(L.FIX(lang))}:</b> {esc(p.todo(lang))}</p></li>')
        parts.append(f'<ol class="first">{"".join(items)}</ol>')
    parts.append("</section>")
    risk = critique.at_risk
    if risk is not None and risk.volume is not None:
        parts.append(f'<section id="at-risk"><h2>{esc(S["at_risk"](lang))}</h2>'
                     + "".join(f"<p>{esc(line)}</p>" for line in risk.lines(lang)) + "</section>")
    if critique.evidence is not None:
        parts.append(f'<section id="evidence"><h2>{esc(S["evidence"](lang))}</h2>'
                     + "".join(f'<p class="evidence">{esc(t(lang))}</p>' for t in critique.evidence.texts())
                     + "</section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"
