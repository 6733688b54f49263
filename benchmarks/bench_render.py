"""Benchmark 4: `cyclemap render` of a 200-moment cycle to SVG vs the bare Graphviz
program on the DOT cyclemap produced (`cyclemap render f.yaml -o f.dot`, then
`neato -Tsvg f.dot`: the program cyclemap runs for that layout). Goal: cyclemap's own share
(render minus the bare program) at most 0.15 s.
Needs the system Graphviz (`apt-get install graphviz`); skipped with a message without it.

    python benchmarks/bench_render.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from _bench import Row, cyclemap, env, header, side_by_side
from generate import generate_cycle

def program_for(layout: str) -> str:
    """The Graphviz program cyclemap itself runs for `layout` in the default (client)
    view, so that both sides of the ratio lay out the very same graph."""
    from cyclemap.outputs.render.dot import layout_program

    return layout_program(layout, "client")


LAYOUTS = {layout: program_for(layout) for layout in ("flow", "clock")}


def run(runs: int = 5, moments: int = 200) -> list[Row]:
    header(f"4. render a {moments}-moment cycle to SVG vs bare Graphviz on its DOT, {runs} runs each")
    if shutil.which("dot") is None:
        print("  skipped: the system Graphviz (`dot`) is not installed (apt-get install graphviz)")
        return [Row("4 render", "render - bare Graphviz", "skipped (no system Graphviz)", "<= 0.15 s", None)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="cyclemap-bench-") as tmp:
        source = Path(tmp) / "cycle.yaml"
        source.write_text(generate_cycle(moments), encoding="utf-8")
        for layout, program in LAYOUTS.items():
            dot_file = Path(tmp) / f"{layout}.dot"
            made = subprocess.run(cyclemap() + ["render", str(source), "-o", str(dot_file), "--layout", layout],
                                  env=env(), capture_output=True, text=True)
            if made.returncode != 0 or not dot_file.exists():
                print(f"  skipped {layout}: `cyclemap render ... -o {dot_file.name}` failed: {made.stderr.strip()[:300]}")
                rows.append(Row("4 render", f"{layout} layout", "skipped (render failed)", "<= 0.15 s", None))
                continue
            render = f"cyclemap render --layout {layout} -o x.svg"
            bare = f"{program} -Tsvg {layout}.dot -o y.svg"
            m = side_by_side({
                render: cyclemap() + ["render", str(source), "-o", str(Path(tmp) / "x.svg"), "--layout", layout,
                                      "--engine", "system"],
                bare: [program, "-Tsvg", str(dot_file), "-o", str(Path(tmp) / "y.svg")],
            }, runs, warmup=1)
            ratio = m[render].median / m[bare].median
            over = m[render].median - m[bare].median
            print(f"  ratio render / {program}: {ratio:.2f}x  (cyclemap's own share: {over * 1000:.0f} ms)")
            rows.append(Row("4 render", f"{layout} layout: render {m[render].median:.2f} s ({ratio:.2f}x) vs bare "
                            f"`{program}` {m[bare].median:.2f} s", f"+{over:.2f} s", "<= 0.15 s", over <= 0.15))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--moments", type=int, default=200)
    args = parser.parse_args()
    run(args.runs, args.moments)
