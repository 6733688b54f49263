"""What every command shares: the help language, shared options, exit codes, and the
guard that turns any failure into a clear message instead of a traceback."""

from __future__ import annotations

import functools
import os
import sys
from typing import Annotated, Callable, Optional

import typer

# Exit codes, help language, UsageError and check_lang live in `cyclemap.usage` (no Typer
# there, so the fast start-up path can use them); imported here for every command.
from cyclemap.usage import (  # noqa: E402,F401
    EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, check_lang, fail, failure_exit, h,
    help_lang,
)


LangOption = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="es|en", help=h(
        "Language of messages and reports (default: the cycle's `language`, else English).",
        "Idioma de mensajes e informes (por defecto: el `language` del ciclo, si no, inglés).")),
]
DebugOption = Annotated[
    bool,
    typer.Option("--debug", help=h("Show a Python traceback on internal errors.",
                                   "Muestra la traza de Python en los errores internos.")),
]


def guarded(func: Callable) -> Callable:
    """Run a command; map UsageError to exit 2 and any crash to exit 3 with a short message
    (the traceback only with --debug)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        debug = bool(kwargs.get("debug"))
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except (Exception, KeyboardInterrupt) as exc:  # the promise: never a traceback unless asked for
            raise typer.Exit(failure_exit(exc, debug))

    return wrapper
