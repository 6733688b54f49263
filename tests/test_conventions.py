"""Command-line conventions people expect from a linter, through the real CLI: `-` for
stdin, repeated options, rule families, --color, -q/-v, completion, one option name for
the output format, one language per run, Spanish plurals."""

from __future__ import annotations

import json
import os
import re

import pytest

from conftest import EXAMPLES

BANCO = (EXAMPLES / "banco.yaml").read_text(encoding="utf-8")
RESTAURANT = (EXAMPLES / "restaurant.yaml").read_text(encoding="utf-8")
BROKEN = "cyclemap: 1\ntitle: t\nmoments:\n  - {id: a, name: A, kind: sometimes}\n"
ONE_CRITICAL = """cyclemap: 1
title: Farmacia
language: es
moments:
  - {id: pide, name: Pide el remedio, kind: critical, owner: Ana, standard: s, recovery: r, score: 4, responses: 1}
  - {id: paga, name: Paga, kind: routine, score: 4, responses: 2}
"""


# -- `-` reads the cycle from stdin ----------------------------------------------------

def test_check_reads_stdin_and_names_it(cli):
    run = cli("check", "-", "--format", "json", stdin=BROKEN)
    assert run.code == 1
    [file] = json.loads(run.out)["files"]
    assert file["path"] == "<stdin>" and not file["loaded"]
    text = cli("check", "-", stdin=BROKEN)
    assert text.out.startswith("<stdin>:4:28: CM002 error"), text.out


def test_stdin_with_files_keeps_the_order(cli):
    run = cli("check", str(EXAMPLES / "help-desk.yaml"), "-", "--format", "json", "--fail-on", "never", stdin=BANCO)
    assert run.code == 0
    assert [f["path"] for f in json.loads(run.out)["files"]] == [str(EXAMPLES / "help-desk.yaml"), "<stdin>"]


@pytest.mark.parametrize("args, needle", [
    (["critique", "-"], "Apertura de cuenta en sucursal"),
    (["render", "-", "-o", "-", "--format", "dot"], "digraph"),
    (["export", "-", "--format", "mermaid"], "journey"),
])
def test_other_commands_read_stdin(cli, args, needle):
    run = cli(*args, stdin=BANCO)
    assert run.code == 0, run.err
    assert needle in run.out


def test_stdin_that_does_not_load_is_a_finding_at_stdin(cli):
    for args in (["critique", "-"], ["export", "-", "--format", "csv"], ["render", "-", "-o", "-"]):
        run = cli(*args, stdin="a: [\n")
        assert run.code == 1, args
        assert "<stdin>:" in run.out + run.err and "CM001" in run.out + run.err
        assert "Traceback" not in run.err


def test_watch_refuses_stdin(cli, tmp_path):
    run = cli("render", "-", "-o", str(tmp_path / "x.svg"), "--watch", stdin=BANCO)
    assert run.code == 2 and "stdin" in run.err


# -- repeated options -----------------------------------------------------------------

def test_repeated_single_option_is_a_usage_error(cli):
    for args, named in ((["--fail-on", "error", "--fail-on", "warning"], "--fail-on"),
                        (["-f", "json", "--format=text"], "--format"),
                        (["--lang", "es", "--lang=en"], "--lang")):
        run = cli("check", str(EXAMPLES / "banco.yaml"), *args)
        assert run.code == 2, args
        assert named in run.err and "more than once" in run.err
        assert "Traceback" not in run.err
    run = cli("export", str(EXAMPLES / "banco.yaml"), "--to", "csv", "--format", "json")
    assert run.code == 2 and "more than once" in run.err


def test_repeated_list_options_accumulate(cli):
    run = cli("check", str(EXAMPLES / "banco.yaml"), "--format", "json", "--fail-on", "never",
              "--ignore", "CM201", "--ignore", "CM104,CM117")
    codes = {d["code"] for d in json.loads(run.out)["files"][0]["diagnostics"]}
    assert codes and not codes & {"CM201", "CM104", "CM117"}
    assert "CM105" in codes  # only those three went
    run = cli("check", str(EXAMPLES / "banco.yaml"), "--format", "json", "--fail-on", "never",
              "--select", "CM201", "--select", "CM107")
    assert {d["code"] for d in json.loads(run.out)["files"][0]["diagnostics"]} == {"CM201", "CM107"}


def test_a_value_that_looks_like_an_option_is_not_a_repeat(cli, tmp_path):
    # `-o -f` writes to a file named -f; only --format counts as the format option.
    run = cli("check", str(EXAMPLES / "banco.yaml"), "-o", "-f", "-f", "json", "--fail-on", "never", cwd=tmp_path)
    assert run.code == 0, run.err
    assert json.loads((tmp_path / "-f").read_text(encoding="utf-8"))["files"]


# -- rule families --------------------------------------------------------------------

def test_prefix_selects_a_family_in_options_and_settings(cli, write, tmp_path):
    run = cli("check", str(EXAMPLES / "banco.yaml"), "--format", "json", "--fail-on", "never", "--select", "CM1")
    codes = {d["code"] for d in json.loads(run.out)["files"][0]["diagnostics"]}
    assert codes and all(re.fullmatch(r"CM1\d\d", c) for c in codes)
    cycle = write("c/banco.yaml", BANCO)
    write("c/.cyclemap.yaml", "ignore: [CM2]\nseverity: {CM10: error}\n")
    run = cli("check", str(cycle), "--format", "json", "--fail-on", "never")
    diags = json.loads(run.out)["files"][0]["diagnostics"]
    assert not any(d["code"].startswith("CM2") for d in diags)
    assert {d["severity"] for d in diags if d["code"].startswith("CM10")} == {"error"}
    run = cli("check", str(cycle), "--ignore", "CM3")
    assert run.code == 2 and "CM3" in run.err


# -- --color, -q, -v ----------------------------------------------------------------------

ESC = "\x1b["


@pytest.mark.parametrize("env, args, coloured", [
    ({}, [], False),                                    # a pipe: plain
    ({}, ["--color", "always"], True),
    ({"FORCE_COLOR": "1"}, [], True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),  # NO_COLOR wins
    ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
])
def test_color_choice(cli, env, args, coloured):
    base = {"NO_COLOR": "", "FORCE_COLOR": ""}
    run = cli("critique", str(EXAMPLES / "restaurant.yaml"), *args, env={**base, **env})
    assert run.code == 0, run.err
    assert (ESC in run.out) is coloured


def test_color_bad_value(cli):
    run = cli("critique", str(EXAMPLES / "restaurant.yaml"), "--color", "sometimes")
    assert run.code == 2 and "--color" in run.err


def test_quiet_prints_findings_only(cli):
    run = cli("check", str(EXAMPLES / "restaurant.yaml"), "-q")
    lines = run.out.splitlines()
    assert lines and all(re.match(r".+:\d+:\d+: CM\d{3} ", line) for line in lines)
    assert run.err == ""
    run = cli("check", str(EXAMPLES / "restaurant.yaml"), "--quiet", "--format", "json")
    assert json.loads(run.out) and run.err == ""


def test_verbose_says_what_was_checked(cli):
    run = cli("check", str(EXAMPLES / "restaurant.yaml"), "-v", "--fail-on", "never")
    assert run.code == 0
    assert f"checked {EXAMPLES / 'restaurant.yaml'}: settings defaults" in run.err
    assert re.search(r"\d+ rules, \d+ findings", run.err) and re.search(r"1 file in \d[\d,]* ms", run.err)  # 1,234 ms on a busy machine
    assert cli("check", str(EXAMPLES / "restaurant.yaml"), "-q", "-v").code == 2


@pytest.mark.parametrize("lang, words", [("es", ("revisado ", "1 archivo en ")), ("pt", ("verificado ", "1 arquivo em "))])
def test_verbose_is_in_the_help_language_and_one_is_singular(cli, lang, words):
    run = cli("check", str(EXAMPLES / "restaurant.yaml"), "-v", "--fail-on", "never", env={"CYCLEMAP_LANG": lang})
    assert run.code == 0
    assert all(w in run.err for w in words), run.err


# -- completion -----------------------------------------------------------------------

def test_shell_completion(cli):
    # `--show-completion` finds the shell it was typed in among its parent processes: run
    # it from bash, as a user does (under a runner with no shell above it, it cannot tell).
    import shlex
    import subprocess
    import sys

    from conftest import ROOT

    shown = subprocess.run(["bash", "-c", f"{shlex.quote(sys.executable)} -m cyclemap --show-completion; exit $?"],
                           cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "CYCLEMAP_LANG": "en"},
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "_CYCLEMAP_COMPLETE" in shown.stdout and "complete" in shown.stdout
    run = cli(env={"_CYCLEMAP_COMPLETE": "complete_bash", "COMP_WORDS": "cyclemap che", "COMP_CWORD": "1"})
    assert run.code == 0 and run.out.split() == ["check"]
    run = cli(env={"_CYCLEMAP_COMPLETE": "complete_bash", "COMP_WORDS": "cyclemap check --fail", "COMP_CWORD": "2"})
    assert "--fail-on" in run.out.split()
    assert "--install-completion" in cli("--help").out


# -- one option name for the format ---------------------------------------------------

def test_export_format_and_its_old_name(cli):
    new = cli("export", str(EXAMPLES / "banco.yaml"), "--format", "csv")
    old = cli("export", str(EXAMPLES / "banco.yaml"), "--to", "csv")
    assert new.code == old.code == 0 and new.out == old.out and new.out.startswith("order,id,name")
    assert cli("export", str(EXAMPLES / "banco.yaml"), "-f", "json").out.startswith("{")


# -- languages ------------------------------------------------------------------------

def test_one_language_per_run_for_severity_words_and_summary(cli):
    mixed = cli("check", str(EXAMPLES / "banco.yaml"), str(EXAMPLES / "restaurant.yaml"))
    words = {m.group(1) for m in re.finditer(r": CM\d{3} (\w+) ", mixed.out)}
    assert words <= {"error", "warning", "info"}, words
    assert "advertencia" not in mixed.out and "sugerencia:" not in mixed.out
    assert mixed.out.splitlines()[-1].startswith("2 files checked")
    assert "el momento crítico" in mixed.out  # each message stays in its file's language
    spanish = cli("check", str(EXAMPLES / "banco.yaml"), str(EXAMPLES / "clinica.yaml"))
    assert " advertencia " in spanish.out and " warning " not in spanish.out
    assert spanish.out.splitlines()[-1].startswith("2 archivos revisados")
    forced = cli("check", str(EXAMPLES / "banco.yaml"), str(EXAMPLES / "restaurant.yaml"), "--lang", "es")
    assert " warning " not in forced.out and forced.out.splitlines()[-1].startswith("2 archivos revisados")


def test_spanish_singulars(cli, write, tmp_path):
    cycle = write("farmacia.yaml", ONE_CRITICAL)
    run = cli("critique", str(cycle))
    assert run.code == 0, run.err
    assert "1 crítico · 1 rutinario" in run.out
    assert "1 críticos" not in run.out and "1 rutinarios" not in run.out
    out = tmp_path / "taller.html"
    assert cli("handout", str(cycle), "-o", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    assert "1 respuesta<" in page and "1 respuestas" not in page
    assert "2 momentos de verdad, 1 crítico" in page
    dot = cli("render", str(cycle), "-o", "-", "--format", "dot", "--view", "analyst").out
    assert "2 momentos, 1 crítico" in dot and "1 críticos" not in dot
    english = cli("critique", str(cycle), "--lang", "en").out
    assert "1 critical · 1 routine" in english


# -- exclude in settings --------------------------------------------------------------

def test_settings_exclude_leaves_files_out(cli, write, tmp_path):
    write("repo/.cyclemap.yaml", "exclude: [drafts, \"*-old.yaml\"]\n")
    write("repo/cycles/banco.yaml", BANCO)
    write("repo/cycles/banco-old.yaml", BROKEN)
    write("repo/cycles/drafts/wip.yaml", BROKEN)
    run = cli("check", "cycles", "--fail-on", "never", "--format", "json", cwd=tmp_path / "repo")
    assert [f["path"] for f in json.loads(run.out)["files"]] == [os.path.join("cycles", "banco.yaml")]
    # Named one by one (pre-commit), the excluded ones drop out quietly too.
    run = cli("check", "cycles/banco-old.yaml", "cycles/drafts/wip.yaml", cwd=tmp_path / "repo")
    assert run.code == 0 and "0 files checked" in run.out
    write("repo/.cyclemap.yaml", "exclude: 3\n")
    run = cli("check", "cycles", cwd=tmp_path / "repo")
    assert run.code == 2 and ".cyclemap.yaml:1" in run.err and "exclude" in run.err


COMMANDS = ("check", "critique", "render", "export", "handout", "diff", "init", "rules", "explain", "schema",
            "serve", "survey", "compare", "deck")


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_every_help_is_plain_in_its_language_with_no_type_labels(cli, lang):
    """One help style: no framed panels, no Python type labels (<bool>, <list[str]>), no
    placeholder a reader cannot use (TEXT), headings in the help language."""
    heading = {"en": "Options:", "es": "Opciones:", "pt": "Opções:"}[lang]
    for command in COMMANDS:
        run = cli(command, "--help", env={"CYCLEMAP_LANG": lang})
        assert run.code == 0, (command, run.err)
        assert heading in run.out, (command, lang)
        assert not re.search(r"<(bool|str|int|float|path|list\[[^\]]*\])>", run.out), (command, run.out)
        assert "╭" not in run.out and " TEXT " not in run.out, command


def test_framework_usage_errors_speak_like_cyclemap(cli):
    """An unknown option, a missing argument: the same `cyclemap: ...` lines and exit 2 as
    cyclemap's own refusals, in the help language."""
    run = cli("check", "--bogus", env={"CYCLEMAP_LANG": "es"})
    assert run.code == 2
    first, second = run.err.splitlines()
    assert first.startswith("cyclemap: no existe la opción: --bogus") and second == "cyclemap: pruebe 'cyclemap check --help'"
    run = cli("critique", env={"CYCLEMAP_LANG": "pt"})
    assert run.code == 2 and run.err.startswith("cyclemap: falta o argumento FILE"), run.err
