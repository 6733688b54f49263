"""Linear time on user text (issue 27): the live page's and the deck's old sentence
rebuilder on a pasted token (a long run of letters) in a moment's name, and the time to
refuse the hostile workbooks of the issue. The rebuilder itself is gone (issue 20: the deck
and the live page read the critique's one client list and rewrite no text), so only its
"before" cost is shown, as the record of what the attack found.

    python benchmarks/bench_linear.py

The "before" patterns are those of the release the outside attack ran on, copied here;
"after" is the installed package. Each figure is the median of 3 runs, in seconds; a
before-run that passes 20 s is stopped and shown as "> 20".
"""

from __future__ import annotations

import re
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

BEFORE_CHAIN = re.compile(r"[A-Za-z0-9_-]+(?: → [A-Za-z0-9_-]+)+")  # serve/views.py and deck, before
LIMIT = 20.0


class _Slow(Exception):
    pass


def timed(run) -> float:
    def alarm(*_):
        raise _Slow

    signal.signal(signal.SIGALRM, alarm)
    times = []
    for _ in range(3):
        signal.setitimer(signal.ITIMER_REAL, LIMIT)
        start = time.perf_counter()
        try:
            run()
        except _Slow:
            return float("inf")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def shown(seconds: float) -> str:
    return f"> {LIMIT:.0f}" if seconds == float("inf") else f"{seconds:.4f}"


def main() -> None:
    print("| letters in the name | before (s) | after |")
    print("|---:|---:|---|")
    for size in (16_000, 48_000):
        text = "a" * size
        before = timed(lambda: BEFORE_CHAIN.sub("x", text))
        print(f"| {size:,} | {shown(before)} | no rewriting (the client list) |")

    from test_workbook_limits import SHEET_HEAD, SST_HEAD, answers_sheet, workbook

    from cyclemap.format.ratings import load_ratings
    from cyclemap.format.reader import read_text

    cycle = read_text("cyclemap: 1\ntitle: T\nmoments:\n  - {id: a, name: A, kind: critical}\n"
                         "  - {id: b, name: B, kind: routine}\n").cycle
    print()
    print("| hostile workbook | size | refused in (s) |")
    print("|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        books = {
            "declares the last cell": workbook(tmp / "a.xlsx", [
                SHEET_HEAD, '<dimension ref="A1:XFD1048576"/><sheetData>'
                '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>']),
            "12 M shared strings": workbook(tmp / "b.xlsx", answers_sheet([["moment", "rating"]]),
                                            [SST_HEAD + ">"] + ["<si><t/></si>" * 100_000] * 120 + ["</sst>"]),
            "10 M blank rows": workbook(tmp / "c.xlsx", [SHEET_HEAD, "<sheetData>"] + ["<row/>" * 1_000_000] * 10
                                        + ["</sheetData></worksheet>"]),
        }
        for what, path in books.items():
            seconds = timed(lambda: load_ratings(str(path), cycle))
            print(f"| {what} | {path.stat().st_size / 1024:,.0f} KB | {shown(seconds)} |")


if __name__ == "__main__":
    main()
