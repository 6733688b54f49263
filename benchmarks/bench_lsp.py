"""Benchmark 10: `cyclemap lsp`, from a change in the editor to its diagnostics.

Starts a real `cyclemap lsp` process, opens a generated cycle of N moments (default 50),
then sends one-character edits (didChange, incremental: a moment's name changes) and
measures, on this side of the pipe, from just before the notification is written to the
arrival of the publishDiagnostics for that version. Goal: median under 50 ms for 50
moments. The floor it is set beside: the same file judged in-process by the pipeline
`check` uses (`Pipeline.check` on the bytes), the part of the latency that is the check
itself; the rest is the protocol (JSON, the pipe, pygls).

Needs pygls (`pip install 'cyclemap[lsp]'`); says so and skips without it.

    python benchmarks/bench_lsp.py [--runs 40] [--moments 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _bench import ROOT, Row, header
from generate import generate_cycle

GOAL_MS = 50.0


def run(runs: int = 40, moments: int = 50) -> list[Row]:
    header(f"10. lsp: change -> diagnostics, {moments}-moment cycle, {runs} edits")
    try:
        import pygls  # noqa: F401
    except ImportError:
        print("  skipped: pygls is not installed (pip install 'cyclemap[lsp]')")
        return [Row("10 lsp", "change -> diagnostics (median)", "skipped (no pygls)", f"< {GOAL_MS:.0f} ms", None)]
    sys.path.insert(0, str(ROOT))
    from cyclemap.engine.pipeline import Pipeline
    from tests.lsp_client import Client

    text = generate_cycle(moments)
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip().startswith("name:"))
    col = lines[row].index("name:") + len("name: ")
    with tempfile.TemporaryDirectory(prefix="cyclemap-bench-") as tmp:
        path = Path(tmp) / "taller.yaml"
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        client = Client(cwd=tmp)
        latencies: list[float] = []
        try:
            client.start(tmp)
            client.open(uri, text)
            client.diagnostics(uri, 1)
            for i in range(runs + 3):  # the first three warm up
                version = i + 2
                edit = {"start": {"line": row, "character": col}, "end": {"line": row, "character": col + 1}}
                started = time.perf_counter()
                client.change(uri, version, "ABCDEFGHIJ"[i % 10], edit)
                client.diagnostics(uri, version)
                if i >= 3:
                    latencies.append((time.perf_counter() - started) * 1000)
        finally:
            client.close()
        pipeline = Pipeline()
        data = text.encode()
        pipeline.check(str(path), data=data)
        floor = []
        for _ in range(runs):
            started = time.perf_counter()
            pipeline.check(str(path), data=data)
            floor.append((time.perf_counter() - started) * 1000)
    median = statistics.median(latencies)
    check = statistics.median(floor)
    print(f"  change -> diagnostics: median {median:.1f} ms, max {max(latencies):.1f} ms  (goal: median < {GOAL_MS:.0f} ms)")
    print(f"  the check alone, in-process (the floor): median {check:.1f} ms  -> the server costs "
          f"{median / check:.2f}x the check it runs")
    return [Row("10 lsp", f"change -> diagnostics ({moments} moments, median)", f"{median:.1f} ms",
                f"< {GOAL_MS:.0f} ms", median < GOAL_MS)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--moments", type=int, default=50)
    args = parser.parse_args()
    run(args.runs, args.moments)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
