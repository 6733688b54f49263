"""The JSON of `critique` and `check` is a contract: each carries its version, and its
output validates against the published schema (schema/critique-2.schema.json,
schema/check-1.schema.json), for sound files, with a survey and a segment, in every
language, the analyst view, and a file that does not read."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import EXAMPLES, run_app

ROOT = Path(__file__).resolve().parent.parent
CRITIQUE = json.loads((ROOT / "schema" / "critique-2.schema.json").read_text(encoding="utf-8"))
CHECK = json.loads((ROOT / "schema" / "check-1.schema.json").read_text(encoding="utf-8"))


def valid(data: dict, schema: dict) -> None:
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("args", [
    ("banco.yaml",), ("restaurant.yaml", "--lang", "pt"), ("banco.yaml", "--view", "analyst"),
], ids=["banco", "restaurant-pt", "analyst"])
def test_critique_json_validates(args):
    run = run_app("critique", str(EXAMPLES / args[0]), *args[1:], "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    valid(data, CRITIQUE)
    assert data["cyclemap_critique"] == 2 and data["evidence"]["cycle_file"].endswith(args[0])


def test_critique_json_with_a_survey_segment_names_its_evidence(write):
    cycle = write("c.yaml", "cyclemap: 1\ntitle: Shop\nvolume: 1000\nmoments:\n"
                  "  - {id: a, name: Pays, kind: critical, owner: Cashier, standard: Within 2 min, "
                  "recovery: The cashier offers another till}\n  - {id: b, name: Leaves, kind: routine}\n")
    ratings = write("wave-2.csv", "moment,rating,segment\n" + "a,1,new\n" * 20 + "a,5,old\n" * 20 + "a,,new\n")
    run = run_app("critique", str(cycle), "--ratings", str(ratings), "--segment", "new", "--format", "json")
    data = json.loads(run.out)
    valid(data, CRITIQUE)
    evidence = data["evidence"]
    assert evidence["scores_from"] == "survey" and evidence["wave"] == "wave-2" and evidence["segment"] == "new"
    assert evidence["answers_used"] == 20 and evidence["answers_set_aside"] >= 1
    assert "wave-2.csv" in data["evidence_text"] and "segment “new”" in data["evidence_text"]
    text = run_app("critique", str(cycle), "--ratings", str(ratings), "--segment", "new").out
    assert "Evidence: cycle c.yaml (format 1); survey wave-2.csv" in " ".join(text.split())


def test_a_broken_file_gives_json_not_text(write):
    bad = write("bad.yaml", "cyclemap: 1\ntitle: [\n")
    run = run_app("critique", str(bad), "--format", "json")
    assert run.code == 1
    data = json.loads(run.out)
    valid(data, CRITIQUE)
    assert data["loaded"] is False and data["input_problems"][0]["code"] == "CM001"


def test_check_json_validates(write):
    bad = write("bad.yaml", "cyclemap: 1\ntitle: t\nmoments: 3\n")
    run = run_app("check", str(EXAMPLES / "banco.yaml"), str(bad), "--format", "json")
    data = json.loads(run.out)
    valid(data, CHECK)
    assert data["format"] == 1 and len(data["files"]) == 2
