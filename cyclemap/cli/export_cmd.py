"""`cyclemap export FILE --format mermaid|markdown|csv|json [-o OUT]`: the cycle for other tools
(`--to` is the older name of `--format` and still works)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cyclemap.cli.answers import StrictOption
from cyclemap.cli.frame import Frame, app
from cyclemap.cli.common import (
    ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SegmentOption, SelectOption, check_choice,
    guarded, h,
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
    lang: LangOption = None,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """`cyclemap export`: reads one cycle, writes it as Mermaid, Markdown, CSV or JSON."""
    from cyclemap.outputs.export import EXPORTS, export as convert  # here: ~15 ms of every start-up

    check_choice("--format", to, EXPORTS)
    run = Frame.resolve(file, output, select=select, ignore=ignore, config=config, ratings=ratings, strict=strict,
                        segment=segment, lang=lang)
    checked = run.load()
    # Mermaid comes fenced for Markdown, except into a Mermaid file of its own.
    run.output.write(convert(checked, to, fenced=not (output or "").lower().endswith((".mmd", ".mermaid"))))
