"""A text read once: its tokens, lemmas and the lexicon's concepts by position."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from cyclemap.engine.content import lexicon as L
from cyclemap.engine.content.lemmas import LANGS, Token, guess_language, plain, tokens


def _norm(entry: str) -> str:
    return re.sub(r"[-/]", " ", plain(entry)).strip()


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, frozenset[str]], dict[tuple[str, str], tuple[tuple[str, tuple[str, ...]], ...]]]:
    """Every concept at once: word -> the concepts it is a single-word entry of, and
    first two words -> (concept, phrase) for the phrases. One look-up per word (and pair)
    instead of one per word and concept."""
    names = [n for n, v in vars(L).items() if n.isupper() and isinstance(v, frozenset)]
    names += [f"ORG:{goal}" for goal in L.ORG_GOALS]
    singles: dict[str, set[str]] = {}
    phrases: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}
    for name in names:
        ones, many = _concept(name)
        for word in ones:
            singles.setdefault(word, set()).add(name)
        for phrase in many:
            phrases.setdefault(phrase[:2], []).append((name, phrase))
    return {w: frozenset(c) for w, c in singles.items()}, {w: tuple(p) for w, p in phrases.items()}


@cache
def _concept(name: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """A lexicon concept as (single words, phrases as word tuples), normalised."""
    value = getattr(L, name) if not name.startswith("ORG:") else L.ORG_GOALS[name[4:]]
    singles, phrases = set(), set()
    for entry in value:
        parts = tuple(_norm(entry).split())
        if len(parts) == 1:
            singles.add(parts[0])
        elif parts:
            phrases.add(parts)
    return frozenset(singles), tuple(sorted(phrases, key=len, reverse=True))


def _split_parts(toks: tuple[Token, ...], lang: str) -> list[Token]:
    """"two-hour", "e-mail", "caja/cajero" read as their parts too."""
    out: list[Token] = []
    for t in toks:
        if ("-" in t.word or "/" in t.word) and t.word not in ("n/a", "-", "--", "24/7"):
            for part in re.split(r"[-/]", t.text):
                if part:
                    out.extend(tokens(part, lang) or ())
        else:
            out.append(t)
    return out


@lru_cache(maxsize=16384)
def _word_tags(w: str, lem: str) -> frozenset[str]:
    """The concepts a word is a single-word entry of, by its form, its lemma or its singular."""
    singles, _phrases = _index()
    tags = singles.get(w, frozenset()) | singles.get(lem, frozenset())
    if len(w) > 4 and w.endswith("s"):
        tags |= singles.get(w[:-1], frozenset())
        if w.endswith("es"):
            tags |= singles.get(w[:-2], frozenset())
    if "INTERNAL_WORK" not in tags and _deverbal(w) & _concept("INTERNAL_WORK")[0]:
        tags |= {"INTERNAL_WORK"}  # "esterilizacion" -> "esterilizar": the noun of a process verb
    return tags


class _Read:
    """A text's tokens, with concept look-ups by position."""

    def __init__(self, text: str, lang: str):
        self.text = text
        self.lang = lang
        toks = tokens(text, lang)
        if "-" in text or "/" in text:
            toks = _split_parts(toks, lang)
        self.toks = toks
        self.words = [t.word for t in toks]
        self.lemmas = [t.lemma for t in toks]
        self._hits: dict[str, list[tuple[int, int]]] = {}
        _singles, phrases = _index()
        # per word, the concepts it is a single-word entry of (by form, lemma or plural)
        self.tags: list[frozenset[str]] = [_word_tags(w, lem) for w, lem in zip(self.words, self.lemmas)]
        self._where: dict[str, list[int]] = {}  # concept -> the positions of its single-word entries
        for i, tags in enumerate(self.tags):
            for name in tags:
                self._where.setdefault(name, []).append(i)
        # the concepts with a phrase starting here, found once for all concepts
        self.phrase_hits: dict[str, list[tuple[int, int]]] = {}
        words, lemmas = self.words, self.lemmas
        for i in range(len(words) - 1):
            firsts = {words[i], lemmas[i]}
            seconds = {words[i + 1], lemmas[i + 1]}
            found = {cp for a in firsts for b in seconds for cp in phrases.get((a, b), ())}
            for name, phrase in found:
                n = len(phrase)
                if i + n <= len(words) and all(phrase[k] in (words[i + k], lemmas[i + k]) for k in range(2, n)):
                    self.phrase_hits.setdefault(name, []).append((i, i + n))

    def hits(self, name: str) -> list[tuple[int, int]]:
        """(start, end) spans where the concept occurs, by word or by lemma, in order."""
        found = self._hits.get(name)
        if found is None:
            found = self._hits[name] = self._find(name) if (
                name in self._where or name in self.phrase_hits) else []
        return found

    def _find(self, name: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        taken: set[int] = set()
        # phrases first, longest first where two start at one word, never overlapping
        for s, e in sorted(self.phrase_hits.get(name, ()), key=lambda span: (span[0], span[0] - span[1])):
            if not any(j in taken for j in range(s, e)):
                found.append((s, e))
                taken.update(range(s, e))
        for i in self._where.get(name, ()):
            w = self.words[i]
            if i in taken:
                continue
            if w in L.ONLY_IN and self.lang not in L.ONLY_IN[w] and not (
                    name == "TEAM" and all(x in _concept("ARTICLE")[0] for x in self.words[:i])):
                continue  # ("el personal de piso": at the head of a name, the staff, in any language)  # a false friend: "sale" is a sale in English only
            if name == "DEPARTMENT" and w in _CAPITAL_ONLY and not self.toks[i].text.isupper():
                continue
            if name == "TEAM" and w in L.SENSE_TEAM and self._governed(i):
                continue  # "sin perder el turno", "respetar su turno": a place in the queue, not a shift
            found.append((i, i + 1))
        return sorted(found)

    def _governed(self, i: int) -> bool:
        """The word at `i` is the object of a verb or a possessive ("perder el turno", "su turno"):
        a thing someone has or does, not a group of people."""
        j = i - 1
        while j >= 0 and self.words[j] in _concept("ARTICLE")[0] and self.words[j] not in ("de", "of"):
            j -= 1
        if j < 0:
            return False
        before, lemma = self.words[j], self.lemmas[j]
        if before in L.POSSESSIVE:
            return True
        verb = re.search(r"(ar|er|ir|ando|endo|iendo|ing)$", before) and len(before) > 3 and not self.tags[j]
        return bool(verb) or (lemma != before and bool(re.search(r"(ar|er|ir)$", lemma)))

    def has(self, name: str) -> bool:
        return bool(self.hits(name))

    def span(self, s: tuple[int, int]) -> str:
        return " ".join(t.text for t in self.toks[s[0]:s[1]])

    def near(self, a: str, b: str, within: int = 4) -> bool:
        """Concept `b` within `within` words after concept `a`."""
        bs = self.hits(b)
        return any(0 < bstart - aend + 1 <= within for _, aend in self.hits(a) for bstart, _ in bs)


_DEVERBAL = (("aciones", "ar"), ("acion", "ar"), ("icion", "ir"), ("acoes", "ar"), ("acao", "ar"), ("icao", "ir"),
             ("amiento", "ar"), ("imiento", "er"), ("amento", "ar"), ("imento", "er"))


@lru_cache(maxsize=4096)
def _deverbal(word: str) -> frozenset[str]:
    """The verbs a Spanish or Portuguese action noun comes from ("conciliacion" -> "conciliar")."""
    for end, verb in _DEVERBAL:
        if word.endswith(end) and len(word) > len(end) + 2:
            stem = word[: -len(end)]
            return frozenset({stem + verb, stem + "ir", stem + "er"})
    return frozenset()


_CAPITAL_ONLY = frozenset({"it", "ti", "hr", "rh", "rrhh", "sac"})


def _language(text: str, lang: str | None) -> str:
    if lang in LANGS:
        return lang  # type: ignore[return-value]
    return guess_language(text)


def _spans(r: _Read, name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.span(s) for s in r.hits(name)))


def _lead(r: _Read) -> int | None:
    for i, t in enumerate(r.toks):
        if t.word not in _concept("ARTICLE")[0] or i == len(r.toks) - 1:
            return i
    return None
