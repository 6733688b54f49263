"""The report card (libreta de calificaciones) made from a cycle: a printable HTML form
(`form.py`), a CSV template and an XLSX template with the scale's validation
(`template.py`). All speak the customer's language: moment names, never ids or codes,
except as the column names a spreadsheet needs to read the answers back."""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.i18n import _, _p


@dataclass(frozen=True)
class Question:
    """One moment asked about: its id (the answer's column) and its name (the question)."""

    id: str
    name: str
    stage: str | None


@dataclass(frozen=True)
class Survey:
    title: str
    lang: str
    scale: tuple[float, float]
    questions: tuple[Question, ...]
    importance: bool = False  # also ask how much each moment matters
    expectation: bool = False  # also ask what the customer expected


# The extra columns of a wide survey file, in order; `cyclemap --ratings` reads them back.
FIRST_COLUMNS = ("respondent", "segment", "date")
LAST_COLUMNS = ("comment",)

WORDS = {
    "intro": _("Tell us how each step of your visit went. Mark one box per line; leave a line blank if it did "
               "not happen to you."),
    "worst": _p("survey scale end", "very poor"),
    "best": _p("survey scale end", "excellent"),
    "how": _("How was it?"),
    "importance": _("How much does it matter to you?"),
    "expected": _("What did you expect?"),
    "comment": _("Anything else you want to tell us?"),
    "segment": _("You are (e.g. new customer, regular customer, company):"),
    "date": _p("survey form line", "Date"),
    "thanks": _("Thank you: your answers help us serve you better."),
    "step": _p("survey form", "Step"),
    "name_row": _("# the question of each column"),
    "out_of_scale": _("Enter a number from {low} to {high}, or leave it blank."),
    "answers_sheet": _p("survey spreadsheet sheet name", "Answers"),
}


def make_survey(checked, importance: bool = False, expectation: bool = False) -> Survey:
    """The survey of a checked cycle: one question per moment, in the order a customer
    meets them."""
    cycle = checked.cycle
    by_id = {m.id: m for m in reversed(cycle.moments)}  # the first of a repeated id wins
    order = checked.order or list(by_id)
    questions = tuple(Question(i, by_id[i].name, by_id[i].stage) for i in order if i in by_id)
    return Survey(cycle.title, checked.lang, tuple(cycle.scale), questions, importance, expectation)


def columns(survey: Survey) -> list[str]:
    """The columns of the wide survey file."""
    cols = list(FIRST_COLUMNS) + [q.id for q in survey.questions]
    if survey.importance:
        cols += [f"importance_{q.id}" for q in survey.questions]
    return cols + list(LAST_COLUMNS)


def question_row(survey: Survey) -> list[str]:
    """A row under the header with each column's question, starting with `#` so that
    reading the answers back skips it."""
    lang = survey.lang
    by_id = {q.id: q.name for q in survey.questions}
    row = []
    for col in columns(survey):
        if col in by_id:
            row.append(by_id[col])
        elif col.startswith("importance_") and col[len("importance_"):] in by_id:
            row.append(f"{WORDS['importance'](lang)} {by_id[col[len('importance_'):]]}")
        else:
            row.append("")
    row[0] = WORDS["name_row"](lang)
    return row


SUFFIXES = (".html", ".htm", ".csv", ".xlsx")
