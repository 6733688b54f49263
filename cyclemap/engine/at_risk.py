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
  so this is a floor), measured from survey answers, on at least `min_responses` of them:
  a mean alone, or a handful of answers, gives no estimate (and the report says so).
  A detour counts with its own `volume` when it gives one; a survey segment (`--segment`)
  counts with its own share of the answers' rows, not the whole volume.
- dissatisfied D = V·d; complaining = D·complain_share; lost = D·never_return_share,
  less the complainers a working complaint moment wins back (a moment that collects
  complaints, rated acceptable on enough answers of its own: a survey is not one);
  customers who cannot leave (`customers_can_leave: false`) are never counted as lost;
- win back = D·complain_share·return_if_handled (what a complaint moment that works
  recovers; already counted when the cycle has one that works);
- told = win back · tells_others (at most).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cyclemap.engine.evidence import DISSATISFIED_SHARE, score_evidence
from cyclemap.engine.threshold import Threshold
from cyclemap.format.i18n import Number, Text, _, _n, join

SOURCE = _("course material, seed 000: why we lose customers")

ASSUMPTIONS = (
    Threshold("complain_share", 0.04, 0.0, inclusive=True, share=True,
              doc=_("share of dissatisfied customers who complain (the rest just leave)")),
    Threshold("never_return_share", 0.91, 0.0, inclusive=True, share=True,
              doc=_("share of dissatisfied customers who never return")),
    Threshold("return_if_handled", 0.7, 0.0, inclusive=True, share=True,
              doc=_("share of complainers who return when the complaint is handled")),
    Threshold("tells_others", 5, 0.0, inclusive=True,
              doc=_("people a customer won back tells (at most)")),
)


def rounded(value: float, figures: int = 2) -> int:
    """A count of customers to what an estimate built on rules of thumb supports: two
    significant figures (1,663 -> 1,700; 87 -> 87)."""
    if value <= 0:
        return 0
    digits = figures - int(math.floor(math.log10(value))) - 1
    return int(round(value, min(0, digits)))


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
    can_leave: bool = True  # False: customers cannot go elsewhere; nobody is "lost"
    answers: int | None = None  # how many answers the share rests on
    segment: str | None = None  # the survey segment the estimate is about
    segment_share: float | None = None  # that segment's share of the volume
    why_none: Text | None = None  # why there is no estimate, when there is none
    left_out: tuple[str, ...] = ()  # moments passed whose share is not measured on enough answers

    def as_data(self, lang: str = "en") -> dict:
        """`customers` (null without `volume` or scores) and every assumption with its
        value, its label and its source."""
        customers = None
        if self.dissatisfied is not None:
            customers = {
                "volume": self.volume, "dissatisfied_share": round(self.dissatisfied_share, 4),
                "dissatisfied_share_measured": self.measured, "worst_moment": self.worst_moment,
                "dissatisfied": rounded(self.dissatisfied), "complaining": rounded(self.complaining),
                "lost": None if self.lost is None else rounded(self.lost), "win_back": rounded(self.win_back),
                "told": rounded(self.told), "complaint_moment_works": self.complaint_moment_works,
                "customers_can_leave": self.can_leave, "answers": self.answers, "segment": self.segment,
                "segment_share": None if self.segment_share is None else round(self.segment_share, 4),
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
            return [self.why_none or _("Without scores there is no estimate of customers at risk.")]
        a = self.assumptions
        share = f"{self.dissatisfied_share:.0%}"
        whole = lambda value: Number(rounded(value), 0)  # noqa: E731 - a count of customers
        out: list[Text] = []
        if self.segment is not None:
            out = [_("Estimate (not a fact), for the segment “{segment}” ({part} of the customers): of about {volume} "
                     "customers a month, about {dissatisfied} leave dissatisfied ({share}, measured on {n} "
                     "answers).").format(segment=self.segment, part=f"{self.segment_share:.0%}",
                                         volume=whole(self.volume), dissatisfied=whole(self.dissatisfied),
                                         share=share, n=Number(self.answers or 0, 0))]
        else:
            out = [_("Estimate (not a fact): of {volume} customers a month, about {dissatisfied} leave dissatisfied "
                     "({share}, measured on {n} answers).").format(
                         volume=whole(self.volume), dissatisfied=whole(self.dissatisfied), share=share,
                         n=Number(self.answers or 0, 0))]
        if self.left_out:
            out.append(_n("Left out: {names}, not rated on enough survey answers to count; the estimate may be low.",
                          "Left out: {names}, not rated on enough survey answers to count; the estimate may be low.",
                          len(self.left_out)).format(names=", ".join(f"“{n}”" for n in self.left_out)))
        if not self.can_leave:
            out.append(_("These customers cannot simply go elsewhere: expect about {complaining} complaints a month, "
                         "and distrust and bad word of mouth from the others, which a regulator also hears.").format(
                             complaining=whole(self.complaining)))
            out.append(_("Assumption: {complain} of dissatisfied customers complain.").format(
                complain=f"{a['complain_share']:.0%}"))
            return out
        out[0] = join([out[0], _("About {lost} will not return.").format(lost=whole(self.lost))], " ")
        out.append(_("Assumptions: {complain} complain, {never} never return, {back} of those whose complaint is "
                     "handled come back.").format(complain=f"{a['complain_share']:.0%}",
                                                  never=f"{a['never_return_share']:.0%}",
                                                  back=f"{a['return_if_handled']:.0%}"))
        if self.complaint_moment_works:
            out.append(_("A complaint moment that works wins back about {win_back} a month (already counted).").format(
                win_back=whole(self.win_back)))
        else:
            out.append(_("A complaint moment that works wins back about {win_back} a month, who would tell up to "
                         "{told} people.").format(win_back=whole(self.win_back), told=whole(self.told)))
        return out


def _segment_share(read) -> tuple[str | None, float | None]:
    """The survey segment the scores are about (`--segment`), and its share of the rows the
    survey read (the segment's own share of the volume); (None, None) without a segment."""
    if read is None or not read.segment:
        return None, None
    rows = read.rows - read.other_segments
    return read.segment, (rows / read.rows if read.rows and rows > 0 else None)


def complaint_moment_works(cycle, least: float, acceptable: float) -> bool:
    """A moment that collects complaints (not a survey) and, by its own evidence, works:
    rated at or above the acceptable share of the scale on at least `least` answers."""
    from cyclemap.engine.audience import collects_complaints

    low, high = cycle.scale
    for m in cycle.moments:
        if not collects_complaints(m) or m.score is None:
            continue
        ev = score_evidence(m, cycle.scale)
        if ev is not None and ev.n is not None and ev.n >= least and m.score >= low + acceptable * (high - low):
            return True
    return False


def _worst_share(checked, least: float, volume: float | None) -> tuple[tuple[float, str, int] | None, list[str]]:
    """The moment with the largest measured share of dissatisfied customers, as (share,
    moment id, answers), and the names of the scored moments left out for want of a
    measured share (a mean alone, or fewer than `least` answers)."""
    cycle = checked.cycle
    by_id = {m.id: m for m in reversed(cycle.moments)}
    main = set(checked.main_loop)
    worst: tuple[float, str, int] | None = None
    left_out: list[str] = []
    for moment_id in checked.order:
        moment = by_id.get(moment_id)
        if moment is None or (moment_id not in main and not moment.volume):
            continue  # a detour without its own volume: who passes it is unknown
        found = score_evidence(moment, cycle.scale)
        if found is None:
            continue
        if found.dissatisfied is None or found.n is None or found.n < least:
            left_out.append(moment.name)  # a mean alone, or too few answers: not a measured share
            continue
        share = found.dissatisfied
        if moment_id not in main and volume:
            share *= min(1.0, moment.volume / volume)  # only the detour's customers
        if worst is None or share > worst[0]:
            worst = (share, moment_id, found.n)
    return worst, left_out


def estimate_at_risk(checked) -> AtRisk:
    """The estimate for a checked cycle, with the assumptions its settings give. It rests
    only on measured shares of dissatisfied answers (survey answers, not a mean) from at
    least `min_responses` answers; for a survey segment, on that segment's share of the
    volume; for customers who cannot leave, nobody is counted as lost."""
    settings = checked.settings
    assumptions = {t.name: settings.threshold(t.name) for t in ASSUMPTIONS}
    cycle = checked.cycle
    volume = cycle.volume if cycle is not None else None
    empty = AtRisk(volume, None, False, None, None, None, None, None, None, False, assumptions)
    if cycle is None:
        return empty
    least = settings.threshold("min_responses")
    segment, part = _segment_share(getattr(checked, "answers_read", None))
    worst, left_out = _worst_share(checked, least, volume)
    acceptable = settings.threshold("acceptable_score")
    works = complaint_moment_works(cycle, least, acceptable)
    from cyclemap.engine.audience import can_leave, internal_customer as internal

    base = dict(can_leave=can_leave(cycle), segment=segment, segment_share=part, left_out=tuple(left_out))
    if internal(cycle) and volume is not None:
        return AtRisk(volume, worst and worst[0], bool(worst), worst and worst[1], None, None, None, None, None,
                      works, assumptions, why_none=_("These customers are colleagues: none is lost to a "
                                                     "competitor, so there is no estimate of customers at risk."),
                      **base)
    if worst is None or volume is None:
        why = None
        if worst is None and left_out:
            why = _n("No moment has a share of dissatisfied customers measured on at least {n} survey answer: "
                     "no estimate of customers at risk (a mean alone does not say how many are dissatisfied).",
                     "No moment has a share of dissatisfied customers measured on at least {n} survey answers: "
                     "no estimate of customers at risk (a mean alone does not say how many are dissatisfied).",
                     int(least)).format(n=Number(least, 0))
        return AtRisk(volume, worst and worst[0], bool(worst), worst and worst[1],
                      None, None, None, None, None, works, assumptions, why_none=why, **base)
    if segment is not None and part is None:
        return AtRisk(volume, worst[0], True, worst[1], None, None, None, None, None, works, assumptions,
                      why_none=_("The survey's segments do not say how many customers “{segment}” is: no estimate "
                                 "of customers at risk for it.").format(segment=segment), **base)
    share, where, n = worst
    if part is not None:
        volume = volume * part
    dissatisfied = volume * share
    complaining = dissatisfied * assumptions["complain_share"]
    win_back = complaining * assumptions["return_if_handled"]
    lost = dissatisfied * assumptions["never_return_share"]
    lost = max(0.0, lost - win_back) if works else lost
    return AtRisk(volume, share, True, where, dissatisfied, complaining,
                  lost if base["can_leave"] else None, win_back,
                  win_back * assumptions["tells_others"], works, assumptions, answers=n, **base)
