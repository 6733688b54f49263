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

import functools
import math
from dataclasses import dataclass

from cyclemap.format.model import Moment
from cyclemap.format.tally import Tally

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

    def as_data(self, min_responses: float) -> dict:
        """For JSON views: count, mean, 95 % interval, spread, dissatisfied share, and
        whether the score is uncertain (fewer answers than `min_responses`)."""
        r = lambda v: None if v is None else round(v, 3)  # noqa: E731
        return {"n": self.n, "mean": r(self.mean), "low": r(self.low), "high": r(self.high), "sd": r(self.sd),
                "sd_assumed": self.sd_assumed, "dissatisfied": r(self.dissatisfied),
                "uncertain": self.uncertain(min_responses)}

    @property
    def half_width(self) -> float | None:
        return None if self.low is None or self.high is None else (self.high - self.low) / 2


def score_evidence(moment: Moment, scale: tuple[float, float]) -> ScoreEvidence | None:
    """The evidence behind a moment's score, or None when it has no score."""
    if moment.score is None:
        return None
    if not moment.answers:
        return _assumed(float(moment.score), moment.responses, tuple(scale))
    low, high = scale
    span = (high - low) or 1.0
    answers = as_tally(moment.answers)
    if answers:
        n = answers.n
        mean = answers.mean()
        sd = math.sqrt(answers.var()) if n > 1 else None
        cut = low + DISSATISFIED_SHARE * span
        dissatisfied = answers.count_if(lambda a: a < cut) / n
        return _with_interval(mean, n, sd, False, dissatisfied, scale)
    return _assumed(float(moment.score), moment.responses, tuple(scale))


@functools.lru_cache(maxsize=4096)
def _assumed(score: float, n: int | None, scale: tuple[float, float]) -> ScoreEvidence:
    """The evidence of a score without answers, once per (score, count, scale): the rules
    and the service level's probes ask for it about 60 times per file (issue 26)."""
    span = (scale[1] - scale[0]) or 1.0
    sd = ASSUMED_SD_SHARE * span if n else None
    return _with_interval(score, n, sd, True, None, scale)


def as_tally(answers) -> Tally:
    """Answers as a tally, whatever sequence they came as."""
    return answers if isinstance(answers, Tally) else Tally.of(answers or ())


# The spread an interval never goes below: answers that all agree on a few customers do
# not make a score certain. A share of the scale's span (a tenth: on 1–5, 0.4), so that a
# unanimous handful still gets an interval of honest width (and coverage at small n).
SD_FLOOR_SHARE = 0.1


def _with_interval(mean: float, n: int | None, sd: float | None, assumed: bool, dissatisfied: float | None,
                   scale: tuple[float, float]) -> ScoreEvidence:
    lo = hi = None
    if n is not None and n >= 2 and sd is not None:
        spread = max(sd, SD_FLOOR_SHARE * ((scale[1] - scale[0]) or 1.0))
        margin = t_quantile(0.975, n - 1) * spread / math.sqrt(n)
        lo, hi = max(scale[0], mean - margin), min(scale[1], mean + margin)
    return ScoreEvidence(mean, n, lo, hi, sd, assumed, dissatisfied)


def t_quantile(p: float, df: float) -> float:
    """Student's t quantile (p > 0.5), by bisection on the exact tail (`t_two_sided_p`);
    degrees of freedom rounded to a hundredth (a change below 1e-4 in the quantile)."""
    if df <= 0:
        return math.inf
    return _t_quantile(p, round(df, 2))


@functools.lru_cache(maxsize=4096)
def _t_quantile(p: float, df: float) -> float:
    """Newton's method on the exact tail from the normal quantile's first correction
    (three or four steps), bisection when it strays. Bisection alone took 60 steps: 1.7 ms
    per new `df`, a third of a second over 1,000 files (issue 26)."""
    target = 2 * (1 - p)
    if df >= 1 and 0.5 < p < 1:
        z = _normal_quantile(p)
        t = z + (z ** 3 + z) / (4 * df)
        scale = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
        for _ in range(20):
            density = scale * (1 + t * t / df) ** (-(df + 1) / 2)
            step = (t_two_sided_p(t, df) - target) / (2 * density)
            t += step
            if not 0 < t < 1e6:
                break
            if abs(step) <= 1e-13 * t:
                return t
    lo, hi = 0.0, 1.0
    while t_two_sided_p(hi, df) > target:
        hi *= 2
        if hi > 1e6:
            return hi
    for _ in range(60):
        mid = (lo + hi) / 2
        if t_two_sided_p(mid, df) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _normal_quantile(p: float) -> float:
    """The standard normal quantile (p > 0.5), to start `_t_quantile` near its answer."""
    return math.sqrt(2) * _erfinv(2 * p - 1)


def _erfinv(y: float) -> float:
    """The inverse error function, -1 < y < 1: Winitzki's closed form, then two Newton steps."""
    x = math.copysign(math.sqrt(math.sqrt((2 / (math.pi * 0.147) + math.log(1 - y * y) / 2) ** 2
                                          - math.log(1 - y * y) / 0.147)
                                - (2 / (math.pi * 0.147) + math.log(1 - y * y) / 2)), y)
    for _ in range(2):  # Newton on erf
        x -= (math.erf(x) - y) / (2 / math.sqrt(math.pi) * math.exp(-x * x))
    return x


def wilson(successes: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson's 95 % score interval for a share (keeps its coverage near 0 % and 100 %,
    and at small n, where the textbook p ± z·se does not)."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Share:
    """A share of answers with its Wilson interval."""

    count: int
    n: int
    low: float
    high: float

    @property
    def value(self) -> float:
        return self.count / self.n if self.n else 0.0

    def as_data(self) -> dict:
        return {"share": round(self.value, 4), "count": self.count, "n": self.n,
                "low": round(self.low, 4), "high": round(self.high, 4)}


def share(count: int, n: int) -> Share:
    lo, hi = wilson(count, n)
    return Share(count, n, lo, hi)


@dataclass(frozen=True)
class MomentStatistics:
    """Everything a researcher reads about one moment's answers."""

    n: int
    mean: float
    sd: float
    low: float
    high: float
    dissatisfied: Share
    top2: Share | None  # the two top points of a scale of whole points (top-2-box)
    nps: tuple[float, float, float] | None  # net promoter score and its 95 % interval, on 0–10
    needed: int | None  # answers needed to tell a change of `DETECT` points with 80 % power

    def as_data(self) -> dict:
        r = lambda v: None if v is None else round(v, 4)  # noqa: E731
        return {"n": self.n, "mean": r(self.mean), "sd": r(self.sd), "low": r(self.low), "high": r(self.high),
                "dissatisfied": self.dissatisfied.as_data(), "top2": self.top2.as_data() if self.top2 else None,
                "nps": None if self.nps is None else {"score": r(self.nps[0]), "low": r(self.nps[1]),
                                                       "high": r(self.nps[2])},
                "answers_needed": self.needed}


# The change the "answers needed" column is about: a tenth of the scale's span (half a
# point on 1–5), detected by a two-sided test at 5 % with 80 % power.
DETECT_SHARE = 0.125


def answers_needed(sd: float, change: float) -> int | None:
    """Answers per wave for a two-wave comparison to find `change` with 80 % power at a
    two-sided 5 % level: 2·(z₀.₉₇₅ + z₀.₈)²·sd² / change²."""
    if change <= 0:
        return None
    return max(2, math.ceil(2 * (1.959964 + 0.841621) ** 2 * sd * sd / (change * change)))


def moment_statistics(answers, scale: tuple[float, float]) -> MomentStatistics | None:
    tally = as_tally(answers)
    n = tally.n
    if not n:
        return None
    low, high = scale
    span = (high - low) or 1.0
    mean = tally.mean()
    sd = math.sqrt(tally.var()) if n > 1 else 0.0
    ev = _with_interval(mean, n, sd if n > 1 else None, False, None, scale)
    cut = low + DISSATISFIED_SHARE * span
    whole = all(float(v).is_integer() for v in tally.keys()) and float(low).is_integer() and \
        float(high).is_integer() and span >= 4
    top2 = share(tally.count_if(lambda v: v >= high - 1), n) if whole else None
    nps = None
    if (low, high) == (0, 10):
        promoters = tally.count_if(lambda v: v >= 9) / n
        detractors = tally.count_if(lambda v: v <= 6) / n
        score = 100 * (promoters - detractors)
        # The variance of (promoter - detractor) per answer, floored like every interval.
        var = max(promoters + detractors - (promoters - detractors) ** 2, 0.01)
        half = 100 * 1.959964 * math.sqrt(var / n)
        nps = (score, max(-100.0, score - half), min(100.0, score + half))
    planning_sd = max(sd, SD_FLOOR_SHARE * span) if n > 1 else ASSUMED_SD_SHARE * span
    needed = answers_needed(planning_sd, DETECT_SHARE * span)
    return MomentStatistics(n, mean, sd, ev.low if ev.low is not None else low, ev.high if ev.high is not None else high,
                            share(tally.count_if(lambda a: a < cut), n), top2, nps, needed)


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


# -- is a change real? Welch's t-test on two sets of answers ----------------------------

@dataclass(frozen=True)
class Welch:
    """Welch's unequal-variances t-test of mean(b) - mean(a): two-sided p-value."""

    change: float  # mean(b) - mean(a)
    t: float
    df: float
    p: float

    def significant(self, alpha: float = 0.05) -> bool:
        return self.p < alpha


def _mean_var(values) -> tuple[float, float, int]:
    tally = as_tally(values)
    return tally.mean(), tally.var(), tally.n


# A side whose answers all agree is tested only from this many answers on the smaller side.
MIN_DEGENERATE = 10


def welch(a, b) -> Welch | None:
    """Welch's t-test between two samples of answers; None when either has fewer than two
    (there is no spread to test against). It accounts for each side's count and spread,
    and does not assume equal variances (two waves or segments rarely have them)."""
    a, b = as_tally(a), as_tally(b)
    if a.n < 2 or b.n < 2:
        return None
    ma, va, na = _mean_var(a)
    mb, vb, nb = _mean_var(b)
    change = mb - ma
    se2 = va / na + vb / nb
    if se2 == 0 or min(va, vb) == 0 and min(na, nb) < MIN_DEGENERATE:
        # Every answer on a side identical, on few answers: no spread to test against.
        # Nothing is "significant" from that; the change is reported, untested.
        return None
    t = change / math.sqrt(se2)
    df = se2 ** 2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1)) if va or vb else na + nb - 2
    return Welch(change, t, df, t_two_sided_p(t, df))


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for Student's t with `df` degrees of freedom: I_x(df/2, 1/2) with
    x = df / (df + t²), the regularised incomplete beta function."""
    if math.isinf(t):
        return 0.0
    x = df / (df + t * t)
    return min(1.0, max(0.0, _betainc(df / 2, 0.5, x)))


def _betainc(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b), by its continued fraction (Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x > (a + 1) / (a + b + 2):  # the fraction converges fast only on this side
        return 1.0 - _betainc(b, a, 1.0 - x)
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for num in (m * (b - m) * x / ((a + m2 - 1) * (a + m2)), -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-12:
            break
    return front * h / a
