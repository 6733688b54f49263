"""Benchmark 4: `cyclemap render` of a 200- and a 1,000-moment cycle to SVG, in every
layout, side by side with the floor a user would compare it with: `cyclemap check` of the
same file plus the system `dot` on the plain chain of its moments (`m0 -> m1 -> ...`), the
least any tool that checks a cycle and draws its moments must do. Goal: render at most
1.5x the floor (issue 23), and the ratio no worse at 1,000 moments than at 200 (cost grows
no faster than the cycle).

(The benchmark once compared render with the Graphviz program cyclemap itself ran on its
own DOT; when that program became slow, the ratio stayed near 1 and hid the loss.)
Needs the system Graphviz (`apt-get install graphviz`); skipped with a message without it.

    python benchmarks/bench_render.py [--runs 5] [--moments 200 1000] [--split auto|never]

`--split never` times one drawing of the whole cycle (the comparison the goal is about);
the default, `auto`, is what `render` does by default: a picture too large to print at
8 pt is drawn again as sheets (each measured with Graphviz), which costs one more drawing
per sheet (14-17 sheets for the 200-moment flow).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from _bench import Row, cyclemap, header, side_by_side
from generate import generate_cycle

LAYOUTS = ("flow", "clock", "blueprint")
GOAL = 1.5


def chain(n: int) -> str:
    """The plain chain of `n` moments: what any drawing of the cycle must at least lay out."""
    return "digraph {" + "".join(f"m{i} -> m{i + 1};" for i in range(n - 1)) + "}\n"


def run(runs: int = 5, sizes: tuple[int, ...] = (200, 1000), split: str = "auto") -> list[Row]:
    header(f"4. render vs the floor (check + dot on the plain chain), {', '.join(map(str, sizes))} moments, "
           f"{runs} runs each, --split {split}")
    if shutil.which("dot") is None:
        print("  skipped: the system Graphviz (`dot`) is not installed (apt-get install graphviz)")
        return [Row("4 render", "render / floor", "skipped (no system Graphviz)", f"<= {GOAL}x", None)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="cyclemap-bench-") as tmp:
        for n in sizes:
            source = Path(tmp) / f"cycle{n}.yaml"
            source.write_text(generate_cycle(n), encoding="utf-8")
            plain = Path(tmp) / f"chain{n}.dot"
            plain.write_text(chain(n), encoding="utf-8")
            floor = "check + dot (floor)"
            floor_cmd = ["sh", "-c", " ".join([*map(_quote, cyclemap()), "check", _quote(str(source)), "-q",
                                               ">/dev/null;", "dot", "-Tsvg", _quote(str(plain)), "-o", "/dev/null"])]
            for layout in LAYOUTS:
                render = f"render --layout {layout} ({n})"
                m = side_by_side({
                    render: cyclemap() + ["render", str(source), "-o", str(Path(tmp) / "x.svg"), "--layout", layout,
                                          "--engine", "system", "--split", split],
                    floor: floor_cmd,
                }, runs, warmup=1)
                ratio = m[render].median / m[floor].median
                print(f"  {n} moments, {layout}: render {m[render].median:.2f} s vs floor {m[floor].median:.2f} s "
                      f"= {ratio:.2f}x")
                rows.append(Row("4 render", f"{n} moments, {layout} (--split {split}): {m[render].median:.2f} s vs floor "
                                f"{m[floor].median:.2f} s", f"{ratio:.2f}x", f"<= {GOAL}x", ratio <= GOAL))
    return rows


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--moments", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--split", choices=("auto", "never"), default="auto")
    args = parser.parse_args()
    run(args.runs, tuple(args.moments), args.split)
