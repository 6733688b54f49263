"""The survey as the file its name asks for: a printable form (.html) or a template to
fill in (.csv, .xlsx). Data only; the command line writes it."""

from __future__ import annotations

from pathlib import Path

from cyclemap.outputs.survey import make_survey
from cyclemap.outputs.survey.form import html_form
from cyclemap.outputs.survey.template import csv_template, xlsx_template


def survey_document(checked, path: str, importance: bool = False, expectation: bool = False,
                    title: str | None = None, intro: str | None = None, question: str | None = None,
                    importance_question: str | None = None) -> bytes | str:
    """The survey of a checked cycle in the format the suffix of `path` names (.html, .htm,
    .csv, .xlsx); `title`, `intro`, `question` and `importance_question` replace the
    form's default words."""
    survey = make_survey(checked, importance, expectation, title, intro, question, importance_question)
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm"):
        return html_form(survey)
    if suffix == ".csv":
        return csv_template(survey)
    return xlsx_template(survey)
