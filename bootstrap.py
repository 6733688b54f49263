#!/usr/bin/env python3
"""Set up and run cyclemap with nothing but Python 3.11+.

    python3 bootstrap.py demo    # make .venv, install cyclemap, draw a bundled example to out/ and criticise it
    python3 bootstrap.py test    # make .venv, install cyclemap with its test tools, run the tests

The virtual environment lives in .venv and is reinstalled only when pyproject.toml changes.
`demo` installs what the demo needs (cyclemap itself); `test` adds the extras and the test
tools (a browser driver, a packaging tool...) and runs both tiers of the suite, the default
one then the slow one. Extra arguments after `test` go to pytest instead (e.g.
`python3 bootstrap.py test tests/test_check.py`, or `-m slow` for the slow tier alone).
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


# What each command installs: the demo only cyclemap, the tests its extras and tools too.
PROFILES = {"demo": "", "test": "[test]"}


def ensure_venv(profile: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("cyclemap needs Python 3.11 or newer (this is %d.%d)" % sys.version_info[:2])
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    done = STAMP.read_text().split() if PYTHON.exists() and STAMP.exists() else []
    if done[:1] == [wanted] and (profile in done[1:] or "test" in done[1:]):  # the tests' install has the demo's
        return
    if not PYTHON.exists():
        print("bootstrap: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    what = "cyclemap" if profile == "demo" else "cyclemap with its extras and test tools"
    print(f"bootstrap: installing {what} into .venv", flush=True)
    # --disable-pip-version-check: no upgrade notice; the pip that comes with Python installs us.
    # setuptools' banner about editable installs speaks to packagers, not to a newcomer: not shown.
    # --no-compile: modules are compiled when first imported (only those used), not all at install.
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "--no-input", "install", "--quiet", "--no-compile"]
    quiet = {**os.environ, "PYTHONWARNINGS": "ignore:Editable installation"}
    subprocess.run([*pip, "-e", f"{ROOT}{PROFILES[profile]}"], check=True, env=quiet)
    STAMP.write_text(" ".join([wanted, *sorted(set(done[1:] if done[:1] == [wanted] else []) | {profile})]))


def run(args: list[str]) -> int:
    return subprocess.run(args, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    if command not in ("demo", "test"):
        print(__doc__)
        return 2
    ensure_venv(command)
    if command == "test":
        if argv[1:]:  # as asked: one file (`tests/test_check.py`), the slow tier (`-m slow`)...
            return run([str(PYTHON), "-m", "pytest", *argv[1:]])
        # The whole suite in parallel: the default tier, then the slow one (browsers,
        # packaging, installs, large inputs, every documented command); both must pass.
        # worksteal: a worker that runs out takes tests queued for the other, so both stay
        # busy to the end (the tests' lengths differ by a hundredfold).
        fast = run([str(PYTHON), "-m", "pytest", "-n", "auto", "--dist", "worksteal"])
        slow = run([str(PYTHON), "-m", "pytest", "-n", "auto", "--dist", "worksteal", "-m", "slow"])
        return fast or slow
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
