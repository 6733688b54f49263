"""`cyclemap check`: the loader's model, the graph, exit codes and the JSON contract."""

from __future__ import annotations

import json

import pytest

from cyclemap.engine.graph import build_graph, cycle_order, edges
from support import load_path, load_text
from tests.conftest import EXAMPLE_FILES, EXAMPLES, ROOT


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_has_no_errors(cli, path):
    result = cli("check", str(path))
    assert result.code == 0, result.out
    assert " error " not in result.out


def test_there_are_enough_examples_in_both_languages():
    languages = {load_path(str(p))[0].language for p in EXAMPLE_FILES}
    assert len(EXAMPLE_FILES) >= 4
    assert languages == {"es", "en"}


def test_folder_is_searched_in_a_stable_order(cli):
    result = cli("check", "examples", "--format", "json")
    data = json.loads(result.out)
    paths = [f["path"] for f in data["files"]]
    assert paths == sorted(paths)
    # The folder is searched with its subfolders (examples/connected/...); EXAMPLE_FILES is the top level.
    assert len(paths) == len(sorted(EXAMPLES.rglob("*.yaml")))


def test_json_contract(cli, write):
    bad = write("bad.yaml", "cyclemap: 1\ntitle: T\nmoments:\n  - {id: a, name: A, kind: critical, score: 7}\n  - {id: b, name: B, kind: routine}\n")
    result = cli("check", str(bad), "examples/banco.yaml", "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert set(data) == {"cyclemap", "format", "files", "summary"}
    assert data["format"] == 1
    first = data["files"][0]
    assert set(first) == {"path", "loaded", "title", "language", "diagnostics"}
    diag = next(d for d in first["diagnostics"] if d["code"] == "CM008")
    assert set(diag) == {"code", "severity", "line", "column", "message", "hint", "moment", "subject", "follow_on"}
    assert (diag["line"], diag["column"], diag["severity"], diag["moment"]) == (4, 45, "error", "a")
    assert data["summary"]["files"] == 2
    assert data["summary"]["errors"] == sum(
        1 for f in data["files"] for d in f["diagnostics"] if d["severity"] == "error")


def test_fail_on_levels(cli, write):
    # An unreachable island is an error; with --fail-on never the exit is 0.
    path = write("island.yaml", "cyclemap: 1\ntitle: T\nmoments:\n  - {id: a, name: A, kind: critical, next: [a]}\n  - {id: b, name: B, kind: routine}\n")
    assert cli("check", str(path)).code == 1
    assert cli("check", str(path), "--fail-on", "never").code == 0


def test_one_bad_file_does_not_stop_the_others(cli, write, tmp_path):
    write("a-bad.yaml", "cyclemap: [\n")
    write("b-good.yaml", (ROOT / "examples" / "restaurant.yaml").read_text(encoding="utf-8"))
    result = cli("check", str(tmp_path), "--format", "json")
    data = json.loads(result.out)
    assert [f["loaded"] for f in data["files"]] == [False, True]
    assert result.code == 1


def test_hidden_files_in_folders_are_skipped(cli, write, tmp_path):
    write(".cyclemap.yaml", "ignore: [CM112]\n")  # a settings file, not a cycle
    write("cycle.yaml", (ROOT / "examples" / "restaurant.yaml").read_text(encoding="utf-8"))
    result = cli("check", str(tmp_path))
    assert result.code == 0
    assert "1 file checked" in result.out


@pytest.mark.real_process  # the one help page read from `python -m cyclemap` itself; the others share one process per language
def test_version_and_help(cli):
    assert cli("--version").out.startswith("cyclemap ")
    result = cli("check", "--help")
    assert result.code == 0
    assert "cyclemap check cycles/ --fail-on warning" in result.out


def test_help_in_spanish(cli):
    result = cli("check", "--help", env={"CYCLEMAP_LANG": "es"})
    assert "Archivos de ciclo" in result.out


def test_loader_keeps_positions_and_aliases():
    cycle, problems = load_text(
        "cyclemap: 1\ntitle: Tí\nmoments:\n"
        "  - id: a\n    name: A\n    kind: Crítico\n    dimensions: [Cortesía, capacidad de respuesta]\n    score: 3\n"
        "  - id: b\n    name: B\n    kind: rutina\n    carried_by: sistemas\n"
    )
    assert problems == []
    a, b = cycle.moments
    assert (a.kind, b.kind, b.carried_by) == ("critical", "routine", "systems")
    assert a.dimensions == ("courtesy", "responsiveness")
    assert str(a.at("score")) == "8:12"
    assert str(b.pos) == "9:5"


def test_graph_default_next_closing_and_branches():
    cycle, _ = load_text(
        "cyclemap: 1\ntitle: T\nmoments:\n"
        "  - {id: a, name: A, kind: routine}\n"
        "  - {id: b, name: B, kind: critical, next: [c, {to: complaint, when: waits too long}]}\n"
        "  - {id: c, name: C, kind: routine}\n"
        "  - {id: d, name: D, kind: routine, next: [a]}\n"
        "  - {id: complaint, name: Complains, kind: critical, next: [c]}\n"
    )
    graph = build_graph(cycle)
    assert set(graph.edges) == {("a", "b"), ("b", "c"), ("b", "complaint"), ("c", "d"), ("d", "a"), ("complaint", "c")}
    assert graph.edges["b", "complaint"]["when"] == "waits too long"
    assert graph.edges["d", "a"]["closing"] is True
    assert cycle_order(cycle) == ["a", "b", "complaint", "c", "d"]  # the detour right after where it leaves
    open_cycle, _ = load_text("cyclemap: 1\ntitle: T\nclosed: false\nmoments:\n  - {id: a, name: A, kind: routine}\n  - {id: b, name: B, kind: routine}\n")
    assert [(e.source, e.target) for e in edges(open_cycle)] == [("a", "b")]


def test_internal_error_is_a_message_and_debug_shows_the_traceback(monkeypatch):
    """A bug must never greet the user with a traceback, unless they ask with --debug."""
    from typer.testing import CliRunner

    import cyclemap.engine.analysis
    from cyclemap.cli import app

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cyclemap.engine.analysis, "analyse_cycle", broken)
    monkeypatch.setenv("CYCLEMAP_LANG", "en")
    runner = CliRunner()
    result = runner.invoke(app, ["check", "examples/banco.yaml"])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: boom" in result.output
    assert "Traceback" not in result.output
    debug = runner.invoke(app, ["check", "examples/banco.yaml", "--debug"])
    assert isinstance(debug.exception, RuntimeError)


COMMANDS = ("check", "critique", "render", "export", "handout", "init", "rules", "explain", "schema", "diff")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_teaches_in_both_languages(cli, command):
    english = cli(command, "--help", env={"CYCLEMAP_LANG": "en"})
    spanish = cli(command, "--help", env={"CYCLEMAP_LANG": "es"})
    assert english.code == spanish.code == 0
    first = lambda out: next(l.strip() for l in out.splitlines()[2:] if l.strip())  # noqa: E731
    assert first(english.out) != first(spanish.out), command
    assert "cyclemap " + command in english.out and "cyclemap " + command in spanish.out  # examples to paste
