"""Spreadsheet readers under attack: each workbook is built by hand as a zip (what a
hostile file can say, not what a spreadsheet program would write), and must be refused
fast, with the bound it crosses in words, before openpyxl walks what it declares."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path


from conftest import run_app
from cyclemap.format import workbook_limits
from cyclemap.format.ratings import load_ratings
from support import load_text

CYCLE = "cyclemap: 1\ntitle: T\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n"
FAST = 10.0  # seconds; reading what these workbooks declare took minutes and gigabytes

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Answers" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>')
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
SST_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook(path: Path, sheet_parts, strings_parts=None) -> Path:
    """A workbook whose sheet (and shared strings) XML is streamed from the given pieces
    into the zip, so a 150 MB sheet never sits in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, parts in (("xl/worksheets/sheet1.xml", sheet_parts),
                            ("xl/sharedStrings.xml", strings_parts or [SST_HEAD + "></sst>"])):
            with book.open(name, "w", force_zip64=True) as member:
                for part in parts:
                    member.write(part.encode("utf-8"))
    return path


def answers_sheet(rows: list[list[str]]) -> list[str]:
    def cell(ref: str, value: str) -> str:
        return f'<c r="{ref}"><v>{value}</v></c>' if value.replace(".", "").isdigit() else \
            f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    body = "".join(f'<row r="{r}">' + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row)) + "</row>"
                   for r, row in enumerate(rows, start=1))
    return [SHEET_HEAD, "<sheetData>", body, "</sheetData></worksheet>"]


def refused_fast(path: Path, words: str) -> None:
    cycle, _ = load_text(CYCLE)
    start = time.monotonic()
    result = load_ratings(str(path), cycle)
    took = time.monotonic() - start
    messages = [d.message("en") for d in result.diagnostics()]
    assert any(words in m for m in messages), messages
    assert not result.answers
    assert took < FAST, took


def test_an_ordinary_handmade_workbook_still_reads(tmp_path):
    path = workbook(tmp_path / "ok.xlsx", answers_sheet([["moment", "rating"], ["a", "4"], ["b", "3"], ["a", "5"]]))
    cycle, _ = load_text(CYCLE)
    result = load_ratings(str(path), cycle)
    assert {k: list(v) for k, v in result.answers.items()} == {"a": [4.0, 5.0], "b": [3.0]}, result.diagnostics()


def test_a_kilobyte_workbook_declaring_the_last_cell_is_refused_fast(tmp_path):
    path = workbook(tmp_path / "last-cell.xlsx", [
        SHEET_HEAD, '<dimension ref="A1:XFD1048576"/><sheetData>',
        '<row r="1"><c r="A1" t="inlineStr"><is><t>moment</t></is></c></row>',
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'])
    assert path.stat().st_size < 2048
    refused_fast(path, "cells (last row × last column)")


def test_one_cell_at_the_last_row_and_column_without_a_dimension_is_refused(tmp_path):
    path = workbook(tmp_path / "far-cell.xlsx", [
        SHEET_HEAD, '<sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'])
    refused_fast(path, "cells (last row × last column)")


def test_twelve_million_shared_strings_are_refused_fast(tmp_path):
    chunk = "<si><t/></si>" * 100_000
    path = workbook(tmp_path / "strings.xlsx", answers_sheet([["moment", "rating"], ["a", "4"]]),
                    [SST_HEAD + ">"] + [chunk] * 120 + ["</sst>"])
    assert path.stat().st_size < 2_000_000
    refused_fast(path, "distinct texts (shared strings)")
    declared = workbook(tmp_path / "declared.xlsx", answers_sheet([["moment", "rating"]]),
                        [SST_HEAD + ' count="12000000" uniqueCount="12000000">', "<si><t>x</t></si></sst>"])
    refused_fast(declared, "distinct texts (shared strings)")


def test_ten_million_blank_rows_are_refused_fast(tmp_path):
    chunk = "<row/>" * 1_000_000
    path = workbook(tmp_path / "blank-rows.xlsx",
                    [SHEET_HEAD, "<sheetData>", '<row r="1"><c r="A1"><v>1</v></c></row>'] + [chunk] * 10
                    + ["</sheetData></worksheet>"])
    assert path.stat().st_size < 2_000_000
    refused_fast(path, "more rows than cyclemap reads")


def test_a_zip_that_expands_past_the_bound_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_limits, "MAX_EXPANDED", 64 * 1024)
    path = workbook(tmp_path / "big.xlsx", answers_sheet([["moment", "rating"]] + [["a", "4"]] * 5000))
    refused_fast(path, "expands to")


def test_the_command_line_reports_the_refusal_with_its_place(tmp_path):
    cycle = tmp_path / "c.yaml"
    cycle.write_text(CYCLE)
    path = workbook(tmp_path / "last-cell.xlsx", [
        SHEET_HEAD, '<dimension ref="A1:XFD1048576"/><sheetData></sheetData></worksheet>'])
    run = run_app("check", str(cycle), "--ratings", str(path))
    assert "Traceback" not in run.err
    assert run.code == 1, run.out + run.err
    assert f"{path}:1:1: CM009 error" in run.out and "at most 20,000,000" in run.out
