"""Every sentence a client reads about a weak point is a catalogue entry with a premise
(engine.sentences). This test enumerates the catalogue: for every sentence, a cycle where
its premise is false (where possible one where the rule it explains still fires) and the
sentence is absent, from the JSON's `said` keys and from the report's words; and a few
where it holds, so the test cannot pass with an empty critique."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from cyclemap.engine.rules import get_rule
from cyclemap.engine.sentences import CATALOGUE, Sentence

CAPTIVE = """\
cyclemap: 1
title: Oficina de licencias
customers_can_leave: false
moments:
  - {id: turno, name: Toma turno, kind: routine, score: 4, expectation: 4, responses: 100}
  - {id: ventanilla, name: Atiende la ventanilla, kind: critical, owner: Jefe de oficina,
     standard: Atiende en menos de 10 min, recovery: El jefe de oficina ofrece otra cita y analiza la causa,
     carried_by: people, score: 2.0, expectation: 4, responses: 100}
  - {id: queja, name: Presenta una queja, kind: critical, collects: complaint, owner: todos,
     standard: ser amable, recovery: Pedirle disculpas, score: 2.0, expectation: 4, responses: 60}
"""
SHOP = """\
cyclemap: 1
title: Tienda
moments:
  - {id: entra, name: Entra a la tienda, kind: routine, score: 4, expectation: 4, responses: 100}
  - {id: caja, name: Paga en caja, kind: critical, owner: Cajera, standard: Cobra en menos de 2 min,
     score: 2.0, expectation: 4, responses: 6}
  - {id: app, name: Usa la app, kind: critical, carried_by: systems, owner: todos,
     standard: Responde en menos de 3 s, recovery: Se reenvía el código en menos de 1 h,
     score: 4.0, expectation: 4, responses: 50}
  - {id: archivo, name: Se archiva el ticket internamente, kind: routine}
  - {id: opina, name: Responde la encuesta, kind: routine, collects: survey}
"""
WATER = """\
cyclemap: 1
title: Oficina del agua
customers_can_leave: false
moments:
  - {id: a, name: Llama al centro, kind: routine, score: 4.5, expectation: 4, responses: 100}
  - {id: b, name: Recibe la visita, kind: routine, score: 4.4, expectation: 4, responses: 100}
"""
INTERNAL = """\
cyclemap: 1
title: Mesa de ayuda
customer: Equipo de ventas (cliente interno)
moments:
  - {id: pide, name: Pide ayuda, kind: critical, owner: Jefe de soporte, standard: Responde en menos de 1 h,
     recovery: El jefe de soporte presta un equipo de inmediato, score: 2.0, expectation: 4, responses: 60}
  - {id: cierra, name: Cierra el ticket, kind: routine}
"""
BACKSTAGE = """\
cyclemap: 1
title: Banco
moments:
  - {id: a, name: Abre la cuenta, kind: critical, owner: Asesor, standard: En 20 min,
     recovery: El asesor ofrece otra cita, score: 4.5, expectation: 4, responses: 100}
  - {id: b, name: Se archiva el contrato internamente, kind: routine, score: 2.0, expectation: 4, responses: 50}
"""
# Errores y horrores: a plan that only sends the customer elsewhere (evasions), a complaint
# desk nobody answers for and with no agreed recovery (brush-off), courtesy that no moment
# looks after (coldness); WARM is the same with courtesy served (CM110 still fires).
HORRORS = """\
cyclemap: 1
title: Clínica
moments:
  - {id: cita, name: Pide una cita, kind: critical, owner: Recepcionista, standard: Atiende en menos de 5 min,
     recovery: Se le pide que llame al centro de atención, score: 2.0, expectation: 4, responses: 100,
     dimensions: [reliability, responsiveness, competence, communication]}
  - {id: queja, name: Presenta una queja, kind: critical, collects: complaint,
     standard: Responde en menos de 2 días, score: 4, expectation: 4, responses: 100}
"""
WARM = HORRORS.replace("dimensions: [reliability", "dimensions: [courtesy, reliability")
REWORK = get_rule("CM118").fails
REWORK_CAPTIVE = REWORK.replace("title: Registry\n", "title: Registry\ncustomers_can_leave: false\n")

# For each sentence: the cycle where its premise is false.
ABSENT = {
    "score.thin": CAPTIVE, "score.count_unknown": CAPTIVE, "score.complaint": CAPTIVE,
    "score.complaint_captive": SHOP, "score.gap": CAPTIVE, "score.quiet": CAPTIVE, "score.captive": SHOP,
    "routine.harsh": CAPTIVE, "score.none": CAPTIVE, "owner.none": CAPTIVE, "owner.nobody": WATER,
    "standard.none": CAPTIVE, "standard.wish": SHOP, "recovery.none": CAPTIVE, "recovery.none_captive": SHOP,
    "recovery.vague": SHOP, "systems.robotic": CAPTIVE, "backstage.unseen": CAPTIVE,
    "rework.leave": REWORK_CAPTIVE, "rework.captive": REWORK, "voice.none": WATER, "voice.none_captive": SHOP,
    "dimension.uncovered": CAPTIVE, "critical.none": CAPTIVE, "critical.too_many": WATER,
    "todo.collect": CAPTIVE, "todo.count": CAPTIVE, "todo.complaint": SHOP, "todo.cause_owner": SHOP,
    "todo.cause": CAPTIVE, "todo.promise": CAPTIVE, "todo.routine": CAPTIVE, "todo.score": CAPTIVE,
    "todo.owner": CAPTIVE, "todo.owner_nobody": WATER, "todo.standard": CAPTIVE, "todo.standard_wish": SHOP,
    "todo.recovery": CAPTIVE, "todo.recovery_vague": SHOP, "todo.prevent": CAPTIVE, "todo.person": CAPTIVE,
    "todo.backstage": CAPTIVE, "todo.rework": CAPTIVE, "todo.voice": CAPTIVE, "todo.dimension": CAPTIVE,
    "todo.critical_none": CAPTIVE, "todo.critical_many": WATER,
    "preface.critical": WATER, "preface.uncertain": CAPTIVE,
    "score.internal": CAPTIVE, "voice.none_internal": WATER,
    # The plan offers another appointment and goes after the cause; no complaint moment;
    # the complaint moment has a plan; courtesy is served.
    "recovery.evasive": CAPTIVE, "complaint.brushoff_owner": SHOP, "complaint.brushoff_recovery": CAPTIVE,
    "dimension.cold": WARM,
}
# And where it holds (a sample per cycle: the premises are not vacuous).
PRESENT = {
    CAPTIVE: {"score.captive", "score.complaint_captive", "owner.nobody", "standard.wish", "recovery.vague",
              "todo.complaint", "todo.cause_owner", "preface.critical"},
    SHOP: {"score.thin", "todo.collect", "recovery.none", "systems.robotic", "backstage.unseen", "todo.person",
           "preface.uncertain", "todo.backstage"},
    WATER: {"critical.none", "voice.none_captive", "todo.critical_none", "todo.voice"},
    REWORK: {"rework.leave", "todo.rework"},
    REWORK_CAPTIVE: {"rework.captive"},
    INTERNAL: {"score.internal", "voice.none_internal", "todo.prevent"},
    BACKSTAGE: {"backstage.unseen", "todo.backstage"},
    HORRORS: {"recovery.evasive", "complaint.brushoff_owner", "complaint.brushoff_recovery", "dimension.cold"},
    WARM: {"recovery.evasive", "dimension.uncovered"},
}

_RUNS: dict[str, tuple[dict, str]] = {}


def critique(cycle: str) -> tuple[dict, str]:
    """The critique's JSON and its text report, through the real command, in this process."""
    if cycle not in _RUNS:
        from typer.testing import CliRunner

        from cyclemap.cli import app

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "cycle.yaml"
            path.write_text(cycle, encoding="utf-8")
            env = {"CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "400"}
            data = CliRunner().invoke(app, ["critique", str(path), "--format", "json", "--lang", "en"], env=env)
            text = CliRunner().invoke(app, ["critique", str(path), "--lang", "en"], env=env)
        assert data.exit_code in (0, 1) and text.exit_code in (0, 1), data.output + text.output
        _RUNS[cycle] = (json.loads(data.stdout), " ".join(text.stdout.split()))
    return _RUNS[cycle]


def said(data: dict) -> set[str]:
    keys = {k for p in data["weak_points"] for k in p["said"]}
    return keys | set(data.get("preface_said", []))


def test_every_sentence_has_a_case_where_its_premise_is_false():
    assert set(ABSENT) == {s.key for s in CATALOGUE}, "a new sentence needs its case here"


@pytest.mark.parametrize("sentence", CATALOGUE, ids=lambda s: s.key)
def test_sentence_absent_where_its_premise_is_false(sentence: Sentence):
    data, text = critique(ABSENT[sentence.key])
    assert sentence.key not in said(data)
    words = sentence.text if not callable(sentence.text) or hasattr(sentence.text, "format") else None
    if words is not None:
        fixed = words("en").split("{")[0].strip()
        if len(fixed) > 25:
            assert fixed not in text, fixed


@pytest.mark.parametrize("cycle", list(PRESENT), ids=["captive", "shop", "water", "rework", "rework-captive", "internal", "backstage",
                                                 "horrors", "warm"])
def test_sentences_present_where_their_premise_holds(cycle):
    data, _text = critique(cycle)
    missing = PRESENT[cycle] - said(data)
    assert not missing, missing


def test_a_sentence_cannot_be_made_without_a_premise():
    from cyclemap.format.i18n import Verbatim

    with pytest.raises(TypeError):
        Sentence("x", "why", None, Verbatim("Something true of every moment."))


def test_the_client_text_is_only_catalogue_sentences():
    """Each point's why and what-to-do are exactly its sentences, in order: nothing else."""
    from cyclemap.engine.pipeline import Pipeline

    by_key = {s.key: s for s in CATALOGUE}
    with tempfile.TemporaryDirectory() as tmp:
        for i, cycle in enumerate(PRESENT):
            path = Path(tmp) / f"c{i}.yaml"
            path.write_text(cycle, encoding="utf-8")
            checked = Pipeline().check(str(path))
            for p in checked.critique.points:
                parts = {"why": [], "todo": []}
                for key in p.said:
                    parts[by_key[key].part].append(key)
                for part in ("why", "todo"):
                    text = getattr(p, part)("en")
                    for key in parts[part]:
                        assert text, key
                    assert bool(text) == bool(parts[part])


def test_a_step_customers_never_see_is_not_said_to_be_rated_by_them():
    data, text = critique(BACKSTAGE)
    [point] = [p for p in data["weak_points"] if p["moment"] == "b"]
    assert "Customers rate" not in point["text"] and "customers rate" not in point["text"]
    assert "cannot be rated by them" in point["why"]
    for key in ("score.quiet", "routine.harsh", "todo.cause", "todo.routine"):
        assert key not in point["said"], key


def test_a_complaint_desk_nobody_answers_for_is_named_once_as_the_brush_off():
    """On a complaint moment the brush-off sentence says it of the complaints; the generic
    'nobody is there to notice' is not said beside it (no repetition)."""
    data, text = critique(HORRORS)
    [point] = [p for p in data["weak_points"] if p["moment"] == "queja"]
    assert "complaint.brushoff_owner" in point["said"] and "owner.none" not in point["said"]
    assert "the brush-off" in text and "evasions" in text and "coldness" in text


def test_a_plan_that_calls_the_customer_back_is_not_evasions():
    """Calling the customer is the service acting; only a plan that sends the customer
    elsewhere is the runaround (the same short plan, the other way round)."""
    back = HORRORS.replace("Se le pide que llame al centro de atención", "El supervisor debe llamar al cliente")
    data, text = critique(back)
    [point] = [p for p in data["weak_points"] if p["moment"] == "cita"]
    assert {"CM104", "CM105"} <= set(point["codes"]) and "recovery.evasive" not in point["said"]
    assert "evasions" not in text
