"""A second reader for owners: a small logistic model over features that carry over to
wordings never seen — the lexicon's concepts at each word and in sequence, word stems (the
first five letters of the lemma, shared by "equipo"/"equipe" alike), and the shape of the
phrase (a plural article at its head, a number, capitals).

    score("owner", read)     # how likely the owner is nobody in particular, 0..1
    says("owner", read)      # the score reaches the threshold chosen for it

The weights (model.json) are trained by tools/content_model.py on the tuning parts of the
labelled set only, with the threshold chosen by cross-validation within them so that false
alarms stay rare; `owner()` consults it only where its rules find neither a group nor a
person (and the text gives more to go on than one unknown word). Standards and moment names
are read by the rules alone (tools/content_model.py says why). No word list lives here: the
features are the concepts of lexicon.py and the letters of the words.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from cyclemap.engine.content.reading import _concept, _Read

_WEIGHTS = Path(__file__).with_name("model.json")


@lru_cache(maxsize=1)
def _small() -> frozenset[str]:
    return _concept("ARTICLE")[0] | _concept("PREPOSITION")[0]


_DIGIT = re.compile(r"\d")


def _stem(word: str) -> str:
    return "#" if _DIGIT.search(word) else word[:5]


def _concepts_at(r: _Read) -> list[frozenset[str]]:
    if not r.phrase_hits:
        return r.tags
    at = [set(t) for t in r.tags]
    for name, spans in r.phrase_hits.items():
        for s, e in spans:
            for i in range(s, e):
                at[i].add(name)
    return [frozenset(a) for a in at]


@lru_cache(maxsize=16384)
def _word_features(word: str, lemma: str, concepts: frozenset[str]) -> tuple[str, ...]:
    out = ["s:" + _stem(lemma), *("c:" + c for c in concepts)]
    if len(word) > 4:
        out.append("x:" + word[-3:])
    return tuple(out)


def features(r: _Read) -> set[str]:
    """The features of a text read once (field-agnostic; each field has its own weights)."""
    feats = {"bias"}
    if not r.toks:
        return feats | {"empty"}
    small = _small()
    at = _concepts_at(r)
    content = [i for i, w in enumerate(r.words) if w not in small and (w.isalnum() or any(c.isalnum() for c in w))]
    for i in content:
        feats.update(_word_features(r.words[i], r.lemmas[i], at[i]))
    if not content:
        return feats | {"no-content"}
    first, last = content[0], content[-1]
    feats.add("s0:" + _stem(r.lemmas[first]))
    feats.add("x0:" + r.words[first][-3:])
    feats.update("c0:" + c for c in at[first])
    feats.update("cl:" + c for c in at[last])
    if not at[first]:
        feats.add("c0:-")
    for a, b in zip(content, content[1:]):
        for ca in at[a] or ("-",):
            for cb in at[b] or ("-",):
                feats.add(f"cc:{ca}>{cb}")
    head = r.words[0]
    if head in ("los", "las", "os", "as", "the") and len(r.words) > 1 and r.words[1].endswith("s"):
        feats.add("plural-head")
    if r.words[first].endswith("s") and len(r.words[first]) > 3:
        feats.add("first-s")
    if _DIGIT.search(r.text):
        feats.add("digit")
    if "%" in r.text:
        feats.add("percent")
    if r.text.isupper():
        feats.add("caps")
    feats.add("n:" + str(min(len(content), 5)))
    return feats


@lru_cache(maxsize=1)
def _weights() -> dict:
    return json.loads(_WEIGHTS.read_text(encoding="utf-8"))


def score(field: str, r: _Read) -> float:
    """The model's probability that the text is a positive of the field's class."""
    model = _weights()[field]
    w = model["weights"]
    z = sum(filter(None, map(w.get, features(r))))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def says(field: str, r: _Read) -> bool:
    """The model reads the text as a positive of the field's class (its score reaches the threshold)."""
    return score(field, r) >= _weights()[field]["threshold"]
