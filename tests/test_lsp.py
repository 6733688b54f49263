"""`cyclemap lsp` through its protocol, with a real server process over stdio: initialize,
didOpen, didChange, publishDiagnostics, hover, completion, definition and codeAction.
The diagnostics are the same findings `check` reports (codes and line:col compared)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

pytest.importorskip("pygls", reason="pygls is not installed (pip install 'cyclemap[lsp]')")
from tests.lsp_client import Client  # noqa: E402

CYCLE = """\
cyclemap: 1
title: Coffee to go
language: {lang}
moments:
  - id: queue
    name: Joins the queue
    kind: critical
    next: [order]
  - id: order
    name: Orders at the till
    kind: routine
    chanel: phone
  - id: pay
    name: Pays
    kind: critcal
    next: [queu]
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lsp")
    client = Client(cwd=str(folder))
    result = client.start(str(folder))
    client.folder = folder
    client.capabilities = result["capabilities"]
    yield client
    client.close()


def lines_of(diagnostics):
    return sorted((d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1)
                  for d in diagnostics)


def test_initialize_announces_what_the_server_does(server):
    caps = server.capabilities
    assert caps["hoverProvider"] and caps["definitionProvider"]
    assert "completionProvider" in caps and "codeActionProvider" in caps
    assert caps["textDocumentSync"]["change"] == 2  # incremental


def test_diagnostics_are_the_findings_of_check(server):
    path = server.folder / "good.yaml"
    text = (__import__("pathlib").Path(__file__).parent.parent / "examples" / "banco.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    server.open(uri, text)
    got = server.diagnostics(uri, 1)
    report = json.loads(run_cli("check", str(path), "--format", "json", "--fail-on", "never").out)
    expected = sorted((d["code"], d["line"], d["column"]) for d in report["files"][0]["diagnostics"])
    assert lines_of(got) == expected and expected
    # in the file's language (Spanish), with the hint under the message, and the severity mapped
    first = next(d for d in got if d["code"] == "CM102")
    assert "estándar" in first["message"] and "\n" in first["message"] and first["severity"] == 2
    assert first["source"] == "cyclemap"


def test_a_change_brings_new_diagnostics_and_a_fix_clears_them(server):
    path = server.folder / "typing.yaml"
    text = CYCLE.format(lang="en")
    uri = path.as_uri()
    server.open(uri, text)
    first = server.diagnostics(uri, 1)
    # The reader stops at the unknown key and the bad kind (CM002), at their places.
    assert ("CM002", 12, 5) in lines_of(first) and ("CM002", 15, 11) in lines_of(first)
    key = next(d for d in first if d["range"]["start"]["line"] == 11)
    assert key["range"]["end"]["character"] == 10  # the whole word `chanel`
    # Incremental edits: correct the key, then the kind.
    server.change(uri, 2, "channel", {"start": {"line": 11, "character": 4}, "end": {"line": 11, "character": 10}})
    second = server.diagnostics(uri, 2)
    assert ("CM002", 12, 5) not in lines_of(second) and ("CM002", 15, 11) in lines_of(second)
    server.change(uri, 3, "critical", {"start": {"line": 14, "character": 10}, "end": {"line": 14, "character": 17}})
    third = server.diagnostics(uri, 3)
    assert not any(d["code"] == "CM002" for d in third)
    assert ("CM004", 16, 12) in lines_of(third)  # now the cycle reads, and `queu` is an unknown id


def test_hover_on_a_finding_shows_its_rule(server):
    uri = (server.folder / "hover.yaml").as_uri()
    server.open(uri, CYCLE.format(lang="es").replace("chanel", "channel").replace("critcal", "critical"))
    found = server.diagnostics(uri, 1)
    unknown = next(d for d in found if d["code"] == "CM004")
    at = unknown["range"]["start"]
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": at})
    text = hover["contents"]["value"]
    assert "CM004" in text and "Por qué importa" in text  # the rule's doc, in the file's language
    nothing = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                    "position": {"line": 1, "character": 3}})
    assert nothing is None
    # On an id in `next:`, the moment it names.
    row = CYCLE.splitlines().index("    next: [order]")
    named = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": row, "character": 13}})
    assert named["contents"]["value"] == "**Orders at the till** (rutina)"


def complete(server, uri, line, character):
    result = server.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                        "position": {"line": line, "character": character}})
    items = result["items"] if isinstance(result, dict) else (result or [])
    return [i["label"] for i in items], items


def test_completion_of_ids_in_next_and_of_the_formats_words(server):
    text = CYCLE.format(lang="es").replace("chanel", "channel").replace("critcal", "critical")
    text += "  - id: leave\n    name: Leaves\n    kind: \n    channel: \n    next:\n      - \n    dimensions: [\n"
    uri = (server.folder / "complete.yaml").as_uri()
    server.open(uri, text)
    server.diagnostics(uri, 1)
    rows = text.splitlines()
    flow = rows.index("    next: [order]")
    labels, items = complete(server, uri, flow, len("    next: ["))
    assert labels == ["queue", "order", "pay", "leave"]
    assert items[0].get("detail") is None or items[0]["detail"]  # named when the file read
    block = rows.index("      - ")
    assert complete(server, uri, block, 8)[0] == ["queue", "order", "pay", "leave"]
    kinds, _items = complete(server, uri, rows.index("    kind: "), 10)
    assert set(kinds) == {"crítico", "rutina"}  # Spanish words the reader accepts
    channels, _items = complete(server, uri, rows.index("    channel: "), 13)
    assert "instalaciones" in channels and len(channels) == 7
    dims, _items = complete(server, uri, rows.index("    dimensions: ["), 17)
    assert len(dims) == 10 and "cortesía" in dims
    # Every word offered reads: a cycle written with them has no CM002.
    check = text.replace("    kind: \n", "    kind: crítico\n").replace("    channel: \n", "    channel: instalaciones\n")
    check = check.replace("      - \n", "      - queue\n").replace("    dimensions: [\n", f"    dimensions: [{', '.join(dims)}]\n")
    path = server.folder / "words.yaml"
    path.write_text(check, encoding="utf-8")
    report = json.loads(run_cli("check", str(path), "--format", "json", "--fail-on", "never").out)
    assert report["files"][0]["loaded"], report
    none, _items = complete(server, uri, 1, 3)  # inside `title`: nothing to offer
    assert none == []


def test_go_to_the_moment_a_next_names(server):
    text = CYCLE.format(lang="en")
    uri = (server.folder / "definition.yaml").as_uri()
    server.open(uri, text)
    server.diagnostics(uri, 1)
    row = text.splitlines().index("    next: [order]")
    found = server.request("textDocument/definition", {"textDocument": {"uri": uri},
                                                       "position": {"line": row, "character": 13}})
    assert found["uri"] == uri and found["range"]["start"] == {"line": 8, "character": 8}
    away = server.request("textDocument/definition", {"textDocument": {"uri": uri},
                                                      "position": {"line": 5, "character": 12}})
    assert away is None  # a moment's name is not a link


def test_quick_fixes_where_certain(server):
    text = CYCLE.format(lang="en").replace("critcal", "critical")
    uri = (server.folder / "fix.yaml").as_uri()
    server.open(uri, text)
    found = server.diagnostics(uri, 1)
    key = next(d for d in found if d["code"] == "CM002")
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": key["range"], "context": {"diagnostics": [key]}})
    assert len(actions) == 1 and actions[0]["kind"] == "quickfix"
    edit = actions[0]["edit"]["changes"][uri][0]
    assert edit["newText"] == "channel" and edit["range"] == key["range"]
    assert "chanel" in actions[0]["title"] and "channel" in actions[0]["title"]
    # apply it, and the unknown id's fix comes next
    server.change(uri, 2, "channel", key["range"])
    found = server.diagnostics(uri, 2)
    unknown = next(d for d in found if d["code"] == "CM004")
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": unknown["range"], "context": {"diagnostics": [unknown]}})
    assert [a["edit"]["changes"][uri][0]["newText"] for a in actions] == ["queue"]
    # No certain fix (two close ids): no quick fix offered.
    twins = text.replace("chanel", "channel").replace("- id: order", "- id: queues").replace("next: [order]", "next: [queues]")
    server.change(uri, 3, twins)
    found = server.diagnostics(uri, 3)
    unknown = next(d for d in found if d["code"] == "CM004")
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": unknown["range"], "context": {"diagnostics": [unknown]}})
    assert actions == []


def test_without_pygls_the_command_says_how_to_get_it(tmp_path):
    blocker = tmp_path / "pygls"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('No module named pygls')\n")
    import os

    run = run_cli("lsp", env={"PYTHONPATH": f"{__import__('tests.conftest').conftest.ROOT}{os.pathsep}{tmp_path}"})
    assert run.code == 2 and "pip install 'cyclemap[lsp]'" in run.err and "Traceback" not in run.err


def test_a_big_file_is_checked_once_typing_pauses(server):
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate_cycle

    text = generate_cycle(3000)
    uri = (server.folder / "big.yaml").as_uri()
    server.open(uri, text)
    assert server.diagnostics(uri, 1, timeout=60)
    row = next(i for i, line in enumerate(text.splitlines()) if line.strip().startswith("name:"))
    col = text.splitlines()[row].index("name:") + len("name: ")
    for version in range(2, 7):  # five keystrokes in a row
        server.change(uri, version, "X", {"start": {"line": row, "character": col},
                                          "end": {"line": row, "character": col}})
    # Only the last text is checked: the keystrokes in between never queue up behind it.
    assert server.versions_until(uri, 6) == [6]


def test_a_spanish_key_gets_the_formats_key_as_its_fix(server):
    text = CYCLE.format(lang="es").replace("chanel: phone", "responsable: Cajero").replace("critcal", "critical")
    uri = (server.folder / "clave.yaml").as_uri()
    server.open(uri, text)
    found = server.diagnostics(uri, 1)
    key = next(d for d in found if d["code"] == "CM002")
    assert "responsable" in key["message"] and key["range"]["end"]["character"] - key["range"]["start"]["character"] == 11
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": key["range"], "context": {"diagnostics": [key]}})
    assert [a["edit"]["changes"][uri][0]["newText"] for a in actions] == ["owner"]
    assert actions[0]["title"] == "Cambiar `responsable` por `owner`"  # in the file's language
