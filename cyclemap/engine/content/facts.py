"""The facts the content component returns: frozen records, one per kind of field."""

from __future__ import annotations

from dataclasses import dataclass

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
    by_model: bool = False  # the rules found no group; the model read one (model.py)

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
             "own_records", "escalation", "remedies_limited", "reputation", "incentives")


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
