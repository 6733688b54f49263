"""Progress on slow steps: shown on a terminal once a step passes a second, never on a
pipe or for a quick step, and always cleared when the step ends (cyclemap/cli/progress.py)."""

import io
import time

from cyclemap.cli.progress import progress
from cyclemap.format.i18n import _


class Terminal(io.StringIO):
    def isatty(self):
        return True


WORDS = _("Drawing the diagram")


def test_a_slow_step_on_a_terminal_shows_what_is_happening(monkeypatch):
    monkeypatch.delenv("CYCLEMAP_NO_PROGRESS", raising=False)
    monkeypatch.setenv("CYCLEMAP_LANG", "es")
    screen = Terminal()
    with progress(WORDS, stream=screen, after=0.2):
        time.sleep(0.8)
    shown = screen.getvalue()
    assert WORDS("es") in " ".join(shown.split()) and WORDS("es") != WORDS("en")  # in the help language
    assert "\x1b[?25h" in shown  # the cursor is given back when the step ends


def test_a_quick_step_or_a_pipe_shows_nothing(monkeypatch):
    monkeypatch.delenv("CYCLEMAP_NO_PROGRESS", raising=False)
    screen = Terminal()
    with progress(WORDS, stream=screen, after=0.5):
        time.sleep(0.05)
    assert screen.getvalue() == ""
    pipe = io.StringIO()
    with progress(WORDS, stream=pipe, after=0.0):
        time.sleep(0.3)
    assert pipe.getvalue() == ""


def test_render_on_a_terminal_shows_its_progress_and_a_pipe_does_not(tmp_path):
    """Through the real command: stderr a pseudo-terminal, the threshold at 0 s so any
    drawing counts as slow; then the same run with stderr a pipe shows nothing."""
    import os
    import pty
    import subprocess
    import sys

    from conftest import EXAMPLES, ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT), "CYCLEMAP_PROGRESS_AFTER": "0", "CYCLEMAP_LANG": "pt"}
    env.pop("CYCLEMAP_NO_PROGRESS", None)
    args = [sys.executable, "-m", "cyclemap", "render", str(EXAMPLES / "banco.yaml"), "-f", "dot", "-o",
            str(tmp_path / "banco.dot")]
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    assert WORDS("pt").encode() in b" ".join(seen.split()), seen[-500:]
    piped = subprocess.run(args, capture_output=True, env=env, timeout=120)
    assert piped.returncode == 0 and WORDS("pt").encode() not in piped.stderr
