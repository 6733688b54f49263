"""`cyclemap survey FILE -o OUT`: the report card (libreta de calificaciones) made from the
cycle, as a printable form (.html) or a template to fill in (.csv, .xlsx)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cyclemap.cli.frame import app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, LangOption, UsageError, guarded, h,
)
from cyclemap.format.i18n import _


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
    """`cyclemap survey` (its help is the `help=` above, translated)."""
    from cyclemap.cli.usage import check_one, make_pipeline
    from cyclemap.outputs.atomic import check_output
    from cyclemap.outputs.report import render as report
    from cyclemap.outputs.atomic import write_atomic
    from cyclemap.outputs.survey import SUFFIXES
    from cyclemap.outputs.survey.document import survey_document

    pipeline = make_pipeline(config=config, lang=lang)
    if Path(output).suffix.lower() not in SUFFIXES:
        raise UsageError(_("-o {path}: the survey is written as .html, .csv or .xlsx").format(path=output))
    check_output(output, pipeline.inputs(file))
    checked = check_one(pipeline, file)
    if not checked.loaded:
        sys.stderr.write(report("text", [checked], checked.lang))
        raise typer.Exit(EXIT_FINDINGS)
    write_atomic(output, survey_document(checked, output, importance, expectation), inputs=pipeline.inputs(file))
    raise typer.Exit(EXIT_OK)
