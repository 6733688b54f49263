"""Customers at risk: from the cycle's `volume` (customers a month) and its scores, an
estimate of the customers lost each month and of how many a working complaint moment
would win back. It rests on the course's figures (seed 000, "¿Por qué perdemos
clientes?"): of dissatisfied customers about 4 % complain and the other 96 % just leave;
91 % never return; 7 of 10 complainers return if the complaint is handled, and tell up to
5 others. Those are rules of thumb, not measurements of this business: each is a labelled
assumption, settable under `thresholds:` in the settings, and shown beside the estimate.

The arithmetic, per month, for V customers through the cycle:

- dissatisfied share d: the largest share of dissatisfied answers at any moment the
  customers pass (moments are not added up: the same customers may be unhappy at several,
  so this is a floor). Measured from survey answers when there are some; from a mean
  alone it is estimated with the assumed spread (`evidence.ASSUMED_SD_SHARE`), and said so.
  A detour counts with its own `volume` when it gives one.
- dissatisfied D = V·d; complaining = D·complain_share; lost = D·never_return_share,
  less the complainers a working complaint moment wins back;
- win back = D·complain_share·return_if_handled (what a complaint moment that works
  recovers; already counted when the cycle has one that works);
- told = win back · tells_others (at most).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cyclemap.engine.evidence import ASSUMED_SD_SHARE, DISSATISFIED_SHARE, score_evidence
from cyclemap.engine.threshold import Threshold
from cyclemap.format.i18n import Number, Text, _, _p

SOURCE = _("course material, seed 000: why we lose customers")

ASSUMPTIONS = (
    Threshold("complain_share", 0.04, 0.0, inclusive=True,
              doc=_("share of dissatisfied customers who complain (the rest just leave)")),
    Threshold("never_return_share", 0.91, 0.0, inclusive=True,
              doc=_("share of dissatisfied customers who never return")),
    Threshold("return_if_handled", 0.7, 0.0, inclusive=True,
              doc=_("share of complainers who return when the complaint is handled")),
    Threshold("tells_others", 5, 0.0, inclusive=True,
              doc=_("people a customer won back tells (at most)")),
)


@dataclass(frozen=True)
class AtRisk:
    volume: int | None  # customers a month; None: the cycle does not say
    dissatisfied_share: float | None
    measured: bool  # the share comes from survey answers, not from a mean alone
    worst_moment: str | None  # where the share was found
    dissatisfied: float | None
    complaining: float | None
    lost: float | None
    win_back: float | None
    told: float | None
    complaint_moment_works: bool
    assumptions: dict[str, float] = field(default_factory=dict)

    def as_data(self, lang: str = "en") -> dict:
        """`customers` (null without `volume` or scores) and every assumption with its
        value, its label and its source."""
        customers = None
        if self.dissatisfied is not None:
            customers = {
                "volume": self.volume, "dissatisfied_share": round(self.dissatisfied_share, 4),
                "dissatisfied_share_measured": self.measured, "worst_moment": self.worst_moment,
                "dissatisfied": round(self.dissatisfied), "complaining": round(self.complaining),
                "lost": round(self.lost), "win_back": round(self.win_back), "told": round(self.told),
                "complaint_moment_works": self.complaint_moment_works,
            }
        labels = {t.name: t.doc(lang) for t in ASSUMPTIONS}
        assumptions = {name: {"value": value, "label": labels[name], "source": SOURCE(lang)}
                       for name, value in self.assumptions.items()}
        assumptions["dissatisfied_answer"] = {
            "value": DISSATISFIED_SHARE,
            "label": _("an answer in the bottom share of the scale is a dissatisfied customer")(lang),
            "source": "cyclemap"}
        return {"customers": customers, "assumptions": assumptions}

    def lines(self, lang: str = "en") -> list[str]:
        """The estimate in a few sentences, each figure beside its assumptions."""
        return [line(lang) for line in self.texts()]

    def texts(self) -> list[Text]:
        """The estimate in a few sentences, each figure beside its assumptions, as texts."""
        if self.volume is None:
            return [_("Without `volume` (customers a month) there is no estimate of customers at risk.")]
        if self.dissatisfied is None:
            return [_("Without scores there is no estimate of customers at risk.")]
        a = self.assumptions
        how = _p("how the share was found", "measured") if self.measured else _("estimated from the mean")
        share = f"{self.dissatisfied_share:.0%}"
        whole = lambda value: Number(round(value), 0)  # noqa: E731 - a count of customers
        out = [_("Estimate (not a fact): of {volume} customers a month, about {dissatisfied} leave dissatisfied "
                 "({share}, {how}); about {lost} will not return.").format(
                     volume=whole(self.volume), dissatisfied=whole(self.dissatisfied), share=share, how=how,
                     lost=whole(self.lost)),
               _("Assumptions: {complain} complain, {never} never return, {back} of those whose complaint is "
                 "handled come back.").format(complain=f"{a['complain_share']:.0%}",
                                              never=f"{a['never_return_share']:.0%}",
                                              back=f"{a['return_if_handled']:.0%}")]
        if self.complaint_moment_works:
            out.append(_("A complaint moment that works wins back about {win_back} a month (already counted).").format(
                win_back=whole(self.win_back)))
        else:
            out.append(_("A complaint moment that works wins back about {win_back} a month, who would tell up to "
                         "{told} people.").format(win_back=whole(self.win_back), told=whole(self.told)))
        return out


def _dissatisfied(moment, scale: tuple[float, float]) -> tuple[float, bool] | None:
    """Share of dissatisfied customers at a moment, and whether it was measured."""
    found = score_evidence(moment, scale)
    if found is None:
        return None
    if found.dissatisfied is not None:
        return found.dissatisfied, True
    low, high = scale
    span = (high - low) or 1.0
    cut = low + DISSATISFIED_SHARE * span
    sd = ASSUMED_SD_SHARE * span
    # normal approximation of the answers around the mean, with the assumed spread
    return 0.5 * (1 + math.erf((cut - found.mean) / (sd * math.sqrt(2)))), False


def estimate_at_risk(checked) -> AtRisk:
    """The estimate for a checked cycle, with the assumptions its settings give."""
    settings = checked.settings
    assumptions = {t.name: settings.threshold(t.name) for t in ASSUMPTIONS}
    cycle = checked.cycle
    volume = cycle.volume if cycle is not None else None
    empty = AtRisk(volume, None, False, None, None, None, None, None, None, False, assumptions)
    if cycle is None:
        return empty
    by_id = {m.id: m for m in reversed(cycle.moments)}
    main = set(checked.main_loop)
    worst: tuple[float, bool, str] | None = None
    for moment_id in checked.order:
        moment = by_id.get(moment_id)
        if moment is None or (moment_id not in main and not moment.volume):
            continue  # a detour without its own volume: who passes it is unknown
        found = _dissatisfied(moment, cycle.scale)
        if found is None:
            continue
        share, measured = found
        if moment_id not in main and volume:
            share *= min(1.0, moment.volume / volume)  # only the detour's customers
        if worst is None or share > worst[0]:
            worst = (share, measured, moment_id)
    acceptable = settings.threshold("acceptable_score")
    low, high = cycle.scale
    works = any(m.feedback and (m.score is None or m.score >= low + acceptable * (high - low)) for m in cycle.moments)
    if worst is None or volume is None:
        return AtRisk(volume, worst and worst[0], bool(worst and worst[1]), worst and worst[2],
                      None, None, None, None, None, works, assumptions)
    share, measured, where = worst
    dissatisfied = volume * share
    complaining = dissatisfied * assumptions["complain_share"]
    win_back = complaining * assumptions["return_if_handled"]
    lost = dissatisfied * assumptions["never_return_share"]
    lost = max(0.0, lost - win_back) if works else lost
    return AtRisk(volume, share, measured, where, dissatisfied, complaining, lost, win_back,
                  win_back * assumptions["tells_others"], works, assumptions)
