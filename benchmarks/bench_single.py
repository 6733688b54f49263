"""Benchmark 1: `cyclemap check` of one typical example vs `yamllint` on the same file,
whole process each (start-up included: that is what a user and a pre-commit hook wait
for). Goal: cyclemap <= 1.0x yamllint.

    python benchmarks/bench_single.py [--runs 20]
"""

from __future__ import annotations

import argparse

from _bench import EXAMPLE, Row, cyclemap, header, side_by_side, yamllint


def run(runs: int = 20) -> list[Row]:
    header(f"1. check one typical file ({EXAMPLE.name}) vs yamllint, {runs} runs each")
    lint = yamllint()
    if lint is None:
        print("  skipped: yamllint is not installed (pip install yamllint, or the `test` extra)")
        return [Row("1 one file", "check / yamllint", "skipped (no yamllint)", "<= 1.0x", None)]
    commands = {
        "cyclemap check": cyclemap() + ["check", str(EXAMPLE)],
        "cyclemap check (through Typer)": cyclemap() + ["check", str(EXAMPLE)],
        "yamllint": lint + [str(EXAMPLE)],
    }
    m = side_by_side(commands, runs, envs={"cyclemap check (through Typer)": {"CYCLEMAP_NO_FAST_PATH": "1"}})
    ratio = m["cyclemap check"].median / m["yamllint"].median
    typer_ratio = m["cyclemap check (through Typer)"].median / m["yamllint"].median
    print(f"  ratio check / yamllint: {ratio:.2f}x  (through Typer: {typer_ratio:.2f}x)")
    return [
        Row("1 one file", f"check {m['cyclemap check'].median * 1000:.0f} ms / yamllint "
            f"{m['yamllint'].median * 1000:.0f} ms", f"{ratio:.2f}x", "<= 1.0x", ratio <= 1.0),
        Row("1 one file", "same, forcing the Typer path (CYCLEMAP_NO_FAST_PATH=1)", f"{typer_ratio:.2f}x", "-", None),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    run(parser.parse_args().runs)
