"""Through the command line (in this process): Microsoft Forms' CSV export read right, the
importance question worded by the consultant in every format the form writes (and read
back), and free-text comments only when asked for, without who wrote them, from the
privacy minimum of respondents, with their count on stderr."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from cyclemap.cli import app

DATA = Path(__file__).parent / "data" / "exports"
CYCLE = DATA / "bank.yaml"
MS_FORMS = DATA / "microsoft-forms.csv"
WORDING = "How heavily does this weigh for you?"


class Run:
    def __init__(self, result):
        self.code, self.out, self.err = result.exit_code, result.stdout, result.stderr


def run(*args) -> Run:
    result = CliRunner().invoke(app, [str(a) for a in args],
                                env={"CYCLEMAP_LANG": "en", "NO_COLOR": "1", "CYCLEMAP_NO_PROGRESS": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return Run(result)


def read_back(cycle, ratings) -> tuple[dict, Run]:
    r = run("export", cycle, "--ratings", ratings, "--to", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    moments = data.get("moments") or data["cycle"]["moments"]
    return {m["id"]: (m.get("score"), m.get("responses")) for m in moments}, r


# -- Microsoft Forms, CSV ------------------------------------------------------------------

def test_microsoft_forms_csv_export_is_read_with_its_likert_labels():
    """ID, Start time, Completion time, Email, Name, Last modified time, then a column per
    question (a rating question by its text, a Likert statement as `Question.Statement`),
    saved by Excel as CSV UTF-8: a BOM, CRLF, quotes only where a cell needs them."""
    read, r = read_back(CYCLE, MS_FORMS)
    assert read["arrive"] == (3.6, 5)  # 4, 5, 3, 4, 2
    assert read["wait"] == (2.0, 4)  # 2, 3, 1, (blank), 2
    assert read["served"] == (3.0, 5)  # Dissatisfied 2, Very satisfied 5, Neutral 3, Satisfied 4, Very dissatisfied 1
    assert "read as a Microsoft Forms export" in r.err and "from 5 respondents" in r.err
    assert "repeated" not in r.err  # every anonymous respondent is "anonymous": the ID tells them apart
    assert "question column not read" not in r.err  # the comment question is the comment, not a lost question


def test_microsoft_forms_csv_from_a_spanish_locale_excel():
    read, r = read_back(DATA / "banco.yaml", DATA / "microsoft-forms-es.csv")
    assert read["llegada"] == (4.0, 3) and read["fila"] == (2.67, 3)  # Insatisfecho 2, Muy satisfecho 5, Muy insatisfecho 1
    assert "Microsoft Forms" in r.err


# -- the importance question's wording -------------------------------------------------------

def test_importance_question_is_worded_in_every_format_and_read_back(tmp_path):
    page = tmp_path / "form.html"
    r = run("survey", CYCLE, "-o", page, "--importance-question", WORDING)
    assert r.code == 0, r.err
    html = page.read_text(encoding="utf-8")
    assert html.count(WORDING) == 4 and "How much does it matter to you?" not in html  # one per moment, implies it
    assert "matters a great deal" in html  # still on its own scale words

    template = tmp_path / "form.csv"
    assert run("survey", CYCLE, "-o", template, "--importance-question", WORDING).code == 0
    header, questions = list(csv.reader(io.StringIO(template.read_text(encoding="utf-8-sig"))))[:2]
    asked = dict(zip(header, questions))
    assert asked["importance_wait"] == f"{WORDING} Waits in line [cm:wait:importance]"
    assert asked["comment"].endswith("[cm:comment]")

    book = tmp_path / "form.xlsx"
    assert run("survey", CYCLE, "-o", book, "--importance-question", WORDING).code == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(book).active.iter_rows(values_only=True))
    assert f"{WORDING} Waits in line [cm:wait:importance]" in rows[1]

    # A form tool's export keeps the question with its tag: the worded importance reads back.
    export = tmp_path / "export.csv"
    export.write_text(f'"Timestamp","Waits in line [cm:wait]","{WORDING} Waits in line [cm:wait:importance]"\n'
                      '"2026/03/02 10:01","2","5"\n"2026/03/02 10:05","4","3"\n', encoding="utf-8")
    read, r = read_back(CYCLE, export)
    assert read["wait"] == (3.0, 2) and "2 importance answers" in r.err


# -- free-text comments: opt-in ---------------------------------------------------------------

def test_comments_are_never_shown_unless_asked_for():
    r = run("survey", "stats", CYCLE, MS_FORMS)
    assert r.code == 0, r.err
    assert "queue" not in r.out and "hello" not in r.out and "comment" not in r.err.lower()


def test_comments_when_asked_for_come_sorted_without_who_wrote_them_and_are_counted():
    r = run("survey", "stats", CYCLE, MS_FORMS, "--comments")
    assert r.code == 0, r.err
    shown = r.out.split("3 comments, without who wrote them:\n")[1].splitlines()
    assert shown == ['- Nobody said "hello"', "- Please call me back", "- The queue was long, again"]
    for who in ("3/2/2026", "10:01:12", "anonymous"):  # no time stamps, ids or e-mail columns
        assert who not in r.out
    assert f"{MS_FORMS}: --comments: 3 comments used, shown without who wrote them" in r.err


def test_comments_respect_the_privacy_minimum(tmp_path):
    few = tmp_path / "few.csv"
    few.write_text("\n".join(MS_FORMS.read_text(encoding="utf-8-sig").splitlines()[:5]) + "\n", encoding="utf-8")
    r = run("survey", "stats", CYCLE, few, "--comments")
    assert r.code == 0, r.err
    assert "queue" not in r.out and "comments, without" not in r.out
    assert "--comments: not shown: 4 respondents; comments are shown from 5 respondents (their privacy)" in r.err


def test_comments_go_on_a_sheet_of_their_own_and_never_into_a_csv(tmp_path):
    book = tmp_path / "stats.xlsx"
    r = run("survey", "stats", CYCLE, MS_FORMS, "--comments", "-o", book)
    assert r.code == 0, r.err
    from openpyxl import load_workbook

    sheets = load_workbook(book).worksheets
    assert [s.title for s in sheets] == ["Statistics", "Comments"]
    assert [row[0] for row in sheets[1].iter_rows(min_row=2, values_only=True)] == [
        'Nobody said "hello"', "Please call me back", "The queue was long, again"]
    table = tmp_path / "stats.csv"
    r = run("survey", "stats", CYCLE, MS_FORMS, "--comments", "-o", table)
    assert r.code == 2 and not table.exists() and "--comments: a CSV holds one table" in r.err
    r = run("survey", CYCLE, "-o", tmp_path / "form.html", "--comments")
    assert r.code == 2 and "--comments goes with `survey stats FILE ANSWERS`" in r.err


def test_comments_without_a_comment_column_are_said(tmp_path):
    r = run("survey", "stats", CYCLE, DATA / "long-reordered.csv", "--comments")
    assert r.code == 0, r.err
    assert "has no comment column" in r.err


# -- the critique's evidence: comments when asked for ------------------------------------------

def test_critique_shows_comments_only_when_asked_for():
    r = run("critique", CYCLE, "--ratings", MS_FORMS)
    assert r.code == 0, r.err
    assert "queue" not in r.out and "comment" not in r.err.lower()
    r = run("critique", CYCLE, "--ratings", MS_FORMS, "--comments")
    assert r.code == 0, r.err
    tail = r.out.split("3 comments, without who wrote them:\n")[1].splitlines()
    assert tail == ['- Nobody said "hello"', "- Please call me back", "- The queue was long, again"]
    assert "--comments: 3 comments used, shown without who wrote them" in r.err
    r = run("critique", CYCLE, "--ratings", MS_FORMS, "--comments", "--format", "markdown")
    assert r.code == 0 and "## Comments" in r.out and "- Please call me back" in r.out


def test_critique_comments_come_from_the_segment_asked_for(tmp_path):
    answers = tmp_path / "answers.csv"
    rows = [f"r{i},{'new' if i < 6 else 'regular'},4,3,{'new comment ' + str(i) if i < 6 else 'regular comment'}"
            for i in range(9)]
    answers.write_text("respondent,segment,arrive,wait,comment\n" + "\n".join(rows) + "\n", encoding="utf-8")
    r = run("critique", CYCLE, "--ratings", answers, "--segment", "new", "--comments")
    assert r.code == 0, r.err
    assert "6 comments, without who wrote them" in r.out and "regular comment" not in r.out
    r = run("critique", CYCLE, "--ratings", answers, "--segment", "regular", "--comments")
    assert r.code == 2 and "regular comment" not in r.out  # 3 respondents: under the privacy minimum


def test_critique_comments_need_ratings_and_a_report_that_reads():
    r = run("critique", CYCLE, "--comments")
    assert r.code == 2 and "--comments needs --ratings" in r.err
    r = run("critique", CYCLE, "--ratings", MS_FORMS, "--comments", "--format", "json")
    assert r.code == 2 and "not JSON" in r.err


def test_comments_are_said_in_the_readers_language():
    r = run("survey", "stats", CYCLE, MS_FORMS, "--comments", "--lang", "es")
    assert r.code == 0, r.err
    assert "3 comentarios, sin quién los escribió:" in r.out
    assert "--comments: 3 comentarios usados, mostrados sin quién los escribió" in r.err
    r = run("critique", CYCLE, "--ratings", MS_FORMS, "--comments", "--lang", "pt_BR", "-f", "markdown")
    assert r.code == 0 and "## Comentários" in r.out and "3 comentários, sem quem os escreveu:" in r.out
