"""The per-moment statistics table a researcher reads: answers, mean, spread, the mean's
95 % interval, the share of dissatisfied answers and of the top two boxes with their
Wilson intervals, the net promoter score on a 0–10 scale, and how many answers per wave
a comparison needs to find a change of an eighth of the scale (half a point on 1–5) when
the file's moments are compared at once (Holm).
As text, CSV (in the columns a spreadsheet of the report's language opens) or XLSX.
Formats `engine.evidence.moment_statistics`; judges nothing. No respondent-level data:
the free-text comments, when asked for, come without who wrote them."""

from __future__ import annotations

import csv
import io

from cyclemap.format.diagnostics import one_line, terminal_text
from cyclemap.format.i18n import _, _n

HEADERS = (_("Moment"), _("Answers"), _("Mean"), _("Spread (sd)"), _("95 % interval: low"), _("95 % interval: high"),
           _("Dissatisfied"), _("Dissatisfied: low"), _("Dissatisfied: high"), _("Top two boxes"),
           _("Top two boxes: low"), _("Top two boxes: high"), _("NPS"), _("NPS: low"), _("NPS: high"),
           _("Answers needed per wave"))
SEPARATORS = {"es": ";", "pt": ";"}


def table(checked, answers: dict) -> list[list]:
    """One row per moment with answers, in cycle order: numbers, not text."""
    from cyclemap.engine.evidence import moment_statistics

    scale = tuple(checked.cycle.scale)
    tests = sum(1 for m in checked.moments if answers.get(m.id))  # compared at once: Holm's share of 5 %
    out = []
    for m in checked.moments:
        s = moment_statistics(answers.get(m.id) or (), scale, tests)
        if s is None:
            continue
        r = lambda v, d=3: None if v is None else round(v, d)  # noqa: E731
        top = s.top2
        nps = s.nps
        out.append([m.name, s.n, r(s.mean), r(s.sd), r(s.low), r(s.high),
                    r(s.dissatisfied.value), r(s.dissatisfied.low), r(s.dissatisfied.high),
                    r(top.value) if top else None, r(top.low) if top else None, r(top.high) if top else None,
                    r(nps[0], 1) if nps else None, r(nps[1], 1) if nps else None, r(nps[2], 1) if nps else None,
                    s.needed])
    return out


def _safe(cell):
    """A text cell a spreadsheet would run as a formula starts with `'`."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def as_csv(rows: list[list], lang: str) -> str:
    from cyclemap.format.i18n import number

    sep = SEPARATORS.get(lang.split("_")[0], ",")
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow([h(lang) for h in HEADERS])
    for row in rows:
        writer.writerow([_safe(row[0])] + ["" if v is None else
                                           (number(v, lang, 4).replace("\u00a0", "") if isinstance(v, float)
                                            else str(v)) for v in row[1:]])
    return out.getvalue()


def as_xlsx(rows: list[list], lang: str, comments: list[str] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Statistics")(lang)[:31]
    sheet.append([h(lang) for h in HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(row[0])] + row[1:])
    sheet.column_dimensions["A"].width = 40
    sheet.freeze_panes = "B2"
    if comments:
        notes = book.create_sheet(_("Comments")(lang)[:31])
        notes.append([_("Comment")(lang)])
        notes["A1"].font = Font(bold=True)
        for text in comments:
            notes.append([_safe(terminal_text(text))])
        notes.column_dimensions["A"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def comments_text(comments: list[str], lang: str) -> str:
    """The comments after the table, one per line as a terminal shows them safely."""
    head = _n("{n} comment, without who wrote it:", "{n} comments, without who wrote them:", len(comments))(lang)
    return "\n" + head + "\n" + "".join(f"- {one_line(terminal_text(' '.join(text.split())))}\n" for text in comments)


def comments_markdown(comments: list[str], lang: str) -> str:
    """The comments as a Markdown section, after a report (`critique --comments`)."""
    head = _n("{n} comment, without who wrote it:", "{n} comments, without who wrote them:", len(comments))(lang)
    lines = [one_line(terminal_text(" ".join(text.split()))) for text in comments]
    escaped = ["".join("\\" + c if c in "\\`*_[]<>#|" else c for c in line) for line in lines]
    return f"\n## {_('Comments')(lang)}\n\n*{head}*\n\n" + "".join(f"- {line}\n" for line in escaped)


def as_text(rows: list[list], lang: str) -> str:
    from cyclemap.format.i18n import number

    shown = [0, 1, 2, 3, 4, 5, 6, 9, 12, 15]
    head = [HEADERS[i](lang) for i in shown]
    body = []
    for row in rows:
        cells = []
        for i in shown:
            v = row[i]
            if v is None:
                cells.append("–")
            elif i in (6, 9):
                cells.append(f"{number(100 * v, lang, 0)} %")
            elif isinstance(v, float):
                cells.append(number(v, lang, 2))
            else:
                cells.append(str(v))
        body.append(cells)
    widths = [max(len(r[i]) for r in body + [head]) for i in range(len(head))]
    fmt = lambda r: "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r))  # noqa: E731
    return "\n".join([fmt(head), fmt(["-" * w for w in widths])] + [fmt(r) for r in body]) + "\n"
