"""The consultant's critique of one cycle, as data: counts, service level, the moments in
the order a customer meets them (each with its findings), and the weak points ranked by
severity and impact, each with why it matters and what to do next.

Pure: no printing. `report/critique_rich.py` prints it; the handout and the renderer may
read it too. The why and the next step come from the rules' own docs (`Rule.section`),
so there is one source of text for `explain`, docs/rules.md and this report.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Computed, Text, Verbatim, _p, as_sentence
from cyclemap.format.settings import Config
from cyclemap.format.model import Cycle, Moment
from cyclemap.engine.evidence import ScoreEvidence, gap, score_evidence
from cyclemap.engine.rules import get_rule
from cyclemap.engine.service_level import ServiceLevel

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle


@dataclass(frozen=True)
class WeakPoint:
    """One weak point: a finding with its why and next step, and how much it weighs."""

    code: str
    severity: Severity
    moment_id: str | None
    message: Text
    why: Text
    fix: Text
    impact: float  # higher hurts more; ties broken by cycle order
    hint: Text | None = None  # the one-line fix printed under a finding
    moment_name: str | None = None
    name: str = ""  # the rule's slug, e.g. "moment-of-misery"
    summary: Text | None = None  # the rule's one-line summary
    line: int = 0  # where in the file (of the cycle, or of a ratings CSV)
    col: int = 0
    path: str = ""


@dataclass(frozen=True)
class MomentView:
    """A moment as the critique shows it: its place in the cycle and its findings."""

    moment: Moment
    position: int  # 1-based, in cycle order
    findings: tuple[Diagnostic, ...]
    evidence: ScoreEvidence | None = None  # the score's mean, answers and interval; None unscored

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.code for d in self.findings))

    @property
    def gap(self) -> float | None:
        """score - expectation, when both are known (`evidence.gap`)."""
        return gap(self.moment)


@dataclass(frozen=True)
class Counts:
    moments: int
    critical: int
    routine: int
    scored: int


@dataclass
class Critique:
    cycle: Cycle
    lang: str
    counts: Counts
    service_level: ServiceLevel | None
    moments: list[MomentView]
    weak_points: list[WeakPoint]
    # Findings about the whole cycle (no moment), and about inputs such as a ratings CSV.
    cycle_findings: list[Diagnostic] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The weak points a client reads: one per moment (or per finding about the whole
    # cycle), ranked by evidence and impact, in service language.
    points: list["Point"] = field(default_factory=list)
    min_responses: float = field(default_factory=lambda: Config().threshold("min_responses"))
    # Customers at risk (engine.at_risk): an estimate beside its labelled assumptions.
    at_risk: object | None = None
    # Importance-performance quadrants (engine.importance), when the survey asked importance.
    importance: object | None = None
    # Connected cycles (engine.support): the internal moments behind weak points, as data.
    supports: list = field(default_factory=list)
    # What is common to several points, said once before them, and its sentence keys.
    preface: list[Text] = field(default_factory=list)
    preface_said: tuple[str, ...] = ()
    # Where the numbers come from (engine.provenance): every deliverable names it.
    evidence: object | None = None

    @property
    def badges(self) -> dict[str, int]:
        """Moment id -> the "⚠ n" its pictures carry: the rank of its point."""
        return {p.moment_id: p.badge for p in self.points if p.badge is not None and p.moment_id}

    def top(self, n: int = 3) -> list["Point"]:
        """The first `n` points, as every deliverable presents them."""
        return self.points[:n]

    @property
    def input_problems(self) -> list[Diagnostic]:
        """Errors in the inputs (the file, a ratings CSV): for whoever edits them, never weak
        points (a weak point raised to an error by the settings stays a weak point)."""
        from cyclemap.engine.critique import client_rule

        return [d for d in self.diagnostics if d.severity is Severity.ERROR and not client_rule(d.code)]

    @property
    def title(self) -> str:
        return self.cycle.title


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
# The rules whose findings are about a score falling short: their depth is the gap.
SCORE_RULES = ("CM104", "CM105", "CM119")
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


def _impact(d: Diagnostic, moment: Moment | None, cycle: Cycle) -> float:
    """A finding's own weight in the analyst's list (ties within a point): a critical
    moment weighs more than a routine one, a larger gap below expectation (as a share of
    the scale) more than a small one. Findings on the whole cycle sit in the middle."""
    if moment is None:
        return 1.0
    low, high = cycle.scale
    span = (high - low) or 1.0
    impact = 1.0 if moment.critical else 0.0
    if moment.score is not None and moment.expectation is not None:
        impact += max(0.0, moment.expectation - moment.score) / span * 2
    return round(impact, 4)


def _join(parts: list[str], lang: str) -> str:
    """"a; b and c" in the reader's language (the same last joiner as `i18n.listing`)."""
    if len(parts) <= 1:
        return "".join(parts)
    last = _p("the last joiner of a list: a, b and c", "{rest} and {last}")
    return last.format(rest="; ".join(parts[:-1]), last=parts[-1])(lang)


def _what(told: list[Diagnostic]) -> Text:
    """The findings' client texts as one sentence, in each language."""
    return Computed(lambda lang: as_sentence(_join([d.plain(lang) for d in told], lang)))


def _section(rule, name: str) -> Text:
    """One section of a rule's doc ("why", "fix") as a text, or nothing without a rule."""
    if rule is None:
        return Verbatim("")
    return Computed(lambda lang: rule.section(name, lang))


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


def _points(checked: "CheckedCycle", by_id: dict[str, Moment]) -> list[Point]:
    """Weak points gathered by moment (one point per moment, one per finding about the whole
    cycle), those without a service-language text left to the analyst view, ranked by
    weight: depth of the gap and problems of content, times criticality, times the share
    of customers who pass; points resting on too few answers last. Their why and what to
    do are sentences of `engine.sentences`, each said only when its premise holds."""
    from cyclemap.engine.facts import cycle_facts, moment_facts
    from cyclemap.engine.rules._scores import has_gap, is_miserable
    from cyclemap.engine.sentences import compose

    cycle = checked.cycle
    least = checked.settings.threshold("min_responses")
    evidence = {mid: score_evidence(m, cycle.scale) for mid, m in by_id.items()}
    groups: dict[object, list[Diagnostic]] = {}
    for d in checked.diagnostics:
        if d.plain is None or not client_rule(d.code):
            continue
        key = d.moment if d.moment in by_id else ("cycle", d.code, d.subject, d.message("en"))
        groups.setdefault(key, []).append(d)
    position = {mid: i for i, mid in enumerate(checked.order)}
    main = set(checked.main_loop)
    most_answers = max((e.n for mid, e in evidence.items() if mid in main and e is not None and e.n), default=None)
    ranked: list[tuple[tuple, dict]] = []
    for key, found in groups.items():
        moment = by_id.get(key) if isinstance(key, str) else None
        codes = tuple(dict.fromkeys(d.code for d in found))
        if moment is None:
            weight, uncertain, ev = 1.0, False, None
            facts = cycle_facts(cycle, codes)
        else:
            ev = evidence.get(moment.id)
            facts = moment_facts(moment, cycle, codes, int(least), ev, is_miserable(moment, cycle, checked.settings),
                                 has_gap(moment, cycle, checked.settings))
            # A score on a step customers never see is not theirs: it weighs nothing.
            score_problem = any(c in SCORE_RULES for c in codes) and facts.content.customer_present
            depth = _depth(moment, cycle, checked) * _confidence(ev, cycle) if score_problem else 0.0
            content = min(CONTENT_CAP, CONTENT_WEIGHT * sum(1 for d in found if d.code not in SCORE_RULES))
            # A complaint moment decides whether those who spoke up come back: it weighs as a
            # decisive moment every customer may reach, not by its (small) share of answers.
            reach = 1.0 if facts.complaint_moment else _reach(moment, main, most_answers, evidence)
            critical = moment.critical or facts.complaint_moment
            weight = (depth + content) * (CRITICAL_WEIGHT if critical else 1.0) * reach
            # A score on too few answers never outranks a well-measured problem.
            uncertain = score_problem and ev is not None and ev.n is not None and ev.n < least
        # The score finding leads (it is the news); the others follow in catalogue order.
        found.sort(key=lambda d: (d.code not in SCORE_RULES, d.code))
        codes = tuple(dict.fromkeys(d.code for d in found))
        said = {c for code in codes for c in SUBSUMES.get(code, ())}
        if facts.content is not None and not facts.content.customer_present:
            said |= set(SCORE_RULES)  # "customers rate it" is untrue of a step they never see
        told = [d for d in found if d.code not in said] or found[:1]
        order = position.get(moment.id, len(position)) if moment else -1
        ranked.append(((uncertain, -round(weight, 6), order), dict(
            moment_id=moment.id if moment else None, moment_name=moment.name if moment else None, codes=codes,
            what=_what(told), why=compose(facts, "why"), todo=compose(facts, "todo"), weight=round(weight, 4),
            uncertain=uncertain, evidence=ev, findings=tuple(found), facts=facts,
            critical=bool(moment is not None and moment.critical))))
    # What several points would each say is said once, before the list (`hoisted`); each
    # point keeps what is specific to it.
    ranked.sort(key=lambda kv: kv[0])
    counts: dict[str, int] = {}
    for _key, fields in ranked:
        for sentence in fields["why"]:
            counts[sentence.key] = counts.get(sentence.key, 0) + 1
    common = {k for k, n in counts.items() if n >= 2}
    hoisted: list = []
    for _key, fields in ranked:
        facts = fields.pop("facts")
        for sentence in fields["why"]:
            if sentence.key in common and sentence.once is not None and sentence not in hoisted:
                hoisted.append(sentence)
        why = [s for s in fields["why"] if s not in hoisted]
        fields["said"] = tuple(s.key for s in why + fields["todo"])
        fields["why"], fields["todo"] = _said(why, facts), _said(fields["todo"], facts)
    points = [Point(rank=i, **fields) for i, (_key, fields) in enumerate(ranked, 1)]
    # "⚠ n" marks point n on the pictures: the first BADGES points that are about a moment.
    return [replace(p, badge=p.rank) if p.rank <= BADGES and p.moment_id else p for p in points], hoisted


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


def build_critique(checked: "CheckedCycle") -> Critique:
    """Assemble the critique of a checked cycle from its diagnostics and derived facts
    (order, main loop, service level), all read from `checked`; betweenness, a
    graph artefact rather than evidence, plays no part (issue 11)."""
    cycle, diagnostics, lang = checked.cycle, checked.diagnostics, checked.lang
    context = checked.context
    order = context.order
    by_id = {m.id: m for m in context.unique()}

    per_moment: dict[str, list[Diagnostic]] = {m: [] for m in order}
    cycle_findings: list[Diagnostic] = []
    for d in diagnostics:
        if d.moment is not None and d.moment in per_moment:
            per_moment[d.moment].append(d)
        else:
            cycle_findings.append(d)

    views = [
        MomentView(by_id[mid], i + 1, tuple(per_moment[mid]), score_evidence(by_id[mid], cycle.scale))
        for i, mid in enumerate(order)
    ]
    points, hoisted = _points(checked, by_id)
    # The analyst's list, finding by finding, follows the points' order: errors first,
    # then each point's findings, then the rest (findings with no client text, notes).
    place = {id(d): (p.rank, j) for p in points for j, d in enumerate(p.findings)}
    position = {mid: i for i, mid in enumerate(order)}

    weak: list[tuple[tuple, WeakPoint]] = []
    for d in diagnostics:
        rule = get_rule(d.code)
        moment = by_id.get(d.moment) if d.moment else None
        why = _section(rule, "why")
        fix = _section(rule, "fix")
        impact = _impact(d, moment, cycle)
        point = WeakPoint(
            code=d.code, severity=d.severity, moment_id=d.moment, message=d.message,
            why=why, fix=fix, impact=impact, hint=d.hint,
            moment_name=moment.name if moment else None, name=rule.name if rule else "",
            summary=rule.summary if rule else None,
            line=d.pos.line, col=d.pos.col, path=d.path,
        )
        rank = place.get(id(d), (len(points) + 1, 0))
        key = (_SEVERITY_ORDER[d.severity], rank, -impact, position.get(d.moment or "", -1), d.code)
        weak.append((key, point))
    weak.sort(key=lambda kv: kv[0])

    unique = list(by_id.values())
    counts = Counts(
        moments=len(unique),
        critical=sum(1 for m in unique if m.critical),
        routine=sum(1 for m in unique if not m.critical),
        scored=sum(1 for m in unique if m.score is not None),
    )
    from cyclemap.engine.at_risk import estimate_at_risk
    from cyclemap.engine.importance import importance_performance

    from cyclemap.engine.provenance import provenance

    said_once, said_once_keys = preface(points, cycle, hoisted)
    return Critique(cycle, lang, counts, checked.service_level, views, [p for _key, p in weak], cycle_findings,
                    list(diagnostics), points, checked.settings.threshold("min_responses"),
                    estimate_at_risk(checked), importance_performance(checked), preface=said_once,
                    preface_said=said_once_keys, evidence=provenance(checked))
