"""The program's entry point (the `cyclemap` console script and `python -m cyclemap`).

Only here, when cyclemap is the program, does it take over Ctrl-C and SIGTERM: while the
command line is still starting — importing its libraries, before anything is read or
written — either ends it quietly with 130 (143), not with a traceback. Only here, too,
does it tune the garbage collector for a short run (`main`). A library or a
test runner that imports cyclemap keeps its own handlers. `cyclemap.cli.main` puts the
usual handling back once it runs (docs/security.md, "Signals")."""

from __future__ import annotations

import gc
import os
import signal


def _leave(signum, frame):  # noqa: ARG001
    os._exit(128 + signum)


def main() -> None:
    # One short run that keeps what it reads until it reports: with the collector's default
    # thresholds, each collection walks everything read so far again (checking 1,000 files:
    # about 1.2 s of 4.4 s of processor time, issue 26). Reference counting frees nearly
    # everything; the collector still runs, a few hundred times less often (as mypy does).
    gc.set_threshold(200_000, 30, 30)
    try:
        signal.signal(signal.SIGINT, _leave)
        signal.signal(signal.SIGTERM, _leave)
    except (ValueError, OSError):  # not the main thread, or no such signal here
        pass
    # Imported here, after the handlers: loading the command line (Typer, every command)
    # is the part of start-up a Ctrl-C must not turn into a traceback.
    from cyclemap.cli import main as run

    run()
