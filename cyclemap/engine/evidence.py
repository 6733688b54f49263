"""How sure a score is: its mean, how many answers it rests on, an interval, the spread
and the share of dissatisfied answers. The one place these formulas live; every view
that shows a score (critique, handout, diagrams, exports, compare) reads them from here.

A score comes either from survey answers (`--ratings`: `Moment.answers` holds them) or
from the file (`score` with an optional `responses`). With answers, the spread is
measured; with only a mean and a count, the spread is assumed (`ASSUMED_SD_SHARE` of the
scale, a conservative value for rating scales) and said to be assumed. Without a count
there is no interval: the score is shown, and it is uncertain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cyclemap.format.model import Moment

# With only a mean and a count, the answers' standard deviation is taken as this share of
# the scale's span (a quarter: answers spread over about half the scale).
ASSUMED_SD_SHARE = 0.25
# An answer in the bottom 40 % of the scale is a dissatisfied customer (pésimo, malo).
DISSATISFIED_SHARE = 0.4
# Two-sided 95 % Student t quantiles for small samples; 1.96 past the table.
_T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
        10: 2.228, 12: 2.179, 15: 2.131, 20: 2.086, 25: 2.060, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}


def t95(df: int) -> float:
    """The two-sided 95 % t quantile for `df` degrees of freedom (table, rounded down)."""
    if df <= 0:
        return math.inf
    if df >= 1000:
        return 1.96
    return _T95[max(k for k in _T95 if k <= df)]


@dataclass(frozen=True)
class ScoreEvidence:
    mean: float
    n: int | None  # answers it rests on; None: the file does not say
    low: float | None  # 95 % interval of the mean, clipped to the scale; None without n >= 2
    high: float | None
    sd: float | None  # spread of the answers; None when unknown
    sd_assumed: bool  # True when `sd` is the assumed share of the scale, not measured
    dissatisfied: float | None  # share of answers in the bottom of the scale; None without answers

    def uncertain(self, min_responses: float) -> bool:
        """Too few answers to rank this score among well-measured ones."""
        return self.n is None or self.n < min_responses

    @property
    def half_width(self) -> float | None:
        return None if self.low is None or self.high is None else (self.high - self.low) / 2


def score_evidence(moment: Moment, scale: tuple[float, float]) -> ScoreEvidence | None:
    """The evidence behind a moment's score, or None when it has no score."""
    if moment.score is None:
        return None
    low, high = scale
    span = (high - low) or 1.0
    answers = moment.answers
    if answers:
        n = len(answers)
        mean = sum(answers) / n
        sd = math.sqrt(sum((a - mean) ** 2 for a in answers) / (n - 1)) if n > 1 else None
        cut = low + DISSATISFIED_SHARE * span
        dissatisfied = sum(1 for a in answers if a < cut) / n
        return _with_interval(mean, n, sd, False, dissatisfied, scale)
    n = moment.responses
    sd = ASSUMED_SD_SHARE * span if n else None
    return _with_interval(float(moment.score), n, sd, True, None, scale)


def _with_interval(mean: float, n: int | None, sd: float | None, assumed: bool, dissatisfied: float | None,
                   scale: tuple[float, float]) -> ScoreEvidence:
    lo = hi = None
    if n is not None and n >= 2 and sd is not None:
        margin = t95(n - 1) * sd / math.sqrt(n)
        lo, hi = max(scale[0], mean - margin), min(scale[1], mean + margin)
    return ScoreEvidence(mean, n, lo, hi, sd, assumed, dissatisfied)


# Where a moment has no `expectation`, this share of the scale stands in for it (the
# upper middle: customers expect a service that works well, not a perfect one).
STAND_IN_EXPECTATION_SHARE = 0.7


def expected_level(moment: Moment, scale: tuple[float, float]) -> float:
    """The moment's expectation, or the stand-in when the file gives none."""
    if moment.expectation is not None:
        return moment.expectation
    low, high = scale
    return low + STAND_IN_EXPECTATION_SHARE * (high - low)


def gap(moment: Moment) -> float | None:
    """score - expectation (negative: below what the customer expects), when both are known.
    The one sign of "gap" everywhere: below expectation is negative."""
    if moment.score is None or moment.expectation is None:
        return None
    return moment.score - moment.expectation
