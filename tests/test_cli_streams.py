"""One treatment of the streams for every command: a reader that goes away (`| head`),
an output encoding that cannot show a character, and Ctrl-C end quietly with the
documented exit code — never an internal error, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT

EMOJI_CYCLE = """\
cyclemap: 1
title: "Café ☕ y atención 🙂"
language: es
moments:
{moments}
"""


def env(**extra: str) -> dict:
    full = {**os.environ, "CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100"}
    full["PYTHONPATH"] = str(ROOT) + os.pathsep + full.get("PYTHONPATH", "")
    full.update(extra)
    return full


@pytest.fixture
def big_cycle(tmp_path):
    """Enough moments that every command prints far more than a pipe buffer holds."""
    moments = "\n".join(
        f"  - {{id: m{i}, name: \"Momento {i} ☕ con un nombre bastante largo para llenar la línea\", "
        f"kind: {'critical' if i % 3 == 0 else 'routine'}, score: 2, expectation: 4, responses: 30}}"
        for i in range(400))
    path = tmp_path / "grande.yaml"
    path.write_text(EMOJI_CYCLE.format(moments=moments), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [
    ["check", "{f}"],
    ["critique", "{f}"],
    ["export", "{f}", "--to", "markdown"],
    ["export", "{f}", "--to", "csv"],
    ["render", "{f}", "-o", "-", "--format", "dot"],
    ["diff", "{f}", "{f}"],
], ids=lambda c: " ".join(c[:2]).replace("{f}", "FILE"))
def test_a_reader_that_goes_away_ends_the_command_quietly(command, big_cycle):
    args = [a.replace("{f}", str(big_cycle)) for a in command]
    proc = subprocess.Popen([sys.executable, "-m", "cyclemap", *args], cwd=ROOT, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the command writes (`| true`, a closed `head`)
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=120)
    assert "Traceback" not in err and "internal error" not in err and "Exception ignored" not in err, err
    assert code in (0, 1), (code, err)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize("command", [["check", "{f}"], ["critique", "{f}"], ["export", "{f}", "--to", "markdown"],
                                     ["check", "{f}", "--format", "json"]], ids=lambda c: " ".join(c))
def test_any_output_encoding_works(command, encoding, tmp_path):
    path = tmp_path / "café.yaml"
    path.write_text(EMOJI_CYCLE.format(moments=(
        "  - {id: a, name: \"Llega ☕\", kind: critical, score: 2, expectation: 4}\n"
        "  - {id: b, name: \"Se va 🙂 ‮evil\", kind: routine}")), encoding="utf-8")
    args = [a.replace("{f}", str(path)) for a in command]
    proc = subprocess.run([sys.executable, "-m", "cyclemap", *args], cwd=ROOT,
                          env=env(PYTHONIOENCODING=encoding), capture_output=True, timeout=60)
    err = proc.stderr.decode(encoding, "replace")
    assert proc.returncode in (0, 1), err
    assert "internal error" not in err and "Traceback" not in err
    out = proc.stdout.decode(encoding)  # what was written is valid in that encoding
    assert "Llega" in out, out[:500]  # the moment's name reaches the reader in that encoding


def test_ctrl_c_ends_with_130_and_no_traceback(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("cyclemap: 1\ntitle: x\nmoments:\n  - {id: a, name: A, kind: critical}\n"
                    "  - {id: b, name: B, kind: routine}\n", encoding="utf-8")
    out = tmp_path / "x.svg"
    proc = subprocess.Popen([sys.executable, "-m", "cyclemap", "render", str(path), "-o", str(out), "--watch",
                             "--engine", "embedded"], cwd=ROOT, env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
    assert proc.returncode in (0, 130), err


@pytest.mark.parametrize("color", [True, False])
def test_critique_escapes_file_text_before_the_layout_with_or_without_colour(color, tmp_path):
    """Terminal escapes in a name (clear screen, window title, bidi override) never reach
    the terminal raw, and the report's boxes stay aligned around the escaped text."""
    import re

    from cyclemap.engine.pipeline import Pipeline
    from cyclemap.outputs.report.critique_rich import Style, render

    path = tmp_path / "evil.yaml"
    path.write_text('cyclemap: 1\ntitle: "Evil \\e]0;pwned\\a title"\nmoments:\n'
                    '  - {id: a, name: "Clear \\e[2J screen \\u202e rtl", kind: critical, score: 1, '
                    'expectation: 4, responses: 30}\n  - {id: b, name: B, kind: routine}\n', encoding="utf-8")
    out = render(Pipeline().check(str(path)).critique, "en", Style(color=color, unicode=True, boxes=False, width=80))
    assert not re.search(r"\x1b(?!\[[0-9;]*m)", out)  # only our own colour codes
    assert "\a" not in out and "\u202e" not in out
    assert "\\x1b]0;pwned\\x07" in out and "\\u202e" in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    box = [line for line in plain.splitlines() if line.startswith("|")]
    assert box and len({len(line) for line in box}) == 1, box  # the box is not broken
