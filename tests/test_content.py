"""Issue 21: the content facts (cyclemap.engine.content) measured on the labelled set, and
the rules built on them, through the command line.

The labelled set (tests/data/content/, tools/content_set.py) was written before the
component; its held-back 30 % is never used to tune. These tests fail if recall falls
below the floor reached or false alarms rise above 5 %, on either part."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import content_scores  # noqa: E402
import content_set  # noqa: E402
from cyclemap.engine import content  # noqa: E402

# The floors reached (docs/rules.md has the table); the target is 85 % and 5 %.
RECALL_FLOOR = {"tuning": 1.0, "held": 1.0}
FALSE_ALARM_CEILING = 0.05


@pytest.mark.parametrize("part", ["tuning", "held"])
def test_recall_and_false_alarms_hold_for_every_class_and_language(part):
    table = content_scores.scores(part)
    assert set(table) == {(c, lang) for c in content_set.CLASSES for lang in content_set.LANGS}
    low = {k: round(v["recall"], 2) for k, v in table.items() if v["recall"] < RECALL_FLOOR[part] - 1e-9}
    noisy = {k: round(v["false_alarms"], 2) for k, v in table.items() if v["false_alarms"] > FALSE_ALARM_CEILING}
    assert not low, f"recall below {RECALL_FLOOR[part]:.0%} on the {part} part: {low}"
    assert not noisy, f"false alarms above 5 % on the {part} part: {noisy}"


# The fresh phrases (written after the component, never tuned on): the figures reached, per cell,
# as floors and ceilings that must not get worse. One false alarm in six sound owners (pt, en) is
# above the 5 %, and standards that serve the organisation are caught 75 % (read by the
# rules alone since the standards model was set aside, engine/content/goals.py): not met there.
FRESH_RECALL_FLOOR = {("owner-nobody", "es"): 0.875, ("owner-nobody", "pt"): 1.0, ("owner-nobody", "en"): 0.875,
                      ("standard-org", "es"): 0.75, ("standard-org", "pt"): 0.75, ("standard-org", "en"): 0.75}
FRESH_FALSE_ALARM_CEILING = {("owner-nobody", "pt"): 1 / 6, ("owner-nobody", "en"): 1 / 6}


def test_fresh_text_does_not_get_worse():
    table = content_scores.scores("fresh")
    for key, row in table.items():
        assert row["recall"] >= FRESH_RECALL_FLOOR.get(key, 1.0) - 1e-9, (key, row)
        assert row["false_alarms"] <= FRESH_FALSE_ALARM_CEILING.get(key, 0.0) + 1e-9, (key, row)


# round2.tsv: a second author's set for the three weakest classes, written before reading the
# component; tuned on its odd rows (and round2_extra.tsv) only. The held-back (even) rows' figures
# reached, per cell, as floors and ceilings; the target (85 %, 5 %) is not reached on three
# cells: backstage pt (80 %), standard-org es (70 %) and en (80 %).
ROUND2_HELD_RECALL_FLOOR = {
    ("owner-nobody", "es"): 0.90, ("owner-nobody", "pt"): 1.0, ("owner-nobody", "en"): 1.0,
    ("standard-org", "es"): 0.70, ("standard-org", "pt"): 0.90, ("standard-org", "en"): 0.80,
    ("backstage", "es"): 0.90, ("backstage", "pt"): 0.80, ("backstage", "en"): 0.90}
ROUND2_HELD_FALSE_ALARM_CEILING: dict[tuple[str, str], float] = {}


def test_round2_tuning_half_is_caught_and_held_half_does_not_get_worse():
    tuning, held = content_scores.scores("r2-tuning"), content_scores.scores("r2-held")
    assert set(tuning) == set(held) == set(ROUND2_HELD_RECALL_FLOOR)
    for key, row in tuning.items():
        assert row["recall"] >= 0.94 and row["false_alarms"] <= FALSE_ALARM_CEILING, (key, row)  # 94-100 % reached
    for key, row in held.items():
        assert row["recall"] >= ROUND2_HELD_RECALL_FLOOR[key] - 1e-9, (key, row)
        assert row["false_alarms"] <= ROUND2_HELD_FALSE_ALARM_CEILING.get(key, 0.0) + 1e-9, (key, row)


def test_round2_is_big_enough_and_both_halves_hold_both_labels():
    rows = content_set.load_round2()
    for key in ROUND2_HELD_RECALL_FLOOR:
        cell = [(c, held) for c, held in rows if (c.cls, c.lang) == key]
        assert len(cell) >= 40, key
        for half in (True, False):
            labels = {c.positive for c, held in cell if held == half}
            assert labels == {True, False}, (key, half)


def test_the_published_figures_are_the_measured_ones():
    assert content.measured() == content_scores.measured(), "run tools/content_scores.py --write"


def test_the_set_is_big_enough_and_the_blind_fifth_agrees():
    cases = content_set.load()
    assert len(cases) >= 600
    for cls in content_set.CLASSES:
        for lang in content_set.LANGS:
            cell = [c for c in cases if c.cls == cls and c.lang == lang]
            assert len(cell) >= 40 and any(c.positive for c in cell) and any(not c.positive for c in cell)
    held = sum(c.held for c in cases) / len(cases)
    assert 0.25 < held < 0.35
    agree, n, kappa, _ = content_set.agreement()
    assert n >= len(cases) // 5 - 10 and agree / n >= 0.9


def test_facts_are_frozen_records_with_the_documented_names():
    facts = content.owner("Todo el personal de la sucursal", "es")
    assert facts.actor.kind == "everyone" and facts.nobody_in_particular and not facts.owner_is_role
    with pytest.raises(FrozenInstanceError):
        facts.text = "x"  # type: ignore[misc]
    assert content.owner("Jefa de cajas").owner_is_role
    assert content.owner("Los cajeros", "es").actor.kind == "team"
    assert content.owner("HR", "en").actor.kind == "department"
    assert content.owner("a definir", "pt").actor.kind == "nobody"
    s = content.standard("Responde em até dez minutos", "pt")
    assert s.standard_observable and s.has_time and not s.standard_serves_org
    assert not content.standard("un servicio de calidad", "es").standard_observable  # "un" is not a number
    assert content.standard("Tasa de contención del IVR mayor al 70 %", "es").org_goals == ("containment",)
    r = content.recovery("El supervisor llama en 30 min", "es")
    assert (r.recovery_says_who, r.recovery_says_when, r.recovery_says_choice) == (True, True, False)
    assert r.missing == ("choice",)
    assert content.step("Contabilidad concilia el pago", "es").backstage
    assert not content.step("Recibe el SMS de confirmación", "es").backstage
    assert content.step("Takes a ticket from the machine", "en").systems


def test_round3_is_scored_whole_when_present_and_its_rows_never_shown(tmp_path, monkeypatch):
    """round3.tsv (an independent labeller's set) gets a column of its own; its rows are never printed."""
    assert content_set.load_round3(tmp_path / "absent.tsv") == []
    path = tmp_path / "round3.tsv"
    path.write_text("# class\tlang\tlabel\ttext\n"
                    "owner-nobody\tes\t1\tTodo el equipo de cajas\n"
                    "owner-nobody\tes\t0\tJefa de cajas\n"
                    "standard-org\ten\t1\tIVR containment rate above 70 %\n"
                    "standard-org\ten\t0\tThe customer reaches a person within 2 minutes\n", encoding="utf-8")
    monkeypatch.setattr(content_scores, "ROUND3_PATH", path)
    table = content_scores.scores("round3")
    assert table[("owner-nobody", "es")]["tp"] == 1 and table[("owner-nobody", "es")]["tn"] == 1
    assert table[("standard-org", "en")]["recall"] == 1.0 and table[("standard-org", "en")]["false_alarms"] == 0.0
    printed = content_scores.table()
    assert "| round3)" in printed.splitlines()[0] and "Jefa" not in printed
    with pytest.raises(SystemExit):
        content_scores.errors("round3")
    path.write_text("owner-nobody\tes\t1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="round3.tsv:1"):
        content_set.load_round3(path)


def test_an_independent_readers_labels_are_compared_with_the_first_ones(tmp_path, monkeypatch):
    cases = [c for c in content_set.load() if content_set.blind(c.text) and c.cls != "recovery-missing"][:4]
    rows = [f"{c.cls}\t{c.lang}\t{int(c.positive if i else not c.positive)}\t{c.text}" for i, c in enumerate(cases)]
    path = tmp_path / "blind_second.tsv"
    path.write_text("# class\tlang\tlabel\ttext\n" + "\n".join(rows) + "\n", encoding="utf-8")
    agree, n, _kappa, differ = content_set.agreement(path)
    assert (agree, n, len(differ)) == (3, 4, 1)
    monkeypatch.setattr(content_scores, "BLIND_SECOND_PATH", path)
    notes = content_scores.agreement_notes()
    assert "same author" in notes[0] and "independent reader" in notes[1] and "3/4 agree" in notes[1]
    assert content_scores.measured()["blind_second"] == {"agree": 3, "n": 4, "kappa": round(_kappa, 3)}


def test_words_that_are_a_team_in_one_sense_only():
    """"sin perder el turno": one's place in the queue, not a shift; "Turno noche": a shift."""
    assert not content.recovery("El cliente es atendido sin perder el turno", "es").says_who
    assert not content.recovery("Se respeta su turno y se llama en 10 min", "es").says_who
    assert content.owner("Turno noche", "es").nobody_in_particular
    assert content.owner("cualquiera del turno", "es").nobody_in_particular
    assert content.owner("Jefe de turno", "es").owner_is_role
    assert content.owner("Night shift", "en").nobody_in_particular


def test_the_model_was_trained_on_the_tuning_rows_of_today():
    """model.json (owners only: standards are read by the rules alone) names its class, threshold and how many
    tuning rows it was trained on; tools/content_model.py --check (slow tier) retrains and compares."""
    import content_model

    weights = json.loads((ROOT / "cyclemap/engine/content/model.json").read_text(encoding="utf-8"))
    assert set(weights) == {content_model.FIELD_OF[cls] for cls in content_model.SHIPPED} == {"owner"}
    for cls in content_model.SHIPPED:
        field = content_model.FIELD_OF[cls]
        assert weights[field]["class"] == cls
        assert weights[field]["rows"] == len(content_model.tuning_rows(cls))
        assert 0.5 <= weights[field]["threshold"] < 1.0


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("numpy") is None, reason="numpy trains the model")
def test_the_model_is_built_from_the_current_tuning_rows():
    import subprocess

    run = subprocess.run([sys.executable, str(ROOT / "tools" / "content_model.py"), "--check"],
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.mark.skipif(importlib.util.find_spec("simplemma") is None, reason="simplemma builds the lemma table")
def test_the_lemma_table_is_built_from_the_current_lexicon():
    import subprocess

    run = subprocess.run([sys.executable, str(ROOT / "tools" / "content_lexicon.py"), "--check"],
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


# -- through the command line (in process) --------------------------------------------------


def check(tmp_path: Path, text: str, *args: str, settings: str | None = None):
    from typer.testing import CliRunner

    from cyclemap.cli import app

    path = tmp_path / "cycle.yaml"
    path.write_text(text, encoding="utf-8")
    if settings is not None:
        (tmp_path / ".cyclemap.yaml").write_text(settings, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--fail-on", "warning", "--lang", "en", *args],
                                env={"CYCLEMAP_LANG": "en", "NO_COLOR": "1"})
    return result.exit_code, result.stdout + result.stderr


LOOP = """\
cyclemap: 1
title: Registro civil
language: es
moments:
  - {id: turno, name: Llega y toma turno, kind: routine, owner: Jefa de sala}
  - id: ventanilla
    name: Lo atienden en ventanilla
    kind: critical
    owner: Jefe de ventanillas
    next: [{to: sello}, {to: falta, when: le falta un papel}]
  - {id: sello, name: Recibe el documento sellado, kind: routine, owner: Jefe de ventanillas, next: [turno]}
  - {id: falta, name: Le dicen que vuelva mañana, kind: routine, next: [turno]}
"""


def test_a_rework_loop_through_a_side_moment_is_found_and_its_unowned_moment_in_preview(tmp_path):
    code, out = check(tmp_path, LOOP)
    assert code == 1
    assert "CM118" in out and "through `falta`" in out and ":10:" in out  # the branch's line
    assert "CM124" not in out  # a preview rule: not without --preview
    code, out = check(tmp_path, LOOP, "--preview")
    assert "CM124" in out and "`falta` (Le dicen que vuelva mañana) sends customers back to `turno`" in out
    owned = LOOP.replace("name: Le dicen que vuelva mañana, kind: routine,", "name: Le dicen que vuelva mañana, "
                         "kind: routine, owner: Supervisor de ventanillas,")
    assert "CM124" not in check(tmp_path, owned, "--preview")[1]


def test_preview_rules_are_opt_in_by_settings_and_a_bad_value_is_a_usage_error(tmp_path):
    org = ("cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Calls the bank, kind: critical, owner: Call "
           "centre supervisor, standard: IVR containment rate above 70 %, recovery: The supervisor calls back "
           "within 2 h and offers a visit or a call}\n  - {id: b, name: Is served, kind: routine, score: 4, "
           "responses: 50, feedback: true}\n")
    code, out = check(tmp_path, org, "--select", "CM1", "--ignore", "CM114")
    assert code == 0 and "CM123" not in out, out  # a family selected: preview rules still need the opt-in
    code, out = check(tmp_path, org, settings="preview: true\n")
    assert code == 1 and "CM123" in out and "keeping customers away from people" in out
    code, out = check(tmp_path, org, settings="preview: 3\n")
    assert code == 2 and ".cyclemap.yaml:1" in out and "`preview` must be true or false" in out


def test_an_incomplete_recovery_plan_names_what_it_leaves_out_in_preview(tmp_path):
    text = ("cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, owner: Front desk "
            "manager, recovery: The duty manager calls back within 30 min}\n  - {id: b, name: Room, kind: routine}\n")
    assert "CM125" not in check(tmp_path, text)[1]
    out = check(tmp_path, text, "--preview")[1]
    assert "CM125" in out and "does not say what the customer may choose" in out and ":4:" in out
    vague = text.replace("The duty manager calls back within 30 min", "Apologise")
    out = check(tmp_path, vague, "--preview")[1]
    assert "CM117" in out and "CM125" not in out  # a plan that says nothing is CM117's, once


def test_routine_at_or_above_expectation_is_never_a_routine_acting_critical(tmp_path):
    base = ("cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, owner: Front desk "
            "manager}\n  - {id: b, name: Parking, kind: routine, %s responses: 180}\n")
    # below the acceptable 3.4 but at its (low) expectation: no CM119
    assert "CM119" not in check(tmp_path, base % "expectation: 3, score: 3.2,")[1]
    # no expectation, below the acceptable level: CM119 says so, not "far below what customers expect"
    out = check(tmp_path, base % "score: 2.6,")[1]
    assert "CM119" in out and "below the acceptable 3.4" in out and "far below what customers expect" not in out
    out = check(tmp_path, base % "expectation: 4, score: 2.6,")[1]
    assert "CM119" in out and "far below what customers expect" in out


def test_no_person_within_reach_sees_machines_in_facilities_and_teams_in_the_recovery(tmp_path):
    head = "cyclemap: 1\ntitle: Registry\nmoments:\n  - {id: b, name: Is served at the counter, kind: routine}\n"
    machine = head + "  - {id: a, name: Takes a ticket from the machine and queues, kind: critical, channel: facilities, carried_by: systems}\n"
    out = check(tmp_path, machine)[1]
    assert "CM109" in out and "`a`" in out
    room = head + "  - {id: a, name: Sleeps in the room, kind: critical, channel: facilities, carried_by: systems}\n"
    assert "CM109" not in check(tmp_path, room)[1]
    team = head + ("  - {id: a, name: Pays online, kind: critical, carried_by: systems, recovery: The support team "
                   "calls back within 1 hour}\n")
    assert "CM109" not in check(tmp_path, team)[1]
    alone = head + "  - {id: a, name: Pays online, kind: critical, carried_by: systems, recovery: The page is reloaded}\n"
    assert "CM109" in check(tmp_path, alone)[1]


def test_dimensions_in_every_language_accented_or_not(tmp_path):
    text = ("cyclemap: 1\ntitle: Loja\nlanguage: pt\nmoments:\n  - id: a\n    name: Chega à loja\n    kind: routine\n"
            "    dimensions: [comunicação, compreensão do cliente, Comprensión del cliente, cortesía, competência, "
            "understanding the customer, comunicacao, elementos tangíveis, segurança]\n"
            "  - {id: b, name: Paga no caixa, kind: critical, owner: Gerente da loja}\n")
    code, out = check(tmp_path, text, "--select", "CM002")
    assert code == 0, out


def test_check_folds_a_gap_under_a_moment_of_misery_into_one_finding(tmp_path):
    text = ("cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Waits in line, kind: critical, owner: Branch manager, "
            "expectation: 4, score: 2.3, responses: 80}\n  - {id: b, name: Leaves, kind: routine}\n")
    code, out = check(tmp_path, text, "--select", "CM104,CM105")
    lines = [line for line in out.splitlines() if " CM10" in line]
    assert len(lines) == 1 and " CM104 " in lines[0], out
    assert "a moment of misery; `a` (Waits in line) scores 2.3 against an expectation of 4" in lines[0]
    # alone, the gap is still reported
    code, out = check(tmp_path, text, "--select", "CM105")
    assert " CM105 " in out
    # machine formats keep every finding with its own code (a baseline or a dashboard filters by code)
    import json

    code, out = check(tmp_path, text, "--select", "CM104,CM105", "--format", "json")
    report = json.loads(out[:out.rindex("}") + 1])
    assert sorted(d["code"] for d in report["files"][0]["diagnostics"]) == ["CM104", "CM105"]


def test_a_visible_criterion_of_the_bundled_bank_is_not_read_as_the_organisations_goal(tmp_path):
    """The standards model read "Señalización visible desde la entrada" as the organisation's figure;
    standards are read by the rules alone now (engine/content/goals.py says why)."""
    facts = content.standard("Señalización visible desde la entrada", "es")
    assert not facts.standard_serves_org and facts.org_goals == ()
    code, out = check(tmp_path, (ROOT / "examples" / "banco.yaml").read_text(encoding="utf-8"), "--preview",
                      "--select", "CM123")
    assert code == 0 and "CM123" not in out, out


def test_the_docs_table_grows_a_round3_column_and_the_independent_readers_agreement(monkeypatch):
    from cyclemap.cli.rules_cmd import content_table

    data = content_scores.measured()
    for cell in data["cells"]:
        cell["round3"] = {"recall": 0.9, "false_alarms": 0.0, "precision": 1.0, "positives": 10, "negatives": 10}
    data["blind_second"] = {"agree": 150, "n": 170, "kappa": 0.75}
    monkeypatch.setattr(content, "measured", lambda: data)
    table = "\n".join(content_table("en"))
    assert "Recall (third set) | False alarms (third set) |" in table and "| 90 % | 0 % |" in table
    assert "independent reader agrees with the first labels on 150 of 170 (Cohen's kappa 0.75)" in table
