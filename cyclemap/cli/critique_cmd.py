"""`cyclemap critique FILE`: the consultant's face — the cycle, its moments in order, and
its weak points ranked, each with why it matters and the next step."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from cyclemap.cli.answers import CommentsOption, StrictOption
from cyclemap.cli.frame import Frame, app
from cyclemap.cli.common import (
    ColorOption, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SegmentOption, SelectOption,
    check_choice, guarded, h,
)
from cyclemap.cli.usage import use_color


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
    output_format: Annotated[str, typer.Option("--format", "-f", metavar="text|json|markdown", help=h(
        "text: the report in the terminal; json: the critique as data (docs/critique.md); markdown: the "
        "client-ready report."))] = "text",
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write the report to FILE (default: stdout)."))] = None,
    view: Annotated[str, typer.Option("--view", metavar="client|analyst", help=h(
        "client (default): service language only; analyst: adds rule codes, moment ids and the file edits."))] = "client",
    color: ColorOption = "auto",
    strict: StrictOption = False,
    comments: CommentsOption = False,
    debug: DebugOption = False,
) -> None:
    """`cyclemap critique`: reads one cycle, writes its critique (text, JSON or Markdown)."""
    check_choice("--format", output_format, FORMATS)
    check_choice("--view", view, VIEWS)
    _check_comments(comments, ratings, output_format)
    colored = use_color(color)
    run = Frame.resolve(file, output, select=select, ignore=ignore, config=config, ratings=ratings, strict=strict,
                        segment=segment, lang=lang, report=output_format == "text")
    run.pipeline.comments = comments
    if output_format == "json":
        # JSON was asked for: a file that does not load is JSON too (the same contract).
        from cyclemap.cli.usage import EXIT_FINDINGS, check_one

        checked = check_one(run.pipeline, run.file)
        if not checked.loaded:
            from cyclemap.outputs.report.critique_data import broken_json

            run.output.write(broken_json(checked, checked.lang))
            raise typer.Exit(EXIT_FINDINGS)
    else:
        checked = run.load()
    # Here, not at the top: the critique's builders cost every start-up ~0.1 s.
    from cyclemap.outputs.report.critique_data import to_json, to_markdown

    if output_format == "json":
        text = to_json(checked.critique, checked.lang, view)
    elif output_format == "markdown":
        text = to_markdown(checked.critique, checked.lang, view)
    else:
        text = _terminal_text(checked, view, colored and run.output.to_stdout)
    if comments:
        text += _comments(checked, output_format)
    run.output.write(text)


def _check_comments(comments: bool, ratings: str | None, output_format: str) -> None:
    from cyclemap.cli.usage import UsageError
    from cyclemap.format.i18n import _

    if comments and ratings is None:
        raise UsageError(_("--comments needs --ratings (the file whose comments it shows)"))
    if comments and output_format == "json":
        raise UsageError(_("--comments: the comments follow the text or Markdown report, not JSON"))


def _comments(checked, output_format: str) -> str:
    """The answers' comments after the report (`--comments`), counted on stderr."""
    from cyclemap.cli.answers import report_comments
    from cyclemap.outputs.survey.stats import comments_markdown, comments_text

    said = report_comments(checked.answers_read, checked.lang)
    if not said:
        return ""
    return (comments_markdown if output_format == "markdown" else comments_text)(said, checked.lang)


def _terminal_text(checked, view: str, colored: bool) -> str:
    from cyclemap.outputs.report.critique_rich import Style, render as render_critique  # rich: text format only

    style = Style.detect(sys.stdout)
    style.color = colored  # --color, NO_COLOR and FORCE_COLOR decide; boxes go with colour
    style.boxes = colored and style.unicode
    return render_critique(checked.critique, checked.lang, style, view)
