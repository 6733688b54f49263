"""Folder walks and globs stay inside the tree: links to folders are never followed (a link
to `/`, out of the repository, or in a loop), a folder nested past the depth bound is not
entered (and said so), and a cycle file that is a link to a file outside the tree is a
CM001 finding that never quotes what it points to — in text and in public CI annotations."""

from __future__ import annotations

import glob
import os
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import run_app

CYCLE = ("cyclemap: 1\ntitle: T\nmoments:\n  - {id: a, name: Arrives, kind: critical, owner: Host, standard: within 5 min,"
         " recovery: a manager calls}\n  - {id: b, name: Leaves, kind: routine}\n")
SECRET = "TOPSECRET-token-1234: do not print\n"


@contextmanager
def deep_tree(top: Path, levels: int = 1100):
    """`levels` folders named `d` below `top`, made and removed relative to descriptors
    (the full path would pass PATH_MAX) and without recursion: left behind, such a tree
    breaks the cleanup of pytest's temporary folders (shutil.rmtree recurses)."""
    fds = [os.open(top, os.O_RDONLY)]
    try:
        for _ in range(levels):
            os.mkdir("d", dir_fd=fds[-1])
            fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
        for fd in fds[1:]:
            os.close(fd)
        del fds[1:]
        yield
    finally:
        for fd in fds[1:]:
            os.close(fd)
        fds[1:] = []
        # Go down to the deepest folder, then remove upwards.
        while True:
            try:
                fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
            except FileNotFoundError:
                break
        while len(fds) > 1:
            os.close(fds.pop())
            os.rmdir("d", dir_fd=fds[-1])
        os.close(fds[0])


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository whose cycles folder holds every kind of link a pull request could add."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(SECRET)
    (outside / "other.yaml").write_text(CYCLE)
    repo = tmp_path / "repo"
    cycles = repo / "cycles" / "team"
    cycles.mkdir(parents=True)
    (cycles / "good.yaml").write_text(CYCLE)
    (cycles / "root").symlink_to("/")
    (cycles / "out").symlink_to(outside)
    (cycles / "loop").symlink_to("..")
    (cycles / "stolen.yaml").symlink_to(outside / "secret.yaml")
    (cycles / "alias.yaml").symlink_to("good.yaml")  # a link inside the tree is read
    return repo


@pytest.mark.parametrize("target", ["cycles", "cycles/**/*.yaml", "cycles/*/*.yaml"])
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_walk_never_follows_links_out_of_the_tree(repo, target, fmt):
    start = time.monotonic()
    run = run_app("check", target, "--format", fmt, cwd=repo)
    assert time.monotonic() - start < 30
    assert "Traceback" not in run.err
    assert run.code == 1, run.out + run.err
    assert "TOPSECRET" not in run.out + run.err
    shown = run.out
    # Each file of the tree once, none from outside it.
    assert shown.count("good.yaml") >= 1 and "other.yaml" not in shown and "/outside/" not in shown
    stolen = [line for line in shown.splitlines() if "stolen.yaml" in line and "CM001" in line]
    assert len(stolen) == 1, shown
    assert "symbolic link to a file outside" in stolen[0]
    if fmt == "text":
        assert "cycles/team/alias.yaml" in shown or "alias.yaml" in shown
        assert "3 files checked" in shown.splitlines()[-1], shown
    assert "links to folders were not followed" in run.err


def test_a_named_link_out_of_the_repository_is_refused_unread(repo):
    run = run_app("check", "cycles/team/stolen.yaml", "--format", "github", cwd=repo)
    assert run.code == 1 and "TOPSECRET" not in run.out + run.err
    assert "::error file=cycles/team/stolen.yaml,line=1" in run.out
    # Named through a folder link too (the link is in the repository, the file is not).
    run = run_app("check", "cycles/team/out/other.yaml", cwd=repo)
    assert run.code == 1 and "symbolic link to a file outside the working folder" in run.out


def test_a_folder_nested_past_the_bound_is_not_entered_and_said(tmp_path):
    from cyclemap.cli.files import MAX_FOLDER_DEPTH

    top = tmp_path / "deep"
    top.mkdir()
    (top / "a.yaml").write_text(CYCLE)
    with deep_tree(top):
        for target in ("deep", "deep/**/*.yaml"):
            run = run_app("check", target, cwd=tmp_path)
            assert "Traceback" not in run.err and run.code == 0, run.err[-2000:]
            assert "1 file checked" in run.out
            assert f"nested more than {MAX_FOLDER_DEPTH} levels deep was not searched" in run.err
    assert not (top / "d").exists()


def test_the_pattern_matcher_agrees_with_glob_on_a_tree_without_links(tmp_path, monkeypatch):
    from cyclemap.cli.files import _glob, _Walk

    for rel in ("a.yaml", "b.yml", "x/c.yaml", "x/y/d.yaml", "x/.h/e.yaml", ".top/f.yaml", "x/y/z/g.yaml", "n.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CYCLE)
    monkeypatch.chdir(tmp_path)
    for pattern in ("*.yaml", "**/*.yaml", "x/**/*.yaml", "x/*/*.yaml", "*/*.y*ml", "x/**", "**/d.yaml", "x/?/*.yaml",
                    ".top/*.yaml", "x/.h/*.yaml"):
        expected = sorted(p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))
        found = sorted(f for f in _glob(pattern, _Walk()) if not os.path.isdir(f))
        if pattern == "x/**":  # a matched folder is searched for its (non-hidden) cycle files
            expected = [p for p in expected if p.endswith((".yaml", ".yml")) and "/." not in p]
            found = sorted(set(found))
        assert found == expected, pattern
