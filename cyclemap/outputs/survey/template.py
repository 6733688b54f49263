"""The survey as a file to fill in: a wide CSV (one row per respondent, a column per
moment id) and the same as an XLSX workbook whose answer cells only take numbers on the
cycle's scale. `cyclemap ... --ratings` reads both back, skipping the `#` question row."""

from __future__ import annotations

import csv
import io

from cyclemap.format.diagnostics import cell_text, formula_safe, terminal_text
from cyclemap.format.i18n import Number
from cyclemap.outputs.survey import WORDS, Survey, columns, question_row


# The list separator a spreadsheet of each language expects when it opens a CSV: Spanish
# and Portuguese locales write decimals with a comma, so their spreadsheets split on `;`.
SEPARATORS = {"es": ";", "pt": ";"}


def csv_template(survey: Survey) -> str:
    """The template as CSV, with the separator the survey language's spreadsheets open
    in columns (and a UTF-8 BOM, so accents show right in Excel); every cell through the
    one spreadsheet rule (`cell_text`): escapes visible, no formula; `--ratings` reads a
    quoted column name back as the id it quotes."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n", delimiter=SEPARATORS.get(survey.lang.split("_")[0], ","))
    writer.writerow([cell_text(c) for c in columns(survey)])
    writer.writerow([cell_text(c) for c in question_row(survey)])
    return out.getvalue()


def _short_title(title: str, limit: int = 32) -> str:
    """Excel's validation titles hold 32 characters: cut at a word, with an ellipsis."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0] if " " in title[: limit - 1] else title[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


def _xlsx_row(sheet, row: int, values: list[str]) -> None:
    """Text cells, never formulas: the same escapes as every output (`terminal_text`), and
    a text that starts like a formula is stored as a string with Excel's quote prefix (the
    cell shows it as written, and editing it does not turn it into a formula)."""
    for col, value in enumerate(values, start=1):
        text = terminal_text(value)
        cell = sheet.cell(row=row, column=col)
        cell.value = text
        if not formula_safe(text):
            cell.data_type = "s"
            cell.quotePrefix = True


def xlsx_template(survey: Survey, rows: int = 1000) -> bytes:
    """The workbook's bytes: header, question row, then `rows` rows ready to fill in."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = survey.lang
    book = Workbook()
    sheet = book.active
    sheet.title = WORDS["answers_sheet"](lang)
    cols = columns(survey)
    _xlsx_row(sheet, 1, cols)
    _xlsx_row(sheet, 2, question_row(survey))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True)
    low, high = survey.scale
    rated = {q.id for q in survey.questions} | {f"importance_{q.id}" for q in survey.questions}
    check = DataValidation(type="decimal", operator="between", formula1=f"{low:g}", formula2=f"{high:g}",
                           allow_blank=True, showErrorMessage=True,
                           error=WORDS["out_of_scale"].format(low=Number(low, 2), high=Number(high, 2))(lang),
                           errorTitle=_short_title(terminal_text(survey.title)))
    sheet.add_data_validation(check)
    for index, name in enumerate(cols, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(10, min(40, len(name) + 2))
        if name in rated:
            check.add(f"{letter}3:{letter}{rows + 2}")
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
