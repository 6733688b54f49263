"""The service level of a cycle, in the four types of service of the seeds (000): pésimo,
malo, normal, excepcional. The one place the level is decided; every view reads it from
the checked cycle.

The seeds define the levels by results and by the system behind them, so the level
reads both:

- pésimo: the service is a disaster — most scored critical moments sit in the bottom
  two-fifths of the scale;
- malo: it does not meet expectations — the mean gap (critical moments weigh double) is
  below expectation by the gap margin or more, or a critical moment is a moment of
  misery or falls short of its expectation by the margin (one bad decisive moment is
  not averaged away by good ones);
- excepcional: it meets and exceeds expectations *as a system* — the mean gap is above
  expectation by at least half the margin, every scored critical moment meets its
  expectation on enough answers, every critical moment has an owner, a standard and a
  recovery plan, and some moment collects the customer's voice;
- normal: everything in between. A cycle whose results would be exceptional but whose
  system is missing stays normal, and says what is missing.

The level states how sure it is: scores resting on fewer than `min_responses` answers
(or not saying how many) make it uncertain, and a critical moment's score on fewer
answers than that never decides pésimo or malo by itself. Gaps and lines are shares of the scale, so
a 0–100 survey is judged as a 1–5 one. Pure: no I/O, no graph.
"""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.i18n import Number, Text, _, _n, _p
from cyclemap.format.model import Cycle
from cyclemap.format.settings import Config

LEVELS = {
    "pesimo": _p("level of service", "dismal"),
    "malo": _p("level of service", "poor"),
    "normal": _p("level of service", "normal"),
    "excepcional": _p("level of service", "exceptional"),
}
DESCRIPTIONS = {
    "pesimo": _("the service barely exists or is a disaster; customers do not come back"),
    "malo": _("the service falls short of what customers expect"),
    "normal": _("the service just about meets expectations; a better one elsewhere can take the customer"),
    "excepcional": _("the service meets and exceeds expectations, as a system; customers recommend it"),
}
# For customers who cannot go elsewhere (seed 000: they come back only because they must).
DESCRIPTIONS_CAPTIVE = {
    "pesimo": _("the service barely exists or is a disaster; customers come back only because they must, and "
                "speak badly of it"),
    "normal": _("the service just about meets expectations; customers put up with it without trusting it"),
}
# The human face of each level (seed 000): what the customer hears, in our words.
PHRASES = {
    "pesimo": _("“It can't be done. There isn't any.”"),
    "malo": _("“It could be done, but better come back tomorrow.”"),
    "normal": _("“Yes, it can be done: come and pick it up at five.”"),
    "excepcional": _("“Of course: we will bring it to you at five, and thank you for choosing us.”"),
}
CRITICAL_WEIGHT = 2.0  # a critical moment weighs double in the mean gap
NEAR_SHARE = 0.025  # within this share of the scale of a line, the level says it sits on it
MAX_PROBES = 4  # critical moments near a line whose move is tried
NAMES_SHOWN = 4  # a reason names this many moments, then counts the rest


@dataclass(frozen=True)
class ServiceLevel:
    key: str  # pesimo | malo | normal | excepcional
    mean_gap: float  # weighted mean of score - expectation over scored moments, in scale points
    scored: int  # how many moments have a score
    uncertain: int = 0  # scored moments resting on fewer than min_responses answers, or on an unknown count
    min_responses: int = 0
    reasons: tuple[Text, ...] = ()  # why this level, and what keeps it from the next one up
    can_leave: bool = True  # the customers can go elsewhere (the cycle's `customers_can_leave`)

    @property
    def id(self) -> str:
        return self.key

    @property
    def name(self) -> Text:
        return LEVELS[self.key]

    @property
    def description(self) -> Text:
        if not self.can_leave and self.key in DESCRIPTIONS_CAPTIVE:
            return DESCRIPTIONS_CAPTIVE[self.key]
        return DESCRIPTIONS[self.key]

    @property
    def phrase(self) -> Text:
        """What a customer hears at this level (seed 000's four phrases, in our words)."""
        return PHRASES[self.key]

    @property
    def certainty(self) -> Text:
        """One phrase on how sure the level is."""
        if not self.uncertain:
            return _n("every score rests on at least {n} answer", "every score rests on at least {n} answers",
                      self.min_responses)
        return _n("uncertain: {uncertain} of {scored} scores rest on fewer than {n} answer or do not say how many",
                  "uncertain: {uncertain} of {scored} scores rest on fewer than {n} answers or do not say how many",
                  self.min_responses).format(uncertain=self.uncertain, scored=self.scored)


def service_level(cycle: Cycle, settings: Config | None = None, probe: bool = False) -> ServiceLevel | None:
    """None when no moment has a score (there is no report card to judge by). A level that
    sits near one of its lines says so and what would move it (`probe`: without that
    look, for the look itself)."""
    from cyclemap.engine.evidence import expected_level, score_evidence
    from cyclemap.engine.rules._scores import EPSILON, margin, misery_line

    config = settings or Config()
    low, high = cycle.scale
    span = (high - low) or 1.0
    gap_margin = margin(cycle, config)
    line = misery_line(cycle, config)
    least = int(config.threshold("min_responses"))
    scored = [m for m in cycle.moments if m.score is not None]
    if not scored:
        return None

    def expected(m):
        return expected_level(m, cycle.scale)  # the file's expectation, or the one stand-in

    evidence = {m.id: score_evidence(m, cycle.scale) for m in scored}
    thin = {m.id for m in scored if evidence[m.id].n is not None and evidence[m.id].n < least}
    mean_gap = _mean_gap(scored, thin, expected)
    critical = [m for m in scored if m.critical]
    uncertain = sum(1 for m in scored if evidence[m.id].uncertain(least))
    # A score on fewer answers than `min_responses` makes the level uncertain; it does not
    # decide it on its own (one angry answer is not a moment of misery).
    measured = [m for m in critical if m.id not in thin]
    dismal = [m for m in measured if (m.score - low) / span < 0.4]
    miserable = [m for m in measured if m.score < line - EPSILON]
    short = _short_of_expectation(measured, miserable, expected, gap_margin)
    reasons: list[Text] = []
    if measured and len(dismal) * 2 > len(measured):
        key = "pesimo"
        reasons.append(_("most rated critical moments sit at the bottom of the scale: {names}").format(
            names=_names(dismal)))
    elif miserable or short or mean_gap < -gap_margin + EPSILON:
        key = "malo"
        if miserable:
            reasons.append(_n("a critical moment is a moment of misery, below the acceptable {line}: {names}",
                              "critical moments are moments of misery, below the acceptable {line}: {names}",
                              len(miserable)).format(line=Number(line, 2), names=_names(miserable)))
        if short:
            reasons.append(_("critical moments fall short of what customers expect: {names}").format(
                names=_names(short)))
        if mean_gap < -gap_margin + EPSILON:
            reasons.append(_("on average the service is {gap} points below what customers expect").format(
                gap=Number(-mean_gap, 2)))
    else:
        missing = _missing_for_excellence(cycle, critical, evidence, least, mean_gap, gap_margin, expected)
        key = "normal" if missing else "excepcional"
        reasons.extend(missing)
    if not probe:
        reasons.extend(_near_lines(cycle, config, key, measured, line, gap_margin, expected, span))
    from cyclemap.engine.audience import can_leave

    return ServiceLevel(key, mean_gap, len(scored), uncertain, least, tuple(reasons), can_leave(cycle))


def _mean_gap(scored: list, thin: set[str], expected) -> float:
    """The mean of score - expectation, critical moments weighing CRITICAL_WEIGHT. A score
    on fewer answers than `min_responses` (`thin`) does not move it by itself: the gap is
    over the well-measured scores whenever there are some."""
    in_gap = [m for m in scored if m.id not in thin] or scored
    weights = [CRITICAL_WEIGHT if m.critical else 1.0 for m in in_gap]
    return sum(w * (m.score - expected(m)) for w, m in zip(weights, in_gap)) / sum(weights)


def _short_of_expectation(measured: list, miserable: list, expected, gap_margin: float) -> list:
    """The decisive moments clearly below what customers expect (by more than the margin),
    not already moments of misery: the service does not meet expectations where it counts."""
    from cyclemap.engine.rules._scores import EPSILON

    miserable_ids = {m.id for m in miserable}  # a set: dataclass equality would make this quadratic
    return [m for m in measured if m.id not in miserable_ids and m.score < expected(m) - gap_margin + EPSILON]


def _names(ms) -> str:
    """The moments' names in a reason, the first NAMES_SHOWN of them and how many more."""
    shown = ", ".join(f"“{m.name}”" for m in ms[:NAMES_SHOWN])
    return shown + (f" (+{len(ms) - NAMES_SHOWN})" if len(ms) > NAMES_SHOWN else "")


def _near_lines(cycle, config, key, measured, line, gap_margin, expected, span) -> list[Text]:
    """The critical moments whose score sits within `NEAR_SHARE` of the scale of a line the
    level turns on (the acceptable level, or the expectation less the margin), where moving
    the score just across that line changes the level: each said with the level it would
    give, so a reader knows the verdict is on the edge."""
    from dataclasses import replace

    from cyclemap.engine.rules._scores import EPSILON, SCORE_DIGITS

    out: list[Text] = []
    near = NEAR_SHARE * span
    probes = 0  # each probe judges the whole cycle again: a few, so a big cycle stays linear
    for m in measured:
        for edge in (line, expected(m) - gap_margin):
            if abs(m.score - edge) > near + EPSILON or probes >= MAX_PROBES:
                continue
            probes += 1
            step = 10 ** -SCORE_DIGITS
            found = None
            for moved in (round(edge - step, SCORE_DIGITS), round(edge + step, SCORE_DIGITS), edge):
                probe_cycle = replace(cycle, moments=[replace(x, score=moved, answers=()) if x is m else x
                                                      for x in cycle.moments])
                other = service_level(probe_cycle, config, probe=True)
                if other is not None and other.key != key:
                    found = (moved, other)
                    break
            if found is not None:
                moved, other = found
                out.append(_("near a line: “{name}” scores {score} against a line at {edge}; a score of {moved} "
                             "would make the service {other}").format(
                    name=m.name, score=Number(m.score, 2), edge=Number(edge, 2), moved=Number(moved, 2),
                    other=LEVELS[other.key]))
                break
        if len(out) >= 2:
            break
    return out


def _missing_for_excellence(cycle, critical, evidence, least, mean_gap, gap_margin, expected) -> list[Text]:
    """What keeps a cycle that is not poor from being exceptional: results that do not
    clearly exceed expectations, or the system (owners, standards, recovery, the
    customer's voice, enough answers) that the seeds say exceptional service rests on."""
    from cyclemap.engine.rules._scores import EPSILON

    missing: list[Text] = []
    if mean_gap < gap_margin / 2 - EPSILON:
        missing.append(_("not exceptional: on average the service does not clearly exceed expectations"))
    short = [m for m in critical if m.score < expected(m) - EPSILON]
    if short:
        missing.append(_n("not exceptional: {n} critical moment falls short of its expectation",
                          "not exceptional: {n} critical moments fall short of their expectation", len(short)))
    every_critical = [m for m in cycle.moments if m.critical]
    no_system = [m for m in every_critical if not (m.owner and m.standard and m.recovery)]
    if no_system:
        missing.append(_n("not exceptional: {n} critical moment lacks someone in charge, a standard or a "
                          "recovery plan",
                          "not exceptional: {n} critical moments lack someone in charge, a standard or a "
                          "recovery plan", len(no_system)))
    if not any(m.feedback for m in cycle.moments):
        missing.append(_("not exceptional: no moment collects the customer's voice"))
    thin = [m for m in critical if evidence[m.id].uncertain(least)]
    if thin or len(critical) < len(every_critical):
        missing.append(_n("not exceptional: not every critical moment is rated by at least {n} customer",
                          "not exceptional: not every critical moment is rated by at least {n} customers", least))
    return missing
