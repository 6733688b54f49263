#!/usr/bin/env python3
"""Set up and run cyclemap with nothing but Python 3.11+.

    python3 bootstrap.py demo    # make .venv, install cyclemap, draw a bundled example to out/ and criticise it
    python3 bootstrap.py test    # make .venv, install cyclemap with its test tools, run the tests

The virtual environment lives in .venv and is reinstalled only when pyproject.toml changes.
Extra arguments after `test` go to pytest (e.g. `python3 bootstrap.py test -k loader`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".cyclemap-installed"


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("cyclemap needs Python 3.11 or newer (this is %d.%d)" % sys.version_info[:2])
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print("bootstrap: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("bootstrap: installing cyclemap and its test tools into .venv", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def run(args: list[str]) -> int:
    return subprocess.run(args, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    if command not in ("demo", "test"):
        print(__doc__)
        return 2
    ensure_venv()
    if command == "test":
        workers = [] if argv[1:] else ["-n", "auto"]  # the whole suite in parallel; one file as asked
        return run([str(PYTHON), "-m", "pytest", *workers, *argv[1:]])
    example = argv[1] if len(argv) > 1 else "examples/banco.yaml"
    (ROOT / "out").mkdir(exist_ok=True)
    drawing = f"out/{Path(example).stem}.svg"
    # Draw it (system Graphviz if installed, else the built-in WebAssembly one), then criticise it.
    code = run([str(PYTHON), "-m", "cyclemap", "render", example, "-o", drawing])
    if code == 0:
        print(f"bootstrap: drew {drawing}", flush=True)
    return run([str(PYTHON), "-m", "cyclemap", "critique", example]) or code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
