"""Survey answers from the exports of the tools people use, through the command line:
each tool's shape read right (test files written from each tool's documented export
layout, tests/data/exports/), and every case that used to be read wrong or dropped in
silence now said on stderr, with counts, or refused with a location and an exit code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cyclemap.cli import app

DATA = Path(__file__).parent / "data" / "exports"
CYCLE = DATA / "bank.yaml"


class Run:
    def __init__(self, result):
        self.code, self.out, self.err = result.exit_code, result.stdout, result.stderr


def run(*args: str) -> Run:
    """The real command line, in this process (fast; the same Typer app)."""
    result = CliRunner().invoke(app, [str(a) for a in args],
                                env={"CYCLEMAP_LANG": "en", "NO_COLOR": "1", "CYCLEMAP_NO_PROGRESS": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return Run(result)


def scores(ratings, *more: str, cycle=CYCLE) -> tuple[dict, Run]:
    """Each moment's (score, responses, mean importance) as `export --format json` gives them."""
    r = run("export", cycle, "--ratings", ratings, "--format", "json", *more)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    moments = data.get("moments") or data["cycle"]["moments"]
    return {m["id"]: (m.get("score"), m.get("responses")) for m in moments}, r


# -- each tool's export, read right --------------------------------------------------------

def test_google_forms_importance_before_the_rating_is_never_the_score():
    # The importance grid comes first; a repeated submission (same e-mail and time) is in it.
    read, r = scores(DATA / "google-forms.csv")
    assert read["wait"] == (2.75, 4)  # 2, 3, 2, 4: the rating column, the repeat not counted
    assert read["served"] == (4.0, 5) and read["arrive"] == (4.2, 5)
    assert "read as a Google Forms export" in r.err and "10 importance answers" in r.err
    assert "google-forms.csv:5:2: CM009 error this respondent's answers are already in the file" in r.err
    assert "5 answers set aside: 5 repeated respondent" in r.err
    assert "question column not read" not in r.err  # the form's comment question is its comment column
    assert "ana@example.org" not in r.out + r.err  # respondent-level data stays out


def test_google_forms_importance_feeds_the_quadrants():
    r = run("critique", CYCLE, "--ratings", DATA / "google-forms.csv", "--format", "json")
    assert r.code == 0, r.err
    quadrants = json.loads(r.out)["importance"]["moments"]
    by_id = {q["id"]: q for q in quadrants}
    assert by_id["wait"]["importance"] == pytest.approx(4.8) and by_id["wait"]["performance"] == 2.75


def test_qualtrics_three_header_rows_and_choice_text():
    read, r = scores(DATA / "qualtrics.csv")
    # Somewhat satisfied 4, Extremely satisfied 5, Neither 3; Somewhat dissatisfied 2, Extremely dissatisfied 1.
    assert read["arrive"] == (4.0, 3) and read["wait"] == (1.67, 3) and read["served"] == (4.33, 3)
    assert "read as a Qualtrics export" in r.err and "3 respondents" in r.err


def test_surveymonkey_two_header_rows_matrix_and_repeated_respondent():
    read, r = scores(DATA / "surveymonkey.csv")
    assert read["arrive"] == (4.0, 3) and read["wait"] == (1.67, 3) and read["served"] == (4.33, 3)
    assert "read as a SurveyMonkey export" in r.err and "surveymonkey.csv:6:1: CM009" in r.err
    # "You are:" is the segment question; two respondents are too few to show (their privacy).
    r = run("export", CYCLE, "--ratings", DATA / "surveymonkey.csv", "--segment", "regular customer", "-f", "json")
    assert r.code == 2 and "only 2 respondents in that segment" in r.err


def test_typeform_hash_header_is_not_a_comment():
    read, r = scores(DATA / "typeform.csv")
    assert read["wait"] == (2.33, 3) and read["arrive"] == (4.0, 3)
    assert "read as a Typeform export" in r.err


def test_limesurvey_full_text_headings():
    read, r = scores(DATA / "limesurvey.csv")
    assert read["wait"] == (1.5, 2) and read["served"] == (4.5, 2)
    assert "read as a LimeSurvey export" in r.err and "2 left blank or N/A" in r.err


def test_microsoft_forms_workbook_with_likert_labels(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
                  "How satisfied were you?.Waits in line", "How satisfied were you?.Is served at the desk"])
    sheet.append([1, "3/2/26 10:01:12", "3/2/26 10:03:40", "anonymous", None, None, "Dissatisfied", "Very satisfied"])
    sheet.append([2, "3/2/26 11:20:00", "3/2/26 11:22:10", "anonymous", None, None, "Neutral", "Satisfied"])
    path = tmp_path / "forms.xlsx"
    book.save(path)
    read, r = scores(path)
    assert read["wait"] == (2.5, 2) and read["served"] == (4.5, 2)
    assert "read as a Microsoft Forms export" in r.err


def test_long_file_with_columns_in_another_order_and_numbered_labels():
    read, r = scores(DATA / "long-reordered.csv")
    assert read["arrive"] == (4.5, 2) and read["wait"] == (2.5, 2) and read["served"] == (5.0, 1)


def test_cyclemaps_own_template_round_trips_through_any_tool(tmp_path):
    template = tmp_path / "t.csv"
    assert run("survey", CYCLE, "-o", template, "--importance").code == 0
    text = template.read_text(encoding="utf-8-sig")
    assert "[cm:wait]" in text and "[cm:wait:importance]" in text
    # A form tool that kept only the question texts (the tags) as headers, in another order.
    export = tmp_path / "export.csv"
    export.write_text("Submitted,How much does it matter to you? Waits in line [cm:wait:importance],"
                      "Queue experience [cm:wait]\n2026-03-02,5,2\n2026-03-02,4,3\n", encoding="utf-8")
    read, r = scores(export)
    assert read["wait"] == (2.5, 2)


# -- encodings ---------------------------------------------------------------------------

def test_windows_1252_is_read_and_said(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("momento;calificación;encuestado\nwait;4;José\nwait;2;Inés\n".encode("cp1252"))
    read, r = scores(path)
    assert read["wait"] == (3.0, 2) and "decoded as Windows-1252" in r.err


def test_utf16_without_bom_is_read(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes("moment\trating\nwait\t2\nwait\t4\n".encode("utf-16-le"))
    read, _r = scores(path)
    assert read["wait"] == (3.0, 2)


# -- never silent ------------------------------------------------------------------------

@pytest.mark.parametrize("command", [("critique",), ("export", "--format", "json"), ("render", "-o", "{out}.svg"),
                                     ("handout", "-o", "{out}.html"), ("deck", "-o", "{out}.pptx")])
def test_an_unusable_survey_file_is_an_error_never_an_unscored_report(command, tmp_path):
    bad = tmp_path / "other.csv"
    bad.write_text("respondent,checkin,room\nr1,4,5\n" + "r2,3,3\n" * 150)
    args = [c.format(out=tmp_path / "out") for c in command]
    r = run(args[0], CYCLE, *args[1:], "--ratings", bad)
    assert r.code == 1
    assert f"{bad}:1:1: CM009 error no column of this file names a moment of this cycle" in r.err
    assert "nothing was written" in r.err and r.out == ""
    assert not list(tmp_path.glob("out.*"))


def test_strict_makes_any_set_aside_answer_an_error(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("moment,rating\nwait,4\nwait,9\nwait,3\n")
    ok = run("critique", CYCLE, "--ratings", path)
    assert ok.code == 0 and "1 answer set aside: 1 outside the scale" in ok.err
    strict = run("critique", CYCLE, "--ratings", path, "--strict")
    assert strict.code == 1 and "--strict" in strict.err and strict.out == ""


def test_a_segment_matching_nothing_is_a_usage_error_with_a_did_you_mean():
    r = run("critique", CYCLE, "--ratings", DATA / "google-forms.csv", "--segment", "new custmer")
    assert r.code == 2 and "did you mean `new customer`?" in r.err and "regular customer (3)" in r.err


def test_a_segment_without_a_segment_column_is_a_usage_error():
    r = run("critique", CYCLE, "--ratings", DATA / "typeform.csv", "--segment", "new")
    assert r.code == 2 and "has no segment column" in r.err


def test_a_moment_in_two_columns_is_read_once_and_said(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("respondent,wait,How was it? Waits in line\nr1,2,5\nr2,3,5\n")
    read, r = scores(path)
    assert read["wait"] == (2.5, 2)  # the id column names it more exactly
    assert "also reads as `wait`" in r.err and "2 answers set aside: 2 in columns not read" in r.err
    tie = tmp_path / "tie.csv"
    tie.write_text("respondent,Waits in line (morning),Waits in line (afternoon)\nr1,2,5\n")
    r = run("critique", CYCLE, "--ratings", tie)
    assert r.code == 1 and "all read as `wait`; none of them is used" in r.err


def test_duplicate_rows_in_a_long_file_count_once(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("moment,rating,respondent\nwait,1,r1\nwait,1,r1\nwait,5,r2\n")
    read, r = scores(path)
    assert read["wait"] == (3.0, 2) and "dup.csv:3:1: CM009" in r.err


def test_a_reworded_question_column_gets_a_did_you_mean(tmp_path):
    path = tmp_path / "reworded.csv"
    path.write_text("respondent,Wait in line,Is served at the desk\nr1,2,4\n")
    _read, r = scores(path)
    assert "“Wait in line” is not a moment of the cycle" in r.err and "did you mean `wait`" in r.err


# -- the mapping, and inspect --------------------------------------------------------------

def test_an_unrecognised_export_goes_to_inspect_and_a_mapping(tmp_path):
    answers = tmp_path / "codes.csv"
    shutil.copy(DATA / "limesurvey-codes.csv", answers)
    r = run("critique", CYCLE, "--ratings", answers)
    assert r.code == 1 and "cyclemap survey inspect" in r.err
    mapping = tmp_path / "codes.mapping.yaml"
    r = run("survey", "inspect", CYCLE, answers, "-o", mapping)
    assert r.code == 1 and "Q1[SQ001]" in r.out and "A4 → ?" in r.out and mapping.exists()
    text = mapping.read_text()
    assert '"Q1[SQ001]": ignore' in text and '"A4":' in text
    # The consultant fills it in; the next read uses it (beside the answers) and says so.
    mapping.write_text((DATA / "limesurvey-codes.mapping.yaml").read_text())
    read, r = scores(answers)
    assert read["arrive"] == (4.5, 2) and read["wait"] == (1.5, 2) and read["served"] == (4.5, 2)
    assert "with the mapping" in r.err
    r = run("survey", "inspect", CYCLE, answers)
    assert r.code == 0 and "A4 → 4" in r.out


def test_a_bad_mapping_says_where(tmp_path):
    answers = tmp_path / "codes.csv"
    shutil.copy(DATA / "limesurvey-codes.csv", answers)
    (tmp_path / "codes.mapping.yaml").write_text("columns:\n  Q1[SQ001]: wiat\n")
    r = run("critique", CYCLE, "--ratings", answers)
    assert r.code == 2 and "codes.mapping.yaml:2:14: no moment `wiat` in the cycle; did you mean `wait`?" in r.err


def test_the_form_says_what_the_consultant_wrote_and_asks_importance_on_its_own_words(tmp_path):
    page = tmp_path / "form.html"
    r = run("survey", CYCLE, "-o", page, "--importance", "--title", "Your visit", "--intro", "Two minutes, please.",
            "--question", "How did we do?")
    assert r.code == 0, r.err
    html = page.read_text(encoding="utf-8")
    assert "<h1>Your visit</h1>" in html and "Two minutes, please." in html and "How did we do?" in html
    assert "does not matter" in html and "matters a great deal" in html  # not "very poor … excellent"
    book = tmp_path / "form.xlsx"
    long_title = "Apertura de cuenta en la sucursal del centro de la ciudad"
    assert run("survey", CYCLE, "-o", book, "--title", long_title).code == 0
    from openpyxl import load_workbook

    title = load_workbook(book).active.data_validations.dataValidation[0].errorTitle
    assert len(title) <= 32 and title.endswith("…") and long_title.startswith(title[:-1])
    assert title[:-1].endswith(("cuenta", "la", "sucursal", "en", "de"))  # cut at a word
