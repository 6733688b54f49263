"""`cyclemap survey inspect`: how a file of answers will be read, column by column, with
the first answers of each question column and the number each reads as."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cyclemap.format.model import Cycle
from cyclemap.format.ratings_data import Ratings, Unreadable, _reader
from cyclemap.format.ratings_read import load_ratings, mapping_for
from cyclemap.format.ratings_source import _Source, xlsx_rows
from cyclemap.format.survey_shapes import Column


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
    read = _reader(Ratings(path), cycle, mapping_for(path, cycle, mapping))
    answer_roles = ("rating", "importance", "expectation", "answer", "unknown", "ignored")
    counts = {c.index: Counter() for c in layout.columns if c.role in answer_roles}
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        _first_answers(xlsx_rows(path), layout.header_rows, rows, counts)
    else:
        with open(path, "rb") as handle:
            _first_answers(_Source(handle, 0).rows(), layout.header_rows, rows, counts)
    for c in layout.columns:
        values = counts.get(c.index, Counter())
        readings = {}
        for text in values:
            value = read(text)
            readings[text] = value if value.__class__ is float else None
        views.append(ColumnView(c, values, readings))
    return result, views


def _first_answers(source_rows, header_rows: int, rows: int, counts: dict) -> None:
    """The first dozen distinct answers of each column in `counts`, from its first `rows` rows."""
    seen = 0
    try:
        for line, row, _sheet in source_rows:
            seen += 1
            if seen <= header_rows or not any(row) or row[0][:1] == "#" and line > 1:
                continue
            if seen > rows + header_rows:
                break
            for i, counter in counts.items():
                if i < len(row) and row[i].strip() and (len(counter) < 12 or row[i] in counter):
                    counter[row[i].strip()] += 1
    except Unreadable:
        pass
