"""Words as the content facts see them: simplemma's tokenizer, then each token in lower
case without accents and its lemma, from simplemma's dictionaries cut down to the words
of the lexicon (`lemmas.json`, built by tools/content_lexicon.py; the full dictionaries
cost about a second per language to load)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


@dataclass(frozen=True)
class Token:
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
    every = tables()
    order = [every[lang]] + [every[other] for other in LANGS if other != lang]
    found: list[Token] = []
    keep = _small_words()
    for raw in simple_tokenizer(text):
        if not any(c.isalnum() for c in raw) and raw not in ("?", "-", "--", "%", "<", ">", "≤", "≥", "$", ",", ".",
                                                              ";", ":", "(", ")"):
            continue
        if raw.lower().endswith(("'s", "’s")) and len(raw) > 2:
            raw = raw[:-2]  # "the regulator's maximum"
        word = plain(raw)
        lemma = word
        for one in order if word not in keep else ():
            hit = one.get(word)
            if hit is not None:
                lemma = hit
                break
        found.append(Token(raw, word, lemma))
    return tuple(found)


def guess_language(text: str, default: str = "en") -> str:
    """The language whose small words the text uses most; `default` on a tie."""
    from cyclemap.engine.content.lexicon import LANGUAGE_MARKERS

    words = plain(text).split()
    counts = {lang: sum(w in markers for w in words) for lang, markers in LANGUAGE_MARKERS.items()}
    best = max(counts.values())
    if best == 0 or list(counts.values()).count(best) > 1 and counts.get(default, 0) == best:
        return default
    return max(counts, key=lambda lang: (counts[lang], lang == default))
