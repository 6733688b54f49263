"""What reading a file of survey answers gave (`Ratings`), and the pieces every reader
shares: the CM009 message, how a cell reads as a number on the scale, where a cell is
(`file:line`, `Sheet!B7`), the segment filter and the respondent key."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Computed, Text, _, _n, _p, join, number
from cyclemap.format.model import Cycle, Pos
from cyclemap.format.survey_shapes import NO_ANSWER, Layout, label_number, plain
from cyclemap.format.tally import Tally

CODE = "CM009"
# Spreadsheets are read whole by openpyxl: their size stays bounded (CSV has no bound).
MAX_BYTES = 64 * 1024 * 1024
MAX_PROBLEMS = 20  # located messages in full; past this they are counted
MAX_SHOWN = 40  # characters of a cell echoed in a message
MAX_TRACKED = 5_000_000  # respondents remembered to find duplicates (about 100 bytes each)
MAX_CACHED = 50_000  # distinct cell texts whose reading is remembered
MAX_COMMENTS = 10_000  # free-text comments kept when asked for; past this they are counted
MAX_COMMENT = 2_000  # characters of a comment kept
PROGRESS_EVERY = 1 << 16  # rows between progress calls


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
    # Free-text comments: read only when asked for (`comments=True`), never with who wrote them.
    comments_wanted: bool = False
    comments: list[str] = field(default_factory=list)  # the first MAX_COMMENTS, as written
    comments_more: int = 0  # comments past MAX_COMMENTS, counted

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



class Unreadable(Exception):
    """The file cannot be read at all: a located message, in every language."""

    def __init__(self, line: int, text: Text, hint: Text | None = None):
        super().__init__(text("en"))
        self.line, self.text, self.hint = line, text, hint



def _where(line: int, col: int, sheet: str) -> tuple[Pos, str]:
    """Position, and a prefix for the message: `Sheet!B7: ` for a workbook."""
    if not sheet:
        return Pos(line, col), ""
    from openpyxl.utils import get_column_letter

    return Pos(line, col), f"{sheet}!{get_column_letter(col)}{line}: "


_SKIP, _BAD, _OFF = "skip", "bad", "off"  # what a cell that gives no number reads as


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



def in_segment(result: Ratings, row: list[str], width: int, seg_index: int | None, wanted: str | None) -> bool:
    """Count one row's segment; False when --segment leaves it out (the row-by-row readers)."""
    if seg_index is None:
        return True
    value = row[seg_index].strip() if seg_index < width else ""
    if value and len(result.segments) < 1000:
        result.segments[plain(value[:MAX_SHOWN])] += 1
    if wanted is not None and plain(value) != wanted:
        result.other_segments += 1
        return False
    return True


def repeated(result: Ratings, line: int, col: int, sheet: str, respondent: str | None = None,
             moment: str | None = None) -> None:
    """Report a repeated respondent at `line` (the one message of both readers): the
    respondent's rating of `moment` again (a long file), or the whole row again (wide).
    A repeat without a line (a chunk read with a segment filter) is counted only."""
    if not line:
        result.hidden += 1
        return
    pos, pre = _where(line, col, sheet)
    if moment is None:
        result.add_problem(_diag(result.path, pos, _(
            "{cell}this respondent's answers are already in the file; this row is not counted again").format(
                cell=pre), _("remove the repeated row")))
        return
    result.add_problem(_diag(result.path, pos, _(
        "{cell}respondent `{respondent}` already rated `{moment}`; this row is not counted again").format(
            cell=pre, respondent=_shown(respondent or ""), moment=moment),
        _("keep one rating per respondent and moment"), moment))


def keep_comment(result: Ratings, text: str) -> None:
    """A respondent's free-text comment, when comments were asked for: its words only."""
    text = text.strip()
    if not text or plain(text) in NO_ANSWER:
        return
    if len(result.comments) < MAX_COMMENTS:
        result.comments.append(text[:MAX_COMMENT])
    else:
        result.comments_more += 1
