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

from cyclemap.engine.content.actors import owner, recovery
from cyclemap.engine.content.facts import (
    ACTOR_KINDS,
    NOBODY_IN_PARTICULAR,
    ORG_GOALS,
    PEOPLE,
    Actor,
    OwnerFacts,
    RecoveryFacts,
    StandardFacts,
    StepFacts,
)
from cyclemap.engine.content.goals import standard
from cyclemap.engine.content.steps import internal_customer, step

__all__ = [
    "ACTOR_KINDS",
    "NOBODY_IN_PARTICULAR",
    "ORG_GOALS",
    "PEOPLE",
    "Actor",
    "OwnerFacts",
    "RecoveryFacts",
    "StandardFacts",
    "StepFacts",
    "internal_customer",
    "measured",
    "owner",
    "recovery",
    "standard",
    "step",
]

def measured() -> dict:
    """How well the facts read text, as tools/content_scores.py measured them on the
    labelled set (scores.json): per class and language, recall, false alarms and
    precision on the tuning part and the held-back part, and the blind fifth's agreement."""
    import json
    from pathlib import Path

    return json.loads(Path(__file__).with_name("scores.json").read_text(encoding="utf-8"))
