"""Benchmark 3: `cyclemap check` of a generated cycle of 100, 1,000 and 10,000 moments:
time and peak memory of the whole process, against the floor, PyYAML's C loader
reading the same file (`yaml.load(text, Loader=yaml.CSafeLoader)`), measured both in
process (the parse alone) and as a whole process. Goals: 1,000 -> 10,000 moments grows
<= 11x (about linear); a check of 10,000 moments <= 0.5x the whole C-loader process.

    python benchmarks/bench_size.py [--runs 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from _bench import Row, cyclemap, env, header, side_by_side
from generate import generate_cycle

SIZES = (100, 1000, 10000)

PARSE_IN_PROCESS = """
import statistics, sys, time, yaml
text = open(sys.argv[1], encoding="utf-8").read()
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    yaml.load(text, Loader=yaml.CSafeLoader)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""
PARSE_PROCESS = "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)"


def run(runs: int = 5) -> list[Row]:
    header(f"3. check of a generated cycle of {', '.join(f'{n:,}' for n in SIZES)} moments, {runs} runs each")
    rows: list[Row] = []
    check_median: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="cyclemap-bench-") as tmp:
        for n in SIZES:
            path = Path(tmp) / f"cycle-{n}.yaml"
            path.write_text(generate_cycle(n), encoding="utf-8")
            size_mb = path.stat().st_size / 1e6
            print(f" {n:,} moments ({size_mb:.2f} MB):")
            m = side_by_side({
                f"check {n:,}": cyclemap() + ["check", str(path)],
                f"python: yaml.load CSafeLoader {n:,}": [sys.executable, "-c", PARSE_PROCESS, str(path)],
            }, runs, warmup=1)
            parse = float(subprocess.run([sys.executable, "-c", PARSE_IN_PROCESS, str(path), str(max(1, runs // 2))],
                                         capture_output=True, text=True, env=env(), check=True).stdout)
            check = m[f"check {n:,}"]
            floor = m[f"python: yaml.load CSafeLoader {n:,}"]
            check_median[n] = check.median
            ratio_10k = check.median / floor.median
            print(f"  yaml.load CSafeLoader in process (parse only): {parse * 1000:.0f} ms;"
                  f" check / parse-only {check.median / parse:.2f}x, check / parse process {check.median / floor.median:.2f}x")
            rows.append(Row("3 size", f"{n:,} moments ({size_mb:.1f} MB): check {check.median:.2f} s, peak "
                            f"{check.max_rss_mb:.0f} MB; C-loader parse {parse:.2f} s in process, "
                            f"{floor.median:.2f} s / {floor.max_rss_mb:.0f} MB as a process",
                            f"{check.median / floor.median:.2f}x the parse process", "-", None))
    growth = check_median[10000] / check_median[1000]
    print(f"  growth 1,000 -> 10,000 moments: {growth:.1f}x; 10,000 moments: {check_median[10000]:.2f} s")
    rows.append(Row("3 size", "growth of check time, 1,000 -> 10,000 moments", f"{growth:.1f}x", "<= 11x", growth <= 11))
    rows.append(Row("3 size", "check of 10,000 moments / C-loader `yaml.load` process on the same file",
                    f"{ratio_10k:.2f}x", "<= 0.5x", ratio_10k <= 0.5))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    run(parser.parse_args().runs)
