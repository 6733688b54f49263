"""Survey answers (the report card) read from what survey tools export, merged into a
cycle at run time; the YAML file is never rewritten.

Two shapes are read, from CSV or XLSX (the first sheet):

- long: one answer per row, `moment,rating[,respondent]`, header optional (Spanish
  headers `momento,calificación,encuestado` too); more named columns such as `segment`
  or `importance` are read, others ignored;
- wide: one respondent per row, a column per moment, named by its id (what `cyclemap
  survey` makes) or by a question containing the moment's name (what form tools export),
  plus any of `respondent`, `segment`, `date`, `comment`, and `importance_<id>` columns.

CSV: commas, semicolons or tabs; decimal commas (`4,5`) when the separator allows them;
a UTF-8 BOM; UTF-16 with its BOM (Excel's "Unicode text"). Blank and N/A answers are
skipped and counted. Every unusable row or cell is a CM009 diagnostic at `file:line`
(XLSX: `Sheet!B7` in the message), the first `MAX_PROBLEMS` of them in full and the rest
counted; the other answers still count.

How survey answers and the file's own `score`/`responses` combine (`merge_ratings`):
the survey's answers replace the file's score when there are at least `min_responses` of
them, or at least as many as the file's `responses`, or when the file has no score or
does not say how many answers its score rests on. Otherwise the file's score stands and a
note says the survey's few answers were set aside: a handful of answers must not
overturn a score measured on more.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterator

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Computed, Number, Text, _, _n, _p, join, number
from cyclemap.format.model import Cycle, Pos, unique_moments

CODE = "CM009"
# The largest ratings file read: a survey of a few hundred thousand answers fits easily;
# the cap keeps memory bounded (a 10-million-row file is refused, not half-read).
MAX_BYTES = 16 * 1024 * 1024
MAX_ANSWERS = 1_000_000  # answers kept in memory; a file with more is refused whole
MAX_PROBLEMS = 20  # located messages in full; past this they are counted
MAX_SHOWN = 40  # characters of a cell echoed in a message

HEADER_MOMENT = {"moment", "momento", "id", "moment_id", "momento_id"}
HEADER_RATING = {"rating", "score", "calificacion", "nota", "puntuacion", "valor", "value", "answer", "respuesta"}
HEADER_RESPONDENT = {"respondent", "encuestado", "respondent_id", "encuestado_id", "response_id", "respuesta_id"}
HEADER_SEGMENT = {"segment", "segmento"}
HEADER_IMPORTANCE = {"importance", "importancia"}
# Known extra columns of a wide export: kept or ignored, never mistaken for moments.
HEADER_EXTRA = HEADER_RESPONDENT | HEADER_SEGMENT | {"date", "fecha", "comment", "comentario", "comments",
                                                     "comentarios", "timestamp", "marca temporal", "email", "correo"}
# Answers that mean "no answer": skipped and counted, never an error.
NO_ANSWER = {"", "na", "n/a", "n.a.", "n. a.", "-", "--", "—", "nr", "ns", "nc", "ns/nc", "no sabe", "no aplica",
             "no answer", "sin respuesta", "null", "none", "#n/a", "#n/d", "n/d", "nd"}


def _plain(text: str) -> str:
    """Lower case, no accents, trimmed: how headers are compared."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


# What an answer rates, in "the rating `x` for `wait` is not a number".
_RATING = _p("what a survey answer gives", "rating")
_IMPORTANCE = _p("what a survey answer gives", "importance")


def _ids(ids: list[str]) -> str:
    """The first dozen moment ids, listed (an ellipsis when there are more)."""
    return ", ".join(ids[:12]) + ("…" if len(ids) > 12 else "")


def _number(text: str) -> float | None:
    if len(text) > 60:
        return None
    try:
        value = float(text.replace(",", "."))  # float() ignores surrounding spaces
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass
class Ratings:
    """What a ratings file gave, after any segment filter."""

    path: str
    answers: dict[str, array] = field(default_factory=dict)  # moment id -> answers
    importance: dict[str, array] = field(default_factory=dict)  # moment id -> importance answers
    problems: list[Diagnostic] = field(default_factory=list)
    skipped: int = 0  # blank and N/A answers
    hidden: int = 0  # problems counted past MAX_PROBLEMS
    segments: Counter = field(default_factory=Counter)  # segment -> rows seen (before the filter)
    shape: str = "long"
    used: int = 0  # answers kept so far (MAX_ANSWERS)
    known_rows: int = 0  # rows naming a moment of the cycle, usable or not

    def add_problem(self, diag: Diagnostic) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(diag)
        else:
            self.hidden += 1

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.answers.values())

    def diagnostics(self) -> list[Diagnostic]:
        """The located problems, a summary line for the ones past the limit, and a note of
        the answers skipped as blank or N/A."""
        out = list(self.problems)
        if self.hidden:
            out.append(_diag(self.path, Pos(1, 1),
                             _n("{n} more unusable row or cell not listed (the first {limit} are)",
                                "{n} more unusable rows or cells not listed (the first {limit} are)",
                                self.hidden).format(limit=MAX_PROBLEMS),
                             _("fix the ones listed first: they often share one cause"), subject="more"))
        if self.skipped:
            skipped = _n("{n} blank or N/A answer skipped", "{n} blank or N/A answers skipped", self.skipped)
            used = _n("{n} answer used", "{n} answers used", self.count)
            out.append(_diag(self.path, Pos(1, 1), join([skipped, used], "; "),
                             _("nothing to fix: an unanswered question does not count"),
                             severity=Severity.INFO, subject="skipped"))
        return out


def _keep(result: Ratings, target: dict, moment_id: str, value: float, line: int) -> None:
    result.used += 1
    if result.used > MAX_ANSWERS:
        raise Unreadable(line, _("more than {count} answers: too many to read at once").format(
                             count=Number(MAX_ANSWERS, 0)),
                         _("split the file by wave or segment"))
    target.setdefault(moment_id, array("d")).append(value)


def _diag(path: str, pos: Pos, message: Text, hint: Text | None = None, moment: str | None = None,
          severity: Severity = Severity.ERROR, subject: str = "") -> Diagnostic:
    return Diagnostic(path, pos, CODE, severity, message,
                      hint or _("fix or remove this row; the other rows still count"),
                      moment, subject)


# -- rows from a file: (line, cells, where) -------------------------------------------

class Unreadable(Exception):
    """The file cannot be read at all: a located message, in every language."""

    def __init__(self, line: int, text: Text, hint: Text | None = None):
        super().__init__(text("en"))
        self.line, self.text, self.hint = line, text, hint


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable(1, _("the ratings file looks like UTF-16 but cannot be read as such"), _SAVE_CSV)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise Unreadable(1, _("the ratings file is not text (it has NUL bytes: UTF-16 without a BOM, or a binary file)"),
                         _SAVE_CSV)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Unreadable(line, _("the ratings file is not UTF-8 (byte {byte} cannot be read; "
                                 "Latin-1 or Windows-1252?)").format(byte=f"0x{data[exc.start]:02x}"),
                         _("save it as UTF-8 (in a spreadsheet: CSV UTF-8)"))


_SAVE_CSV = _("save it as CSV UTF-8")


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    if "\t" in first and first.count("\t") >= max(first.count(","), first.count(";")):
        return "\t"
    if ";" in first and first.count(";") >= first.count(","):
        return ";"  # `momento;4,5` in a Spanish-locale spreadsheet
    return ","


def csv_rows(data: bytes) -> Iterator[tuple[int, list[str], str]]:
    """(line, cells, "") for each CSV row. Raises Unreadable."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    line = 0
    try:
        for row in reader:
            line = reader.line_num - sum(cell.count("\n") for cell in row)
            yield line, row, ""
    except csv.Error as exc:
        where = max(line + 1, 1)
        raise Unreadable(where, _("the CSV cannot be read past line {line} ({problem})").format(
                             line=line, problem=_shown(str(exc))),
                         _("look for an unclosed quote or a huge cell near this line"))


def xlsx_rows(path: str) -> Iterator[tuple[int, list[str], str]]:
    """(row number, cells as text, sheet name) for the first sheet. Raises Unreadable."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a zip, a zip without a workbook, damaged XML: openpyxl raises many kinds
        raise Unreadable(1, _("not a readable Excel workbook ({problem})").format(problem=_shown(str(exc))),
                         _("save it as .xlsx, or export it as CSV UTF-8"))
    number = 0
    try:
        if not book.worksheets:
            raise Unreadable(1, _("the workbook has no sheet of cells"))
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else (format(v, "g") if isinstance(v, float) else str(v)) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            yield number, cells, sheet.title
    except Unreadable:
        raise
    except Exception as exc:  # a damaged workbook fails in many ways inside openpyxl
        raise Unreadable(number + 1, _("the workbook cannot be read past row {row} ({problem})").format(
                             row=number, problem=_shown(str(exc))),
                         _("open it and save it again, or export it as CSV UTF-8"))
    finally:
        book.close()


def _where(path: str, line: int, col: int, sheet: str) -> tuple[Pos, str, str]:
    """Position, and a prefix for the message: `Sheet!B7: ` for a workbook."""
    if not sheet:
        return Pos(line, 1), "", ""
    from openpyxl.utils import get_column_letter

    cell = f"{sheet}!{get_column_letter(col)}{line}: "
    return Pos(line, col), cell, cell


# -- reading ----------------------------------------------------------------------------

def read_table(data: bytes | None, path: str, cycle: Cycle, segment: str | None = None) -> Ratings:
    """The usable answers per moment id, with a diagnostic for every row or cell that is
    not. `data` is the CSV's bytes, or None for an .xlsx read from `path`."""
    result = Ratings(path)
    ids = list(unique_moments(cycle))
    try:
        rows = xlsx_rows(path) if data is None else csv_rows(data)
        _read(rows, result, path, cycle, ids, segment)
    except Unreadable as exc:
        result.answers, result.importance = {}, {}
        result.add_problem(_diag(path, Pos(exc.line, 1), exc.text, exc.hint))
    return result


def _read(rows, result: Ratings, path: str, cycle: Cycle, ids: list[str], segment: str | None) -> None:
    from cyclemap.format.reader import did_you_mean

    low, high = cycle.scale
    id_set = set(ids)
    header: list[str] | None = None
    columns: dict[str, int] = {}
    moment_cols: dict[int, str] = {}
    importance_cols: dict[int, str] = {}
    unknown_moments: Counter = Counter()
    seen_respondent: dict[tuple[str, str], int] = {}
    wanted = _plain(segment) if segment is not None else None
    first = True
    any_row = False

    def value_of(raw: str, moment_id: str, line: int, col: int, sheet: str, what: Text = _RATING):
        """A number on the scale, None for a skipped answer; a problem otherwise."""
        value = _number(raw)  # the common case first: a plain number
        if value is None and (not raw.strip() or _plain(raw) in NO_ANSWER):
            result.skipped += 1
            return None
        if value is not None and low <= value <= high:
            return value
        pos, pre, _cell = _where(path, line, col, sheet)
        if value is None:
            result.add_problem(_diag(path, pos, _("{cell}the {what} `{value}` for `{moment}` is not a number").format(
                cell=pre, what=what, value=_shown(raw), moment=moment_id), moment=moment_id))
            return None
        if not low <= value <= high:
            scale = Computed(lambda lang: f"{number(low, lang, 6)}–{number(high, lang, 6)}")
            result.add_problem(_diag(path, pos, _("{cell}the {what} {value} for `{moment}` is outside the scale {scale}").format(
                cell=pre, what=what, value=_shown(raw), moment=moment_id, scale=scale), moment=moment_id))
            return None
        return value

    for line, row, sheet in rows:
        if not row or all(not cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        any_row = True
        if first:
            first = False
            names = [_plain(c) for c in row]
            if len(names) >= 2 and names[0] in HEADER_MOMENT and names[1] in HEADER_RATING:
                header = names
                result.shape = "long"
                for i, name in enumerate(names):
                    for key, group in (("respondent", HEADER_RESPONDENT), ("segment", HEADER_SEGMENT),
                                       ("importance", HEADER_IMPORTANCE)):
                        if name in group and key not in columns:
                            columns[key] = i
                _check_segment_column(result, path, columns, segment, sheet)
                continue
            cells = [c.strip() for c in row]
            headerless = (len(row) in (2, 3) and cells[0] in id_set
                          and (_number(row[1]) is not None or _plain(row[1]) in NO_ANSWER))
            by_name = _columns_by_name(cells, cycle, id_set)
            if not headerless and (any(c in id_set for c in cells) or by_name):
                header = names
                result.shape = "wide"
                for i, cell in enumerate(cells):
                    name = names[i]
                    if cell in id_set:
                        moment_cols[i] = cell
                    elif i in by_name:
                        moment_cols[i] = by_name[i]
                    elif name.startswith(("importance_", "importancia_")) and cell.split("_", 1)[1] in id_set:
                        importance_cols[i] = cell.split("_", 1)[1]
                    elif name in HEADER_EXTRA or not name:
                        for key, group in (("respondent", HEADER_RESPONDENT), ("segment", HEADER_SEGMENT)):
                            if name in group and key not in columns:
                                columns[key] = i
                    else:
                        guess = did_you_mean(cell, ids)
                        if guess:
                            pos, pre, _cell = _where(path, line, i + 1, sheet)
                            result.add_problem(_diag(
                                path, pos, _("{cell}the column `{column}` is not a moment of the cycle; "
                                             "its answers are not used").format(cell=pre, column=_shown(cell)),
                                _("did you mean `{guess}`?").format(guess=guess)))
                _check_segment_column(result, path, columns, segment, sheet)
                continue
            if len(names) >= 2 and not any(_number(c) is not None or _plain(c) in NO_ANSWER for c in row[1:2]):
                # A header row, but neither long nor naming any moment: another cycle's survey?
                shown = ", ".join(_shown(c) for c in cells[:8] if c)
                raise Unreadable(line, _("the header names no moment of this cycle ({header}): a survey of another cycle?")
                                 .format(header=shown),
                                 _("this cycle's moments are: {moments}").format(moments=_ids(ids)))
        if result.shape == "wide":
            _wide_row(result, row, line, sheet, path, columns, moment_cols, importance_cols, wanted, value_of)
        else:
            _long_row(result, row, line, sheet, path, header, columns, ids, id_set, wanted, value_of,
                      unknown_moments, seen_respondent)

    if segment is not None and "segment" in columns and not result.answers and not result.problems:
        found = ", ".join(f"{s} ({n})" for s, n in result.segments.most_common(10)) or "-"
        result.add_problem(_diag(path, Pos(1, 1), _("no answers from the segment `{segment}`; the file's segments: {found}")
                                 .format(segment=_shown(segment), found=found),
                                 _("check the spelling of --segment"), subject="segment"))
        return
    if not any_row or (header is not None and not result.answers and not result.problems and not result.skipped):
        raise Unreadable(1, _("the ratings file has no ratings"),
                         _("one row per answer (moment,rating[,respondent]) or per respondent (a column per moment)"))
    if unknown_moments and not result.answers and not result.known_rows:
        names = ", ".join(f"`{_shown(m)}`" for m, _count in unknown_moments.most_common(6))
        result.add_problem(_diag(path, Pos(1, 1), _("none of this file's moments ({moments}) are in the cycle: "
                                                    "a survey of another cycle?").format(moments=names),
                                 _("pass the ratings of this cycle's survey"), subject="another-cycle"))


def _columns_by_name(cells: list[str], cycle: Cycle, id_set: set[str]) -> dict[int, str]:
    """Columns a form tool named by the question (`How was it? Waits in line`) rather than
    by moment id: a header that contains a moment's name (the longest name that fits),
    each moment taken once."""
    names = sorted(((_plain(m.name), m.id) for m in cycle.moments if len(m.name.strip()) >= 4),
                   key=lambda pair: -len(pair[0]))
    found: dict[int, str] = {}
    taken: set[str] = set()
    for i, cell in enumerate(cells):
        text = _plain(cell)
        if not text or cell in id_set or text.startswith(("importance", "importancia")) or text.startswith("#"):
            continue
        for name, moment_id in names:
            if moment_id not in taken and name in text:
                found[i] = moment_id
                taken.add(moment_id)
                break
    return found


def _check_segment_column(result: Ratings, path: str, columns: dict, segment: str | None, sheet: str) -> None:
    if segment is not None and "segment" not in columns:
        raise Unreadable(1, _("--segment {segment}: the ratings file has no `segment` column").format(
                             segment=_shown(segment)),
                         _("add a `segment` (or `segmento`) column, or leave out --segment"))


def _segment_ok(result: Ratings, row: list[str], columns: dict, wanted: str | None) -> bool:
    if "segment" not in columns:
        return True
    index = columns["segment"]
    value = row[index].strip() if index < len(row) else ""
    if value:
        result.segments[_plain(value[:MAX_SHOWN])] += 1  # `New` and `new ` are one segment
    return wanted is None or _plain(value) == wanted


def _wide_row(result, row, line, sheet, path, columns, moment_cols, importance_cols, wanted, value_of) -> None:
    if not _segment_ok(result, row, columns, wanted):
        return
    for cols, target, what in ((moment_cols, result.answers, _RATING),
                               (importance_cols, result.importance, _IMPORTANCE)):
        for i, moment_id in cols.items():
            raw = row[i] if i < len(row) else ""
            value = value_of(raw, moment_id, line, i + 1, sheet, what)
            if value is not None:
                _keep(result, target, moment_id, value, line)


def _long_row(result, row, line, sheet, path, header, columns, ids, id_set, wanted, value_of,
              unknown_moments, seen_respondent) -> None:
    from cyclemap.format.reader import did_you_mean

    pos, pre, _cell = _where(path, line, 1, sheet)
    if header is None and len(row) not in (2, 3):
        result.add_problem(_diag(path, pos, _("{cell}expected 2 or 3 columns (moment,rating[,respondent]), found {count}")
                                 .format(cell=pre, count=len(row))))
        return
    if header is not None and len(row) < 2:
        result.add_problem(_diag(path, pos, _("{cell}expected at least 2 columns (moment,rating), found {count}")
                                 .format(cell=pre, count=len(row))))
        return
    if not _segment_ok(result, row, columns, wanted):
        return
    moment_id, raw = row[0].strip(), row[1]
    if moment_id not in id_set:
        unknown_moments[moment_id[:MAX_SHOWN]] += 1
        guess = did_you_mean(moment_id, ids)
        hint = (_("did you mean `{guess}`?").format(guess=guess) if guess
                else _("the cycle's moments are: {moments}").format(moments=_ids(ids)))
        result.add_problem(_diag(path, pos, _("{cell}no moment `{moment}` in the cycle").format(
            cell=pre, moment=_shown(moment_id)), hint))
        return
    result.known_rows += 1
    index = columns.get("respondent", 2 if header is None else None)
    respondent = row[index].strip() if index is not None and index < len(row) else ""
    if respondent:
        key = (moment_id, respondent[:MAX_SHOWN])
        if key in seen_respondent:
            result.add_problem(_diag(
                path, pos, _("{cell}respondent `{respondent}` already rated `{moment}` on line {line}").format(
                    cell=pre, respondent=_shown(respondent), moment=moment_id, line=seen_respondent[key]),
                _("keep one rating per respondent and moment"),
                moment_id))
            return
        seen_respondent[key] = line
    value = value_of(raw, moment_id, line, 2, sheet)
    if value is not None:
        _keep(result, result.answers, moment_id, value, line)
    if "importance" in columns and columns["importance"] < len(row) and row[columns["importance"]].strip():
        importance = value_of(row[columns["importance"]], moment_id, line, columns["importance"] + 1, sheet,
                              _IMPORTANCE)
        if importance is not None:
            _keep(result, result.importance, moment_id, importance, line)


# -- merging -----------------------------------------------------------------------------

def _least(min_responses: float | None) -> float:
    """The threshold `min_responses` as given, else its one default (declared with CM121)."""
    if min_responses is not None:
        return min_responses
    from cyclemap.format.settings import Config

    return Config().threshold("min_responses")


def merge_ratings(cycle: Cycle, ratings: dict[str, "array | list[float]"],
                  min_responses: float | None = None,
                  importance: dict[str, "array | list[float]"] | None = None) -> tuple[Cycle, list[tuple[str, int]]]:
    """A copy of the cycle with each moment's survey answers merged by the rule in the
    module's doc (score = mean, responses = count, answers = the answers; importance =
    the importance answers). Also returns the (moment id, answers) set aside because the
    file's score rests on more. `min_responses`: the settings' threshold (default: its own)."""
    min_responses = _least(min_responses)
    importance = importance or {}
    if not ratings and not importance:
        return cycle, []
    done: set[str] = set()
    kept: list[tuple[str, int]] = []
    moments = []
    for moment in cycle.moments:
        values = ratings.get(moment.id)
        if importance.get(moment.id) and moment.id not in done:
            moment = replace(moment, importance=tuple(importance[moment.id]))
        if values and moment.id not in done:
            n = len(values)
            if (n >= min_responses or moment.score is None or moment.responses is None
                    or n >= moment.responses):
                moment = replace(moment, score=round(sum(values) / n, 2), responses=n, answers=tuple(values))
            else:
                kept.append((moment.id, n))
        done.add(moment.id)
        moments.append(moment)
    return replace(cycle, moments=moments), kept


def load_ratings(path: str, cycle: Cycle, segment: str | None = None) -> Ratings:
    """Read a ratings file (CSV, or XLSX by its suffix). Raises OSError when it cannot be
    opened at all (a usage error for the command line)."""
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        import os

        if os.path.getsize(path) > MAX_BYTES:
            return _too_large(path)
        return read_table(None, str(path), cycle, segment)
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return _too_large(path)
    return read_table(data, str(path), cycle, segment)


def _too_large(path: str) -> Ratings:
    result = Ratings(str(path))
    limit = MAX_BYTES // (1024 * 1024)
    result.add_problem(_diag(str(path), Pos(1, 1), _("the ratings file is too large (limit {limit} MB); nothing was read")
                             .format(limit=limit),
                             _("split it by wave or segment, or keep only the columns of this cycle")))
    return result


def apply_ratings(cycle: Cycle, path: str, segment: str | None = None,
                  min_responses: float | None = None, seen: dict | None = None) -> tuple[Cycle, list[Diagnostic]]:
    """Read `path` and merge its answers into (a copy of) `cycle`. Returns the cycle to use
    and the CM009 diagnostics (unusable rows and cells, skipped answers, answers set aside).
    `seen`, when given, receives what the file held: rows per segment, answers kept and
    skipped (for the deliverables' evidence). Raises OSError when the file cannot be opened at all."""
    min_responses = _least(min_responses)
    ratings = load_ratings(path, cycle, segment)
    if seen is not None:
        seen.update(segments=dict(ratings.segments), answers=ratings.count, skipped=ratings.skipped,
                    problems=len(ratings.problems) + ratings.hidden)
    merged, kept = merge_ratings(cycle, ratings.answers, min_responses, ratings.importance)
    diagnostics = ratings.diagnostics()
    if kept:
        listed = ", ".join(f"`{m}` ({n} / {cycle.moment(m).responses})" for m, n in kept[:12])
        listed += "…" if len(kept) > 12 else ""
        diagnostics.append(_diag(
            str(path), Pos(1, 1),
            _n("survey answers set aside for {n} moment: the file's own "
               "scores rest on more answers (survey / file): {listed}",
               "survey answers set aside for {n} moments: the file's own "
               "scores rest on more answers (survey / file): {listed}", len(kept)).format(listed=listed),
            _("survey answers replace a file's score from {count} answers (threshold `min_responses`)").format(
                count=Number(min_responses, 2)),
            None, Severity.INFO, "set-aside"))
    return merged, diagnostics
