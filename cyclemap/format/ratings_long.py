"""A long file of survey answers: one answer per row, a column naming the moment and one
holding the answer (optionally the respondent, the segment, the importance). Rows come
one by one (a workbook, or a block with something unusual in it) or as blocks of plain
lines, counted in C; a respondent's repeated moment is found by bits per respondent."""

from __future__ import annotations

from collections import Counter
from itertools import accumulate, chain, compress
from operator import itemgetter, ne, sub

from cyclemap.format.i18n import _
from cyclemap.format.model import Cycle, Pos
from cyclemap.format.ratings_data import (
    _BAD,
    _IMPORTANCE,
    _OFF,
    _RATING,
    _SKIP,
    MAX_CACHED,
    MAX_PROBLEMS,
    MAX_TRACKED,
    Ratings,
    _bad_cell,
    _diag,
    _ids,
    _reader,
    _segment_filter,
    _segment_rows,
    _shown,
    _too_long,
    _where,
    in_segment,
    repeated,
)
from cyclemap.format.ratings_source import _Chunk, _drive
from cyclemap.format.survey_shapes import Layout, plain
from cyclemap.format.tally import Tally


def read_long(rows, result: Ratings, cycle: Cycle, layout: Layout, ids: list[str], mapping, progress,
              source) -> None:
    reader = LongReader(result, cycle, layout, ids, mapping)
    _drive(rows, reader.one, reader.fast, progress, source)
    reader.finish()


class LongReader:
    """Counts a long file's answers into `result`, row by row (`one`) or a block at a time
    (`fast`, which declines a block it cannot count exactly: a bad cell, a repeat)."""

    def __init__(self, result: Ratings, cycle: Cycle, layout: Layout, ids: list[str], mapping):
        self.result, self.scale, self.ids = result, cycle.scale, ids
        self.read = _reader(result, cycle, mapping)
        self.id_set = set(ids)
        self.by_value = dict(mapping.moments) if mapping is not None else {}
        self.bits = {moment_id: 1 << k for k, moment_id in enumerate(ids)}
        self.mi = layout.first("moment")
        ai = layout.first("answer")
        self.ai = ai if ai is not None else next((c.index for c in layout.columns if c.role == "rating"), None)
        self.ri = layout.first("respondent")
        self.ii = layout.first("importance")
        self.seg_index, self.wanted = _segment_filter(result, layout)
        self.needed = max(self.mi, self.ai)
        self.widest = max(self.needed, self.ri or 0, self.seg_index or 0)
        self.headerless = layout.tool == "headerless"
        self.ncols = len(layout.columns) if not self.headerless else 0
        self.tallies: dict[str, Tally] = {}
        self.imps: dict[str, Tally] = {}
        # respondent (as UTF-8 bytes: a copy, so the block's strings can all be freed; kept,
        # they scatter a few survivors over every block's memory, 0.1 s a million answers)
        # -> the bits of the moments they rated
        self.seen: dict[bytes, int] = {}
        self.moment_of: dict[str, str | None] = {}

    def moment_for(self, cell: str):
        moment_id = self.moment_of.get(cell, "")
        if moment_id == "":
            text = cell.strip()
            moment_id = text if text in self.id_set else self.by_value.get(plain(text))
            if len(self.moment_of) < MAX_CACHED:
                self.moment_of[cell] = moment_id
        return moment_id

    def finish(self) -> None:
        result = self.result
        self.seen.pop(b"", None)
        result.answers, result.importance = {k: t for k, t in self.tallies.items() if t}, self.imps
        result.respondents = len(self.seen)
        if result.set_aside["unknown-moment"] and not result.known_rows:
            unknown = [p for p in result.problems if "no moment" in p.message("en")]
            if unknown and len(unknown) == len(result.problems):
                result.add_problem(_diag(result.path, Pos(1, 1), _(
                    "none of this file's moments are in the cycle: a survey of another cycle?"),
                    _("pass the ratings of this cycle's survey"), subject="another-cycle"))

    # -- row by row ----------------------------------------------------------------------

    def one(self, line: int, row: list[str], sheet: str) -> None:
        width = len(row)
        if width and row[0][:1] == "#":
            return
        if width <= self.needed:
            self._short(line, row, sheet)
            return
        ai, ncols = self.ai, self.ncols
        if ncols and width > ncols and ai + 1 < width and row[ai + 1].strip().isdigit() and \
                any(cell.strip() for cell in row[ncols:]):
            _too_long(self.result, line, sheet, width, ncols)
            return
        self.result.rows += 1
        if not in_segment(self.result, row, width, self.seg_index, self.wanted):
            return
        moment_id = self.moment_for(row[self.mi])
        if moment_id is None:
            self._unknown(line, row[self.mi], sheet)
            return
        self.result.known_rows += 1
        if self._repeated(line, row, width, sheet, moment_id):
            return
        self._count(line, row, width, sheet, moment_id)

    def _short(self, line: int, row: list[str], sheet: str) -> None:
        result = self.result
        if not row or not any(cell.strip() for cell in row):
            return
        result.rows += 1
        result.set_aside["short-row"] += 1
        if len(result.problems) >= MAX_PROBLEMS:
            result.hidden += 1
            return
        pos, pre = _where(line, 1, sheet)
        expected = (_("{cell}expected 2 or 3 columns (moment,rating[,respondent]), found {count}")
                    if self.headerless else _("{cell}expected at least {need} columns, found {count}"))
        result.add_problem(_diag(result.path, pos, expected.format(cell=pre, count=len(row), need=self.needed + 1)))

    def _unknown(self, line: int, cell: str, sheet: str) -> None:
        from cyclemap.format.reader import did_you_mean

        result = self.result
        result.set_aside["unknown-moment"] += 1
        if len(result.problems) >= MAX_PROBLEMS:  # counted, not spelled out: no did-you-mean per row
            result.hidden += 1
            return
        text = cell.strip()
        guess = did_you_mean(text, self.ids)
        hint = (_("did you mean `{guess}`?").format(guess=guess) if guess
                else _("the cycle's moments are: {moments}").format(moments=_ids(self.ids)))
        pos, pre = _where(line, self.mi + 1, sheet)
        result.add_problem(_diag(result.path, pos, _("{cell}no moment `{moment}` in the cycle").format(
            cell=pre, moment=_shown(text)), hint))

    def _repeated(self, line: int, row: list[str], width: int, sheet: str, moment_id: str) -> bool:
        """True (and said) when this respondent already rated this moment."""
        ri = self.ri
        if ri is None or ri >= width:
            return False
        respondent = row[ri].strip()
        if not respondent:
            return False
        key = respondent.encode()  # stripped, as in every path
        mask = self.seen.get(key, 0)
        bit = self.bits[moment_id]
        if mask & bit:
            self.result.set_aside["duplicate"] += 1
            repeated(self.result, line, 1, sheet, respondent, moment_id)
            return True
        if mask or len(self.seen) < MAX_TRACKED:
            self.seen[key] = mask | bit
        else:
            self.result.duplicates_checked = False
        return False

    def _count(self, line: int, row: list[str], width: int, sheet: str, moment_id: str) -> None:
        result, read, ai, ii = self.result, self.read, self.ai, self.ii
        raw = row[ai]
        value = read(raw)
        if value.__class__ is float:
            tally = self.tallies.get(moment_id)
            if tally is None:
                tally = self.tallies[moment_id] = Tally()
            tally[value] = tally.get(value, 0) + 1
        elif value is _SKIP:
            result.skipped += 1
        else:
            _bad_cell(result, value, raw, moment_id, line, ai + 1, sheet, _RATING, self.scale)
        if ii is not None and ii < width and row[ii].strip():
            value = read(row[ii])
            if value.__class__ is float:
                self.imps.setdefault(moment_id, Tally()).add(value)
            elif value is not _SKIP:
                _bad_cell(result, value, row[ii], moment_id, line, ii + 1, sheet, _IMPORTANCE, self.scale)

    # -- a block at a time ---------------------------------------------------------------

    def tally_counts(self, counts) -> None:
        """A block's (moment cell, answer cell) -> rows, into the moments' tallies."""
        read, tallies, moment_for = self.read, self.tallies, self.moment_for
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
                self.result.skipped += n

    def _readable(self, counts) -> bool:
        """Every (moment cell, answer cell) of a block names a moment and reads (or is blank)."""
        read, moment_for = self.read, self.moment_for
        for cell, raw in counts:
            value = read(raw)
            if moment_for(cell) is None or value is _BAD or value is _OFF:
                return False
        return True

    def fast(self, chunk: _Chunk) -> bool:
        if self.ii is not None or not chunk.plain_cells:
            return False
        if self.seg_index is None:
            return self.faster(chunk)
        result, sep = self.result, chunk.sep
        cells = [line.split(sep) for line in chunk.lines()]
        if not cells or min(map(len, cells)) <= self.widest or (self.ncols and max(map(len, cells)) > self.ncols):
            return False
        total = len(cells)
        segments, other = Counter(result.segments), result.other_segments
        cells = _segment_rows(result, cells, self.seg_index, self.wanted)
        counts = Counter(map(itemgetter(self.mi, self.ai), cells))
        if not self._readable(counts) or (self.ri is not None and not self._respondents(cells, counts)):
            # The rows are read again one by one (each message with its line): undo the
            # block's segment counts.
            result.segments.clear()
            result.segments.update(segments)
            result.other_segments = other
            return False
        self.tally_counts(counts)
        result.rows += total
        result.known_rows += len(cells)
        return True

    def _respondents(self, cells: list, counts: Counter) -> bool:
        """Remember the respondents of a block's kept rows, one by one; False (nothing
        remembered) when one repeats a moment."""
        seen, mi = self.seen, self.mi
        bit_of = {cell: self.bits[self.moment_for(cell)] for cell, _raw in counts}
        block: dict[bytes, int] = {}
        for row in cells:
            key = row[self.ri].strip().encode()
            bit = bit_of[row[mi]]
            mask = block.get(key)
            if mask is None:
                mask = seen.get(key, 0)
            if mask & bit and key:
                return False
            block[key] = mask | bit
        if len(seen) + len(block) <= MAX_TRACKED:
            seen.update(block)
        else:
            self.result.duplicates_checked = False
            seen.update((k, m) for k, m in block.items() if k in seen)
        return True

    def faster(self, chunk: _Chunk) -> bool:
        """A block whose lines all have one number of cells: columns as slices, counted in C."""
        found = chunk.columns()
        if found is None:
            return False
        flat, width = found
        if width <= self.widest or (self.ncols and width > self.ncols):
            return False
        moments = flat[self.mi::width]
        counts = Counter(zip(moments, flat[self.ai::width]))
        if not self._readable(counts):
            return False
        if self.ri is not None and not self._runs(moments, flat[self.ri::width], counts):
            return False
        self.tally_counts(counts)
        self.result.rows += len(moments)
        self.result.known_rows += len(moments)
        return True

    def _runs(self, moments: list[str], resps: list[str], counts: Counter) -> bool:
        """Remember each respondent's moments; False (nothing remembered) on a repeat.

        A respondent's answers come in runs of rows (exports group them): each run's
        moments as a sum of bits (prefix sums, in C); a run whose sum has fewer bits than
        rows repeats a moment. Runs of respondents not seen before go into `seen` in one
        step; the others (a run continuing from the last block, a file not grouped) one by
        one. Any repeat sends the block row by row, where each repeat gets its line."""
        seen, total = self.seen, len(moments)
        room = len(seen) < MAX_TRACKED
        bit_of = {cell: self.bits[self.moment_for(cell)] for cell, _raw in counts}
        starts = list(compress(range(total), map(ne, resps, chain(("\0",), resps))))
        ends = starts[1:] + [total]
        sums = list(accumulate(map(bit_of.__getitem__, moments), initial=0))
        masks = list(map(sub, map(sums.__getitem__, ends), map(sums.__getitem__, starts)))
        if any(map(ne, map(int.bit_count, masks), map(sub, ends, starts))):
            if any(map(str.strip, map(resps.__getitem__, starts))):
                return False
        who = list(map(str.encode, map(str.strip, map(resps.__getitem__, starts))))  # as `one` keys them
        if not room:
            self.result.duplicates_checked = False
        if len(set(who)) == len(who) and room:
            # Only the respondents of earlier blocks are looked up (usually the one continuing).
            merged = {}
            for index in compress(range(len(who)), map(seen.__contains__, who)):
                respondent = who[index]
                if seen[respondent] & masks[index] and respondent:
                    return False
                merged[respondent] = seen[respondent] | masks[index]
            seen.update(zip(who, masks))
            seen.update(merged)
            return True
        runs = list(zip(who, masks))
        for index, (respondent, mask) in enumerate(runs):
            old = seen.get(respondent, 0)
            if old & mask and respondent:
                self._undo(runs[:index])
                return False
            if old or room:
                seen[respondent] = old | mask
        return True

    def _undo(self, runs) -> None:
        """Take back the runs applied (the block is read again row by row). Each run's
        moments were new to its respondent when applied, so taking them away restores
        what was remembered before (a respondent whose rows are split within the block
        included)."""
        seen = self.seen
        for respondent, mask in runs:
            left = seen.get(respondent, 0) & ~mask
            if left:
                seen[respondent] = left
            else:
                seen.pop(respondent, None)
