"""`cyclemap compare`: two waves or two segments, per moment, with Welch's t-test."""

from __future__ import annotations

import json

import pytest

from cyclemap.engine.evidence import t_two_sided_p, welch

CYCLE = """cyclemap: 1
title: Bank branch
language: en
moments:
  - {id: arrive, name: Arrives at the branch, kind: routine}
  - {id: wait, name: Waits in line, kind: critical}
  - {id: served, name: Is served at the desk, kind: critical}
"""


@pytest.mark.parametrize("t, df, p", [
    (2.228, 10, 0.05), (12.706, 1, 0.05), (2.576, 10_000, 0.01), (0.0, 5, 1.0), (3.169, 10, 0.01),
])
def test_t_p_values_match_the_printed_tables(t, df, p):
    assert t_two_sided_p(t, df) == pytest.approx(p, abs=2e-4)


def test_welch_on_a_textbook_case():
    # R: t.test(c(1,2,3,4,5), c(3,4,5,6,7)) -> t = -2, df = 8, p-value = 0.08052
    test = welch([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])
    assert (test.change, test.t, test.df) == (2, 2, 8) and test.p == pytest.approx(0.08052, abs=1e-5)
    # Unequal spreads: Welch's degrees of freedom fall below n1 + n2 - 2.
    test = welch([3, 3, 3, 3, 4, 4, 4, 4], [1, 5, 1, 5, 2, 5])
    assert test.df < 12 and not test.significant()
    assert welch([4], [1, 2, 3]) is None


def wave(write, name, rows):
    return write(name, "respondent;segment;arrive;wait;served\n" + "".join(
        f"r{i};{seg};{a};{w};{s}\n" for i, (seg, a, w, s) in enumerate(rows)))


def test_two_waves_per_moment(cli, write):
    cycle = write("bank.yaml", CYCLE)
    # wait improves by two points on 30 answers each; arrive is unchanged; served has one answer in March.
    march = wave(write, "march.csv", [("new", 3 + i % 2, 2 + i % 2, "5" if i == 0 else "") for i in range(30)])
    june = wave(write, "june.csv", [("new", 3 + (i + 1) % 2, 4 + i % 2, 4) for i in range(30)])
    run = cli("compare", str(cycle), "--ratings", str(march), "--against", str(june), "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    moments = {m["id"]: m for m in data["moments"]}
    assert [m["id"] for m in data["moments"]] == ["arrive", "wait", "served"]
    wait = moments["wait"]
    assert (wait["n_a"], wait["mean_a"], wait["n_b"], wait["mean_b"], wait["change"]) == (30, 2.5, 30, 4.5, 2)
    assert wait["significant"] is True and wait["p_value"] < 0.001
    assert moments["arrive"]["significant"] is False and moments["arrive"]["p_value"] == 1
    served = moments["served"]
    assert (served["n_a"], served["p_value"], served["significant"]) == (1, None, False)
    assert data["test"] == "welch-t" and data["a"]["skipped"] == 29

    text = cli("compare", str(cycle), "--ratings", str(march), "--against", str(june)).out
    assert "Waits in line" in text and "+2.00" in text and "too few answers" in text
    md = cli("compare", str(cycle), "--ratings", str(march), "--against", str(june), "-f", "markdown").out
    row = next(line for line in md.splitlines() if line.startswith("| Waits in line |"))
    assert row.startswith("| Waits in line | 2.50 (30) | 4.50 (30) | +2.00 | +1.") and row.endswith("| <0.001 | yes |")


def test_two_segments_of_one_file(cli, write):
    cycle = write("bank.yaml", CYCLE)
    rows = [("new", 4, 1 + i % 2, 4) for i in range(6)] + [("regular", 4, 2 + i % 2, 4) for i in range(6)]
    survey = wave(write, "june.csv", rows)
    run = cli("compare", str(cycle), "--ratings", str(survey), "--segment", "new", "--against-segment", "regular",
              "-f", "json")
    assert run.code == 0, run.err
    wait = {m["id"]: m for m in json.loads(run.out)["moments"]}["wait"]
    assert (wait["mean_a"], wait["mean_b"], wait["n_a"], wait["n_b"]) == (1.5, 2.5, 6, 6)
    assert wait["significant"] is (welch([1, 2] * 3, [2, 3] * 3).p < 0.05)


def test_a_wave_of_another_cycle_and_usage_errors(cli, write):
    cycle = write("bank.yaml", CYCLE)
    ours = wave(write, "ours.csv", [("new", 4, 4, 4)] * 3)
    theirs = write("hotel.csv", "respondent,checkin,room\nr1,4,5\n")
    run = cli("compare", str(cycle), "--ratings", str(ours), "--against", str(theirs))
    assert run.code == 1 and f"{theirs}:1:" in run.err and "another cycle" in run.err and run.out == ""
    assert cli("compare", str(cycle), "--ratings", str(ours)).code == 2
    assert cli("compare", str(cycle), "--ratings", str(ours), "--against", "nope.csv").code == 2
    assert cli("compare", str(cycle), "--ratings", str(ours), "--against", str(ours), "-f", "xml").code == 2


def test_the_documented_example_is_real_output(cli):
    from tests.conftest import ROOT

    run = cli("compare", "examples/banco.yaml", "--ratings", "examples/encuestas/banco-marzo.csv",
              "--against", "examples/encuestas/banco-junio.csv")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    for doc in ("README.md", "docs/survey.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        for line in lines[:8]:  # what the docs show, before their "..."
            assert line in text, (doc, line)


def test_two_identical_answers_against_two_others_are_never_significant(cli, write):
    cycle = write("bank.yaml", CYCLE)
    a = wave(write, "a.csv", [("new", 4, 2, 4), ("new", 4, 2, 4)])
    b = wave(write, "b.csv", [("new", 4, 5, 4), ("new", 4, 5, 4)])
    run = cli("compare", str(cycle), "--ratings", str(a), "--against", str(b), "-f", "json")
    assert run.code == 0, run.err
    wait = {m["id"]: m for m in json.loads(run.out)["moments"]}["wait"]
    assert wait["change"] == 3 and wait["significant"] is False and wait["p_value"] is None


def test_holm_by_default_bh_on_request_and_the_interval_of_each_change(cli, write):
    cycle = write("bank.yaml", CYCLE)
    march = wave(write, "march.csv", [("new", 3 + i % 2, 2 + i % 3, 3 + i % 2) for i in range(40)])
    june = wave(write, "june.csv", [("new", 3 + (i + 1) % 2, 3 + i % 3, 3 + i % 2) for i in range(40)])
    runs = {m: json.loads(cli("compare", str(cycle), "--ratings", str(march), "--against", str(june), "-f", "json",
                              *(["--adjust", m] if m else [])).out) for m in (None, "bh", "none")}
    assert runs[None]["adjustment"] == "holm"
    holm, bh, raw = ({x["id"]: x for x in runs[k]["moments"]} for k in (None, "bh", "none"))
    assert raw["wait"]["p_adjusted"] == raw["wait"]["p_value"]
    assert holm["wait"]["p_adjusted"] >= bh["wait"]["p_adjusted"] >= raw["wait"]["p_value"]
    w = holm["wait"]
    assert w["change_low"] < w["change"] == 1 < w["change_high"] and w["effect_size"] > 0


def test_for_the_client_labels_locale_and_a_picture(cli, write, tmp_path):
    cycle = write("bank.yaml", CYCLE.replace("language: en", "language: es"))
    march = wave(write, "march.csv", [("new", 3 + i % 2, 2 + i % 2, 4) for i in range(30)])
    june = wave(write, "june.csv", [("new", 3 + (i + 1) % 2, 4 + i % 2, 4) for i in range(30)])
    text = cli("compare", str(cycle), "--ratings", str(march), "--against", str(june), "--labels", "marzo,junio").out
    assert "A = marzo" in text and "marzo (n)" in text and "2,50 (30)" in text and "p < 0,05" in text
    page = tmp_path / "olas.html"
    run = cli("compare", str(cycle), "--ratings", str(march), "--against", str(june), "--labels", "marzo,junio",
              "-o", str(page))
    assert run.code == 0 and run.out == ""
    html = page.read_text(encoding="utf-8")
    assert html.count("<polyline") == 2 and 'r="9"' in html and "Waits in line" in html and "junio" in html


def test_a_small_segment_is_not_shown(cli, write):
    cycle = write("bank.yaml", CYCLE)
    rows = [("new", 4, 1 + i % 2, 4) for i in range(3)] + [("regular", 4, 2 + i % 2, 4) for i in range(20)]
    survey = wave(write, "june.csv", rows)
    run = cli("compare", str(cycle), "--ratings", str(survey), "--segment", "new", "--against-segment", "regular")
    assert run.code == 0 and "fewer than 5 answers: not shown" in run.out and "1.50" not in run.out


# -- the statistics of one moment ------------------------------------------------------------

def test_an_interval_is_never_zero_width_and_keeps_its_coverage_at_small_n():
    import random

    from cyclemap.engine.evidence import score_evidence
    from cyclemap.format.model import Moment

    same = score_evidence(Moment(id="m", name="m", kind="routine", score=4, answers=(4, 4, 4, 4, 4)), (1, 5))
    assert same.low < 4 < same.high
    rng = random.Random(3)
    weights = [0.05, 0.1, 0.25, 0.35, 0.25]
    true_mean = sum((i + 1) * w for i, w in enumerate(weights))
    covered = 0
    for _ in range(2000):
        answers = tuple(rng.choices([1, 2, 3, 4, 5], weights=weights, k=5))
        ev = score_evidence(Moment(id="m", name="m", kind="routine", score=3, answers=answers), (1, 5))
        covered += ev.low <= true_mean <= ev.high
    assert covered / 2000 >= 0.93  # a 95 % interval, at 5 answers


def test_wilson_shares_top_two_box_nps_and_answers_needed():
    from cyclemap.engine.evidence import moment_statistics, wilson

    low, high = wilson(0, 10)
    assert low == 0 and 0.25 < high < 0.32  # never the zero-width 0 % … 0 % of p ± z·se
    stats = moment_statistics([10, 10, 9, 9, 8, 7, 6, 3, 10, 9], (0, 10))
    assert stats.nps[0] == pytest.approx(100 * (6 / 10 - 2 / 10))
    assert stats.nps[1] < stats.nps[0] < stats.nps[2] and stats.top2.count == 6
    five = moment_statistics([1, 2, 4, 5, 5, 4], (1, 5))
    assert five.top2.count == 4 and five.needed > 10


def test_survey_stats_writes_a_table(cli, write, tmp_path):
    cycle = write("bank.yaml", CYCLE)
    answers = wave(write, "march.csv", [("new", 3 + i % 2, 2 + i % 3, 4) for i in range(30)])
    run = cli("survey", "stats", str(cycle), str(answers))
    assert run.code == 0 and "Waits in line" in run.out and "Answers needed per wave" in run.out
    book = tmp_path / "stats.xlsx"
    assert cli("survey", "stats", str(cycle), str(answers), "-o", str(book)).code == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(book).active.iter_rows(values_only=True))
    header, arrive = rows[0], rows[1]
    assert header[:3] == ("Moment", "Answers", "Mean") and arrive[0] == "Arrives at the branch" and arrive[1] == 30
    assert arrive[2] == pytest.approx(3.5)


def test_progress_shows_on_a_terminal_only(monkeypatch):
    import io

    from cyclemap.cli.answers import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("CYCLEMAP_PROGRESS_AFTER", "0")
    monkeypatch.delenv("CYCLEMAP_NO_PROGRESS", raising=False)
    shown = Terminal()
    progress = Progress(shown)
    progress(50, 200)
    progress.clear()
    assert "25 %" in shown.getvalue()
    piped = io.StringIO()
    Progress(piped)(50, 200)
    assert piped.getvalue() == ""


def test_answers_needed_counts_the_moments_compared_at_once(tmp_path):
    """`survey stats`' answers per wave are what `compare` needs under Holm: with 8 moments
    and answers spreading as in the simulation (sd 0.76), about 60 for half a point (the
    simulation of whole comparisons finds 65); one moment alone would need 37."""
    from typer.testing import CliRunner

    from cyclemap.cli import app
    from cyclemap.engine.evidence import answers_needed

    assert answers_needed(0.76, 0.5) == 37 and answers_needed(0.76, 0.5, 8) == 60
    ids = [f"m{i}" for i in range(8)]
    cycle = tmp_path / "c.yaml"
    cycle.write_text("cyclemap: 1\ntitle: T\nlanguage: en\nmoments:\n" + "".join(
        f"  - {{id: {i}, name: Moment {i}, kind: routine}}\n" for i in ids), encoding="utf-8")
    answers = tmp_path / "a.csv"
    # Each moment: 2, 3, 3, 4 repeated: sd 0.71 (the spread `needed` plans with, floored at a tenth of the scale).
    answers.write_text("respondent," + ",".join(ids) + "\n" + "".join(
        f"r{r}," + ",".join(str([2, 3, 3, 4][r % 4]) for _ in ids) + "\n" for r in range(40)), encoding="utf-8")
    book = tmp_path / "stats.xlsx"
    result = CliRunner().invoke(app, ["survey", "stats", str(cycle), str(answers), "-o", str(book)],
                                env={"CYCLEMAP_LANG": "en", "CYCLEMAP_NO_PROGRESS": "1"})
    assert result.exit_code == 0, result.stderr
    from openpyxl import load_workbook

    rows = list(load_workbook(book).active.iter_rows(values_only=True))
    sd = rows[1][3]
    assert [r[15] for r in rows[1:]] == [answers_needed(sd, 0.5, 8)] * 8 and answers_needed(sd, 0.5, 8) > 50
