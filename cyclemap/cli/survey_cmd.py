"""`cyclemap survey FILE -o OUT`: the report card (libreta de calificaciones) made from the
cycle, as a printable form (.html) or a template to fill in (.csv, .xlsx); and
`cyclemap survey inspect FILE ANSWERS`: how a file of answers will be read, column by
column, with a starting mapping file for what it cannot recognise."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from cyclemap.cli.answers import CommentsOption, MappingOption
from cyclemap.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigOption,
    DebugOption,
    LangOption,
    UsageError,
    guarded,
    h,
)
from cyclemap.cli.frame import Frame, app
from cyclemap.format.i18n import _


ImportanceQuestionOption = Annotated[Optional[str], typer.Option("--importance-question", metavar="WORDS", help=h(
    "The words of the importance question under each moment (default: How much does it matter to you?); "
    "implies --importance."))]


@app.command("survey", help=h(
    "Make the cycle's report card: a printable form (.html) or a template to fill in\n"
    "(.csv, .xlsx), read back later with --ratings. `survey inspect FILE ANSWERS` shows how\n"
    "a file of answers will be read, column by column, and writes a starting mapping (-o);\n"
    "`survey stats FILE ANSWERS` gives each moment's statistics (-o .csv or .xlsx; --comments\n"
    "adds the respondents' comments, without who wrote them).\n\n"
    "Examples:\n\n"
    "    cyclemap survey examples/banco.yaml -o encuesta.html\n\n"
    "    cyclemap survey examples/banco.yaml -o encuesta.xlsx --importance\n\n"
    "    cyclemap survey inspect examples/banco.yaml export.csv -o export.mapping.yaml\n\n"
    "    cyclemap survey stats examples/banco.yaml export.csv -o stats.xlsx\n\n"
    "    cyclemap critique examples/banco.yaml --ratings encuesta.xlsx"))
@guarded
def survey(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help=h(
        "The cycle file to make the survey from (or `inspect`, then the cycle and the answers)."))],
    more: Annotated[Optional[List[str]], typer.Argument(metavar="[ANSWERS]", show_default=False, help=h(
        "With `inspect`: the cycle file, then the file of answers."))] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="OUT", show_default=False, help=h(
        "File to write: .html (printable form), .csv or .xlsx (template to fill in); with `inspect`, the "
        "mapping file (.yaml)."))] = None,
    importance: Annotated[bool, typer.Option("--importance", help=h(
        "Also ask how much each moment matters (for the importance–performance quadrants)."))] = False,
    expectation: Annotated[bool, typer.Option("--expectation", help=h(
        "Add a 'what did you expect?' line under each question of the printed form."))] = False,
    title: Annotated[Optional[str], typer.Option("--title", metavar="TITLE", help=h(
        "The form's title (default: the cycle's title)."))] = None,
    intro: Annotated[Optional[str], typer.Option("--intro", metavar="WORDS", help=h(
        "The form's opening words to the customer (default: a short instruction)."))] = None,
    question: Annotated[Optional[str], typer.Option("--question", metavar="WORDS", help=h(
        "The words asked under each moment (default: How was it?)."))] = None,
    importance_question: ImportanceQuestionOption = None,
    mapping: MappingOption = None,
    comments: CommentsOption = False,
    config: ConfigOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap survey` (its help is the `help=` above, translated)."""
    from cyclemap.format.diagnostics import shown
    from cyclemap.outputs.survey import SUFFIXES

    if file == "inspect" and more:
        if len(more) != 2:
            raise UsageError(_("survey inspect takes the cycle file and the file of answers"))
        raise typer.Exit(_inspect(more[0], more[1], output, mapping, config, lang))
    if file == "stats" and more:
        if len(more) != 2:
            raise UsageError(_("survey stats takes the cycle file and the file of answers"))
        raise typer.Exit(_stats(more[0], more[1], output, mapping, config, lang, comments))
    if comments:
        raise UsageError(_("--comments goes with `survey stats FILE ANSWERS`"))
    if more:
        raise UsageError(_("survey takes one cycle file (or `inspect FILE ANSWERS`, `stats FILE ANSWERS`)"))
    if output is None:
        raise UsageError(_("give -o OUT: .html (printable form), .csv or .xlsx (template to fill in)"))
    if Path(output).suffix.lower() not in SUFFIXES:
        raise UsageError(_("-o {path}: the survey is written as .html, .csv or .xlsx").format(path=shown(output)))
    run = Frame.resolve(file, output, config=config, lang=lang)
    checked = run.load()
    from cyclemap.outputs.survey.document import (
        survey_document,  # openpyxl: here, not at every start-up
    )

    run.output.write(survey_document(checked, output, importance, expectation, title, intro, question,
                                     importance_question))
    raise typer.Exit(EXIT_OK)


def _inspect(file: str, answers: str, output: str | None, mapping: str | None, config, lang) -> int:
    from cyclemap.cli.answers import check_answer_files, summary
    from cyclemap.format.ratings import inspect
    from cyclemap.format.survey_mapping import mapping_text
    from cyclemap.outputs.atomic import check_output, write_atomic

    check_answer_files(answers, mapping=mapping)
    checked = _cycle(file, config, lang)
    if checked is None:
        return EXIT_FINDINGS
    if output is not None:
        check_output(output, [file, answers] + ([mapping] if mapping else []))
    out = checked.lang
    result, views = inspect(answers, checked.cycle, mapping)
    names = {m.id: m.name for m in reversed(checked.cycle.moments)}
    layout = result.layout
    lines = _column_lines(answers, layout, views, names, out) if layout is not None else []
    sys.stdout.write("\n".join(lines) + ("\n" if lines else ""))
    for line in summary(result, out):
        raw = ": CM" in line or line.startswith("    ")
        sys.stderr.write(line + "\n" if raw else f"cyclemap: {line}\n")
    if output is not None and layout is not None:
        note = _("how cyclemap reads {answers} for {cycle}; check every line, fill in the labels, keep it beside "
                 "the answers as NAME.mapping.yaml").format(answers=Path(answers).name, cycle=Path(file).name)(out)
        write_atomic(output, mapping_text(views, layout.header_rows, layout.tool, note, names), inputs=[file, answers])
        sys.stderr.write("cyclemap: " + _("mapping written to {path}").format(path=output)(out) + "\n")
    return EXIT_OK if (result.answers or result.importance) else EXIT_FINDINGS


def _cycle(file: str, config, lang):
    """The cycle file read for a command that reads answers against it; None (its
    problems said on stderr) when it does not load."""
    from cyclemap.cli.usage import check_one, make_pipeline
    from cyclemap.outputs.report import render as report

    pipeline = make_pipeline(config=config, lang=lang)
    pipeline.judge = False  # the moments and their order, not the critique
    checked = check_one(pipeline, file)
    if not checked.loaded:
        sys.stderr.write(report("text", [checked], checked.lang))
        return None
    return checked


_ROLES = {
    "rating": _("rating of"), "importance": _("importance of"), "expectation": _("expectation of (not read)"),
    "respondent": _("respondent (to find repeats; never shown)"), "segment": _("segment"),
    "comment": _("free-text comment (read only with --comments)"), "meta": _("about the respondent (not read)"),
    "moment": _("the moment of each answer"), "answer": _("the answer"),
    "unknown": _("not read: names no moment"), "ignored": _("not read"),
}
_NOTES = {"ambiguous": _("two columns claim this moment"), "weaker": _("another column names this moment better"),
          "unmapped": _("not in the mapping"), "second": _("a second such column"),
          "close": _("close to a moment's name")}


def _column_lines(answers: str, layout, views, names: dict[str, str], out: str) -> list[str]:
    """`inspect`'s report: the file's shape, then each column, what it is read as, and its
    first answers with the number each reads as (`?`: it does not read)."""
    from openpyxl.utils import get_column_letter

    from cyclemap.format.diagnostics import one_line

    tool = layout.tool_name or (_("a long table (one answer per row)")(out) if layout.shape == "long"
                                else _("a wide table (one respondent per row)")(out))
    lines = [_("{path}: {tool}, {rows} header row(s)").format(path=answers, tool=tool, rows=layout.header_rows)(out)]
    for view in views:
        c = view.column
        what = _ROLES.get(c.role, _ROLES["ignored"])(out)
        if c.moment:
            what += f" `{c.moment}` ({names.get(c.moment, c.moment)})"
        if c.note in _NOTES:
            what += f" — {_NOTES[c.note](out)}"
        lines.append(f"  {get_column_letter(c.index + 1):>3}  {one_line(c.header)[:60] or '-'}")
        lines.append(f"       → {what}")
        if view.values and c.role not in ("meta", "respondent", "comment"):
            shown = ", ".join(
                f"{one_line(t)[:24]} → {'?' if view.readings.get(t) is None else format(view.readings[t], 'g')}"
                for t, _n in view.values.most_common(6))
            lines.append(f"       {shown}")
    return lines


def _stats(file: str, answers: str, output: str | None, mapping: str | None, config, lang,
           comments: bool = False) -> int:
    """Each moment's statistics from a file of answers, on stdout or into -o .csv/.xlsx;
    with `comments`, the free-text comments after them (text, or a sheet of the .xlsx)."""
    from cyclemap.cli.answers import Progress, check_answer_files, report_comments, report_read
    from cyclemap.format.ratings import load_ratings
    from cyclemap.outputs.atomic import check_output, write_atomic
    from cyclemap.outputs.survey.stats import as_csv, as_text, as_xlsx, comments_text, table

    check_answer_files(answers, mapping=mapping)
    suffix = Path(output).suffix.lower() if output else ""
    if output is not None and suffix not in (".csv", ".xlsx"):
        raise UsageError(_("-o {path}: the statistics are written as .csv or .xlsx").format(path=output))
    if comments and suffix == ".csv":
        raise UsageError(_("--comments: a CSV holds one table; write the statistics as .xlsx (the comments "
                           "on a sheet of their own), or leave out -o to read them here"))
    if output is not None:
        check_output(output, [file, answers] + ([mapping] if mapping else []))
    checked = _cycle(file, config, lang)
    if checked is None:
        return EXIT_FINDINGS
    ratings = load_ratings(answers, checked.cycle, None, mapping, Progress(), comments)
    report_read(ratings, checked.lang)
    said = report_comments(ratings, checked.lang) if comments else None
    rows = table(checked, ratings.answers)
    if output is None:
        sys.stdout.write(as_text(rows, checked.lang) + (comments_text(said, checked.lang) if said else ""))
    else:
        data = as_csv(rows, checked.lang) if suffix == ".csv" else as_xlsx(rows, checked.lang, said)
        write_atomic(output, data, inputs=[file, answers])
    return EXIT_OK
