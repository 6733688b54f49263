"""Survey answers (the report card) read from what survey tools export, merged into a
cycle at run time; the YAML file is never rewritten.

What a file holds is recognised from its first rows (`survey_shapes`): the exports of
Google Forms, Microsoft Forms, Qualtrics (three header rows), SurveyMonkey (two, with
matrix questions), Typeform (`#` heads the first column) and LimeSurvey; cyclemap's own
template; and plain tables, long (one answer per row: a moment column and a rating
column, in any order, header optional for `moment,rating[,respondent]`) or wide (one
respondent per row, a column per moment, named by the moment's id, cyclemap's `[cm:id]`
tag or a question containing the moment's name). A mapping file (`survey_mapping`,
`NAME.mapping.yaml` beside the answers, or given) says how to read anything else.

CSV is read as a stream — any size, in memory that grows with the moments and the
respondents, never with the answers (each moment keeps a `Tally`): commas, semicolons or
tabs; decimal commas (`4,5`); UTF-8 (with or without BOM), UTF-16 (with a BOM or
without), and Windows-1252 (said so in a note). Text answers are read through the
numbers the form wrote into its labels ("4 - Good"), five-point satisfaction and
agreement words, and the mapping's `labels`.

Nothing is set aside in silence: every unusable cell or row is a CM009 diagnostic at
`file:line` (XLSX: `Sheet!B7`), the first `MAX_PROBLEMS` in full and the rest counted,
and `Ratings.set_aside` counts what was set aside by reason, for the summary every
command prints. A respondent seen twice (by respondent id, e-mail, or a repeated
time-stamped row) counts once; a moment claimed by two columns is read from one.

How survey answers and the file's own `score`/`responses` combine (`merge_ratings`):
the survey's answers replace the file's score when there are at least `min_responses` of
them, or at least as many as the file's `responses`, or when the file has no score or
does not say how many answers its score rests on. Otherwise the file's score stands and a
note says the survey's few answers were set aside.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
from collections import Counter
from itertools import accumulate, chain, compress
from operator import itemgetter, ne, sub
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator

from cyclemap.format.diagnostics import Diagnostic, Severity, formula_safe
from cyclemap.format.i18n import Computed, Number, Text, _, _n, _p, join, number
from cyclemap.format.model import Cycle, Pos, unique_moments
from cyclemap.format.survey_shapes import (
    NO_ANSWER, Column, Layout, classify, detect_tool, header_texts, label_number, plain, with_mapping,
)
from cyclemap.format.tally import Tally

CODE = "CM009"
# Spreadsheets are read whole by openpyxl: their size stays bounded (CSV has no bound).
MAX_BYTES = 64 * 1024 * 1024
MAX_PROBLEMS = 20  # located messages in full; past this they are counted
MAX_SHOWN = 40  # characters of a cell echoed in a message
MAX_TRACKED = 5_000_000  # respondents remembered to find duplicates (about 100 bytes each)
MAX_CACHED = 50_000  # distinct cell texts whose reading is remembered
PROGRESS_EVERY = 1 << 16  # rows between progress calls

_plain = plain  # the name other modules used

# What an answer rates, in "the rating `x` for `wait` is not a number".
_RATING = _p("what a survey answer gives", "rating")
_IMPORTANCE = _p("what a survey answer gives", "importance")

# Why answers are set aside (keys of `Ratings.set_aside`), as the summary says them.
REASONS = {
    "not-a-number": _("not a number nor a known label"),
    "off-scale": _("outside the scale"),
    "unknown-moment": _("naming no moment of the cycle"),
    "duplicate": _("repeated respondent"),
    "short-row": _("rows too short"),
    "long-row": _("rows longer than the header (a decimal comma?)"),
    "column": _("in columns not read (see above)"),
}


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


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
    """What a ratings file gave, after any segment filter, and what was set aside: the
    evidence every deliverable can name (`evidence()`)."""

    path: str
    answers: dict[str, Tally] = field(default_factory=dict)  # moment id -> answers
    importance: dict[str, Tally] = field(default_factory=dict)  # moment id -> importance answers
    problems: list[Diagnostic] = field(default_factory=list)
    skipped: int = 0  # blank and N/A answers
    hidden: int = 0  # problems counted past MAX_PROBLEMS
    segments: Counter = field(default_factory=Counter)  # segment -> rows seen (before the filter)
    shape: str = "long"
    tool: str = ""  # survey_shapes.TOOLS
    known_rows: int = 0  # rows naming a moment of the cycle, usable or not
    rows: int = 0  # data rows read
    respondents: int = 0  # rows (wide) or distinct respondents (long, when named) kept
    set_aside: Counter = field(default_factory=Counter)  # reason -> answers (or rows) set aside
    other_segments: int = 0  # rows of other segments, left out by --segment
    segment: str | None = None
    segment_column: bool = False
    encoding: str = "utf-8"
    mapping: str | None = None  # the mapping file read, if any
    layout: Layout | None = None
    unreadable: bool = False  # the file could not be read at all
    duplicates_checked: bool = True  # False: too many respondents to remember
    columns_unread: list[str] = field(default_factory=list)  # headers of questions not read
    no_segment_column: bool = False  # --segment given, but the file has no segment column
    kept: list = field(default_factory=list)  # (moment id, answers) not merged: the file's score rests on more

    def add_problem(self, diag: Diagnostic) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(diag)
        else:
            self.hidden += 1

    @property
    def count(self) -> int:
        return sum(t.n for t in self.answers.values())

    @property
    def used(self) -> int:
        return self.count + sum(t.n for t in self.importance.values())

    @property
    def aside(self) -> int:
        return sum(self.set_aside.values())

    @property
    def segment_missing(self) -> bool:
        """--segment named a value no row has."""
        return self.segment is not None and self.segment_column and not self.unreadable and \
            self.rows > 0 and self.other_segments == self.rows

    def evidence(self) -> dict:
        """What was read, as data: for deliverables that name their evidence."""
        return {"file": self.path, "tool": self.tool, "shape": self.shape, "mapping": self.mapping,
                "encoding": self.encoding, "rows": self.rows, "respondents": self.respondents,
                "answers": self.count, "importance_answers": sum(t.n for t in self.importance.values()),
                "moments": len(self.answers), "skipped": self.skipped, "set_aside": dict(self.set_aside),
                "segment": self.segment, "other_segments": self.other_segments, "unreadable": self.unreadable,
                "columns_unread": list(self.columns_unread)}

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


_SAVE_CSV = _("save it as CSV UTF-8")


def _encoding(sample: bytes) -> tuple[str, int]:
    """(codec, bytes of BOM to skip) from the first bytes of a file. Raises Unreadable."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0
    if b"\x00" in sample[:4096]:
        even, odd = sample[0:4096:2], sample[1:4096:2]
        if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
            return "utf-16-le", 0
        if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
            return "utf-16-be", 0
        raise Unreadable(1, _("the ratings file is not text (it has NUL bytes: a binary file?)"), _SAVE_CSV)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if len(sample) < 1 << 16 or exc.start < len(sample) - 4:  # not a character cut at the sample's end
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                line = sample.count(b"\n", 0, exc.start) + 1
                raise Unreadable(line, _("the ratings file is not UTF-8 (byte {byte} cannot be read; "
                                         "Latin-1 or Windows-1252?)").format(byte=f"0x{sample[exc.start]:02x}"),
                                 _("save it as UTF-8 (in a spreadsheet: CSV UTF-8)"))
            return "cp1252", 0
    return "utf-8", 0


def _delimiter(first: str) -> str:
    if "\t" in first and first.count("\t") >= max(first.count(","), first.count(";")):
        return "\t"
    if ";" in first and first.count(";") >= first.count(","):
        return ";"  # `momento;4,5` in a Spanish-locale spreadsheet
    return ","


class _Source:
    """A CSV as a stream of rows, with its encoding and how far it has been read."""

    def __init__(self, handle, size: int):
        self.handle, self.size = handle, size
        sample = handle.read(1 << 16)
        self.encoding, skip = _encoding(sample)
        handle.seek(0)
        codec = "utf-8-sig" if skip else self.encoding
        self.text = io.TextIOWrapper(handle, encoding=codec, newline="", errors="strict")
        self.line, self.sep, self.last_span = 0, ",", None

    def position(self) -> int:
        try:
            return self.handle.tell()
        except (OSError, ValueError):
            return 0

    def rows(self) -> Iterator[tuple[int, list[str], str]]:
        text = self.text
        try:
            head = text.read(1 << 16)
            text.seek(0)
        except UnicodeDecodeError as exc:
            raise self._bad(exc, 2)
        lines = [ln for ln in head.splitlines() if ln.strip()]
        first = next((ln for ln in lines if not ln.lstrip().startswith("#")), lines[0] if lines else "")
        self.sep = _delimiter(first)
        reader = csv.reader(text, delimiter=self.sep)
        line = 0
        try:
            for row in reader:
                line = self.line + 1  # a row starts on the line after the previous one ended
                self.line = reader.line_num
                self.last_span = line if any("\n" in cell or "\r" in cell for cell in row) else None
                yield line, row, ""
            self._closed()
        except csv.Error as exc:
            raise Unreadable(max(line + 1, 1), _("the CSV cannot be read past line {line} ({problem})").format(
                                 line=line, problem=_shown(str(exc))),
                             _("look for an unclosed quote or a huge cell near this line"))
        except UnicodeDecodeError as exc:
            raise self._bad(exc, reader.line_num + 1)

    def chunks(self, size: int = 1 << 22) -> Iterator[_Chunk]:
        """The rest of the file (after the rows `rows` gave) in blocks of whole lines."""
        text, line = self.text, self.line + 1
        try:
            first = True
            while True:
                block = text.read(size)
                if not block:
                    if first:
                        self._closed()  # the file ended inside the rows read with the header
                    return
                first = False
                if not block.endswith("\n"):
                    block += text.readline()
                if block.count('"') % 2:  # a quoted cell runs past the block: take whole lines until it closes
                    while block.count('"') % 2:
                        more = text.readline()
                        if not more:
                            break
                        block += more
                yield _Chunk(block, line, self.sep)
                line += block.count("\n")
        except UnicodeDecodeError as exc:
            raise self._bad(exc, line)

    def _closed(self) -> None:
        """At the end of the file, after a row that spans lines: if its quote never closes
        (the reader ran to the end inside it), say where it opened instead of reading the
        rest of the file as one cell."""
        start = self.last_span
        if start is None:
            return
        self.handle.seek(0)
        text = self.handle.read().decode(self.encoding if self.encoding != "utf-8" else "utf-8-sig", "replace")
        rest = "".join(text.splitlines(keepends=True)[start - 1:])
        if rest.count('"') % 2:
            raise Unreadable(start, _("a quote opened on line {line} is never closed: the rest of the file would be "
                                      "one cell").format(line=start), _("close the quote, or remove it"))

    def _bad(self, exc: UnicodeDecodeError, line: int) -> Unreadable:
        return Unreadable(line, _("the ratings file is not {encoding} past line {line}: it mixes encodings").format(
                              encoding=self.encoding.upper(), line=max(line - 1, 0)),
                          _("save it as UTF-8 (in a spreadsheet: CSV UTF-8)"))


def xlsx_rows(path: str) -> Iterator[tuple[int, list[str], str]]:
    """(row number, cells as text, sheet name) for the first sheet. Raises Unreadable."""
    from openpyxl import load_workbook

    _within_bounds(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a zip, a zip without a workbook, damaged XML: openpyxl raises many kinds
        raise Unreadable(1, _("not a readable Excel workbook ({problem})").format(problem=_shown(str(exc))),
                         _("save it as .xlsx, or export it as CSV UTF-8"))
    row_number = 0
    try:
        if not book.worksheets:
            raise Unreadable(1, _("the workbook has no sheet of cells"))
        sheet = book.worksheets[0]
        for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else (format(v, "g") if isinstance(v, float) else str(v)) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            yield row_number, cells, sheet.title
    except Unreadable:
        raise
    except Exception as exc:  # a damaged workbook fails in many ways inside openpyxl
        raise Unreadable(row_number + 1, _("the workbook cannot be read past row {row} ({problem})").format(
                             row=row_number, problem=_shown(str(exc))),
                         _("open it and save it again, or export it as CSV UTF-8"))
    finally:
        book.close()


def _within_bounds(path: str) -> None:
    """Refuse, before openpyxl opens it, a workbook that declares or holds more rows,
    columns, cells or shared strings than cyclemap reads (`format.workbook_limits`)."""
    from cyclemap.format.workbook_limits import TooBig, check_workbook

    try:
        check_workbook(path)
    except TooBig as exc:
        raise Unreadable(1, exc.text, _("keep only this survey's sheet and columns, or export it as CSV UTF-8"))


def _unquoted(header: list[str]) -> list[str]:
    """A header as cyclemap's own survey files write it: a column name that starts like a
    formula (`-a`) is written `'-a` (`diagnostics.cell_text`), and read back as `-a`."""
    return [c[1:] if c.startswith("'") and not formula_safe(c[1:]) else c for c in header]


def csv_rows(data: bytes) -> Iterator[tuple[int, list[str], str]]:
    """(line, cells, "") for each row of CSV bytes. Raises Unreadable."""
    return _Source(io.BytesIO(data), len(data)).rows()


def _where(line: int, col: int, sheet: str) -> tuple[Pos, str]:
    """Position, and a prefix for the message: `Sheet!B7: ` for a workbook."""
    if not sheet:
        return Pos(line, col), ""
    from openpyxl.utils import get_column_letter

    return Pos(line, col), f"{sheet}!{get_column_letter(col)}{line}: "


# -- reading ----------------------------------------------------------------------------

def read_ratings(data: bytes, path: str, cycle: Cycle) -> tuple[dict[str, list[float]], list[Diagnostic]]:
    """The usable ratings per moment id in CSV `data`, and the diagnostics."""
    result = read_table(data, path, cycle)
    return {k: list(v) for k, v in result.answers.items()}, result.diagnostics()


def read_table(data: bytes | None, path: str, cycle: Cycle, segment: str | None = None, mapping=None,
               progress: Callable[[int, int], None] | None = None) -> Ratings:
    """The usable answers per moment id, with a diagnostic for every row or cell that is
    not. `data` is the CSV's bytes, or None to read `path` (CSV streamed, or .xlsx)."""
    result = Ratings(path, segment=segment, mapping=getattr(mapping, "path", None))
    try:
        if data is None and str(path).lower().endswith((".xlsx", ".xlsm")):
            if os.path.getsize(path) > MAX_BYTES:
                raise Unreadable(1, _("the workbook is larger than {limit} MB; nothing was read").format(
                                     limit=MAX_BYTES // (1024 * 1024)),
                                 _("export it as CSV UTF-8: CSV files of any size are read"))
            rows, source = xlsx_rows(path), None
            _read(rows, result, cycle, mapping, None, None)
        elif data is None:
            with open(path, "rb") as handle:
                source = _Source(handle, os.fstat(handle.fileno()).st_size)
                result.encoding = source.encoding
                _read(source.rows(), result, cycle, mapping, progress, source)
        else:
            source = _Source(io.BytesIO(data), len(data))
            result.encoding = source.encoding
            _read(source.rows(), result, cycle, mapping, progress, source)
    except Unreadable as exc:
        result.answers, result.importance, result.unreadable = {}, {}, True
        result.add_problem(_diag(path, Pos(exc.line, 1), exc.text, exc.hint))
    if result.segment_missing:
        from cyclemap.format.reader import did_you_mean

        found = ", ".join(f"{s} ({n})" for s, n in result.segments.most_common(10)) or "-"
        guess = did_you_mean(plain(segment), list(result.segments))
        result.add_problem(_diag(path, Pos(1, 1), _("no answers from the segment `{segment}`; the file's segments: {found}")
                                 .format(segment=_shown(segment), found=found),
                                 _("did you mean `{guess}`?").format(guess=guess) if guess
                                 else _("check the spelling of --segment"), subject="segment"))
    return result


_SKIP, _BAD, _OFF = "skip", "bad", "off"


def _read(rows, result: Ratings, cycle: Cycle, mapping, progress, source) -> None:
    ids = list(unique_moments(cycle))
    names = {m.id: m.name for m in reversed(cycle.moments)}
    rows = iter(rows)
    head: list[tuple[int, list[str], str]] = []
    commented = False  # a `#` row under the header: cyclemap's template
    for item in rows:
        line, row, sheet = item
        if not row or not any(c.strip() for c in row):
            continue
        if row[0].lstrip().startswith("#") and not (not head and row[0].strip() == "#" and len(row) > 1):
            commented = commented or bool(head)
            continue
        head.append(item)
        if len(head) >= 3:
            break
    if not head:
        raise Unreadable(1, _("the ratings file has no ratings"),
                         _("one row per answer (moment,rating[,respondent]) or per respondent (a column per moment)"))
    layout = _layout(head, result, cycle, ids, names, mapping, commented)
    result.layout, result.shape, result.tool = layout, layout.shape, layout.tool
    data_rows = _rest(head[layout.header_rows:], rows, mapping, source)
    if layout.shape == "wide":
        _wide(data_rows, result, cycle, layout, mapping, progress, source)
    else:
        _long(data_rows, result, cycle, layout, ids, mapping, progress, source)
    if not result.answers and not result.importance and not result.problems and not result.skipped \
            and not result.segment_missing:
        raise Unreadable(head[0][0], _("the ratings file has no ratings"),
                         _("one row per answer (moment,rating[,respondent]) or per respondent (a column per moment)"))


def _rest(buffered, rows, mapping, source=None):
    """The data rows: those read with the header, then the rest of the file — in blocks
    of lines from a CSV (fast), row by row from a workbook or when rows are skipped."""
    skip = mapping.skip_rows if mapping is not None else frozenset()
    for item in buffered:
        if item[0] not in skip:
            yield item
    if source is not None and not skip:
        yield from source.chunks()
        return
    for item in rows:
        if item[0] not in skip:
            yield item


def _layout(head, result: Ratings, cycle: Cycle, ids: list[str], names: dict[str, str], mapping,
            commented: bool = False) -> Layout:
    from cyclemap.format.reader import did_you_mean

    line0, first, sheet = head[0]
    id_set = set(ids)
    heads = [_unquoted(h[1]) for h in head]
    tool, header_rows = detect_tool(heads)
    if mapping is not None and mapping.header_rows:
        header_rows = mapping.header_rows
    header_rows = min(header_rows, len(head))
    # A headerless long file: `wait,4[,r1]` from its first row.
    cells = [c.strip() for c in first]
    if mapping is None and not tool and len(first) in (2, 3) and cells[0] in id_set and \
            (_number(first[1]) is not None or plain(first[1]) in NO_ANSWER):
        cols = [Column(0, "", "moment", how="position"), Column(1, "", "answer", how="position")]
        if len(first) == 3:
            cols.append(Column(2, "", "respondent", how="position"))
        return Layout("headerless", "long", 0, cols)
    shown, match = header_texts(tool, heads, header_rows)
    if mapping is not None:
        layout = with_mapping(tool, shown, mapping, id_set)
        layout.header_rows = header_rows
        if not any(c.role in ("rating", "importance", "answer") for c in layout.columns):
            raise Unreadable(line0, _("the mapping {mapping} names no column of this file").format(
                                 mapping=mapping.path),
                             _("copy the column names from `cyclemap survey inspect`"))
        return layout
    if tool == "" and commented:
        tool = "cyclemap"
    codes = [(row[i] if i < len(row) else "").strip() for row in heads[:1] for i in range(len(shown))] \
        if tool == "qualtrics" else None
    layout = classify(tool, shown, match, ids, names, codes)
    layout.header_rows = header_rows if layout.shape == "wide" else 1
    result.layout = layout
    for c in layout.columns:
        pos, pre = _where(line0, c.index + 1, sheet)
        if c.note == "ambiguous":
            others = [o.header for o in layout.columns if o.note == "ambiguous" and o.moment == c.moment]
            if others[0] == c.header:
                result.add_problem(_diag(result.path, pos, _(
                    "{cell}the columns {columns} all read as `{moment}`; none of them is used").format(
                        cell=pre, columns=", ".join(f"“{_shown(o)}”" for o in others), moment=c.moment),
                    _("say which is which in a mapping file (`cyclemap survey inspect` writes one)"), c.moment))
        elif c.note == "weaker":
            result.add_problem(_diag(result.path, pos, _(
                "{cell}the column “{column}” also reads as `{moment}`; another column names it more exactly, so "
                "this one is not used").format(cell=pre, column=_shown(c.header), moment=c.moment),
                _("if this is the right column, say so in a mapping file"), c.moment))
        elif c.role == "expectation":
            result.add_problem(_diag(result.path, pos, _(
                "{cell}the column “{column}” asks what customers expected of `{moment}`; it is not read as "
                "their rating").format(cell=pre, column=_shown(c.header), moment=c.moment),
                _("set the moment's `expectation` in the cycle file from it"), c.moment, Severity.INFO))
        elif c.role == "unknown" and c.header.strip():
            guess = did_you_mean(plain(c.header), [plain(n) for n in names.values()])
            if guess:
                moment = next(i for i, n in names.items() if plain(n) == guess)
                result.add_problem(_diag(result.path, pos, _(
                    "{cell}the column “{column}” is not a moment of the cycle; its answers are not used").format(
                        cell=pre, column=_shown(c.header)),
                    _("did you mean `{guess}`? If so, say it in a mapping file").format(guess=moment)))
                c.note = "close"
            result.columns_unread.append(c.header)
    if layout.shape == "wide" and not any(c.role in ("rating", "importance") for c in layout.columns):
        listed = ", ".join(f"“{_shown(c)}”" for c in shown[:6] if c.strip())
        raise Unreadable(line0, _("no column of this file names a moment of this cycle (columns: {header}): a survey "
                                  "of another cycle?").format(
                             header=listed),
                         _("run `cyclemap survey inspect` on the cycle and this file to see how it reads, and write "
                           "a mapping; this cycle's moments are: {moments}").format(moments=_ids(ids)))
    return layout


def _reader(result: Ratings, cycle: Cycle, mapping):
    """A function from a cell's text to a number on the scale, _SKIP (blank, N/A),
    _BAD (not a number) or _OFF (outside the scale), remembering the answer to each
    distinct text."""
    low, high = cycle.scale
    labels = mapping.labels if mapping is not None else None
    cache: dict[str, object] = {}

    def read(raw: str):
        value = cache.get(raw)
        if value is not None:
            return value
        value = _number(raw)
        if value is None:
            key = plain(raw)
            if key in NO_ANSWER:
                value = _SKIP
            else:
                value = label_number(raw, (low, high), labels)
                if value is None:
                    value = _BAD
        if value.__class__ is float and not low <= value <= high:
            value = _OFF
        if len(cache) < MAX_CACHED:
            cache[raw] = value
        return value

    return read


def _bad_cell(result: Ratings, kind, raw: str, moment_id: str, line: int, col: int, sheet: str, what: Text,
              scale) -> None:
    pos, pre = _where(line, col, sheet)
    if kind is _BAD:
        result.set_aside["not-a-number"] += 1
        if len(result.problems) < MAX_PROBLEMS:
            result.add_problem(_diag(result.path, pos, _("{cell}the {what} `{value}` for `{moment}` is not a number").format(
                cell=pre, what=what, value=_shown(raw), moment=moment_id),
                _("fix or remove this row; or give the label's number under `labels:` in a mapping file"), moment_id))
        else:
            result.hidden += 1
    else:
        result.set_aside["off-scale"] += 1
        if len(result.problems) < MAX_PROBLEMS:
            low, high = scale
            shown_scale = Computed(lambda lang: f"{number(low, lang, 6)}–{number(high, lang, 6)}")
            result.add_problem(_diag(result.path, pos,
                                     _("{cell}the {what} {value} for `{moment}` is outside the scale {scale}").format(
                                         cell=pre, what=what, value=_shown(raw), moment=moment_id, scale=shown_scale),
                                     moment=moment_id))
        else:
            result.hidden += 1


def _segment_filter(result: Ratings, layout: Layout):
    """(column index or None, the wanted segment's plain text or None)."""
    index = layout.first("segment")
    result.segment_column = index is not None
    if result.segment is not None and index is None:
        result.no_segment_column = True
        raise Unreadable(1, _("--segment {segment}: the ratings file has no segment column").format(
                             segment=_shown(result.segment)),
                         _("add a `segment` (or `segmento`) column, name it in a mapping file, or leave out --segment"))
    return index, (plain(result.segment) if result.segment is not None else None)


def _respondent_key(layout: Layout) -> tuple[int | None, bool]:
    """The column that tells respondents apart (respondent id, else e-mail), and whether
    a whole repeated row counts as a duplicate (exports with a time stamp)."""
    index = layout.first("respondent")
    if index is not None:
        return index, False
    for c in layout.columns:
        if c.role == "meta" and plain(c.header) in ("email", "email address", "e-mail", "correo", "correo electronico",
                                                    "direccion de correo electronico", "endereco de e-mail",
                                                    "recipientemail", "recipient email"):
            return c.index, False
    stamped = any(c.role == "meta" and plain(c.header) in ("timestamp", "marca temporal", "carimbo de data/hora",
                                                           "start time", "completion time", "startdate",
                                                           "submit date (utc)", "start date", "submitdate")
                  for c in layout.columns)
    return None, stamped


class _Chunk:
    """A block of whole CSV lines, read in one go for speed: the readers count its cells
    column by column (C loops) and fall back to row by row only when something in it
    needs a located message (a bad cell, a short row, a repeat)."""

    __slots__ = ("text", "first", "sep")

    def __init__(self, text: str, first: int, sep: str):
        self.text, self.first, self.sep = text, first, sep

    def lines(self) -> list[str]:
        lines = self.text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return lines

    def rows(self):
        """(line, cells, "") row by row, as csv reads them (quotes and all). A quote that
        never closes is refused where it opens, not read as the rest of the file."""
        if self.text.count('"') % 2:
            opened, line = 0, self.first
            for number, text in enumerate(self.text.split("\n"), start=self.first):
                if text.count('"') % 2:
                    opened, line = opened ^ 1, number if not opened else line
            raise Unreadable(line, _("a quote opened on line {line} is never closed: the rest of the file would be "
                                     "one cell").format(line=line), _("close the quote, or remove it"))
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.sep)
        try:
            for row in reader:
                yield self.first + reader.line_num - 1 - sum(cell.count("\n") for cell in row), row, ""
        except csv.Error as exc:
            line = self.first + reader.line_num - 1
            raise Unreadable(line, _("the CSV cannot be read past line {line} ({problem})").format(
                line=line - 1, problem=_shown(str(exc))),
                _("look for an unclosed quote or a huge cell near this line")) from None

    def columns(self) -> tuple[list[str], int] | None:
        """(every cell in reading order, cells per row) when every line has as many cells
        as the first — the columns are then slices of it — else None."""
        text = self.text
        end = text.find("\n")
        if end < 0 or not text.endswith("\n"):
            return None
        width = text.count(self.sep, 0, end) + 1
        lines = text.count("\n")
        if text.count(self.sep) != (width - 1) * lines:
            return None
        flat = text.replace("\n", self.sep).split(self.sep)
        flat.pop()
        return flat, width

    @property
    def plain_cells(self) -> bool:
        """No quotes, no carriage returns, no comment rows: `split` reads it as csv would."""
        text = self.text
        return '"' not in text and "\r" not in text and not text.startswith("#") and "\n#" not in text


def _too_long(result: Ratings, line: int, sheet: str, count: int, columns: int) -> None:
    """A row with more filled cells than the header has columns (a decimal comma, `4,5`,
    in a comma-separated file): not read at all, and said — read, it would shift answers
    into the next column (wide) or read 4 and drop the decimals (long)."""
    result.rows += 1
    result.set_aside["long-row"] += 1
    pos, pre = _where(line, columns + 1, sheet)
    result.add_problem(_diag(result.path, pos, _("{cell}this row has {count} cells but the header {columns}: "
                                                 "nothing of it was used").format(cell=pre, count=count,
                                                                                  columns=columns),
                             _("a decimal comma (4,5) in a comma-separated file? write 4.5, quote it (\"4,5\"), "
                               "or separate the columns with ;")))


def _segment_rows(result: Ratings, rows: list, seg_index: int, wanted: str | None) -> list:
    """Count the chunk's segments, and keep only the wanted segment's rows."""
    counts = Counter(map(itemgetter(seg_index), rows))
    keep = set()
    for raw, n in counts.items():
        value = raw.strip()
        key = plain(value[:MAX_SHOWN])
        if value and (key in result.segments or len(result.segments) < 1000):
            result.segments[key] += n
        if wanted is None or plain(value) == wanted:
            keep.add(raw)
    if wanted is None:
        return rows
    kept = [r for r in rows if r[seg_index] in keep]
    result.other_segments += len(rows) - len(kept)
    return kept


def _wide(rows, result: Ratings, cycle: Cycle, layout: Layout, mapping, progress, source) -> None:
    read = _reader(result, cycle, mapping)
    scale = cycle.scale
    targets = []
    for c in layout.columns:
        if c.role in ("rating", "importance") and c.moment:
            store = result.answers if c.role == "rating" else result.importance
            targets.append((c.index, store.setdefault(c.moment, Tally()), c.moment,
                            _RATING if c.role == "rating" else _IMPORTANCE))
    aside = [c.index for c in layout.columns if c.moment and c.role in ("ignored", "expectation")
             or c.note == "close"]
    seg_index, wanted = _segment_filter(result, layout)
    key_index, whole_row = _respondent_key(layout)
    seen: set = set()
    segments = result.segments
    widest = max([i for i, *_x in targets] + aside + [seg_index or 0, key_index or 0])
    ncols = len(layout.columns)

    def one(line: int, row: list[str], sheet: str) -> None:
        if not any(row) or row[0][:1] == "#" or row[0].lstrip()[:1] == "#":
            return
        width = len(row)
        if width > ncols and any(cell.strip() for cell in row[ncols:]):
            _too_long(result, line, sheet, width, ncols)
            return
        result.rows += 1
        if seg_index is not None:
            value = row[seg_index].strip() if seg_index < width else ""
            if value and len(segments) < 1000:
                segments[plain(value[:MAX_SHOWN])] += 1
            if wanted is not None and plain(value) != wanted:
                result.other_segments += 1
                return
        if key_index is not None or whole_row:
            key = (row[key_index].strip() if key_index < width else "") if key_index is not None else None
            if key or whole_row:
                h = key if key else hash(tuple(row))
                if h in seen:
                    result.set_aside["duplicate"] += sum(1 for i, _t, _m, _w in targets if i < width and row[i].strip())
                    pos, pre = _where(line, (key_index or 0) + 1, sheet)
                    result.add_problem(_diag(result.path, pos, _(
                        "{cell}this respondent's answers are already in the file; this row is not counted again").format(
                            cell=pre), _("remove the repeated row")))
                    return
                if len(seen) < MAX_TRACKED:
                    seen.add(h)
                else:
                    result.duplicates_checked = False
        result.respondents += 1
        for i, tally, moment_id, what in targets:
            raw = row[i] if i < width else ""
            value = read(raw)
            if value.__class__ is float:
                tally[value] = tally.get(value, 0) + 1
            elif value is _SKIP:
                result.skipped += 1
            else:
                _bad_cell(result, value, raw, moment_id, line, i + 1, sheet, what, scale)
        for i in aside:
            if i < width and row[i].strip():
                result.set_aside["column"] += 1

    def fast(chunk: _Chunk) -> bool:
        if not chunk.plain_cells:
            return False
        lines = chunk.lines()
        sep = chunk.sep
        cells = [line.split(sep) for line in lines]
        if not cells or min(map(len, cells)) <= widest or max(map(len, cells)) > ncols:
            return False
        # Everything checked before anything is counted, so a fallback starts clean.
        if key_index is not None or whole_row:
            keys = list(map(itemgetter(key_index), cells)) if key_index is not None else list(map(hash, lines))
            fresh = set(keys)
            if len(fresh) != len(keys) or "" in fresh or not seen.isdisjoint(fresh):
                return False
        counted = []
        for i, tally, moment_id, what in targets:
            counts = Counter(map(itemgetter(i), cells))
            for raw in counts:
                value = read(raw)
                if value is _BAD or value is _OFF:
                    return False
            counted.append((tally, counts))
        if seg_index is not None:
            kept = _segment_rows(result, cells, seg_index, wanted)
            if len(kept) != len(cells):
                if not kept:
                    result.rows += len(cells)
                    return True
                # Count again on the kept rows only.
                cells = kept
                counted = [(tally, Counter(map(itemgetter(i), cells))) for i, tally, _m, _w in targets]
                result.rows += len(lines) - len(cells)
                if key_index is not None or whole_row:
                    keys = list(map(itemgetter(key_index), cells)) if key_index is not None else \
                        [hash(sep.join(r)) for r in cells]
        if key_index is not None or whole_row:
            if len(seen) < MAX_TRACKED:
                seen.update(keys)
            else:
                result.duplicates_checked = False
        for tally, counts in counted:
            for raw, n in counts.items():
                value = read(raw)
                if value.__class__ is float:
                    tally[value] = tally.get(value, 0) + n
                else:
                    result.skipped += n
        for i in aside:
            result.set_aside["column"] += sum(n for raw, n in Counter(map(itemgetter(i), cells)).items() if raw.strip())
        result.rows += len(cells)
        result.respondents += len(cells)
        return True

    _drive(rows, one, fast, progress, source)
    for store in (result.answers, result.importance):
        for key in [k for k, t in store.items() if not t]:
            del store[key]
    result.known_rows = result.rows


def _drive(rows, one, fast, progress, source) -> None:
    """Feed rows one by one, and chunks through `fast` (row by row when it declines)."""
    count = 0
    for item in rows:
        if item.__class__ is _Chunk:
            if progress is not None and source is not None:
                progress(source.position(), source.size)
            if not fast(item):
                for line, row, sheet in item.rows():
                    one(line, row, sheet)
            continue
        count += 1
        if count & (PROGRESS_EVERY - 1) == 0 and progress is not None and source is not None:
            progress(source.position(), source.size)
        one(*item)


def _long(rows, result: Ratings, cycle: Cycle, layout: Layout, ids: list[str], mapping, progress, source) -> None:
    from cyclemap.format.reader import did_you_mean

    read = _reader(result, cycle, mapping)
    scale = cycle.scale
    id_set = set(ids)
    by_value = dict(mapping.moments) if mapping is not None else {}
    bits = {moment_id: 1 << k for k, moment_id in enumerate(ids)}
    mi = layout.first("moment")
    ai = layout.first("answer")
    if ai is None:
        ai = next((c.index for c in layout.columns if c.role == "rating"), None)
    ri = layout.first("respondent")
    ii = layout.first("importance")
    seg_index, wanted = _segment_filter(result, layout)
    needed = max(mi, ai)
    widest = max(needed, ri or 0, seg_index or 0)
    ncols = len(layout.columns) if layout.tool != "headerless" else 0
    tallies: dict[str, Tally] = {}
    imps: dict[str, Tally] = {}
    seen: dict[str, int] = {}
    moment_of: dict[str, str | None] = {}
    segments = result.segments

    def moment_for(cell: str):
        moment_id = moment_of.get(cell, "")
        if moment_id == "":
            text = cell.strip()
            moment_id = text if text in id_set else by_value.get(plain(text))
            if len(moment_of) < MAX_CACHED:
                moment_of[cell] = moment_id
        return moment_id

    def one(line: int, row: list[str], sheet: str) -> None:
        width = len(row)
        if width and row[0][:1] == "#":
            return
        if width <= needed:
            if not row or not any(cell.strip() for cell in row):
                return
            result.rows += 1
            result.set_aside["short-row"] += 1
            if len(result.problems) >= MAX_PROBLEMS:
                result.hidden += 1
                return
            pos, pre = _where(line, 1, sheet)
            expected = (_("{cell}expected 2 or 3 columns (moment,rating[,respondent]), found {count}")
                        if layout.tool == "headerless" else
                        _("{cell}expected at least {need} columns, found {count}"))
            result.add_problem(_diag(result.path, pos, expected.format(cell=pre, count=width, need=needed + 1)))
            return
        if ncols and width > ncols and ai + 1 < width and row[ai + 1].strip().isdigit() and \
                any(cell.strip() for cell in row[ncols:]):
            _too_long(result, line, sheet, width, ncols)
            return
        result.rows += 1
        if seg_index is not None:
            value = row[seg_index].strip() if seg_index < width else ""
            if value and len(segments) < 1000:
                segments[plain(value[:MAX_SHOWN])] += 1
            if wanted is not None and plain(value) != wanted:
                result.other_segments += 1
                return
        cell = row[mi]
        moment_id = moment_for(cell)
        if moment_id is None:
            result.set_aside["unknown-moment"] += 1
            if len(result.problems) >= MAX_PROBLEMS:  # counted, not spelled out: no did-you-mean per row
                result.hidden += 1
                return
            text = cell.strip()
            guess = did_you_mean(text, ids)
            hint = (_("did you mean `{guess}`?").format(guess=guess) if guess
                    else _("the cycle's moments are: {moments}").format(moments=_ids(ids)))
            pos, pre = _where(line, mi + 1, sheet)
            result.add_problem(_diag(result.path, pos, _("{cell}no moment `{moment}` in the cycle").format(
                cell=pre, moment=_shown(text)), hint))
            return
        result.known_rows += 1
        if ri is not None and ri < width:
            respondent = row[ri].strip()
            if respondent:
                mask = seen.get(respondent, 0)
                bit = bits[moment_id]
                if mask & bit:
                    result.set_aside["duplicate"] += 1
                    pos, pre = _where(line, 1, sheet)
                    result.add_problem(_diag(
                        result.path, pos, _("{cell}respondent `{respondent}` already rated `{moment}`; this row is "
                                            "not counted again").format(
                            cell=pre, respondent=_shown(respondent), moment=moment_id),
                        _("keep one rating per respondent and moment"), moment_id))
                    return
                if mask or len(seen) < MAX_TRACKED:
                    seen[respondent] = mask | bit
                else:
                    result.duplicates_checked = False
        raw = row[ai]
        value = read(raw)
        if value.__class__ is float:
            tally = tallies.get(moment_id)
            if tally is None:
                tally = tallies[moment_id] = Tally()
            tally[value] = tally.get(value, 0) + 1
        elif value is _SKIP:
            result.skipped += 1
        else:
            _bad_cell(result, value, raw, moment_id, line, ai + 1, sheet, _RATING, scale)
        if ii is not None and ii < width and row[ii].strip():
            value = read(row[ii])
            if value.__class__ is float:
                imps.setdefault(moment_id, Tally()).add(value)
            elif value is not _SKIP:
                _bad_cell(result, value, row[ii], moment_id, line, ii + 1, sheet, _IMPORTANCE, scale)

    def tally_counts(counts) -> None:
        """A chunk's (moment cell, answer cell) -> rows, into the moments' tallies."""
        for (cell, raw), n in counts.items():
            if n <= 0:
                continue
            value = read(raw)
            if value.__class__ is float:
                moment_id = moment_for(cell)
                tally = tallies.get(moment_id)
                if tally is None:
                    tally = tallies[moment_id] = Tally()
                tally[value] = tally.get(value, 0) + n
            else:
                result.skipped += n

    def fast(chunk: _Chunk) -> bool:
        if ii is not None or not chunk.plain_cells:
            return False
        if seg_index is None:
            return faster(chunk)
        sep = chunk.sep
        cells = [line.split(sep) for line in chunk.lines()]
        if not cells or min(map(len, cells)) <= widest or (ncols and max(map(len, cells)) > ncols):
            return False
        total = len(cells)
        if seg_index is not None:
            cells = _segment_rows(result, cells, seg_index, wanted)
        counts = Counter(map(itemgetter(mi, ai), cells))
        for cell, raw in counts:
            moment_id = moment_for(cell)
            value = read(raw)
            if moment_id is None or value is _BAD or value is _OFF:
                if seg_index is not None:  # undo the chunk's segment counts: the rows are read again
                    for raw_seg, n in Counter(map(itemgetter(seg_index), [line.split(sep) for line in
                                                                          chunk.lines()])).items():
                        key = plain(raw_seg.strip()[:MAX_SHOWN])
                        if key in result.segments:
                            result.segments[key] -= n
                            if result.segments[key] <= 0:
                                del result.segments[key]
                    result.other_segments -= total - len(cells)
                return False
        if ri is not None:
            get = seen.get
            room = len(seen) < MAX_TRACKED
            repeats = []
            bit_of = {cell: bits[moment_for(cell)] for cell, _raw in counts}
            index = -1
            for respondent, bit in zip(map(itemgetter(ri), cells), map(bit_of.__getitem__, map(itemgetter(mi), cells))):
                index += 1
                mask = get(respondent, 0)
                if mask & bit:
                    if respondent:
                        repeats.append(index)
                elif mask or room:
                    seen[respondent] = mask | bit
            if not room:
                result.duplicates_checked = False
            for index in repeats:
                row = cells[index]
                counts[(row[mi], row[ai])] -= 1
                result.set_aside["duplicate"] += 1
                line = chunk.first + index if seg_index is None else 0
                if line:
                    result.add_problem(_diag(
                        result.path, Pos(line, 1), _("{cell}respondent `{respondent}` already rated `{moment}`; this "
                                                     "row is not counted again").format(
                            cell="", respondent=_shown(row[ri].strip()), moment=moment_for(row[mi])),
                        _("keep one rating per respondent and moment"), moment_for(row[mi])))
                else:
                    result.hidden += 1
        tally_counts(counts)
        result.rows += total
        result.known_rows += len(cells)
        return True

    def faster(chunk: _Chunk) -> bool:
        """A chunk whose lines all have one number of cells: columns as slices, counted in C."""
        found = chunk.columns()
        if found is None:
            return False
        flat, width = found
        if width <= widest or (ncols and width > ncols):
            return False
        moments = flat[mi::width]
        counts = Counter(zip(moments, flat[ai::width]))
        for cell, raw in counts:
            value = read(raw)
            if moment_for(cell) is None or value is _BAD or value is _OFF:
                return False
        total = len(moments)
        if ri is not None:
            get = seen.get
            room = len(seen) < MAX_TRACKED
            bit_of = {cell: bits[moment_for(cell)] for cell, _raw in counts}
            resps = flat[ri::width]
            # A respondent's answers come in runs of rows (exports group them): each run's
            # moments as a sum of bits (prefix sums, in C); a run whose sum has fewer bits
            # than rows repeats a moment. Runs of respondents not seen before go into
            # `seen` in one step; the others (a run continuing from the last chunk, a file
            # not grouped) one by one. Any repeat sends the chunk row by row.
            marks = list(map(bit_of.__getitem__, moments))
            starts = list(compress(range(total), map(ne, resps, chain(("\0",), resps))))
            ends = starts[1:] + [total]
            sums = list(accumulate(marks, initial=0))
            masks = list(map(sub, map(sums.__getitem__, ends), map(sums.__getitem__, starts)))
            if any(map(ne, map(int.bit_count, masks), map(sub, ends, starts))):
                if any(map(str.strip, map(resps.__getitem__, starts))):
                    return False
            who = list(map(resps.__getitem__, starts))
            distinct = set(who)
            if len(distinct) == len(who) and room:
                crossing = seen.keys() & distinct  # respondents of earlier chunks: the one continuing, usually
                merged = {}
                for respondent in crossing:
                    mask = masks[who.index(respondent)]
                    if seen[respondent] & mask and respondent.strip():
                        return False
                    merged[respondent] = seen[respondent] | mask
                seen.update(zip(who, masks))
                seen.update(merged)
            else:
                runs = list(zip(who, masks))
                for respondent, mask in runs:
                    if get(respondent, 0) & mask and respondent.strip():
                        return _undo(runs, respondent)
                    old = get(respondent, 0)
                    if old or room:
                        seen[respondent] = old | mask
            if not room:
                result.duplicates_checked = False
        tally_counts(counts)
        result.rows += total
        result.known_rows += total
        return True

    def _undo(runs, stop) -> bool:
        """Take back the runs applied before `stop` (the chunk is read again row by row)."""
        for respondent, mask in runs:
            if respondent == stop:
                break
            left = seen.get(respondent, 0) & ~mask
            if left:
                seen[respondent] = left
            else:
                seen.pop(respondent, None)
        return False

    _drive(rows, one, fast, progress, source)
    seen.pop("", None)
    result.answers, result.importance = {k: t for k, t in tallies.items() if t}, imps
    result.respondents = len(seen)
    if result.set_aside["unknown-moment"] and not result.known_rows:
        unknown = [p for p in result.problems if "no moment" in p.message("en")]
        if unknown and len(unknown) == len(result.problems):
            result.add_problem(_diag(result.path, Pos(1, 1), _(
                "none of this file's moments are in the cycle: a survey of another cycle?"),
                _("pass the ratings of this cycle's survey"), subject="another-cycle"))


# -- merging -----------------------------------------------------------------------------

def _least(min_responses: float | None) -> float:
    """The threshold `min_responses` as given, else its one default (declared with CM121)."""
    if min_responses is not None:
        return min_responses
    from cyclemap.format.settings import Config

    return Config().threshold("min_responses")


def merge_ratings(cycle: Cycle, ratings: dict, min_responses: float | None = None,
                  importance: dict | None = None) -> tuple[Cycle, list[tuple[str, int]]]:
    """A copy of the cycle with each moment's survey answers merged by the rule in the
    module's doc (score = mean, responses = count, answers = the answers' tally;
    importance = the importance answers). Also returns the (moment id, answers) set aside
    because the file's score rests on more. `min_responses`: the settings' threshold."""
    min_responses = _least(min_responses)
    importance = importance or {}
    if not ratings and not importance:
        return cycle, []
    done: set[str] = set()
    kept: list[tuple[str, int]] = []
    moments = []
    for moment in cycle.moments:
        values = ratings.get(moment.id)
        if values is not None and not isinstance(values, Tally):
            values = Tally.of(values)
        imp = importance.get(moment.id)
        if imp and moment.id not in done:
            moment = replace(moment, importance=imp if isinstance(imp, Tally) else Tally.of(imp))
        if values and moment.id not in done:
            n = values.n
            if (n >= min_responses or moment.score is None or moment.responses is None
                    or n >= moment.responses):
                moment = replace(moment, score=round(values.mean(), 2), responses=n, answers=values)
            else:
                kept.append((moment.id, n))
        done.add(moment.id)
        moments.append(moment)
    return replace(cycle, moments=moments), kept


def load_ratings(path: str, cycle: Cycle, segment: str | None = None, mapping: str | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Ratings:
    """Read a ratings file (CSV streamed, or XLSX by its suffix), with the mapping file
    given or the one beside it (`NAME.mapping.yaml`). Raises OSError when it cannot be
    opened at all, MappingError for a bad mapping (usage errors for the command line)."""
    from cyclemap.format.survey_mapping import mapping_beside, read_mapping

    mapping_path = mapping or mapping_beside(str(path))
    plan = read_mapping(mapping_path, list(unique_moments(cycle))) if mapping_path else None
    return read_table(None, str(path), cycle, segment, plan, progress)


@dataclass
class Applied:
    """A ratings file read and merged: the cycle to use, its CM009 diagnostics, and what
    was read (for the summary and for deliverables that name their evidence)."""

    cycle: Cycle
    diagnostics: list[Diagnostic]
    ratings: Ratings
    kept: list[tuple[str, int]]


def apply_answers(cycle: Cycle, path: str, segment: str | None = None, min_responses: float | None = None,
                  mapping: str | None = None, progress=None) -> Applied:
    min_responses = _least(min_responses)
    ratings = load_ratings(path, cycle, segment, mapping, progress)
    merged, kept = merge_ratings(cycle, ratings.answers, min_responses, ratings.importance)
    ratings.kept = kept
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
    return Applied(merged, diagnostics, ratings, kept)


def apply_ratings(cycle: Cycle, path: str, segment: str | None = None,
                  min_responses: float | None = None) -> tuple[Cycle, list[Diagnostic]]:
    """Read `path` and merge its answers into (a copy of) `cycle`. Returns the cycle to use
    and the CM009 diagnostics (unusable rows and cells, skipped answers, answers set aside).
    Raises OSError when the file cannot be opened at all."""
    applied = apply_answers(cycle, path, segment, min_responses)
    return applied.cycle, applied.diagnostics


# -- inspect: how a file will be read, column by column --------------------------------

@dataclass
class ColumnView:
    """One column as `cyclemap survey inspect` shows it."""

    column: Column
    values: Counter  # the first distinct answers seen (answer columns only), with counts
    readings: dict  # answer text -> number, or None when it does not read


def inspect(path: str, cycle: Cycle, mapping: str | None = None, rows: int = 5000) -> tuple[Ratings, list[ColumnView]]:
    """The file read as every command reads it, and each column with the first answers
    it holds and how they read. Respondent-level columns (e-mails, names, time stamps)
    show no values."""
    result = load_ratings(path, cycle, None, mapping)
    views: list[ColumnView] = []
    layout = result.layout
    if layout is None:
        return result, views
    from cyclemap.format.survey_mapping import mapping_beside, read_mapping

    mapping_path = mapping or mapping_beside(str(path))
    plan = read_mapping(mapping_path, list(unique_moments(cycle))) if mapping_path else None
    read = _reader(Ratings(path), cycle, plan)
    answer_roles = ("rating", "importance", "expectation", "answer", "unknown", "ignored")
    counts = {c.index: Counter() for c in layout.columns if c.role in answer_roles}
    try:
        if str(path).lower().endswith((".xlsx", ".xlsm")):
            source_rows = xlsx_rows(path)
        else:
            handle = open(path, "rb")
            source_rows = _Source(handle, 0).rows()
        seen = 0
        for line, row, _sheet in source_rows:
            seen += 1
            if seen <= layout.header_rows or not any(row) or row[0][:1] == "#" and line > 1:
                continue
            if seen > rows + layout.header_rows:
                break
            for i, counter in counts.items():
                if i < len(row) and row[i].strip() and (len(counter) < 12 or row[i] in counter):
                    counter[row[i].strip()] += 1
    except Unreadable:
        pass
    for c in layout.columns:
        values = counts.get(c.index, Counter())
        readings = {}
        for text in values:
            value = read(text)
            readings[text] = value if value.__class__ is float else None
        views.append(ColumnView(c, values, readings))
    return result, views
