"""Every kind of bad input gets a clear message with its place and the documented exit
code, through the real command line: never a traceback, never a changed input."""

from __future__ import annotations

import hashlib
import json

import pytest

GOOD = """cyclemap: 1
title: Test
moments:
  - id: a
    name: A
    kind: critical
  - id: b
    name: B
    kind: routine
"""

# (name, file content, expected code, expected "line:col" or None, words the message must contain)
CASES = [
    ("empty", "", "CM002", "1:1", "empty"),
    ("only-comment", "# nothing here\n", "CM002", "1:1", "empty"),
    ("not-a-mapping", "- a\n- b\n", "CM002", "1:1", "must be a mapping"),
    ("syntax-error", "cyclemap: 1\ntitle: [unclosed\nmoments: []\n", "CM001", None, "not valid YAML"),
    ("tabs", "cyclemap: 1\ntitle: x\nmoments:\n\t- id: a\n", "CM001", "4:1", "tabs"),
    ("duplicate-key", GOOD.replace("title: Test\n", "title: Test\ntitle: Again\n"), "CM002", "3:1", "duplicate key `title`"),
    ("unknown-key-typo", GOOD.replace("    kind: critical\n", "    kind: critical\n    standrad: 10 s\n"), "CM002", "7:5", "did you mean `standard`"),
    ("spanish-key", GOOD.replace("title: Test", "titulo: Test"), "CM002", "2:1", "did you mean `title`"),
    ("kind-yes", GOOD.replace("kind: critical", "kind: yes"), "CM002", "6:11", "yes/no"),
    ("kind-unknown", GOOD.replace("kind: critical", "kind: critcal"), "CM002", "6:11", "did you mean `critical`"),
    ("score-string", GOOD.replace("kind: critical", 'kind: critical\n    score: "3.5"'), "CM002", "7:12", "remove the quotes"),
    ("score-nan", GOOD.replace("kind: critical", "kind: critical\n    score: .nan"), "CM002", "7:12", "finite number"),
    ("score-inf", GOOD.replace("kind: critical", "kind: critical\n    expectation: -.inf"), "CM002", "7:18", "finite number"),
    ("responses-float", GOOD.replace("kind: critical", "kind: critical\n    responses: 2.5"), "CM002", "7:16", "whole number"),
    ("recursive-alias", "cyclemap: 1\ntitle: x\nmoments: &m [*m, *m]\n", "CM002", "3:10", "must be a mapping"),
    ("python-tag", GOOD.replace("title: Test", "title: !!python/object/apply:os.system [echo hacked]"), "CM002", "2:8", "not allowed"),
    ("missing-title", GOOD.replace("title: Test\n", ""), "CM002", "1:1", "missing required key `title`"),
    ("missing-kind", GOOD.replace("    kind: routine\n", ""), "CM002", "7:5", "missing the required key `kind`"),
    ("bad-id", GOOD.replace("id: a", "id: Llegada al banco"), "CM002", "4:9", "try `llegada-al-banco`"),
    ("version-2", GOOD.replace("cyclemap: 1", "cyclemap: 2"), "CM002", "1:11", "format version 2"),
    ("multi-document", GOOD + "---\n" + GOOD, "CM001", None, "one cycle per file"),
    ("next-not-list", GOOD.replace("kind: critical", "kind: critical\n    next: b"), "CM002", "7:11", "must be a list"),
    ("unknown-next", GOOD.replace("kind: critical", "kind: critical\n    next: [c]"), "CM004", "7:12", "not a moment"),
    ("duplicate-id", GOOD.replace("id: b", "id: a"), "CM003", "7:9", "already used"),
    ("one-moment", "cyclemap: 1\ntitle: x\nmoments:\n  - {id: a, name: A, kind: routine}\n", "CM007", "4:3", "at least two"),
    ("outside-scale", GOOD.replace("kind: critical", "kind: critical\n    score: 9"), "CM008", "7:12", "outside the scale"),
    ("unknown-ignore-code", GOOD.replace("kind: critical", "kind: critical\n    ignore: [CM999]"), "CM002", "7:13", "unknown rule CM999"),
]


@pytest.mark.parametrize("name,content,code,where,words", CASES, ids=[c[0] for c in CASES])
def test_bad_file_gets_located_message_and_exit_1(cli, write, name, content, code, where, words):
    path = write(f"{name}.yaml", content)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = cli("check", str(path))
    assert result.code == 1, result.out + result.err
    assert "Traceback" not in result.out + result.err
    lines = result.out.splitlines()
    # The diagnostic is the line with the words, or the one just above its hint.
    index = next(i for i, l in enumerate(lines) if words in l)
    line = lines[index - 1] if lines[index].startswith("    ") else lines[index]
    assert line.startswith(f"{path}:{where or ''}"), line
    assert f" {code} error " in line, line
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # nothing written


def test_not_utf8_points_at_the_byte(cli, write):
    path = write("latin1.yaml", "cyclemap: 1\ntitle: Atención\n".encode("latin-1"))
    result = cli("check", str(path))
    assert result.code == 1
    assert f"{path}:2:14: CM001 error the file is not UTF-8 (byte 0xf3" in result.out
    assert "iconv" in result.out


def test_bom_and_crlf_are_fine_and_positions_stay_true(cli, write):
    text = GOOD.replace("kind: critical", "kind: critical\n    score: 9").replace("\n", "\r\n")
    path = write("bom.yaml", b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = cli("check", str(path))
    assert result.code == 1
    assert f"{path}:7:12: CM008 error" in result.out


def test_nul_byte_is_a_yaml_error(cli, write):
    path = write("nul.yaml", GOOD.replace("name: A", "name: A\x00B"))
    result = cli("check", str(path))
    assert result.code == 1
    assert f"{path}:5:12: CM001 error not valid YAML: the control character U+0000" in result.out


def test_billion_laughs_is_refused_quickly(cli, write):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    content = "cyclemap: 1\ntitle: lol\nstages: " + "[*a9]\n"
    path = write("lol.yaml", "anchors:\n" + "\n".join("  " + l for l in lines) + "\n" + content)
    result = cli("check", str(path))
    assert result.code == 1
    assert "unknown key `anchors`" in result.out
    assert "Traceback" not in result.err
    # The nine-fold aliases are read as wrong types, never expanded into a billion strings.
    assert "`stages` must be text, found a list" in result.out


def test_missing_path_is_usage_error(cli, tmp_path):
    result = cli("check", str(tmp_path / "nope.yaml"))
    assert result.code == 2
    assert "no such file or folder" in result.err
    assert result.out == ""


def test_folder_without_cycles_is_usage_error(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    result = cli("check", str(tmp_path))
    assert result.code == 2
    assert "no cycle files" in result.err


def test_bad_option_value_is_usage_error(cli):
    assert cli("check", "examples", "--format", "xml").code == 2
    assert cli("check", "examples", "--fail-on", "sometimes").code == 2
    assert cli("check", "examples", "--lang", "fr").code == 2


def test_messages_in_spanish(cli, write):
    path = write("es.yaml", GOOD.replace("title: Test", "title: Prueba\nlanguage: es").replace("kind: critical", "kind: yes"))
    result = cli("check", str(path))
    assert "`kind` debe ser uno de routine | critical" in result.out
    assert "sugerencia: YAML lee `yes` como sí/no" in result.out
    assert "1 archivo revisado: 1 error" in result.out
    english = cli("check", str(path), "--lang", "en")
    assert "`kind` must be one of routine | critical" in english.out


def test_json_output_for_a_broken_file(cli, write):
    path = write("broken.yaml", "cyclemap: 1\ntitle: [\n")
    result = cli("check", str(path), "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    (file,) = data["files"]
    assert file["loaded"] is False
    assert file["diagnostics"][0]["code"] == "CM001"
    assert file["diagnostics"][0]["line"] >= 2


def test_messages_in_portuguese(cli, write):
    """`language: pt` is a language of the format: the file is read, and its structural
    errors are told in Portuguese (and `--lang pt` says them so for any file)."""
    path = write("pt.yaml", GOOD.replace("title: Test", "title: Teste\nlanguage: pt").replace("kind: critical", "kind: yes"))
    result = cli("check", str(path))
    assert result.code == 1
    assert "`kind` deve ser um de routine | critical; encontrado: o valor sim/não `yes`" in result.out
    assert "o YAML lê `yes` como sim/não" in result.out
    missing = write("pt-missing.yaml", GOOD.replace("title: Test\n", "language: pt\n"))
    assert "falta a chave obrigatória `title`" in cli("check", str(missing)).out
    assert "o arquivo está vazio" in cli("check", str(write("empty.yaml", "")), "--lang", "pt").out
    good = write("pt-good.yaml", GOOD.replace("title: Test", "title: Teste\nlanguage: português"))
    assert "CM002" not in cli("check", str(good)).out


def test_portuguese_words_are_read(write):
    from support import load_text

    text = GOOD.replace("kind: critical", "kind: crítico\n    channel: telefone\n    dimensions: [confiabilidade, segurança]")
    cycle, problems = load_text(text.replace("kind: routine", "kind: rotineiro"))
    assert not problems, [p.message("en") for p in problems]
    a, b = cycle.moments
    assert (a.kind, a.channel, a.dimensions, b.kind) == ("critical", "phone", ("reliability", "security"), "routine")
