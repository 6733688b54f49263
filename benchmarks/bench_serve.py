"""Benchmark 7: `cyclemap serve`, from a file's save to the new picture in the page.

Starts `cyclemap serve` (embedded engine, warm) on a 16-moment cycle, opens its page in
a headless Chromium (playwright, as the tests do), then saves the file again and again,
each time with a new name for one moment, and measures from just before the write to
the moment the page has swapped the new diagram in (the page stamps that time with
`performance.timeOrigin + performance.now()`; both clocks are this machine's). Goal:
median under 150 ms. Also prints the server's own figures from the page's debug line:
saved -> ready (the watcher, the check and the drawing), check and draw times, and
ready -> shown (the push, the fetch and the swap in the page).

Needs Chromium (Debian: apt-get install chromium; or set CYCLEMAP_CHROMIUM) and the
`playwright` package (in the test extra); says so and skips without them.

    python benchmarks/bench_serve.py [--runs 30] [--moments 16] [--layout clock]
"""

from __future__ import annotations

import argparse
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _bench import ROOT, Row, cyclemap, env, header
from generate import generate_cycle

GOAL_MS = 150.0
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DEBUG = re.compile(r"saved → ready (\d+) ms \(check ([\d.]+) ms, draw ([\d.]+) ms\) · shown (\d+) ms")


def _start(path: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(cyclemap() + ["serve", str(path), "--port", "0", "--engine", "embedded", "--lang", "en"], cwd=ROOT,
                            env=env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    found: list[str] = []
    ready = threading.Event()

    def read():
        for line in proc.stderr:
            match = re.search(r"http://\S+/", line)
            if match and not found:
                found.append(match.group(0))
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(60) or not found:
        proc.kill()
        raise RuntimeError("cyclemap serve did not start")
    return proc, found[0].rstrip("/")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(runs: int = 30, moments: int = 16, layout: str = "clock", neighbour: int = 0) -> list[Row]:
    beside = f", a {neighbour}-moment neighbour saved just before each save" if neighbour else ""
    header(f"7. serve: save -> new picture in the page, {moments}-moment cycle, {layout} layout, {runs} saves{beside}")
    try:
        from playwright.sync_api import sync_playwright

        from cyclemap.outputs.handout.pdf import chromium_path
    except ImportError:
        print("  skipped: playwright is not installed (pip install playwright)")
        return [Row("7 serve", "save -> picture (median)", "skipped (no playwright)", f"< {GOAL_MS:.0f} ms", None)]
    chromium = chromium_path()
    if chromium is None:
        print("  skipped: no Chromium (apt-get install chromium, or set CYCLEMAP_CHROMIUM)")
        return [Row("7 serve", "save -> picture (median)", "skipped (no Chromium)", f"< {GOAL_MS:.0f} ms", None)]

    base = generate_cycle(moments)
    first_name = re.search(r'name: ("[^"]*"|.*)', base).group(1)
    with tempfile.TemporaryDirectory(prefix="cyclemap-bench-") as tmp:
        source = Path(tmp) / "taller.yaml"
        source.write_text(base, encoding="utf-8")
        big = Path(tmp) / "vecino.yaml"
        big_text = generate_cycle(neighbour, seed=1) if neighbour else ""
        if neighbour:
            big.write_text(big_text, encoding="utf-8")
        proc, url = _start(Path(tmp) if neighbour else source)
        latencies: list[float] = []
        figures: list[tuple[float, ...]] = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.set_default_timeout(15_000)
                page.goto(f"{url}/cycle/taller.yaml" + ("" if layout == "clock" else f"?layout={layout}"))
                page.wait_for_function("() => document.body.dataset.live === 'on'")
                for i in range(runs + 3):  # the first three warm the page and the server up
                    marker = f"Momento editado {i:03d}"
                    text = base.replace(f"name: {first_name}", f'name: "{marker}"', 1)
                    time.sleep(0.15)  # apart, so that each save is its own
                    if neighbour:  # the other group saves its big cycle first
                        big.write_text(big_text.replace("name: ", f"name: v{i} ", 1), encoding="utf-8")
                        time.sleep(0.02)
                    saved_at = time.time() * 1000
                    source.write_text(text, encoding="utf-8")
                    # The drawing wraps long names over lines: compare without the spaces.
                    page.wait_for_function(
                        "m => document.querySelector('#diagram').textContent.replace(/\\s+/g, '')"
                        ".includes(m.replace(/\\s+/g, ''))", arg=marker)
                    shown_at = float(page.evaluate("() => document.body.dataset.shownAt"))
                    debug = page.locator("#debug").inner_text()
                    if i < 3:
                        continue
                    latencies.append(shown_at - saved_at)
                    match = DEBUG.search(debug)
                    if match:
                        figures.append(tuple(float(g) for g in match.groups()))
                browser.close()
        finally:
            _stop(proc)

    median = statistics.median(latencies)
    print(f"  save -> new picture in the page: median {median:.0f} ms, p90 {_pct(latencies, 0.9):.0f} ms, "
          f"min {min(latencies):.0f} ms, max {max(latencies):.0f} ms  (goal: median < {GOAL_MS:.0f} ms)")
    if figures:
        ready, check, draw, shown = (statistics.median(col) for col in zip(*figures))
        print(f"  the page's debug line (medians): saved -> ready {ready:.0f} ms (check {check:.1f} ms, "
              f"draw {draw:.1f} ms) · ready -> shown {shown:.0f} ms")
    return [Row("7 serve", f"save -> picture in the page ({moments} moments{beside}, median)", f"{median:.0f} ms",
                f"< {GOAL_MS:.0f} ms", median < GOAL_MS)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--moments", type=int, default=16)
    parser.add_argument("--layout", default="clock", choices=("clock", "flow", "blueprint"))
    parser.add_argument("--neighbour", type=int, default=0, metavar="N",
                        help="also serve an N-moment cycle, saved just before each save of the measured one")
    args = parser.parse_args()
    run(args.runs, args.moments, args.layout, args.neighbour)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
