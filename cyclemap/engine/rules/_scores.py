"""Score arithmetic the weak-point rules share (CM104, CM105, CM107), so that "miserable"
and "below expectation" mean the same thing in every rule and in the critique."""

from __future__ import annotations

from cyclemap.format.settings import Config
from cyclemap.format.i18n import Number, number
from cyclemap.format.model import Cycle, Moment

# Scores are decimals typed by people (4.5 - 4.0 must count as a gap of 0.5).
EPSILON = 1e-9
# The rules whose findings are about a score falling short (a moment of misery, below
# expectation, a routine moment rated as harshly as a decisive one): one list for the
# critique's ranking, its sentences, the links between cycles and the overview.
SCORE_RULES = ("CM104", "CM105", "CM119")


def misery_line(cycle: Cycle, config: Config) -> float:
    """The lowest acceptable score on the cycle's scale: `acceptable_score` is a share of
    the scale (0.6 of 1..5 is 3.4); a value above 1 is read as a score on the scale."""
    low, high = cycle.scale
    share = config.threshold("acceptable_score")
    if share > 1:
        return share
    return low + share * (high - low)


def is_miserable(moment: Moment, cycle: Cycle, config: Config) -> bool:
    return moment.score is not None and moment.score < misery_line(cycle, config) - EPSILON


def margin(cycle: Cycle, config: Config) -> float:
    """The gap margin in the cycle's own points: `gap_margin` is a share of the scale's
    span (0.125: half a point on 1 to 5, 12.5 points on 0 to 100), so one threshold means
    the same on every survey."""
    low, high = cycle.scale
    return config.threshold("gap_margin") * ((high - low) or 1.0)


def shortfall(moment: Moment) -> float | None:
    """How far the score falls short of the expectation (positive = below), if both known:
    the gap (`evidence.gap`, score - expectation, negative below) with its sign turned."""
    from cyclemap.engine.evidence import gap

    g = gap(moment)
    return None if g is None else -g


def has_gap(moment: Moment, cycle: Cycle, config: Config) -> bool:
    g = shortfall(moment)
    return g is not None and g >= margin(cycle, config) - EPSILON


def is_weak(moment: Moment, cycle: Cycle, config: Config) -> bool:
    """Weak: scored below the acceptable level, or below its expectation by the margin."""
    return is_miserable(moment, cycle, config) or has_gap(moment, cycle, config)


# Scores are shown with at most two decimals (4 not 4.0, 3.25 not 3.2500001).
SCORE_DIGITS = 2


def score(value: float) -> Number:
    """A score to put in a text: said in each language's notation (3.25, 3,25)."""
    return Number(value, SCORE_DIGITS)


def fmt(value: float, lang: str) -> str:
    """THE score as people write it in `lang`, for tables and charts: 4 not 4.0, 3.25 not
    3.2500001, with the language's decimal mark (`i18n.number`). In a text: `score(value)`."""
    return number(value, lang, SCORE_DIGITS)
