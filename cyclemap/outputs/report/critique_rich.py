"""The consultant's report in the terminal: the critique (data from `cyclemap.engine.critique`)
printed with rich. It knows nothing of individual rules: it prints counts, moments,
findings and weak points as the critique gives them.

Plain where it must be: with no terminal (a pipe, a file) or with NO_COLOR set, there is
no colour and boxes are drawn in ASCII; bars and the curve use Unicode blocks unless the
output cannot encode them (or CYCLEMAP_ASCII=1), then ASCII characters.
"""

from __future__ import annotations

import io
import os

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from cyclemap.engine.critique import Critique, MomentView, WeakPoint
from cyclemap.engine.rules._scores import fmt
from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _n, as_sentence, join, listing, number
# The words and the style are imported from here too (the critique and rules commands, the deck).
from cyclemap.outputs.report.critique_words import (  # noqa: F401
    T, counts_line, evidence_phrase, input_problems, interval_digits, more_moments, more_points, score_and_expected,
    see_point,
)
from cyclemap.outputs.report.terminal_style import (  # noqa: F401
    ASCII_PUNCTUATION, SEVERITY_MARK, SEVERITY_MARK_ASCII, SEVERITY_STYLE, SPARK, SPARK_ASCII, Style,
)

VIEWS = ("client", "analyst")


def render(critique: Critique, lang: str | None = None, style: Style | None = None, view: str = "client") -> str:
    """The whole report as a string (with ANSI colours only when `style.color`). The
    client view speaks service language (moment names, what, why, what to do); the
    analyst view adds rule codes, ids and the file edits that fix each finding."""
    lang = lang or critique.lang
    style = style or Style(color=False, unicode=True, boxes=False, width=80)
    # Text from the file (names, owners, standards...) is escaped before the layout:
    # nothing reaches the terminal raw, with or without colour (docs/security.md).
    from cyclemap.format.diagnostics import needs_escaping, terminal_copy

    if needs_escaping(critique.cycle):  # the common case costs one scan, not a copy
        critique = terminal_copy(critique)
    buffer = io.StringIO()
    console = Console(file=buffer, width=style.width, force_terminal=style.color, no_color=not style.color,
                      color_system="standard" if style.color else None, highlight=False, emoji=False,
                      legacy_windows=False, soft_wrap=False)
    for part in _parts(critique, lang, style, view):
        console.print(part)
    text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
    if not style.unicode:
        for fancy, plain in ASCII_PUNCTUATION.items():
            text = text.replace(fancy, plain)
    return text


# A terminal report a consultant reads: the top weak points, and on a long cycle only the
# moments they concern. `--format markdown` and `--view analyst` list everything.
MAX_POINTS_SHOWN = 15
MAX_TABLE_ROWS = 40


def _parts(c: Critique, lang: str, style: Style, view: str = "client"):
    analyst = view == "analyst"
    yield _header(c, lang, style)
    yield _rule_line(T["in_order"](lang), style)
    yield _moments_table(c, lang, style, analyst)
    yield _rule_line(T["curve"](lang), style)
    yield _curve(c, lang, style)
    yield _rule_line(T["weak"](lang), style)
    if analyst:
        yield from _weak_points(c, lang, style)
    else:
        yield from _client_points(c, lang, style)
    if c.evidence is not None:  # every deliverable names its evidence
        yield RichText("\n" + " ".join(t(lang) for t in c.evidence.texts()), style="dim" if style.color else "")


def _client_points(c: Critique, lang: str, style: Style):
    """One paragraph per weak moment: what is wrong, why it matters, what to do."""
    if not c.points:
        yield RichText(T["none"](lang))
    elif c.preface:
        yield Padding(RichText(" ".join(t(lang) for t in c.preface), style="italic" if style.color else ""), (1, 0, 0, 0))
    kinds = {v.moment.id: v for v in c.moments}
    for point in c.points[:MAX_POINTS_SHOWN]:
        head = RichText()
        view = kinds.get(point.moment_id or "")
        if view is not None:
            m = view.moment
            head.append(m.name, style="bold" if style.color else "")
            detail = [T["critical"](lang).upper() if m.critical else T["routine"](lang)]
            if m.score is not None:
                detail.append(score_and_expected(m, lang))
                detail.append(evidence_phrase(point.evidence, lang, c.min_responses, c.cycle.scale))
            head.append(f"  ({' · '.join(d for d in detail if d)})", style="dim" if style.color else "")
        else:
            head.append(T["whole_cycle"](lang), style="bold" if style.color else "")
        title = Table.grid(padding=(0, 1))
        title.add_column(no_wrap=True, width=3, justify="right")
        title.add_column()
        title.add_row(f"{point.rank}.", head)
        yield Group(RichText(""), title, Padding(RichText(point.paragraph(lang)), (0, 0, 0, 4)))
    if len(c.points) > MAX_POINTS_SHOWN:
        yield RichText("\n" + more_points(len(c.points) - MAX_POINTS_SHOWN)(lang),
                       style="dim" if style.color else "")
    problems = c.input_problems
    if problems:
        yield RichText("\n" + input_problems(len(problems))(lang), style="dim" if style.color else "")



def _rule_line(title: str, style: Style) -> RichText:
    return RichText("\n" + title, style="bold" if style.color else "")


def _box(style: Style):
    return box.ROUNDED if style.boxes else box.ASCII


def _header(c: Critique, lang: str, style: Style) -> Panel:
    cycle = c.cycle
    lines = RichText()
    lines.append(cycle.title, style="bold")
    if cycle.customer:
        lines.append(f"\n{T['customer'](lang)}: {cycle.customer}")
    n = c.counts
    lines.append("\n" + counts_line(n)(lang))
    level = c.service_level
    if level is None:
        lines.append(f"\n{T['level'](lang)}: {T['no_level'](lang)}")
    else:
        colour = {"pesimo": "bold red", "malo": "red", "normal": "yellow", "excepcional": "green"}[level.key]
        lines.append(f"\n{T['level'](lang)}: ")
        lines.append(level.name(lang).upper(), style=colour if style.color else "")
        sign = "+" if level.mean_gap >= 0 else "-"
        lines.append(f" — {level.description(lang)} ({T['mean_gap'](lang)} {sign}{fmt(abs(level.mean_gap), lang)})")
        lines.append(f"\n  {level.phrase(lang)}", style="italic" if style.color else "")
        for reason in level.reasons:
            lines.append(f"\n  • {reason(lang)}")
        lines.append(f"\n  • {level.certainty(lang)}", style="dim" if style.color else "")
    return Panel(lines, box=_box(style), expand=True, padding=(0, 1))


def _bar(view: MomentView, c: Critique, style: Style, lang: str, cells: int = 8) -> RichText:
    """`3.1 ███▌░░ 4`: the score filled, the shortfall to the expectation shaded."""
    m = view.moment
    out = RichText()
    if m.score is None:
        out.append(T["not_scored"](lang), style="dim" if style.color else "")
        return out
    low, high = c.cycle.scale
    span = (high - low) or 1.0

    def at(value: float) -> float:
        return max(0.0, min(1.0, (value - low) / span)) * cells

    score = at(m.score)
    expect = at(m.expectation) if m.expectation is not None else None
    full, part = int(score), score - int(score)
    eighths = "▏▎▍▌▋▊▉"
    filled = "█" * full
    if style.unicode:
        if part >= 1 / 8 and full < cells:
            filled += eighths[min(6, int(part * 8) - 1)]
    else:
        filled = "#" * int(round(score))
    short = 0
    if expect is not None and expect > len(filled):
        short = int(round(expect)) - len(filled)
    shade = ("░" if style.unicode else "-") * max(0, short)
    rest = " " * max(0, cells - len(filled) - len(shade))
    below = view.gap is not None and view.gap < 0
    out.append(f"{fmt(m.score, lang):>4} ")
    out.append(filled, style=("red" if below else "green") if style.color else "")
    out.append(shade, style="red dim" if style.color else "")
    out.append(rest)
    if m.expectation is not None:
        out.append(f" {fmt(m.expectation, lang)}", style="dim" if style.color else "")
    return out


def _moments_table(c: Critique, lang: str, style: Style, analyst: bool = True) -> Table:
    table = Table(box=_box(style), show_lines=False, expand=True, pad_edge=False, padding=(0, 1))
    table.add_column("#", justify="right", no_wrap=True, width=2)
    table.add_column(T["col_moment"](lang), ratio=3, overflow="fold")
    # As wide as the longest kind word in this language (CRÍTICO, rotineiro...), never cut.
    kind_width = max(8, *(len(T[key](lang)) for key in ("critical", "routine")))
    table.add_column(T["col_kind"](lang), no_wrap=True, width=kind_width)
    table.add_column(T["col_score"](lang), no_wrap=True, width=19)
    table.add_column(T["col_answers"](lang), no_wrap=True, justify="right", width=7)
    table.add_column(T["col_findings"](lang) if analyst else T["col_point"](lang), no_wrap=True,
                     width=12 if analyst else 9)
    if analyst:
        group_of = {group[0].moment_id: n for n, group in enumerate(weak_point_groups(c), 1) if group[0].moment_id}
    else:
        group_of = {p.moment_id: p.rank for p in c.points[:MAX_POINTS_SHOWN] if p.moment_id}
    rows = c.moments
    if not analyst and len(rows) > MAX_TABLE_ROWS:  # a long cycle: the moments the top points concern
        rows = [v for v in rows if v.moment.id in group_of]
    for view in rows:
        m = view.moment
        name = RichText(m.name, style="bold" if (style.color and m.critical) else "")
        name.append(f"\n{m.owner}" if m.owner else f"\n{T['no_owner'](lang)}", style="dim" if style.color else "")
        kind = RichText(T["critical"](lang).upper() if m.critical else T["routine"](lang),
                        style="bold magenta" if (style.color and m.critical) else "")
        findings = RichText()
        codes = sorted({(-d.severity.rank, d.code): d for d in view.findings}.items())
        for i, ((_rank, code), d) in enumerate(codes if analyst else []):
            if i:
                findings.append("\n" if i % 2 == 0 else " ")
            findings.append(code, style=SEVERITY_STYLE[d.severity] if style.color else "")
        if m.id in group_of:
            findings.append("\n" + see_point(group_of[m.id])(lang) if analyst else
                            f"→ {group_of[m.id]}", style="bold" if style.color else "")
        ev = view.evidence
        answers = "" if ev is None else ("?" if ev.n is None else number(ev.n, lang, 0))
        if ev is not None and ev.n is not None and ev.n < c.min_responses:
            answers += " (!)"
        table.add_row(str(view.position), name, kind, _bar(view, c, style, lang), answers, findings)
    if len(rows) < len(c.moments):
        table.add_row("", RichText(more_moments(len(c.moments) - len(rows))(lang),
                                   style="dim" if style.color else ""), "", "", "", "")
    return table


def _curve(c: Critique, lang: str, style: Style) -> RichText:
    """Score and expectation along the cycle as two sparklines on one scale, critical
    moments marked underneath: the shape of the experience at a glance."""
    ramp = SPARK if style.unicode else SPARK_ASCII
    low, high = c.cycle.scale
    span = (high - low) or 1.0
    views = c.moments
    # One column per moment, two when there is room, so short cycles are easy to read.
    label_w = max(len(T["curve_score"](lang)), len(T["curve_expect"](lang))) + 2
    step = 2 if len(views) * 2 <= style.width - label_w - 2 else 1
    shown = views[: max(1, (style.width - label_w - 2) // step)]

    def level(value: float | None) -> str:
        if value is None:
            return "·" if style.unicode else "."
        i = int(round(max(0.0, min(1.0, (value - low) / span)) * (len(ramp) - 1)))
        return ramp[i]

    out = RichText()
    out.append(f"{T['curve_score'](lang):<{label_w}}")
    for view in shown:
        m = view.moment
        below = view.gap is not None and view.gap < 0
        out.append(level(m.score), style=("red" if below else "green") if style.color else "")
        out.append(" " * (step - 1))
    out.append(f"\n{T['curve_expect'](lang):<{label_w}}")
    for view in shown:
        out.append(level(view.moment.expectation), style="dim" if style.color else "")
        out.append(" " * (step - 1))
    crit = "▲" if style.unicode else "^"
    out.append("\n" + " " * label_w)
    for view in shown:
        out.append(crit if view.moment.critical else " ", style="magenta" if style.color else "")
        out.append(" " * (step - 1))
    if len(shown) < len(views):
        out.append(" …" if style.unicode else " ...")
    miss = "·" if style.unicode else "."
    out.append("\n" + T["curve_legend"].format(crit=crit, miss=miss)(lang), style="dim" if style.color else "")
    return out


def weak_point_groups(c: Critique) -> list[list[WeakPoint]]:
    """The ranked weak points (not notes) gathered by moment, in the order of each moment's
    most serious point; a finding about the whole cycle is a group of its own."""
    groups: dict[object, list[WeakPoint]] = {}
    for w in c.weak_points:
        if w.severity is Severity.INFO:
            continue
        key = w.moment_id if w.moment_id is not None else (w.code, w.path, w.line, w.message("en"))
        groups.setdefault(key, []).append(w)
    return list(groups.values())


def _weak_points(c: Critique, lang: str, style: Style):
    notes = [w for w in c.weak_points if w.severity is Severity.INFO]
    marks = SEVERITY_MARK if style.unicode else SEVERITY_MARK_ASCII
    groups = weak_point_groups(c)
    if not groups:
        yield RichText(T["none"](lang))
    explained: dict[str, int] = {}
    names = {v.moment.id: v for v in c.moments}
    for rank, group in enumerate(groups, 1):
        yield _group(rank, group, names, lang, style, marks, explained)
    if notes:
        yield _rule_line(T["notes"](lang), style)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for w in notes:
            grid.add_row(RichText(f"{marks[w.severity]} {w.code}", style=SEVERITY_STYLE[w.severity] if style.color else ""),
                         RichText(w.message(lang)))
        yield grid
    counts = {s: sum(1 for w in c.weak_points if w.severity is s) for s in Severity}
    summary = join([_n("{n} error", "{n} errors", counts[Severity.ERROR]),
                    _n("{n} warning", "{n} warnings", counts[Severity.WARNING]),
                    _n("{n} note", "{n} notes", counts[Severity.INFO])], ", ")
    yield RichText("\n" + summary(lang), style="dim" if style.color else "")
    yield RichText(T["explain"](lang), style="dim" if style.color else "")


def _group(rank: int, group: list[WeakPoint], views: dict[str, MomentView], lang: str, style: Style, marks,
           explained: dict[str, int]):
    first = group[0]
    view = views.get(first.moment_id or "")
    head = RichText()
    if view is not None:
        m = view.moment
        head.append(m.name, style="bold" if style.color else "")
        detail = [f"`{m.id}`", T["critical"](lang).upper() if m.critical else T["routine"](lang)]
        if m.score is not None:
            shown = fmt(m.score, lang) + (f"/{fmt(m.expectation, lang)}" if m.expectation is not None else "")
            detail.append(T["score_of"].format(s=shown)(lang))
        head.append(f"  ({' · '.join(detail)})", style="dim" if style.color else "")
    else:
        head.append(first.summary(lang) if first.summary else first.code, style="bold" if style.color else "")
        if first.path and first.line:
            head.append(f"  ({os.path.basename(first.path)}:{first.line})", style="dim" if style.color else "")
    title = Table.grid(padding=(0, 1))
    title.add_column(no_wrap=True, width=3, justify="right")
    title.add_column()
    title.add_row(f"{rank}.", head)
    findings = Table.grid(padding=(0, 1))
    findings.add_column(no_wrap=True)
    findings.add_column()
    for w in group:
        findings.add_row(RichText(f"{marks[w.severity]} {w.code}", style=SEVERITY_STYLE[w.severity] if style.color else ""),
                         RichText(w.message(lang)))
    body: list = [findings]
    why = RichText()
    for w in group:
        if w.code in explained or not w.why(lang):
            continue
        explained[w.code] = rank
        if why:
            why.append("\n")
        why.append(f"{T['why'](lang)} ({w.code}): ", style="bold" if style.color else "")
        why.append(brief(w.why(lang)))
    again = sorted({w.code for w in group if explained.get(w.code, rank) != rank})
    if again:
        numbers = sorted({explained[code] for code in again})
        see = _n("see point {points} above", "see points {points} above", len(numbers)).format(
            points=listing([str(n) for n in numbers]))(lang)
        if why:
            why.append("\n")
        why.append(f"{T['why'](lang)} ({', '.join(again)}): ", style="bold" if style.color else "")
        why.append(see, style="dim" if style.color else "")
    if why:
        body.append(why)
    steps = [s for s in dict.fromkeys((w.hint(lang) if w.hint is not None else w.fix(lang)) for w in group) if s]
    if steps:
        label = _n("Next step", "Next steps", len(steps))(lang)
        body.append(RichText(f"{label}:", style="bold" if style.color else ""))
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(no_wrap=True)
        bullets.add_column()
        for step in steps:
            bullets.add_row("•" if style.unicode else "-",
                            as_sentence(step))
        body.append(bullets)
    return Group(RichText(""), title, Padding(Group(*body), (0, 0, 0, 4)))


def brief(paragraph: str, sentences: int = 2) -> str:
    """The first sentences of a why: the domain reason, short enough to read in a list
    (`cyclemap explain CODE` has the whole text)."""
    import re

    parts: list[list[str]] = []  # each sentence's pieces, joined once at the end (linear)
    for piece in re.split(r"(?<=[.!?])\s+", paragraph.strip()):
        head = piece.lstrip("¿¡\"“«'")[:1]
        # A sentence starts with a capital in any alphabet ("Ótimo", "Ça"); "e.g. the" does not.
        if parts and not (head.isupper() or (piece[:1] in "¿¡\"“«'" and head)):
            parts[-1].append(piece)
        elif len(parts) == sentences:
            break
        else:
            parts.append([piece])
    return " ".join(" ".join(part) for part in parts)
