"""The streamed reading of large CSV files counts exactly what reading row by row counts:
random files with repeated respondents (next to each other, or blocks apart), respondents
whose rows are not grouped, bad cells and blanks, read in blocks of 4 KB (so that every
kind of row falls on a block's edge many times) and in the default blocks, through the
command line, against a count written here in plain Python."""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict

import pytest
from typer.testing import CliRunner

from cyclemap.cli import app
from cyclemap.format import ratings_source

IDS = ["arrive", "wait", "served", "pay", "leave", "call", "mail", "desk"]
CYCLE = "cyclemap: 1\ntitle: Stream\nlanguage: en\nmoments:\n" + "".join(
    f"  - {{id: {i}, name: Moment {i}, kind: routine}}\n" for i in IDS)


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args],
                                env={"CYCLEMAP_LANG": "en", "NO_COLOR": "1", "CYCLEMAP_NO_PROGRESS": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def long_rows(rng: random.Random, respondents: int, segments: bool) -> list[list[str]]:
    rows = []
    for r in range(respondents):
        moments = rng.sample(IDS, rng.randint(1, len(IDS)))
        segment = rng.choice(["new", "regular"])
        for m in moments:
            value = "x" if rng.random() < 0.001 else rng.choice(["1", "2", "3", "4", "5", "5", "4", ""])
            rows.append([m, value, f"r{r}"] + ([segment] if segments else []))
    # Few enough that most blocks are clean (read in C) and some are not (read row by row).
    for _ in range(respondents // 100):  # a repeat: next to its row, or anywhere later
        k = rng.randrange(len(rows))
        rows.insert(k + 1 if rng.random() < 0.5 else rng.randrange(k + 1, len(rows) + 1), list(rows[k]))
    for _ in range(respondents // 100):  # a respondent's row far from its run: not a repeat when its moment is new
        k = rng.randrange(len(rows))
        rows.insert(rng.randrange(len(rows)), [rng.choice(IDS), "3", rows[k][2]] + rows[k][3:])
    return rows


def expected_long(rows: list[list[str]], segment: str | None) -> tuple[dict, Counter, int]:
    """(moment -> (mean, n), reasons set aside, blanks) as reading row by row counts them."""
    seen, values, aside, blank = set(), defaultdict(list), Counter(), 0
    for m, value, who, *rest in rows:
        if segment is not None and rest[0] != segment:
            continue
        if (who, m) in seen:
            aside["repeated respondent"] += 1
            continue
        seen.add((who, m))
        if value == "":
            blank += 1
        elif value == "x":
            aside["not a number nor a known label"] += 1
        else:
            values[m].append(float(value))
    return {m: (round(sum(v) / len(v), 2), len(v)) for m, v in values.items()}, aside, blank


def read_back(cycle, answers, *extra):
    r = run("export", cycle, "--ratings", answers, "--to", "json", *extra)
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    moments = data.get("moments") or data["cycle"]["moments"]
    scores = {m["id"]: (m["score"], m["responses"]) for m in moments if m.get("responses")}
    aside = Counter()
    found = re.search(r"answers? set aside: (.*)", r.stderr)
    if found:
        for part in found.group(1).split(", "):
            n, why = part.split(" ", 1)
            aside[why] = int(n.replace(",", ""))
    blank = re.search(r"; ([\d,]+) left blank or N/A", r.stderr)
    return scores, aside, int(blank.group(1).replace(",", "")) if blank else 0


@pytest.mark.parametrize("block", [4096, None])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_long_file_read_in_blocks_counts_what_row_by_row_counts(tmp_path, monkeypatch, block, seed):
    if block is not None:
        monkeypatch.setattr(ratings_source._Source.chunks, "__defaults__", (block,))
    rng = random.Random(seed)
    rows = long_rows(rng, 1500, segments=False)
    cycle = tmp_path / "c.yaml"
    cycle.write_text(CYCLE, encoding="utf-8")
    answers = tmp_path / "a.csv"
    answers.write_text("moment,rating,respondent\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    assert read_back(cycle, answers) == expected_long(rows, None)


def test_a_segment_read_in_blocks_counts_what_row_by_row_counts(tmp_path, monkeypatch):
    monkeypatch.setattr(ratings_source._Source.chunks, "__defaults__", (4096,))
    rows = long_rows(random.Random(3), 1500, segments=True)
    cycle = tmp_path / "c.yaml"
    cycle.write_text(CYCLE, encoding="utf-8")
    answers = tmp_path / "a.csv"
    answers.write_text("moment,rating,respondent,segment\n" + "".join(",".join(r) + "\n" for r in rows),
                       encoding="utf-8")
    scores, aside, blank = read_back(cycle, answers, "--segment", "new")
    want_scores, want_aside, want_blank = expected_long(rows, "new")
    assert scores == want_scores and blank == want_blank
    assert aside == want_aside


def test_a_repeat_in_a_segments_block_is_said_at_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(ratings_source._Source.chunks, "__defaults__", (4096,))
    cycle = tmp_path / "c.yaml"
    cycle.write_text(CYCLE, encoding="utf-8")
    rows = [f"{IDS[i % 8]},4,r{i // 8},{'new' if i // 8 % 2 else 'regular'}" for i in range(400)]
    rows.insert(300, rows[298])  # r37 (new) rates `served` twice
    answers = tmp_path / "a.csv"
    answers.write_text("moment,rating,respondent,segment\n" + "\n".join(rows) + "\n", encoding="utf-8")
    r = run("export", cycle, "--ratings", answers, "--segment", "new", "--to", "json")
    assert r.exit_code == 0, r.stderr
    assert f"{answers}:302:1: CM009 error respondent `r37` already rated `{IDS[298 % 8]}`" in r.stderr
    assert "not listed" not in r.stderr


def test_a_wide_file_read_in_blocks_counts_what_row_by_row_counts(tmp_path, monkeypatch):
    monkeypatch.setattr(ratings_source._Source.chunks, "__defaults__", (4096,))
    rng = random.Random(4)
    rows = [[f"r{r}"] + [rng.choice(["1", "2", "3", "4", "5", ""]) for _ in IDS] for r in range(3000)]
    for _ in range(200):
        k = rng.randrange(len(rows))
        rows.insert(rng.randrange(k + 1, len(rows) + 1), list(rows[k]))
    cycle = tmp_path / "c.yaml"
    cycle.write_text(CYCLE, encoding="utf-8")
    answers = tmp_path / "w.csv"
    answers.write_text("respondent," + ",".join(IDS) + "\n" + "".join(",".join(r) + "\n" for r in rows),
                       encoding="utf-8")
    seen, values, repeated, blank = set(), defaultdict(list), 0, 0
    for who, *cells in rows:
        if who in seen:
            repeated += sum(1 for c in cells if c)
            continue
        seen.add(who)
        for m, c in zip(IDS, cells):
            if c:
                values[m].append(float(c))
            else:
                blank += 1
    want = {m: (round(sum(v) / len(v), 2), len(v)) for m, v in values.items()}
    assert read_back(cycle, answers) == (want, Counter({"repeated respondent": repeated}), blank)


def test_a_repeated_time_stamped_row_is_found_whichever_way_each_copy_is_read(tmp_path, monkeypatch):
    """An export without respondent ids (Google Forms): a row repeated whole is a repeat.
    One copy in a plain block (counted in C), the other in a block with a quoted cell
    (read row by row): still one respondent."""
    monkeypatch.setattr(ratings_source._Source.chunks, "__defaults__", (4096,))
    rows = [f"2026/03/02 10:{i // 60:02d}:{i % 60:02d},{1 + i % 5},{1 + (i * 3) % 5}" for i in range(600)]
    stamp, arrive, wait = rows[3].split(",")
    rows.append(f'{stamp},"{arrive}",{wait}')  # the same cells, one of them quoted
    cycle = tmp_path / "c.yaml"
    cycle.write_text(CYCLE, encoding="utf-8")
    answers = tmp_path / "g.csv"
    answers.write_text("Timestamp,arrive,wait\n" + "\n".join(rows) + "\n", encoding="utf-8")
    scores, aside, _blank = read_back(cycle, answers)
    assert scores["arrive"][1] == 600 and aside == Counter({"repeated respondent": 2})


def test_a_respondent_whose_rows_are_split_and_then_repeat_is_counted_once(tmp_path, monkeypatch):
    """In one block: a's first row, b's, then a's again with a repeat of its first moment.
    The block goes row by row, and what was remembered of it first is taken back whole:
    one repeat, not two, and a's first answer counts."""
    monkeypatch.setattr(ratings_source._Source.chunks, "__defaults__", (4096,))
    cycle = tmp_path / "c.yaml"
    cycle.write_text(CYCLE, encoding="utf-8")
    rows = [f"pay,3,r{i}" for i in range(10)] + ["arrive,4,a", "wait,2,b", "served,3,a", "arrive,5,a"]
    answers = tmp_path / "a.csv"
    answers.write_text("moment,rating,respondent\n" + "\n".join(rows) + "\n", encoding="utf-8")
    scores, aside, _blank = read_back(cycle, answers)
    assert scores["arrive"] == (4.0, 1) and aside == Counter({"repeated respondent": 1})


def test_respondent_ids_with_spaces_around_them_are_one_respondent(tmp_path, monkeypatch):
    monkeypatch.setattr(ratings_source._Source.chunks, "__defaults__", (4096,))
    rng = random.Random(5)
    rows = long_rows(rng, 1500, segments=False)
    for row in rows:
        if rng.random() < 0.3:
            row[2] = rng.choice([" ", "  "]) + row[2] + rng.choice(["", " "])
    cycle = tmp_path / "c.yaml"
    cycle.write_text(CYCLE, encoding="utf-8")
    answers = tmp_path / "a.csv"
    answers.write_text("moment,rating,respondent\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    stripped = [[m, v, who.strip()] for m, v, who in rows]
    assert read_back(cycle, answers) == expected_long(stripped, None)
