"""Two survey waves (or two segments of one) side by side, per moment: both means and
counts, the change with its 95 % interval and effect size, and whether it is more than
chance — Welch's t-test (`evidence.welch`) per moment, with the p-values adjusted for
testing many moments at once:

- Holm (default): the chance that *any* moment of the comparison is called changed when
  none changed stays at most `alpha` (family-wise error), and it is never weaker than
  testing each moment alone at alpha / moments;
- Benjamini–Hochberg (`adjust="bh"`): the expected share of false calls among the
  moments called changed stays at most `alpha` (false discovery rate) — more moments
  found, for a survey with many of them;
- none: each moment tested alone (what the comparison did before; with 8 moments, 1 in
  3 comparisons of two identical waves shows a "significant" moment).

A change resting on a side whose answers all agree on a handful of customers is never
tested (no spread to test against): it is shown, untested.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cyclemap.engine.evidence import as_tally, t_quantile, welch
from cyclemap.format.model import Cycle

ALPHA = 0.05
ADJUSTMENTS = ("holm", "bh", "none")


@dataclass(frozen=True)
class MomentChange:
    id: str
    name: str
    mean_a: float | None
    n_a: int
    mean_b: float | None
    n_b: int
    change: float | None  # mean_b - mean_a
    p: float | None  # None: too few answers on a side to test (raw Welch p-value)
    significant: bool
    p_adjusted: float | None = None
    low: float | None = None  # 95 % interval of the change (Welch)
    high: float | None = None
    effect: float | None = None  # Hedges' g: the change in pooled standard deviations

    def as_data(self) -> dict:
        r = lambda v: None if v is None else round(v, 4)  # noqa: E731
        return {"id": self.id, "name": self.name, "mean_a": r(self.mean_a), "n_a": self.n_a,
                "mean_b": r(self.mean_b), "n_b": self.n_b, "change": r(self.change),
                "change_low": r(self.low), "change_high": r(self.high), "effect_size": r(self.effect),
                "p_value": r(self.p), "p_adjusted": r(self.p_adjusted), "significant": self.significant}


def adjust(pvalues: list[float], method: str = "holm") -> list[float]:
    """p-values adjusted for testing them together (Holm's step-down, or Benjamini and
    Hochberg's step-up), in the order given."""
    m = len(pvalues)
    if method == "none" or m == 0:
        return list(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    out = [0.0] * m
    if method == "holm":
        running = 0.0
        for rank, i in enumerate(order):
            running = max(running, min(1.0, (m - rank) * pvalues[i]))
            out[i] = running
        return out
    if method == "bh":
        running = 1.0
        for rank in range(m - 1, -1, -1):
            i = order[rank]
            running = min(running, pvalues[i] * m / (rank + 1))
            out[i] = min(1.0, running)
        return out
    raise ValueError(f"unknown adjustment {method!r}")


def _interval_and_effect(a, b) -> tuple[float | None, float | None, float | None]:
    ta, tb = as_tally(a), as_tally(b)
    na, nb = ta.n, tb.n
    if na < 2 or nb < 2:
        return None, None, None
    va, vb = ta.var(), tb.var()
    se2 = va / na + vb / nb
    change = tb.mean() - ta.mean()
    if se2 <= 0:
        return None, None, None
    df = se2 ** 2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1)) if va and vb else na + nb - 2
    half = t_quantile(0.975, df) * math.sqrt(se2)
    pooled = math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2)) if na + nb > 2 else 0.0
    effect = None
    if pooled > 0:
        correction = 1 - 3 / (4 * (na + nb) - 9) if na + nb > 3 else 1.0
        effect = change / pooled * correction
    return change - half, change + half, effect


def compare_answers(cycle: Cycle, order: list[str], a: dict, b: dict, alpha: float = ALPHA,
                    method: str = "holm") -> list[MomentChange]:
    """Per moment (in the cycle's order) with answers on either side."""
    names = {m.id: m.name for m in reversed(cycle.moments)}
    rows = []
    for moment_id in order:
        xa, xb = as_tally(a.get(moment_id)), as_tally(b.get(moment_id))
        if not xa.n and not xb.n:
            continue
        mean_a = xa.mean() if xa.n else None
        mean_b = xb.mean() if xb.n else None
        test = welch(xa, xb)
        change = None if mean_a is None or mean_b is None else mean_b - mean_a
        low, high, effect = _interval_and_effect(xa, xb) if test is not None else (None, None, None)
        rows.append([moment_id, mean_a, xa.n, mean_b, xb.n, change, None if test is None else test.p, low, high,
                     effect])
    tested = [r for r in rows if r[6] is not None]
    adjusted = dict(zip((r[0] for r in tested), adjust([r[6] for r in tested], method)))
    out = []
    for moment_id, mean_a, na, mean_b, nb, change, p, low, high, effect in rows:
        padj = adjusted.get(moment_id)
        out.append(MomentChange(moment_id, names.get(moment_id, moment_id), mean_a, na, mean_b, nb, change, p,
                                padj is not None and padj < alpha, padj, low, high, effect))
    return out
