"""The consultant's critique of one cycle, as data: counts, service level, the moments in
the order a customer meets them (each with its findings), and the weak points: the
analyst's list, finding by finding, ranked by severity and impact, and the client's points
(`engine.points`), each with why it matters and what to do next.

Pure: no printing. `report/critique_rich.py` prints it; the handout and the renderer may
read it too. The why and the next step come from the rules' own docs (`Rule.section`),
so there is one source of text for `explain`, docs/rules.md and this report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Computed, Text, Verbatim
from cyclemap.format.settings import Config
from cyclemap.format.model import Cycle, Moment
from cyclemap.engine.evidence import ScoreEvidence, gap, score_evidence
# Point and what ranks it are imported from here by support.py and the outputs.
from cyclemap.engine.points import (  # noqa: F401
    BADGES, SCORE_RULES, SUBSUMES, Point, _join, _points, client_rule, preface,
)
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
        return [d for d in self.diagnostics if d.severity is Severity.ERROR and not client_rule(d.code)]

    @property
    def title(self) -> str:
        return self.cycle.title


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
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


def _section(rule, name: str) -> Text:
    """One section of a rule's doc ("why", "fix") as a text, or nothing without a rule."""
    if rule is None:
        return Verbatim("")
    return Computed(lambda lang: rule.section(name, lang))


def build_critique(checked: "CheckedCycle") -> Critique:
    """Assemble the critique of a checked cycle from its diagnostics and derived facts
    (order, main loop, service level), all read from `checked`; betweenness, a
    graph artefact rather than evidence, plays no part (issue 11)."""
    from cyclemap.engine.at_risk import estimate_at_risk
    from cyclemap.engine.importance import importance_performance
    from cyclemap.engine.provenance import provenance

    cycle, diagnostics, lang = checked.cycle, checked.diagnostics, checked.lang
    order = checked.context.order
    by_id = {m.id: m for m in checked.context.unique()}

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
    said_once, said_once_keys = preface(points, cycle, hoisted)
    return Critique(cycle, lang, _counts(list(by_id.values())), checked.service_level, views,
                    _analyst_list(checked, by_id, points), cycle_findings,
                    list(diagnostics), points, checked.settings.threshold("min_responses"),
                    estimate_at_risk(checked), importance_performance(checked), preface=said_once,
                    preface_said=said_once_keys, evidence=provenance(checked))


def _counts(unique: list[Moment]) -> Counts:
    return Counts(
        moments=len(unique),
        critical=sum(1 for m in unique if m.critical),
        routine=sum(1 for m in unique if not m.critical),
        scored=sum(1 for m in unique if m.score is not None),
    )


def _analyst_list(checked: "CheckedCycle", by_id: dict[str, Moment], points: list[Point]) -> list[WeakPoint]:
    """The analyst's list, finding by finding, in the points' order: errors first, then each
    point's findings, then the rest (findings with no client text, notes)."""
    place = {id(d): (p.rank, j) for p in points for j, d in enumerate(p.findings)}
    position = {mid: i for i, mid in enumerate(checked.context.order)}
    weak: list[tuple[tuple, WeakPoint]] = []
    for d in checked.diagnostics:
        rule = get_rule(d.code)
        moment = by_id.get(d.moment) if d.moment else None
        impact = _impact(d, moment, checked.cycle)
        point = WeakPoint(
            code=d.code, severity=d.severity, moment_id=d.moment, message=d.message,
            why=_section(rule, "why"), fix=_section(rule, "fix"), impact=impact, hint=d.hint,
            moment_name=moment.name if moment else None, name=rule.name if rule else "",
            summary=rule.summary if rule else None,
            line=d.pos.line, col=d.pos.col, path=d.path,
        )
        rank = place.get(id(d), (len(points) + 1, 0))
        key = (_SEVERITY_ORDER[d.severity], rank, -impact, position.get(d.moment or "", -1), d.code)
        weak.append((key, point))
    weak.sort(key=lambda kv: kv[0])
    return [p for _key, p in weak]
