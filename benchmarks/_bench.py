"""What every benchmark shares: the commands under test, a timer that runs whole
processes side by side and reports medians, peak memory per process, and the result
rows that `run_all.py` prints.

Only the standard library: the benchmarks run from a clean clone with the project's
own virtual environment (`python3 bootstrap.py test` installs cyclemap and yamllint).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "banco.yaml"


def env() -> dict[str, str]:
    """The environment for every command: this checkout's cyclemap first on the path,
    fixed language, no colour."""
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.update({"CYCLEMAP_LANG": "en", "NO_COLOR": "1", "LC_ALL": "C.UTF-8"})
    # Let Python cache compiled modules (__pycache__), as every installed package has them
    # (pip compiles on install; yamllint's are there): with PYTHONDONTWRITEBYTECODE set,
    # a checkout's modules would be compiled from source on every run and only ours would pay.
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    return e


def cyclemap() -> list[str]:
    """The project's command, run by this Python (`python -m cyclemap` is what the
    installed `cyclemap` script runs, minus a few ms of console-script wrapper)."""
    return [sys.executable, "-m", "cyclemap"]


def yamllint() -> list[str] | None:
    """yamllint from the same environment, or None when it is not installed."""
    beside = Path(sys.executable).parent / "yamllint"
    if beside.exists():
        return [str(beside)]
    try:
        import yamllint as _  # noqa: F401
    except ImportError:
        found = shutil.which("yamllint")
        return [found] if found else None
    return [sys.executable, "-m", "yamllint"]


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    code: int
    cpu: float = 0.0  # processor seconds (user + system): what a busy machine does not inflate


# A small Python process forks and execs the command and reports its wall time and peak
# memory. Why not Popen from here: on Linux a child's peak RSS (ru_maxrss) starts from
# the memory of the process that forked it, so children of a benchmark that holds big
# test files would all report the benchmark's own size. This helper is small and fresh.
_MEASURE = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
print(elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime)
"""


def run_once(cmd: list[str], cwd: Path | None = None, extra_env: dict | None = None) -> Run:
    """One whole process: its wall time (from fork to exit, without the helper's own
    start) and its peak resident memory."""
    e = env()
    e.update(extra_env or {})
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], cwd=cwd or ROOT, env=e,
                         capture_output=True, text=True, check=True).stdout.split()
    elapsed, rss, code, cpu = float(out[0]), int(out[1]), int(out[2]), float(out[3])
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    return Run(elapsed, rss / (1024 * 1024 if sys.platform == "darwin" else 1024), code, cpu)


@dataclass
class Measure:
    name: str
    runs: list[Run]

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def median_cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def max_rss_mb(self) -> float:
        return max(r.max_rss_mb for r in self.runs)

    @property
    def codes(self) -> set[int]:
        return {r.code for r in self.runs}

    def line(self) -> str:
        return (f"  {self.name:<44} median {ms(self.median):>10}  best {ms(self.best):>10}  "
                f"peak {self.max_rss_mb:6.1f} MB  exit {sorted(self.codes)}")


def side_by_side(commands: dict[str, list[str]], runs: int, warmup: int = 2,
                 cwd: Path | None = None, envs: dict[str, dict] | None = None) -> dict[str, Measure]:
    """Run the commands in turn (A B C A B C ...) so that a busy machine slows them
    alike; warm-up runs first (file cache, .pyc) are not counted."""
    envs = envs or {}
    for _ in range(warmup):
        for name, cmd in commands.items():
            run_once(cmd, cwd, envs.get(name))
    results = {name: Measure(name, []) for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            results[name].runs.append(run_once(cmd, cwd, envs.get(name)))
    for m in results.values():
        print(m.line(), flush=True)
    return results


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


@dataclass
class Row:
    """One figure for RESULTS.md: what was measured, the value, the goal, met or not."""

    benchmark: str
    figure: str
    value: str
    goal: str
    met: bool | None  # None: information only

    def mark(self) -> str:
        return {True: "met", False: "NOT met", None: "-"}[self.met]


def machine() -> str:
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


def header(title: str) -> None:
    print(f"\n== {title} ==", flush=True)
