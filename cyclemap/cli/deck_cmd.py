"""`cyclemap deck FILE -o OUT.pptx`: an editable slide deck for the client (docs/deck.md).

Exit codes: 0 written; 1 the file is not a cycle cyclemap can read (its diagnostics are
printed, nothing is written); 2 usage (bad option, missing file, output not .pptx or not
writable, python-pptx not installed: it comes with `pip install 'cyclemap[deck]'`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cyclemap.cli.answers import StrictOption
from cyclemap.cli.frame import Frame, app, need
from cyclemap.cli.common import (
    ConfigOption, DebugOption, EngineOption, IgnoreOption, LangOption, RatingsOption, SegmentOption, SelectOption,
    UsageError, check_choice, guarded, h,
)
from cyclemap.cli.progress import progress
from cyclemap.cli.usage import help_lang
from cyclemap.format.diagnostics import shown
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
    engine: EngineOption = "auto",
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    segment: SegmentOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """`cyclemap deck`: reads one cycle, writes a slide deck (.pptx)."""
    from cyclemap.outputs.render import ENGINES  # here: the diagram builders cost every start-up ~90 ms

    check_choice("--engine", engine, ENGINES)
    if Path(output).suffix.lower() != ".pptx":
        raise UsageError(_("-o {path}: the deck is written as .pptx; name the output OUT.pptx").format(path=shown(output)))
    run = Frame.resolve(file, output, select=select, ignore=ignore, config=config, ratings=ratings, strict=strict,
                        segment=segment, lang=lang)
    need("pptx", "deck", "deck")
    from cyclemap.outputs.deck import build_deck

    checked = run.load()
    drawing: list = []
    with progress(_("Drawing the diagram")):
        data = build_deck(checked, engine=engine, drawing=drawing)
    run.output.write(data)
    print(_("cyclemap: wrote {path}").format(path=shown(output))(help_lang()))
    if drawing:  # never silent: say why the diagram takes several slides, or that it is small
        _say_diagram(output, drawing[0])


def _say_diagram(output: str, sheets) -> None:
    from cyclemap.cli.usage import say
    from cyclemap.format.i18n import Number
    from cyclemap.outputs.deck import SLIDE_MIN_PT

    sizes = [s.printed for s in sheets.sheets if s.printed is not None]
    if not sheets.split:
        if sizes and sizes[0] < SLIDE_MIN_PT:
            say(_("{path}: the cycle's diagram shows its smallest text at {size} pt on its slide (under {minimum} pt); "
                  "splitting it would not help (a single moment is too large)").format(
                path=shown(output), size=Number(sizes[0], 1), minimum=Number(SLIDE_MIN_PT, 0)))
        return
    how = (_("one sheet per stage") if sheets.by_stage and all(s.sheet.stage for s in sheets.sheets)
           else _("by stage, and a stage too large in runs of consecutive moments") if sheets.by_stage
           else _("in runs of consecutive moments (the cycle has no stages)"))
    say(_("{path}: the cycle's diagram is on {count} slides, drawn as a flow ({how}): the whole dial on one slide "
          "would show its smallest text at {whole} pt, under {minimum} pt; on these slides it is {smallest} pt "
          "or more").format(
        path=shown(output), count=Number(len(sheets.sheets), 0), how=how, whole=Number(sheets.whole or 0, 1),
        minimum=Number(SLIDE_MIN_PT, 0), smallest=Number(min(sizes, default=0), 1)))
