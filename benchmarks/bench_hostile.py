"""Benchmark 6: the hostile corpus (`hostile.py`): every file checked by a fresh
`cyclemap check`, its outcome compared with the expected one, and its time and peak
memory with the case's bounds.

    python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
from pathlib import Path

from _bench import Row, cyclemap, header, run_once
from hostile import cases


def digest(path: Path) -> str:
    """The file's SHA-256, read in chunks (holding a 50 MB file here would inflate every
    child's measured memory: see _bench.run_once)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run(runs: int = 1) -> list[Row]:
    header("6. hostile files: outcome, time and peak memory of `cyclemap check FILE`")
    rows = []
    with tempfile.TemporaryDirectory(prefix="cyclemap-hostile-") as tmp:
        folder = Path(tmp)
        for case in cases(folder):
            path = folder / f"{case.name}.yaml"
            case.make(path)
            before = digest(path)
            measured = [run_once(cyclemap() + ["check", str(path)]) for _ in range(max(1, runs))]
            worst_time = max(r.seconds for r in measured)
            worst_mem = max(r.max_rss_mb for r in measured)
            codes = {r.code for r in measured}
            ok = (codes == {case.exit} and worst_time <= case.seconds and worst_mem <= case.megabytes
                  and digest(path) == before and not (folder / "pwned").exists())
            size = path.stat().st_size
            print(f"  {case.name:<28} {size / 1e6:8.2f} MB  exit {sorted(codes)} (expected {case.exit})"
                  f"  {worst_time:6.2f} s (bound {case.seconds:g})  {worst_mem:6.1f} MB (bound {case.megabytes:g})"
                  f"  {'ok' if ok else 'FAILED'}", flush=True)
            rows.append(Row("6 hostile", f"{case.name}: {case.what}",
                            f"exit {'/'.join(map(str, sorted(codes)))}, {worst_time:.2f} s, {worst_mem:.0f} MB",
                            f"exit {case.exit}, <= {case.seconds:g} s, <= {case.megabytes:g} MB", ok))
            path.unlink()
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    run(parser.parse_args().runs)
