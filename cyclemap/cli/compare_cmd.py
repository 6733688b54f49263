"""`cyclemap compare FILE --ratings A --against B`: two survey waves, or two segments, per
moment side by side, with Welch's t-test saying which changes are more than chance —
adjusted for testing every moment at once (Holm by default) — each change with its 95 %
interval and effect size; as text, JSON, Markdown or an HTML page with a before/after
picture (`-o`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cyclemap.cli.answers import (
    MappingOption,
    StrictOption,
    check_answer_files,
    report_read,
)
from cyclemap.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigOption,
    DebugOption,
    LangOption,
    UsageError,
    check_choice,
    check_ratings,
    guarded,
    h,
)
from cyclemap.cli.frame import Frame, app
from cyclemap.format.diagnostics import terminal_text
from cyclemap.format.i18n import _

FORMATS = ("text", "json", "markdown", "html", "svg")
SUFFIX_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
                  ".svg": "svg", ".txt": "text"}
NONE = _("no moment has answers in either file")
# A segment's scores are shown only from this many answers (respondents' privacy).
MIN_SEGMENT = 5


def _side(path: str, segment: str | None) -> str:
    return f"{path} [{segment}]" if segment else path


AdjustOption = Annotated[str, typer.Option("--adjust", metavar="holm|bh|none", help=h(
    "How p-values are adjusted for testing many moments: holm (no false change in 95 % of whole "
    "comparisons), bh (false discovery rate), none."))]
AlphaOption = Annotated[float, typer.Option("--alpha", min=0.0001, max=0.5, help=h("Significance level of the test."))]


@app.command("compare", help=h(
    "Compare two survey waves (or two segments) moment by moment: each change with its\n"
    "95 % interval and effect size, and Welch's t-test saying which changes are more than\n"
    "chance, adjusted for testing every moment at once (Holm; --adjust bh or none).\n\n"
    "Examples:\n\n"
    "    cyclemap compare banco.yaml --ratings march.csv --against june.csv\n\n"
    "    cyclemap compare banco.yaml --ratings march.csv --against june.csv --labels March,June -o waves.html\n\n"
    "    cyclemap compare banco.yaml --ratings june.csv --segment new --against june.csv --against-segment regular\n\n"
    "    cyclemap compare banco.yaml --ratings march.xlsx --against june.xlsx --format json"))
@guarded
def compare(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file the surveys are about."))],
    ratings: Annotated[str, typer.Option("--ratings", metavar="A.csv|A.xlsx", show_default=False, help=h(
        "The first wave (the baseline)."))],
    against: Annotated[Optional[str], typer.Option("--against", metavar="B.csv|B.xlsx", help=h(
        "The second wave (default: the same file, with --against-segment)."))] = None,
    segment: Annotated[Optional[str], typer.Option("--segment", metavar="VALUE", help=h(
        "Keep only this segment's answers (in both files unless --against-segment is given)."))] = None,
    against_segment: Annotated[Optional[str], typer.Option("--against-segment", metavar="VALUE", help=h(
        "The segment of the second side."))] = None,
    labels: Annotated[Optional[str], typer.Option("--labels", metavar="A,B", help=h(
        "What to call the two sides in the report, e.g. March,June (default: the files' names)."))] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="text|json|markdown|html|svg", help=h(
        "Output format (default: from the suffix of -o, else text)."))] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="OUT", help=h(
        "Write the report to this file (.md, .html with the before/after picture, .svg, .json, .txt)."))] = None,
    adjust: AdjustOption = "holm",
    alpha: AlphaOption = 0.05,
    mapping: MappingOption = None,
    strict: StrictOption = False,
    config: ConfigOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap compare` (its help is the `help=` above, translated)."""
    from cyclemap.engine.waves import ADJUSTMENTS, compare_answers
    from cyclemap.outputs.survey.compare import Sides

    fmt = _format_of(format, output)
    check_choice("--adjust", adjust, ADJUSTMENTS)
    if against is None and against_segment is None:
        raise UsageError(_("give --against B (another wave) or --against-segment (another segment)"))
    names = _labels(labels)
    against = against or ratings
    second_segment = against_segment if against_segment is not None else segment
    for path in dict.fromkeys((ratings, against)):  # each file once
        check_ratings(path)
    check_answer_files(mapping=mapping)
    run = Frame.resolve(file, output, config=config, lang=lang, report=fmt in ("text", "markdown"),
                        also_reads=(ratings, against) + ((mapping,) if mapping else ()))
    run.pipeline.judge = False  # the moments and their order, not the critique
    checked = run.load()
    a, b = (_read_side(p, checked, seg, mapping, strict) for p, seg in ((ratings, segment), (against, second_segment)))
    changes = compare_answers(checked.cycle, checked.order, a.answers, b.answers, alpha, adjust)
    if not changes:
        sys.stderr.write(f"cyclemap: {NONE(checked.lang)}\n")
        raise typer.Exit(EXIT_FINDINGS)
    label_a, label_b = (terminal_text(n)  # as a terminal shows them safely (escapes visible)
                        for n in (names or (_side(ratings, segment), _side(against, second_segment))))
    sides = Sides(label_a, label_b, tuple(checked.cycle.scale), adjust, alpha,
                  MIN_SEGMENT if (segment is not None or against_segment is not None) else 0, names is not None)
    if fmt == "json":
        text = _as_json(file, changes, sides, (ratings, segment, a), (against, second_segment, b))
    else:
        text = _formatted(fmt, changes, sides, checked)
    run.output.write(text)
    raise typer.Exit(EXIT_OK)


def _format_of(format: str | None, output: str | None) -> str:
    """--format, else the one -o's suffix names, else text."""
    fmt = format or (SUFFIX_FORMATS.get(Path(output).suffix.lower(), "text") if output else "text")
    check_choice("--format", fmt, FORMATS)
    return fmt


def _labels(labels: str | None) -> list[str] | None:
    if labels is None:
        return None
    names = [part.strip() for part in labels.split(",")]
    if len(names) != 2 or not all(names):
        raise UsageError(_("--labels takes two names separated by a comma, e.g. March,June"))
    return names


def _read_side(path: str, checked, segment: str | None, mapping: str | None, strict: bool):
    """One side's answers, and what it used and set aside said on stderr (its segment
    checked); exit 1 when it gave nothing. A small segment's rows are hidden in the table."""
    from cyclemap.cli.answers import Progress
    from cyclemap.format.ratings import load_ratings

    try:
        read = load_ratings(path, checked.cycle, segment, mapping, Progress())
    except OSError as exc:
        raise UsageError(_("{path}: cannot read ({reason})").format(path=exc.filename, reason=exc.strerror))
    report_read(read, checked.lang, strict, privacy=False)
    return read


def _as_json(file: str, changes, sides, side_a: tuple, side_b: tuple) -> str:
    """Each side's file, segment, label and what it read; each moment's change (a small
    segment's moments left out)."""
    least = sides.min_answers
    shown = [c for c in changes if not least or not (0 < c.n_a < least or 0 < c.n_b < least)]
    data = {"file": file}
    for key, label, (path, segment, read) in (("a", sides.label_a, side_a), ("b", sides.label_b, side_b)):
        data[key] = {"ratings": path, "segment": segment, "label": label, "answers": read.count,
                     "skipped": read.skipped, "read": read.evidence()}
    data.update({"test": "welch-t", "adjustment": sides.method, "alpha": sides.alpha,
                 "moments": [c.as_data() for c in shown]})
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _formatted(fmt: str, changes, sides, checked) -> str:
    from cyclemap.outputs.survey.compare import html_page, picture, text_table

    if fmt == "html":
        return html_page(changes, sides, checked.lang, checked.cycle.title)
    if fmt == "svg":
        return picture(changes, sides, checked.lang) + "\n"
    return text_table(changes, sides, checked.lang, markdown=fmt == "markdown")
