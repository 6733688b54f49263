"""Every command the docs show is run, exactly as written.

Each ```console block of README.md and docs/*.md is read; every `$ cyclemap ...` line runs
through bash (so quotes, `>`, `|` and comments mean what they mean to a reader) in a
fresh workspace per document that looks like a user's repository (see `workspace`), in
the order the document gives them, so a file one command writes is there for the next.

- The exit code must be the documented one: 0, unless the line's comment says `exit N`.
  A command that needs something this machine lacks (system Graphviz for a PDF diagram,
  Chromium and playwright for a PDF handout) must instead end with exit 2 and say what
  is missing, as documented.
- No command may print a Python traceback.
- Output shown under a command must be what it prints: each shown line appears among the
  printed ones (`…` stands for lines left out).
- `--watch` commands keep running by design: they must draw once within a few seconds.

`$` lines that are not cyclemap (`pdftoppm`, the benchmarks) are shown to the reader, not run.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

if shutil.which("bash") is None:
    pytest.skip("bash runs the documented commands", allow_module_level=True)

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RATINGS = "moment,rating\nllegada,4\nllegada,5\nturno,2\nturno,3\nasesor,4\n"


@dataclass
class Command:
    line: str                      # as written, without the `$ `
    shown: list[str] = field(default_factory=list)
    where: str = ""

    @property
    def expected(self) -> int:
        match = re.search(r"#.*\bexit (\d)", self.line)
        return int(match.group(1)) if match else 0


def console_commands(path: Path) -> list[Command]:
    text = path.read_text(encoding="utf-8")
    commands: list[Command] = []
    for block in re.finditer(r"^```console\n(.*?)^```", text, re.S | re.M):
        start = text[:block.start()].count("\n") + 2
        current = None
        for offset, line in enumerate(block.group(1).splitlines()):
            if line.startswith("$ "):
                current = Command(line[2:], where=f"{path.relative_to(ROOT)}:{start + offset}")
                commands.append(current)
            elif current is not None and line.strip():
                current.shown.append(line)
    return commands


def needs_missing(line: str) -> str | None:
    """What a command needs that this machine lacks, or None."""
    words = line.split("#")[0].split()
    pdf = any(w.endswith(".pdf") for w in words) or "--pdf" in words
    if words[1:2] == ["render"] and pdf and shutil.which("dot") is None:
        return "Graphviz"
    if words[1:2] == ["handout"] and pdf:
        try:
            import playwright  # noqa: F401
        except ImportError:
            return "playwright"
        if not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
            return "Chromium"
    return None


def fresh_clone(tmp_path: Path) -> Path:
    """The repository as a clone has it (no virtual environment, caches or outputs), with
    `cyclemap` on PATH (this checkout)."""
    work = tmp_path / "clone"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(
        ".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", "out", ".hypothesis", ".pytest_cache"))
    put_on_path(tmp_path / "bin")
    return work


def put_on_path(bin_dir: Path) -> None:
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "cyclemap"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m cyclemap "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A user's repository: the examples; cycles/ with the same cycles, banco.yaml changed
    since old/ and banco-main.yaml (a critical moment lost its owner, a score went up);
    banco.yaml and taller.yaml at the top; a survey (encuesta.csv); a JSON report of old/ as baseline;
    `cyclemap` on PATH (this checkout)."""
    work = tmp_path / "repo"
    shutil.copytree(EXAMPLES, work / "examples")
    shutil.copytree(EXAMPLES, work / "cycles")
    shutil.copytree(EXAMPLES, work / "old")
    banco = (EXAMPLES / "banco.yaml").read_text(encoding="utf-8")
    changed = banco.replace("    owner: Jefe de operaciones\n", "", 1).replace("score: 2.3", "score: 2.9", 1)
    assert changed.count("\n") == banco.count("\n") - 1 and "score: 2.9" in changed
    (work / "cycles" / "banco.yaml").write_text(changed, encoding="utf-8")
    shutil.copy(EXAMPLES / "banco.yaml", work / "banco.yaml")
    shutil.copy(EXAMPLES / "banco.yaml", work / "banco-main.yaml")  # docs/ci.md: `git show origin/main:…`
    shutil.copy(EXAMPLES / "banco.yaml", work / "taller.yaml")
    (work / "encuesta.csv").write_text(RATINGS, encoding="utf-8")
    (work / "docs").mkdir()
    bin_dir = tmp_path / "bin"
    put_on_path(bin_dir)
    done = subprocess.run([str(bin_dir / "cyclemap"), "check", "old/", "--format", "json", "-o", "main-report.json", "--fail-on", "never"],
                          cwd=work, capture_output=True, text=True, env=environment(bin_dir))
    assert done.returncode == 0, done.stderr
    return work


def environment(bin_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FORCE_COLOR")}
    env.update({"PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", "CYCLEMAP_LANG": "en", "NO_COLOR": "1",
                "COLUMNS": "80", "PAGER": "cat", "LESS": "-FRX"})
    return env


def run_documented(command: Command, work: Path):
    env = environment(work.parent / "bin")
    if "--watch" in command.line or re.search(r"\bcyclemap serve\b", command.line):  # runs until stopped
        proc = subprocess.Popen(["bash", "-c", command.line], cwd=work, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=8)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 15)
            out, err = proc.communicate()
            return None, out, err
        return proc.returncode, out, err
    done = subprocess.run(["bash", "-c", command.line], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout, done.stderr


def shown_lines_match(shown: list[str], printed: str) -> list[str]:
    lines = {line.rstrip() for line in printed.splitlines()}
    return [line for line in shown if line.strip() != "…" and line.rstrip() not in lines]


WITH_COMMANDS = [d for d in DOCUMENTS if any(c.line.startswith("cyclemap ") for c in console_commands(d))]


@pytest.mark.parametrize("document", WITH_COMMANDS, ids=lambda p: str(p.relative_to(ROOT)))
def test_documented_commands_run_as_written(document, tmp_path, request):
    workspace = fresh_clone(tmp_path) if document.name == "README.md" else request.getfixturevalue("workspace")
    commands = [c for c in console_commands(document) if c.line.startswith("cyclemap ")]
    for command in commands:
        code, out, err = run_documented(command, workspace)
        context = f"{command.where}: $ {command.line}\n--- stdout ---\n{out[-2000:]}\n--- stderr ---\n{err[-2000:]}"
        assert "Traceback" not in out + err, context
        if "--watch" in command.line:
            assert code is None and "drew" in err, context  # still watching, after drawing once
            continue
        if re.search(r"\bcyclemap serve\b", command.line):
            assert code is None, context  # still serving when stopped
            continue
        missing = needs_missing(command.line)
        if missing:
            assert code == 2 and missing.lower() in err.lower(), context
            continue
        assert code == command.expected, f"exit {code}, documented {command.expected}\n{context}"
        absent = shown_lines_match(command.shown, out + err)
        assert not absent, f"shown in the docs but not printed: {absent}\n{context}"


def test_console_blocks_are_found():
    assert {d.name for d in WITH_COMMANDS} >= {"README.md", "ci.md", "critique.md", "editors.md", "handout.md", "rendering.md"}
    readme = console_commands(ROOT / "README.md")
    assert any(c.line.startswith("cyclemap check examples/help-desk.yaml") and c.shown for c in readme)
    assert Command("cyclemap check x  # exit 1: findings").expected == 1
    assert Command("cyclemap check x  # see the exit codes").expected == 0


def test_no_cyclemap_command_hides_outside_console_blocks():
    """A command in a ```sh block would escape this test: the docs put them in console blocks."""
    hidden = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for block in re.finditer(r"^```(?:sh|bash|shell|text)\n(.*?)^```", text, re.S | re.M):
            hidden += [f"{document.name}: {line}" for line in block.group(1).splitlines() if line.startswith("cyclemap ")]
    assert not hidden, hidden
