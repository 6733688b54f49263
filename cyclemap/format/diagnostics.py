"""Diagnostics: what a check says about a file, as data (formatters print them).

Each text a person reads is a `Text` (cyclemap.format.i18n): said in the reader's
language at the last moment (`--lang`, or the cycle's `language`).
"""

from __future__ import annotations

import os
import re

from dataclasses import dataclass
from enum import Enum

from cyclemap.format.i18n import Computed, Text
from cyclemap.format.model import Pos

# Characters that would break a one-line diagnostic or disguise it on a terminal: C0/C1
# controls (newline, ESC, BEL, BS...), DEL, zero-width and invisible marks, bidirectional
# marks, embeddings, overrides and isolates (U+202E...), line/paragraph separators,
# interlinear annotation marks, BOM; and lone surrogates (the undecodable bytes of a
# non-UTF-8 file name, which no terminal or UTF-8 file could take).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
                     "\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")
# The same, keeping newlines (text laid out on several lines: a critique, a table).
_UNSAFE_MULTILINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u115f\u1160\u180e\u200b-\u200f"
                               "\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def one_line(text: object) -> str:
    """THE escaping function for everything a terminal or a CI log shows (docs/security.md,
    "Terminal"): `text` with control characters (ESC, BEL, BS, newline... written `\\x1b`,
    `\\n`), invisible and bidirectional marks (`\\u202e`) and undecodable file-name bytes
    (`\\xff`) written as visible escapes, so text from a cycle file, a ratings file or a
    file name can neither split a line, forge a diagnostic, disguise itself, nor send a
    terminal a command (clear the screen, set the title, write the clipboard).
    Accepts paths and bytes too (file names)."""
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    elif not isinstance(text, str):
        text = os.fspath(text) if isinstance(text, os.PathLike) else str(text)
        if isinstance(text, bytes):
            text = os.fsdecode(text)
    return _UNSAFE.sub(_escape, text)


# The name to use where a file name is echoed: the same escaping.
shown = one_line


# `html.escape(text, quote=True)`'s entities, in one pass (the `html` package imports its
# table of 2,000 named entities: 3 ms of every start, issue 26).
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def html_text(value: object) -> str:
    """THE escaping for text in HTML and SVG (the handout, the live page, the survey form,
    charts): `&`, `<`, `>` and both quotes as entities, so nothing from a file can become
    markup or leave an attribute's quotes. The same text as `html.escape(value, quote=True)`."""
    return str(value).translate(_HTML)


def terminal_text(text: object) -> str:
    """`one_line`, but newlines stay: for text laid out on several lines (a critique, a
    diff, a Markdown table) that is still shown on a terminal."""
    if not isinstance(text, str):
        text = one_line(text)
    return _UNSAFE_MULTILINE.sub(_escape, text)


# What a spreadsheet runs as a formula when a cell starts with it (OWASP, CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> bool:
    """Whether a spreadsheet would take `text` as it is (no leading formula character)."""
    return not text.startswith(FORMULA_TRIGGERS)


def cell_text(text: object) -> str:
    """THE rule for text from a file in a spreadsheet cell (`export --to csv`, the survey's
    CSV and XLSX): `terminal_text` (the same escapes as everywhere: a `cat` of the CSV or an
    XLSX cell shows `\x1b`, `\u202e`), then a leading formula character (`= + - @`, tab,
    CR) neutralised with `'`, so no cell is ever a formula. An XLSX writer stores the text
    as a string cell with Excel's quote prefix instead (see `formula_safe`)."""
    if text is None or text == "":
        return ""
    text = terminal_text(text)
    return text if formula_safe(text) else "'" + text


def needs_escaping(cycle) -> bool:
    """Whether any text of a cycle (its path, title, customer, stages, and every moment's
    texts and branch conditions) holds a character `terminal_text` would escape."""
    texts = [str(cycle.path), cycle.title or "", cycle.customer or "", *cycle.stages]
    for m in cycle.moments:
        texts += [m.id, m.name, m.stage or "", m.owner or "", m.standard or "", m.recovery or "", m.notes or ""]
        texts += [b.when or "" for b in (m.next or ())]
        texts += [b.to for b in (m.next or ())]
        for key in ("evidence", "onstage", "backstage", "support"):  # blueprint texts, when the model has them
            value = getattr(m, key, None)
            texts += [value] if isinstance(value, str) else list(value or ())
    return _UNSAFE_MULTILINE.search("\n".join(texts)) is not None


# Fields that never hold text a person reads (positions, survey answers): not copied.
_NO_TEXT = frozenset({"positions", "pos", "answers", "scale", "severity"})


def terminal_copy(value, _seen: dict | None = None):
    """A copy of `value` (dataclasses, lists, tuples, dicts, `Text`) in which every string
    has gone through `terminal_text`: for a report laid out on a terminal, escape the file's
    text *before* the layout, so boxes and columns stay aligned and nothing raw gets through."""
    import dataclasses

    seen = {} if _seen is None else _seen
    if isinstance(value, Enum):  # a severity is a str too, and must stay itself
        return value
    if isinstance(value, str):
        return terminal_text(value)
    if id(value) in seen:
        return seen[id(value)]
    if isinstance(value, Text):
        copy = Computed(lambda lang, text=value: terminal_text(text(lang)))
    elif isinstance(value, list):
        copy = [terminal_copy(v, seen) for v in value]
    elif isinstance(value, tuple) and not hasattr(value, "_fields"):
        copy = tuple(terminal_copy(v, seen) for v in value)
    elif isinstance(value, dict):
        copy = {k: terminal_copy(v, seen) for k, v in value.items()}
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: terminal_copy(getattr(value, f.name), seen)
                   for f in dataclasses.fields(value)
                   if f.init and f.name not in _NO_TEXT and hasattr(value, f.name)}
        copy = dataclasses.replace(value, **changes)
    else:
        return value
    seen[id(value)] = copy
    return copy


class Refusal(Exception):
    """Something cyclemap will not or cannot do with what it was given — an output that
    would replace an input, a drawing Graphviz cannot make, a bad option — with `text`
    saying why in every language. The command line turns every refusal into the same
    usage error, exit 2, in one place (`cli.usage.failure_exit`)."""

    def __init__(self, text: "Text"):
        super().__init__(text("en"))
        self.text = text


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Diagnostic:
    """One finding at one place: `path:line:col: CODE severity message` plus a hint."""

    path: str
    pos: Pos
    code: str
    severity: Severity
    message: Text
    hint: Text | None = None
    moment: str | None = None  # the moment it is about, if any
    # What the finding is about beyond its rule and moment (a missing stage's name, a
    # branch's target, a key): never its wording or its numbers, so it survives edits.
    subject: str = ""
    # The finding in service language (no ids, codes or YAML keys) for the client's critique.
    plain: Text | None = None
    # Findings that are probably only consequences of this one (a link to an unknown
    # moment makes later moments unreachable): shown under it, not beside it.
    follow_on: tuple["Diagnostic", ...] = ()
    # The one certain correction of the word at `pos` (a misspelt key or value, an unknown
    # id with one close match), for an editor's quick fix; "" when there is none.
    fix: str = ""

    @property
    def identity(self) -> tuple[str, str, str]:
        """Who this finding is, for --baseline, diff and SARIF fingerprints: the rule, the
        moment (or the whole cycle) and its subject. A score moving from 2.2 to 2.3
        changes the message, not the identity."""
        return (self.code, self.moment or "", self.subject)

    def sort_key(self) -> tuple:
        return (self.path, self.pos.line, self.pos.col, self.code)
