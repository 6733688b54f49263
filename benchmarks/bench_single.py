"""Benchmark 1: `cyclemap check` of one typical example vs `yamllint` on the same file,
whole process each (start-up included: that is what a user and a pre-commit hook wait
for). There is one way in: the Typer app. Goal: cyclemap <= 1.5x yamllint.

    python benchmarks/bench_single.py [--runs 20]
"""

from __future__ import annotations

import argparse
import sys

from _bench import EXAMPLE, Row, cyclemap, header, side_by_side, yamllint


def run(runs: int = 20) -> list[Row]:
    header(f"1. check one typical file ({EXAMPLE.name}) vs yamllint, {runs} runs each")
    lint = yamllint()
    if lint is None:
        print("  skipped: yamllint is not installed (pip install yamllint, or the `test` extra)")
        return [Row("1 one file", "check / yamllint", "skipped (no yamllint)", "<= 1.5x", None)]
    commands = {
        "cyclemap check": cyclemap() + ["check", str(EXAMPLE)],
        "yamllint": lint + [str(EXAMPLE)],
        # What the command-line framework alone costs: Typer's import and one option parse.
        "python -c 'import typer, pydantic'": [sys.executable, "-c", "import typer, pydantic"],
    }
    m = side_by_side(commands, runs)
    ratio = m["cyclemap check"].median / m["yamllint"].median
    framework = m["python -c 'import typer, pydantic'"].median
    print(f"  ratio check / yamllint: {ratio:.2f}x  (importing Typer and pydantic alone: {framework * 1000:.0f} ms)")
    return [
        Row("1 one file", f"check {m['cyclemap check'].median * 1000:.0f} ms / yamllint "
            f"{m['yamllint'].median * 1000:.0f} ms", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5),
        Row("1 one file", "a process that only imports typer and pydantic / yamllint",
            f"{framework / m['yamllint'].median:.2f}x", "-", None),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    run(parser.parse_args().runs)
