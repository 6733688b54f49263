"""Progress on slow steps: shown on a terminal once a step passes a second, never on a
pipe or for a quick step, and always cleared when the step ends (cyclemap/cli/progress.py)."""

import io
import time

from cyclemap.cli.progress import progress
from cyclemap.format.i18n import _


class Terminal(io.StringIO):
    def isatty(self):
        return True


WORDS = _("Drawing the diagram with the built-in Graphviz (the first time takes a few seconds)")


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
