"""Two survey waves (or two segments of one) side by side, per moment: both means and
counts, the change, and whether it is more than chance (Welch's t-test, `evidence.welch`)."""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.engine.evidence import welch
from cyclemap.format.model import Cycle

ALPHA = 0.05


@dataclass(frozen=True)
class MomentChange:
    id: str
    name: str
    mean_a: float | None
    n_a: int
    mean_b: float | None
    n_b: int
    change: float | None  # mean_b - mean_a
    p: float | None  # None: too few answers on a side to test
    significant: bool

    def as_data(self) -> dict:
        r = lambda v: None if v is None else round(v, 4)  # noqa: E731
        return {"id": self.id, "name": self.name, "mean_a": r(self.mean_a), "n_a": self.n_a,
                "mean_b": r(self.mean_b), "n_b": self.n_b, "change": r(self.change),
                "p_value": r(self.p), "significant": self.significant}


def compare_answers(cycle: Cycle, order: list[str], a: dict, b: dict, alpha: float = ALPHA) -> list[MomentChange]:
    """Per moment (in the cycle's order) with answers on either side."""
    names = {m.id: m.name for m in reversed(cycle.moments)}
    out = []
    for moment_id in order:
        xa, xb = a.get(moment_id) or (), b.get(moment_id) or ()
        if not xa and not xb:
            continue
        mean_a = sum(xa) / len(xa) if xa else None
        mean_b = sum(xb) / len(xb) if xb else None
        test = welch(xa, xb)
        change = None if mean_a is None or mean_b is None else mean_b - mean_a
        out.append(MomentChange(moment_id, names.get(moment_id, moment_id), mean_a, len(xa), mean_b, len(xb), change,
                                None if test is None else test.p, bool(test and test.significant(alpha))))
    return out
