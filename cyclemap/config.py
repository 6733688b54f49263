"""Settings that shape a check: which rules run, at what severity, with what thresholds.

This module holds the settings as data. Reading them from `.cyclemap.yaml` or
`[tool.cyclemap]` in pyproject.toml lives beside it; the command line overrides both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cyclemap.diagnostics import Severity

DEFAULT_THRESHOLDS: dict[str, float] = {
    # A critical moment scored below this share of the scale is a moment of misery (CM104).
    "acceptable_score": 0.6,
    # Score below expectation by at least this many scale points is an expectation gap (CM105).
    "gap_margin": 0.5,
    # This many critical moments in a row with no routine relief is a chain (CM106).
    "chain_length": 3,
    # More moments than this is too many to manage (CM112).
    "max_moments": 25,
}


@dataclass
class Config:
    select: frozenset[str] | None = None  # None: every rule enabled by default
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    source: str | None = None  # the file these settings came from, if any

    def threshold(self, name: str) -> float:
        return self.thresholds.get(name, DEFAULT_THRESHOLDS[name])
