"""The project as a pre-commit hook, run by the real pre-commit on a sample git repository.

Two runs of the same hook definition (`.pre-commit-hooks.yaml`):
- `pre-commit try-repo`, exactly what a user's config does: pre-commit clones a committed
  copy of this project and pip-installs it into the hook's own environment. That needs
  the package index (for cyclemap's dependencies); without it the test skips, saying so.
- an offline equivalent: the same hook (id, files, exclude, types) as a `repo: local` hook
  whose entry is this interpreter running `-m cyclemap check`, so pre-commit's own file
  selection and file passing are exercised on every machine with git.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytest.importorskip("pre_commit", reason="pre-commit is not installed")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

DUPLICATE = "cyclemap: 1\ntitle: Twins\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: a, name: B, kind: routine}\n"
NETWORK_TROUBLE = (
    "Could not find a version", "No matching distribution", "NewConnectionError",
    "Temporary failure in name resolution", "Network is unreachable", "Max retries exceeded",
    "ConnectTimeout", "ReadTimeout", "ProxyError",
)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=cyclemap-test", "-c", "user.email=test@example.invalid",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True)


def pre_commit(*args: str, cwd: Path, home: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "CYCLEMAP_LANG": "en", "NO_COLOR": "1",
           "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)  # the try-repo hook must use its own installed copy
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def sample_repo(tmp_path):
    """A user's repository: two cycles (one with an error), and a CI workflow that is YAML
    but not a cycle (the hook's default `exclude` must leave it alone)."""
    repo = tmp_path / "sample"
    (repo / "cycles").mkdir(parents=True)
    (repo / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "banco.yaml", repo / "cycles" / "banco.yaml")
    (repo / "cycles" / "dup.yaml").write_text(DUPLICATE, encoding="utf-8")
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    (repo / "notes.txt").write_text("not yaml\n", encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    return repo


def committed_copy_of_project(dest: Path) -> Path:
    """This project as a committed git repository, whatever the checkout it runs from
    (a worktree, an unpacked sdist)."""
    dest.mkdir()
    for name in ("cyclemap", "pyproject.toml", ".pre-commit-hooks.yaml", "README.md", "LICENSE"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy(source, dest / name)
    if not (dest / "README.md").exists():  # pyproject names it; the package build needs it
        (dest / "README.md").write_text("# cyclemap\n", encoding="utf-8")
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "cyclemap under test", cwd=dest)
    return dest


def hook_definition() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "cyclemap-check"]
    return hook


def test_manifest_declares_the_hook():
    hook = hook_definition()
    assert hook["entry"] == "cyclemap check"
    assert hook["language"] == "python"
    assert hook["types"] == ["yaml"]
    assert subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True).returncode == 0


def test_hook_runs_offline_as_a_local_hook(sample_repo, tmp_path):
    hook = hook_definition()
    local = {**hook, "entry": f"{sys.executable} -m cyclemap check", "language": "system"}
    local.pop("minimum_pre_commit_version", None)
    (sample_repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8")
    git("add", "-A", cwd=sample_repo)
    env = {"PYTHONPATH": str(ROOT)}
    run = pre_commit("run", "--all-files", cwd=sample_repo, home=tmp_path / "home", extra_env=env)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "cyclemap check" in out and "Failed" in out
    assert "cycles/dup.yaml:5:10: CM003 error" in out
    assert "2 files checked: 1 error" in out  # banco + dup; not ci.yml, not the config, not notes.txt
    assert "ci.yml" not in out and ".pre-commit-config.yaml" not in out
    # Fix the file: the hook passes.
    (sample_repo / "cycles" / "dup.yaml").write_text(DUPLICATE.replace("id: a, name: B", "id: b, name: B"), encoding="utf-8")
    git("add", "-A", cwd=sample_repo)
    run = pre_commit("run", "--all-files", cwd=sample_repo, home=tmp_path / "home", extra_env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Passed" in run.stdout


@pytest.mark.network
def test_try_repo_installs_and_runs_the_hook(sample_repo, tmp_path):
    if os.environ.get("CYCLEMAP_OFFLINE"):
        pytest.skip("CYCLEMAP_OFFLINE is set: pre-commit try-repo needs the package index")
    project = committed_copy_of_project(tmp_path / "cyclemap-repo")
    # try-repo keeps its environments in a fresh temporary store each time (~45 s here to
    # pip-install cyclemap and its dependencies), so it runs once; the passing case is the
    # offline test's.
    run = pre_commit("try-repo", str(project), "cyclemap-check", "--all-files", cwd=sample_repo, home=tmp_path / "home")
    out = run.stdout + run.stderr
    if run.returncode not in (0, 1):  # pre-commit's own failure (3), e.g. pip could not install
        if any(sign in out for sign in NETWORK_TROUBLE):
            pytest.skip("pre-commit could not reach the package index to install the hook's environment")
        pytest.fail(out[-4000:])
    assert run.returncode == 1, out
    assert "cyclemap check" in out and "Failed" in out and "- hook id: cyclemap-check" in out
    assert "cycles/dup.yaml:5:10: CM003 error the id `a` is already used" in out
    assert "2 files checked: 1 error" in out  # banco + dup: the workflow file is left alone
    assert "ci.yml" not in out


def test_default_files_are_cycle_folders_only(sample_repo, tmp_path):
    """The hook's default `files` runs on cycles/ and ciclos/ only: a docker-compose.yml
    or another tool's YAML elsewhere never reaches cyclemap."""
    (sample_repo / "docker-compose.yml").write_text("services:\n  web: {image: nginx}\n", encoding="utf-8")
    (sample_repo / "deploy").mkdir()
    (sample_repo / "deploy" / "values.yaml").write_text("replicas: 2\n", encoding="utf-8")
    (sample_repo / "ciclos" / "sub").mkdir(parents=True)
    (sample_repo / "ciclos" / "sub" / "dup.yml").write_text(DUPLICATE, encoding="utf-8")
    hook = hook_definition()
    local = {**hook, "entry": f"{sys.executable} -m cyclemap check", "language": "system"}
    local.pop("minimum_pre_commit_version", None)
    (sample_repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8")
    git("add", "-A", cwd=sample_repo)
    run = pre_commit("run", "--all-files", "--verbose", cwd=sample_repo, home=tmp_path / "home",
                     extra_env={"PYTHONPATH": str(ROOT)})
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "ciclos/sub/dup.yml:5:10: CM003 error" in out and "cycles/dup.yaml:5:10: CM003 error" in out
    assert "3 files checked" in out  # banco, dup, ciclos/sub/dup: nothing else
    assert "docker-compose" not in out and "values.yaml" not in out
