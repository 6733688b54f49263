"""What the terminal can show (`Style`: colour, Unicode, box drawing, width), decided once
from the stream and the environment (NO_COLOR, CYCLEMAP_ASCII, COLUMNS), and the marks
and plain replacements each choice uses.
"""

from __future__ import annotations

import os
import sys

from cyclemap.format.diagnostics import Severity

SEVERITY_MARK = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "●"}
SEVERITY_MARK_ASCII = {Severity.ERROR: "X", Severity.WARNING: "!", Severity.INFO: "i"}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
ASCII_PUNCTUATION = {"·": "-", "—": "-", "→": "->", "…": "...", "•": "-", "–": "-"}
SPARK = "▁▂▃▄▅▆▇█"
SPARK_ASCII = "_.-~=+*#"


class Style:
    """What the output can show: colour, Unicode, box drawing, width."""

    def __init__(self, color: bool, unicode: bool, boxes: bool, width: int):
        self.color = color
        self.unicode = unicode
        self.boxes = boxes
        self.width = width

    @classmethod
    def detect(cls, stream=None, width: int | None = None) -> "Style":
        stream = stream or sys.stdout
        tty = hasattr(stream, "isatty") and stream.isatty()
        no_color = "NO_COLOR" in os.environ
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        unicode = encoding in ("utf8", "utf8sig") and os.environ.get("CYCLEMAP_ASCII", "") in ("", "0")
        if width is None:
            try:
                width = int(os.environ.get("COLUMNS", "")) if os.environ.get("COLUMNS") else None
            except ValueError:
                width = None
        if width is None:
            try:
                width = os.get_terminal_size(stream.fileno()).columns if tty else 80
            except (OSError, ValueError, AttributeError):
                width = 80
        # Wider than 100 columns, lines of prose get hard to read.
        return cls(color=tty and not no_color, unicode=unicode, boxes=tty and not no_color and unicode,
                   width=max(60, min(width, 100)))
