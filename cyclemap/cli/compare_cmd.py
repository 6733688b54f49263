"""`cyclemap compare FILE --ratings A --against B`: two survey waves, or two segments, per
moment side by side, with Welch's t-test saying which changes are more than chance."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from cyclemap.cli.frame import Frame, app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, LangOption, UsageError, check_choice, check_ratings,
    guarded, h,
)
from cyclemap.engine.waves import compare_answers
from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import Verbatim, _
from cyclemap.format.ratings import load_ratings
from cyclemap.outputs.report import SEVERITY_WORDS


FORMATS = ("text", "json", "markdown")
WORDS = {
    "moment": _("Moment"), "change": _("Change"), "p": Verbatim("p"),
    "sig": _("Significant"), "yes": _("yes"), "no": _("no"),
    "untested": _("too few answers"),
    "none": _("no moment has answers in either file"),
}
# Said with the significance level.
TEST = _("Welch's t-test, two-sided; significant when p < {alpha}")


def _side(path: str, segment: str | None) -> str:
    return f"{path} [{segment}]" if segment else path


@app.command("compare", help=h(
    "Compare two survey waves (or two segments) moment by moment, with Welch's t-test\n"
    "saying which changes are more than chance.\n\n"
    "Examples:\n\n"
    "    cyclemap compare banco.yaml --ratings march.csv --against june.csv\n\n"
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
    format: Annotated[str, typer.Option("--format", "-f", metavar="text|json|markdown", help=h(
        "Output format."))] = "text",
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write the report to FILE (default: stdout)."))] = None,
    alpha: Annotated[float, typer.Option("--alpha", min=0.0001, max=0.5, help=h(
        "Significance level of the test."))] = 0.05,
    config: ConfigOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap compare`: reads one cycle and two sets of answers, writes their comparison."""
    check_choice("--format", format, FORMATS)
    if against is None and against_segment is None:
        raise UsageError(_("give --against B (another wave) or --against-segment (another segment)"))
    against = against or ratings
    second_segment = against_segment if against_segment is not None else segment
    check_ratings(ratings)
    if against != ratings:
        check_ratings(against)
    run = Frame.resolve(file, output, config=config, lang=lang, report=format == "text",
                        also_reads=(ratings, against))
    checked = run.load()
    out_lang = checked.lang
    try:
        a = load_ratings(ratings, checked.cycle, segment)
        b = load_ratings(against, checked.cycle, second_segment)
    except OSError as exc:
        raise UsageError(_("{path}: cannot read ({reason})").format(path=exc.filename, reason=exc.strerror))
    problems = a.diagnostics() + b.diagnostics()
    errors = [d for d in problems if d.severity is Severity.ERROR]
    for d in problems:
        sys.stderr.write(f"{d.path}:{d.pos}: {d.code} {SEVERITY_WORDS[d.severity](out_lang)} {d.message(out_lang)}\n")
    if not a.answers or not b.answers:
        sys.stderr.write(f"cyclemap: {WORDS['none'](out_lang)}\n")
        raise typer.Exit(EXIT_FINDINGS)
    changes = compare_answers(checked.cycle, checked.order, a.answers, b.answers, alpha)
    side_a, side_b = _side(ratings, segment), _side(against, second_segment)
    test = TEST.format(alpha=f"{alpha:g}")(out_lang)  # as the table writes numbers
    if format == "json":
        data = {"file": file, "a": {"ratings": ratings, "segment": segment, "answers": a.count, "skipped": a.skipped},
                "b": {"ratings": against, "segment": second_segment, "answers": b.count, "skipped": b.skipped},
                "test": "welch-t", "alpha": alpha, "moments": [c.as_data() for c in changes]}
        run.output.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        run.output.write(_table(changes, side_a, side_b, test, out_lang, markdown=format == "markdown"))
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_OK)


def _num(v: float | None, signed: bool = False) -> str:
    return "–" if v is None else (f"{v:+.2f}" if signed else f"{v:.2f}")


def _table(changes, side_a: str, side_b: str, test: str, lang: str, markdown: bool) -> str:
    w = {k: v(lang) for k, v in WORDS.items()}
    head = [w["moment"], f"A (n)", f"B (n)", w["change"], w["p"], w["sig"]]
    rows = []
    for c in changes:
        sig = w["untested"] if c.p is None else (w["yes"] if c.significant else w["no"])
        rows.append([c.name, f"{_num(c.mean_a)} ({c.n_a})", f"{_num(c.mean_b)} ({c.n_b})", _num(c.change, True),
                     "–" if c.p is None else ("<0.001" if c.p < 0.001 else f"{c.p:.3f}"), sig])
    lines = [f"A = {side_a}", f"B = {side_b}", test, ""]
    if markdown:
        lines = [f"- A = `{side_a}`", f"- B = `{side_b}`", f"- {test}", ""]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|")
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    else:
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
        fmt = lambda r: "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r))  # noqa: E731
        lines += [fmt(head), fmt(["-" * x for x in widths])] + [fmt(r) for r in rows]
    return "\n".join(lines) + "\n"
