"""Who a text names or says acts: an `owner`, the subject of a `recovery` plan."""

from __future__ import annotations

import re
from functools import lru_cache

from cyclemap.engine.content import model
from cyclemap.engine.content.facts import (
    NOBODY_IN_PARTICULAR,
    Actor,
    OwnerFacts,
    RecoveryFacts,
)
from cyclemap.engine.content.lemmas import plain
from cyclemap.engine.content.measures import _measures
from cyclemap.engine.content.reading import _concept, _language, _Read, _spans

# -- who acts -----------------------------------------------------------------------------

_ACTOR_CONCEPTS = (("ROLE", "role"), ("TEAM", "team"), ("DEPARTMENT", "department"), ("SYSTEM", "system"))
_EN_BOUNDARY = frozenset({"of", "who", "on", "in", "at", "for", "from", "with", "que", "de"})


def _actor_hits(r: _Read) -> list[tuple[int, int, str]]:
    """Every actor noun: (start, end, kind), the first concept winning a shared position."""
    seen: dict[int, tuple[int, int, str]] = {}
    for concept, kind in _ACTOR_CONCEPTS:
        for s, e in r.hits(concept):
            if s not in seen or e > seen[s][1]:
                if s in seen and seen[s][1] >= e:
                    continue
                seen[s] = (s, e, kind)
    # A longer hit swallows the shorter ones inside it ("team lead" over "team").
    spans = sorted(seen.values(), key=lambda hit: (hit[0], -(hit[1] - hit[0])))
    kept: list[tuple[int, int, str]] = []
    for hit in spans:
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept


def _plural_role(r: _Read, start: int, end: int) -> bool:
    t = r.toks[end - 1]
    roles = _concept("ROLE")[0]
    # "atendentes": the lemma table may not know the plural; the singular is a role
    bare = t.word.endswith("s") and t.word not in roles and (t.word[:-1] in roles or t.word[:-2] in roles)
    return t.word.endswith("s") and (t.lemma != t.word or bare) and len(t.word) > 3


def _looks_like_a_name(r: _Read) -> bool:
    if r.text.isupper():
        return False
    names = [t for t in r.toks if t.text[:1].isupper() and t.text[1:].islower() and t.text.isalpha()]
    return len(names) >= 2 and len(names) >= len(r.toks) - 1


def _head(r: _Read, hits: list[tuple[int, int, str]], limit: int | None = None) -> tuple[int, int, str] | None:
    """The actor the phrase is about: in Spanish and Portuguese the first actor noun
    ("pessoal do caixa" -> pessoal); in English the last one of the first phrase
    ("front desk manager" -> manager, "Head of Customer Service" -> head)."""
    if limit is not None:
        hits = [hit for hit in hits if hit[0] < limit]
    if not hits:
        return None
    if r.lang != "en":
        return hits[0]
    stop = len(r.toks)
    for i, t in enumerate(r.toks):
        if i > hits[0][0] and (t.word in _EN_BOUNDARY or t.text in (",", "(", ".", ";", ":")):
            stop = i
            break
    first = [hit for hit in hits if hit[0] < stop]
    return first[-1] if first else hits[0]


def _classify(r: _Read, limit: int | None = None) -> Actor:
    """Who the (start of the) text names, as an Actor."""
    hits = _actor_hits(r)
    head = _head(r, hits, limit)
    every = [s for s in r.hits("EVERYONE") if limit is None or s[0] < limit]
    if head is not None and any(s[0] < head[0] for s in every):
        return Actor("everyone", r.span((every[0][0], head[1])))
    if head is None:
        if every:
            return Actor("everyone", r.span(every[0]))
        if r.has("HONORIFIC") or _looks_like_a_name(r):
            return Actor("person", r.text.strip())
        return Actor("unknown", "")
    s, e, kind = head
    if kind == "role" and _plural_role(r, s, e):
        kind = "team"
    return Actor(kind, r.span((s, e)))


@lru_cache(maxsize=4096)
def owner(text: str, lang: str | None = None) -> OwnerFacts:
    """Who an `owner` names: one role or person, or nobody in particular."""
    r = _Read(text, _language(text, lang))
    if not any(c.isalnum() for c in text) or plain(text).strip() in ("na", "n/a", "nd", "n.a", "xx", "xxx"):
        return OwnerFacts(text, Actor("nobody", text.strip()))
    actor = _classify(r)
    holders = r.hits("PLACEHOLDER")
    inside = any(s <= i < e for s, e in holders for i, t in enumerate(r.toks) if t.text == actor.words)
    if holders and (actor.kind != "role" or inside):
        return OwnerFacts(text, Actor("nobody", r.span(r.hits("PLACEHOLDER")[0])))
    if actor.kind in NOBODY_IN_PARTICULAR or actor.kind == "person" or not _model_may_read(r) or not model.says(
            "owner", r):
        return OwnerFacts(text, actor)
    return OwnerFacts(text, _group_kind(r), by_model=True)


def _model_may_read(r: _Read) -> bool:
    """The model reads an owner the rules leave open only when there is more to go on than the
    letters of one word the lexicon does not know ("Gobernanta" is a post, whatever its ending)."""
    words = [i for i, t in enumerate(r.toks) if t.word.isalpha()]
    return len(words) > 1 or any(r.tags[i] for i in words)


def _group_kind(r: _Read) -> Actor:
    """What kind of "nobody in particular" a text the model reads as one is: everyone when it
    says all or any, a team when its head word is a plural, else a department."""
    if r.has("EVERYONE"):
        return Actor("everyone", r.text.strip())
    head = next((t for t in r.toks if t.word not in _concept("ARTICLE")[0]), r.toks[0])
    plural = head.word.endswith("s") and len(head.word) > 3
    return Actor("team" if plural else "department", r.text.strip())


# -- recovery plans ----------------------------------------------------------------------------

_INFINITIVE = re.compile(r"(ar|er|ir|ir-se|ar-se|er-se)$")


def _starts_with_order(r: _Read) -> bool:
    """The text starts with a verb in the infinitive or the imperative ("Pedir disculpas",
    "Escalate", "Inform management"): it tells someone to act without saying who."""
    if not r.toks:
        return False
    first = r.toks[0]
    if any(hit[0] == 0 for hit in _actor_hits(r)):
        return False
    if r.lang in ("es", "pt"):
        return bool(_INFINITIVE.search(first.word)) and first.word == first.lemma and len(first.word) > 3
    verbs = set()
    for c in ("IMPERATIVE", "CONTACT", "BEHAVIOUR", "INTERNAL_WORK", "CHOICE", "INFORM", "ESCALATE", "GENERIC_START"):
        verbs |= _concept(c)[0]
    return first.word in verbs and first.word == first.lemma


def _subject(r: _Read) -> Actor:
    """The actor who does what the text says: the first actor noun that is not the object
    of a preposition ("informar a gerencia") nor of an opening order ("Inform management")."""
    if _starts_with_order(r):
        agent = [i for i, w in enumerate(r.words) if w in ("por", "by", "pelo", "pela")]
        for i in agent:
            sub = _Read(" ".join(t.text for t in r.toks[i + 1:]), r.lang)
            actor = _classify(sub)
            if actor.kind != "unknown":
                return actor
        return Actor("unknown", "")
    preps, _ = _concept("PREPOSITION")
    hits = _actor_hits(r)
    for s, e, _kind in hits:
        before = r.words[s - 1] if s > 0 else ""
        if before in preps and not (r.lang != "es" and before in ("a", "o")) and before not in ("por", "by", "pelo", "pela"):
            continue
        if before == "a" and r.lang == "es":
            continue
        if r.lang == "en" and before == "to":
            continue
        sub = _Read(" ".join(t.text for t in r.toks[max(0, s - 3):]), r.lang)
        actor = _classify(sub, limit=None)
        if actor.kind in ("unknown",):
            continue
        return actor
    every = r.hits("EVERYONE")
    if every and every[0][0] <= 1:
        return Actor("everyone", r.span(every[0]))
    return Actor("unknown", "")


def _choices(r: _Read) -> tuple[str, ...]:
    found = []
    apology = {"disculpa", "disculpas", "desculpa", "desculpas", "apology", "apologies", "perdon", "perdao"}
    for s in r.hits("CHOICE"):
        after = r.words[s[1]:s[1] + 2]
        if any(a in apology for a in after):
            continue
        found.append(r.span(s))
    if r.near("GIVE_BACK", "MONEY", 4):
        found.append(r.span(r.hits("GIVE_BACK")[0]))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def recovery(text: str, lang: str | None = None) -> RecoveryFacts:
    """Who acts, how soon, and what the customer may choose, as a `recovery` plan says."""
    r = _Read(text, _language(text, lang))
    _numbers, times, _counts, soon = _measures(r)
    return RecoveryFacts(text, _subject(r), tuple(times), _choices(r), _spans(r, "INFORM"), soon)
