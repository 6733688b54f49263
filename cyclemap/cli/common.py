"""What every command shares: the help language, shared options, exit codes, and the
guard that turns any failure into a clear message instead of a traceback."""

from __future__ import annotations

import functools
import os
import sys
from typing import Annotated, Callable, Optional

import typer

# Exit codes, as linters use them (README, "Exit codes").
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def help_lang() -> str:
    """Language for --help and usage errors: CYCLEMAP_LANG, else the locale, else English."""
    for var in ("CYCLEMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def h(en: str, es: str) -> str:
    """A help text in the help language."""
    return es if help_lang() == "es" else en


class UsageError(Exception):
    """A problem with how cyclemap was called (bad option, missing path, unwritable output): exit 2."""

    def __init__(self, en: str, es: str):
        super().__init__(en)
        self.en = en
        self.es = es


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


def check_lang(lang: str | None) -> str | None:
    if lang is None:
        return None
    value = lang.strip().lower()
    if value not in ("es", "en"):
        raise UsageError(f"--lang must be es or en, not {lang!r}", f"--lang debe ser es o en, no {lang!r}")
    return value


def fail(message: str) -> None:
    sys.stderr.write(f"cyclemap: {message}\n")


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
        except UsageError as exc:
            fail(exc.es if help_lang() == "es" else exc.en)
            raise typer.Exit(EXIT_USAGE)
        except KeyboardInterrupt:
            raise typer.Exit(130)
        except Exception as exc:  # the promise: never a traceback unless asked for
            if debug:
                raise
            fail(h(f"internal error: {type(exc).__name__}: {exc} (run again with --debug for the traceback, and please report it)",
                   f"error interno: {type(exc).__name__}: {exc} (repita con --debug para ver la traza, y por favor repórtelo)"))
            raise typer.Exit(EXIT_INTERNAL)

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
    typer.Option("--ratings", metavar="FILE.csv", help=h(
        "Survey ratings (moment,rating[,respondent]) to merge into the scores at run time; the YAML is not changed.",
        "Calificaciones de encuesta (momento,calificación[,encuestado]) que se combinan con las notas al ejecutar; el YAML no cambia.")),
]


def config_finder(config: str | None, select: str | None, ignore: str | None):
    """Settings for each file from --config/--select/--ignore and the settings files; a bad
    setting anywhere is a usage error (exit 2) naming the file and line."""
    from cyclemap.config import ConfigError, ConfigFinder

    try:
        return ConfigFinder(config, select, ignore)
    except ConfigError as exc:
        raise UsageError(exc.en, exc.es)


def settings_for(finder, path: str):
    from cyclemap.config import ConfigError

    try:
        return finder.for_file(path)
    except ConfigError as exc:
        raise UsageError(exc.en, exc.es)


def check_ratings(ratings: str | None) -> str | None:
    """--ratings must name a readable file (exit 2 otherwise)."""
    if ratings is None:
        return None
    import os

    if not os.path.isfile(ratings):
        raise UsageError(f"--ratings: {ratings}: no such file", f"--ratings: {ratings}: no existe el archivo")
    if not os.access(ratings, os.R_OK):
        raise UsageError(f"--ratings: {ratings}: cannot read it", f"--ratings: {ratings}: no se puede leer")
    return ratings
