"""`cyclemap critique FILE`: the consultant's face — the cycle, its moments in order, and
its weak points ranked, each with why it matters and the next step."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cyclemap.cli import app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SelectOption,
    UsageError, check_lang, check_ratings, config_finder, guarded, h, settings_for,
)


CRITIQUE_HELP_ES = """Critica un ciclo como un consultor de servicio: dónde es débil, por qué y qué hacer.

    Ejemplos:

        cyclemap critique examples/banco.yaml

        cyclemap critique banco.yaml --ratings encuesta.csv --lang en

        cyclemap critique banco.yaml | less
    """


@app.command("critique", help=h(None, CRITIQUE_HELP_ES))
@guarded
def critique(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file to criticise.", "El archivo de ciclo a criticar."))],
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Criticise a cycle like a service consultant: where it is weak, why, and what to do.

    Examples:

        cyclemap critique examples/banco.yaml

        cyclemap critique banco.yaml --ratings encuesta.csv --lang en

        cyclemap critique banco.yaml | less
    """
    lang = check_lang(lang)
    finder = config_finder(config, select, ignore)
    ratings = check_ratings(ratings)
    path = Path(file)
    if path.is_dir():
        raise UsageError(f"{file} is a folder; critique takes one cycle file",
                         f"{file} es una carpeta; critique recibe un solo archivo de ciclo")
    if not path.is_file():
        raise UsageError(f"{file}: no such file", f"{file}: no existe el archivo")
    settings = settings_for(finder, file)

    from cyclemap.engine.analysis import analyse_file

    try:
        result = analyse_file(file, settings, lang=lang, ratings=ratings)
    except OSError as exc:
        raise UsageError(f"{exc.filename or file}: cannot read ({exc.strerror})",
                         f"{exc.filename or file}: no se puede leer ({exc.strerror})")
    if result.cycle is None:
        from cyclemap.outputs.report import render

        sys.stdout.write(render("text", [result], lang))
        raise typer.Exit(EXIT_FINDINGS)

    from cyclemap.engine.critique import build_critique
    from cyclemap.outputs.report.critique_rich import Style, render as render_critique

    report = build_critique(result.cycle, result.diagnostics, settings, result.lang)
    write_out(render_critique(report, result.lang, Style.detect(sys.stdout)))
    raise typer.Exit(EXIT_OK)


def write_out(text: str) -> None:
    """Print, replacing what the output's encoding cannot show (e.g. a Latin-1 terminal)
    instead of failing."""
    encoding = sys.stdout.encoding or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode(encoding if encoding else "ascii", "replace"))
        sys.stdout.buffer.flush()
        return
    sys.stdout.write(text)
