"""`cyclemap critique FILE`: the consultant's face — the cycle, its moments in order, and
its weak points ranked, each with why it matters and the next step."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cyclemap.cli import app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ColorOption, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption,
    SegmentOption, SelectOption,
    guarded, h,
)
from cyclemap.format.i18n import _


FORMATS = ("text", "json", "markdown")
VIEWS = ("client", "analyst")


@app.command("critique", help=h(
    "Criticise a cycle like a service consultant: where it is weak, why, and what to do.\n\n"
    "Examples:\n\n"
    "    cyclemap critique examples/banco.yaml\n\n"
    "    cyclemap critique banco.yaml --ratings encuesta.csv --lang en\n\n"
    "    cyclemap critique banco.yaml --format markdown > report.md\n\n"
    "    cyclemap critique banco.yaml --view analyst\n\n"
    "    cyclemap critique banco.yaml | less"))
@guarded
def critique(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file to criticise (- for stdin)."))],
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    segment: SegmentOption = None,
    lang: LangOption = None,
    output_format: Annotated[str, typer.Option("--format", metavar="text|json|markdown", help=h(
        "text: the report in the terminal; json: the critique as data (docs/critique.md); markdown: the "
        "client-ready report."))] = "text",
    view: Annotated[str, typer.Option("--view", metavar="client|analyst", help=h(
        "client (default): service language only; analyst: adds rule codes, moment ids and the file edits."))] = "client",
    color: ColorOption = "auto",
    debug: DebugOption = False,
) -> None:
    """`cyclemap critique` (its help is the `help=` above, translated)."""
    from cyclemap.cli.usage import UsageError, check_one, make_pipeline, use_color

    if output_format not in FORMATS:
        raise UsageError(_("unknown format {value!r}: use one of {choices}").format(
            value=output_format, choices=", ".join(FORMATS)))
    if view not in VIEWS:
        raise UsageError(_("unknown view {value!r}: use client or analyst").format(value=view))
    colored = use_color(color)
    pipeline = make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings, segment=segment)
    checked = check_one(pipeline, file)
    if not checked.loaded:
        if output_format == "json":
            from cyclemap.outputs.report.critique_data import broken_json

            sys.stdout.write(broken_json(checked, checked.lang))
        else:
            from cyclemap.outputs.report import render

            sys.stdout.write(render("text", [checked], pipeline.lang))
        raise typer.Exit(EXIT_FINDINGS)

    if output_format == "json":
        from cyclemap.outputs.report.critique_data import to_json

        sys.stdout.write(to_json(checked.critique, checked.lang, view))
    elif output_format == "markdown":
        from cyclemap.outputs.report.critique_data import to_markdown

        sys.stdout.write(to_markdown(checked.critique, checked.lang, view))
    else:
        from cyclemap.outputs.report.critique_rich import Style, render as render_critique

        style = Style.detect(sys.stdout)
        style.color = colored  # --color, NO_COLOR and FORCE_COLOR decide; boxes go with colour
        style.boxes = colored and style.unicode
        sys.stdout.write(render_critique(checked.critique, checked.lang, style, view))
    raise typer.Exit(EXIT_OK)
