"""A file of survey answers as rows: CSV streamed (its encoding and separator found from
its first bytes, then blocks of whole lines that the readers count column by column) or
the first sheet of a workbook (bounded before openpyxl opens it)."""

from __future__ import annotations

import codecs
import csv
import io
from typing import Iterator

from cyclemap.format.diagnostics import formula_safe
from cyclemap.format.i18n import _
from cyclemap.format.ratings_data import PROGRESS_EVERY, Unreadable, _shown

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

    def chunks(self, size: int = 1 << 20) -> Iterator[_Chunk]:
        """The rest of the file (after the rows `rows` gave) in blocks of whole lines. 1 MB
        blocks: a million answers read in 0.40 s of CPU here (4 MB: 0.50 s; the smaller
        block stays in the processor's cache), and memory stays low at any size."""
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

