"""Hostile input through the real command line: every file of the hostile corpus
(`benchmarks/hostile.py`) gives its documented outcome — exit code, diagnostic code,
message and `path:line:col` — in bounded time, never a traceback, never a changed input.
Also: the fast start-up path behaves exactly like the Typer app, and start-up does not
import the heavy libraries it does not need."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ALL_REAL, ROOT, invoke_in_process

sys.path.insert(0, str(ROOT / "benchmarks"))
import hostile  # noqa: E402
from generate import generate_cycle  # noqa: E402

# Generous: only a hang or a runaway should ever come near it (the benchmark suite holds
# the real bounds, in benchmarks/RESULTS.md).
HANG_LIMIT = 60
DIAGNOSTIC = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>CM\d{3}) (?P<severity>error|warning|info) ")


def cli_env(**extra: str) -> dict:
    env = {**os.environ, "CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run(*args: str, timeout: float = HANG_LIMIT, **extra_env: str) -> subprocess.CompletedProcess:
    """The real command line, in a new interpreter."""
    return subprocess.run([sys.executable, "-m", "cyclemap", *args], cwd=ROOT, env=cli_env(**extra_env),
                          capture_output=True, text=True, timeout=timeout)


def run_here(*args: str, timeout: float = HANG_LIMIT) -> subprocess.CompletedProcess:
    """The same command line (app, options, exit codes) in this process: for what needs no
    process of its own (no pipe, signal, start-up or memory limit); a hang still fails."""
    if ALL_REAL:
        return run(*args, timeout=timeout)
    result = invoke_in_process(*args, cwd=ROOT, timeout=timeout)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CASES = {case.name: case for case in hostile.cases(Path("/nonexistent"))}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_gets_its_documented_outcome(name, tmp_path):
    case = next(c for c in hostile.cases(tmp_path) if c.name == name)
    path = tmp_path / f"{name}.yaml"
    case.make(path)
    before = sha256(path)
    listing = sorted(os.listdir(tmp_path))

    start = time.monotonic()
    proc = run("check", str(path))
    elapsed = time.monotonic() - start

    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == case.exit, proc.stdout[-2000:] + proc.stderr[-2000:]
    found = [m for m in map(DIAGNOSTIC.match, proc.stdout.splitlines()) if m]
    errors = [m for m in found if m["severity"] == "error"]
    if case.code is None:
        assert errors == []
    else:
        assert errors, proc.stdout[:2000]
        assert {m["code"] for m in errors} == {case.code}
        assert all(m["path"] == str(path) for m in found)
    if case.message is not None:
        assert case.message in proc.stdout
    if case.where is not None:
        place = case.where if ":" in case.where else case.where + r":\d+"
        assert re.search(rf"^{re.escape(str(path))}:{place}: {case.code} error", proc.stdout, re.M), proc.stdout[:500]
    assert elapsed < HANG_LIMIT
    # The input is never touched, and nothing is left beside it.
    assert sha256(path) == before
    assert sorted(os.listdir(tmp_path)) == listing
    assert not (tmp_path / "pwned").exists()


def test_a_tag_never_runs_code(tmp_path):
    """The python-tag case again, in the plainest words: the command in the tag must not run."""
    case = next(c for c in hostile.cases(tmp_path) if c.name == "python-tag")
    path = tmp_path / "tag.yaml"
    case.make(path)
    assert "touch" in path.read_text()
    proc = run_here("check", str(path))
    assert proc.returncode == 1
    assert "!!python/object/apply:os.system` is not allowed" in proc.stdout
    assert not (tmp_path / "pwned").exists()


def test_ten_thousand_moments_check_cleanly(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(generate_cycle(10_000), encoding="utf-8")
    proc = run("check", str(path), "--lang", "en")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "1 file checked: 0 errors" in proc.stdout


# -- start-up: load only what the command needs ---------------------------------------------

def imported_modules(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "cyclemap", *args], cwd=ROOT,
                          env=cli_env(), capture_output=True, text=True, timeout=HANG_LIMIT)
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert names, proc.stderr[:500]
    return names


@pytest.mark.parametrize("args", [["--version"], ["check", "examples/banco.yaml"], ["check", "examples/"]],
                         ids=" ".join)
def test_everyday_calls_import_no_heavy_library(args):
    """`--version` and `check` import neither the graph library nor the terminal or
    drawing libraries (each costs more than a check)."""
    names = imported_modules(*args)
    heavy = {"networkx", "rich", "graphviz", "wasmtime", "resvg_py"}
    assert heavy.isdisjoint(names), sorted(heavy & names)
    assert "cyclemap.cli" in names  # the measurement itself works


def test_help_imports_no_graph_or_drawing_library():
    names = imported_modules("--help")
    assert "typer" in names
    assert {"networkx", "graphviz", "wasmtime"}.isdisjoint(names)


def test_broken_pipe_is_quiet(tmp_path):
    """`cyclemap check big-folder | head -1`: no traceback when the reader goes away."""
    for k in range(150):
        (tmp_path / f"c{k:03d}.yaml").write_text("cyclemap: 1\ntitle: [unclosed\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "cyclemap", "check", str(tmp_path)], cwd=ROOT, env=cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=HANG_LIMIT)
    assert "Traceback" not in err


# -- commands that write files: nothing half-written, nothing left behind --------------------

QUICK_HOSTILE = [name for name in sorted(CASES) if name not in ("fifty-megabytes", "too-many-values")]


@pytest.mark.parametrize("name", QUICK_HOSTILE)
def test_render_of_a_hostile_file_leaves_no_output(name, tmp_path):
    case = next(c for c in hostile.cases(tmp_path) if c.name == name)
    source = tmp_path / "in" / f"{name}.yaml"
    source.parent.mkdir()
    case.make(source)
    before = sha256(source)
    out = tmp_path / "out"
    out.mkdir()
    proc = run_here("render", str(source), "-o", str(out / "diagram.svg"), "--engine", "embedded")
    assert "Traceback" not in proc.stderr
    if case.exit == 0:
        assert proc.returncode == 0, proc.stderr
        assert (out / "diagram.svg").read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    else:
        assert proc.returncode == 1, proc.stderr
        assert os.listdir(out) == []  # no diagram, no temporary file
    assert sha256(source) == before


@pytest.mark.parametrize("name", QUICK_HOSTILE)
def test_export_of_a_hostile_file_leaves_no_output(name, tmp_path):
    case = next(c for c in hostile.cases(tmp_path) if c.name == name)
    source = tmp_path / "in" / f"{name}.yaml"
    source.parent.mkdir()
    case.make(source)
    before = sha256(source)
    out = tmp_path / "out"
    out.mkdir()
    proc = run_here("export", str(source), "--to", "csv", "-o", str(out / "moments.csv"))
    assert "Traceback" not in proc.stderr
    assert proc.returncode == (0 if case.exit == 0 else 1), proc.stderr
    assert os.listdir(out) == (["moments.csv"] if case.exit == 0 else [])
    assert sha256(source) == before


@pytest.mark.parametrize("engine", ["system", "embedded"])
def test_render_time_limit_stops_graphviz_with_a_clear_message(engine, tmp_path):
    if engine == "system" and shutil.which("dot") is None:
        pytest.skip("the system Graphviz (dot) is not installed")
    source = tmp_path / "big.yaml"
    source.write_text(generate_cycle(1500), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    start = time.monotonic()
    proc = run_here("render", str(source), "-o", str(out / "big.svg"), "--layout", "flow", "--engine", engine,
               "--timeout", "0.001")  # the client layouts leave Graphviz only the drawing: short
    assert time.monotonic() - start < HANG_LIMIT
    assert proc.returncode == 2, proc.stderr
    assert "did not finish within 0.001 s" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert os.listdir(out) == []


@pytest.mark.parametrize("value", ["1e999", "nan", "-1", "abc"])
def test_render_refuses_a_timeout_that_is_not_a_positive_number(value, tmp_path):
    proc = run_here("render", "examples/banco.yaml", "-o", str(tmp_path / "x.svg"), "--timeout", value)
    assert proc.returncode == 2
    assert "--timeout" in proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert not (tmp_path / "x.svg").exists()


def test_typer_option_values_still_converted_and_checked(tmp_path):
    bad = run_here("render", "examples/banco.yaml", "-o", str(tmp_path / "x.svg"), "--timeout", "soon")
    assert bad.returncode == 2
    assert "Invalid value for '--timeout'" in bad.stderr and "valid number" in bad.stderr
    good = run_here("render", "examples/banco.yaml", "-o", str(tmp_path / "x.svg"), "--timeout", "20")
    assert good.returncode == 0, good.stderr
    repeated = run_here("check", "examples/", "--exclude", "banco.yaml", "--exclude", "clinica.yaml",
                   "--format", "json")
    assert "banco.yaml" not in repeated.stdout and "clinica.yaml" not in repeated.stdout
    assert "restaurant.yaml" in repeated.stdout


def test_a_name_with_a_newline_or_bidi_override_cannot_split_or_disguise_a_line(tmp_path):
    """Rules quote moment names in their messages; the text format keeps one line per
    diagnostic and shows the invisible characters as escapes."""
    path = tmp_path / "names.yaml"
    path.write_text('cyclemap: 1\ntitle: x\nmoments:\n'
                    '  - {id: a, name: "Line one\\nline two \\u202e evil", kind: critical, score: 1}\n'
                    '  - {id: b, name: B, kind: routine}\n', encoding="utf-8")
    proc = run_here("check", str(path), "--lang", "en")
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0
    assert "\u202e" not in proc.stdout
    assert "(Line one\\nline two \\u202e evil)" in proc.stdout
    for line in lines[:-1]:
        assert DIAGNOSTIC.match(line) or line.startswith("    hint: "), line
    assert lines[-1].startswith("1 file checked")
