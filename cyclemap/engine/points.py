"""The weak points a client reads, as data: the findings gathered one point per moment
(one per finding about the whole cycle), weighed (depth of the gap, problems of content,
criticality, the share of customers who pass, how sure the score is), ranked, and what
several would each say hoisted into a preface said once. The critique (`critique`) holds
them; every deliverable presents them in this order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from cyclemap.engine.evidence import ScoreEvidence, score_evidence
from cyclemap.engine.rules import get_rule
from cyclemap.engine.rules._scores import SCORE_RULES
from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Computed, Text, _p, as_sentence
from cyclemap.format.model import Cycle, Moment

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

# SCORE_RULES (rules._scores): the findings about a score falling short; their depth is the gap.
CRITICAL_WEIGHT = 1.5  # a critical moment weighs this much more than a routine one
DETOUR_REACH = 0.5  # share of customers assumed to take a detour when the answers do not say
CONTENT_WEIGHT = 0.25  # each problem of content (owner, standard, recovery...) on one moment
CONTENT_CAP = 0.75  # content never outweighs a gap of a point on a 1-5 scale
UNKNOWN_COUNT_CONFIDENCE = 0.75  # a score that does not say how many answers it rests on
# When both are found on a moment, the first says all the second would (a moment of
# misery is also below expectation): the second's text is left out of the paragraph.
SUBSUMES = {"CM104": ("CM105",), "CM119": ("CM105",)}


@dataclass(frozen=True)
class Point:
    """One weak point as a consultant presents it: a moment (or the whole cycle), what is
    wrong, why it matters and what to do, in service language, with the evidence behind
    it. `weight` orders points; `uncertain` points (a score on too few answers) come after
    every well-measured one."""

    rank: int
    moment_id: str | None
    moment_name: str | None
    codes: tuple[str, ...]
    what: Text
    why: Text
    todo: Text
    weight: float
    uncertain: bool
    evidence: ScoreEvidence | None
    findings: tuple[Diagnostic, ...]
    said: tuple[str, ...] = ()  # the keys of the catalogue sentences said (engine.sentences)
    critical: bool = False  # about a critical moment
    badge: int | None = None  # "⚠ n" on the pictures (n == rank), for the first points about a moment

    def paragraph(self, lang: str) -> str:
        """What is wrong, why it matters, what to do: one paragraph."""
        parts = [self.what(lang), self.why(lang), self.todo(lang)]
        return " ".join(p for p in parts if p)


def _join(parts: list[str], lang: str) -> str:
    """"a; b and c" in the reader's language (the same last joiner as `i18n.listing`)."""
    if len(parts) <= 1:
        return "".join(parts)
    last = _p("the last joiner of a list: a, b and c", "{rest} and {last}")
    return last.format(rest="; ".join(parts[:-1]), last=parts[-1])(lang)


def _what(told: list[Diagnostic]) -> Text:
    """The findings' client texts as one sentence, in each language."""
    return Computed(lambda lang: as_sentence(_join([d.plain(lang) for d in told], lang)))


def _reach(moment: Moment, main: set[str], most_answers: int | None,
           evidence: dict[str, ScoreEvidence | None]) -> float:
    """How many customers pass through the moment, as a share: every one on the main
    loop; on a detour, its answers against the main loop's most answered moment when
    both are known, else `DETOUR_REACH`."""
    if not main or moment.id in main:
        return 1.0
    ev = evidence.get(moment.id)
    if ev is not None and ev.n and most_answers:
        return max(0.05, min(1.0, ev.n / most_answers))
    return DETOUR_REACH


def _depth(moment: Moment, cycle: Cycle, checked: "CheckedCycle") -> float:
    """How far below expectation (or below the acceptable level, for a critical moment)
    the score falls, as a share of the scale times four: a point on a 1-5 scale is 1."""
    from cyclemap.engine.rules._scores import misery_line

    if moment.score is None:
        return 0.0
    low, high = cycle.scale
    span = (high - low) or 1.0
    short = 0.0
    if moment.expectation is not None:
        short = moment.expectation - moment.score
    if moment.critical:
        short = max(short, misery_line(cycle, checked.settings) - moment.score)
    return max(0.0, short) / span * 4


def _confidence(ev: ScoreEvidence | None, cycle: Cycle) -> float:
    """How sure the score is, 0.5..1: narrower intervals weigh more."""
    if ev is None or ev.half_width is None:
        return UNKNOWN_COUNT_CONFIDENCE
    span = (cycle.scale[1] - cycle.scale[0]) or 1.0
    return 1.0 - min(0.5, ev.half_width / span * 2)


def client_rule(code: str) -> bool:
    """A finding reaches the client by what it is about, not by the severity settings give
    it: the rules of weak points in the service (their default severity is a warning)
    always do, at any configured severity; the file's structure (errors by default) and
    notes (info) never do. One source for the critique, the badges and every output."""
    rule = get_rule(code)
    return rule is not None and rule.severity is Severity.WARNING


BADGES = 3  # the first points the diagrams mark "⚠ n" (n is the point's rank)


def _points(checked: "CheckedCycle", by_id: dict[str, Moment]) -> tuple[list[Point], list]:
    """Weak points gathered by moment (one point per moment, one per finding about the whole
    cycle), those without a service-language text left to the analyst view, ranked by
    weight: depth of the gap and problems of content, times criticality, times the share
    of customers who pass; points resting on too few answers last. Their why and what to
    do are sentences of `engine.sentences`, each said only when its premise holds.
    Returns the points and the sentences hoisted into the preface."""
    scale = Scale(checked, by_id)
    position = {mid: i for i, mid in enumerate(checked.order)}
    ranked: list[tuple[tuple, dict]] = []
    for key, found in _groups(checked, by_id).items():
        moment = by_id.get(key) if isinstance(key, str) else None
        fields = scale.weigh(moment, found)
        order = position.get(moment.id, len(position)) if moment else -1
        ranked.append(((fields["uncertain"], -round(fields["weight"], 6), order), fields))
    ranked.sort(key=lambda kv: kv[0])
    hoisted = _hoist([fields for _key, fields in ranked])
    points = [Point(rank=i, **fields) for i, (_key, fields) in enumerate(ranked, 1)]
    # "⚠ n" marks point n on the pictures: the first BADGES points that are about a moment.
    return [replace(p, badge=p.rank) if p.rank <= BADGES and p.moment_id else p for p in points], hoisted


def _groups(checked: "CheckedCycle", by_id: dict[str, Moment]) -> dict[object, list[Diagnostic]]:
    """The findings a client reads (a service-language text, a rule of weak points), by
    moment; a finding about the whole cycle is a group of its own."""
    groups: dict[object, list[Diagnostic]] = {}
    for d in checked.diagnostics:
        if d.plain is None or not client_rule(d.code):
            continue
        key = d.moment if d.moment in by_id else ("cycle", d.code, d.subject, d.message("en"))
        groups.setdefault(key, []).append(d)
    return groups


class Scale:
    """What every point is weighed against: the settings' least number of answers, each
    moment's score evidence, the main loop and its most answered moment."""

    def __init__(self, checked: "CheckedCycle", by_id: dict[str, Moment]) -> None:
        self.checked = checked
        self.cycle = checked.cycle
        self.least = checked.settings.threshold("min_responses")
        self.evidence = {mid: score_evidence(m, self.cycle.scale) for mid, m in by_id.items()}
        self.main = set(checked.main_loop)
        self.most_answers = max((e.n for mid, e in self.evidence.items() if mid in self.main and e is not None
                                 and e.n), default=None)

    def weigh(self, moment: Moment | None, found: list[Diagnostic]) -> dict:
        """One point's fields (as `Point` takes them, less its rank; `facts` until hoisted)."""
        from cyclemap.engine.facts import cycle_facts, moment_facts
        from cyclemap.engine.rules._scores import has_gap, is_miserable
        from cyclemap.engine.sentences import compose

        checked, cycle = self.checked, self.cycle
        codes = tuple(dict.fromkeys(d.code for d in found))
        if moment is None:
            weight, uncertain, ev = 1.0, False, None
            facts = cycle_facts(cycle, codes)
        else:
            ev = self.evidence.get(moment.id)
            facts = moment_facts(moment, cycle, codes, int(self.least), ev,
                                 is_miserable(moment, cycle, checked.settings), has_gap(moment, cycle, checked.settings))
            weight, uncertain = self.weight(moment, found, codes, facts, ev)
        # The score finding leads (it is the news); the others follow in catalogue order.
        found.sort(key=lambda d: (d.code not in SCORE_RULES, d.code))
        codes = tuple(dict.fromkeys(d.code for d in found))
        said = {c for code in codes for c in SUBSUMES.get(code, ())}
        if facts.content is not None and not facts.content.customer_present:
            said |= set(SCORE_RULES)  # "customers rate it" is untrue of a step they never see
        told = [d for d in found if d.code not in said] or found[:1]
        return dict(
            moment_id=moment.id if moment else None, moment_name=moment.name if moment else None, codes=codes,
            what=_what(told), why=compose(facts, "why"), todo=compose(facts, "todo"), weight=round(weight, 4),
            uncertain=uncertain, evidence=ev, findings=tuple(found), facts=facts,
            critical=bool(moment is not None and moment.critical))

    def weight(self, moment: Moment, found: list[Diagnostic], codes: tuple[str, ...], facts,
               ev: ScoreEvidence | None) -> tuple[float, bool]:
        """A moment's point: its weight, and whether it rests on too few answers."""
        cycle = self.cycle
        # A score on a step customers never see is not theirs: it weighs nothing.
        score_problem = any(c in SCORE_RULES for c in codes) and facts.content.customer_present
        depth = _depth(moment, cycle, self.checked) * _confidence(ev, cycle) if score_problem else 0.0
        content = min(CONTENT_CAP, CONTENT_WEIGHT * sum(1 for d in found if d.code not in SCORE_RULES))
        # A complaint moment decides whether those who spoke up come back: it weighs as a
        # decisive moment every customer may reach, not by its (small) share of answers.
        reach = 1.0 if facts.complaint_moment else _reach(moment, self.main, self.most_answers, self.evidence)
        critical = moment.critical or facts.complaint_moment
        weight = (depth + content) * (CRITICAL_WEIGHT if critical else 1.0) * reach
        # A score on too few answers never outranks a well-measured problem.
        uncertain = score_problem and ev is not None and ev.n is not None and ev.n < self.least
        return weight, uncertain


def _hoist(ranked: list[dict]) -> list:
    """What several points would each say is said once, before the list (the sentences
    returned); each point keeps what is specific to it, its why and what to do filled in."""
    counts: dict[str, int] = {}
    for fields in ranked:
        for sentence in fields["why"]:
            counts[sentence.key] = counts.get(sentence.key, 0) + 1
    common = {k for k, n in counts.items() if n >= 2}
    hoisted: list = []
    for fields in ranked:
        facts = fields.pop("facts")
        for sentence in fields["why"]:
            if sentence.key in common and sentence.once is not None and sentence not in hoisted:
                hoisted.append(sentence)
        why = [s for s in fields["why"] if s not in hoisted]
        fields["said"] = tuple(s.key for s in why + fields["todo"])
        fields["why"], fields["todo"] = _said(why, facts), _said(fields["todo"], facts)
    return hoisted


def _said(sentences, facts) -> Text:
    """The sentences, filled in with the moment's facts, as one text in each language."""
    texts = [s.said(facts) for s in sentences]
    return Computed(lambda lang: " ".join(t(lang) for t in texts))


def preface(points: list[Point], cycle: Cycle, hoisted: list) -> tuple[list[Text], tuple[str, ...]]:
    """What is common to several points, said once before the list, and its sentence keys:
    the preface's own sentences, then the reasons several points share."""
    from cyclemap.engine.sentences import ListFacts, compose

    facts = ListFacts(critical_points=sum(1 for p in points if p.critical),
                      uncertain_points=sum(1 for p in points if p.uncertain),
                      can_leave=cycle.customers_can_leave, fields={})  # (no preface sentence reads it yet)
    found = compose(facts, "preface") + list(hoisted)
    return [s.said(facts) for s in found], tuple(s.key for s in found)
