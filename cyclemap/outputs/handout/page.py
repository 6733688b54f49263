"""Assemble the handout: one self-contained HTML page (inline CSS, inline SVG, no
scripts, no fonts or images from anywhere) from a cycle and what was found in it.

Every value that comes from the user's file goes through `esc` (html.escape with
quotes), so a moment named `<script>alert(1)</script>` is printed as text.
"""

from __future__ import annotations

import re
from importlib import resources

from cyclemap.format.settings import Config
from cyclemap.format.diagnostics import html_text as esc  # one escaper for HTML (format.diagnostics)
from cyclemap.format.i18n import Number, Text, html_lang, number
from cyclemap.outputs.handout import labels as L
from cyclemap.outputs.handout.curve import curve_svg, has_data, mini_bar
from cyclemap.outputs.handout.glossary import GLOSSARY
from cyclemap.outputs.handout.questions import course_prompts, from_findings
from cyclemap.outputs.handout.sources import Assessment, Diagram
from cyclemap.format.model import Cycle, Moment
from cyclemap.outputs import look
from cyclemap.outputs.handout.support import row_link as support_link, section as support_section


_TICKS = re.compile(r"`([^`<>]+)`")


def esc_code(value: str) -> str:
    """Escape a message, then show its `quoted` names and keys as code (after escaping,
    so nothing the user wrote can become markup)."""
    return _TICKS.sub(r"<code>\1</code>", esc(value))


def css() -> str:
    return resources.files("cyclemap.outputs.handout").joinpath("handout.css").read_text(encoding="utf-8")




def _head(title: str, lang: str, edition: str) -> list[str]:
    """The document's head, the same for both editions, and the opening of its body."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{esc(html_lang(lang))}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No script may run and nothing may load, whatever the file says.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="generator" content="cyclemap">',
        f"<title>{esc(title)} — {esc(L.DOC_TITLE(lang))}</title>",
        f"<style>{css()}</style>",
        "</head>",
        f'<body class="{edition}">',
    ]


def build_html(cycle: Cycle, lang: str, assessment: Assessment, diagram: Diagram,
               source_name: str, config: Config | None = None, checked=None) -> str:
    config = config or Config()
    moments = assessment.moments
    numbers = {m.id: i + 1 for i, m in enumerate(moments)}
    title = cycle.title or source_name
    parts = [
        *_head(title, lang, "facilitator"),
        # The picture first, full size on a landscape page of its own (it carries the title,
        # the customer and the service level); then the portrait pages. Figures, table rows,
        # weak points and questions each refuse to split (CSS).
        _diagram_section(diagram, lang),
        _header(cycle, lang, moments, assessment),
        _curve_section(cycle, moments, lang),
        _importance_section(assessment, lang),
        _moments_section(cycle, moments, lang, config, checked),
        support_section(checked, moments, lang),  # connected cycles: the internal service behind
        _weak_section(cycle, assessment, numbers, lang),
        _discussion_section(cycle, assessment, lang),
        _glossary_section(lang),
        f'<footer>{esc(L.FOOTER.format(path=source_name)(lang))}'
        + "".join(f' <span class="evidence">{esc(t(lang))}</span>' for t in assessment.evidence)
        + '</footer>',
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _header(cycle: Cycle, lang: str, moments: list[Moment], assessment: Assessment) -> str:
    critical = sum(1 for m in moments if m.critical)
    meta = []
    if cycle.customer:
        meta.append(f"<span><b>{esc(L.CUSTOMER(lang))}:</b> {name(cycle.customer)}</span>")
    meta.append(f"<span>{esc(L.moments_count(len(moments), critical)(lang))}</span>")
    level = assessment.level
    if level is not None:
        level_html = (f'<p class="level"><b>{esc(L.SERVICE_LEVEL(lang))}: {esc(level.name(lang))}</b> — '
                      f"{esc(level.description(lang))}</p>")
    else:
        level_html = f'<p class="level"><b>{esc(L.SERVICE_LEVEL(lang))}:</b> {esc(L.NO_SCORES(lang))}</p>'
    return (
        "<header>"
        f'<p class="kicker">{esc(L.DOC_TITLE(lang))}</p>'
        f"<h1>{name(cycle.title)}</h1>"
        f'<div class="meta">{"".join(meta)}</div>'
        f"{level_html}"
        "</header>"
    )


def _figures(diagram: Diagram, lang: str, caption: str | None = None) -> str:
    """The picture's sheets, one landscape page each (handout.css), the caption (with
    what is said of the picture's size) under the last; without a caption, none. Or the
    note saying why there is no picture."""
    if diagram.svg is None:
        reason = diagram.reason(lang) if diagram.reason else ""
        return f'<p class="note" id="diagram-missing">{esc(L.DIAGRAM_MISSING.format(reason=reason)(lang))}</p>'
    if caption is not None:
        caption = " ".join(part for part in (caption, _size_note(diagram, lang)) if part)
    last = len(diagram.sheets) - 1
    return "".join(
        f'<figure class="sheet">{svg}'
        + (f"<figcaption>{esc(caption)}</figcaption>" if caption and i == last else "") + "</figure>"
        for i, svg in enumerate(diagram.sheets))


def size_note(diagram: Diagram):
    """What the reader is told about the picture's size (a Text, or None): split into
    sheets, or printed under 8 pt — never silently; the command says it on stderr too."""
    from cyclemap.outputs.handout.sources import PRINT_MIN_PT

    if diagram.split:
        return L.split_note(len(diagram.sheets), diagram.by_stage)
    if diagram.printed is not None and diagram.printed < PRINT_MIN_PT - 0.05:
        return L.PRINTS_SMALL.format(size=Number(diagram.printed, 1))
    return None


def _size_note(diagram: Diagram, lang: str) -> str:
    note = size_note(diagram)
    return note(lang) if note is not None else ""


def _diagram_section(diagram: Diagram, lang: str) -> str:
    body = _figures(diagram, lang, L.DIAGRAM_CAPTION(lang))
    return f'<section id="diagram"><h2>{esc(L.H_DIAGRAM(lang))}</h2>{body}</section>'


def _curve_section(cycle: Cycle, moments: list[Moment], lang: str) -> str:
    head = f'<section id="curve"><h2>{esc(L.H_CURVE(lang))}</h2>'
    if not has_data(moments):
        return head + f'<p class="note">{esc(L.CURVE_NO_DATA(lang))}</p></section>'
    note = ""
    if not any(m.score is not None for m in moments):
        note = f'<p class="note">{esc(L.CURVE_NO_SCORES(lang))}</p>'
    return (head + f"<figure>{curve_svg(cycle, moments, lang)}"
            f"<figcaption>{esc(L.CURVE_CAPTION(lang))}</figcaption></figure>{note}</section>")


def _importance_section(assessment: Assessment, lang: str) -> str:
    """The importance-performance chart, when the survey asked how much each moment matters."""
    if assessment.importance is None:
        return ""
    from cyclemap.engine.importance import quadrant_svg

    return (f'<section id="importance"><h2>{esc(L.H_IMPORTANCE(lang))}</h2>'
            f"<figure>{quadrant_svg(assessment.importance, lang)}"
            f"<figcaption>{esc(L.IMPORTANCE_CAPTION(lang))}</figcaption></figure></section>")


def _fmt(value: float, lang: str = "en", digits: int = 1) -> str:
    """The one number format (`i18n.number`, by the language's locale: 3.3 in English,
    3,3 in Spanish and Portuguese)."""
    return number(value, lang, digits)


def name(value: str) -> str:
    """A name from the file, isolated so right-to-left text never reorders ours."""
    return f"<bdi>{esc(value)}</bdi>"


def _label(table: dict[str, Text], value: str | None, lang: str) -> str:
    if value is None:
        return ""
    text = table.get(value)
    return text(lang) if text else value


def _moments_section(cycle: Cycle, moments: list[Moment], lang: str, config: Config, checked=None) -> str:
    from cyclemap.engine.rules._scores import margin as gap_margin

    margin = gap_margin(cycle, config)  # a share of the scale, in this cycle's points
    names = {m.id: m.name for m in cycle.moments}
    rows = []
    for i, m in enumerate(moments, start=1):
        kind_cls = "critical" if m.critical else "routine"
        sub = [esc(m.stage)] if m.stage else []
        sub.append(f'<span class="tag {kind_cls}">{esc(L.KIND[m.kind](lang))}</span>')
        if m.dimensions:
            served = ", ".join(_label(L.DIMENSION, d, lang) for d in m.dimensions)
            sub_dims = f'<span class="sub dims">{esc(L.SERVES(lang))}: {esc(served)}</span>'
        else:
            sub_dims = ""
        branches = "".join(
            f'<span class="sub">{esc(L.BRANCH_WHEN.format(when=b.when, to=names.get(b.to, b.to))(lang))}</span>'
            for b in (m.next or ()) if b.when)
        channel = esc(_label(L.CHANNEL, m.channel, lang))
        if m.carried_by:
            channel += f'<span class="sub">{esc(_label(L.CARRIER, m.carried_by, lang))}</span>'
        owner = esc(m.owner) if m.owner else (f'<span class="missing">{esc(L.MISSING_OWNER(lang))}</span>' if m.critical else "")
        standard = esc(m.standard) if m.standard else (f'<span class="missing">{esc(L.MISSING_STANDARD(lang))}</span>' if m.critical else "")
        if m.recovery:
            standard += f'<span class="sub"><b>{esc(L.RECOVERY(lang))}:</b> {esc(m.recovery)}</span>'
        rows.append(
            f'<tr class="{kind_cls}" data-moment="{esc(m.id)}">'
            f'<td class="num">{i}</td>'
            f'<td><span class="name" id="moment-{esc(m.id)}">{name(m.name)}</span><span class="sub">{" · ".join(sub)}</span>{sub_dims}{branches}'
            f'{support_link(m, checked, lang)}</td>'
            f"<td>{channel}</td>"
            f"<td>{owner}</td>"
            f"<td>{standard}</td>"
            f"<td>{_score_cell(m, cycle, lang, margin)}</td>"
            '<td class="notes"></td>'
            "</tr>"
        )
    cols = "".join(f'<col class="{c}">' for c in ("num", "moment", "channel", "owner", "standard", "score", "notes"))
    head = "".join(f"<th>{esc(t(lang))}</th>" for t in (
        L.COL_NUMBER, L.COL_MOMENT, L.COL_CHANNEL, L.COL_OWNER, L.COL_STANDARD, L.COL_SCORE, L.COL_NOTES))
    return (
        f'<section id="moments"><h2>{esc(L.H_MOMENTS(lang))}</h2><p class="muted">{esc(L.MOMENTS_INTRO(lang))}</p>'
        f'<table class="moments"><colgroup>{cols}</colgroup><thead><tr>{soft_hyphens(head, lang)}</tr></thead>'
        f'<tbody>{soft_hyphens("".join(rows), lang)}</tbody></table></section>'
    )


_TEXT = re.compile(r">([^<]+)<")
_LONG_WORD = re.compile(r"[^\W\d_]{10,}")  # words of letters only; shorter ones fit any column


def soft_hyphens(html: str, lang: str) -> str:
    """`html` with soft hyphens in its long words, at the syllables the language allows
    (pyphen): a narrow table column breaks such a word with a hyphen, never in the middle
    without one (the browser breaks at a soft hyphen only, and shows the hyphen then)."""
    from cyclemap.outputs.render.dot import hyphenator

    dic = hyphenator(lang)

    def words(match: re.Match) -> str:
        return ">" + _LONG_WORD.sub(lambda w: dic.inserted(w.group(0), hyphen="\u00ad"), match.group(1)) + "<"

    return _TEXT.sub(words, html)


def _score_cell(m: Moment, cycle: Cycle, lang: str, margin: float) -> str:
    if m.score is None and m.expectation is None:
        return ""
    short = m.score is not None and m.expectation is not None and m.expectation - m.score >= margin
    score = _fmt(m.score, lang) if m.score is not None else "—"
    expectation = _fmt(m.expectation, lang) if m.expectation is not None else "—"
    gap = ""
    if m.score is not None and m.expectation is not None:
        delta = m.score - m.expectation
        gap = f" ({'+' if delta >= 0 else '−'}{_fmt(abs(delta), lang)})"
    responses = f'<span class="sub nowrap">{esc(L.responses(m.responses)(lang))}</span>' if m.responses else ""
    cls = "score-num short" if short else "score-num"
    return (f'<span class="{cls}">{score} / {expectation}{gap}</span>'
            f"{mini_bar(m.score, m.expectation, cycle.scale, short, margin)}{responses}")


MAX_WEAK_GROUPS = 6  # a handout shows the worst few; `cyclemap critique` lists them all


def _weak_section(cycle: Cycle, assessment: Assessment, numbers: dict[str, int], lang: str) -> str:
    """The critique's client list as it is: the same points, order, numbers and words as
    the critique, the diagram's badges, the deck and the live page."""
    head = f'<section id="weak-points"><h2>{esc(L.H_WEAK(lang))}</h2>'
    points = assessment.points
    problems = "".join(
        f'<li data-code="{esc(d.code)}">{esc_code(d.message(lang))}</li>' for d in assessment.input_problems)
    problems = f'<ul class="input-problems muted">{problems}</ul>' if problems else ""
    if not points:
        return head + f"<p>{esc(L.WEAK_NONE(lang))}</p>{problems}</section>"
    shown, rest = points[:MAX_WEAK_GROUPS], points[MAX_WEAK_GROUPS:]
    items = []
    for point in shown:
        moment = cycle.moment(point.moment_id) if point.moment_id else None
        if moment is not None:
            where = f'<span class="num">{numbers.get(moment.id, "?")}</span>{name(moment.name)}'
        else:
            where = esc(L.WHOLE_CYCLE(lang))
        mark = ("⚠ " if point.badge else "") + L.P_WEAK.format(n=point.rank)(lang)
        why = point.why(lang)
        items.append(
            f'<li class="group" data-moment="{esc(point.moment_id or "")}" data-rank="{point.rank}">'
            f'<div class="head"><span class="wp">{esc(mark)}</span>{where}</div>'
            f'<p class="msg">{esc(point.what(lang))}</p>'
            + (f'<p class="why">{esc(why)}</p>' if why else "")
            + f'<p class="step"><b>{esc(L.FIX(lang))}:</b> {esc(point.todo(lang))}</p>'
            f'<div class="our-step"><span>{esc(L.OUR_STEP(lang))}:</span><div class="write-line"></div></div></li>')
    said_once = " ".join(t(lang) for t in assessment.preface)
    intro = esc(L.WEAK_INTRO(lang)) + (f" {esc(said_once)}" if said_once else "")
    more = ""
    if rest:
        count = sum(len(p.findings) for p in rest)
        more = f'<p class="muted">{esc(L.weak_more(count, len(rest))(lang))}</p>'
    return head + f'<p class="muted">{intro}</p><ol class="weak">{"".join(items)}</ol>{more}{problems}</section>'


def _questions_list(questions: list[Text], lang: str) -> str:
    items = "".join(
        f'<li>{esc(q(lang))}<div class="lines"><div></div><div></div></div></li>' for q in questions)
    return f'<ol class="questions">{items}</ol>'


def _discussion_section(cycle: Cycle, assessment: Assessment, lang: str) -> str:
    found = from_findings(cycle, ((w.code, w.moment_id) for w in assessment.weak_points))
    course = course_prompts(cycle)
    out = [f'<section id="discussion"><h2>{esc(L.H_DISCUSSION(lang))}</h2>'
           f'<div class="fill-in"><span>{esc(L.PARTICIPANT(lang))}:</span><span>{esc(L.DATE(lang))}:</span></div>'
           f'<p class="muted">{esc(L.DISCUSSION_INTRO(lang))}</p>']
    if found:
        out.append(f"<h3>{esc(L.FROM_FINDINGS(lang))}</h3>{_questions_list(found, lang)}")
    out.append(f"<h3>{esc(L.FROM_COURSE(lang))}</h3>{_questions_list(course, lang)}")
    out.append("</section>")
    return "".join(out)


def _glossary_section(lang: str) -> str:
    entries = "".join(f"<div><dt>{esc(e.term(lang))}</dt><dd>{esc(e.definition(lang))}</dd></div>" for e in GLOSSARY)
    return f'<section id="glossary"><h2>{esc(L.H_GLOSSARY(lang))}</h2><dl class="glossary">{entries}</dl></section>'


# ---------------------------------------------------------------- participant edition

PARTICIPANT_QUESTIONS = 3


def build_participant_html(cycle: Cycle, lang: str, assessment: Assessment, diagram: Diagram,
                           badges: dict[str, int], config: Config | None = None) -> str:
    """The participant's edition: the picture full size on a landscape page (a page per
    sheet when it is split), then the worksheet — each moment with 15 mm of ruled room to
    write, in two columns — and the discussion questions. No codes, no file keys.
    Up to 16 moments: the picture's page, the worksheet's page, and the questions after
    the worksheet (on its page when they fit, else on a third)."""
    found = from_findings(cycle, ((w.code, w.moment_id) for w in assessment.weak_points))
    questions = (found[:2] + course_prompts(cycle))[:PARTICIPANT_QUESTIONS]
    items = "".join(f'<li>{esc(q(lang))}<div class="lines"><div></div></div></li>' for q in questions)
    # The picture carries the title, the customer and the service level; a picture that
    # prints small or in sheets says so under the worksheet's heading.
    said = _size_note(diagram, lang) if diagram.svg is not None else ""
    parts = [
        *_head(cycle.title, lang, "participant"),
        '<section id="diagram">',
        f'<h1 class="visually-hidden">{name(cycle.title)}</h1>',
        _figures(diagram, lang),
        "</section>",
        '<section id="moments">',
        f'<div class="fill-in"><span>{esc(L.PARTICIPANT(lang))}:</span><span>{esc(L.DATE(lang))}:</span></div>',
        f'<h2>{esc(L.H_MOMENTS(lang))}</h2><p class="muted">{esc(L.P_NOTES_INTRO(lang))}'
        + (f" {esc(said)}" if said else "") + "</p>",
        _worksheet(cycle, lang, assessment, badges, config),
        "</section>",
        f'<section id="discussion"><h2>{esc(L.H_DISCUSSION(lang))}</h2>'
        f'<p class="muted">{esc(L.P_QUESTIONS_INTRO(lang))}</p><ol class="questions">{items}</ol></section>',
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _worksheet(cycle: Cycle, lang: str, assessment: Assessment, badges: dict[str, int],
               config: Config | None) -> str:
    """One card per moment, in the customer's order: its number, name, kind, weak-point
    badge and score, over ruled lines to write on (handout.css: 15 mm, dark enough to
    survive a photocopier)."""
    margin = look.gap_margin(cycle, config or Config())  # the checked cycle's settings
    cards = []
    for i, m in enumerate(assessment.moments, start=1):
        kind = "critical" if m.critical else "routine"
        weak = f'<span class="badge">⚠ {badges[m.id]}</span> ' if m.id in badges else ""
        cards.append(
            f'<li class="{kind}"><div class="head"><span class="num">{i}</span>{weak}'
            f'<span class="name">{name(m.name)} <span class="tag {kind}">{esc(L.KIND[m.kind](lang))}</span></span>'
            f'<span class="score">{esc(_participant_score(m, cycle, lang, margin))}</span></div>'
            '<div class="write"><div></div><div></div></div></li>')
    return f'<ol class="worksheet">{"".join(cards)}</ol>'


def _participant_score(m: Moment, cycle: Cycle, lang: str, margin: float) -> str:
    if m.score is None:
        return L.P_NO_SCORE(lang)
    band = look.band_for(m.score, m.expectation, cycle.scale, margin)
    if m.expectation is None:
        return f"{band.mark} {_fmt(m.score, lang)}"
    return L.P_SCORE.format(mark=band.mark, score=Number(m.score), exp=Number(m.expectation))(lang)
