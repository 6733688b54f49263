"""`cyclemap critique FILE`: the consultant's face — the cycle, its moments in order, and
its weak points ranked, each with why it matters and the next step."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cyclemap.cli import app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ColorOption, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SelectOption,
    guarded, h,
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
        "The cycle file to criticise (- for stdin).", "El archivo de ciclo a criticar (- para la entrada estándar)."))],
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    lang: LangOption = None,
    color: ColorOption = "auto",
    debug: DebugOption = False,
) -> None:
    """Criticise a cycle like a service consultant: where it is weak, why, and what to do.

    Examples:

        cyclemap critique examples/banco.yaml

        cyclemap critique banco.yaml --ratings encuesta.csv --lang en

        cyclemap critique banco.yaml | less
    """
    from cyclemap.cli.usage import check_one, make_pipeline, use_color

    colored = use_color(color)
    pipeline = make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings)
    checked = check_one(pipeline, file)
    if not checked.loaded:
        from cyclemap.outputs.report import render

        sys.stdout.write(render("text", [checked], lang))
        raise typer.Exit(EXIT_FINDINGS)

    from cyclemap.outputs.report.critique_rich import Style, render as render_critique

    style = Style.detect(sys.stdout)
    style.color = colored  # --color, NO_COLOR and FORCE_COLOR decide; boxes go with colour
    style.boxes = colored and style.unicode
    write_out(render_critique(checked.critique, checked.lang, style))
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
