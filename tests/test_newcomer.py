"""A newcomer's first hour: the demo installs only what the demo needs, the bundled
examples and `init` templates pass yamllint's default rules (the first thing a team adds
next to cyclemap in CI), and the parts that come with an extra say which one."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
YAML_FILES = sorted((ROOT / "examples").rglob("*.yaml")) + sorted((ROOT / "cyclemap" / "templates").glob("*/*.yaml"))

# Installed by `test` only: test tools, and the parts one command uses (its extra).
NOT_FOR_THE_DEMO = ("playwright", "pytest", "hypothesis", "build", "pre-commit", "yamllint",
                    "python-pptx", "starlette", "uvicorn", "watchfiles")


def names(requirements: list[str]) -> set[str]:
    import re

    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() for r in requirements}


def test_the_demo_installs_no_test_tool_and_no_one_command_part():
    assert names(PYPROJECT["project"]["dependencies"]).isdisjoint(NOT_FOR_THE_DEMO)


def test_the_tests_install_every_extra_a_command_needs():
    """Every extra a command names when it is missing (`frame.need`) is installed by `test`."""
    import re

    named = {m.group(1) for path in (ROOT / "cyclemap" / "cli").glob("*.py")
             for m in re.finditer(r'need\([^,]+, "([a-z]+)"', path.read_text(encoding="utf-8"))}
    assert {"deck", "serve"} <= named
    extras = PYPROJECT["project"]["optional-dependencies"]
    listed = {e for r in extras["test"] if r.startswith("cyclemap[") for e in r[len("cyclemap["):-1].split(",")}
    installed = names(extras["test"])
    lacking = {e for e in named | {"pdf"} if e not in listed and not names(extras[e]) <= installed}
    assert not lacking, f"the test extra lacks {lacking}"


BLOCKER = """
import importlib.abc, sys
BLOCKED = {blocked!r}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} is not installed (blocked by the test)")
sys.meta_path.insert(0, Block())
import importlib.util
real = importlib.util.find_spec
importlib.util.find_spec = lambda name, *a: None if name.split(".")[0] in BLOCKED else real(name, *a)
sys.argv = ["cyclemap", *sys.argv[1:]]
from cyclemap.start import main
main()
"""
MODULES = ("playwright", "pytest", "hypothesis", "build", "pre_commit", "pypdf", "yamllint", "pptx", "starlette",
           "uvicorn", "watchfiles")


def run_without_extras(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CYCLEMAP_LANG": "en", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", BLOCKER.format(blocked=set(MODULES)), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_demo_runs_without_the_extras_and_the_test_tools(tmp_path):
    """What `bootstrap.py demo` runs — draw the example, criticise it — with none of those
    modules importable; `deck` and `serve` then say which extra they need (exit 2)."""
    banco = ROOT / "examples" / "banco.yaml"
    drawn = run_without_extras("render", str(banco), "-o", str(tmp_path / "banco.svg"), cwd=tmp_path)
    assert drawn.returncode == 0, drawn.stderr
    assert (tmp_path / "banco.svg").read_text(encoding="utf-8").lstrip().startswith("<")
    critique = run_without_extras("critique", str(banco), cwd=tmp_path)
    assert critique.returncode == 0 and "Apertura de cuenta en sucursal" in critique.stdout, critique.stderr
    deck = run_without_extras("deck", str(banco), "-o", str(tmp_path / "x.pptx"), cwd=tmp_path)
    assert deck.returncode == 2 and "pip install 'cyclemap[deck]'" in deck.stderr, deck.stderr
    serve = run_without_extras("serve", str(banco), "--port", "0", cwd=tmp_path)
    assert serve.returncode == 2 and "pip install 'cyclemap[serve]'" in serve.stderr, serve.stderr


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_and_templates_pass_yamllint_defaults(path):
    yamllint = pytest.importorskip("yamllint.linter")
    from yamllint.config import YamlLintConfig

    problems = list(yamllint.run(path.read_text(encoding="utf-8"), YamlLintConfig("extends: default"), str(path)))
    assert [f"{path.name}:{p.line}:{p.column}: {p.desc} ({p.rule})" for p in problems] == []
