"""The newcomer's first error is the real one.

- Follow-on findings of one mistake are folded under it: a link to an unknown moment or a
  duplicated id leaves later moments unreachable (CM005) or without a way back (CM006);
  those are shown under the mistake, not as errors of their own before it.
- A YAML syntax error is said in the reader's language, at the line of the mistake, with
  a hint for the mistake made (a tab, a missing colon, an unclosed quote or bracket, a bad
  indent, a colon inside a value) — in `check`, `critique`, settings files and the live page,
  which all read files through the same reader.

Cases are built from the bundled examples by one edit each, so the class (not one file)
is what is tested. In-process: nothing here needs a real process."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cyclemap.cli import app
from cyclemap.engine.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ENV = {"CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100"}
IDS = re.compile(r"^  - id: (\S+)$", re.M)
NEXT = re.compile(r"(?:next: \[|- to: |next: \[\{to: )([a-z0-9_-]+)", re.M)


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV)


def errors(path: Path) -> list:
    checked = Pipeline(lang="en").check(str(path))
    return [d for d in checked.diagnostics if d.severity.value == "error"]


def wrong_next(text: str) -> tuple[str, int]:
    """The example with its first `next: [target]` pointing to a misspelt target."""
    match = NEXT.search(text)
    if match is None:  # a cycle that links by list order: the second moment gets a `next` of its own
        ids = list(IDS.finditer(text))
        end = ids[1].end()
        text = text[:end] + f"\n    next: [{ids[2].group(1)}]" + text[end:]
        match = NEXT.search(text)
    start = match.start(1)
    target = match.group(1)
    typo = target[:-1] + ("q" if target[-1] != "q" else "z")
    return text[:start] + typo + text[match.end(1):], text[:start].count("\n") + 1


def duplicate_id(text: str) -> tuple[str, int]:
    """The example with its third moment given the id of the second."""
    ids = list(IDS.finditer(text))
    third = ids[2]
    return (text[:third.start(1)] + ids[1].group(1) + text[third.end(1):], text[:third.start(1)].count("\n") + 1)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("mistake", [wrong_next, duplicate_id], ids=["wrong-next", "duplicate-id"])
def test_one_mistake_is_one_error_with_its_follow_ons_under_it(example, mistake, tmp_path):
    text, line = mistake(example.read_text(encoding="utf-8"))
    path = tmp_path / example.name
    path.write_text(text, encoding="utf-8")
    found = errors(path)
    assert len(found) == 1, [f"{d.pos.line} {d.code}" for d in found]
    assert found[0].pos.line == line and found[0].code in ("CM003", "CM004")
    assert all(f.code in ("CM004", "CM005", "CM006") for f in found[0].follow_on)
    run = invoke("check", str(path), "--lang", "en")
    first = next(line for line in run.stdout.splitlines() if " error " in line)
    assert first.startswith(f"{path}:{line}:") and found[0].code in first
    if found[0].follow_on:
        assert "probably caused by this (fix it first, then check again):" in run.stdout
        assert f"and {len(found[0].follow_on)} follow-on finding" in run.stdout.splitlines()[-1]
        data = json.loads(invoke("check", str(path), "-f", "json").stdout)
        root = next(d for d in data["files"][0]["diagnostics"] if d["severity"] == "error")
        assert [f["code"] for f in root["follow_on"]] == [f.code for f in found[0].follow_on]


def test_a_typo_with_a_close_id_stands_on_its_own_beside_a_duplicate(tmp_path):
    """A duplicated id does not swallow an unrelated typo: the typo has a did-you-mean."""
    path = tmp_path / "two.yaml"
    path.write_text("cyclemap: 1\ntitle: T\nmoments:\n"
                    "  - {id: arrive, name: A, kind: critical, next: [choose]}\n"
                    "  - {id: choose, name: B, kind: routine, next: [pai]}\n"
                    "  - {id: pay, name: C, kind: routine}\n"
                    "  - {id: choose, name: D, kind: routine}\n", encoding="utf-8")
    found = errors(path)
    assert [(d.code, d.pos.line) for d in found] == [("CM004", 5), ("CM003", 7)]
    assert "did you mean `pay`?" in found[0].hint("en")


BASE = "cyclemap: 1\ntitle: T\nmoments:\n  - id: a\n    name: A\n    kind: critical\n  - id: b\n    name: B\n    kind: routine\n"
SYNTAX = {  # what is wrong -> (the file, line:col of the mistake, words of the message, words of the hint)
    "tab": (BASE.replace("    name: A", "\tname: A"), (5, 1), "a tab in the indentation", "replace the tab with spaces"),
    "missing colon": (BASE.replace("name: A", "name A"), (5, 5), "`name A` has no colon", "put a colon"),
    "missing colon, last key": (BASE.replace("kind: routine", "kind routine"), (9, 5), "`kind routine` has no colon",
                                "put a colon"),
    "unclosed quote": (BASE.replace("title: T", 'title: "T'), (2, 8), "the quote \" opened here is never closed",
                       "end the text with the same quote"),
    "unclosed bracket": (BASE.replace("    kind: critical\n", "    kind: critical\n    next: [b\n", 1), (7, 11),
                         "the [ opened here is not closed with ]", "close it on the same line"),
    "indent too deep": (BASE.replace("    name: A", "      name: A"), (5, 7), "indented differently",
                        "line it up with the other keys"),
    "indent too shallow": (BASE.replace("    kind: critical", "   kind: critical"), (6, 4), "indented differently",
                           "line it up"),
    "colon in a value": (BASE.replace("title: T", "title: Hours: 9 to 5"), (2, 13), "a second colon",
                         "put the value in quotes"),
}


@pytest.mark.parametrize("case", SYNTAX, ids=list(SYNTAX))
def test_a_yaml_mistake_is_said_where_it_is_with_a_hint_for_it(case, tmp_path):
    text, (line, col), message, hint = SYNTAX[case]
    path = tmp_path / "cycle.yaml"
    path.write_text(text, encoding="utf-8")
    run = invoke("check", str(path))
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"{path}:{line}:{col}: CM001 error not valid YAML: "), lines[0]
    assert message in lines[0] and hint in lines[1]
    assert "while scanning" not in run.stdout and "while parsing" not in run.stdout


@pytest.mark.parametrize("lang, words", [("es", "no tiene dos puntos"), ("pt", "não tem dois-pontos")])
def test_a_yaml_mistake_is_said_in_the_readers_language(lang, words, tmp_path):
    path = tmp_path / "cycle.yaml"
    path.write_text(BASE.replace("name: A", "name A"), encoding="utf-8")
    for command in ("check", "critique"):
        run = invoke(command, str(path), "--lang", lang)
        assert run.exit_code == 1 and words in run.stdout, run.stdout


def test_a_settings_file_gets_the_same_words(tmp_path):
    (tmp_path / ".cyclemap.yaml").write_text("ignore: [CM112]\nseverity\n", encoding="utf-8")
    path = tmp_path / "cycle.yaml"
    path.write_text(BASE, encoding="utf-8")
    run = invoke("check", str(path))
    assert run.exit_code == 2 and ":2:1:" in run.stderr and "`severity` has no colon" in run.stderr, run.stderr
