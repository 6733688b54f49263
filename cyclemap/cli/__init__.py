"""The command line: options in, exit codes out. Each command lives in its own module
here and imports the heavy parts (networkx, graphviz, rich) only when it runs."""

from __future__ import annotations

import importlib
import signal

import typer

from cyclemap.cli.common import lazy_commands
from cyclemap.cli.frame import app  # noqa: F401  (the application; tests drive it in-process)
from cyclemap.cli.usage import failure_exit, safe_streams

# {command: the module that registers it on `app`}, in the order of `cyclemap --help`.
COMMANDS = {
    "check": "check_cmd", "compare": "compare_cmd", "critique": "critique_cmd", "deck": "deck_cmd",
    "diff": "diff_cmd", "export": "export_cmd", "handout": "handout_cmd", "init": "init_cmd",
    "lsp": "lsp_cmd", "overview": "overview_cmd", "render": "render_cmd", "rules": "rules_cmd",
    "explain": "rules_cmd", "schema": "schema_cmd", "serve": "serve_cmd", "survey": "survey_cmd",
}


def _build(name: str):
    """The command `name`, its module imported now. Start-up measured the need
    (benchmarks/RESULTS.md, issue 26): importing all sixteen command modules and building
    every command's options took about 35 ms of the 240 ms of cyclemap's own time in a
    `check` of one file; a run now builds the one command it runs (`--help` lists all)."""
    importlib.import_module(f"{__name__}.{COMMANDS[name]}")
    info = next(i for i in app.registered_commands if i.name == name)
    one = typer.Typer(rich_markup_mode=app.rich_markup_mode, pretty_exceptions_short=app.pretty_exceptions_short,
                      add_completion=False)
    one.registered_commands.append(info)
    return typer.main.get_command(one)


lazy_commands({name: (lambda name=name: _build(name)) for name in COMMANDS})


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
