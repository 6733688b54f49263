"""Survey ratings (the report card) from a CSV, merged into a cycle at run time.

A ratings file has one rating per row: `moment,rating[,respondent]`, with an optional
header row (`moment,rating,respondent` or the Spanish `momento,calificacion,encuestado`).
Commas, semicolons or tabs separate the columns (spreadsheets in Spanish locales save with
semicolons); a decimal comma (`4,5`) is accepted when the value is quoted or the file
uses semicolons. Blank rows and rows starting with `#` are skipped.

Each moment that has ratings gets `score` = their mean and `responses` = their count,
replacing what the YAML says; the YAML file is never rewritten. Every row that cannot be
used is a CM009 diagnostic at `file.csv:line`, and the other rows still count.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import replace

from cyclemap.format.diagnostics import Diagnostic, Severity, Text
from cyclemap.format.model import Cycle, Pos

CODE = "CM009"
MAX_BYTES = 50 * 1024 * 1024
HEADER_MOMENT = {"moment", "momento", "id", "moment_id", "momento_id"}
HEADER_RATING = {"rating", "score", "calificacion", "calificación", "nota", "puntuacion", "puntuación", "valor", "value"}


def _diag(path: str, line: int, en: str, es: str, hint: Text | None = None, moment: str | None = None) -> Diagnostic:
    return Diagnostic(path, Pos(line, 1), CODE, Severity.ERROR, Text(en, es),
                      hint or Text("fix or remove this row; the other rows still count",
                                   "corrija o quite esta fila; las demás filas cuentan igual"),
                      moment)


def _number(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    if ";" in first and "," not in first.replace('","', ""):
        return ";"
    if "\t" in first and "," not in first and ";" not in first:
        return "\t"
    if first.count(";") >= 1 and first.count(",") >= 1 and first.count(";") >= first.count(","):
        return ";"  # `momento;4,5` in a Spanish spreadsheet
    return ","


def _is_header(row: list[str]) -> bool:
    return (len(row) >= 2 and row[0].strip().lower() in HEADER_MOMENT
            and row[1].strip().lower() in HEADER_RATING)


# What survey tools write for a question left unanswered.
NO_ANSWER = frozenset({"", "n/a", "na", "n.a.", "ns/nc", "nsnc", "-", "—", "nr", "null", "none", "s/r", "sr"})


def read_ratings(data: bytes, path: str, cycle: Cycle) -> tuple[dict[str, list[float]], list[Diagnostic]]:
    """The usable ratings per moment id, and a diagnostic for every row that is not."""
    problems: list[Diagnostic] = []
    if len(data) > MAX_BYTES:
        return {}, [_diag(path, 1, f"the ratings file is too large (limit {MAX_BYTES // (1024 * 1024)} MB)",
                          f"el archivo de calificaciones es demasiado grande (límite {MAX_BYTES // (1024 * 1024)} MB)")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return {}, [_diag(path, line, f"the ratings file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be read)",
                          f"el archivo de calificaciones no está en UTF-8 (el byte 0x{data[exc.start]:02x} no se puede leer)",
                          Text("save it as UTF-8 (in a spreadsheet: CSV UTF-8)",
                               "guárdelo como UTF-8 (en una hoja de cálculo: CSV UTF-8)"))]

    from cyclemap.engine.graph import unique_moments
    from cyclemap.format.reader import did_you_mean

    ids = list(unique_moments(cycle))
    low, high = cycle.scale
    ratings: dict[str, list[float]] = {}
    seen_respondent: dict[tuple[str, str], int] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    first_row = True
    line = 0
    try:
        for row in reader:
            line = reader.line_num - (row[-1].count("\n") if row else 0)
            if not row or all(not cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            if first_row:
                first_row = False
                if _is_header(row):
                    continue
            if len(row) not in (2, 3):
                problems.append(_diag(
                    path, line,
                    f"expected 2 or 3 columns (moment,rating[,respondent]), found {len(row)}",
                    f"se esperaban 2 o 3 columnas (momento,calificación[,encuestado]), hay {len(row)}"))
                continue
            moment_id, raw = row[0].strip(), row[1].strip()
            if moment_id not in ids:
                guess = did_you_mean(moment_id, ids)
                hint = (Text(f"did you mean `{guess}`?", f"¿quiso decir `{guess}`?") if guess
                        else Text(f"the cycle's moments are: {', '.join(ids[:12])}{'…' if len(ids) > 12 else ''}",
                                  f"los momentos del ciclo son: {', '.join(ids[:12])}{'…' if len(ids) > 12 else ''}"))
                problems.append(_diag(path, line, f"no moment `{moment_id}` in the cycle",
                                      f"no hay un momento `{moment_id}` en el ciclo", hint))
                continue
            if raw.lower().replace(" ", "") in NO_ANSWER:
                continue  # the respondent skipped this question: not an answer, not an error
            value = _number(raw)
            if value is None:
                problems.append(_diag(path, line, f"the rating `{raw}` for `{moment_id}` is not a number",
                                      f"la calificación `{raw}` de `{moment_id}` no es un número", moment=moment_id))
                continue
            if not low <= value <= high:
                scale = f"{low:g}–{high:g}"
                problems.append(_diag(path, line, f"the rating {raw} for `{moment_id}` is outside the scale {scale}",
                                      f"la calificación {raw} de `{moment_id}` está fuera de la escala {scale}",
                                      moment=moment_id))
                continue
            respondent = row[2].strip() if len(row) == 3 else ""
            if respondent:
                key = (moment_id, respondent)
                if key in seen_respondent:
                    problems.append(_diag(
                        path, line,
                        f"respondent `{respondent}` already rated `{moment_id}` on line {seen_respondent[key]}",
                        f"el encuestado `{respondent}` ya calificó `{moment_id}` en la línea {seen_respondent[key]}",
                        Text("keep one rating per respondent and moment", "deje una calificación por encuestado y momento"),
                        moment_id))
                    continue
                seen_respondent[key] = line
            ratings.setdefault(moment_id, []).append(value)
    except csv.Error as exc:
        problems.append(_diag(path, max(line, reader.line_num), f"the CSV cannot be read here: {exc}",
                              f"el CSV no se puede leer aquí: {exc}"))
    if not ratings and not problems:
        problems.append(_diag(path, 1, "the ratings file has no ratings", "el archivo de calificaciones no tiene calificaciones",
                              Text("one row per rating: moment,rating[,respondent]",
                                   "una fila por calificación: momento,calificación[,encuestado]")))
    return ratings, problems


def merge_ratings(cycle: Cycle, ratings: dict[str, list[float]]) -> Cycle:
    """A copy of the cycle in which each rated moment has score = mean, responses = count."""
    if not ratings:
        return cycle
    done: set[str] = set()
    moments = []
    for moment in cycle.moments:
        values = ratings.get(moment.id)
        if values and moment.id not in done:
            done.add(moment.id)
            moment = replace(moment, score=round(sum(values) / len(values), 2), responses=len(values),
                             answers=tuple(values))
        moments.append(moment)
    return replace(cycle, moments=moments)


def apply_ratings(cycle: Cycle, csv_path: str) -> tuple[Cycle, list[Diagnostic]]:
    """Read `csv_path` and merge its ratings into (a copy of) `cycle`. Returns the cycle to
    use and the CM009 diagnostics for unusable rows. Raises OSError when the file cannot be
    opened at all (a usage error for the command line)."""
    with open(csv_path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    ratings, problems = read_ratings(data, str(csv_path), cycle)
    return merge_ratings(cycle, ratings), problems
