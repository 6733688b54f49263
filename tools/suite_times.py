"""Where the test suite's time goes, measured in CPU seconds (wall time means little on a
shared machine), one test file at a time — never the whole suite at once.

    python tools/suite_times.py measure OUT.jsonl [tests/test_x.py ...] [-- PYTEST ARGS]
    python tools/suite_times.py table OUT.jsonl [--top 20] [--tier default|slow|all]
    python tools/suite_times.py compare BEFORE.jsonl AFTER.jsonl [--top 20] [--start-up S] [--measured-before S]

`measure` runs pytest on each file in turn (no xdist, no cache), with
CYCLEMAP_TESTS_MEASURE=OUT.jsonl: tests/conftest.py then appends one line per test with
its CPU seconds (this process; the child processes it waited for), wall seconds and the
processes it started (how many were `cyclemap` itself). Without files: every tests/test_*.py.
It also records each file's own pytest start-up and collection (`collect` lines).

`table` sums by file, biggest first, and estimates the tier's wall time on two idle cores:
the CPU sum over two workers, plus the longest chain one worker cannot share (the longest
test under `--dist load`; the longest file under `--dist loadfile`), plus each worker's
start-up and collection.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(out: Path, files: list[str], extra: list[str]) -> None:
    files = files or sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_*.py"))
    env = {**os.environ, "CYCLEMAP_TESTS_MEASURE": str(out.resolve()),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for name in files:
        before, wall = os.times(), time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pytest", name, "-p", "no:xdist", "-p", "no:cacheprovider",
                               "-q", "--no-header", *extra],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        last = (proc.stdout.strip().splitlines() or ["?"])[-1]
        print(f"{name}: {cpu:.1f} s cpu, {time.perf_counter() - wall:.1f} s wall: {last}", flush=True)
        with out.open("a", encoding="utf-8") as f:
            failed = [line.split()[1] for line in proc.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
            f.write(json.dumps({"collect": Path(name).name, "cpu_total": round(cpu, 3), "rc": proc.returncode,
                                "summary": last, "failed": failed}) + "\n")


def load(path: Path, tier: str) -> tuple[list[dict], dict[str, dict]]:
    tests, files = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if "collect" in row:
            files[row["collect"]] = row
        elif tier == "all" or row["slow"] == (tier == "slow"):
            tests.append(row)
    return tests, files


def by_file(tests: list[dict], files: dict[str, dict]) -> dict[str, dict]:
    sums: dict[str, dict] = defaultdict(lambda: {"tests": 0, "own": 0.0, "children": 0.0, "wall": 0.0,
                                                  "processes": 0, "cyclemap": 0, "longest": 0.0})
    for t in tests:
        s = sums[t["file"]]
        cpu = t["own"] + t["children"]
        s["tests"] += 1
        s["own"] += t["own"]
        s["children"] += t["children"]
        s["wall"] += t["wall"]
        s["processes"] += t["processes"]
        s["cyclemap"] += t["cyclemap"]
        s["longest"] = max(s["longest"], cpu)
    for name, s in sums.items():
        s["cpu"] = s["own"] + s["children"]
        run = files.get(name, {}).get("cpu_total")
        s["overhead"] = max(0.0, run - s["cpu"]) if run is not None else None  # pytest start-up + collection
    return dict(sums)


def estimate(tests: list[dict], sums: dict[str, dict], start_up: float) -> dict[str, float]:
    """Wall seconds on two idle cores: half the CPU, plus the longest chain one worker runs
    alone at the end (a test under `load`/`worksteal`, a whole file under `loadfile`), plus
    a worker's start-up and collection (both workers do it at once)."""
    total = sum(s["cpu"] for s in sums.values())
    longest_test = max((t["own"] + t["children"] for t in tests), default=0.0)
    longest_file = max((s["cpu"] for s in sums.values()), default=0.0)
    return {"tests": len(tests), "cpu": total, "start_up": start_up, "longest": longest_test,
            "load": total / 2 + longest_test + start_up,
            "loadfile": total / 2 + longest_file + start_up}


def table(path: Path, top: int, tier: str, start_up: float | None = None) -> None:
    tests, files = load(path, tier)
    sums = by_file(tests, files)
    overheads = [s["overhead"] for s in sums.values() if s["overhead"] is not None]
    if start_up is None:  # without a measured collection (`pytest --collect-only`): one file's start-up
        start_up = sorted(overheads)[len(overheads) // 2] if overheads else 0.0
    print("| file | tests | cpu s | of which children | processes (cyclemap) | longest test s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, s in sorted(sums.items(), key=lambda kv: -kv[1]["cpu"])[:top]:
        print(f"| {name} | {s['tests']} | {s['cpu']:.1f} | {s['children']:.1f} | {s['processes']} ({s['cyclemap']}) "
              f"| {s['longest']:.1f} |")
    e = estimate(tests, sums, start_up)
    print(f"\n{e['tests']} tests ({tier} tier), {e['cpu']:.0f} s CPU; per-worker start-up about {start_up:.1f} s")
    print(f"estimate on two idle cores: --dist load {e['load']:.0f} s, --dist loadfile {e['loadfile']:.0f} s")
    slowest = sorted(tests, key=lambda t: -(t["own"] + t["children"]))[:15]
    print("\nslowest tests:")
    for t in slowest:
        print(f"  {t['own'] + t['children']:6.2f} s  ({t['processes']} processes)  {t['test']}")


def compare(before: Path, after: Path, top: int, tier: str, start_up: float = 0.0,
            measured: float | None = None) -> None:
    b_tests, b_files = load(before, tier)
    a_tests, a_files = load(after, tier)
    b, a = by_file(b_tests, b_files), by_file(a_tests, a_files)
    eb, ea = estimate(b_tests, b, start_up), estimate(a_tests, a, start_up)
    print(f"estimate on two idle cores (CPU/2 + longest test + {start_up:.1f} s start-up), --dist load/worksteal: "
          f"before {eb['load']:.0f} s (longest {eb['longest']:.1f} s), after {ea['load']:.0f} s "
          f"(longest {ea['longest']:.1f} s): {ea['load'] / eb['load']:.2f}x")
    if measured:
        print(f"scaled by the before-run measured at {measured:.0f} s: after about {measured * ea['load'] / eb['load']:.0f} s")
    print()
    print("| file | tests before → after | cpu s before | after | ratio | cyclemap processes before → after |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, s in sorted(b.items(), key=lambda kv: -kv[1]["cpu"])[:top]:
        n = a.get(name, {"tests": 0, "cpu": 0.0, "cyclemap": 0})
        ratio = f"{n['cpu'] / s['cpu']:.2f}×" if s["cpu"] else "–"
        print(f"| {name} | {s['tests']} → {n['tests']} | {s['cpu']:.1f} | {n['cpu']:.1f} | {ratio} "
              f"| {s['cyclemap']} → {n['cyclemap']} |")
    tb, ta = sum(s["cpu"] for s in b.values()), sum(s["cpu"] for s in a.values())
    print(f"| **all {len(b)} files** | {len(b_tests)} → {len(a_tests)} | {tb:.0f} | {ta:.0f} | {ta / tb:.2f}× | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("out", type=Path)
    m.add_argument("files", nargs="*")
    t = sub.add_parser("table")
    t.add_argument("out", type=Path)
    t.add_argument("--top", type=int, default=20)
    t.add_argument("--tier", choices=["default", "slow", "all"], default="default")
    t.add_argument("--start-up", type=float, help="a worker's start-up and collection, CPU seconds")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--top", type=int, default=20)
    c.add_argument("--tier", choices=["default", "slow", "all"], default="default")
    c.add_argument("--start-up", type=float, default=0.0, help="a worker's start-up and collection, CPU seconds")
    c.add_argument("--measured-before", type=float, help="the before-tier's wall seconds, measured on idle cores")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    if args.command == "measure":
        measure(args.out, args.files, extra)
    elif args.command == "table":
        table(args.out, args.top, args.tier, args.start_up)
    else:
        compare(args.before, args.after, args.top, args.tier, args.start_up, args.measured_before)


if __name__ == "__main__":
    main()
