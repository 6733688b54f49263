"""Words as the content facts see them: simplemma's tokenizer, then each token in lower
case without accents and its lemma, from simplemma's dictionaries cut down to the words
of the lexicon (`lemmas.json`, built by tools/content_lexicon.py; the full dictionaries
cost about a second per language to load)."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from cyclemap.engine.content.tokenizer import simple_tokenizer  # simplemma's pattern, without its ~35 ms import

LANGS = ("es", "pt", "en")
_TABLE = Path(__file__).with_name("lemmas.json")


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Lower case, accents removed: "Atención rápida" -> "atencion rapida"."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def tables() -> dict[str, dict[str, str]]:
    return json.loads(_TABLE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _small_words() -> frozenset[str]:
    """Articles and prepositions keep their form: "de" is not a form of "dar"."""
    from cyclemap.engine.content.lexicon import ARTICLE, PREPOSITION

    return ARTICLE | PREPOSITION


class Token(NamedTuple):
    """A word as written, in lower case without accents, and its lemma (a tuple: made by the
    ten thousand, so cheaper than a dataclass)."""

    text: str  # as written
    word: str  # lower case, no accents
    lemma: str  # the dictionary form, lower case, no accents (the word when unknown)

    @property
    def inflected(self) -> bool:
        return self.lemma != self.word


_SPLIT = re.compile(r"[-/]")  # "two-hour", "e-mail" also read as their parts


@lru_cache(maxsize=8192)
def tokens(text: str, lang: str) -> tuple[Token, ...]:
    """The words of `text` with their lemmas in `lang` (then the other languages, for
    borrowed words), punctuation left out."""
    order = _order(lang)
    found: list[Token] = []
    keep = _small_words()
    for raw in simple_tokenizer(text):
        if not raw.isalnum() and not any(c.isalnum() for c in raw) and raw not in _KEPT_MARKS:
            continue
        if raw.endswith(("'s", "’s", "'S", "’S")) and len(raw) > 2:
            raw = raw[:-2]  # "the regulator's maximum"
        word = plain(raw)
        found.append(Token(raw, word, _lemma(word, order) if word not in keep else word))
    return tuple(found)


_KEPT_MARKS = frozenset(("?", "-", "--", "%", "<", ">", "≤", "≥", "$", ",", ".", ";", ":", "(", ")"))


@lru_cache(maxsize=3)
def _order(lang: str) -> tuple[dict[str, str], ...]:
    every = tables()
    return (every[lang], *(every[other] for other in LANGS if other != lang))


def _lemma(word: str, order: tuple[dict[str, str], ...]) -> str:
    for one in order:
        hit = one.get(word)
        if hit is not None:
            return hit
    return word


def guess_language(text: str, default: str = "en") -> str:
    """The language whose small words the text uses most; `default` on a tie."""
    from cyclemap.engine.content.lexicon import LANGUAGE_MARKERS

    words = plain(text).split()
    counts = {lang: sum(w in markers for w in words) for lang, markers in LANGUAGE_MARKERS.items()}
    best = max(counts.values())
    if best == 0 or list(counts.values()).count(best) > 1 and counts.get(default, 0) == best:
        return default
    return max(counts, key=lambda lang: (counts[lang], lang == default))
