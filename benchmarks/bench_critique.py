"""Benchmark 8: `cyclemap critique` of a 1,000-moment cycle vs `cyclemap check` of the
same file, whole process each. Both read the file through the one pipeline; the
critique only adds the ranking and the terminal report. Goal: critique <= 1.5x check.

    python benchmarks/bench_critique.py [--runs 5]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _bench import Row, cyclemap, header, side_by_side
from generate import generate_cycle


def run(runs: int = 5, moments: int = 1000) -> list[Row]:
    header(f"8. critique vs check of a {moments:,}-moment cycle, {runs} runs each")
    with tempfile.TemporaryDirectory(prefix="cyclemap-bench-") as tmp:
        path = Path(tmp) / "cycle.yaml"
        path.write_text(generate_cycle(moments), encoding="utf-8")
        m = side_by_side({
            "critique": cyclemap() + ["critique", str(path)],
            "check": cyclemap() + ["check", str(path)],
        }, runs, warmup=1)
    ratio = m["critique"].median / m["check"].median
    print(f"  ratio critique / check: {ratio:.2f}x")
    return [Row("8 critique", f"critique {m['critique'].median:.2f} s / check {m['check'].median:.2f} s "
                f"({moments:,} moments)", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--moments", type=int, default=1000)
    args = parser.parse_args()
    run(args.runs, args.moments)
