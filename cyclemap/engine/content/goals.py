"""Whose goal a `standard` serves: the customer's, or the organisation's."""

from __future__ import annotations

import re
from functools import lru_cache

from cyclemap.engine.content import model
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
    by_model = not goals and model.says("standard", r)
    return StandardFacts(text, tuple(numbers), tuple(times), tuple(counts), behaviour, wish, state, soon,
                         ("organisation",) if by_model else goals, customer_subject, by_model)
