"""Customers at risk: every figure comes with its labelled assumption, settable in the
settings, and the arithmetic follows the documented rule."""

from __future__ import annotations

import pytest

from cyclemap.engine.at_risk import estimate_at_risk
from cyclemap.engine.pipeline import Pipeline

CYCLE = """cyclemap: 1
title: Bank
language: en
volume: 2000
moments:
  - {id: wait, name: Waits in line, kind: critical, next: [served, complain]}
  - {id: complain, name: Complains, kind: critical, feedback: true, volume: 50}
  - {id: served, name: Is served, kind: critical}
"""


def test_measured_dissatisfaction_gives_the_documented_figures(write):
    source = write("bank.yaml", CYCLE)
    # wait: 10 answers, 4 of them at the bottom of the 1–5 scale (below 2.6); served: all happy.
    ratings = write("r.csv", "moment,rating\n" + "wait,1\nwait,2\n" * 2 + "wait,4\n" * 6 + "served,5\n" * 10)
    checked = Pipeline(ratings=str(ratings)).check(str(source))
    data = estimate_at_risk(checked).as_data()
    customers, assumptions = data["customers"], data["assumptions"]
    assert customers["worst_moment"] == "wait" and customers["dissatisfied_share_measured"] is True
    assert customers["dissatisfied"] == 800  # 2000 × 0.4
    assert customers["complaining"] == round(800 * 0.04)
    assert customers["win_back"] == round(800 * 0.04 * 0.7)
    assert customers["lost"] == round(800 * 0.91 - 800 * 0.04 * 0.7)  # the complaint moment works
    assert customers["told"] == round(800 * 0.04 * 0.7 * 5)
    assert {k: v["value"] for k, v in assumptions.items()} == {
        "complain_share": 0.04, "never_return_share": 0.91, "return_if_handled": 0.7, "tells_others": 5,
        "dissatisfied_answer": 0.4}
    assert all(v["label"] for v in assumptions.values())
    text = " ".join(estimate_at_risk(checked).lines("en"))
    assert "Estimate (not a fact)" in text and "800" in text and "4% complain" in text


def test_assumptions_come_from_the_settings(write):
    source = write("bank.yaml", CYCLE.replace("feedback: true", "feedback: false"))
    write(".cyclemap.yaml", "thresholds:\n  complain_share: 0.1\n  never_return_share: 0.5\n")
    ratings = write("r.csv", "moment,rating\n" + "wait,1\n" * 5 + "wait,5\n" * 5)
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

    from conftest import run_cli

    source = write("bank.yaml", CYCLE)
    ratings = write("r.csv", "moment,rating\n" + "wait,1\nwait,2\n" * 2 + "wait,4\n" * 6 + "served,5\n" * 10)
    proc = run_cli("critique", str(source), "--ratings", str(ratings), "--format", "json")
    assert proc.code == 0, proc.err
    at_risk = json.loads(proc.out)["at_risk"]
    assert at_risk["customers"]["dissatisfied"] == 800
    assert at_risk["assumptions"]["complain_share"]["value"] == 0.04
    assert all(a["label"] and a["source"] for a in at_risk["assumptions"].values())
    write(".cyclemap.yaml", "thresholds: {complain_share: 0.1}\n")
    changed = json.loads(run_cli("critique", str(source), "--ratings", str(ratings), "--format", "json").out)
    assert changed["at_risk"]["assumptions"]["complain_share"]["value"] == 0.1
    markdown = run_cli("critique", str(source), "--ratings", str(ratings), "--format", "markdown").out
    assert "## Customers at risk" in markdown
