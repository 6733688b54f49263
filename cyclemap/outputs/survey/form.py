"""The printable report card: one self-contained HTML page, one question per moment in the
customer's words, boxes for the cycle's scale, optional importance and "what did you
expect?" lines, a segment line and a comment box. No ids, codes or YAML on the page."""

from __future__ import annotations

from cyclemap.format.diagnostics import html_text as escape

from cyclemap.format.diagnostics import terminal_text
from cyclemap.format.i18n import number
from cyclemap.format.i18n import html_lang
from cyclemap.outputs.survey import WORDS, Survey, word

CSS = """
body{font-family:system-ui,'Segoe UI',Arial,sans-serif;max-width:46em;margin:2em auto;color:#111;line-height:1.4}
h1{font-size:1.5em;margin:0 0 .3em} h2{font-size:1.1em;margin:1.4em 0 .3em;border-bottom:1px solid #999}
.q{break-inside:avoid;margin:.9em 0;padding:.4em 0;border-bottom:1px dotted #bbb}
.q p{margin:.1em 0 .4em;font-weight:600}
.scale{display:flex;gap:.6em;align-items:center;flex-wrap:wrap}
.scale label{display:inline-flex;flex-direction:column;align-items:center;font-size:.9em}
.scale input{width:1.2em;height:1.2em;margin:0}
.end{font-size:.8em;color:#333}
.line{border-bottom:1px solid #333;height:1.6em;margin:.3em 0}
.small{font-size:.9em;color:#333}
@media print{body{margin:0;max-width:none} input{-webkit-appearance:none;appearance:none;border:1px solid #000;border-radius:50%}}
"""


def _points(low: float, high: float) -> list[str]:
    """The boxes of the scale: each whole number when there are at most 11 of them."""
    if float(low).is_integer() and float(high).is_integer() and 0 < high - low <= 10:
        return [str(int(v)) for v in range(int(low), int(high) + 1)]
    return []


def _scale(name: str, survey: Survey, ends: tuple[str, str] = ("worst", "best")) -> str:
    """The boxes of the scale between its two ends' words (how it went, or how much it matters)."""
    lang = survey.lang
    low, high = survey.scale
    worst, best = (WORDS[e](lang) for e in ends)
    points = _points(low, high)
    if not points:
        return (f'<div class="scale"><span class="end">{number(low, lang, 2)} = {escape(worst)}</span>'
                f'<input type="number" name="{escape(name)}" min="{low:g}" max="{high:g}" step="any">'
                f'<span class="end">{number(high, lang, 2)} = {escape(best)}</span></div>')
    boxes = "".join(f'<label><input type="radio" name="{escape(name)}" value="{p}">{p}</label>' for p in points)
    return (f'<div class="scale"><span class="end">{escape(worst)}</span>{boxes}'
            f'<span class="end">{escape(best)}</span></div>')


def html_form(survey: Survey) -> str:
    lang = survey.lang
    parts = [f'<!DOCTYPE html><html lang="{escape(html_lang(lang))}"><head><meta charset="utf-8">',
             f"<title>{escape(terminal_text(survey.title))}</title><style>{CSS}</style></head><body>",
             f"<h1>{escape(terminal_text(survey.title))}</h1>",
             f'<p class="small">{escape(survey.intro or word(survey, "intro")(lang))}</p>',
             f'<p>{escape(word(survey, "segment")(lang))}</p><div class="line"></div>',
             f'<p>{escape(WORDS["date"](lang))}:</p><div class="line" style="width:12em"></div>']
    stage = None
    for position, q in enumerate(survey.questions, start=1):
        if q.stage and q.stage != stage:
            stage = q.stage
            parts.append(f"<h2>{escape(terminal_text(stage))}</h2>")
        block = [f'<div class="q"><p>{position}. {escape(terminal_text(q.name))}</p>',
                 f'<div class="small">{escape(survey.question or WORDS["how"](lang))}</div>',
                 _scale(f"q{position}", survey)]
        if survey.importance:
            block += [f'<div class="small">{escape(WORDS["importance"](lang))}</div>', _scale(f"i{position}", survey, ("least", "most"))]
        if survey.expectation:
            block += [f'<div class="small">{escape(WORDS["expected"](lang))}</div><div class="line"></div>']
        parts.append("".join(block) + "</div>")
    parts += [f'<h2>{escape(WORDS["comment"](lang))}</h2>', '<div class="line"></div>' * 3,
              f'<p class="small">{escape(word(survey, "thanks")(lang))}</p></body></html>\n']
    return "\n".join(parts)
