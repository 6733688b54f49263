"""Benchmark 5: start-up. `cyclemap --version`, `cyclemap --help` and `cyclemap check
--help` against `python -c pass` (the interpreter alone), and which heavy libraries
each of them imports (networkx, graphviz, rich, typer, pydantic), from
`python -X importtime`. Then issue 26's goal: cyclemap's own time checking one typical
file — `cyclemap check examples/banco.yaml` less a bare Typer app's start-up with the
same arguments (`bare_typer.py`) — at most 0.5x a whole `yamllint` run on the file, in
processor time (medians of runs in turn).

    python benchmarks/bench_startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from _bench import EXAMPLE, ROOT, Row, cyclemap, env, header, side_by_side, yamllint

HEAVY = ("typer", "pydantic", "rich", "networkx", "graphviz", "wasmtime", "yaml")


def imported(args: list[str]) -> list[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "cyclemap", *args], cwd=ROOT, env=env(),
                          capture_output=True, text=True)
    names = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
             if line.startswith("import time:") and "|" in line}
    return [name for name in HEAVY if name in names]


def run(runs: int = 20) -> list[Row]:
    header(f"5. start-up vs `python -c pass`, {runs} runs each")
    calls = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "cyclemap --version": cyclemap() + ["--version"],
        "cyclemap --help": cyclemap() + ["--help"],
        "cyclemap check --help": cyclemap() + ["check", "--help"],
    }
    m = side_by_side(calls, runs)
    base = m["python -c pass"].median
    rows = []
    for name in list(calls)[1:]:
        args = calls[name][3:]
        libs = imported(args)
        print(f"  {name}: {m[name].median / base:.1f}x python -c pass, +{(m[name].median - base) * 1000:.0f} ms;"
              f" imports {', '.join(libs) or 'none of ' + ', '.join(HEAVY)}")
        rows.append(Row("5 start-up", f"{name}: {m[name].median * 1000:.0f} ms (python -c pass {base * 1000:.0f} ms);"
                        f" heavy imports: {', '.join(libs) or 'none'}",
                        f"+{(m[name].median - base) * 1000:.0f} ms",
                        "no networkx/graphviz", not ({"networkx", "graphviz", "wasmtime"} & set(libs))))
    rows.append(own_time(runs))
    check_libs = imported(["check", str(ROOT / "examples" / "banco.yaml")])
    print(f"  cyclemap check examples/banco.yaml imports: {', '.join(check_libs) or 'none'}")
    rows.append(Row("5 start-up", "`check` of an example: heavy imports", ", ".join(check_libs) or "none",
                    "yaml only", set(check_libs) <= {"yaml"}))
    return rows


def own_time(runs: int) -> Row:
    """cyclemap's own processor time for one check (less a bare Typer app's) / yamllint's."""
    lint = yamllint()
    if lint is None:
        return Row("5 start-up", "own time / yamllint", "skipped (no yamllint)", "<= 0.5x", None)
    calls = {
        "cyclemap check banco.yaml": cyclemap() + ["check", str(EXAMPLE)],
        "bare Typer app, same arguments": [sys.executable, str(ROOT / "benchmarks" / "bare_typer.py"), "check",
                                           str(EXAMPLE)],
        "yamllint banco.yaml": lint + [str(EXAMPLE)],
    }
    m = side_by_side(calls, runs)
    check, bare, lint_cpu = (m[name].median_cpu for name in calls)
    ratio = (check - bare) / lint_cpu
    print(f"  cpu medians: check {check:.3f} s, bare Typer {bare:.3f} s, own {check - bare:.3f} s, "
          f"yamllint {lint_cpu:.3f} s: own / yamllint {ratio:.2f}x")
    return Row("5 start-up", f"own time of `check banco.yaml` ({check - bare:.3f} s cpu) / yamllint ({lint_cpu:.3f} s)",
               f"{ratio:.2f}x", "<= 0.5x", ratio <= 0.5)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    run(parser.parse_args().runs)
