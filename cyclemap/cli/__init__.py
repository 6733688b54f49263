"""The command line: options in, exit codes out. Each command lives in its own module
here and imports the heavy parts (networkx, graphviz, rich) only when it runs."""

from __future__ import annotations

import signal

from cyclemap.cli.frame import app  # noqa: F401  (the application; tests drive it in-process)
from cyclemap.cli.usage import failure_exit, safe_streams

# Importing a command module registers its command on `app`.
from cyclemap.cli import (  # noqa: F401
    check_cmd, compare_cmd, critique_cmd, deck_cmd, diff_cmd, export_cmd, handout_cmd, init_cmd, lsp_cmd,
    overview_cmd, render_cmd, rules_cmd, schema_cmd, serve_cmd, survey_cmd,
)


def _terminated(signum, frame):  # noqa: ARG001
    """SIGTERM (or SIGHUP) becomes an exception, so the same clean-up as Ctrl-C runs: the
    temporary file removed, the old output kept, a browser closed (docs/security.md)."""
    raise SystemExit(128 + signum)


def main() -> None:
    """The console script and `python -m cyclemap`: one treatment of stream encodings,
    broken pipes, Ctrl-C and termination for every command (each command's own failures
    are mapped to exit codes by `common.guarded`, which calls `usage.failure_exit`)."""
    safe_streams()
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a KeyboardInterrupt from here on
        signal.signal(signal.SIGTERM, _terminated)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, _terminated)
    except (ValueError, OSError):
        pass
    try:
        # One name in usage lines and shell completion, however it was started
        # (`cyclemap`, `python -m cyclemap`).
        app(prog_name="cyclemap")
    except (BrokenPipeError, KeyboardInterrupt) as exc:  # outside a command: parsing, help
        raise SystemExit(failure_exit(exc, debug=False))
