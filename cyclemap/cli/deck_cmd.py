"""`cyclemap deck FILE -o OUT.pptx`: an editable slide deck for the client (docs/deck.md).

Exit codes: 0 written; 1 the file is not a cycle cyclemap can read (its diagnostics are
printed, nothing is written); 2 usage (bad option, missing file, output not .pptx or not
writable, python-pptx not installed).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cyclemap.cli import app
from cyclemap.cli.answers import StrictOption
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SegmentOption, SelectOption,
    UsageError, check_choice, guarded, h,
)
from cyclemap.format.i18n import _


@app.command("deck", help=h(
    "Make an editable slide deck (.pptx) for the client, in the cycle's language.\n\n"
    "Title and service level, the cycle of service, the expectation-perception curve, one\n"
    "slide per top weak point (what happens, why it matters, what to do) and an action\n"
    "table (moment, owner, action). Opens in PowerPoint and LibreOffice Impress.\n\n"
    "Examples:\n\n"
    "    cyclemap deck examples/banco.yaml -o banco.pptx\n\n"
    "    cyclemap deck banco.yaml --ratings survey.csv -o report.pptx"))
@guarded
def deck(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file."))],
    output: Annotated[str, typer.Option("--output", "-o", metavar="OUT.pptx", show_default=False, help=h(
        "Where to write the deck (.pptx)."))],
    engine: Annotated[str, typer.Option("--engine", "-e", metavar="auto|system|embedded", help=h(
        "Which Graphviz draws the diagram (see `cyclemap render --help`)."))] = "auto",
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    segment: SegmentOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap deck` (its help is the `help=` above, translated)."""
    from cyclemap.cli.usage import check_one, help_lang, make_pipeline
    from cyclemap.outputs.atomic import check_output, write_atomic
    from cyclemap.outputs.render import ENGINES

    pipeline = make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings, segment=segment)
    check_choice("--engine", engine, ENGINES)
    if Path(file).is_dir():
        raise UsageError(_("{path} is a folder: give one cycle file").format(path=file))
    if not Path(file).is_file():
        raise UsageError(_("{path}: no such file").format(path=file))
    if Path(output).suffix.lower() != ".pptx":
        raise UsageError(_("-o {path}: the deck is written as .pptx; name the output OUT.pptx").format(path=output))
    check_output(output, pipeline.inputs(file))
    try:
        import pptx  # noqa: F401
    except ImportError:
        raise UsageError(_("the deck needs the Python package python-pptx (pip install python-pptx)"))
    checked = check_one(pipeline, file)
    if not checked.loaded:
        from cyclemap.outputs.report import render

        sys.stderr.write(render("text", [checked], checked.lang))
        raise typer.Exit(EXIT_FINDINGS)
    from cyclemap.cli.answers import report_answers

    report_answers(checked, strict, pipeline)
    from cyclemap.outputs.deck import build_deck

    from cyclemap.cli.progress import progress

    with progress(_("Drawing the diagram")):
        data = build_deck(checked, engine=engine)
    write_atomic(output, data, inputs=pipeline.inputs(file))
    print(_("cyclemap: wrote {path}").format(path=output)(help_lang()))
    raise typer.Exit(EXIT_OK)
