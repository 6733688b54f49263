"""Text for inside a DOT picture: escaping, wrapping on word boundaries, hyphenation by
language, and quoted labels. Pure.

Safety: no user text ever becomes DOT syntax. Every piece of user text goes through
`esc`, which escapes backslashes (so `\\N`, `\\l` … stay text), double quotes and `&`
(Graphviz reads entities), drops control characters and turns newlines into line breaks.
"""

from __future__ import annotations

import re
import textwrap
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import TYPE_CHECKING

from cyclemap.format.i18n import LANGUAGES, SOURCE_LANGUAGE
from cyclemap.outputs import look
from cyclemap.outputs.render import style

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
BOLD = style.FONT + "-Bold"
ITALIC = style.FONT + "-Oblique"


def clean(text: object) -> str:
    """Text with control characters (which XML and DOT cannot carry) removed and tabs as
    spaces, and cut at `MAX_TEXT` characters: nobody reads more in a picture, and Graphviz
    refuses a quoted string over 16 KB."""
    value = str(text)
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT - 1] + "…"
    return _CONTROL.sub("", value.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


MAX_TEXT = 1000  # characters of one text from the file drawn in a picture


def esc(text: object) -> str:
    """One line of user text, for inside a DOT double-quoted string: it can only be text."""
    value = clean(text).replace("\n", " ")
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


# The language whose hyphenation rules break words too long for a line (set for the
# picture being built, see `build_dot`).
HYPHEN_LANG: ContextVar[str | None] = ContextVar("cyclemap_hyphen_lang", default=None)
PYPHEN = {"es": "es", "en": "en_US", "pt": "pt_BR"}


@lru_cache(maxsize=8)
def hyphenator(lang: str):
    """The hyphenation rules (pyphen) of one of cyclemap's languages."""
    import pyphen

    return pyphen.Pyphen(lang=PYPHEN.get(lang, lang))


def _split_word(word: str, width: int) -> list[str]:
    """A word longer than `width` as lines of at most `width` characters, each broken
    one ending in a hyphen: at a syllable by the language's rules when one fits, else
    at `width - 1` characters (never a word broken without a hyphen)."""
    pieces: list[str] = []
    lang = HYPHEN_LANG.get()
    while len(word) > width:
        head = None
        if lang is not None and width >= 4:
            found = hyphenator(lang).wrap(word, width)
            if found:
                head, word = found
        if head is None:
            head, word = word[:width - 1] + "-", word[width - 1:]
        pieces.append(head)
    return pieces + [word]


def wrap(text: object, width: int = style.WRAP) -> list[str]:
    """Lines of at most `width` characters, broken between words; a word longer than a
    line is hyphenated (`_split_word`). Keeps the author's own line breaks."""
    lines: list[str] = []
    for part in clean(text).split("\n"):
        words = [piece for word in part.split() for piece in (_split_word(word, width) if len(word) > width else [word])]
        lines.extend(textwrap.wrap(" ".join(words), width, break_long_words=False, break_on_hyphens=False) or [""])
    return lines


def label(lines: list[str], left: bool = False) -> str:
    """A quoted label from lines of user text; centred, or left-aligned with `left`."""
    lines = look.isolate_lines(lines)  # right-to-left names ordered alike by both engines
    if left:
        return '"' + "".join(esc(line) + "\\l" for line in lines) + '"'
    return '"' + "\\n".join(esc(line) for line in lines) + '"'


def quoted(text: object) -> str:
    return '"' + esc(text) + '"'


def pos(x: float, y: float) -> str:
    return f'pos="{x:.2f},{y:.2f}!"'



def hyphenating(checked: "CheckedCycle"):
    """While building one picture, words too long for a line break by the rules of the
    cycle's language (`wrap`)."""

    @contextmanager
    def scope():
        token = HYPHEN_LANG.set(checked.lang if checked.lang in LANGUAGES else SOURCE_LANGUAGE)
        try:
            yield
        finally:
            HYPHEN_LANG.reset(token)

    return scope()
