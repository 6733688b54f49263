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
import sys

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from cyclemap.engine.critique import Critique, MomentView, WeakPoint
from cyclemap.engine.rules._scores import fmt
from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import Number, Text, _, _n, _p, as_sentence, join, listing, number

T = {
    "customer": _("Customer"),
    "level": _("Service level"),
    "no_level": _("no scores yet: no service level to report"),
    "mean_gap": _("mean gap to expectation"),
    "in_order": _("Moments in cycle order"),
    "col_moment": _("Moment · owner"),
    "col_kind": _("Kind"),
    "col_score": _("Score / expected"),
    "col_findings": _("Findings"),
    "critical": _p("kind of moment", "critical"),
    "routine": _p("kind of moment", "routine"),
    "no_owner": _("(no owner)"),
    "not_scored": _("not scored"),
    "curve": _("Satisfaction curve"),
    # TRANSLATORS: the labels of the two lines of the satisfaction curve (keep them short)
    "curve_score": _p("a line of the satisfaction curve", "score"),
    "curve_expect": _p("a line of the satisfaction curve", "expectation"),
    "curve_legend": _("{crit} critical moment   {miss} not scored   in cycle order"),
    "weak": _("Weak points, most serious first"),
    "none": _("No weak points found."),
    "why": _("Why"),
    "notes": _("Notes"),
    "explain": _("More on any code: cyclemap explain CODE"),
    # TRANSLATORS: a column heading: how many answers a score rests on (keep it one or two letters)
    "col_answers": _p("column heading: number of answers", "n"),
    "answers_unknown": _("answers not stated"),
    "interval": _("95 % interval {lo}–{hi}"),
    "uncertain": _("uncertain: fewer than {n} answers"),
    "expected": _("expected {e}"),
    "score_of": _("score {s}"),
    "col_point": _("Point"),
    "whole_cycle": _("The whole cycle"),
}


def see_point(n: int) -> Text:
    """The moments table's pointer to a weak point: `→ point 3`."""
    return _("→ point {n}").format(n=n)


def counts_line(n) -> Text:
    """`8 moments · 3 critical · 5 routine · 6 scored` (the critique's counts)."""
    return join([_n("{n} moment", "{n} moments", n.moments), _n("{n} critical", "{n} critical", n.critical),
                 _n("{n} routine", "{n} routine", n.routine), _n("{n} scored", "{n} scored", n.scored)], " · ")


def more_moments(n: int) -> Text:
    return _n("… and {n} other moment (the markdown report lists every moment)",
              "… and {n} other moments (the markdown report lists every moment)", n)


def more_points(n: int) -> Text:
    return _n("… and {n} more weak point, smaller: `--format markdown` lists them all",
              "… and {n} more weak points, smaller: `--format markdown` lists them all", n)


def score_and_expected(m, lang: str) -> str:
    """`score 3.1, expected 4` (or only the score when there is no expectation)."""
    said = T["score_of"].format(s=fmt(m.score, lang))(lang)
    if m.expectation is not None:
        said += ", " + T["expected"].format(e=fmt(m.expectation, lang))(lang)
    return said


def input_problems(n: int) -> Text:
    return _n("{n} problem in the input data (a ratings file or the map itself) was left out of this "
              "report; the analyst view lists it.",
              "{n} problems in the input data (a ratings file or the map itself) were left out of this "
              "report; the analyst view lists them.", n)


SEVERITY_MARK = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "●"}
SEVERITY_MARK_ASCII = {Severity.ERROR: "X", Severity.WARNING: "!", Severity.INFO: "i"}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
ASCII_PUNCTUATION = {"·": "-", "—": "-", "→": "->", "…": "...", "•": "-", "–": "-"}
SPARK = "▁▂▃▄▅▆▇█"
SPARK_ASCII = "_.-~=+*#"


class Style:
    """What the output can show: colour, Unicode, box drawing, width."""

    def __init__(self, color: bool, unicode: bool, boxes: bool, width: int):
        self.color = color
        self.unicode = unicode
        self.boxes = boxes
        self.width = width

    @classmethod
    def detect(cls, stream=None, width: int | None = None) -> "Style":
        stream = stream or sys.stdout
        tty = hasattr(stream, "isatty") and stream.isatty()
        no_color = "NO_COLOR" in os.environ
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        unicode = encoding in ("utf8", "utf8sig") and os.environ.get("CYCLEMAP_ASCII", "") in ("", "0")
        if width is None:
            try:
                width = int(os.environ.get("COLUMNS", "")) if os.environ.get("COLUMNS") else None
            except ValueError:
                width = None
        if width is None:
            try:
                width = os.get_terminal_size(stream.fileno()).columns if tty else 80
            except (OSError, ValueError, AttributeError):
                width = 80
        # Wider than 100 columns, lines of prose get hard to read.
        return cls(color=tty and not no_color, unicode=unicode, boxes=tty and not no_color and unicode,
                   width=max(60, min(width, 100)))


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


def interval_digits(scale) -> int:
    """Decimals an interval carries: one on scales up to ten points, none beyond (no
    32.87–43.13 on a 0–100 scale)."""
    return 1 if (scale[1] - scale[0]) <= 10 else 0


def evidence_phrase(ev, lang: str, least: float, scale=(1.0, 5.0)) -> str:
    """`120 answers, 95 % interval 2.1–2.5` — or that the count is unknown, or too small
    (with how many more answers would settle it)."""
    if ev is None:
        return ""
    if ev.n is None:
        return T["answers_unknown"](lang)
    parts = [_n("{n} answer", "{n} answers", ev.n).format(n=Number(ev.n, 0))(lang)]
    if ev.low is not None and ev.high is not None:
        digits = interval_digits(scale)
        parts.append(T["interval"].format(lo=Number(ev.low, digits), hi=Number(ev.high, digits))(lang))
    if ev.n < least:
        parts.append(T["uncertain"].format(n=Number(least, 2))(lang))
    return ", ".join(parts)


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
