"""The command frame (cli/frame.py): the same option means the same thing in every command
that has it, every command that writes a report takes `-o`, a cycle file that is a folder
gets one wording everywhere, and a part that comes with an extra is named when missing.
In-process (Typer's runner): nothing here needs a real process."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from cyclemap.cli import app

ROOT = Path(__file__).resolve().parent.parent
BANCO = str(ROOT / "examples" / "banco.yaml")
MARCH = str(ROOT / "examples" / "encuestas" / "banco-marzo.csv")
JUNE = str(ROOT / "examples" / "encuestas" / "banco-junio.csv")
ENV = {"CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100"}


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV)


def options_of_every_command() -> dict[str, dict[str, click.Option]]:
    group = get_command(app)
    ctx = click.Context(group)
    return {name: {p.name: p for p in group.get_command(ctx, name).params if isinstance(p, click.Option)}
            for name in group.list_commands(ctx)}


# Each shared option, by what it means: its names must be these in every command that has it.
SHARED = {"--format": ("--format", "-f"), "--output": ("--output", "-o"), "--lang": ("--lang",),
          "--select": ("--select",), "--ignore": ("--ignore",), "--config": ("--config",),
          "--ratings": ("--ratings",), "--segment": ("--segment",), "--engine": ("--engine", "-e"),
          "--debug": ("--debug",)}


def test_a_shared_option_has_the_same_names_in_every_command():
    wrong = []
    for command, options in options_of_every_command().items():
        for option in options.values():
            long = next((o for o in option.opts if o in SHARED), None)
            if long is not None and not set(SHARED[long]) <= set(option.opts):
                wrong.append(f"{command} {'/'.join(option.opts)}: expected {'/'.join(SHARED[long])}")
    assert wrong == []


def test_the_judging_options_come_together():
    """--segment filters --ratings: a command with --ratings (merged into scores) has --segment too."""
    for command, options in options_of_every_command().items():
        flags = {o for option in options.values() for o in option.opts}
        if "--ratings" in flags and command != "compare":
            assert "--segment" in flags, command


@pytest.mark.parametrize("args", [
    ["critique", BANCO, "-f", "json"],
    ["critique", BANCO, "-f", "markdown"],
    ["check", BANCO, "-f", "json"],
    ["export", BANCO, "-f", "csv"],
    ["diff", BANCO, BANCO, "-f", "markdown"],
    ["compare", BANCO, "--ratings", MARCH, "--against", JUNE, "-f", "json"],
    ["rules", "-f", "markdown"],
    ["schema"],
])
def test_every_command_that_writes_a_report_takes_o(args, tmp_path):
    target = tmp_path / "report.out"
    to_stdout = invoke(*args)
    to_file = invoke(*args, "-o", str(target))
    assert to_file.exit_code == to_stdout.exit_code and to_file.exit_code in (0, 1), to_file.output
    assert to_stdout.stdout and to_file.stdout == ""  # the report went to the file, not to stdout
    assert target.read_text(encoding="utf-8") == to_stdout.stdout


def test_critique_json_is_data(tmp_path):
    run = invoke("critique", BANCO, "-f", "json")
    assert run.exit_code == 0 and json.loads(run.stdout)["title"]


@pytest.mark.parametrize("command", [["critique"], ["render", "-o", "x.svg"], ["export", "-f", "csv"],
                                     ["deck", "-o", "x.pptx"], ["survey", "-o", "x.csv"], ["handout"],
                                     ["diff", BANCO]])
def test_a_folder_given_as_the_cycle_file_is_one_usage_error_in_every_command(command, tmp_path):
    folder = tmp_path / "cycles"
    folder.mkdir()
    args = [command[0], *command[1:], str(folder)] if command[0] == "diff" else [command[0], str(folder), *command[1:]]
    run = invoke(*args)
    assert run.exit_code == 2
    assert run.stderr == f"cyclemap: {folder} is a folder; give one cycle file\n"
    assert list(folder.iterdir()) == [] and not (tmp_path / "x.svg").exists()


def test_deck_takes_segment_as_every_command_with_ratings_does(tmp_path):
    run = invoke("deck", BANCO, "-o", str(tmp_path / "x.pptx"), "--segment", "new")
    assert run.exit_code == 2 and "--segment needs --ratings" in run.stderr


def test_a_missing_extra_is_named_with_exit_2_before_any_work(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pptx" else real(name, *a))
    target = tmp_path / "x.pptx"
    run = invoke("deck", BANCO, "-o", str(target))
    assert run.exit_code == 2 and not target.exists()
    assert run.stderr == ("cyclemap: `cyclemap deck` needs the Python package pptx, which comes with the extra deck: "
                          "pip install 'cyclemap[deck]'\n")


def test_a_file_that_does_not_load_is_the_report_on_stdout_or_a_message_on_stderr(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("cyclemap: 1\ntitle: T\nmoments:\n  - {id: a, name: A, kind: critcal}\n", encoding="utf-8")
    text = invoke("critique", str(bad))
    assert text.exit_code == 1 and f"{bad}:4:" in text.stdout and "CM002" in text.stdout
    data = invoke("critique", str(bad), "-f", "json")  # stdout holds data only: JSON about the broken file
    assert data.exit_code == 1 and "CM002" in json.dumps(json.loads(data.stdout)) and "CM002" not in data.stderr
    drawn = invoke("render", str(bad), "-o", str(tmp_path / "x.svg"))
    assert drawn.exit_code == 1 and "CM002" in drawn.stderr and not (tmp_path / "x.svg").exists()


@pytest.mark.parametrize("words, expected", [
    ("cyclemap render banco.yaml --layout ", ["clock", "flow", "blueprint"]),
    ("cyclemap render banco.yaml --layout f", ["flow"]),
    ("cyclemap check x --format s", ["sarif"]),
    ("cyclemap critique x --lang ", ["en", "es", "pt"]),
    ("cyclemap handout x --edition p", ["participant"]),
    ("cyclemap check x --fail-on w", ["warning"]),
])
def test_the_shell_completes_option_values(words, expected):
    env = {**ENV, "_CYCLEMAP_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split(" ")) - 1)}
    run = CliRunner().invoke(app, [], env=env, prog_name="cyclemap")
    assert run.stdout.split() == expected


@pytest.mark.parametrize("args", [["-q", "-q"], ["-qq"], ["-q", "--quiet"], ["--fail-on", "error", "--fail-on=never"]])
def test_an_option_or_flag_given_twice_is_a_usage_error(args):
    run = invoke("check", BANCO, *args)
    assert run.exit_code == 2 and "given more than once; give it once" in run.stderr


def test_check_colours_like_critique_only_when_asked_or_on_a_terminal():
    plain = invoke("check", BANCO)
    assert "\x1b[" not in plain.stdout  # not a terminal here (and NO_COLOR is set)
    coloured = invoke("check", BANCO, "--color", "always")
    assert "\x1b[33m" in coloured.stdout and "\x1b[1mCM104\x1b[0m" in coloured.stdout
    assert "\x1b[" not in invoke("check", BANCO, "--color", "always", "-f", "json").stdout
