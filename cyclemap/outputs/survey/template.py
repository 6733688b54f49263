"""The survey as a file to fill in: a wide CSV (one row per respondent, a column per
moment id) and the same as an XLSX workbook whose answer cells only take numbers on the
cycle's scale. `cyclemap ... --ratings` reads both back, skipping the `#` question row."""

from __future__ import annotations

import csv
import io

from cyclemap.format.i18n import Number
from cyclemap.outputs.survey import WORDS, Survey, columns, question_row


def csv_template(survey: Survey) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns(survey))
    writer.writerow(question_row(survey))
    return out.getvalue()


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
    sheet.append(cols)
    sheet.append(question_row(survey))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True)
    low, high = survey.scale
    rated = {q.id for q in survey.questions} | {f"importance_{q.id}" for q in survey.questions}
    check = DataValidation(type="decimal", operator="between", formula1=f"{low:g}", formula2=f"{high:g}",
                           allow_blank=True, showErrorMessage=True,
                           error=WORDS["out_of_scale"].format(low=Number(low, 2), high=Number(high, 2))(lang),
                           errorTitle=survey.title[:32])
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
