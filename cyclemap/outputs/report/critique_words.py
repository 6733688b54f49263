"""The critique's words in every report: headings and labels (`T`), and the phrases built
from the critique's numbers (counts, a score beside its expectation, how many answers a
score rests on). The terminal report, the Markdown/JSON data and the deck say them alike.
"""

from __future__ import annotations

from cyclemap.engine.rules._scores import fmt
from cyclemap.format.i18n import Number, Text, _, _n, _p, join

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
