"""Diagnostics: what a check says about a file, as data (formatters print them).

Each text a person reads is a `Text`: the same sentence in every supported language,
so a formatter can pick one at the last moment (`--lang`, or the cycle's `language`).
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from enum import Enum

from cyclemap.format.model import Pos

# Characters that would break a one-line diagnostic or disguise it on a terminal: C0/C1
# controls (newline, ESC...), zero-width marks, bidirectional overrides (U+202E...), BOM.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def one_line(text: str) -> str:
    """`text` with control and bidi characters written as escapes (\\n, \\u202e), so that
    text from a cycle file (a moment's name) cannot split or disguise a diagnostic line."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Text:
    """One sentence in English and Spanish."""

    en: str
    es: str

    def __call__(self, lang: str) -> str:
        return self.es if lang == "es" else self.en

    def format(self, **kwargs: object) -> "Text":
        """Fill in `{name}` fields; `{name?one|many}` picks a word by the count `name`
        (1: `one`, else `many`), so "{n} {n?respuesta|respuestas}" reads right for 1."""
        return Text(_plurals(self.en, kwargs).format(**kwargs), _plurals(self.es, kwargs).format(**kwargs))


_PLURAL = re.compile(r"\{(\w+)\?([^|{}]*)\|([^{}]*)\}")


def _plurals(template: str, counts: dict) -> str:
    return _PLURAL.sub(lambda m: m.group(2) if counts.get(m.group(1)) == 1 else m.group(3), template)


def plural(n: int, one: Text, many: Text) -> Text:
    """`one` when n is 1, else `many` (English and Spanish agree: 0 and 2+ are plural)."""
    return one if n == 1 else many


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

    @property
    def identity(self) -> tuple[str, str, str]:
        """Who this finding is, for --baseline, diff and SARIF fingerprints: the rule, the
        moment (or the whole cycle) and its subject. A score moving from 2.2 to 2.3
        changes the message, not the identity."""
        return (self.code, self.moment or "", self.subject)

    def sort_key(self) -> tuple:
        return (self.path, self.pos.line, self.pos.col, self.code)
