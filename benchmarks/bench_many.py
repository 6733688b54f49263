"""Benchmark 2: `cyclemap check` of 1,000 generated files in one call vs `yamllint` on
the same files (both given the folder). Goal: cyclemap <= 1.0x yamllint.

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
        return [Row("2 many files", "check / yamllint", "skipped (no yamllint)", "<= 1.0x", None)]
    with tempfile.TemporaryDirectory(prefix="cyclemap-bench-") as tmp:
        folder = Path(tmp) / "cycles"
        write_files(folder, files, moments=12)
        commands = {
            "cyclemap check FOLDER": cyclemap() + ["check", str(folder)],
            "yamllint FOLDER": lint + [str(folder)],
        }
        m = side_by_side(commands, runs, warmup=0)  # writing the files warmed the cache
    ratio = m["cyclemap check FOLDER"].median / m["yamllint FOLDER"].median
    per_file = m["cyclemap check FOLDER"].median / files * 1000
    print(f"  ratio check / yamllint: {ratio:.2f}x  ({per_file:.2f} ms per file)")
    return [Row("2 many files", f"{files} files: check {m['cyclemap check FOLDER'].median:.2f} s / yamllint "
                f"{m['yamllint FOLDER'].median:.2f} s", f"{ratio:.2f}x", "<= 1.0x", ratio <= 1.0)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    run(args.runs, args.files)
