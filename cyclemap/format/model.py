"""The cycle of service as plain data: no I/O, no YAML, no graph.

A `Cycle` is what a format-1 file says once it has been read and validated. Every
value keeps where it was written (`Pos`), so any finding can point at `path:line:col`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from cyclemap.format.i18n import LANGUAGES  # noqa: F401  (one source: the catalogues found)

FORMAT_VERSION = 1

KINDS = ("routine", "critical")
CHANNELS = ("face-to-face", "phone", "digital", "mail", "facilities", "self-service", "other")
CARRIERS = ("people", "systems", "both")
# Which voice of the customer a moment collects (seeds 003, 004: queja, reclamo, sugerencia,
# and the report card's survey). `feedback: true` alone says only that it collects one.
VOICES = ("complaint", "claim", "suggestion", "survey")
# The ten expectations of service (SERVQUAL's set, seed 001), in a fixed order.
DIMENSIONS = (
    "reliability",
    "responsiveness",
    "competence",
    "courtesy",
    "communication",
    "credibility",
    "security",
    "understanding",
    "tangibles",
    "access",
)
DEFAULT_SCALE = (1.0, 5.0)


def _as_pos(where: object, default: "Pos") -> "Pos":
    if where is None:
        return default
    if isinstance(where, Pos):
        return where
    return Pos(where.line + 1, where.column + 1)  # type: ignore[attr-defined]


class Pos(NamedTuple):
    """A 1-based line and column in the source file. A named tuple, not a dataclass: a
    big file has hundreds of thousands of them, and a tuple is made several times faster."""

    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.line}:{self.col}"


@dataclass(frozen=True)
class Branch:
    """One way out of a moment: to another moment, optionally under a condition."""

    to: str
    when: str | None = None
    pos: Pos = Pos(1, 1)


@dataclass(frozen=True)
class Support:
    """A link to the internal service a moment rests on: a cycle file (a path relative to
    the file that names it, forward slashes) and optionally one of its moments
    (`internal/card-issuing.yaml#issue-card`); an empty `path` is the same file."""

    path: str
    moment: str | None = None
    pos: Pos = Pos(1, 1)

    def __str__(self) -> str:
        return self.path + (f"#{self.moment}" if self.moment else "")


@dataclass
class Moment:
    """A moment of truth: one contact in which the customer judges the service."""

    id: str
    name: str
    kind: str  # one of KINDS
    stage: str | None = None
    channel: str | None = None
    carried_by: str | None = None
    owner: str | None = None
    standard: str | None = None
    recovery: str | None = None
    dimensions: tuple[str, ...] = ()
    expectation: float | None = None
    score: float | None = None
    responses: int | None = None
    feedback: bool = False
    collects: str | None = None  # one of VOICES; a moment that says it also has feedback=True
    volume: int | None = None  # customers a month through this moment (for detours)
    notes: str | None = None
    ignore: tuple[str, ...] = ()
    # Service blueprint rows (Bitner): what the customer sees and touches, the visible
    # contact actions, the invisible ones, and the support processes behind them.
    evidence: tuple[str, ...] = ()
    onstage: tuple[str, ...] = ()
    backstage: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    # The internal cycles (and moments) this moment rests on (`supported_by`).
    supported_by: tuple[Support, ...] = ()
    # None means "the following moment" (or the first, at the end of a closed cycle).
    next: tuple[Branch, ...] | None = None
    pos: Pos = Pos(1, 1)
    # Where each key's value was written, e.g. positions["score"]: a Pos, or the reader's
    # 0-based mark (`.line`, `.column`), turned into a Pos only when a finding needs it.
    positions: dict[str, object] = field(default_factory=dict)
    # Run time only, never in the file: the survey answers `--ratings` gave this moment.
    answers: tuple[float, ...] = ()
    # Run time only: how much this moment matters, as the survey's importance answers.
    importance: tuple[float, ...] = ()

    @property
    def critical(self) -> bool:
        return self.kind == "critical"

    def at(self, key: str) -> Pos:
        """Where `key` was written, or where the moment starts if it is absent."""
        return _as_pos(self.positions.get(key), self.pos)


@dataclass
class Cycle:
    """A whole cycle of service, as one file describes it."""

    title: str
    moments: list[Moment]
    version: int = FORMAT_VERSION
    customer: str | None = None
    language: str | None = None  # None: not given in the file
    scale: tuple[float, float] = DEFAULT_SCALE
    stages: tuple[str, ...] = ()
    closed: bool = True
    volume: int | None = None  # customers a month through the cycle
    internal: bool = False  # the customer is a team of the same organisation
    # False: customers cannot simply go elsewhere (a public office, a utility, a monopoly);
    # the critique then speaks of complaints, trust and the regulator, not of lost customers.
    customers_can_leave: bool = True
    path: str = "<memory>"
    positions: dict[str, Pos] = field(default_factory=dict)

    def at(self, key: str) -> Pos:
        return self.positions.get(key, Pos(1, 1))

    def moment(self, moment_id: str) -> Moment | None:
        for m in self.moments:
            if m.id == moment_id:
                return m
        return None

    @property
    def critical_moments(self) -> list[Moment]:
        return [m for m in self.moments if m.critical]


def unique_moments(cycle: Cycle) -> dict[str, int]:
    """Moment id -> index of its first occurrence (a repeated id is CM003's business)."""
    index: dict[str, int] = {}
    for i, moment in enumerate(cycle.moments):
        index.setdefault(moment.id, i)
    return index
