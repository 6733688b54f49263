"""`cyclemap export FILE --format mermaid|markdown|csv|json [-o OUT]`: the cycle for other tools
(`--to` is the older name of `--format` and still works)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from cyclemap.cli import app
from cyclemap.cli.answers import StrictOption
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SegmentOption, SelectOption,
    check_choice, guarded, h,
)


@app.command("export", help=h(
    "Export a cycle for READMEs, spreadsheets and other tools.\n\n"
    "Examples:\n\n"
    "    cyclemap export examples/banco.yaml --format mermaid\n\n"
    "    cyclemap export examples/banco.yaml --format csv -o banco.csv\n\n"
    "    cyclemap export examples/banco.yaml --format json > banco.json"))
@guarded
def export(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file to export (- for stdin)."))],
    to: Annotated[str, typer.Option("--format", "-f", "--to", "-t", metavar="mermaid|markdown|csv|json", help=h(
        "mermaid: a journey GitHub draws; markdown: a table; csv: for spreadsheets; json: the normalised model "
        "(--to is the older name)."))],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="OUT", help=h(
        "File to write (default: stdout)."))] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    segment: SegmentOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap export` (its help is the `help=` above, translated)."""
    from cyclemap.cli.usage import check_one, make_pipeline
    from cyclemap.outputs.atomic import check_output, write_atomic
    from cyclemap.outputs.export import EXPORTS, export as convert
    from cyclemap.outputs.report import render as report

    pipeline = make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings, segment=segment)
    check_choice("--format", to, EXPORTS)
    if output not in (None, "-") and file != "-":
        check_output(output, pipeline.inputs(file) + ([config] if config else []))
    checked = check_one(pipeline, file)
    if not checked.loaded:
        sys.stderr.write(report("text", [checked], checked.lang))
        raise typer.Exit(EXIT_FINDINGS)
    from cyclemap.cli.answers import report_answers

    report_answers(checked, strict, pipeline)
    # Mermaid comes fenced for Markdown, except into a Mermaid file of its own.
    text = convert(checked, to, fenced=not (output or "").lower().endswith((".mmd", ".mermaid")))
    if output in (None, "-"):
        sys.stdout.write(text)
    else:
        write_atomic(output, text, inputs=pipeline.inputs(file) + ([config] if config else []))
    raise typer.Exit(EXIT_OK)
