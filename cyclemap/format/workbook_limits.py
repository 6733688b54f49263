"""Bounds on an Excel workbook read as ratings, checked before the workbook is opened.

openpyxl trusts what a workbook says: the size its sheet declares (`<dimension
ref="A1:XFD1048576"/>` makes a read-only sheet pad every row to 16,384 cells and walk a
million rows: a 1 KB file, minutes of work), every row element however blank, every
shared string. So before openpyxl sees a workbook, this module reads its zip directory
and streams its sheets and shared strings through expat, counting, and refuses (with the
first bound crossed, in words) a workbook that declares or holds more than cyclemap reads:

| what | bound |
|---|---|
| members of the zip | `MAX_MEMBERS` |
| expanded size of all members (as the zip declares it; the reader stops there) | `MAX_EXPANDED` |
| rows of a sheet (row numbers and row elements) | `MAX_ROWS` (Excel's own limit) |
| columns of a sheet | `MAX_COLUMNS` (Excel's own limit) |
| cells a read would walk (last row × last column, declared or found) | `MAX_CELLS` |
| shared strings (declared or found) | `MAX_SHARED_STRINGS` |

Each check stops at the first element past its bound, so a hostile workbook is refused
in about the time it takes to read up to that bound, never the time it claims.
"""

from __future__ import annotations

import re
import zipfile
from xml.parsers import expat

from cyclemap.format.i18n import Number, Text, _

MAX_MEMBERS = 1_000
MAX_EXPANDED = 512 * 1024 * 1024
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELLS = 20_000_000
MAX_SHARED_STRINGS = 1_000_000

_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


class TooBig(Exception):
    """A workbook past a bound: `text` says which, in words."""

    def __init__(self, text: Text):
        super().__init__(text("en"))
        self.text = text


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _place(ref: str) -> tuple[int, int] | None:
    """(row, column) of a cell reference such as `XFD1048576`."""
    found = _CELL.fullmatch(ref.strip())
    return (int(found.group(2)), _column(found.group(1))) if found else None


def _too_many(what: Text, limit: int) -> TooBig:
    return TooBig(_("the workbook holds more {what} than cyclemap reads (at most {limit})").format(
        what=what, limit=Number(limit, 0)))


_ROWS = _("rows")
_COLUMNS = _("columns")
_CELLS = _("cells (last row × last column)")
_STRINGS = _("distinct texts (shared strings)")


class _Sheet:
    """Counts a worksheet's rows and its extent while expat streams it."""

    def __init__(self):
        self.rows = 0
        self.last_row = 0
        self.last_col = 0
        self.row_at = 0  # the current row's number, for cells without a reference

    def start(self, name: str, attrs: dict) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "dimension":
            span = attrs.get("ref", "").split(":")[-1]
            place = _place(span)
            if place:
                self.extent(*place)
        elif local == "row":
            self.rows += 1
            if self.rows > MAX_ROWS:
                raise _too_many(_ROWS, MAX_ROWS)
            number = attrs.get("r")
            self.row_at = int(number) if number and number.isdigit() else self.row_at + 1
            self.extent(self.row_at, self.last_col)
        elif local == "c":
            place = _place(attrs.get("r", ""))
            if place:
                self.extent(*place)

    def extent(self, row: int, col: int) -> None:
        if row > MAX_ROWS:
            raise _too_many(_ROWS, MAX_ROWS)
        if col > MAX_COLUMNS:
            raise _too_many(_COLUMNS, MAX_COLUMNS)
        self.last_row, self.last_col = max(self.last_row, row), max(self.last_col, col)
        if self.last_row * max(self.last_col, 1) > MAX_CELLS:
            raise _too_many(_CELLS, MAX_CELLS)


class _Strings:
    def __init__(self):
        self.count = 0

    def start(self, name: str, attrs: dict) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "sst":
            for key in ("count", "uniqueCount"):
                value = attrs.get(key, "")
                if value.isdigit() and int(value) > MAX_SHARED_STRINGS and key == "uniqueCount":
                    raise _too_many(_STRINGS, MAX_SHARED_STRINGS)
        elif local == "si":
            self.count += 1
            if self.count > MAX_SHARED_STRINGS:
                raise _too_many(_STRINGS, MAX_SHARED_STRINGS)


def _stream(book: zipfile.ZipFile, info: zipfile.ZipInfo, counter) -> None:
    parser = expat.ParserCreate()
    parser.StartElementHandler = counter.start
    with book.open(info) as member:
        while chunk := member.read(1 << 20):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def check_workbook(path: str) -> None:
    """Raise TooBig when the workbook at `path` declares or holds more than the bounds.
    A file that is not a readable zip or whose XML does not parse is left for openpyxl
    to report (it says why in its own words)."""
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with book:
        members = book.infolist()
        if len(members) > MAX_MEMBERS:
            raise _too_many(_("files inside the zip"), MAX_MEMBERS)
        expanded = sum(m.file_size for m in members)
        if expanded > MAX_EXPANDED:
            raise TooBig(_("the workbook expands to {size} MB; cyclemap reads at most {limit} MB").format(
                size=Number(expanded // (1024 * 1024), 0), limit=Number(MAX_EXPANDED // (1024 * 1024), 0)))
        for info in members:
            name = info.filename.lower()
            if name.endswith("sharedstrings.xml"):
                counter = _Strings()
            elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                counter = _Sheet()
            else:
                continue
            try:
                _stream(book, info, counter)
            except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError, ValueError):
                return  # damaged: openpyxl says so in its words
