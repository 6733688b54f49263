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

The reading is in pieces: `ratings_data` (the result, messages, how a cell reads),
`ratings_source` (CSV streamed and workbooks as rows), `ratings_read` (the layout, then
`ratings_long` or `ratings_wide`), `ratings_inspect`; this module merges, and keeps the
names other code imports.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Number, _, _n
from cyclemap.format.model import Cycle, Pos
from cyclemap.format.ratings_data import (  # noqa: F401 (the names other modules import from here)
    CODE,
    MAX_BYTES,
    MAX_PROBLEMS,
    MAX_SHOWN,
    MAX_TRACKED,
    REASONS,
    Ratings,
    Unreadable,
    _diag,
)
from cyclemap.format.ratings_inspect import ColumnView, inspect  # noqa: F401
from cyclemap.format.ratings_read import load_ratings, read_ratings, read_table  # noqa: F401
from cyclemap.format.ratings_source import csv_rows, xlsx_rows  # noqa: F401
from cyclemap.format.tally import Tally

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


@dataclass
class Applied:
    """A ratings file read and merged: the cycle to use, its CM009 diagnostics, and what
    was read (for the summary and for deliverables that name their evidence)."""

    cycle: Cycle
    diagnostics: list[Diagnostic]
    ratings: Ratings
    kept: list[tuple[str, int]]


def apply_answers(cycle: Cycle, path: str, segment: str | None = None, min_responses: float | None = None,
                  mapping: str | None = None, progress=None, comments: bool = False) -> Applied:
    min_responses = _least(min_responses)
    ratings = load_ratings(path, cycle, segment, mapping, progress, comments)
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

