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
    from dataclasses import replace

    r = _Read(text, _language(text, lang))
    facts = _step(r, text)
    return replace(facts, systems=_spans(r, "SYSTEM"))


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


def _step(r: _Read, text: str) -> StepFacts:
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
