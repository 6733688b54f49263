"""The consultant's critique of one cycle, as data: counts, service level, the moments in
the order a customer meets them (each with its findings), and the weak points ranked by
severity and impact, each with why it matters and what to do next.

Pure: no printing. `report/critique_rich.py` prints it; the handout and the renderer may
read it too. The why and the next step come from the rules' own docs (`Rule.section`),
so there is one source of text for `explain`, docs/rules.md and this report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cyclemap.format.diagnostics import Diagnostic, Severity, Text
from cyclemap.format.model import Cycle, Moment
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
    betweenness: float = 0.0  # share of customer paths through it (0..1), 0 when not computed

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.code for d in self.findings))

    @property
    def gap(self) -> float | None:
        """score - expectation, when both are known."""
        m = self.moment
        if m.score is None or m.expectation is None:
            return None
        return m.score - m.expectation


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

    @property
    def title(self) -> str:
        return self.cycle.title


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _impact(d: Diagnostic, moment: Moment | None, cycle: Cycle, betweenness: dict[str, float]) -> float:
    """How much a finding weighs among those of the same severity: a critical moment
    weighs more than a routine one, a larger gap below expectation more than a small one,
    a moment many paths cross more than a side branch. Findings on the whole cycle sit
    in the middle (they concern every moment)."""
    if moment is None:
        return 1.0
    low, high = cycle.scale
    span = (high - low) or 1.0
    impact = 1.0 if moment.critical else 0.0
    if moment.score is not None:
        reference = moment.expectation if moment.expectation is not None else low + 0.7 * span
        impact += max(0.0, reference - moment.score) / span * 2
    impact += betweenness.get(moment.id, 0.0)
    return round(impact, 4)


def build_critique(checked: "CheckedCycle") -> Critique:
    """Assemble the critique of a checked cycle from its diagnostics and derived facts
    (order, betweenness, service level), all read from `checked`."""
    cycle, diagnostics, lang = checked.cycle, checked.diagnostics, checked.lang
    context = checked.context
    order = context.order
    by_id = {m.id: m for m in context.unique()}
    betweenness = context.betweenness

    per_moment: dict[str, list[Diagnostic]] = {m: [] for m in order}
    cycle_findings: list[Diagnostic] = []
    for d in diagnostics:
        if d.moment is not None and d.moment in per_moment:
            per_moment[d.moment].append(d)
        else:
            cycle_findings.append(d)

    views = [
        MomentView(by_id[mid], i + 1, tuple(per_moment[mid]), betweenness.get(mid, 0.0))
        for i, mid in enumerate(order)
    ]
    position = {mid: i for i, mid in enumerate(order)}

    weak: list[tuple[tuple, WeakPoint]] = []
    for d in diagnostics:
        rule = get_rule(d.code)
        moment = by_id.get(d.moment) if d.moment else None
        why = Text(rule.section("why", "en"), rule.section("why", "es")) if rule else Text("", "")
        fix = Text(rule.section("fix", "en"), rule.section("fix", "es")) if rule else Text("", "")
        impact = _impact(d, moment, cycle, betweenness)
        point = WeakPoint(
            code=d.code, severity=d.severity, moment_id=d.moment, message=d.message,
            why=why, fix=fix, impact=impact, hint=d.hint,
            moment_name=moment.name if moment else None, name=rule.name if rule else "",
            summary=rule.summary if rule else None,
            line=d.pos.line, col=d.pos.col, path=d.path,
        )
        key = (_SEVERITY_ORDER[d.severity], -impact, position.get(d.moment or "", -1), d.code)
        weak.append((key, point))
    weak.sort(key=lambda kv: kv[0])

    unique = list(by_id.values())
    counts = Counts(
        moments=len(unique),
        critical=sum(1 for m in unique if m.critical),
        routine=sum(1 for m in unique if not m.critical),
        scored=sum(1 for m in unique if m.score is not None),
    )
    return Critique(cycle, lang, counts, checked.service_level, views, [p for _, p in weak], cycle_findings,
                    list(diagnostics))
