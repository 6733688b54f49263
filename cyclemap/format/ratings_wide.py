"""A wide file of survey answers: one row per respondent, a column per moment (and its
importance). Rows come one by one (a workbook, or a block with something unusual in it)
or as blocks of plain lines, counted column by column in C."""

from __future__ import annotations

from collections import Counter
from operator import itemgetter

from cyclemap.format.model import Cycle
from cyclemap.format.ratings_data import (
    _BAD,
    _IMPORTANCE,
    _OFF,
    _RATING,
    _SKIP,
    MAX_TRACKED,
    Ratings,
    _bad_cell,
    _reader,
    _respondent_key,
    _segment_filter,
    _segment_rows,
    _too_long,
    in_segment,
    keep_comment,
    repeated,
)
from cyclemap.format.ratings_source import _Chunk, _drive
from cyclemap.format.survey_shapes import Layout
from cyclemap.format.tally import Tally


def read_wide(rows, result: Ratings, cycle: Cycle, layout: Layout, mapping, progress, source) -> None:
    reader = WideReader(result, cycle, layout, mapping)
    _drive(rows, reader.one, reader.fast, progress, source)
    for store in (result.answers, result.importance):
        for key in [k for k, t in store.items() if not t]:
            del store[key]
    result.known_rows = result.rows


class WideReader:
    """Counts a wide file's answers into `result`, row by row (`one`) or a block at a time
    (`fast`, which declines a block it cannot count exactly)."""

    def __init__(self, result: Ratings, cycle: Cycle, layout: Layout, mapping):
        self.result, self.scale = result, cycle.scale
        self.read = _reader(result, cycle, mapping)
        self.targets = []  # (column, tally, moment id, what the answer gives)
        for c in layout.columns:
            if c.role in ("rating", "importance") and c.moment:
                store = result.answers if c.role == "rating" else result.importance
                self.targets.append((c.index, store.setdefault(c.moment, Tally()), c.moment,
                                     _RATING if c.role == "rating" else _IMPORTANCE))
        self.aside = [c.index for c in layout.columns if c.moment and c.role in ("ignored", "expectation")
                      or c.note == "close"]
        self.seg_index, self.wanted = _segment_filter(result, layout)
        self.key_index, self.whole_row = _respondent_key(layout)
        self.seen: set = set()  # respondents as UTF-8 bytes (copies: see LongReader.seen), or rows' hashes
        self.widest = max([i for i, *_x in self.targets] + self.aside
                          + [self.seg_index or 0, self.key_index or 0])
        self.ncols = len(layout.columns)
        self.comment_index = layout.first("comment") if result.comments_wanted else None
        if self.comment_index is not None:  # a block whose rows stop short of it is read row by row
            self.widest = max(self.widest, self.comment_index)

    # -- row by row ----------------------------------------------------------------------

    def one(self, line: int, row: list[str], sheet: str) -> None:
        result = self.result
        if not any(row) or row[0][:1] == "#" or row[0].lstrip()[:1] == "#":
            return
        width = len(row)
        if width > self.ncols and any(cell.strip() for cell in row[self.ncols:]):
            _too_long(result, line, sheet, width, self.ncols)
            return
        result.rows += 1
        if not in_segment(self.result, row, width, self.seg_index, self.wanted) or self._repeated(line, row, width, sheet):
            return
        result.respondents += 1
        read = self.read
        for i, tally, moment_id, what in self.targets:
            raw = row[i] if i < width else ""
            value = read(raw)
            if value.__class__ is float:
                tally[value] = tally.get(value, 0) + 1
            elif value is _SKIP:
                result.skipped += 1
            else:
                _bad_cell(result, value, raw, moment_id, line, i + 1, sheet, what, self.scale)
        for i in self.aside:
            if i < width and row[i].strip():
                result.set_aside["column"] += 1
        if self.comment_index is not None and self.comment_index < width:
            keep_comment(result, row[self.comment_index])

    def _repeated(self, line: int, row: list[str], width: int, sheet: str) -> bool:
        """True (and said) when this respondent's row was read before."""
        key_index, whole_row = self.key_index, self.whole_row
        if key_index is None and not whole_row:
            return False
        key = (row[key_index].strip() if key_index < width else "") if key_index is not None else None
        if not key and not whole_row:
            return False
        h = key.encode() if key else hash("\x1f".join(row))  # as `_keys` hashes a block's rows
        if h in self.seen:
            self.result.set_aside["duplicate"] += sum(1 for i, *_x in self.targets if i < width and row[i].strip())
            repeated(self.result, line, (key_index or 0) + 1, sheet)
            return True
        if len(self.seen) < MAX_TRACKED:
            self.seen.add(h)
        else:
            self.result.duplicates_checked = False
        return False

    # -- a block at a time ---------------------------------------------------------------

    def fast(self, chunk: _Chunk) -> bool:
        if not chunk.plain_cells:
            return False
        lines = chunk.lines()
        sep = chunk.sep
        cells = [line.split(sep) for line in lines]
        if not cells or min(map(len, cells)) <= self.widest or max(map(len, cells)) > self.ncols:
            return False
        # Everything checked before anything is counted, so a fallback starts clean.
        keyed = self.key_index is not None or self.whole_row
        if keyed:
            keys = self._keys(cells)
            fresh = set(keys)
            if len(fresh) != len(keys) or b"" in fresh or not self.seen.isdisjoint(fresh):
                return False
        counted = self._counted(cells)
        if counted is None:
            return False
        result = self.result
        if self.seg_index is not None:
            kept = _segment_rows(result, cells, self.seg_index, self.wanted)
            if len(kept) != len(cells):
                if not kept:
                    result.rows += len(cells)
                    return True
                # Count again on the kept rows only.
                result.rows += len(cells) - len(kept)
                cells = kept
                counted = [(tally, Counter(map(itemgetter(i), cells))) for i, tally, *_x in self.targets]
                if keyed:
                    keys = self._keys(cells)
        if keyed:
            if len(self.seen) < MAX_TRACKED:
                self.seen.update(keys)
            else:
                result.duplicates_checked = False
        self._tally(counted, cells)
        return True

    def _keys(self, cells: list) -> list:
        """Each row's respondent, or the hash of the whole row (one form for both paths, so
        a repeat is found whichever way each copy was read)."""
        if self.key_index is not None:
            return list(map(str.encode, map(str.strip, map(itemgetter(self.key_index), cells))))
        return list(map(hash, map("\x1f".join, cells)))

    def _counted(self, cells: list):
        """Each target's answers counted, or None when one of them does not read."""
        read, counted = self.read, []
        for i, tally, _moment, _what in self.targets:
            counts = Counter(map(itemgetter(i), cells))
            for raw in counts:
                value = read(raw)
                if value is _BAD or value is _OFF:
                    return None
            counted.append((tally, counts))
        return counted

    def _tally(self, counted, cells: list) -> None:
        result, read = self.result, self.read
        for tally, counts in counted:
            for raw, n in counts.items():
                value = read(raw)
                if value.__class__ is float:
                    tally[value] = tally.get(value, 0) + n
                else:
                    result.skipped += n
        for i in self.aside:
            result.set_aside["column"] += sum(n for raw, n in Counter(map(itemgetter(i), cells)).items() if raw.strip())
        if self.comment_index is not None:
            for text in map(itemgetter(self.comment_index), cells):
                keep_comment(result, text)
        result.rows += len(cells)
        result.respondents += len(cells)
