"""The report card loop through the real command line: `survey` makes the form or the
template, a person (or a Spanish-locale spreadsheet) fills it in, `--ratings` reads it
back to the right counts and means, bad files get located messages, and the file's own
scores give way to survey answers only when there are enough of them."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest

CYCLE = """cyclemap: 1
title: Bank branch
language: en
scale: [1, 5]
moments:
  - {id: arrive, name: Arrives at the branch, kind: routine}
  - {id: wait, name: Waits in line, kind: critical, owner: Ops, standard: 5 min, recovery: Supervisor}
  - {id: served, name: Is served at the desk, kind: critical, owner: Ops, standard: greet, recovery: Supervisor}
  - {id: leaves, name: Leaves with the account open, kind: routine, score: 4.2, responses: 120}
"""


def evidence(cli, cycle, ratings, *extra) -> dict:
    """Moment id -> (responses, score) as `export --to json` reads them back."""
    run = cli("export", str(cycle), "--to", "json", "--ratings", str(ratings), *extra)
    assert run.code == 0, run.err
    return {m["id"]: m for m in json.loads(run.out)["moments"]}


@pytest.fixture
def cycle(write):
    return write("bank.yaml", CYCLE)


# -- survey: the form and the templates ---------------------------------------------------

def test_html_form_asks_in_the_customers_words_without_ids(cli, cycle, tmp_path):
    out = tmp_path / "form.html"
    run = cli("survey", str(cycle), "-o", str(out), "--importance", "--expectation")
    assert run.code == 0, run.err
    html = out.read_text(encoding="utf-8")
    for name in ("Arrives at the branch", "Waits in line", "Is served at the desk", "Leaves with the account open"):
        assert name in html
    assert html.index("Arrives at the branch") < html.index("Waits in line") < html.index("Leaves with the")
    assert 'value="1"' in html and 'value="5"' in html and "What did you expect?" in html
    assert "How much does it matter to you?" in html
    for moment_id in ("arrive", "wait", "served", "leaves"):  # no ids, codes or YAML on the page
        assert f">{moment_id}<" not in html and f'"{moment_id}"' not in html
    assert "CM1" not in html and "score:" not in html


def test_html_form_in_spanish(cli, write, tmp_path):
    source = write("banco.yaml", CYCLE.replace("language: en", "language: es"))
    out = tmp_path / "encuesta.html"
    assert cli("survey", str(source), "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    assert "¿Cómo le fue?" in html and "pésimo" in html and 'lang="es"' in html


def test_survey_in_portuguese_on_request(cli, cycle, tmp_path):
    out = tmp_path / "pesquisa.html"
    run = cli("survey", str(cycle), "-o", str(out), "--importance", "--expectation", "--lang", "pt")
    assert run.code == 0, run.err
    html = out.read_text(encoding="utf-8")
    assert '<html lang="pt-BR">' in html
    for words in ("Como foi?", "péssimo", "excelente", "Quanto isso importa para você?", "O que você esperava?",
                  "Algo mais que queira nos contar?", "Conte-nos como foi cada etapa da sua visita",
                  "Data:", "Obrigado: suas respostas nos ajudam"):
        assert words in html, words
    for other in ("How was it?", "¿Cómo le fue?", "very poor", "Thank you"):
        assert other not in html, other
    # The CSV template's question row and the workbook's sheet and check speak it too.
    template = tmp_path / "pesquisa.csv"
    assert cli("survey", str(cycle), "-o", str(template), "--importance", "--lang", "pt").code == 0
    # A Portuguese spreadsheet opens it in columns: `;` and a BOM.
    questions = list(csv.reader(io.StringIO(template.read_text(encoding="utf-8-sig")), delimiter=";"))[1]
    assert questions[0] == "# a pergunta de cada coluna"
    assert "Quanto isso importa para você? Waits in line [cm:wait:importance]" in questions
    book = tmp_path / "pesquisa.xlsx"
    assert cli("survey", str(cycle), "-o", str(book), "--lang", "pt").code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(book).active
    assert sheet.title == "Respostas"
    assert sheet.data_validations.dataValidation[0].error == "Digite um número de 1 a 5, ou deixe em branco."


def test_csv_survey_filled_in_a_spanish_locale_reads_back(cli, cycle, tmp_path, write):
    template = tmp_path / "survey.csv"
    assert cli("survey", str(cycle), "-o", str(template)).code == 0
    header, questions = list(csv.reader(io.StringIO(template.read_text(encoding="utf-8-sig"))))
    assert header[:3] == ["respondent", "segment", "date"] and header[-1] == "comment"
    assert [c for c in header if c in ("arrive", "wait", "served", "leaves")] == ["arrive", "wait", "served", "leaves"]
    assert questions[0].startswith("#") and "Waits in line [cm:wait]" in questions
    # A spreadsheet in a Spanish locale saves with `;`, decimal commas and a BOM.
    rng = random.Random(7)
    rows, expected = [], {"arrive": [], "wait": [], "served": [], "leaves": []}
    for r in range(12):
        cells = {"respondent": f"r{r}", "segment": "nuevo" if r % 3 else "habitual", "date": "02/03/2026",
                 "comment": "todo bien, gracias"}
        for moment in expected:
            choice = rng.choice(["1", "2", "3", "3,5", "4", "4,5", "5", "", "N/A"])
            cells[moment] = choice
            if choice not in ("", "N/A"):
                expected[moment].append(float(choice.replace(",", ".")))
        rows.append(";".join(cells.get(c, "") for c in header))
    filled = write("answers.csv", b"\xef\xbb\xbf" + (";".join(header) + "\n" + ";".join(questions) + "\n"
                                                     + "\n".join(rows) + "\n").encode("utf-8"))
    read = evidence(cli, cycle, filled, "--config", str(write(".cyclemap.yaml", "thresholds: {min_responses: 1}\n")))
    for moment, values in expected.items():
        assert read[moment]["responses"] == len(values)
        assert read[moment]["score"] == pytest.approx(round(sum(values) / len(values), 2))
        assert read[moment]["evidence"]["n"] == len(values)
    run = cli("check", str(cycle), "--ratings", str(filled), "--select", "CM009", "--fail-on", "warning")
    assert run.code == 0, run.out
    blanks = 12 * 4 - sum(len(v) for v in expected.values())
    assert f"{blanks} blank or N/A answers skipped; {sum(len(v) for v in expected.values())} answers used" in run.out


def test_xlsx_survey_validates_the_scale_and_reads_back(cli, cycle, tmp_path):
    from openpyxl import load_workbook

    template = tmp_path / "survey.xlsx"
    assert cli("survey", str(cycle), "-o", str(template), "--importance").code == 0
    book = load_workbook(template)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    [rule] = sheet.data_validations.dataValidation
    assert (rule.type, rule.formula1, rule.formula2) == ("decimal", "1", "5")
    wait_letter = sheet.cell(3, header.index("wait") + 1).column_letter
    assert f"{wait_letter}3:{wait_letter}1002" in str(rule.sqref)
    answers = {"wait": [2, 1, 2, 3, 2], "served": [5, 4, 4.5, 5, 4]}
    for i in range(5):
        row = {"respondent": f"r{i}", "segment": "new"}
        row.update({m: v[i] for m, v in answers.items()})
        row["importance_wait"] = 5
        row["importance_served"] = 3
        sheet.append([row.get(h) for h in header])
    sheet.append([7 if h == "arrive" else None for h in header])  # 7 is off the scale
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    read = evidence(cli, cycle, filled, "--select", "CM104")
    for moment, values in answers.items():
        assert (read[moment]["responses"], read[moment]["score"]) == (len(values), round(sum(values) / len(values), 2))
    run = cli("check", str(cycle), "--ratings", str(filled))
    assert run.code == 1
    row, col = sheet.max_row, header.index("arrive") + 1
    assert (f"{filled}:{row}:{col}: CM009 error Answers!{sheet.cell(row, col).coordinate}: "
            "the rating 7 for `arrive` is outside the scale 1–5") in run.out


@pytest.mark.parametrize("name", ["out.pdf", "out.txt"])
def test_survey_bad_suffix_is_a_usage_error_and_writes_nothing(cli, cycle, tmp_path, name):
    run = cli("survey", str(cycle), "-o", str(tmp_path / name))
    assert run.code == 2 and ".html, .csv or .xlsx" in run.err and not (tmp_path / name).exists()


def test_survey_of_a_broken_cycle_writes_nothing(cli, write, tmp_path):
    bad = write("bad.yaml", "cyclemap: 1\ntitle: x\nmoments: 3\n")
    run = cli("survey", str(bad), "-o", str(tmp_path / "s.csv"))
    assert run.code == 1 and "CM002" in run.err and not (tmp_path / "s.csv").exists()
    assert cli("survey", str(bad), "-o", str(bad)).code == 2 and bad.read_text() == "cyclemap: 1\ntitle: x\nmoments: 3\n"


# -- bad ratings files: a located message, exit 1, never a traceback -----------------------

@pytest.mark.parametrize("content, where, words", [
    (b"", 1, "no ratings"),
    (b"moment,rating,respondent\n", 1, "no ratings"),
    (b"moment,rating,respondent\nwait,4,Jos\x81\n", 2, "not UTF-8"),  # 0x81: no character in Windows-1252 either
    (b"\x00\x01\x02\x03" * 100, 1, "not text"),
    (b"moment,rating\nwait,nan\n", 2, "is not a number"),
    (b"moment,rating\nwait,inf\n", 2, "is not a number"),
    (b"moment,rating\nwait,4\nwait,-1\n", 3, "outside the scale 1\u20135"),
    (b"moment,rating\nwait,4\nwiat,4\n", 3, "did you mean"),
    (b"respondent,checkin,room,breakfast\nr1,4,5,3\n", 1, "another cycle"),
    (b"moment,rating\nwait,4\nwait,\"" + b"x" * 1_000_000 + b"\"\n", 3, "cannot be read past line 2"),
])
def test_bad_ratings_files_say_where(cli, cycle, write, content, where, words):
    ratings = write("r.csv", content)
    run = cli("check", str(cycle), "--ratings", str(ratings), "--select", "CM009")
    assert run.code == 1, run.out
    assert f"{ratings}:{where}:" in run.out and words in run.out
    assert "Traceback" not in run.err and len(run.out) < 5000


def test_utf16_with_bom_and_tabs_is_read(cli, cycle, write):
    ratings = write("unicode.txt", "moment\trating\nwait\t2\nwait\t3\nserved\t4,5\n".encode("utf-16"))
    read = evidence(cli, cycle, ratings)
    assert (read["wait"]["responses"], read["wait"]["score"]) == (2, 2.5)
    assert read["served"]["score"] == 4.5


def test_thousands_of_bad_rows_give_a_bounded_summary(cli, cycle, write):
    ratings = write("many.csv", "moment,rating\n" + "wait,9\n" * 5000 + "wait,4\n")
    run = cli("check", str(cycle), "--ratings", str(ratings), "--select", "CM009")
    assert run.code == 1
    assert run.out.count("outside the scale") == 20
    assert "4980 more unusable rows or cells not listed (the first 20 are)" in run.out


def test_an_xlsx_that_is_not_a_workbook(cli, cycle, write):
    ratings = write("fake.xlsx", b"moment,rating\nwait,4\n")
    run = cli("check", str(cycle), "--ratings", str(ratings), "--select", "CM009")
    assert run.code == 1 and f"{ratings}:1:1:" in run.out and "not a readable Excel workbook" in run.out


# -- how survey answers and the file's own score combine ------------------------------------

def test_a_few_answers_do_not_overturn_a_score_measured_on_more(cli, cycle, write):
    few = write("few.csv", "moment,rating\n" + "leaves,1\n" * 3)
    read = evidence(cli, cycle, few)
    assert (read["leaves"]["score"], read["leaves"]["responses"]) == (4.2, 120)
    run = cli("check", str(cycle), "--ratings", str(few), "--select", "CM009")
    assert "survey answers set aside for 1 moment" in run.out and "`leaves` (3 / 120)" in run.out
    enough = write("enough.csv", "moment,rating\n" + "leaves,1\n" * 20)  # min_responses
    assert evidence(cli, cycle, enough)["leaves"]["score"] == 1
    settings = write(".cyclemap.yaml", "thresholds:\n  min_responses: 2\n")
    assert evidence(cli, cycle, few, "--config", str(settings))["leaves"]["score"] == 1


def test_evidence_marks_few_answers_uncertain(cli, cycle, write):
    read = evidence(cli, cycle, write("r.csv", "moment,rating\nwait,1\nwait,2\nwait,5\nserved,4\n" + "arrive,4\n" * 20))
    assert read["wait"]["evidence"]["uncertain"] is True and read["arrive"]["evidence"]["uncertain"] is False
    wait = read["wait"]["evidence"]
    assert wait["low"] < wait["mean"] < wait["high"] and wait["dissatisfied"] == pytest.approx(2 / 3, abs=1e-3)  # 1 and 2 of 1–5


# -- segments --------------------------------------------------------------------------------

SEGMENTED = "moment,rating,respondent,segment\n" + "".join(
    f"wait,{v},r{i},{s}\n" for i, (v, s) in enumerate(
        [(1, "new"), (2, "new")] * 3 + [(4, "regular"), (5, "regular"), (5, "Regular")] * 2 + [(4, "regular")]))


def test_segment_keeps_one_segments_answers(cli, cycle, write):
    ratings = write("seg.csv", SEGMENTED)
    assert evidence(cli, cycle, ratings, "--segment", "new")["wait"]["score"] == 1.5
    assert evidence(cli, cycle, ratings, "--segment", "regular")["wait"]["responses"] == 7
    run = cli("check", str(cycle), "--ratings", str(ratings), "--segment", "vip", "--select", "CM009")
    assert run.code == 1 and "no answers from the segment `vip`; the file's segments: regular (7), new (6)" in run.out


def test_segment_needs_a_segment_column_and_ratings(cli, cycle, write):
    ratings = write("plain.csv", "moment,rating\nwait,4\n")
    run = cli("critique", str(cycle), "--ratings", str(ratings), "--segment", "new", "--view", "analyst")
    assert run.code == 2 and "has no segment column" in run.err and run.out == ""
    run = cli("check", str(cycle), "--segment", "new")
    assert run.code == 2 and "--segment needs --ratings" in run.err


def test_a_damaged_workbook_says_where_it_stopped(cli, cycle, tmp_path):
    import zipfile

    template = tmp_path / "survey.xlsx"
    assert cli("survey", str(cycle), "-o", str(template)).code == 0
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]  # cut the sheet's XML in half
            target.writestr(item, data)
    run = cli("check", str(cycle), "--ratings", str(damaged), "--select", "CM009")
    assert run.code == 1 and f"{damaged}:" in run.out and "Traceback" not in run.err
    assert "workbook" in run.out


def test_a_form_tools_export_with_questions_as_headers(cli, cycle, write):
    # Google Forms / Microsoft Forms name columns by the question, in the customer's words.
    export = write("form.csv", (
        "Marca temporal,How was it? Waits in line,How was it? Is served at the desk,Segment\n"
        "2026/03/02 10:01,2,5,new\n2026/03/02 10:05,3,4,new\n2026/03/02 11:00,,4,regular\n"))
    read = evidence(cli, cycle, export)
    assert (read["wait"]["responses"], read["wait"]["score"]) == (2, 2.5)
    assert (read["served"]["responses"], read["served"]["score"]) == (3, 4.33)
    # One respondent is not a segment anyone may see scores of: refused, their privacy.
    run = cli("export", str(cycle), "--to", "json", "--ratings", str(export), "--segment", "regular")
    assert run.code == 2 and "only 1 respondent in that segment" in run.err and run.out == ""
