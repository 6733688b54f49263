"""`check` as a CI tool: many files (folders, globs, --exclude) in a stable order, one bad
file never stopping the others, --output written atomically with the summary on the
terminal, and the exit codes as documented."""

from __future__ import annotations

import json
import os
import sys

import pytest

from tests.conftest import EXAMPLE_FILES

GOOD = EXAMPLE_FILES[0].read_text(encoding="utf-8")
DUPLICATE = "cyclemap: 1\ntitle: Twins\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: a, name: B, kind: routine}\n"
# The structure rules. DUPLICATE and GOOD also carry weak-point warnings and notes; tests
# about files, outputs and summaries (not about weak points) check with these rules only,
# so that their exact expectations stay exact.
STRUCTURE = "CM001,CM002,CM003,CM004,CM005,CM006,CM007,CM008"


def paths_in(report: str) -> list[str]:
    return [f["path"] for f in json.loads(report)["files"]]


@pytest.fixture
def tree(write):
    write("cycles/b.yaml", GOOD)
    write("cycles/a.yml", GOOD)
    write("cycles/sub/c.yaml", DUPLICATE)
    write("cycles/drafts/d.yaml", DUPLICATE)
    write("cycles/.hidden/e.yaml", DUPLICATE)
    write("cycles/notes.txt", "not a cycle")
    return write


def test_folder_is_searched_in_a_stable_sorted_order(cli, tree, tmp_path):
    run = cli("check", "cycles", "--format", "json", cwd=tmp_path)
    assert paths_in(run.out) == ["cycles/a.yml", "cycles/b.yaml", "cycles/drafts/d.yaml", "cycles/sub/c.yaml"]
    again = cli("check", "cycles", "--format", "json", cwd=tmp_path)
    assert again.out == run.out


@pytest.mark.parametrize("pattern", ["cycles/**/*.yaml", "./cycles/**/*.yaml"])
def test_glob_patterns_are_expanded_by_cyclemap(cli, tree, tmp_path, pattern):
    # Passed as one argument, as a quoted pattern on any shell (or on Windows) arrives.
    run = cli("check", pattern, "--format", "json", cwd=tmp_path)
    found = [p.removeprefix("./") for p in paths_in(run.out)]
    assert found == ["cycles/b.yaml", "cycles/drafts/d.yaml", "cycles/sub/c.yaml"]


@pytest.mark.parametrize("exclude", ["drafts", "cycles/drafts", "cycles/drafts/*", "*/drafts/*", "d.yaml"])
def test_exclude_leaves_out_matching_paths(cli, tree, tmp_path, exclude):
    run = cli("check", "cycles", "--exclude", exclude, "--format", "json", cwd=tmp_path)
    assert "cycles/drafts/d.yaml" not in paths_in(run.out)
    assert "cycles/sub/c.yaml" in paths_in(run.out)


def test_exclude_is_repeatable_and_applies_to_globs(cli, tree, tmp_path):
    run = cli("check", "cycles/**/*.y*ml", "--exclude", "drafts", "--exclude", "sub", "--format", "json", cwd=tmp_path)
    assert paths_in(run.out) == ["cycles/a.yml", "cycles/b.yaml"]
    assert run.code == 0


def test_excluded_named_file_drops_out_quietly(cli, tree, tmp_path):
    # pre-commit names files one by one; an excluded one must not be a usage error.
    run = cli("check", "cycles/drafts/d.yaml", "cycles/b.yaml", "--exclude", "drafts", "--format", "json", cwd=tmp_path)
    assert run.code == 0 and paths_in(run.out) == ["cycles/b.yaml"]


def test_pattern_or_folder_with_nothing_left_is_a_usage_error(cli, tree, tmp_path):
    run = cli("check", "cycles/**/*.json", cwd=tmp_path)
    assert run.code == 2 and "matches no files" in run.err
    run = cli("check", "cycles/sub", "--exclude", "sub", cwd=tmp_path)
    assert run.code == 2 and "no cycle files" in run.err
    run = cli("check", "cycles/missing.yaml", cwd=tmp_path)
    assert run.code == 2 and "no such file" in run.err and "Traceback" not in run.err


def test_one_bad_file_never_stops_the_others(cli, write, tmp_path):
    write("cycles/1-good.yaml", GOOD)
    write("cycles/2-not-yaml.yaml", "cyclemap: 1\ntitle: [oops\n")
    write("cycles/3-binary.yaml", b"\xff\xfe\x00garbage")
    write("cycles/4-good.yaml", GOOD)
    unreadable = write("cycles/5-locked.yaml", GOOD)
    unreadable.chmod(0)
    try:
        run = cli("check", "cycles", "--format", "json", cwd=tmp_path)
    finally:
        unreadable.chmod(0o644)
    data = json.loads(run.out)
    assert run.code == 1, run.err
    assert [f["path"] for f in data["files"]] == [
        "cycles/1-good.yaml", "cycles/2-not-yaml.yaml", "cycles/3-binary.yaml", "cycles/4-good.yaml", "cycles/5-locked.yaml"]
    codes = {f["path"]: [d["code"] for d in f["diagnostics"] if d["severity"] == "error"] for f in data["files"]}
    assert codes["cycles/1-good.yaml"] == [] and codes["cycles/4-good.yaml"] == []
    assert codes["cycles/2-not-yaml.yaml"] == ["CM001"] and codes["cycles/3-binary.yaml"] == ["CM001"]
    if os.geteuid() != 0 if hasattr(os, "geteuid") else True:  # root reads anything
        assert codes["cycles/5-locked.yaml"] == ["CM001"]
        assert "cannot read the file" in data["files"][4]["diagnostics"][0]["message"]


# -- exit codes and --fail-on ----------------------------------------------------------

def test_exit_codes_as_documented(cli, write, tmp_path):
    write("dup.yaml", DUPLICATE)
    write("ok.yaml", GOOD)
    assert cli("check", "ok.yaml", cwd=tmp_path).code == 0
    assert cli("check", "dup.yaml", cwd=tmp_path).code == 1
    assert cli("check", "dup.yaml", "--fail-on", "never", cwd=tmp_path).code == 0
    assert cli("check", "dup.yaml", "--fail-on", "warning", cwd=tmp_path).code == 1
    assert cli("check", "dup.yaml", "--fail-on", "sometimes", cwd=tmp_path).code == 2
    assert cli("check", "dup.yaml", "--format", "xml", cwd=tmp_path).code == 2


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_machine_formats_keep_stdout_pure_and_summary_on_stderr(cli, write, tmp_path, fmt):
    write("dup.yaml", DUPLICATE)
    run = cli("check", "dup.yaml", "--format", fmt, "--select", STRUCTURE, cwd=tmp_path)
    assert run.code == 1
    assert "file checked" not in run.out
    assert run.err.strip() == "1 file checked: 1 error, 0 warnings, 0 info"
    if fmt in ("json", "sarif"):
        json.loads(run.out)


def test_summary_in_spanish(cli, write, tmp_path):
    write("dup.yaml", DUPLICATE)
    run = cli("check", "dup.yaml", "--format", "json", "--lang", "es", "--select", STRUCTURE, cwd=tmp_path)
    assert run.err.strip() == "1 archivo revisado: 1 error, 0 advertencias, 0 avisos"
    run = cli("check", "dup.yaml", "--format", "json", "--lang", "es", "--select", "CM003,CM101", cwd=tmp_path)
    assert run.err.strip() == "1 archivo revisado: 1 error, 1 advertencia, 0 avisos"


# -- --output ---------------------------------------------------------------------------------

def test_output_writes_the_report_and_the_terminal_gets_the_summary(cli, write, tmp_path):
    write("dup.yaml", DUPLICATE)
    run = cli("check", "dup.yaml", "--format", "sarif", "--output", "out/report.sarif", cwd=tmp_path)
    assert run.code == 2 and "does not exist" in run.err  # the folder is missing: usage error
    (tmp_path / "out").mkdir()
    run = cli("check", "dup.yaml", "--format", "sarif", "-o", "out/report.sarif", cwd=tmp_path)
    assert run.code == 1
    assert run.out == ""
    assert "1 file checked: 1 error" in run.err and "out/report.sarif" in run.err
    data = json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))
    results = data["runs"][0]["results"]
    assert [r["ruleId"] for r in results if r["level"] == "error"] == ["CM003"]
    assert f"1 file checked: 1 error, {len(results) - 1} warnings, 0 info" in run.err  # the rest are weak points
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["report.sarif"]  # no temp file left


def test_output_text_format_goes_whole_to_the_file(cli, write, tmp_path):
    write("dup.yaml", DUPLICATE)
    run = cli("check", "dup.yaml", "-o", "report.txt", "--select", STRUCTURE, cwd=tmp_path)
    text = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert text.startswith("dup.yaml:5:10: CM003 error") and text.endswith("1 file checked: 1 error, 0 warnings, 0 info\n")
    assert run.out == "" and run.err.startswith("1 file checked: 1 error, 0 warnings, 0 info;")


def test_output_replaces_an_old_report_atomically(cli, write, tmp_path):
    write("ok.yaml", GOOD)
    old = write("report.json", "old report")
    before = old.stat().st_ino
    run = cli("check", "ok.yaml", "--format", "json", "-o", "report.json", cwd=tmp_path)
    assert run.code == 0
    assert json.loads(old.read_text(encoding="utf-8"))["summary"]["files"] == 1
    assert old.stat().st_ino != before  # a new file was renamed over it, not written in place


@pytest.mark.skipif(sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="folder permissions do not stop root (or Windows)")
def test_output_not_writable_is_a_usage_error_and_nothing_is_left(cli, write, tmp_path):
    write("ok.yaml", GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        run = cli("check", "ok.yaml", "--format", "json", "-o", "locked/report.json", cwd=tmp_path)
    finally:
        locked.chmod(0o700)
    assert run.code == 2 and "locked/report.json: cannot write" in run.err and "Traceback" not in run.err
    assert list(locked.iterdir()) == []


def test_output_never_overwrites_an_input(cli, write, tmp_path):
    cycle = write("ok.yaml", GOOD)
    run = cli("check", "ok.yaml", "-o", "ok.yaml", cwd=tmp_path)
    assert run.code == 2 and "would overwrite the input file" in run.err
    assert cycle.read_text(encoding="utf-8") == GOOD


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses Linux's /proc")
def test_a_file_that_fails_to_read_is_a_finding_even_for_root(cli, write, tmp_path):
    # /proc/self/mem opens but fails on read (EIO) whoever runs the test.
    write("ok.yaml", GOOD)
    run = cli("check", "ok.yaml", "/proc/self/mem", "--format", "json", "--select", STRUCTURE, cwd=tmp_path)
    data = json.loads(run.out)
    assert run.code == 1 and "Traceback" not in run.err
    assert [f["path"] for f in data["files"]] == ["ok.yaml", "/proc/self/mem"]
    assert data["files"][0]["diagnostics"] == []
    assert data["files"][1]["diagnostics"][0]["code"] == "CM001"
    assert "cannot read the file" in data["files"][1]["diagnostics"][0]["message"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses Linux's /proc")
def test_output_where_no_file_can_be_made_is_a_usage_error_even_for_root(cli, write, tmp_path):
    write("ok.yaml", GOOD)
    run = cli("check", "ok.yaml", "--format", "json", "-o", "/proc/cyclemap-report.json", cwd=tmp_path)
    assert run.code == 2 and "/proc/cyclemap-report.json: cannot write" in run.err and "Traceback" not in run.err


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_output_to_a_device_or_dash_is_written_through(cli, write, tmp_path):
    write("dup.yaml", DUPLICATE)
    run = cli("check", "dup.yaml", "--format", "json", "-o", "/dev/null", cwd=tmp_path)
    assert run.code == 1 and run.out == "" and "report written to /dev/null" in run.err
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")  # still the device
    run = cli("check", "dup.yaml", "--format", "json", "-o", "-", "--select", STRUCTURE, cwd=tmp_path)
    assert run.code == 1 and json.loads(run.out)["summary"]["errors"] == 1
    assert run.err.strip() == "1 file checked: 1 error, 0 warnings, 0 info"
