"""The organisation at a glance (`cyclemap overview FOLDER`), as data: every cycle's level
and top weak points, which internal cycles support which moments, and the leverage
points.

A **weak moment** is one the critique finds scored below the acceptable level or below
its expectation (its score findings, at warning or above, by the file's own settings); it
**rests on enough evidence** when its score says how many answers it rests on and they
are at least the file's `min_responses`.

A **leverage point** is an internal moment (or a whole internal cycle, for a link without
`#moment`) named in `supported_by` by weak moments that rest on enough evidence. They are
ranked by the customers those weak moments carry when every one of them declares a
`volume` (the moment's, else its cycle's); otherwise by how many weak moments they are
behind, and the overview says so and why. Only direct links count: a supplier of a
supplier is that supplier's leverage point, not the external moment's.

Each file is read and judged once, by its own settings (`Pipeline`, whose `LinkSet`
shares the reading with the links). Pure: reads files, prints nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cyclemap.engine.rules._scores import SCORE_RULES
from cyclemap.format.diagnostics import Severity

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle, Pipeline

TOP_WEAK = 3  # weak points shown per cycle


@dataclass(frozen=True)
class MomentRef:
    """A moment of one cycle, with what the overview needs to say about it."""

    path: str  # as the user named the file (relative to the working folder when they did)
    cycle_title: str
    internal: bool
    moment_id: str | None  # None: the whole cycle
    moment_name: str | None
    owner: str | None = None
    score: float | None = None
    expectation: float | None = None
    n: int | None = None
    weak: bool = False
    evidenced: bool = False
    volume: int | None = None  # customers a month through it (the moment's, else its cycle's)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.path, self.moment_id)

    def as_data(self) -> dict:
        return {"file": self.path, "cycle": self.cycle_title, "internal": self.internal, "moment": self.moment_id,
                "moment_name": self.moment_name, "owner": self.owner, "score": self.score,
                "expectation": self.expectation, "responses": self.n, "weak": self.weak,
                "evidenced": self.evidenced, "volume": self.volume}


@dataclass
class CycleSummary:
    path: str
    loaded: bool
    title: str | None = None
    internal: bool = False
    level: str | None = None  # pesimo | malo | normal | excepcional; None: no scores
    level_uncertain: bool = False
    moments: int = 0
    errors: int = 0
    weak: list[MomentRef] = field(default_factory=list)  # top weak moments, the critique's order
    points: int = 0  # weak points in its critique
    checked: "CheckedCycle | None" = field(default=None, repr=False)


@dataclass(frozen=True)
class Link:
    """`supporter` (internal) makes `supported` possible."""

    supported: MomentRef
    supporter: MomentRef


@dataclass
class Leverage:
    supporter: MomentRef
    affected: list[MomentRef]  # weak moments that rest on enough evidence
    customers: int | None  # sum of their volumes, when every one declares it

    @property
    def count(self) -> int:
        return len(self.affected)


@dataclass
class Overview:
    root: str
    cycles: list[CycleSummary]
    links: list[Link]
    leverage: list[Leverage]
    weighted: bool  # ranked by customers (every affected moment declares a volume)
    # Weak moments behind a leverage point without a volume (why it is ranked by count).
    without_volume: int = 0
    broken_links: int = 0  # links set aside: missing, outside the repository (CM020, CM021)
    thin: int = 0  # weak linked moments left out of the leverage count: too few answers
    unread: int = 0  # files that did not read as cycles


def _ref(checked: "CheckedCycle", moment, weak_ids: set[str], least: float) -> MomentRef:
    from cyclemap.engine.evidence import score_evidence

    cycle = checked.cycle
    if moment is None:
        return MomentRef(checked.path, cycle.title, cycle.internal, None, None, volume=cycle.volume)
    ev = score_evidence(moment, cycle.scale)
    n = ev.n if ev is not None else None
    return MomentRef(checked.path, cycle.title, cycle.internal, moment.id, moment.name, moment.owner,
                     moment.score, moment.expectation, n, moment.id in weak_ids,
                     n is not None and n >= least, moment.volume if moment.volume is not None else cycle.volume)


def weak_ids(checked: "CheckedCycle") -> set[str]:
    return {d.moment for d in checked.diagnostics
            if d.moment and d.code in SCORE_RULES and d.severity.rank >= Severity.WARNING.rank}


def build_overview(pipeline: "Pipeline", files: list[str], root: str) -> Overview:
    """Judge every file once and put the organisation together."""
    from cyclemap.engine.links import real

    results = pipeline.check_all(files)
    by_real = {real(checked.path): checked for checked in results if checked.loaded}
    weak_of = {checked.path: weak_ids(checked) for checked in results if checked.loaded}
    summaries = [_summary(checked, weak_of.get(checked.path, set())) for checked in results]
    links, broken = _links(pipeline, summaries, by_real, weak_of)
    leverage, weighted, missing_volume, thin = _leverage(links)
    return Overview(root, summaries, links, leverage, weighted, missing_volume, broken, thin,
                    sum(1 for s in summaries if not s.loaded))


def _summary(checked: "CheckedCycle", weak: set[str]) -> CycleSummary:
    """One cycle's line: its level, its size, its errors and its first weak points."""
    if not checked.loaded:
        return CycleSummary(checked.path, False, errors=checked.count(Severity.ERROR), checked=checked)
    least = checked.settings.threshold("min_responses")
    level = checked.service_level
    points = checked.critique.points
    top = [checked.context.by_id[p.moment_id] for p in points if p.moment_id in weak][:TOP_WEAK]
    return CycleSummary(
        checked.path, True, checked.cycle.title, checked.cycle.internal,
        level.key if level else None, bool(level and level.uncertain), len(checked.context.by_id),
        checked.count(Severity.ERROR), [_ref(checked, m, weak, least) for m in top], len(points), checked)


def _links(pipeline: "Pipeline", summaries: list[CycleSummary], by_real: dict[str, "CheckedCycle"],
           weak_of: dict[str, set[str]]) -> tuple[list[Link], int]:
    """Every `supported_by` link between moments that read, and how many did not resolve."""
    links: list[Link] = []
    broken = 0
    for s in summaries:
        checked = s.checked
        if not s.loaded:
            continue
        least = checked.settings.threshold("min_responses")
        for moment in checked.context.unique():
            for r in pipeline.links.supports(checked.cycle, moment):
                target = by_real.get(r.path) if r.ok else None
                if target is None and r.ok:  # linked from inside the repository, outside the folder given
                    target = pipeline.links.checked(r.path)
                if target is None:
                    broken += 1
                    continue
                supported = _ref(checked, moment, weak_of[checked.path], least)
                t_least = target.settings.threshold("min_responses")
                t_weak = weak_of.get(target.path) if target.path in weak_of else weak_ids(target)
                supporter = _ref(target, r.moment, t_weak, t_least)
                links.append(Link(supported, supporter))
    return links, broken


def _leverage(links: list[Link]) -> tuple[list[Leverage], bool, int, int]:
    """The leverage points: each internal moment behind weak, well-evidenced moments, with
    the customers they reach when every one has a volume (`weighted`), most first. Also
    how many affected moments miss a volume and how many weak links rest on thin evidence."""
    groups: dict[tuple, list[Link]] = {}
    thin = 0
    for link in links:
        if not link.supported.weak:
            continue
        if not link.supported.evidenced:
            thin += 1
            continue
        groups.setdefault(link.supporter.key, []).append(link)
    affected_all = list({l.supported.key: l.supported for ls in groups.values() for l in ls}.values())
    missing_volume = sum(1 for m in affected_all if m.volume is None)
    weighted = bool(affected_all) and missing_volume == 0
    leverage = []
    for group in groups.values():
        affected = list({l.supported.key: l.supported for l in group}.values())
        customers = sum(m.volume for m in affected) if weighted else None
        leverage.append(Leverage(group[0].supporter, affected, customers))
    leverage.sort(key=lambda lv: (-(lv.customers or 0) if weighted else 0, -lv.count,
                                  not lv.supporter.weak, lv.supporter.path, lv.supporter.moment_id or ""))
    return leverage, weighted, missing_volume, thin


def relative(path: str, root: str) -> str:
    try:
        return os.path.relpath(path, root).replace(os.sep, "/")
    except ValueError:
        return path
