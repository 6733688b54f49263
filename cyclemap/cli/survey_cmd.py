"""`cyclemap survey FILE -o OUT`: the report card (libreta de calificaciones) made from the
cycle, as a printable form (.html) or a template to fill in (.csv, .xlsx)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cyclemap.cli.frame import Frame, app
from cyclemap.cli.common import ConfigOption, DebugOption, LangOption, UsageError, guarded, h
from cyclemap.format.diagnostics import shown
from cyclemap.format.i18n import _
from cyclemap.outputs.survey import SUFFIXES


@app.command("survey", help=h(
    "Make the cycle's report card: a printable form (.html) or a template to fill in\n"
    "(.csv, .xlsx), read back later with --ratings.\n\n"
    "Examples:\n\n"
    "    cyclemap survey examples/banco.yaml -o encuesta.html\n\n"
    "    cyclemap survey examples/banco.yaml -o encuesta.xlsx --importance\n\n"
    "    cyclemap critique examples/banco.yaml --ratings encuesta.xlsx"))
@guarded
def survey(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file to make the survey from."))],
    output: Annotated[str, typer.Option("--output", "-o", metavar="OUT", show_default=False, help=h(
        "File to write: .html (printable form), .csv or .xlsx (template to fill in)."))],
    importance: Annotated[bool, typer.Option("--importance", help=h(
        "Also ask how much each moment matters (for the importance–performance quadrants)."))] = False,
    expectation: Annotated[bool, typer.Option("--expectation", help=h(
        "Add a 'what did you expect?' line under each question of the printed form."))] = False,
    config: ConfigOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap survey`: reads one cycle, writes its survey (.html form, .csv or .xlsx template)."""
    if Path(output).suffix.lower() not in SUFFIXES:
        raise UsageError(_("-o {path}: the survey is written as .html, .csv or .xlsx").format(path=shown(output)))
    run = Frame.resolve(file, output, config=config, lang=lang)
    checked = run.load()
    from cyclemap.outputs.survey.document import survey_document  # openpyxl: here, not at every start-up

    run.output.write(survey_document(checked, output, importance, expectation))
