"""Survey ratings from a CSV: merged into score (mean) and responses (count) at run time,
bad rows reported as CM009 at file.csv:line, the YAML never rewritten."""

from __future__ import annotations

import pytest

from support import load_text
from cyclemap.format.ratings import apply_ratings
from tests.conftest import EXAMPLES

CYCLE = """cyclemap: 1
title: Bank
scale: [1, 5]
moments:
  - {id: wait, name: Waits in line, kind: critical, expectation: 4, score: 4.5}
  - {id: served, name: Is served, kind: critical, expectation: 4}
  - {id: leaves, name: Leaves, kind: routine}
"""


def cycle():
    c, problems = load_text(CYCLE, "bank.yaml")
    assert c is not None, problems
    return c


def test_good_csv_with_header_sets_mean_and_count(write):
    csv = write("r.csv", "moment,rating,respondent\nwait,2,r1\nwait,3,r2\nwait,2.5,r3\nserved,5,r1\n")
    merged, problems = apply_ratings(cycle(), str(csv))
    assert problems == []
    wait, served, leaves = merged.moments
    assert (wait.score, wait.responses) == (2.5, 3)
    assert (served.score, served.responses) == (5, 1)
    assert (leaves.score, leaves.responses) == (None, None)
    assert cycle().moments[0].score == 4.5  # the loaded cycle is not changed


def test_header_is_optional_and_spanish_headers_and_semicolons_work(write):
    merged, problems = apply_ratings(cycle(), str(write("a.csv", "wait,4\nwait,5\n")))
    assert problems == [] and merged.moments[0].score == 4.5
    merged, problems = apply_ratings(cycle(), str(write("b.csv", "\ufeffmomento;calificación\nwait;4,5\nwait;3\n")))
    assert problems == [] and merged.moments[0].score == 3.75 and merged.moments[0].responses == 2


def test_bad_rows_are_reported_with_their_line_and_the_rest_still_count(write):
    csv = write("bad.csv", (
        "moment,rating,respondent\n"   # 1
        "wait,4,r1\n"                  # 2
        "wiat,5,r2\n"                  # 3 unknown moment (did you mean wait?)
        "wait,excellent,r3\n"          # 4 not a number
        "wait,7,r4\n"                  # 5 off the scale
        "wait\n"                       # 6 wrong column count
        "\n"                           # 7 blank: skipped
        "wait,3,r1\n"                  # 8 same respondent twice
        "served,4,r1,extra\n"          # 9 an extra column: kept, ignored
        "served,3\n"                   # 10 fine
    ))
    merged, problems = apply_ratings(cycle(), str(csv))
    by_line = {d.pos.line: d for d in problems}
    assert sorted(by_line) == [3, 4, 5, 6, 8]
    assert all(d.code == "CM009" and d.path == str(csv) and d.severity.value == "error" for d in problems)
    assert "no moment `wiat`" in by_line[3].message("en") and "`wait`" in by_line[3].hint("en")
    assert "not a number" in by_line[4].message("en") and "no es un número" in by_line[4].message("es")
    assert "outside the scale 1–5" in by_line[5].message("en")
    assert "found 1" in by_line[6].message("en")
    assert "already rated `wait`; this row is not counted again" in by_line[8].message("en")
    assert (merged.moments[0].score, merged.moments[0].responses) == (4, 1)
    assert (merged.moments[1].score, merged.moments[1].responses) == (3.5, 2)


def test_windows_1252_is_read_and_noted_and_a_byte_of_neither_is_refused(write):
    from cyclemap.format.ratings import load_ratings

    csv = write("latin.csv", "moment,rating\nwait,4\n".encode() + "served,4,José\n".encode("cp1252"))
    read = load_ratings(str(csv), cycle())
    assert read.encoding == "cp1252" and read.count == 2 and read.problems == []
    bad = write("bad.csv", b"moment,rating\nwait,4\nserved,4,Jos\x81\n")
    merged, problems = apply_ratings(cycle(), str(bad))
    [d] = problems
    assert d.pos.line == 3 and "not UTF-8" in d.message("en")
    assert merged.moments[0].score == 4.5  # nothing merged from an unreadable file


def test_empty_file_says_so(write):
    [d] = apply_ratings(cycle(), str(write("empty.csv", "moment,rating\n")))[1]
    assert "no ratings" in d.message("en")


def test_check_with_ratings_reports_csv_lines_and_uses_the_scores(write, cli):
    yaml_path = write("bank.yaml", CYCLE)
    before = yaml_path.read_bytes()
    csv = write("survey.csv", "moment,rating\nwait,2\nwait,2\nsrved,4\n")
    run = cli("check", str(yaml_path), "--ratings", str(csv))
    assert run.code == 1
    assert f"{csv}:4:1: CM009 error no moment `srved` in the cycle" in run.out
    assert "scores 2, below the acceptable 3.4" in run.out  # CM104 from the CSV's mean
    assert yaml_path.read_bytes() == before


def test_critique_with_ratings(write, cli):
    yaml_path = write("bank.yaml", CYCLE)
    csv = write("survey.csv", "wait,2\nwait,3\nserved,4.5\n")
    run = cli("critique", str(yaml_path), "--ratings", str(csv), "--lang", "en")
    assert run.code == 0, run.err
    assert "2.5" in run.out and "3 scored" not in run.out and "2 scored" in run.out


@pytest.mark.parametrize("command", ["check", "critique"])
def test_missing_ratings_file_is_a_usage_error(cli, command):
    run = cli(command, str(EXAMPLES / "banco.yaml"), "--ratings", "nope.csv")
    assert run.code == 2 and "nope.csv" in run.err


def test_ratings_with_several_files_is_a_usage_error(write, cli):
    csv = write("s.csv", "wait,2\n")
    run = cli("check", str(EXAMPLES), "--ratings", str(csv))
    assert run.code == 2 and "one cycle file" in run.err


def test_counts_agree_with_their_noun_in_every_language(write):
    csv = write("one-blank.csv", "moment,rating\nwait,4\nwait,N/A\n")
    notes = [d for d in apply_ratings(cycle(), str(csv))[1] if d.subject == "skipped"]
    [note] = notes
    assert note.message("en") == "1 blank or N/A answer skipped; 1 answer used"
    assert note.message("es") == "1 respuesta en blanco o N/A omitida; 1 respuesta usada"
    assert note.message("pt") == "1 resposta em branco ou N/A ignorada; 1 resposta usada"
    csv = write("two-blanks.csv", "moment,rating\nwait,4\nwait,5\nwait,\nserved,-\n")
    [note] = [d for d in apply_ratings(cycle(), str(csv))[1] if d.subject == "skipped"]
    assert note.message("es") == "2 respuestas en blanco o N/A omitidas; 2 respuestas usadas"


def test_ratings_problems_in_portuguese_through_the_cli(write, cli):
    yaml_path = write("bank.yaml", CYCLE)
    csv = write("survey.csv", "moment,rating\nwait,2\nwait,excelente\nsrved,4\nwait,7\n")
    run = cli("check", str(yaml_path), "--ratings", str(csv), "--lang", "pt")
    assert run.code == 1
    assert "a avaliação `excelente` de `wait` não é um número" in run.out
    assert "não há um momento `srved` no ciclo" in run.out
    assert "a avaliação 7 de `wait` está fora da escala 1–5" in run.out
    assert "corrija ou remova esta linha; as demais linhas continuam contando" in run.out


def test_a_flood_of_rows_naming_no_moment_is_counted_not_spelled_out_row_by_row(monkeypatch):
    """Millions of junk rows (issue 27): the first MAX_PROBLEMS are located with their
    did-you-mean, the rest only counted, so the cost per junk row stays that of counting."""
    import cyclemap.format.reader as reader
    from cyclemap.format.ratings import MAX_PROBLEMS, read_table

    cycle, _ = load_text((EXAMPLES / "banco.yaml").read_text(encoding="utf-8"), "banco.yaml")
    calls = []
    real = reader.did_you_mean
    monkeypatch.setattr(reader, "did_you_mean", lambda *a, **k: calls.append(a) or real(*a, **k))
    rows = 20_000
    data = ("moment,rating\n" + "".join(f"zz{i % 997},{1 + i % 5}\n" for i in range(rows))).encode()
    result = read_table(data, "junk.csv", cycle)
    assert result.set_aside["unknown-moment"] == rows and result.count == 0
    assert len(result.problems) == MAX_PROBLEMS and result.hidden >= rows - MAX_PROBLEMS
    assert len(calls) <= MAX_PROBLEMS
