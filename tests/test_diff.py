"""`cyclemap diff OLD NEW` on pairs of versions of a bundled example, and
`check --baseline` with an older cycle file or a JSON report."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES

BANCO = (EXAMPLES / "banco.yaml").read_text(encoding="utf-8")


def edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


# Version 2 of banco: a score improves, a kind and an owner change, a moment goes, one comes.
NEW_MOMENT = """
  - id: despedida
    name: Se despide en la puerta
    kind: routine
    stage: Después
    next: [llegada]
"""
BANCO_V2 = edit(
    BANCO,
    ("    score: 2.3\n", "    score: 2.9\n"),
    ("  - id: requisitos\n    name:", "  - id: requisitos\n    name:"),
    ("    owner: Banca digital\n", "    owner: Equipo digital\n"),
    ("    expectation: 4\n    score: 3.9\n", "    expectation: 4.5\n    score: 3.9\n"),
)
BANCO_V2 = edit(BANCO_V2, ("    next: [llegada]\n", "    next: [despedida]\n")) + NEW_MOMENT
# A broken link: `next` names a moment that does not exist (CM004 error).
BANCO_BROKEN = edit(BANCO, ("      - to: asesor\n", "      - to: asesora\n"))


@pytest.fixture
def pair(write):
    def _pair(old: str, new: str):
        return write("old/banco.yaml", old), write("new/banco.yaml", new)

    return _pair


def test_identical_versions(cli, pair):
    old, new = pair(BANCO, BANCO)
    run = cli("diff", str(old), str(new), "--lang", "en")
    assert run.code == 0
    assert "0 added, 0 removed, 0 changed; 0 new findings, 0 fixed" in run.out
    assert "No changes in moments or findings." in run.out


def test_moments_added_removed_and_changed(cli, pair):
    old, new = pair(BANCO, BANCO_V2)
    data = json.loads(cli("diff", str(old), str(new), "--format", "json").out)
    assert [m["id"] for m in data["added"]] == ["despedida"]
    assert data["removed"] == []
    changed = {m["id"]: {c["key"]: c for c in m["changes"]} for m in data["changed"]}
    assert changed["turno"]["score"] == {"key": "score", "old": 2.3, "new": 2.9, "delta": 0.6}
    assert changed["llegada"]["expectation"]["delta"] == 0.5
    assert changed["activacion"]["owner"] == {"key": "owner", "old": "Banca digital", "new": "Equipo digital", "delta": None}
    assert changed["encuesta"]["next"]["new"] == ["despedida"]
    assert set(changed) == {"turno", "llegada", "activacion", "encuesta"}


def test_kind_and_standard_changes_and_a_removed_moment(cli, pair):
    old_text = BANCO
    new_text = edit(BANCO, ("  - id: llegada\n    name: Llega a la sucursal y busca dónde ir\n    kind: routine",
                            "  - id: llegada\n    name: Llega a la sucursal y busca dónde ir\n    kind: critical"),
                    ("    standard: Saludo por el nombre y escucha sin interrumpir\n",
                     "    standard: Saludo por el nombre en menos de 1 min\n"))
    # Remove `firma` (nothing points at it by id; its predecessor falls through to the next).
    start = new_text.index("  - id: firma\n")
    end = new_text.index("  - id: activacion\n")
    new_text = new_text[:start] + new_text[end:]
    old, new = pair(old_text, new_text)
    run = cli("diff", str(old), str(new), "--lang", "en")
    assert run.code == 0, run.err
    assert "Moments removed:\n  - firma (" in run.out
    assert "kind: routine → critical" in run.out
    assert "standard: Saludo por el nombre y escucha sin interrumpir → Saludo por el nombre en menos de 1 min" in run.out


def test_new_and_fixed_findings_and_fail_on_new(cli, pair, write):
    from cyclemap.engine.rules import all_rules

    # The graph rules CM107 and CM202 are retired (they run only when selected): select
    # them beside every default rule, so that a change to the graph shows in the diff.
    codes = [r.code for r in all_rules().values() if not r.retired or r.code in ("CM107", "CM202")]
    write(".cyclemap.yaml", f"select: [{', '.join(codes)}]\n")
    old, new = pair(BANCO, BANCO_BROKEN)
    run = cli("diff", str(old), str(new), "--format", "json")
    data = json.loads(run.out)
    assert run.code == 0  # without --fail-on-new, a diff only reports
    codes = [f["code"] for f in data["findings"]["new"]]
    assert codes == ["CM004"] and data["findings"]["new"][0]["moment"] == "turno"
    # The broken link was banco's only branch (turno -> asesor | queja). CM107 (single point
    # of failure) and CM202 (busiest moments) skip a cycle with no branches, so their old
    # findings go; nothing judged moment by moment changes.
    fixed = data["findings"]["fixed"]
    assert fixed and {f["code"] for f in fixed} <= {"CM106", "CM107", "CM202"}
    assert cli("diff", str(old), str(new), "--fail-on-new", "error").code == 1
    assert cli("diff", str(old), str(new), "--fail-on-new", "warning").code == 1
    assert cli("diff", str(old), str(new), "--fail-on-new", "never").code == 0
    assert cli("diff", str(old), str(new), "--fail-on-new", "soon").code == 2
    # The other way round the same findings swap sides: the error is fixed, and the graph
    # findings come back as new (warnings and notes, no error).
    back = json.loads(cli("diff", str(new), str(old), "--format", "json").out)
    assert [f["code"] for f in back["findings"]["fixed"]] == codes
    assert [(f["code"], f["moment"]) for f in back["findings"]["new"]] == [(f["code"], f["moment"]) for f in fixed]
    assert {f["severity"] for f in back["findings"]["new"]} == {"warning", "info"}
    assert cli("diff", str(new), str(old), "--fail-on-new", "error").code == 0
    assert cli("diff", str(new), str(old), "--fail-on-new", "warning").code == 1


def test_findings_are_matched_by_code_moment_and_message_not_by_line(cli, pair):
    moved = "# a comment\n# and another, pushing every line down\n" + BANCO_BROKEN
    old, new = pair(BANCO_BROKEN, moved)
    data = json.loads(cli("diff", str(old), str(new), "--format", "json").out)
    assert data["findings"] == {"new": [], "fixed": []}
    assert cli("diff", str(old), str(new), "--fail-on-new", "info").code == 0


def test_markdown_for_a_pull_request_comment(cli, pair):
    old, new = pair(BANCO, edit(BANCO_V2, ("      - to: asesor\n", "      - to: asesora\n")))
    run = cli("diff", str(old), str(new), "--format", "markdown", "--lang", "en")
    md = run.out
    assert md.startswith("### cyclemap diff: `")
    assert "#### Moments added\n\n| id | Moment | Kind |\n|---|---|---|\n| `despedida` | Se despide en la puerta | routine |" in md
    assert "| `turno` | Toma turno y espera | score: 2.3 → 2.9 (+0.6)" in md
    assert "#### New findings" in md and "❌ CM004" in md
    spanish = cli("diff", str(old), str(new), "--format", "markdown").out  # the cycle's language
    assert "#### Momentos añadidos" in spanish and "#### Hallazgos nuevos" in spanish


def test_a_version_that_does_not_load(cli, pair):
    old, new = pair(BANCO, "cyclemap: 1\ntitle: [broken\n")
    run = cli("diff", str(old), str(new), "--lang", "en", "--fail-on-new", "error")
    assert run.code == 1 and "Traceback" not in run.err
    assert "moments not compared" in run.out and "CM001" in run.out


def test_diff_usage_errors(cli, pair, tmp_path):
    old, _ = pair(BANCO, BANCO)
    assert cli("diff", str(old), str(tmp_path / "nope.yaml")).code == 2
    assert cli("diff", str(old), str(tmp_path)).code == 2
    assert cli("diff", str(old), str(old), "--format", "html").code == 2


def test_diff_output_file(cli, pair, tmp_path):
    old, new = pair(BANCO, BANCO_V2)
    run = cli("diff", str(old), str(new), "-f", "markdown", "-o", str(tmp_path / "comment.md"))
    assert run.code == 0 and run.out == ""
    assert (tmp_path / "comment.md").read_text(encoding="utf-8").startswith("### cyclemap diff")


# -- check --baseline ----------------------------------------------------------------------

def test_baseline_from_a_json_report(cli, write, tmp_path):
    write("cycles/banco.yaml", BANCO_BROKEN)
    report = cli("check", "cycles", "--format", "json", cwd=tmp_path)
    assert report.code == 1
    write("baseline.json", report.out)
    # Nothing new: the known findings no longer fail the build, and the output says so.
    run = cli("check", "cycles", "--baseline", "baseline.json", "--lang", "en", cwd=tmp_path)
    known = len(json.loads(report.out)["files"][0]["diagnostics"])
    assert run.code == 0, run.out
    assert f"({known} {'finding' if known == 1 else 'findings'} already in the baseline, not shown)" in run.out
    # A new problem on top: only it is reported and counted.
    write("cycles/banco.yaml", edit(BANCO_BROKEN, ("      - to: queja\n", "      - to: quejas\n")))
    run = cli("check", "cycles", "--baseline", "baseline.json", "--format", "json", "--lang", "en", cwd=tmp_path)
    data = json.loads(run.out)
    assert run.code == 1
    messages = [d["message"] for d in data["files"][0]["diagnostics"]]
    assert any("quejas" in m for m in messages) and not any("asesora" in m for m in messages)
    assert "already in the baseline" in run.err


def test_baseline_from_an_older_cycle_file(cli, write, tmp_path):
    write("old.yaml", BANCO_BROKEN)
    write("new.yaml", "# moved down\n" + BANCO_BROKEN)
    assert cli("check", "new.yaml", cwd=tmp_path).code == 1
    run = cli("check", "new.yaml", "--baseline", "old.yaml", "--lang", "en", cwd=tmp_path)
    assert run.code == 0 and "already in the baseline" in run.out
    write("fine.yaml", BANCO)
    run = cli("check", "new.yaml", "--baseline", "fine.yaml", cwd=tmp_path)
    assert run.code == 1


def test_baseline_in_sarif_keeps_only_new_results(cli, write, tmp_path):
    write("old.yaml", BANCO_BROKEN)
    write("new.yaml", BANCO_BROKEN)
    run = cli("check", "new.yaml", "--baseline", "old.yaml", "--format", "sarif", cwd=tmp_path)
    assert run.code == 0
    assert json.loads(run.out)["runs"][0]["results"] == []


def test_baseline_usage_errors(cli, write, tmp_path):
    write("c.yaml", BANCO)
    write("bad-report.json", '{"cyclemap": "0.1.0", "files": 3, "summary": {}}')
    run = cli("check", "c.yaml", "--baseline", "missing.json", cwd=tmp_path)
    assert run.code == 2 and "no such file" in run.err
    run = cli("check", "c.yaml", "--baseline", ".", cwd=tmp_path)
    assert run.code == 2 and "is a folder" in run.err
    run = cli("check", "c.yaml", "--baseline", "bad-report.json", cwd=tmp_path)
    assert run.code == 2 and "not a cyclemap JSON report" in run.err and "Traceback" not in run.err


# -- every bundled example, as a pair of versions (in-process, for speed) --------------------

from tests.conftest import EXAMPLE_FILES  # noqa: E402

# Rules that judge each moment on its own content (and the cycle's unchanged scale).
PER_MOMENT_RULES = frozenset({"CM003", "CM004", "CM008", "CM101", "CM102", "CM103", "CM104", "CM105", "CM109"})
# Rules that only look at critical moments.
CRITICAL_ONLY_RULES = frozenset({"CM101", "CM102", "CM103", "CM104", "CM109", "CM114"})


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_diff_of_each_example_and_a_variant(example, tmp_path):
    import yaml

    from cyclemap.engine.pipeline import Pipeline
    from support import check_cycle
    from support import load_path
    from cyclemap.format.settings import Config
    from cyclemap.engine.diff import diff_results

    text = example.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    same = diff_results(Pipeline().check(str(example)), Pipeline().check(str(example)))
    assert same.empty and same.moments_compared
    # The variant: the first moment flips its kind and gains a score, the last moment goes,
    # a new one arrives, and the file is re-serialised (every line moves).
    first, last = data["moments"][0], data["moments"][-1]
    flipped = "routine" if first["kind"] in ("critical", "crítico", "critico") else "critical"
    old_score = first.get("score")
    first["kind"] = flipped
    first["score"] = 1.5
    data["moments"] = [m for m in data["moments"] if m is not last]
    relinked = set()
    for m in data["moments"]:
        if m.get("next") and any((b if isinstance(b, str) else b["to"]) == last["id"] for b in m["next"]):
            relinked.add(m["id"])
            m["next"] = [b for b in m["next"] if (b if isinstance(b, str) else b["to"]) != last["id"]] or None
            if m["next"] is None:
                del m["next"]
    data["moments"].append({"id": "zz-new", "name": "A new moment", "kind": "routine"})
    variant = tmp_path / example.name
    variant.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    d = diff_results(Pipeline().check(str(example)), Pipeline().check(str(variant)))
    assert d.moments_compared
    assert [m.id for m in d.added] == ["zz-new"]
    assert [m.id for m in d.removed] == [last["id"]]
    changes = {m.id: {c.key: c for c in m.changes} for m in d.changed}
    assert set(changes) == {first["id"]} | relinked  # nothing else changed, though every line moved
    assert all(set(changes[i]) == {"next"} for i in relinked - {first["id"]})
    assert changes[first["id"]]["kind"].new == flipped
    score = changes[first["id"]]["score"]
    assert score.new == 1.5 and (score.delta == round(1.5 - old_score, 6) if old_score is not None else score.delta is None)
    # Re-serialising moved every line, yet the findings of the rules that judge one moment
    # at a time only differ on the moments whose content changed. (The rules over the whole
    # cycle - critical chains, single points of failure, busiest moments, reachability -
    # rightly change elsewhere when a moment goes or a kind flips, so they are left out.)
    per_moment = Config(select=PER_MOMENT_RULES)
    local = diff_results(check_cycle(load_path(str(example))[0], per_moment), check_cycle(load_path(str(variant))[0], per_moment))
    assert [m.id for m in local.added] == ["zz-new"]
    for f in local.new_findings + local.fixed_findings:
        assert f.moment in (first["id"], last["id"], "zz-new"), f
    # With every rule, the flipped moment's own findings follow its new kind.
    before = Pipeline().check(str(example))
    new_here = {f.code for f in d.new_findings if f.moment == first["id"]}
    fixed_here = {f.code for f in d.fixed_findings if f.moment == first["id"]}
    if flipped == "critical":  # now critical and scored 1.5: a moment of misery, and whatever it lacks
        missing = {code for code, key in (("CM101", "owner"), ("CM102", "standard"), ("CM103", "recovery"))
                   if not first.get(key)}
        assert {"CM104"} | missing <= new_here
    else:  # now routine: the critical-moment findings it had are fixed, none is new
        had = {f.code for f in before.diagnostics if f.moment == first["id"] and f.code in CRITICAL_ONLY_RULES}
        assert had <= fixed_here and not new_here & CRITICAL_ONLY_RULES


def test_help_in_both_languages(cli):
    assert "Compare two versions of a cycle" in cli("diff", "--help").out
    assert "Compara dos versiones de un ciclo" in cli("diff", "--help", env={"CYCLEMAP_LANG": "es"}).out
    assert "yaml-language-server" in cli("schema", "--help", env={"CYCLEMAP_LANG": "es"}).out
    assert "para editores" in cli("schema", "--help", env={"CYCLEMAP_LANG": "es"}).out


def test_diff_follows_the_settings_of_the_new_file(cli, tmp_path):
    """A rule the project turned off must not appear (nor fail a build) through diff."""
    from tests.conftest import EXAMPLES

    old = tmp_path / "old" / "banco.yaml"
    new = tmp_path / "repo" / "banco.yaml"
    old.parent.mkdir()
    new.parent.mkdir()
    text = (EXAMPLES / "banco.yaml").read_text(encoding="utf-8")
    # Without the complaint branch the cycle is a straight line, where CM107/CM202 stay quiet.
    old.write_text(text.replace("      - to: queja\n        when: espera mayor a 15 min\n", ""), encoding="utf-8")
    new.write_text(text, encoding="utf-8")
    # CM107 and CM202 are retired: they run when the new file's settings select them ...
    (new.parent / ".cyclemap.yaml").write_text("select: [CM104, CM107, CM202]\n", encoding="utf-8")
    everything = cli("diff", str(old), str(new), "--format", "json")
    assert "CM107" in everything.out
    # ... and not when they do not.
    (new.parent / ".cyclemap.yaml").write_text("select: [CM104, CM105]\n", encoding="utf-8")
    configured = cli("diff", str(old), str(new), "--format", "json")
    assert configured.code == 0, configured.err
    assert "CM107" not in configured.out and "CM202" not in configured.out
    selected = cli("diff", str(old), str(new), "--format", "json", "--select", "CM104")
    assert {f["code"] for part in ("new", "fixed") for f in json.loads(selected.out)["findings"][part]} <= {"CM104"}
