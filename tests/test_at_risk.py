"""Customers at risk: every figure comes with its labelled assumption, settable in the
settings, and the arithmetic follows the documented rule."""

from __future__ import annotations

import pytest

from cyclemap.engine.at_risk import estimate_at_risk, rounded
from cyclemap.engine.pipeline import Pipeline

CYCLE = """cyclemap: 1
title: Bank
language: en
volume: 2000
moments:
  - {id: wait, name: Waits in line, kind: critical, next: [served, complain]}
  - {id: complain, name: Complains, kind: critical, collects: complaint, volume: 50}
  - {id: served, name: Is served, kind: critical}
"""


def test_measured_dissatisfaction_gives_the_documented_figures(write):
    source = write("bank.yaml", CYCLE)
    # wait: 20 answers, 8 of them at the bottom of the 1–5 scale (below 2.6); served: all happy;
    # the complaint moment, rated on its own 20 answers, works.
    ratings = write("r.csv", "moment,rating\n" + "wait,1\nwait,2\n" * 4 + "wait,4\n" * 12 + "served,5\n" * 20
                    + "complain,5\n" * 20)
    checked = Pipeline(ratings=str(ratings)).check(str(source))
    data = estimate_at_risk(checked).as_data()
    customers, assumptions = data["customers"], data["assumptions"]
    assert customers["worst_moment"] == "wait" and customers["dissatisfied_share_measured"] is True
    assert customers["dissatisfied"] == 800  # 2000 × 0.4
    assert customers["complaining"] == rounded(800 * 0.04) == 32
    assert customers["win_back"] == rounded(800 * 0.04 * 0.7) == 22
    assert customers["lost"] == rounded(800 * 0.91 - 800 * 0.04 * 0.7) == 710  # the complaint moment works
    assert customers["told"] == rounded(800 * 0.04 * 0.7 * 5) == 110
    assert customers["answers"] == 20
    assert {k: v["value"] for k, v in assumptions.items()} == {
        "complain_share": 0.04, "never_return_share": 0.91, "return_if_handled": 0.7, "tells_others": 5,
        "dissatisfied_answer": 0.4}
    assert all(v["label"] for v in assumptions.values())
    text = " ".join(estimate_at_risk(checked).lines("en"))
    assert "Estimate (not a fact)" in text and "800" in text and "4% complain" in text


def test_assumptions_come_from_the_settings(write):
    source = write("bank.yaml", CYCLE.replace("collects: complaint", "feedback: false"))
    write(".cyclemap.yaml", "thresholds:\n  complain_share: 0.1\n  never_return_share: 0.5\n")
    ratings = write("r.csv", "moment,rating\n" + "wait,1\n" * 10 + "wait,5\n" * 10)
    checked = Pipeline(ratings=str(ratings)).check(str(source))
    risk = estimate_at_risk(checked).as_data()
    assert risk["assumptions"]["complain_share"]["value"] == 0.1
    assert risk["customers"]["lost"] == round(1000 * 0.5)  # no working complaint moment: nobody won back
    assert risk["customers"]["complaint_moment_works"] is False
    assert "would tell up to" in " ".join(estimate_at_risk(checked).lines("en"))


def test_without_volume_the_assumptions_still_show(write):
    source = write("bank.yaml", CYCLE.replace("volume: 2000\n", ""))
    risk = estimate_at_risk(Pipeline().check(str(source)))
    assert risk.as_data()["customers"] is None and "complain_share" in risk.as_data()["assumptions"]
    assert "Sin `volume`" in risk.lines("es")[0]


def test_a_bad_assumption_in_the_settings_is_a_usage_error(cli, write):
    source = write("bank.yaml", CYCLE)
    write(".cyclemap.yaml", "thresholds:\n  complain_share: lots\n")
    run = cli("check", str(source))
    assert run.code == 2 and "complain_share" in run.err


@pytest.mark.parametrize("text, message", [("volume: -5\n", "at least 0"), ("volume: many\n", "whole number")])
def test_volume_is_checked_like_any_key(cli, write, text, message):
    source = write("bank.yaml", CYCLE.replace("volume: 2000\n", text))
    run = cli("check", str(source))
    assert run.code == 1 and "CM002" in run.out and message in run.out


def test_the_critique_json_carries_the_estimate_and_its_assumptions(write):
    """Through the real command line: `at_risk` with `customers` and `assumptions`, and the
    settings change an assumption (never presented as a fact: each has a label and a source)."""
    import json

    from conftest import run_app

    source = write("bank.yaml", CYCLE)
    ratings = write("r.csv", "moment,rating\n" + "wait,1\nwait,2\n" * 4 + "wait,4\n" * 12 + "served,5\n" * 20)
    proc = run_app("critique", str(source), "--ratings", str(ratings), "--format", "json")
    assert proc.code == 0, proc.err
    at_risk = json.loads(proc.out)["at_risk"]
    assert at_risk["customers"]["dissatisfied"] == 800
    assert at_risk["assumptions"]["complain_share"]["value"] == 0.04
    assert all(a["label"] and a["source"] for a in at_risk["assumptions"].values())
    write(".cyclemap.yaml", "thresholds: {complain_share: 0.1}\n")
    changed = json.loads(run_app("critique", str(source), "--ratings", str(ratings), "--format", "json").out)
    assert changed["at_risk"]["assumptions"]["complain_share"]["value"] == 0.1
    markdown = run_app("critique", str(source), "--ratings", str(ratings), "--format", "markdown").out
    assert "## Customers at risk" in markdown


def test_no_estimate_from_a_mean_or_a_handful_of_answers(write):
    """A score on 6 answers (or a mean from the file) never makes customers at risk."""
    source = write("bank.yaml", CYCLE)
    ratings = write("r.csv", "moment,rating\n" + "wait,1\n" * 6)
    risk = estimate_at_risk(Pipeline(ratings=str(ratings)).check(str(source)))
    assert risk.as_data()["customers"] is None
    assert "measured on at least 20 survey answers" in " ".join(risk.lines("en"))
    ratings = write("r2.csv", "moment,rating\n" + "wait,1\n" * 6 + "served,5\n" * 20)
    risk = estimate_at_risk(Pipeline(ratings=str(ratings)).check(str(source)))
    assert risk.as_data()["customers"]["worst_moment"] == "served", "the thin score does not move it"
    assert "Left out: “Waits in line”" in " ".join(risk.lines("en"))
    mean_only = write("mean.yaml", CYCLE.replace("kind: critical, next", "kind: critical, score: 1.5, responses: 300, next"))
    assert estimate_at_risk(Pipeline().check(str(mean_only))).as_data()["customers"] is None


def test_a_survey_moment_is_not_a_working_complaint_moment(write):
    source = write("bank.yaml", CYCLE.replace("collects: complaint", "collects: survey"))
    ratings = write("r.csv", "moment,rating\n" + "wait,1\n" * 10 + "wait,5\n" * 10 + "complain,5\n" * 20)
    risk = estimate_at_risk(Pipeline(ratings=str(ratings)).check(str(source))).as_data()["customers"]
    assert risk["complaint_moment_works"] is False


def test_customers_who_cannot_leave_are_never_lost(write):
    source = write("water.yaml", CYCLE.replace("volume: 2000\n", "volume: 2000\ncustomers_can_leave: false\n"))
    ratings = write("r.csv", "moment,rating\n" + "wait,1\n" * 10 + "wait,5\n" * 10)
    risk = estimate_at_risk(Pipeline(ratings=str(ratings)).check(str(source)))
    assert risk.as_data()["customers"]["lost"] is None
    text = " ".join(risk.lines("en"))
    assert "will not return" not in text and "never return" not in text
    assert "cannot simply go elsewhere" in text and "regulator" in text


def test_a_segment_counts_with_its_own_share_of_the_volume(write):
    source = write("bank.yaml", CYCLE)
    rows = "moment,rating,segment\n" + "wait,1,new\n" * 20 + "wait,5,old\n" * 60
    ratings = write("r.csv", rows)
    risk = estimate_at_risk(Pipeline(ratings=str(ratings), segment="new").check(str(source))).as_data()
    assert risk["customers"]["segment_share"] == 0.25
    assert risk["customers"]["dissatisfied"] == 500  # 2000 × 25 % × 100 %, not 2000 × 100 %


def test_an_assumed_share_above_one_is_refused(cli, write):
    source = write("bank.yaml", CYCLE)
    write(".cyclemap.yaml", "thresholds:\n  complain_share: 4\n")
    run = cli("check", str(source))
    assert run.code == 2 and "between 0 and 1" in run.err
