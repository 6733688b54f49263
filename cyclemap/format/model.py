"""The cycle of service as plain data: no I/O, no YAML, no graph.

A `Cycle` is what a format-1 file says once it has been read and validated. Every
value keeps where it was written (`Pos`), so any finding can point at `path:line:col`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FORMAT_VERSION = 1

KINDS = ("routine", "critical")
CHANNELS = ("face-to-face", "phone", "digital", "mail", "facilities", "self-service", "other")
CARRIERS = ("people", "systems", "both")
LANGUAGES = ("es", "en")
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


@dataclass(frozen=True, order=True)
class Pos:
    """A 1-based line and column in the source file."""

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
    notes: str | None = None
    ignore: tuple[str, ...] = ()
    # Service blueprint rows (Bitner): what the customer sees and touches, the visible
    # contact actions, the invisible ones, and the support processes behind them.
    evidence: tuple[str, ...] = ()
    onstage: tuple[str, ...] = ()
    backstage: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    # None means "the following moment" (or the first, at the end of a closed cycle).
    next: tuple[Branch, ...] | None = None
    pos: Pos = Pos(1, 1)
    # Where each key's value was written, e.g. positions["score"].
    positions: dict[str, Pos] = field(default_factory=dict)
    # Run time only, never in the file: the survey answers `--ratings` gave this moment.
    answers: tuple[float, ...] = ()

    @property
    def critical(self) -> bool:
        return self.kind == "critical"

    def at(self, key: str) -> Pos:
        """Where `key` was written, or where the moment starts if it is absent."""
        return self.positions.get(key, self.pos)


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
