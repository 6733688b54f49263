"""What every command shares: the help language, shared options, exit codes, and the
guard that turns any failure into a clear message instead of a traceback."""

from __future__ import annotations

import functools
from typing import Annotated, Callable, Optional

import typer

# Exit codes, help language, UsageError and check_lang live in `cyclemap.cli.usage` (no Typer
# there, so the fast start-up path can use them); imported here for every command.
from cyclemap.cli.usage import (  # noqa: E402,F401
    EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, check_choice, check_lang, check_ratings,
    fail, failure_exit, h, help_lang,
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


# -- options shared by check, critique (and render, handout): rules, settings, ratings ---

SelectOption = Annotated[
    Optional[str],
    typer.Option("--select", metavar="CODES", help=h(
        "Run only these rules (comma-separated codes, e.g. CM104,CM105); replaces `select` from the settings file.",
        "Ejecuta solo estas reglas (códigos separados por comas, p. ej. CM104,CM105); reemplaza `select` del archivo de configuración.")),
]
IgnoreOption = Annotated[
    Optional[str],
    typer.Option("--ignore", metavar="CODES", help=h(
        "Skip these rules (comma-separated codes); replaces `ignore` from the settings file.",
        "Omite estas reglas (códigos separados por comas); reemplaza `ignore` del archivo de configuración.")),
]
ConfigOption = Annotated[
    Optional[str],
    typer.Option("--config", metavar="FILE", help=h(
        "Settings file to use (.cyclemap.yaml or pyproject.toml) instead of searching up from each cycle's folder.",
        "Archivo de configuración a usar (.cyclemap.yaml o pyproject.toml) en vez de buscarlo hacia arriba desde la carpeta de cada ciclo.")),
]
RatingsOption = Annotated[
    Optional[str],
    typer.Option("--ratings", metavar="FILE.csv|.xlsx", help=h(
        "Survey answers (.csv or .xlsx; one row per answer, or per respondent with a column per moment) to merge into the scores at run time; the YAML is not changed.",
        "Respuestas de encuesta (.csv o .xlsx; una fila por respuesta, o por encuestado con una columna por momento) que se combinan con las puntuaciones al ejecutar; el YAML no cambia.")),
]
SegmentOption = Annotated[
    Optional[str],
    typer.Option("--segment", metavar="VALUE", help=h(
        "With --ratings: use only the answers of this segment (the ratings file's `segment` column).",
        "Con --ratings: usa solo las respuestas de este segmento (la columna `segment` del archivo de calificaciones).")),
]
