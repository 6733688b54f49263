"""Benchmark 9: `cyclemap overview` of a generated repository of 1,000 connected cycles
(200 internal, 800 external with three `supported_by` links each; `generate_connected.py`)
vs `yamllint` on the same folder (the floor: reading and linting every file), and vs
`cyclemap check` of it. Goal: a few seconds; overview <= 1.0x yamllint.

    python benchmarks/bench_overview.py [--runs 3] [--files 1000]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _bench import Row, cyclemap, header, side_by_side, yamllint
from generate_connected import write_repository


def run(runs: int = 3, files: int = 1000) -> list[Row]:
    header(f"9. overview of {files} connected cycles vs yamllint and check of the same folder, {runs} runs each")
    lint = yamllint()
    with tempfile.TemporaryDirectory(prefix="cyclemap-bench-") as tmp:
        folder = Path(tmp) / "org"
        write_repository(folder, files)
        commands = {
            "cyclemap overview FOLDER --format json": cyclemap() + ["overview", str(folder), "--format", "json"],
            "cyclemap check FOLDER": cyclemap() + ["check", str(folder), "--fail-on", "never", "-q"],
        }
        if lint is not None:
            commands["yamllint FOLDER"] = lint + [str(folder)]
        m = side_by_side(commands, runs, warmup=0)
    over = m["cyclemap overview FOLDER --format json"].median
    rows = [Row("9 overview", f"{files} connected cycles: overview {over:.2f} s / check "
                f"{m['cyclemap check FOLDER'].median:.2f} s", f"{over / m['cyclemap check FOLDER'].median:.2f}x",
                "–", None)]
    if lint is not None:
        ratio = over / m["yamllint FOLDER"].median
        print(f"  ratio overview / yamllint: {ratio:.2f}x")
        rows.append(Row("9 overview", f"overview {over:.2f} s / yamllint {m['yamllint FOLDER'].median:.2f} s",
                        f"{ratio:.2f}x", "<= 1.0x", ratio <= 1.0))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    run(args.runs, args.files)
