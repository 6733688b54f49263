"""`cyclemap handout FILE -o OUT.html`: a printable workshop handout (and `--pdf`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cyclemap.cli.deliver import Output
from cyclemap.cli.answers import StrictOption
from cyclemap.cli.frame import Frame, app, check_cycle_file
from cyclemap.cli.common import (
    ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SegmentOption, SelectOption, UsageError,
    check_choice, guarded, h,
)
from cyclemap.cli.progress import progress
from cyclemap.cli.usage import help_lang
from cyclemap.format.diagnostics import Severity, shown
from cyclemap.format.i18n import _, _n, listing

HTML_SUFFIXES = (".html", ".htm")
PAPERS = ("a4", "letter")


def _targets(file: str, output: str | None, pdf: bool) -> tuple[str | None, str | None]:
    """(html path or "-" or None, pdf path or None) from -o and --pdf."""
    if output is None:
        output = f"{Path(file).stem}-handout.html"
    if output == "-":
        if pdf:
            raise UsageError(_("--pdf cannot write to standard output; give -o OUT.html or -o OUT.pdf"))
        return "-", None
    suffix = Path(output).suffix.lower()
    if suffix == ".pdf":
        return None, output
    if suffix not in HTML_SUFFIXES:
        raise UsageError(_("-o {path}: the handout is written as .html (or .pdf); name the output OUT.html").format(
            path=output))
    return output, (str(Path(output).with_suffix(".pdf")) if pdf else None)


@app.command("handout", help=h(
    "Make a printable workshop handout of a cycle (self-contained HTML, or PDF).\n\n"
    "Diagram, expectation-versus-perception curve, moments table with a notes column,\n"
    "weak points, discussion questions and glossary, in the cycle's language.\n\n"
    "It prints on A4 and Letter and loads nothing from the network.\n\n"
    "Examples:\n\n"
    "    cyclemap handout examples/banco.yaml -o taller.html\n\n"
    "    cyclemap handout cine.yaml -o taller.html --pdf --paper letter\n\n"
    "    cyclemap handout banco.yaml -o sala.html --edition participant\n\n"
    "    cyclemap handout banco.yaml -o resumen.html --edition summary --pdf\n\n"
    "    cyclemap handout banco.yaml --ratings encuesta.csv -o taller.pdf"))
@guarded
def handout(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file."))],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="OUT.html", help=h(
        "Where to write the handout: OUT.html, OUT.pdf, or - for standard output "
        "(default: FILE's name with -handout.html, in the current folder)."))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=h(
        "Also print it to PDF beside the HTML (needs playwright and a Chromium browser)."))] = False,
    edition: Annotated[str, typer.Option("--edition", metavar="facilitator|participant|summary", help=h(
        "facilitator: everything, weak points with why and what to do; participant: for the room (the diagram, "
        "a worksheet with room to write, the questions: three pages for up to 16 moments, and a page more for "
        "each extra sheet of a split diagram), no codes; summary: one page to send the client (the level and "
        "why, three points to act on first, the evidence)."))] = "facilitator",
    paper: Annotated[str, typer.Option("--paper", metavar="a4|letter", help=h(
        "Paper size of the PDF. The HTML prints on either."))] = "a4",
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", help=h(
        "With --pdf: stop the browser and give up after this many seconds."))] = 60.0,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    segment: SegmentOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
    debug: DebugOption = False,
) -> None:
    """`cyclemap handout`: reads one cycle, writes its handout (HTML, and PDF with --pdf)."""
    from cyclemap.outputs.handout import EDITIONS, build_handout  # here, not at every start-up

    paper = _check_print_options(timeout, edition, paper, EDITIONS)
    check_cycle_file(file)  # before its name makes the default output's
    html_path, pdf_path = _targets(file, output, pdf)
    run = Frame.resolve(file, html_path, select=select, ignore=ignore, config=config, ratings=ratings, strict=strict,
                        segment=segment, lang=lang)
    printed = Output(pdf_path, run.output.inputs) if pdf_path is not None else None
    if printed is not None:
        printed.check()
        from cyclemap.outputs.handout.pdf import html_to_pdf, missing

        lacking = missing()
        if lacking is not None:
            raise UsageError(lacking)
    result = run.load()
    notes: list = []
    html = build_handout(result, shown(Path(file).name), edition=edition, notes=notes)
    for note in notes:  # a split or small picture is said here too, not only on the page
        sys.stderr.write(_("cyclemap: note: {text}").format(text=note)(help_lang()) + "\n")
    pdf_bytes = None
    if printed is not None:
        with progress(_("Printing the PDF with Chromium")):
            pdf_bytes = html_to_pdf(html, paper, timeout)
    # Both are made before either is written: a failure leaves no partial output.
    if html_path is not None:
        run.output.write(html)
    if printed is not None:
        printed.write(pdf_bytes)
    written = [p for p in (html_path, pdf_path) if p not in (None, "-")]
    if written:
        print(_("cyclemap: wrote {path}").format(path=listing(map(shown, written)))(result.lang))
    _note_errors(result, file, ratings)


def _check_print_options(timeout: float, edition: str, paper: str, editions) -> str:
    """--timeout, --edition and --paper checked before any work (exit 2); the paper, read."""
    if not 0 < timeout < 1e6:  # also refuses inf and nan
        raise UsageError(_("--timeout must be a number of seconds more than 0"))
    check_choice("--edition", edition, editions)
    paper = paper.strip().lower()
    if paper not in PAPERS:
        raise UsageError(_("--paper must be a4 or letter, not {value!r}").format(value=paper))
    return paper


def _note_errors(result, file: str, ratings: str | None) -> None:
    """A handout is made even from a cycle with errors (they are listed among its weak
    points); stderr says how many and the command that shows where."""
    errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
    if errors:
        command = f"cyclemap check {shown(file)}" + (f" --ratings {shown(ratings)}" if ratings else "")
        sys.stderr.write(_n(
            "cyclemap: note: {n} error found (in the cycle or its ratings), listed among the weak points; "
            "`{command}` shows where",
            "cyclemap: note: {n} errors found (in the cycle or its ratings), listed among the weak points; "
            "`{command}` shows where", errors).format(command=command)(help_lang()) + "\n")
