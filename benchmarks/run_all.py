"""Run every benchmark in one go and print the figures as a table (or write them as
Markdown for benchmarks/RESULTS.md).

    python benchmarks/run_all.py                 # everything, default repeats (about 10 min here)
    python benchmarks/run_all.py --quick         # fewer repeats, 200 files instead of 1,000
    python benchmarks/run_all.py --markdown out.md
    python benchmarks/run_all.py --only 1 3 5    # some of them
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import bench_critique
import bench_hostile
import bench_lsp
import bench_many
import bench_overview
import bench_render
import bench_single
import bench_size
import bench_startup
from _bench import Row, machine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the cyclemap benchmarks.")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (figures are noisier)")
    parser.add_argument("--only", nargs="*", type=int, choices=(1, 2, 3, 4, 5, 6, 8, 9, 10), help="benchmark numbers to run")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    args = parser.parse_args(argv)
    quick = args.quick
    plan = {
        1: lambda: bench_single.run(runs=8 if quick else 20),
        2: lambda: bench_many.run(runs=1 if quick else 3, files=200 if quick else 1000),
        3: lambda: bench_size.run(runs=2 if quick else 5),
        4: lambda: bench_render.run(runs=2 if quick else 5),
        5: lambda: bench_startup.run(runs=8 if quick else 20),
        6: lambda: bench_hostile.run(runs=1),
        8: lambda: bench_critique.run(runs=2 if quick else 5),
        9: lambda: bench_overview.run(runs=1 if quick else 3, files=200 if quick else 1000),
        10: lambda: bench_lsp.run(runs=15 if quick else 40),
    }
    print(machine())
    rows: list[Row] = []
    for number in args.only or plan:
        rows += plan[number]()
    print("\n== summary ==")
    width = max(len(r.figure) for r in rows)
    for r in rows:
        print(f"  {r.benchmark:<12} {r.figure:<{width}}  {r.value:>14}  goal {r.goal:<12} {r.mark()}")
    if args.markdown:
        lines = [f"Machine: {machine()}", "", "| benchmark | figure | value | goal | |", "|---|---|---|---|---|"]
        lines += [f"| {r.benchmark} | {r.figure} | {r.value} | {r.goal} | {r.mark()} |" for r in rows]
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nwritten to {args.markdown}")
    failed = [r for r in rows if r.met is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
