"""Does `cyclemap compare` call changes that are not there, and does it find the ones that
are? A simulation of whole comparisons, run through the same functions the command uses
(`engine.waves.compare_answers`: Welch's test per moment, then the adjustment).

    .venv/bin/python benchmarks/bench_compare_sim.py [SIMULATIONS]   # default 2000

Answers are whole points on 1–5 drawn from a rounded normal around 3.5 (clipped to the
scale) with a given spread. Under no change, both waves come from one distribution: the
share of whole comparisons that report *any* significant moment is the family-wise error
(goal: at most 5 %). With a change, one moment's distribution moves by exactly half a
point of mean (the rest unchanged): the share of comparisons that find it is the power
(goal: at least 80 % with 50 answers per wave). Printed as a Markdown table for
benchmarks/RESULTS.md."""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cyclemap.engine.waves import compare_answers  # noqa: E402
from cyclemap.format.model import Cycle, Moment  # noqa: E402
from cyclemap.format.tally import Tally  # noqa: E402

POINTS = (1, 2, 3, 4, 5)


def _probs(centre: float, sd: float) -> list[float]:
    cdf = lambda x: 0.5 * (1 + math.erf((x - centre) / (sd * math.sqrt(2))))  # noqa: E731
    edges = [-math.inf, 1.5, 2.5, 3.5, 4.5, math.inf]
    return [cdf(edges[i + 1]) - cdf(edges[i]) for i in range(5)]


def _mean(p: list[float]) -> float:
    return sum(v * q for v, q in zip(POINTS, p))


def _sd(p: list[float]) -> float:
    m = _mean(p)
    return math.sqrt(sum(q * (v - m) ** 2 for v, q in zip(POINTS, p)))


def shifted(sd: float, change: float = 0.5) -> tuple[list[float], list[float]]:
    """Two answer distributions whose means differ by exactly `change`."""
    base = _probs(3.2, sd)
    lo, hi = 3.2, 6.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if _mean(_probs(mid, sd)) - _mean(base) < change:
            lo = mid
        else:
            hi = mid
    return base, _probs((lo + hi) / 2, sd)


def draw(rng: random.Random, p: list[float], n: int) -> Tally:
    return Tally.of(rng.choices(POINTS, weights=p, k=n))


def run(moments: int, sd: float, n: int, sims: int, method: str, rng: random.Random) -> tuple[float, float]:
    ids = [f"m{i}" for i in range(moments)]
    cycle = Cycle(path="sim", title="sim", moments=[Moment(id=i, name=i, kind="routine") for i in ids])
    base, moved = shifted(sd)
    false_alarms = found = 0
    for _ in range(sims):
        a = {i: draw(rng, base, n) for i in ids}
        b = {i: draw(rng, base, n) for i in ids}
        if any(c.significant for c in compare_answers(cycle, ids, a, b, method=method)):
            false_alarms += 1
        b[ids[0]] = draw(rng, moved, n)
        changes = compare_answers(cycle, ids, a, b, method=method)
        if changes[0].significant and changes[0].change > 0:
            found += 1
    return false_alarms / sims, found / sims


def main() -> None:
    sims = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(20260307)
    print(f"{sims} simulated comparisons per row; 50 answers per moment and wave; alpha 0.05\n")
    print("| moments | answers' spread (sd) | adjustment | any false change (goal ≤ 5 %) | half-point change found |")
    print("|---:|---:|---|---:|---:|")
    for moments in (8, 4):
        for sd_param in (0.7, 0.9, 1.2):
            actual = _sd(_probs(3.2, sd_param))
            for method in ("holm", "bh", "none"):
                fwer, power = run(moments, sd_param, 50, sims, method, rng)
                print(f"| {moments} | {actual:.2f} | {method} | {100 * fwer:.1f} % | {100 * power:.1f} % |")


if __name__ == "__main__":
    main()
