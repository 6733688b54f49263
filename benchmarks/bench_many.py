"""Benchmark 2: `cyclemap check` of 1,000 generated files in one call vs `yamllint` on
the same files (both given the folder), in processor time. Goal (issue 26): cyclemap
<= 0.1x yamllint.

    python benchmarks/bench_many.py [--runs 3] [--files 1000]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _bench import Row, cyclemap, header, side_by_side, yamllint
from generate import write_files


def run(runs: int = 3, files: int = 1000) -> list[Row]:
    header(f"2. check {files} generated files (12 moments each) in one call vs yamllint, {runs} runs each")
    lint = yamllint()
    if lint is None:
        print("  skipped: yamllint is not installed")
        return [Row("2 many files", "check / yamllint", "skipped (no yamllint)", "<= 0.1x", None)]
    with tempfile.TemporaryDirectory(prefix="cyclemap-bench-") as tmp:
        folder = Path(tmp) / "cycles"
        write_files(folder, files, moments=12)
        commands = {
            "cyclemap check FOLDER": cyclemap() + ["check", str(folder)],
            "yamllint FOLDER": lint + [str(folder)],
        }
        m = side_by_side(commands, runs, warmup=0)  # writing the files warmed the cache
    check, lint_cpu = m["cyclemap check FOLDER"].median_cpu, m["yamllint FOLDER"].median_cpu
    ratio = check / lint_cpu
    print(f"  cpu: check {check:.2f} s, yamllint {lint_cpu:.2f} s; ratio {ratio:.2f}x ({check / files * 1000:.2f} ms per file)")
    return [Row("2 many files", f"{files} files: check {check:.2f} s / yamllint {lint_cpu:.2f} s (cpu)",
                f"{ratio:.2f}x", "<= 0.1x", ratio <= 0.1)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    run(args.runs, args.files)
