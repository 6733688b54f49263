"""The held-out cycles of issue 20 (tests/data/heldout20, answer key in ANSWERS.md,
written before the first run): level, top three, what must and must never be said, and
no sentence repeated from one point to another, in each cycle's own language too."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cyclemap.cli import app

HERE = Path(__file__).parent / "data" / "heldout20"
LEAVING = ("simply do not come back", "customers do not come back", "being lost", "never return", "will not return", "empty chairs", "leave without")

KEY = {
    "agua": dict(level="malo", top=["ura", "reclama", "abre"], last="visita", captive=True,
                 must={"ura": ["robotic treatment"], "reclama": ["restores their trust"], "abre": ["apathy"],
                       "visita": ["rests on 12 answers", "more would settle it"]}),
    "licencias": dict(level="malo", top={"ventanilla", "cita", "espera"}, captive=True,
                      must={"ventanilla": ["have to come back", "prevention, not only containment"],
                            "entrega": ["customers who cannot go elsewhere"]}),
    "claims": dict(level="malo", top=["claim", "bill", "decision"], last="decision", captive=False,
                   must={"claim": ["7 in 10 come back", "how complaints are handled", "prevention, not only containment"],
                         "decision": ["robotic treatment", "rests on 9 answers"]}),
}


def run(path: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["critique", str(path), *args], env={"NO_COLOR": "1", "COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", list(KEY))
def test_heldout_cycle_matches_the_answer_key(name):
    key = KEY[name]
    data = json.loads(run(HERE / f"{name}.yaml", "--format", "json", "--lang", "en"))
    assert data["level"]["id"] == key["level"]
    ranked = [p["moment"] for p in data["weak_points"]]
    top = ranked[:3]
    assert (set(top) == key["top"]) if isinstance(key["top"], set) else top == key["top"], ranked
    if "last" in key:
        assert ranked[-1] == key["last"] and data["weak_points"][-1]["uncertain"]
    by_id = {p["moment"]: p for p in data["weak_points"]}
    for moment, phrases in key["must"].items():
        for phrase in phrases:
            assert phrase in by_id[moment]["text"] + " ".join(data["preface"]), (moment, phrase)
    everything = " ".join([data["level"]["description"], *data["preface"], *(p["text"] for p in data["weak_points"])])
    if key["captive"]:
        assert not [w for w in LEAVING if w in everything]
    if "claim" in by_id:
        assert "4 in 100" not in by_id["claim"]["text"]


@pytest.mark.parametrize("name", list(KEY))
def test_no_sentence_is_repeated_from_point_to_point(name):
    """In the cycle's own language: what several points share is said once."""
    data = json.loads(run(HERE / f"{name}.yaml", "--format", "json"))
    seen: dict[str, int] = {}
    for p in data["weak_points"]:
        for sentence in re.split(r"(?<=[.!?])\s+", p["why"]):
            if sentence:
                assert sentence not in seen, (sentence, seen.get(sentence), p["rank"])
                seen[sentence] = p["rank"]
    for line in data["preface"]:
        assert all(line not in p["text"] for p in data["weak_points"])


def test_intervals_follow_the_scale():
    text = " ".join(run(HERE / "licencias.yaml", "--lang", "en").split())
    assert re.search(r"interval 58–66", text)
    text = " ".join(run(HERE / "claims.yaml").split())
    assert re.search(r"interval 3\.2–3\.8", text)
