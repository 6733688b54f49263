"""Survey answers at any size: reading a long CSV of answers (moment,rating,respondent;
8 moments, 8 answers per respondent) side by side with `pandas.read_csv` on the same
file, and the peak memory of ten million answers.

    .venv/bin/python benchmarks/bench_stream.py [ANSWERS ...]   # default 1000000 10000000

For each size it writes the file once (into a temporary folder), then times, three times
each, in fresh processes: `cyclemap survey stats CYCLE FILE` (the whole command: start,
read, statistics) and `python -c "import pandas; pandas.read_csv(FILE)"` (start, import,
read — what a user would run instead), in turn. Medians of CPU (user + system) and wall
time, their ratios, and each one's peak memory (max RSS) are printed as a Markdown table
for benchmarks/RESULTS.md. Both run with their compiled bytecode written and reused (as an
installed program runs): with PYTHONDONTWRITEBYTECODE set, cyclemap would compile its
modules on every run (0.3 s). pandas is a benchmark dependency only (the `bench` extra),
never one of cyclemap's. `farm-bench` gives the same figures with their spread:

    farm-bench -n 7 --vs "python -c \"import pandas; pandas.read_csv('a.csv')\"" -- \
        env CYCLEMAP_NO_PROGRESS=1 python -m cyclemap survey stats bench.yaml a.csv
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IDS = ["arrive", "wait", "served", "pay", "leave", "call", "mail", "desk"]
CYCLE = "cyclemap: 1\ntitle: Bench\nmoments:\n" + "".join(
    f"  - {{id: {i}, name: Moment {i}, kind: routine}}\n" for i in IDS)


def write_file(path: Path, answers: int) -> None:
    rng = random.Random(1)
    values = [str(v) for v in rng.choices([1, 2, 3, 4, 5], k=10007)]
    with open(path, "w", encoding="utf-8") as out:
        out.write("moment,rating,respondent\n")
        block = []
        for i in range(answers):
            block.append(f"{IDS[i % 8]},{values[i % 10007]},r{i // 8}\n")
            if len(block) == 100_000:
                out.write("".join(block))
                block = []
        out.write("".join(block))


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time and peak RSS (KB) of one run of `cmd` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CYCLEMAP_NO_PROGRESS": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, rc)")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, env=env, check=True)
    took, cpu, rss, rc = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"{cmd} exited {rc}")
    return float(took), float(cpu), int(rss)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000_000, 10_000_000]
    python = sys.executable
    print("| answers | file | cyclemap CPU | pandas CPU | CPU ratio | cyclemap wall | pandas wall | wall ratio "
          "| cyclemap peak memory | pandas peak memory |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "cyclemap")], check=True, capture_output=True)
    with tempfile.TemporaryDirectory() as tmp:
        cycle = Path(tmp) / "bench.yaml"
        cycle.write_text(CYCLE, encoding="utf-8")
        for n in sizes:
            data = Path(tmp) / f"answers-{n}.csv"
            write_file(data, n)
            ours, theirs = [], []
            for _ in range(5):  # in turn, so a drift of the machine's speed touches both
                ours.append(timed([python, "-m", "cyclemap", "survey", "stats", str(cycle), str(data)]))
                theirs.append(timed([python, "-c", f"import pandas; pandas.read_csv({str(data)!r})"]))
            wa, wb = (statistics.median(r[0] for r in runs) for runs in (ours, theirs))
            ca, cb = (statistics.median(r[1] for r in runs) for runs in (ours, theirs))
            print(f"| {n:,} | {data.stat().st_size / 1e6:.0f} MB | {ca:.2f} s | {cb:.2f} s | {ca / cb:.2f}× | "
                  f"{wa:.2f} s | {wb:.2f} s | {wa / wb:.2f}× | "
                  f"{max(r[2] for r in ours) / 1024:.0f} MB | {max(r[2] for r in theirs) / 1024:.0f} MB |", flush=True)
            data.unlink()


if __name__ == "__main__":
    main()
