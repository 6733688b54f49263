"""The GitHub Action (action.yml): its composite steps run as the runner would run them.

`act` is not needed: the steps are bash scripts whose `${{ ... }}` expressions only read
`inputs` and `github.action_path`, so this test evaluates those, runs each step with
`bash -e`, and keeps `GITHUB_OUTPUT`, `GITHUB_PATH` and `GITHUB_STEP_SUMMARY` as the
runner does. The offline test runs every step after the install with this checkout's
cyclemap on PATH; the network test runs the install step too (a fresh virtual
environment, pip from the action's folder).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

if shutil.which("git") is None or shutil.which("bash") is None:
    pytest.skip("git and bash are needed", allow_module_level=True)

NETWORK_TROUBLE = ("Could not find a version", "No matching distribution", "NewConnectionError",
                   "Temporary failure in name resolution", "Network is unreachable", "Max retries exceeded",
                   "ConnectTimeout", "ReadTimeout", "ProxyError")


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false",
                    "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True, capture_output=True)


def expression(text: str, inputs: dict, context: dict) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1).strip()
        if name.startswith("inputs."):
            return inputs[name[len("inputs."):]]
        return context[name]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def condition(text: str | None, inputs: dict) -> bool:
    if text is None:
        return True
    match = re.fullmatch(r"inputs\.([\w-]+) != ''", text.strip())
    assert match, f"the test runner does not understand the condition {text!r}"
    return inputs[match.group(1)] != ""


def run_action(workspace: Path, tmp: Path, given: dict, *, skip_install: bool, path_prefix: list[str]) -> dict:
    """Run the composite steps; return the last step's process, the outputs and files."""
    spec = action()
    inputs = {name: str(given.get(name, item.get("default", ""))) for name, item in spec["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, f"not inputs of the action: {unknown}"
    files = {name: tmp / name for name in ("output", "path", "summary")}
    for f in files.values():
        f.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env.update({"GITHUB_OUTPUT": str(files["output"]), "GITHUB_PATH": str(files["path"]),
                "GITHUB_STEP_SUMMARY": str(files["summary"]), "RUNNER_TEMP": str(tmp / "runner"),
                "GITHUB_ACTION_PATH": str(ROOT), "CYCLEMAP_LANG": "en", "NO_COLOR": "1"})
    (tmp / "runner").mkdir(exist_ok=True)
    extra_path = list(path_prefix)
    outputs: dict[str, dict] = {}
    last = None
    for step in spec["runs"]["steps"]:
        if skip_install and step.get("id") == "install":
            continue
        if not condition(step.get("if"), inputs):
            continue
        assert step["shell"] == "bash"
        step_env = {**env, "PATH": os.pathsep.join(extra_path + [env["PATH"]])}
        for key, val in (step.get("env") or {}).items():
            step_env[key] = expression(str(val), inputs, {"github.action_path": str(ROOT)})
        files["output"].write_text("", encoding="utf-8")
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=workspace, env=step_env, capture_output=True, text=True, timeout=900)
        last = proc
        if "id" in step:
            outputs[step["id"]] = dict(line.split("=", 1) for line in files["output"].read_text().splitlines() if "=" in line)
        extra_path = [p for p in files["path"].read_text().splitlines() if p][::-1] + path_prefix
        if proc.returncode != 0:
            break
    return {"last": last, "outputs": outputs, "summary": files["summary"].read_text(encoding="utf-8"), "spec": spec}


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A user's repository: a cycle on main, then a pull request that breaks a `next` and
    changes a score; a docker-compose.yml that is YAML but not a cycle."""
    repo = tmp_path / "repo"
    (repo / "cycles").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "banco.yaml", repo / "cycles" / "banco.yaml")
    (repo / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "main", cwd=repo)
    text = (repo / "cycles" / "banco.yaml").read_text(encoding="utf-8")
    assert "next: [asesor" in text
    (repo / "cycles" / "banco.yaml").write_text(text.replace("next: [asesor", "next: [asesora", 1), encoding="utf-8")
    return repo


def shim(folder: Path) -> str:
    """A `cyclemap` on PATH that runs this checkout (the install step's result, offline)."""
    folder.mkdir()
    script = folder / "cyclemap"
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m cyclemap "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(folder)


def assert_results(result: dict, workspace: Path) -> None:
    last = result["last"]
    assert last.returncode == 1, last.stdout + last.stderr  # the check step fails on the error
    assert re.search(r"^::error file=cycles/banco\.yaml,line=\d+,col=\d+,title=CM004::", last.stdout, re.M), last.stdout
    assert "docker-compose" not in last.stdout + last.stderr
    sarif = json.loads((workspace / "cyclemap.sarif").read_text(encoding="utf-8"))
    assert any(r["ruleId"] == "CM004" for r in sarif["runs"][0]["results"])
    assert result["outputs"]["sarif"] == {"file": "cyclemap.sarif"}
    diff = (workspace / "cyclemap-diff.md").read_text(encoding="utf-8")
    assert "### cyclemap diff: `cycles/banco.yaml`" in diff
    assert "CM004" in diff and "asesora" in diff
    assert result["outputs"]["diff"] == {"file": "cyclemap-diff.md"}
    assert diff in result["summary"]


def test_action_declares_what_docs_use():
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert set(spec["inputs"]) >= {"paths", "fail-on", "sarif", "diff-base", "args"}
    # Installed from the action's own checkout at its ref, never from a registry by name.
    install = next(s for s in spec["runs"]["steps"] if s.get("id") == "install")
    assert install["env"]["CYCLEMAP_SOURCE"] == "${{ github.action_path }}"
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for name in re.findall(r"^\s+([\w-]+):", docs.split("uses: cyclemap/cyclemap@", 1)[1].split("\n\n", 1)[0], re.M):
        if name != "with":
            assert name in spec["inputs"], f"docs/ci.md uses an input the action does not have: {name}"


def test_action_steps_annotate_write_sarif_and_diff(workspace, tmp_path):
    result = run_action(workspace, tmp_path, {"paths": "cycles/", "sarif": "cyclemap.sarif", "diff-base": "HEAD"},
                        skip_install=True, path_prefix=[shim(tmp_path / "bin")])
    assert_results(result, workspace)


def test_action_passes_clean_cycles_and_skips_optional_steps(workspace, tmp_path):
    git("checkout", "--", "cycles/banco.yaml", cwd=workspace)
    result = run_action(workspace, tmp_path, {"paths": "cycles/*.yaml", "args": "--ignore CM201,CM202"},
                        skip_install=True, path_prefix=[shim(tmp_path / "bin")])
    last = result["last"]
    assert last.returncode == 0, last.stdout + last.stderr
    assert "::warning file=cycles/banco.yaml" in last.stdout
    assert "title=CM201" not in last.stdout  # args reach the check
    assert set(result["outputs"]) == set()  # no SARIF, no diff asked for
    assert not (workspace / "cyclemap-diff.md").exists()


@pytest.mark.network
def test_action_installs_from_its_checkout_and_runs(workspace, tmp_path):
    if os.environ.get("CYCLEMAP_OFFLINE"):
        pytest.skip("CYCLEMAP_OFFLINE is set: the install step needs the package index")
    result = run_action(workspace, tmp_path, {"paths": "cycles/", "sarif": "cyclemap.sarif", "diff-base": "HEAD",
                                              "python": sys.executable}, skip_install=False, path_prefix=[])
    last = result["last"]
    if last.returncode not in (0, 1) and any(sign in last.stderr for sign in NETWORK_TROUBLE):
        pytest.skip("pip could not reach the package index")
    assert (tmp_path / "runner" / "cyclemap-venv" / "bin" / "cyclemap").exists(), last.stderr[-3000:]
    assert_results(result, workspace)


# -- inputs are checked before they are used (issue 27) ---------------------------------

def test_a_newline_in_an_input_never_forges_a_step_output(workspace, tmp_path):
    for name, value in (("sarif", "x.sarif\nfile=/etc/passwd"), ("sarif", "x.sarif\rdiff=forged"),
                        ("diff-file", "d.md\nfile=forged"), ("diff-base", "HEAD\nfile=forged"),
                        ("diff-base", "--output=/tmp/owned"), ("fail-on", "never\nfile=x"),
                        ("paths", 'cycles/ "unclosed')):
        result = run_action(workspace, tmp_path, {"paths": "cycles/", name: value},
                            skip_install=True, path_prefix=[shim(tmp_path / f"bin-{len(os.listdir(tmp_path))}")])
        last = result["last"]
        assert last.returncode == 2, (name, value, last.stdout, last.stderr)
        assert f"::error title=cyclemap action::the input `{name}`" in last.stdout, last.stdout
        assert len(last.stdout.strip().splitlines()) == 1  # the value is shown escaped, on the one line
        assert all(not outputs for outputs in result["outputs"].values())  # no step wrote an output
        assert not (tmp_path / "owned").exists()


@pytest.mark.parametrize("paths", [
    "my cycles/\nother/banco.yaml",      # one per line, spaces kept
    '"my cycles/" other/banco.yaml',     # one line, quoted
    "my cycles/**/*.yaml\n-dash.yaml",   # a pattern with a space; a name like an option
])
def test_any_path_can_be_named(workspace, tmp_path, paths):
    git("checkout", "--", "cycles/banco.yaml", cwd=workspace)
    (workspace / "my cycles").mkdir()
    shutil.copy(workspace / "cycles" / "banco.yaml", workspace / "my cycles" / "spaced.yaml")
    (workspace / "other").mkdir()
    shutil.copy(workspace / "cycles" / "banco.yaml", workspace / "other" / "banco.yaml")
    shutil.copy(workspace / "cycles" / "banco.yaml", workspace / "-dash.yaml")
    result = run_action(workspace, tmp_path, {"paths": paths, "fail-on": "never", "sarif": "out.sarif"},
                        skip_install=True, path_prefix=[shim(tmp_path / "bin")])
    last = result["last"]
    assert last.returncode == 0, last.stdout + last.stderr
    assert "file=my cycles/spaced.yaml" in last.stdout
    assert result["outputs"]["sarif"] == {"file": "out.sarif"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads((workspace / "out.sarif").read_text())["runs"][0]["results"]}
    assert "my%20cycles/spaced.yaml" in uris or "my cycles/spaced.yaml" in uris
    if "dash" in paths:
        assert "-dash.yaml" in last.stdout
