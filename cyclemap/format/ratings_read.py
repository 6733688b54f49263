"""Reading a file of survey answers: its first rows say how it is laid out (which tool,
how many header rows, what each column holds), then the rest is read by the long or the
wide reader. `read_table` is the one entry; `load_ratings` adds the mapping file."""

from __future__ import annotations

import io
import os
from typing import Callable

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import _
from cyclemap.format.model import Cycle, Pos, unique_moments
from cyclemap.format.ratings_data import (
    MAX_BYTES,
    Ratings,
    Unreadable,
    _diag,
    _ids,
    _number,
    _shown,
    _where,
)
from cyclemap.format.ratings_long import read_long
from cyclemap.format.ratings_source import _Source, _unquoted, xlsx_rows
from cyclemap.format.ratings_wide import read_wide
from cyclemap.format.survey_shapes import (
    NO_ANSWER,
    Column,
    Layout,
    classify,
    detect_tool,
    header_texts,
    plain,
    with_mapping,
)


def read_ratings(data: bytes, path: str, cycle: Cycle) -> tuple[dict[str, list[float]], list[Diagnostic]]:
    """The usable ratings per moment id in CSV `data`, and the diagnostics."""
    result = read_table(data, path, cycle)
    return {k: list(v) for k, v in result.answers.items()}, result.diagnostics()


def read_table(data: bytes | None, path: str, cycle: Cycle, segment: str | None = None, mapping=None,
               progress: Callable[[int, int], None] | None = None, comments: bool = False) -> Ratings:
    """The usable answers per moment id, with a diagnostic for every row or cell that is
    not. `data` is the CSV's bytes, or None to read `path` (CSV streamed, or .xlsx).
    `comments`: also keep the free-text comments (`Ratings.comments`)."""
    result = Ratings(path, segment=segment, mapping=getattr(mapping, "path", None), comments_wanted=comments)
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
        read_wide(data_rows, result, cycle, layout, mapping, progress, source)
    else:
        read_long(data_rows, result, cycle, layout, ids, mapping, progress, source)
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
    _say_columns(result, layout, line0, sheet, names)
    if layout.shape == "wide" and not any(c.role in ("rating", "importance") for c in layout.columns):
        listed = ", ".join(f"“{_shown(c)}”" for c in shown[:6] if c.strip())
        raise Unreadable(line0, _("no column of this file names a moment of this cycle (columns: {header}): a survey "
                                  "of another cycle?").format(
                             header=listed),
                         _("run `cyclemap survey inspect` on the cycle and this file to see how it reads, and write "
                           "a mapping; this cycle's moments are: {moments}").format(moments=_ids(ids)))
    return layout


def _say_columns(result: Ratings, layout: Layout, line0: int, sheet: str, names: dict[str, str]) -> None:
    """Say which recognised columns are not read, and why: two claim one moment, another
    names the moment better, the column asks what customers expected, or it names no
    moment (with a did-you-mean when it is close to one)."""
    from cyclemap.format.reader import did_you_mean

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


def load_ratings(path: str, cycle: Cycle, segment: str | None = None, mapping: str | None = None,
                 progress: Callable[[int, int], None] | None = None, comments: bool = False) -> Ratings:
    """Read a ratings file (CSV streamed, or XLSX by its suffix), with the mapping file
    given or the one beside it (`NAME.mapping.yaml`). Raises OSError when it cannot be
    opened at all, MappingError for a bad mapping (usage errors for the command line)."""
    return read_table(None, str(path), cycle, segment, mapping_for(path, cycle, mapping), progress, comments)


def mapping_for(path: str, cycle: Cycle, mapping: str | None):
    """The mapping given, else the one beside the answers, read; None when there is none."""
    from cyclemap.format.survey_mapping import mapping_beside, read_mapping

    mapping_path = mapping or mapping_beside(str(path))
    return read_mapping(mapping_path, list(unique_moments(cycle))) if mapping_path else None
