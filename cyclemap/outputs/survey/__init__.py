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
    intro: str | None = None  # the opening words (default: WORDS["intro"])
    question: str | None = None  # the words asked of each moment (default: WORDS["how"])
    importance_question: str | None = None  # the words of the importance question (default: WORDS["importance"])
    internal: bool = False  # the customer is a team of the same organisation (`internal: true`)


# The extra columns of a wide survey file, in order; `cyclemap --ratings` reads them back.
FIRST_COLUMNS = ("respondent", "segment", "date")
LAST_COLUMNS = ("comment",)

WORDS = {
    "intro": _("Tell us how each step of your visit went. Mark one box per line; leave a line blank if it did "
               "not happen to you."),
    "worst": _p("survey scale end", "very poor"),
    "best": _p("survey scale end", "excellent"),
    # The ends of the importance scale: how much a step matters, not how well it went.
    "least": _p("importance scale end", "does not matter"),
    "most": _p("importance scale end", "matters a great deal"),
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


# For an internal customer (a team of the same organisation): the same form, in its words.
INTERNAL_WORDS = {
    "intro": _("Tell us how each step of our service to your team went. Mark one box per line; leave a line "
               "blank if it did not happen to you."),
    "segment": _("Your team or department:"),
    "thanks": _("Thank you: your answers help us serve your team better, and through it our customers."),
}


def word(survey: "Survey", key: str):
    """A text of the form, in the internal customer's words when the cycle's customer is internal."""
    return INTERNAL_WORDS.get(key, WORDS[key]) if survey.internal else WORDS[key]


def make_survey(checked, importance: bool = False, expectation: bool = False, title: str | None = None,
                intro: str | None = None, question: str | None = None,
                importance_question: str | None = None) -> Survey:
    """The survey of a checked cycle: one question per moment, in the order a customer
    meets them. Wording the importance question asks it."""
    cycle = checked.cycle
    by_id = {m.id: m for m in reversed(cycle.moments)}  # the first of a repeated id wins
    order = checked.order or list(by_id)
    questions = tuple(Question(i, by_id[i].name, by_id[i].stage) for i in order if i in by_id)
    return Survey(title or cycle.title, checked.lang, tuple(cycle.scale), questions,
                  importance or importance_question is not None, expectation, intro, question, importance_question,
                  getattr(cycle, "internal", False))


def importance_words(survey: Survey) -> str:
    """The importance question as the form asks it: the words given, else the default."""
    return survey.importance_question or WORDS["importance"](survey.lang)


def tag(moment_id: str, kind: str = "") -> str:
    """cyclemap's tag for a question (`[cm:wait]`, `[cm:wait:importance]`): pasted into any
    form tool with the question, it comes back in the export's header, so the answers are
    read back without guessing (format.survey_shapes.TAG)."""
    return f"[cm:{moment_id}{':' + kind if kind else ''}]"


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
            row.append(f"{by_id[col]} {tag(col)}")
        elif col.startswith("importance_") and col[len("importance_"):] in by_id:
            moment_id = col[len("importance_"):]
            row.append(f"{importance_words(survey)} {by_id[moment_id]} {tag(moment_id, 'importance')}")
        elif col == "comment":
            row.append(f"{WORDS['comment'](lang)} {tag('comment')}")
        else:
            row.append("")
    row[0] = WORDS["name_row"](lang)
    return row


SUFFIXES = (".html", ".htm", ".csv", ".xlsx")
