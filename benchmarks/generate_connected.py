"""A generated repository of connected cycles, for `bench_overview.py` and the tests.

`write_repository(folder, count)` writes `count` cycles of 12 moments (`generate.py`'s):
one in five is an internal cycle (`internal: true`, under `internal/`), the others are
external cycles (under `cycles/`) in which three moments each name an internal moment
behind them (`supported_by: [../internal/unit-0005.yaml#m00003]`). Deterministic for a
seed; only the standard library.

    python benchmarks/generate_connected.py 1000 --out /tmp/org
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from generate import generate_cycle

MOMENTS = 12


def write_repository(folder: Path, count: int, seed: int = 0) -> list[Path]:
    rng = random.Random(seed)
    internal = [k for k in range(count) if k % 5 == 0]
    (folder / "internal").mkdir(parents=True, exist_ok=True)
    (folder / "cycles").mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        text = generate_cycle(MOMENTS, seed=seed + k, title=f"Unidad {k:04d}")
        if k in internal:
            path = folder / "internal" / f"unit-{k:04d}.yaml"
            text = text.replace("customer: Cliente de prueba\n",
                                "customer: Equipo de sucursal (cliente interno)\ninternal: true\n", 1)
        else:
            path = folder / "cycles" / f"unit-{k:04d}.yaml"
            ids = re.findall(r"^  - id: (m\d+)$", text, re.M)
            for moment in rng.sample(ids, 3):
                target = rng.choice(internal)
                link = f"../internal/unit-{target:04d}.yaml#m{rng.randrange(MOMENTS - 2):05d}"
                text = text.replace(f"  - id: {moment}\n", f"  - id: {moment}\n    supported_by: [{link}]\n", 1)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a repository of connected cycles.")
    parser.add_argument("count", type=int)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_repository(args.out, args.count, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
