"""Moments: front stage (the customer takes part) or back stage."""

from __future__ import annotations

import re
from functools import lru_cache

from cyclemap.engine.content.actors import _actor_hits, _plural_role
from cyclemap.engine.content.facts import Actor, StepFacts
from cyclemap.engine.content.reading import (
    _concept,
    _deverbal,
    _language,
    _lead,
    _Read,
    _spans,
)

# -- moments: front stage or back stage -----------------------------------------------------------------


@lru_cache(maxsize=4096)
def step(text: str, lang: str | None = None) -> StepFacts:
    """Who acts in a moment, as its `name` says, and whether the customer takes part."""
    r = _Read(text, _language(text, lang))
    facts, _sure = _step(r, text)
    return StepFacts(text, facts.actor, facts.customer_present, facts.internal_work, _spans(r, "SYSTEM"))


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


def _customer_evident(r: _Read) -> bool:
    """The customer is named, addressed or placed in the text: they take part, whatever else it says."""
    return _customer_named(r) or r.has("CUSTOMER_PLACE") or r.has("CHANNEL") or any(
        w in _concept("CUSTOMER_PRONOUN")[0] for w in r.words)


def _finite(r: _Read, lead: int, passive_noun: bool, customer_verbs_only: bool) -> bool:
    """The text opens with a verb in the third person ("Paga en caja", "Goes through security")."""
    first = r.toks[lead]
    if first.word in _concept("INTERNAL_WORK")[0]:
        return False  # "Análise", "Registro", "Envío": a noun here
    if r.lang in ("es", "pt"):
        return first.inflected and bool(re.search(r"(ar|er|ir)$", first.lemma))
    return r.lang == "en" and first.word.endswith("s") and first.inflected and not passive_noun and (
        not customer_verbs_only or first.lemma in _concept("CUSTOMER_ACTION")[0])


def _impersonal(r: _Read, lead: int, text: str, internal: tuple[str, ...]) -> StepFacts | None:
    """"Se archiva la historia", "Arquiva-se a ficha": impersonal; "Se despide en la puerta",
    "Despede-se na porta": the customer. None when the text has no "se" at its head."""
    w = r.words[lead:]
    se = 0 if w[0] == "se" else (1 if len(w) > 1 and w[1] == "se" else None)
    if se is None or r.lang not in ("es", "pt"):
        return None
    enclitic = se == 1 and bool(re.search(r"\w-se\b", text, re.IGNORECASE))
    # "Se V X", "V-se X": look at X; "La reserva se procesa X": look past the verb too
    after = w[2] if len(w) > 2 and (se == 0 or enclitic) else (w[3] if len(w) > 3 else "")
    if after == "" or after in _concept("PREPOSITION")[0] and after not in ("a", "o"):
        return StepFacts(text, Actor("customer", ""), True, internal)
    backstage = bool(internal or r.has("INTERNAL_PLACE"))
    return StepFacts(text, Actor("unknown", "se"), not backstage, internal)


def _step(r: _Read, text: str) -> tuple[StepFacts, bool]:
    """The rules' reading of a moment's name, and whether it is sure the customer takes part
    (named, addressed, or the subject of an opening verb): then no other reading overrides it."""
    internal = _spans(r, "INTERNAL_WORK")
    customer = Actor("customer", "")
    if not r.toks:
        return StepFacts(text, Actor(), True), True
    if _customer_evident(r):
        return StepFacts(text, customer, True, internal), True
    if r.has("SUPPLIER"):
        return StepFacts(text, Actor("unknown", ""), False, internal), False  # "Pedido de insumos al proveedor"
    handing = {i for s, e in r.hits("TRANSFER") for i in range(s, e)}
    contact = any(s not in handing for s, _e in r.hits("CONTACT"))  # "handed" hands over, to a unit here
    if handing and any(kind == "department" for _s, _e, kind in _actor_hits(r)) and not contact:
        return StepFacts(text, Actor("unknown", ""), False, internal), False  # "Traspaso de la cuenta a cobranzas"
    lead = _lead(r) or 0
    impersonal = _impersonal(r, lead, text, internal)
    if impersonal is not None:
        return impersonal, False
    hits = _actor_hits(r)
    # "grades entered in the system": a plural noun and a participle, not a verb in the third person
    passive_noun = r.lang == "en" and len(r.words) > lead + 1 and r.words[lead + 1].endswith("ed")
    finite = _finite(r, lead, passive_noun, customer_verbs_only=True)
    at_lead = next((hit for hit in hits if hit[0] == lead), None)
    if at_lead is not None and r.lang == "en" and finite and len(r.words) > lead + 1 and (
            r.words[lead + 1] in _concept("ARTICLE")[0] or r.words[lead + 1] in _concept("CUSTOMER_PRONOUN")[0]):
        at_lead = None  # "Boards the plane": a verb, then its object
    if at_lead is None and finite:
        # "Goes through security": the customer acts (sure in English; "Firma" is a verb or a noun)
        return StepFacts(text, customer, True, internal), r.lang == "en"
    if any(_after_with(r, s) and kind in ("role", "person") for s, _e, kind in hits if s > 0) or any(
            _after_with(r, s) for s, _e in r.hits("CUSTOMER")):
        return StepFacts(text, customer, True, internal), True  # with someone: the customer is there
    org_subject = at_lead or next((hit for hit in hits if hit[0] <= lead + (2 if r.lang == "en" else 0)), None)
    if org_subject is not None:
        return _org_acts(r, org_subject, text, internal), False
    return _no_subject(r, lead, passive_noun, text, internal), False


def _org_acts(r: _Read, subject: tuple[int, int, str], text: str, internal: tuple[str, ...]) -> StepFacts:
    """Someone of the organisation is the subject: backstage unless they contact the customer."""
    kind = subject[2]
    if kind == "role" and _plural_role(r, subject[0], subject[1]):
        kind = "team"
    actor = Actor(kind, r.span(subject[:2]))
    if r.has("CONTACT") and not internal and not r.has("INTERNAL_PLACE"):
        return StepFacts(text, actor, True, internal)
    back_role = any(w in _concept("BACK_ROLE")[0] or lem in _concept("BACK_ROLE")[0]
                    for w, lem in zip(r.words[subject[0]:subject[1]], r.lemmas[subject[0]:subject[1]]))
    if internal or r.has("INTERNAL_PLACE") or kind in ("team", "department", "system") or back_role:
        return StepFacts(text, actor, False, internal)
    return StepFacts(text, actor, True, internal)  # a front-line role doing something not named


def _no_subject(r: _Read, lead: int, passive_noun: bool, text: str, internal: tuple[str, ...]) -> StepFacts:
    """No one is named: a verb is the customer's, a process noun or an internal place the organisation's."""
    customer = Actor("customer", "")
    first = r.toks[lead]
    if first.word in _concept("PASSIVE_BE")[0]:
        return StepFacts(text, customer, True, internal)  # "Is told the loan was approved"
    if passive_noun and (internal or r.has("INTERNAL_PLACE")):
        return StepFacts(text, Actor("unknown", ""), False, internal)  # "Orders picked in the warehouse"
    work = first.word in _concept("INTERNAL_WORK")[0]
    if _finite(r, lead, passive_noun, customer_verbs_only=False) or (
            first.lemma in _concept("CUSTOMER_ACTION")[0] and not work):
        if not (work and not first.inflected):
            return StepFacts(text, customer, True, internal)
    if internal or r.has("INTERNAL_PLACE") or _process_noun(r, lead):
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
