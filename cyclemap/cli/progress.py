"""Progress on the steps that can be slow (the first drawing with the built-in Graphviz,
which compiles it; printing a PDF through Chromium): a spinner with a line saying what is
happening, on stderr, in the help language, only on a terminal and only once the step has
taken longer than a second — quick runs, pipes and CI logs stay as they were."""

from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager

from cyclemap.cli.usage import help_lang

SHOW_AFTER = 1.0  # seconds: shorter steps show nothing (CYCLEMAP_PROGRESS_AFTER changes it)


@contextmanager
def progress(text, stream=None, after: float | None = None):
    """Run the `with` body; if it is still running after `after` seconds and `stream`
    (stderr) is a terminal, show `text` (a `Text`) with a spinner until it ends.
    CYCLEMAP_NO_PROGRESS turns it off."""
    stream = stream if stream is not None else sys.stderr
    if after is None:
        try:
            after = max(0.0, float(os.environ.get("CYCLEMAP_PROGRESS_AFTER", SHOW_AFTER)))
        except ValueError:
            after = SHOW_AFTER
    if os.environ.get("CYCLEMAP_NO_PROGRESS") or not (hasattr(stream, "isatty") and stream.isatty()):
        yield
        return
    from rich.console import Console

    status = Console(file=stream, force_terminal=True).status(text(help_lang()))
    lock = threading.Lock()
    state = {"done": False, "shown": False}

    def show() -> None:
        with lock:
            if not state["done"]:
                status.start()
                state["shown"] = True

    timer = threading.Timer(after, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["shown"]:
                status.stop()
