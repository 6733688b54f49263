"""The service level of a cycle, in the four types of the seeds (000): pésimo, malo,
normal, excepcional — computed from the report card (scores) against expectations.

- excepcional: the service anticipates, meets and exceeds expectations — every scored
  critical moment meets its expectation and the cycle as a whole exceeds them;
- normal: it barely meets them — on average within the gap margin;
- malo: it does not meet them — on average below expectation by more than the margin;
- pésimo: the service is disastrous — most scored critical moments sit in the bottom
  two-fifths of the scale.

Where moments have no `expectation`, the scale's upper-middle stands in (70 % of it).
Pure: no I/O, no graph.
"""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.diagnostics import Text
from cyclemap.format.model import Cycle
from cyclemap.format.settings import Config

LEVELS = {
    "pesimo": Text("dismal", "pésimo"),
    "malo": Text("poor", "malo"),
    "normal": Text("normal", "normal"),
    "excepcional": Text("exceptional", "excepcional"),
}
DESCRIPTIONS = {
    "pesimo": Text("the service barely exists or is a disaster; customers do not come back",
                   "el servicio no existe o es desastroso; el cliente no vuelve"),
    "malo": Text("the service falls short of what customers expect",
                 "el servicio no cumple las expectativas del cliente"),
    "normal": Text("the service just about meets expectations; a better one elsewhere can take the customer",
                   "el servicio cumple apenas las expectativas; otro mejor puede llevarse al cliente"),
    "excepcional": Text("the service meets and exceeds expectations; customers recommend it",
                        "el servicio cumple y supera las expectativas; el cliente lo recomienda"),
}


@dataclass(frozen=True)
class ServiceLevel:
    key: str  # pesimo | malo | normal | excepcional
    mean_gap: float  # mean of score - expectation over scored moments
    scored: int  # how many moments have a score

    @property
    def name(self) -> Text:
        return LEVELS[self.key]

    @property
    def description(self) -> Text:
        return DESCRIPTIONS[self.key]


def service_level(cycle: Cycle, settings: Config | None = None) -> ServiceLevel | None:
    """None when no moment has a score (there is no report card to judge by). The one
    place the level is decided: every view reads it from the checked cycle."""
    gap_margin = (settings or Config()).threshold("gap_margin")
    low, high = cycle.scale
    span = high - low
    default_expectation = low + 0.7 * span
    scored = [m for m in cycle.moments if m.score is not None]
    if not scored:
        return None
    gaps = [m.score - (m.expectation if m.expectation is not None else default_expectation) for m in scored]
    mean_gap = sum(gaps) / len(gaps)
    critical = [m for m in scored if m.critical]
    dismal = [m for m in critical if (m.score - low) / span < 0.4]
    if critical and len(dismal) * 2 > len(critical):
        key = "pesimo"
    elif mean_gap < -gap_margin:
        key = "malo"
    elif mean_gap > 0 and all(g >= 0 for m, g in zip(scored, gaps) if m.critical):
        key = "excepcional"
    else:
        key = "normal"
    return ServiceLevel(key, mean_gap, len(scored))
