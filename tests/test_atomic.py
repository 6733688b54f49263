"""Atomic writes: whole file or nothing, never over an input."""

from __future__ import annotations

import os

import pytest

from cyclemap.outputs.atomic import OutputError, OutputIsInput, write_atomic


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_writes_new_file_and_replaces_old(tmp_path):
    target = tmp_path / "out.svg"
    write_atomic(target, "first")
    assert target.read_text() == "first"
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert leftovers(tmp_path) == []


def test_failure_keeps_old_file_and_removes_temp(tmp_path, monkeypatch):
    target = tmp_path / "out.svg"
    target.write_text("old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError) as info:
        write_atomic(target, "new")
    assert "No space left" in str(info.value)
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_interrupt_removes_temp(tmp_path, monkeypatch):
    target = tmp_path / "out.svg"

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_refuses_the_input_file_also_through_a_link(tmp_path):
    source = tmp_path / "cycle.yaml"
    source.write_text("cyclemap: 1\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(source)
    for target in (source, link, tmp_path / "sub" / ".." / "cycle.yaml"):
        with pytest.raises(OutputIsInput) as info:
            write_atomic(target, "x", inputs=[source])
        assert "input" in info.value.text("en") and "entrada" in info.value.text("es") and "entrada" in info.value.text("pt")
    assert source.read_text() == "cyclemap: 1\n"


def test_missing_folder_and_folder_target(tmp_path):
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path / "nope" / "out.svg", "x")
    assert "does not exist" in info.value.text("en") and "no existe" in info.value.text("es") and "não existe" in info.value.text("pt")
    with pytest.raises(OutputError):
        write_atomic(tmp_path, "x")


def test_new_file_gets_normal_permissions(tmp_path):
    target = tmp_path / "out.svg"
    write_atomic(target, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
