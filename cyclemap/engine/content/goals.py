"""Whose goal a `standard` serves: the customer's, or the organisation's."""

from __future__ import annotations

import re
from functools import lru_cache

from cyclemap.engine.content.actors import _actor_hits
from cyclemap.engine.content.facts import StandardFacts
from cyclemap.engine.content.measures import _measures, _to_digits
from cyclemap.engine.content.reading import _concept, _language, _lead, _Read, _spans

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


# -- standards ------------------------------------------------------------------------------


def _org_goals(r: _Read) -> tuple[str, ...]:
    """The organisation's goals a standard names (ORG_GOALS), from its words and its structure."""
    goals = _named_goals(r)
    for name, reads in _STRUCTURES:
        if name not in goals and reads(r):
            goals.append(name)
    return tuple(dict.fromkeys(goals))


def _named(r: _Read, name: str) -> set[str]:
    return {r.words[a] for a, _b in r.hits(f"ORG:{name}")}


def _named_goals(r: _Read) -> list[str]:
    """The goals the lexicon names, but for the senses in which the word is the customer's."""
    return [name for name in _NAMED if r.has(f"ORG:{name}") and not _customer_sense(r, name)]


_NAMED = ("containment", "sales", "retention", "internal_rules", "regulator", "efficiency", "contract", "reputation",
          "incentives")


def _customer_sense(r: _Read, name: str) -> bool:
    """The goal's word is used in a sense that is the customer's."""
    if name == "retention" and any(w in ("save", "win") for w in r.words):
        return not (r.has("CANCEL") or any(w in ("retener", "reter", "retain", "retention", "retencion") for w in r.lemmas))
    if name == "regulator":
        return r.has("BEATS")  # "half the legal limit": the customer's deadline, beating the law's
    if name == "internal_rules":
        if _named(r, name) <= {"protocolo"} and "numero" in r.words:
            return True  # "numero de protocolo": the case number the customer is given
        if r.has("CUSTOMER") and r.has("KNOW"):
            return True  # "el cliente conoce el reglamento": the customer told the rules, transparency
        return _named(r, name) <= {"policy", "policies"} and r.has("HAND_OVER")  # the insurance policy handed over
    if name == "incentives":
        return r.has("INFORM") or r.has("CUSTOMER")  # "explica las comisiones": what the customer is charged
    if name == "efficiency":
        return _customer_price(r)  # "se informa el costo total", "sin costo": the price the customer pays
    if name == "sales":
        return _customer_sale(r)
    return False


def _customer_sale(r: _Read) -> bool:
    named = _named(r, "sales")
    if r.has("ONLY_IF"):
        return True  # offered only when the customer asks
    if named <= {"receita"} and r.has("CUSTOMER") and not any(
            w == "receita" and "PER" in r.tags[i + 1] and "CUSTOMER" in r.tags[i + 2]
            for i, w in enumerate(r.words[:-2])):
        return True  # "o paciente recebe a receita": a prescription, not revenue ("receita por cliente" is)
    return named <= {"cuota", "cuotas"} and (r.has("INFORM") or any(
        w in _LOAN for a, _b in r.hits("ORG:sales") for w in r.words[max(0, a - 3):a + 4]))  # the loan's instalment


# -- the organisation's goals read from the structure of the text ------------------------------------------


def _kept_from_people(r: _Read) -> bool:
    """"sin pasar por un asesor", "que el cliente no llegue a hablar con un humano"; "80 % closed in
    the bot", "share of customers using the app instead of the branch": demand kept in a machine."""
    if r.near("WITHOUT", "HUMAN_HELP", 6):
        return True
    share = "%" in r.text or any(w in _SHARE for w in r.words)
    return r.has("SYSTEM") and (share or any(w in _INSTEAD for w in r.words))


def _selling(r: _Read) -> bool:
    """Offering a product to everyone, a customer buying an extra, placing products."""
    if r.has("ONLY_IF"):
        return False
    if r.near("CHOICE", "PRODUCT", 5) and (not r.has("CUSTOMER") or r.has("ALL_OF")):
        return True
    if r.has("PURCHASE") and r.has("EXTRA") and not any(w in _CAN for w in r.words):
        return True  # "que el cliente compre el seguro opcional"
    return r.has("PRODUCT") and any(lem in _PLACE_PRODUCT for lem in r.lemmas) and not r.has("CUSTOMER")


def _output(r: _Read) -> bool:
    """The organisation's cost and throughput: capacity filled, output per member of staff or per
    hour, a unit's budget, the length of a contact."""
    if "%" in r.text and any(lem in _FILL for lem in r.lemmas):
        return True  # "fill 95 % of beds"
    staff = r.has("HUMAN_HELP") or r.has("ROLE") or r.has("TEAM")
    units = _concept("TIME_UNIT")[0]
    for s, _e in r.hits("PER"):
        nxt, lem = r.words[s + 1:s + 2], r.lemmas[s + 1:s + 2]
        if nxt and (nxt[0] in _concept("ROLE")[0] or lem[0] in _concept("ROLE")[0]):
            return True  # "12 patients per hour per doctor"
        if not nxt or r.has("CUSTOMER") and not _customers_counted(r):
            continue
        if "INTERACTION" in r.tags[s + 1] and (staff or not r.has("OUTCOME") and s > 0 and (
                r.words[s - 1] in units or r.lemmas[s - 1] in units) and (r.lang == "en" or nxt[0] != "chat")):
            return True  # "no more than 5 min per call" said of the agent; "max 3 min por llamada" ("por chat": a channel)
        if (nxt[0] in units or lem[0] in units) and (staff or _customers_counted(r)) and re.search(
                r"\d", _to_digits(r.text, r.lang)):
            return True  # "agents handle 60 calls an hour", "12 pacientes atendidos por hora"
    if r.has("BUDGET") and not r.has("CUSTOMER") and any(kind == "department" for _s, _e, kind in _actor_hits(r)):
        return True  # "que el area cumpla su presupuesto"
    return _contact_length(r)


def _customers_counted(r: _Read) -> bool:
    """A number of customers ("12 pacientes", "at least 12 patients seen"): customers as units processed."""
    for s, _e in r.hits("CUSTOMER"):
        before = r.words[max(0, s - 2):s]
        if any(re.fullmatch(r"\d+", w) for w in before) and r.words[s].endswith("s"):
            return True
    return False


def _contact_length(r: _Read) -> bool:
    """The length of a contact capped: "short calls", "llamadas de menos de 3 minutos", "calls
    under 3 minutes" — the organisation's handle time. Not "answered in under 20 s" (a wait)."""
    if r.has("CUSTOMER") or r.has("OUTCOME"):
        return False
    if any("INTERACTION" in r.tags[j] for s, _e in r.hits("SHORT") for j in (s - 1, s + 1) if 0 <= j < len(r.tags)):
        return True
    caps = r.hits("AT_MOST")
    for s, _e in r.hits("INTERACTION"):
        if s != (_lead(r) or 0) or not r.words[s].endswith("s") and r.lang != "en":
            continue
        gap = r.words[s + 1:s + 2]
        for c, _ce in caps:
            if c == s + 1 and gap[0] not in ("within", "in") or c == s + 2 and gap[0] in ("de", "of", "com", "lasting"):
                return True
    return False


def _own_records(r: _Read) -> bool:
    """A case closed in the organisation's system."""
    return r.has("CLOSE_RECORD") and any(w in ("sistema", "system", "crm") for w in r.words)


def _escalation(r: _Read) -> bool:
    """Complaints kept from management or the regulator: "que ninguna queja llegue a gerencia"."""
    if r.has("ESCALATE") and r.has("AVOID"):
        return True
    negated = r.has("WITHOUT") or any(w in ("ninguna", "ninguno", "nenhuma", "nenhum", "zero", "cero", "fewer", "menos")
                                      for w in r.words)
    return r.has("COMPLAINT") and r.has("ABOVE") and negated


def _remedies_limited(r: _Read) -> bool:
    """A ceiling on what customers get back: "limit refunds", "minimizar reembolsos", "few returns accepted"."""
    if r.has("REMEDY") and (r.has("LIMIT") or r.has("ACCEPTED")):
        return True
    return any(_after_reduce(r, s) for s, _e in r.hits("REMEDY"))


_STRUCTURES = (("containment", _kept_from_people), ("sales", _selling), ("efficiency", _output),
               ("own_records", _own_records), ("escalation", _escalation), ("remedies_limited", _remedies_limited))


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
    goals = _org_goals(r)
    # The model (model.py) is not asked about standards: on the independent held-back set
    # (round3.tsv) it added false alarms (pt 7 -> 13 %, en 0 -> 7 %) and no recall, and it read a
    # sound standard of the bundled bank ("Señalización visible desde la entrada") as the
    # organisation's. Standards are read by the rules alone.
    return StandardFacts(text, tuple(numbers), tuple(times), tuple(counts), behaviour, wish, state, soon,
                         goals, customer_subject)
