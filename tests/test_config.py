"""Settings from .cyclemap.yaml and [tool.cyclemap] in pyproject.toml, found by walking up
from the checked file; --select/--ignore/--config; unknown codes and keys rejected with
file:line and exit 2."""

from __future__ import annotations

import pytest

import cyclemap.engine  # noqa: F401  (plugs the rule catalogue into the settings reader)
from cyclemap.format.settings import ConfigError, ConfigFinder, find_config_file, read_config_file
from cyclemap.format.diagnostics import Severity

CYCLE = """cyclemap: 1
title: Shop
moments:
  - {id: a, name: Buys, kind: critical, expectation: 4, score: 2}
  - {id: b, name: Leaves, kind: routine}
"""


def codes(out: str) -> set[str]:
    return {part for line in out.splitlines() for part in line.split() if part.startswith("CM") and part[2:].isdigit()}


def test_cyclemap_yaml_found_walking_up(write, cli, tmp_path):
    write(".cyclemap.yaml", "ignore: [CM101, CM102]\nseverity:\n  CM104: error\n")
    cycle = write("cycles/deep/shop.yaml", CYCLE)
    run = cli("check", str(cycle))
    found = codes(run.out)
    assert "CM101" not in found and "CM102" not in found and "CM103" in found
    assert "CM104 error" in run.out and run.code == 1  # CM104 raised to error: fails the check
    assert find_config_file(cycle) == tmp_path / ".cyclemap.yaml"


def test_pyproject_table_and_thresholds(write, cli):
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.cyclemap]\nselect = ["CM104", "CM112"]\n\n'
                            "[tool.cyclemap.thresholds]\nacceptable_score = 0.2\nmax_moments = 2\n")
    cycle = write("shop.yaml", CYCLE + "  - {id: c, name: Comes back, kind: routine}\n")
    run = cli("check", str(cycle))
    assert codes(run.out) == {"CM112"}, run.out  # 2 on 1..5 is above 0.2 of the scale (1.8)
    assert run.code == 0


def test_pyproject_without_table_is_skipped_for_one_further_up(write, tmp_path):
    write(".cyclemap.yml", "ignore: [CM108]\n")
    write("sub/pyproject.toml", '[project]\nname = "x"\n')
    cycle = write("sub/shop.yaml", CYCLE)
    assert find_config_file(cycle) == tmp_path / ".cyclemap.yml"


def test_command_line_replaces_the_file_lists(write, cli):
    write(".cyclemap.yaml", "select: [CM101]\n")
    cycle = write("shop.yaml", CYCLE)
    assert codes(cli("check", str(cycle)).out) == {"CM101"}
    assert codes(cli("check", str(cycle), "--select", "CM103,cm104").out) == {"CM103", "CM104"}
    assert "CM101" not in codes(cli("check", str(cycle), "--select", "CM101,CM103", "--ignore", "CM101").out)


def test_explicit_config_file(write, cli):
    settings = write("elsewhere/my.yaml", "select: [CM108]\n")
    cycle = write("shop.yaml", CYCLE)
    assert codes(cli("check", str(cycle), "--config", str(settings)).out) == {"CM108"}
    run = cli("check", str(cycle), "--config", "nope.yaml")
    assert run.code == 2 and "nope.yaml" in run.err


@pytest.mark.parametrize("content, line, words", [
    ("ignore: [CM101]\nselect: [CM1O4]\n", 2, ["CM1O4", "did you mean CM104"]),
    ("select: [CM101]\nthreshold:\n  gap_margin: 1\n", 2, ["unknown key `threshold`", "thresholds"]),
    ("thresholds:\n  gap_margin: 1\n  chain_lenght: 3\n", 3, ["unknown threshold `chain_lenght`", "chain_length"]),
    ("severity:\n  CM101: error\n  CM104: fatal\n", 3, ["severity of CM104", "fatal"]),
    ("thresholds:\n  max_moments: 2.5\n", 2, ["max_moments", "whole number"]),
    ("severity:\n  CM777: info\n", 2, ["CM777"]),
])
def test_bad_settings_are_usage_errors_with_file_and_line(write, cli, content, line, words):
    write(".cyclemap.yaml", content)
    cycle = write("shop.yaml", CYCLE)
    run = cli("check", str(cycle))
    assert run.code == 2, run
    assert f".cyclemap.yaml:{line}:" in run.err, run.err
    for word in words:
        assert word in run.err
    assert "Traceback" not in run.err


def test_bad_pyproject_code_points_at_its_line(write, cli):
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.cyclemap]\nignore = ["CM101", "CM999"]\n')
    cycle = write("shop.yaml", CYCLE)
    run = cli("critique", str(cycle))
    assert run.code == 2 and "pyproject.toml:5:" in run.err and "CM999" in run.err


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_code_on_the_command_line(write, cli, option):
    cycle = write("shop.yaml", CYCLE)
    for command in ("check", "critique"):
        run = cli(command, str(cycle), option, "CM101,CM30")  # CM30: no family (CM1 is one: every CM1xx)
        assert run.code == 2 and "CM30" in run.err and option in run.err


def test_unknown_code_in_a_moment_ignore_is_an_error(write, cli):
    cycle = write("shop.yaml", CYCLE.replace("kind: routine}", "kind: routine, ignore: [CM555]}"))
    run = cli("check", str(cycle))
    assert run.code == 1 and "CM555" in run.out and "shop.yaml:5:" in run.out


def test_reader_as_data(write):
    path = write(".cyclemap.yaml", "severity: {CM201: warning}\nthresholds: {gap_margin: 0, acceptable_score: 3.5}\n")
    config = read_config_file(path)
    assert config.severity == {"CM201": Severity.WARNING}
    assert config.threshold("gap_margin") == 0 and config.threshold("acceptable_score") == 3.5
    assert config.source == str(path)
    empty = write("empty/.cyclemap.yaml", "")
    assert read_config_file(empty).select is None
    with pytest.raises(ConfigError):
        ConfigFinder(None, "CM101,NOPE", None)


def test_config_error_is_one_text_in_every_language(write, cli):
    path = write(".cyclemap.yaml", "selct: [CM101]\n")
    with pytest.raises(ConfigError) as info:
        read_config_file(path)
    text = info.value.text
    assert text("en").endswith(":1:1: unknown key `selct` (did you mean `select`?)")
    assert text("es").endswith(":1:1: clave desconocida `selct` (¿quiso decir `select`?)")
    assert text("pt").endswith(":1:1: chave desconhecida `selct` (você quis dizer `select`?)")
    assert str(path) in text("pt")
    cycle = write("shop.yaml", CYCLE)
    run = cli("check", str(cycle), "--config", str(path), "--lang", "pt")
    assert run.code == 2 and "chave desconhecida `selct` (você quis dizer `select`?)" in run.err
