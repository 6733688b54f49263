"""What a field's text says, as facts: the content analysis of a cycle's free text.

One job: turn the text of an `owner`, a `standard`, a `recovery` plan or a moment's
`name` into a small frozen record of facts that rules and the critique can rely on:

    from cyclemap.engine import content
    content.owner("Todo el personal de la sucursal").actor              # "everyone"
    content.owner("Jefa de cajas").owner_is_role                         # True
    content.standard("Atención amable y cordial").standard_observable    # False
    content.standard("Tasa de contención del IVR > 70 %").org_goals      # ("containment",)
    r = content.recovery("El supervisor llama en 30 min")
    r.says_who, r.says_when, r.says_choice                               # True, True, False
    content.step("Contabilidad concilia el pago").backstage              # True

Every function takes the text and, optionally, its language ("es", "pt", "en"); without
one, the language is guessed from the text's small words. The facts are computed from
lemmas (simplemma's dictionaries, `lemmas.py`), numbers written in digits or in words
(text2num), and the concepts of `lexicon.py`; rules keep no word lists of their own.

Kinds of actor (`Actor`): "role" (one job: "Jefe de sucursal"), "person" (a name),
"team" (a group of people, or a role in the plural: "los cajeros"), "department" (a unit:
"Área comercial", "HR"), "everyone" ("todos", "any available employee", "whoever is on
shift"), "nobody" (a placeholder: "TBD", "por definir", "not assigned yet"), "system"
(a machine or program), "customer", or "unknown" (none of these recognised).

Measured on tests/data/content/ by tools/content_scores.py (docs/rules.md has the table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cyclemap.engine.content import lexicon as L
from cyclemap.engine.content.lemmas import LANGS, Token, guess_language, plain, tokens

__all__ = ["Actor", "OwnerFacts", "StandardFacts", "RecoveryFacts", "StepFacts",
           "owner", "standard", "recovery", "step", "internal_customer", "ACTOR_KINDS"]

ACTOR_KINDS = ("role", "person", "team", "department", "everyone", "nobody", "system", "customer", "unknown")
PEOPLE = ("role", "person", "team", "department")  # people who can act for the customer
NOBODY_IN_PARTICULAR = ("team", "department", "everyone", "nobody")


@dataclass(frozen=True)
class Actor:
    """Who a text says acts: `kind` (one of ACTOR_KINDS) and the words that said so."""

    kind: str = "unknown"
    words: str = ""

    @property
    def is_people(self) -> bool:
        return self.kind in PEOPLE


@dataclass(frozen=True)
class OwnerFacts:
    """What an `owner` names."""

    text: str
    actor: Actor

    @property
    def owner_is_role(self) -> bool:
        """One person or one role answers for the moment."""
        return self.actor.kind in ("role", "person")

    @property
    def nobody_in_particular(self) -> bool:
        """A whole team or department, everyone, or a placeholder: nobody in particular."""
        return self.actor.kind in NOBODY_IN_PARTICULAR


@dataclass(frozen=True)
class StandardFacts:
    """What a `standard` states: an observable criterion, and whose goal it serves."""

    text: str
    numbers: tuple[str, ...] = ()  # numbers stated, in digits ("10", "0", "70 %")
    time: tuple[str, ...] = ()  # times and deadlines ("10 s", "same day", "on the spot")
    count: tuple[str, ...] = ()  # counted events or all of a group ("3rd ring", "for everyone")
    behaviour: tuple[str, ...] = ()  # actions someone can see ("greet", "repeat")
    wish: tuple[str, ...] = ()  # qualities and feelings ("friendly", "quality", "feel")
    state: tuple[str, ...] = ()  # a state anyone can see on the spot ("visible", "in writing")
    soon: bool = False  # "as soon as possible": a hope, not a deadline
    org_goals: tuple[str, ...] = ()  # whose goal: see ORG_GOALS
    customer_subject: bool = False  # the customer is who the text is about

    @property
    def has_number(self) -> bool:
        return bool(self.numbers)

    @property
    def has_time(self) -> bool:
        return bool(self.time)

    @property
    def standard_observable(self) -> bool:
        """A number, a time, a count, or a behaviour someone can see (not drowned in a wish)."""
        return bool(self.numbers or self.time or self.count or self.state or (self.behaviour and not self.wish))

    @property
    def standard_serves_org(self) -> bool:
        """The standard measures the organisation's goal, not what the customer gets."""
        return bool(self.org_goals)


# Why a standard serves the organisation, by name (StandardFacts.org_goals).
ORG_GOALS = ("containment", "sales", "retention", "internal_rules", "regulator", "efficiency", "contract",
             "own_records", "escalation", "remedies_limited")


@dataclass(frozen=True)
class RecoveryFacts:
    """What a `recovery` plan states: who acts, how soon, what the customer may choose."""

    text: str
    actor: Actor
    time: tuple[str, ...] = ()
    choice: tuple[str, ...] = ()
    information: tuple[str, ...] = ()
    soon: bool = False

    @property
    def recovery_says_who(self) -> bool:
        return self.actor.is_people

    @property
    def recovery_says_when(self) -> bool:
        return bool(self.time)

    @property
    def recovery_says_choice(self) -> bool:
        return bool(self.choice)

    @property
    def recovery_says_information(self) -> bool:
        return bool(self.information)

    # Short names
    says_who = recovery_says_who
    says_when = recovery_says_when
    says_choice = recovery_says_choice
    says_information = recovery_says_information

    @property
    def missing(self) -> tuple[str, ...]:
        """Which of "who", "when", "choice" the plan does not state, in that order."""
        return tuple(name for name, said in (("who", self.says_who), ("when", self.says_when),
                                             ("choice", self.says_choice)) if not said)


@dataclass(frozen=True)
class StepFacts:
    """What a moment's `name` says happens: who acts, and whether the customer takes part."""

    text: str
    actor: Actor  # who acts: "customer" when the customer does (or is the subject)
    customer_present: bool
    internal_work: tuple[str, ...] = ()  # process steps named ("validate", "archive")
    systems: tuple[str, ...] = ()  # machines and programs named ("ticket machine", "app")

    @property
    def backstage(self) -> bool:
        """The organisation acts and the customer takes no part: out of the customer's sight."""
        return not self.customer_present and (self.actor.kind in PEOPLE + ("system", "unknown"))

    @property
    def customer_takes_part(self) -> bool:
        return self.customer_present


def measured() -> dict:
    """How well the facts read text, as tools/content_scores.py measured them on the
    labelled set (scores.json): per class and language, recall, false alarms and
    precision on the tuning part and the held-back part, and the blind fifth's agreement."""
    import json
    from pathlib import Path

    return json.loads(Path(__file__).with_name("scores.json").read_text(encoding="utf-8"))


# -- the reading ------------------------------------------------------------------------


def _norm(entry: str) -> str:
    return re.sub(r"[-/]", " ", plain(entry)).strip()


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, frozenset[str]], dict[str, tuple[tuple[str, tuple[str, ...]], ...]]]:
    """Every concept at once: word -> the concepts it is a single-word entry of, and
    first word -> (concept, phrase) for the phrases, longest first. One look-up per word
    instead of one per word and concept."""
    names = [n for n, v in vars(L).items() if n.isupper() and isinstance(v, frozenset)]
    names += [f"ORG:{goal}" for goal in L.ORG_GOALS]
    singles: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name in names:
        ones, many = _concept(name)
        for word in ones:
            singles.setdefault(word, set()).add(name)
        for phrase in many:
            phrases.setdefault(phrase[0], []).append((name, phrase))
    return ({w: frozenset(c) for w, c in singles.items()},
            {w: tuple(sorted(p, key=lambda cp: len(cp[1]), reverse=True)) for w, p in phrases.items()})


@lru_cache(maxsize=None)
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


class _Read:
    """A text's tokens, with concept look-ups by position."""

    def __init__(self, text: str, lang: str):
        self.text = text
        self.lang = lang
        toks: list[Token] = []
        for t in tokens(text, lang):
            if ("-" in t.word or "/" in t.word) and t.word not in ("n/a", "-", "--", "24/7"):
                for part in re.split(r"[-/]", t.text):
                    if part:
                        toks.extend(tokens(part, lang) or ())
            else:
                toks.append(t)
        self.toks = toks
        self.words = [t.word for t in toks]
        self.lemmas = [t.lemma for t in toks]
        self._hits: dict[str, list[tuple[int, int]]] = {}
        singles, phrases = _index()
        # per word, the concepts it is a single-word entry of (by form, lemma or plural)
        self.tags: list[frozenset[str]] = []
        for w, lem in zip(self.words, self.lemmas):
            tags = singles.get(w, frozenset()) | singles.get(lem, frozenset())
            if len(w) > 4 and w.endswith("s"):
                tags |= singles.get(w[:-1], frozenset())
                if w.endswith("es"):
                    tags |= singles.get(w[:-2], frozenset())
            if "INTERNAL_WORK" not in tags and _deverbal(w) & _concept("INTERNAL_WORK")[0]:
                tags |= {"INTERNAL_WORK"}  # "esterilizacion" -> "esterilizar": the noun of a process verb
            self.tags.append(tags)
        # the concepts with a phrase starting here, found once for all concepts
        self.phrase_hits: dict[str, list[tuple[int, int]]] = {}
        for i, (w, lem) in enumerate(zip(self.words, self.lemmas)):
            for name, phrase in phrases.get(w, ()) + (phrases.get(lem, ()) if lem != w else ()):
                n = len(phrase)
                if i + n <= len(toks) and all(phrase[k] in (self.words[i + k], self.lemmas[i + k]) for k in range(n)):
                    self.phrase_hits.setdefault(name, []).append((i, i + n))

    def hits(self, name: str) -> list[tuple[int, int]]:
        """(start, end) spans where the concept occurs, by word or by lemma, in order."""
        if name not in self._hits:
            self._hits[name] = self._find(name)
        return self._hits[name]

    def _find(self, name: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        taken: set[int] = set()
        # phrases first, longest first where two start at one word, never overlapping
        for s, e in sorted(self.phrase_hits.get(name, ()), key=lambda span: (span[0], span[0] - span[1])):
            if not any(j in taken for j in range(s, e)):
                found.append((s, e))
                taken.update(range(s, e))
        for i, w in enumerate(self.words):
            if i in taken or name not in self.tags[i]:
                continue
            if w in L.ONLY_IN and self.lang not in L.ONLY_IN[w] and not (
                    name == "TEAM" and all(x in _concept("ARTICLE")[0] for x in self.words[:i])):
                continue  # ("el personal de piso": at the head of a name, the staff, in any language)  # a false friend: "sale" is a sale in English only
            if name == "DEPARTMENT" and w in _CAPITAL_ONLY and not self.toks[i].text.isupper():
                continue
            found.append((i, i + 1))
        return sorted(found)

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
    return OwnerFacts(text, actor)


# -- numbers, times, counts ------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w])(\d+(?:[.,:]\d+)?)\s*(%|st|nd|rd|th|º|ª|ᵒˢ|o|a)?(?![\w])|(\d+)([a-z]+)")
_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2}|\s?(?:h|am|pm)\b)")
_SECONDS = re.compile(r"\b(segundos?|seconds?)\b", re.IGNORECASE)
_ORDINAL_SUFFIX = ("st", "nd", "rd", "th", "º", "ª", "ᵒˢ")
_ONE = frozenset({"un", "una", "uno", "um", "uma", "a", "an", "one", "media", "meia", "half"})


def _to_digits(text: str, lang: str) -> str:
    """Numbers written in words as digits (text2num), "segundos" kept a time unit."""
    try:
        from text_to_num import alpha2digit
    except ImportError:  # pragma: no cover - a declared dependency; digits still count
        return text
    masked = _SECONDS.sub(lambda m: "SECSX" if m.group(0).lower().endswith("s") else "SECX", text)
    try:
        converted = alpha2digit(masked.replace("-", " "), lang, threshold=0)
    except Exception:  # pragma: no cover - text2num refuses odd input; keep the text
        converted = masked
    return converted.replace("SECSX", "segundos").replace("SECX", "segundo")


def _measures(r: _Read) -> tuple[list[str], list[str], list[str], bool]:
    """(numbers, times, counts, soon) stated by the text."""
    numbers: list[str] = []
    times: list[str] = []
    counts: list[str] = []
    had_digits = bool(re.search(r"\d", r.text))
    converted = _to_digits(r.text, r.lang)
    conv = _Read(converted, r.lang)
    units, _ = _concept("TIME_UNIT")
    events, _ = _concept("EVENT")
    words = conv.words
    for i, w in enumerate(words):
        m = re.fullmatch(r"(\d+(?:[.,:]\d+)?)(%|st|nd|rd|th|º|ª|ᵒˢ)?([a-z]*)", w)
        if not m:
            continue
        ordinal = bool(m.group(2)) and m.group(2) != "%"
        glued = m.group(3)  # "24h", "15min"
        following = [x for x in words[i + 1:i + 4]]
        lemmas_next = conv.lemmas[i + 1:i + 4]
        unit_next = glued in units or any(x in units for x in following[:2]) or any(x in units for x in lemmas_next[:2])
        event_next = any(x in events for x in following[:2]) or any(x in events for x in lemmas_next[:2])
        value = m.group(1)
        from_words = not had_digits
        if ordinal:
            if event_next:
                counts.append(w + " " + " ".join(following[:1]))
            continue
        if from_words and value == "1" and not unit_next:
            if event_next:
                counts.append(w + " " + " ".join(following[:1]))  # "in one visit"
            continue  # an article ("un cliente", "uma boa experiência"), not a number
        numbers.append(w)
        if unit_next:
            times.append(" ".join([w] + following[:1]))
    if _CLOCK.search(plain(r.text)):
        times.append(_CLOCK.search(plain(r.text)).group(0))
    # "in an hour", "media hora", "half a day": one unit without a digit
    for i, w in enumerate(r.words[:-1]):
        nxt = r.words[i + 1:i + 3]
        if w in _ONE and (nxt[0] in units and len(nxt[0]) > 2 or (len(nxt) > 1 and nxt[0] in ("an", "a") and nxt[1] in units)):
            times.append(f"{w} {nxt[0]}")
    for s in r.hits("DEADLINE"):
        times.append(r.span(s))
    for s in r.hits("EVENT"):  # "antes del segundo timbre": an ordinal word before an event
        if s[0] > 0 and r.words[s[0] - 1] in _ORDINAL_WORDS:
            counts.append(r.span((s[0] - 1, s[1])))
    for s in r.hits("ALL_OF"):
        counts.append(r.span(s))
    if re.search(r"\b(cero|zero)\b", plain(r.text)):
        numbers.append("0")
    return numbers, times, counts, r.has("SOON")


_CAN = frozenset({"puede", "pueden", "pode", "podem", "can", "may", "podra"})
_SHARE = frozenset({"porcentaje", "percentual", "porcentagem", "proporcion", "proporcao", "share", "proportion",
                    "tasa", "taxa", "rate", "indice"})
_INSTEAD = frozenset({"vez", "lugar", "instead"})
_FILL = frozenset({"llenar", "ocupar", "fill", "occupy", "preencher", "lotar"})
_PLACE_PRODUCT = frozenset({"colocar", "emplacar", "push", "place"})
_COST = frozenset({"costo", "coste", "custo", "cost", "costs"})


def _after_reduce(r: _Read, s: int) -> bool:
    """The word at `s` is the object of a verb of making less ("minimise refunds")."""
    i = s - 1
    while i >= 0 and r.words[i] in _concept("ARTICLE")[0]:
        i -= 1
    return i >= 0 and "REDUCE" in r.tags[i]


def _customer_price(r: _Read) -> bool:
    """A cost named as what the customer pays: told to them, total, or waived."""
    for i, w in enumerate(r.words):
        if w in _COST:
            near = r.words[max(0, i - 2):i + 2]
            if r.has("INFORM") or "total" in near or any(x in _concept("WITHOUT")[0] or x in ("charge", "extra")
                                                          for x in near):
                return True
    return False


_LOAN = frozenset({"prestamo", "credito", "hipoteca", "financiamiento", "leasing", "interes", "pagar"})

_ORDINAL_WORDS = frozenset({
    "primer", "primero", "primera", "segundo", "segunda", "tercer", "tercero", "tercera", "cuarto", "quinto",
    "primeiro", "primeira", "terceiro", "terceira", "quarto", "quinta", "first", "second", "third", "fourth", "fifth"})


# -- standards ------------------------------------------------------------------------------


def _org_goals(r: _Read) -> tuple[str, ...]:
    goals: list[str] = []
    for name in ("containment", "sales", "retention", "internal_rules", "regulator", "efficiency", "contract",
                 "reputation", "incentives"):
        hit = r.has(f"ORG:{name}")
        if name == "retention" and hit and any(w in ("save", "win") for w in r.words):
            hit = r.has("CANCEL") or any(w in ("retener", "reter", "retain", "retention", "retencion") for w in r.lemmas)
        if name == "regulator" and hit and r.has("BEATS"):
            hit = False  # "half the legal limit": the customer's deadline, beating the law's
        if name == "internal_rules" and hit and {r.words[a] for a, _b in r.hits("ORG:internal_rules")} <= {"protocolo"} and \
                "numero" in r.words:
            hit = False  # "numero de protocolo": the case number the customer is given
        if name == "internal_rules" and hit and r.has("CUSTOMER") and r.has("KNOW"):
            hit = False  # "el cliente conoce el reglamento": the customer told the rules, transparency
        if name == "internal_rules" and hit and {r.words[a] for a, _b in r.hits("ORG:internal_rules")} <= {
                "policy", "policies"} and r.has("HAND_OVER"):
            hit = False  # "signed policy handed over": the insurance policy, a document the customer gets
        if name == "sales" and hit and {r.words[a] for a, _b in r.hits("ORG:sales")} <= {"receita"} and r.has("CUSTOMER"):
            hit = False  # "o paciente recebe a receita": a prescription, not revenue
        if name == "incentives" and hit and (r.has("INFORM") or r.has("CUSTOMER")):
            hit = False  # "explica las comisiones": what the customer is charged, told to them
        if name == "efficiency" and hit and _customer_price(r):
            hit = False  # "se informa el costo total", "sin costo": the price the customer pays
        if name == "sales" and hit and r.has("ONLY_IF"):
            hit = False
        if name == "sales" and hit and {r.words[a] for a, _b in r.hits("ORG:sales")} <= {"cuota", "cuotas"} and (
                r.has("INFORM") or any(w in _LOAN for a, _b in r.hits("ORG:sales") for w in r.words[max(0, a - 3):a + 4])):
            hit = False  # "la cuota del prestamo": the instalment the customer pays, not a sales quota
        if hit:
            goals.append(name)
    if "containment" not in goals and r.near("WITHOUT", "HUMAN_HELP", 4):
        goals.append("containment")
    if "sales" not in goals and r.near("CHOICE", "PRODUCT", 5) and not r.has("ONLY_IF") and not r.has("CUSTOMER"):
        goals.append("sales")
    if "sales" not in goals and r.near("CHOICE", "PRODUCT", 5) and r.has("ALL_OF") and not r.has("ONLY_IF"):
        goals.append("sales")
    # "80 % closed in the bot", "share of customers using the app instead of the branch":
    # a share of the demand kept in a machine
    share = "%" in r.text or any(w in _SHARE for w in r.words)
    if "containment" not in goals and r.has("SYSTEM") and (share or any(w in _INSTEAD for w in r.words)):
        goals.append("containment")
    # "fill 95 % of beds": capacity used, the organisation's figure
    if "efficiency" not in goals and "%" in r.text and any(l in _FILL for l in r.lemmas):
        goals.append("efficiency")
    # "no more than 5 min per call" said of the agent: handle time, the organisation's figure
    if "efficiency" not in goals and not r.has("CUSTOMER") and (r.has("HUMAN_HELP") or r.has("ROLE")) and any(
            r.words[s + 1:s + 2] and (r.tags[s + 1] & {"INTERACTION"}) for s, _e in r.hits("PER")):
        goals.append("efficiency")
    # "que el cliente compre el seguro opcional": the customer buying an extra
    if "sales" not in goals and r.has("PURCHASE") and r.has("EXTRA") and not r.has("ONLY_IF") and not any(
            w in _CAN for w in r.words):
        goals.append("sales")
    # "colocar 10 tarjetas": placing products
    if "sales" not in goals and r.has("PRODUCT") and any(l in _PLACE_PRODUCT for l in r.lemmas) and not r.has("CUSTOMER"):
        goals.append("sales")
    # "agents handle 60 calls an hour": staff output per unit of time, no customer in sight
    if "efficiency" not in goals and not r.has("CUSTOMER") and (
            r.has("HUMAN_HELP") or r.has("ROLE") or r.has("TEAM")) and re.search(r"\d", _to_digits(r.text, r.lang)):
        units = _concept("TIME_UNIT")[0]
        if any(r.words[s + 1:s + 2] and (r.words[s + 1] in units or r.lemmas[s + 1] in units)
               for s, _e in r.hits("PER")):
            goals.append("efficiency")
    # "12 patients per hour per doctor": output per member of staff
    if "efficiency" not in goals:
        for s, _e in r.hits("PER"):
            nxt = r.words[s + 1:s + 2]
            if nxt and (nxt[0] in _concept("ROLE")[0] or r.lemmas[s + 1] in _concept("ROLE")[0]):
                goals.append("efficiency")
                break
    if r.has("CLOSE_RECORD") and (r.has("SYSTEM") or any(w in ("crm", "ticket", "chamado", "caso", "case") for w in r.words)):
        if any(w in ("sistema", "system", "crm") for w in r.words):
            goals.append("own_records")
    if r.has("ESCALATE") and r.has("AVOID"):
        goals.append("escalation")
    if r.has("REMEDY") and r.has("LIMIT"):
        goals.append("remedies_limited")
    elif any(_after_reduce(r, s) for s, _e in r.hits("REMEDY")):
        goals.append("remedies_limited")  # "minimizar reembolsos"
    # "que el area cumpla su presupuesto": a unit's budget
    if "efficiency" not in goals and r.has("BUDGET") and not r.has("CUSTOMER") and any(
            kind == "department" for _s, _e, kind in _actor_hits(r)):
        goals.append("efficiency")
    # "short calls: 180 seconds max": the length of a contact, the organisation's handle time
    if "efficiency" not in goals and not r.has("CUSTOMER") and any(
            "INTERACTION" in r.tags[j] for s, _e in r.hits("SHORT") for j in (s - 1, s + 1) if 0 <= j < len(r.tags)):
        goals.append("efficiency")
    if r.has("REMEDY") and r.has("ACCEPTED"):
        goals.append("remedies_limited")
    return tuple(dict.fromkeys(goals))


def _spans(r: _Read, name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.span(s) for s in r.hits(name)))


@lru_cache(maxsize=4096)
def standard(text: str, lang: str | None = None) -> StandardFacts:
    """Whether a `standard` states an observable criterion, and whose goal it serves."""
    r = _Read(text, _language(text, lang))
    numbers, times, counts, soon = _measures(r)
    behaviour = _spans(r, "BEHAVIOUR")
    state = _spans(r, "OBSERVABLE_STATE")
    wish = _spans(r, "WISH")
    lead = _lead(r)
    if lead is not None and r.lemmas[lead] in _concept("GENERIC_START")[0]:
        behaviour = ()  # "hacer", "tratar", "do": a generic verb is not a behaviour
    customer_subject = bool(r.hits("CUSTOMER")) and r.hits("CUSTOMER")[0][0] <= 1
    return StandardFacts(text, tuple(numbers), tuple(times), tuple(counts), behaviour, wish, state, soon,
                         _org_goals(r), customer_subject)


# -- recovery plans ----------------------------------------------------------------------------

_INFINITIVE = re.compile(r"(ar|er|ir|ir-se|ar-se|er-se)$")


def _lead(r: _Read) -> int | None:
    for i, t in enumerate(r.toks):
        if t.word not in _concept("ARTICLE")[0] or i == len(r.toks) - 1:
            return i
    return None


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


# -- moments: front stage or back stage -----------------------------------------------------------------


@lru_cache(maxsize=4096)
def step(text: str, lang: str | None = None) -> StepFacts:
    """Who acts in a moment, as its `name` says, and whether the customer takes part."""
    from dataclasses import replace

    r = _Read(text, _language(text, lang))
    facts = _step(r, text)
    return replace(facts, systems=_spans(r, "SYSTEM"))


@lru_cache(maxsize=4096)
def internal_customer(text: str, lang: str | None = None) -> bool:
    """The text says the customer is a colleague ("internal customer", "cliente interno")."""
    return _Read(text, _language(text, lang)).has("INTERNAL_CUSTOMER")


def _after_with(r: _Read, s: int) -> bool:
    """The word at `s` follows "with" ("con el agente", "with the agent")."""
    i = s - 1
    while i >= 0 and r.words[i] in _concept("ARTICLE")[0]:
        i -= 1
    return i >= 0 and r.words[i] in _concept("WITH")[0]


def _customer_named(r: _Read) -> bool:
    """A customer word that names someone taking part, not a modifier of the organisation's
    system or place ("the student system", "el sistema de pacientes")."""
    backstage = set(_concept("SYSTEM")[0]) | set(_concept("INTERNAL_PLACE")[0])
    for s, e in r.hits("CUSTOMER"):
        after = r.words[e] if e < len(r.words) else ""
        before = r.words[s - 2] if s > 1 and r.words[s - 1] in ("de", "del", "do", "da", "dos", "das") else ""
        if r.lang == "en" and (after in backstage or r.lemmas[e:e + 1] and r.lemmas[e] in backstage):
            continue
        if r.lang != "en" and before in backstage:
            continue
        return True
    return False


def _step(r: "_Read", text: str) -> StepFacts:
    internal = _spans(r, "INTERNAL_WORK")
    customer = Actor("customer", "")
    if not r.toks:
        return StepFacts(text, Actor(), True)
    if _customer_named(r) or r.has("CUSTOMER_PLACE") or r.has("CHANNEL") or any(
            w in _concept("CUSTOMER_PRONOUN")[0] for w in r.words):
        return StepFacts(text, customer, True, internal)
    if r.has("SUPPLIER"):
        return StepFacts(text, Actor("unknown", ""), False, internal)  # "Pedido de insumos al proveedor"
    if r.has("TRANSFER") and any(kind == "department" for _s, _e, kind in _actor_hits(r)) and not r.has("CONTACT"):
        return StepFacts(text, Actor("unknown", ""), False, internal)  # "Traspaso de la cuenta a cobranzas"
    lead = _lead(r) or 0
    first = r.toks[lead]
    # "Se archiva la historia", "Arquiva-se a ficha": impersonal; "Se despide en la puerta",
    # "Despede-se na porta": the customer
    w = r.words[lead:]
    se = 0 if w[0] == "se" else (1 if len(w) > 1 and w[1] == "se" else None)
    if se is not None and r.lang in ("es", "pt"):
        enclitic = se == 1 and bool(re.search(r"\w-se\b", text, re.IGNORECASE))
        # "Se V X", "V-se X": look at X; "La reserva se procesa X": look past the verb too
        after = w[2] if len(w) > 2 and (se == 0 or enclitic) else (w[3] if len(w) > 3 else "")
        if after == "" or after in _concept("PREPOSITION")[0] and after not in ("a", "o"):
            return StepFacts(text, customer, True, internal)
        backstage = bool(internal or r.has("INTERNAL_PLACE"))
        return StepFacts(text, Actor("unknown", "se"), not backstage, internal)
    hits = _actor_hits(r)
    nominal = first.word in _concept("INTERNAL_WORK")[0]  # "Análise", "Registro", "Envío": a noun here
    # "grades entered in the system": a plural noun and a participle, not a verb in the third person
    passive_noun = r.lang == "en" and len(r.words) > lead + 1 and r.words[lead + 1].endswith("ed")
    finite = not nominal and (r.lang in ("es", "pt") and first.inflected and bool(re.search(r"(ar|er|ir)$", first.lemma))) or (
        r.lang == "en" and first.word.endswith("s") and first.inflected and first.lemma in _concept("CUSTOMER_ACTION")[0]
        and not passive_noun)
    at_lead = next((hit for hit in hits if hit[0] == lead), None)
    if at_lead is not None and r.lang == "en" and finite and len(r.words) > lead + 1 and (
            r.words[lead + 1] in _concept("ARTICLE")[0] or r.words[lead + 1] in _concept("CUSTOMER_PRONOUN")[0]):
        at_lead = None  # "Boards the plane": a verb, then its object
    if at_lead is None and finite:
        return StepFacts(text, customer, True, internal)  # "Goes through security": the customer acts
    org_subject = at_lead or next((hit for hit in hits if hit[0] <= lead + (2 if r.lang == "en" else 0)), None)
    with_people = any(_after_with(r, s) and kind in ("role", "person") for s, _e, kind in hits if s > 0) or any(
        _after_with(r, s) for s, _e in r.hits("CUSTOMER"))
    if with_people:
        return StepFacts(text, customer, True, internal)
    if org_subject is not None:
        kind = org_subject[2]
        if kind == "role" and _plural_role(r, org_subject[0], org_subject[1]):
            kind = "team"
        actor = Actor(kind, r.span(org_subject[:2]))
        contact = r.has("CONTACT")
        contact_only = contact and not internal and not r.has("INTERNAL_PLACE")
        if contact_only:
            return StepFacts(text, actor, True, internal)
        back_role = any(w in _concept("BACK_ROLE")[0] or l in _concept("BACK_ROLE")[0]
                        for w, l in zip(r.words[org_subject[0]:org_subject[1]], r.lemmas[org_subject[0]:org_subject[1]]))
        if internal or r.has("INTERNAL_PLACE") or kind in ("team", "department", "system") or back_role:
            return StepFacts(text, actor, False, internal)
        return StepFacts(text, actor, True, internal)  # a front-line role doing something not named
    if first.word in _concept("PASSIVE_BE")[0]:
        return StepFacts(text, customer, True, internal)  # "Is told the loan was approved"
    nominal = first.word in _concept("INTERNAL_WORK")[0]  # "Análise", "Registro", "Envío": a noun here
    finite = not nominal and (r.lang in ("es", "pt") and first.inflected and bool(re.search(r"(ar|er|ir)$", first.lemma))) or (
        r.lang == "en" and first.word.endswith("s") and first.inflected and not passive_noun)
    if passive_noun and (internal or r.has("INTERNAL_PLACE")):
        return StepFacts(text, Actor("unknown", ""), False, internal)  # "Orders picked in the warehouse"
    if finite or first.lemma in _concept("CUSTOMER_ACTION")[0] and first.word not in _concept("INTERNAL_WORK")[0]:
        if not (first.word in _concept("INTERNAL_WORK")[0] and not first.inflected):
            return StepFacts(text, customer, True, internal)
    if internal or r.has("INTERNAL_PLACE"):
        return StepFacts(text, Actor("unknown", ""), False, internal)
    if _process_noun(r, lead):
        return StepFacts(text, Actor("unknown", ""), False, internal)
    return StepFacts(text, customer, True, internal)


_EN_ACTION_NOUN = ("tion", "sion", "ment", "ing", "ance", "ence")


def _process_noun(r: _Read, lead: int) -> bool:
    """The name opens with the noun of an action that is neither the customer's nor a contact
    ("Reposicion de existencias", "Restocking the shelves"), with no one from outside named:
    a step the organisation does on its own."""
    if r.has("CONTACT") or r.has("WITH") or r.has("CUSTOMER_ACTION") and r.hits("CUSTOMER_ACTION")[0][0] != lead:
        return False
    first = r.toks[lead]
    people = _concept("CUSTOMER_ACTION")[0] | _concept("CONTACT")[0]
    if r.lang in ("es", "pt"):
        verbs = _deverbal(first.word)
        return bool(verbs) and not verbs & people
    return first.word.endswith(_EN_ACTION_NOUN) and len(first.word) > 5 and first.lemma not in people and \
        first.word[:-3] not in people
