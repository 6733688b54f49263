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
benchmarks/RESULTS.md.

"A real change" can mean two things, and both are measured: one moment changes (the rest
stay; the table above), or the whole cycle changes (every moment moves by half a point:
the share of comparisons that find a change at all, and the share of moments found).
Last, the answers per wave that one moment's half-point change needs to be found in 80 %
of comparisons under Holm, found by simulation in steps of 5."""

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


def run_cycle(moments: int, sd: float, n: int, sims: int, method: str,
              rng: random.Random) -> tuple[float, float]:
    """Every moment moved by half a point: (comparisons that find any change, moments found)."""
    ids = [f"m{i}" for i in range(moments)]
    cycle = Cycle(path="sim", title="sim", moments=[Moment(id=i, name=i, kind="routine") for i in ids])
    base, moved = shifted(sd)
    anything = found = 0
    for _ in range(sims):
        a = {i: draw(rng, base, n) for i in ids}
        b = {i: draw(rng, moved, n) for i in ids}
        hits = sum(1 for c in compare_answers(cycle, ids, a, b, method=method) if c.significant and c.change > 0)
        anything += hits > 0
        found += hits
    return anything / sims, found / (sims * moments)


def needed(moments: int, sd: float, sims: int, rng: random.Random, target: float = 0.8) -> int:
    """The fewest answers per wave (in steps of 5) with which Holm finds one moment's
    half-point change in `target` of the comparisons."""
    n = 50
    while n < 400:
        if run(moments, sd, n, sims, "holm", rng)[1] >= target:
            return n
        n += 5
    return n


def _sidak_holm(ps: list[float], alpha: float) -> list[bool]:
    """Holm's step-down with Šidák's levels 1 - (1 - alpha)^(1/k) (Holland–Copenhaver):
    valid for two-sided tests of (approximately) normal statistics under any correlation."""
    order = sorted(range(len(ps)), key=ps.__getitem__)
    out = [False] * len(ps)
    for rank, i in enumerate(order):
        if ps[i] > 1 - (1 - alpha) ** (1 / (len(ps) - rank)):
            break
        out[i] = True
    return out


def _hochberg(ps: list[float], alpha: float) -> list[bool]:
    """Hochberg's step-up (valid for independent or positively dependent tests)."""
    order = sorted(range(len(ps)), key=ps.__getitem__)
    m = len(ps)
    for rank in range(m - 1, -1, -1):
        if ps[order[rank]] <= alpha / (m - rank):
            return [p <= ps[order[rank]] for p in ps]
    return [False] * m


def others(moments: int, sd: float, n: int, sims: int, rng: random.Random) -> dict[str, tuple[float, float]]:
    """Other procedures that keep the family-wise error, on the same draws: (any false
    change, one moment's change found)."""
    ids = [f"m{i}" for i in range(moments)]
    cycle = Cycle(path="sim", title="sim", moments=[Moment(id=i, name=i, kind="routine") for i in ids])
    base, moved = shifted(sd)
    tests = {"holm": None, "sidak-holm": _sidak_holm, "hochberg": _hochberg}
    false = dict.fromkeys(tests, 0)
    found = dict.fromkeys(tests, 0)
    for _ in range(sims):
        a = {i: draw(rng, base, n) for i in ids}
        b = {i: draw(rng, base, n) for i in ids}
        for label, flagged in (("false", False), ("found", True)):
            if flagged:
                b[ids[0]] = draw(rng, moved, n)
            changes = compare_answers(cycle, ids, a, b, method="none")
            ps = [c.p if c.p is not None else 1.0 for c in changes]
            for name, test in tests.items():
                calls = [c.p_adjusted is not None and c.p_adjusted < 0.05 for c in
                         compare_answers(cycle, ids, a, b, method="holm")] if test is None else test(ps, 0.05)
                if not flagged:
                    false[name] += any(calls)
                elif calls[0] and changes[0].change > 0:
                    found[name] += 1
    return {name: (false[name] / sims, found[name] / sims) for name in tests}


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
    print("\nThe whole cycle moved by half a point (every moment), 50 answers per wave, Holm:\n")
    print("| moments | answers' spread (sd) | comparisons that find a change | moments found |")
    print("|---:|---:|---:|---:|")
    for moments in (8, 4):
        for sd_param in (0.7, 0.9, 1.2):
            anything, share = run_cycle(moments, sd_param, 50, sims, "holm", rng)
            print(f"| {moments} | {_sd(_probs(3.2, sd_param)):.2f} | {100 * anything:.1f} % | {100 * share:.1f} % |")
    print("\nOther procedures that keep the family-wise error, on the same draws (8 moments, 50 answers):\n")
    print("| answers' spread (sd) | procedure | any false change | one moment's change found |")
    print("|---:|---|---:|---:|")
    for sd_param in (0.7, 0.9):
        for name, (fwer, power) in others(8, sd_param, 50, sims, rng).items():
            print(f"| {_sd(_probs(3.2, sd_param)):.2f} | {name} | {100 * fwer:.1f} % | {100 * power:.1f} % |")
    print("\nAnswers per wave for one moment's half-point change to be found in 80 % of comparisons (Holm):\n")
    print("| moments | answers' spread (sd) | answers per wave |")
    print("|---:|---:|---:|")
    for moments in (8, 4):
        for sd_param in (0.7, 0.9, 1.2):
            print(f"| {moments} | {_sd(_probs(3.2, sd_param)):.2f} | {needed(moments, sd_param, sims, rng)} |")


if __name__ == "__main__":
    main()
