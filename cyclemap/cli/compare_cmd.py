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

from cyclemap.cli.answers import StrictOption
from cyclemap.cli.frame import Frame, app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, LangOption, UsageError, check_choice, check_ratings,
    guarded, h,
)
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
    adjust: Annotated[str, typer.Option("--adjust", metavar="holm|bh|none", help=h(
        "How p-values are adjusted for testing many moments: holm (no false change in 95 % of whole "
        "comparisons), bh (false discovery rate), none."))] = "holm",
    alpha: Annotated[float, typer.Option("--alpha", min=0.0001, max=0.5, help=h(
        "Significance level of the test."))] = 0.05,
    mapping: Annotated[Optional[str], typer.Option("--mapping", metavar="FILE.yaml", help=h(
        "How to read both files (default: NAME.mapping.yaml beside each)."))] = None,
    strict: StrictOption = False,
    config: ConfigOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap compare` (its help is the `help=` above, translated)."""
    from cyclemap.cli.answers import Progress, report_answers
    from cyclemap.cli.usage import check_input
    from cyclemap.engine.waves import ADJUSTMENTS, compare_answers
    from cyclemap.format.ratings import load_ratings
    from cyclemap.outputs.survey.compare import Sides, html_page, picture, text_table

    fmt = format or (SUFFIX_FORMATS.get(Path(output).suffix.lower(), "text") if output else "text")
    check_choice("--format", fmt, FORMATS)
    check_choice("--adjust", adjust, ADJUSTMENTS)
    if against is None and against_segment is None:
        raise UsageError(_("give --against B (another wave) or --against-segment (another segment)"))
    names = None
    if labels is not None:
        names = [part.strip() for part in labels.split(",")]
        if len(names) != 2 or not all(names):
            raise UsageError(_("--labels takes two names separated by a comma, e.g. March,June"))
    against = against or ratings
    second_segment = against_segment if against_segment is not None else segment
    check_ratings(ratings)
    if against != ratings:
        check_ratings(against)
    if mapping is not None:
        check_input(mapping, "--mapping")
    run = Frame.resolve(file, output, config=config, lang=lang, report=fmt in ("text", "markdown"),
                        also_reads=(ratings, against) + ((mapping,) if mapping else ()))
    checked = run.load()
    out_lang = checked.lang
    try:
        a = load_ratings(ratings, checked.cycle, segment, mapping, Progress())
        b = load_ratings(against, checked.cycle, second_segment, mapping, Progress())
    except OSError as exc:
        raise UsageError(_("{path}: cannot read ({reason})").format(path=exc.filename, reason=exc.strerror))
    for side in (a, b):
        # What each side used and set aside, its segment checked; exit 1 when a side gave nothing.
        report_answers(_Read(side, out_lang), strict, privacy=False)  # a small segment's rows are hidden below
    changes = compare_answers(checked.cycle, checked.order, a.answers, b.answers, alpha, adjust)
    if not changes:
        sys.stderr.write(f"cyclemap: {NONE(out_lang)}\n")
        raise typer.Exit(EXIT_FINDINGS)
    # Names and file names as a terminal shows them safely (escapes visible).
    label_a, label_b = (terminal_text(n) for n in (names or (_side(ratings, segment), _side(against, second_segment))))
    sides = Sides(label_a, label_b, tuple(checked.cycle.scale), adjust, alpha,
                  MIN_SEGMENT if (segment is not None or against_segment is not None) else 0, names is not None)
    if fmt == "json":
        data = {"file": file,
                "a": {"ratings": ratings, "segment": segment, "label": label_a, "answers": a.count,
                      "skipped": a.skipped, "read": a.evidence()},
                "b": {"ratings": against, "segment": second_segment, "label": label_b, "answers": b.count,
                      "skipped": b.skipped, "read": b.evidence()},
                "test": "welch-t", "adjustment": adjust, "alpha": alpha,
                "moments": [c.as_data() for c in changes
                            if not sides.min_answers or not (0 < c.n_a < sides.min_answers
                                                             or 0 < c.n_b < sides.min_answers)]}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        text = html_page(changes, sides, out_lang, checked.cycle.title)
    elif fmt == "svg":
        text = picture(changes, sides, out_lang) + "\n"
    else:
        text = text_table(changes, sides, out_lang, markdown=fmt == "markdown")
    run.output.write(text)
    raise typer.Exit(EXIT_OK)


class _Read:
    """A ratings file read on its own, as `report_answers` expects a checked cycle."""

    def __init__(self, ratings, lang: str):
        self.answers_read, self.lang = ratings, lang
