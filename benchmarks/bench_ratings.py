"""How long reading a survey export takes: a wide CSV of N respondents (default 20,000)
over the bank example's 8 moments, read and merged as `--ratings` does.

    .venv/bin/python benchmarks/bench_ratings.py [N]

Goal: well under a second for 100,000 answers on a laptop; memory grows with the
respondents, not the answers (bench_stream.py measures ten million)."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from cyclemap.format.ratings import merge_ratings, read_table
from cyclemap.format.reader import read_path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    cycle = read_path(str(ROOT / "examples" / "banco.yaml")).cycle
    ids = [m.id for m in cycle.moments]
    rng = random.Random(1)
    lines = [";".join(["respondent", "segment"] + ids)]
    for r in range(n):
        lines.append(";".join([f"r{r}", rng.choice(["nuevo", "habitual"])]
                              + [rng.choice(["1", "2", "3", "3,5", "4", "5", "", "N/A"]) for _ in ids]))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    start = time.perf_counter()
    result = read_table(data, "bench.csv", cycle)
    merge_ratings(cycle, result.answers)
    took = time.perf_counter() - start
    print(f"{n} respondents, {result.count} answers, {len(data) / 1e6:.1f} MB: {took:.2f} s "
          f"({result.count / took:,.0f} answers/s)")


if __name__ == "__main__":
    main()
