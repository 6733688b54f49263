"""The catalogue of sentences a client reads about a weak point: why it matters and what
to do. Each sentence is an entry with a declared premise over the facts the engine knows
about the moment (`engine.facts.Facts`), and is said only when its premise holds: a
sentence cannot be built without one (`Sentence.__post_init__`), and the critique takes
its client text from `compose` alone.

What is common to several points is said once, before the list (`PREFACE`, premises over
the whole list); each point says what is specific to it.

The course's ideas (seeds 000, 003, 004) are said in our own words: of unhappy customers
few complain and most leave; complainers handled well mostly come back and tell others;
customers who cannot leave (public offices, utilities) complain, distrust and go to the
regulator instead; containment puts one case right, prevention removes the cause; the
"errores y horrores" of service (apathy, inflexibility, evasions, superiority, robotic
treatment, coldness, brush-off) are named where a finding is one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from cyclemap.engine.facts import Facts
from cyclemap.engine.rules._scores import SCORE_RULES
from cyclemap.format.i18n import Text, _, _n

SCORE_CODES = frozenset(SCORE_RULES)

TextOf = Union[Text, Callable[[Facts], Text]]


@dataclass(frozen=True)
class Sentence:
    key: str  # stable, for tests and the JSON (`said`)
    part: str  # "why" | "todo" | "preface"
    premise: Callable  # Facts -> bool (ListFacts -> bool for the preface)
    text: TextOf
    # Said once before the list when several points would each say it (its premise holds
    # for each of them), in words that speak of those points together; None: never hoisted.
    once: Text | None = None

    def __post_init__(self) -> None:
        if self.part not in ("why", "todo", "preface"):
            raise ValueError(f"sentence {self.key}: unknown part {self.part!r}")
        if not callable(self.premise):
            raise TypeError(f"sentence {self.key}: a client sentence needs a premise")

    def said(self, facts) -> Text:
        if getattr(facts, "hoisted", False) and self.once is not None:
            return self.once
        text = self.text(facts) if callable(self.text) and not isinstance(self.text, Text) else self.text
        fields = getattr(facts, "fields", {}) or {}
        return text.format(**fields) if fields and hasattr(text, "format") else text


def _present(f: Facts) -> bool:
    """The customer lives this moment (a rating of a step they never see is not theirs)."""
    return f.content is None or f.content.customer_present


def _score(f: Facts) -> bool:
    return bool(f.codes & SCORE_CODES) and _present(f)


def _sure(f: Facts) -> bool:
    return _score(f) and f.certain


def _thin(f: Facts) -> bool:
    return f.scored and f.answers is not None and not f.certain


def _has(code: str) -> Callable[[Facts], bool]:
    return lambda f: code in f.codes


def _answers_text(f: Facts) -> Text:
    return _n("This rests on {n} answer, too few to be sure: about {more} more would settle it.",
              "This rests on {n} answers, too few to be sure: about {more} more would settle it.", f.answers or 0)


def _collect_text(f: Facts) -> Text:
    return _n("Collect about {more} more answer for this moment before acting on its rating.",
              "Collect about {more} more answers for this moment before acting on its rating.", f.more_answers)


WHY: tuple[Sentence, ...] = (
    # The evidence first: an uncertain score says so before anything rests on it.
    Sentence("score.thin", "why", lambda f: (_score(f) or "CM121" in f.codes) and _thin(f), _answers_text),
    Sentence("score.count_unknown", "why", lambda f: _score(f) and f.scored and f.answers is None,
             _("How many customers this rating rests on is not known, so it is not yet certain.")),
    Sentence("score.complaint", "why", lambda f: _sure(f) and f.complaint_moment and f.can_leave,
             _("These are the customers who did speak up: when a complaint is handled well, about 7 in 10 come "
               "back and tell others; handled badly, the service loses the very customers who cared enough to "
               "say something.")),
    Sentence("score.complaint_captive", "why",
             lambda f: _sure(f) and f.complaint_moment and not f.can_leave and not f.internal,
             _("These are the customers who did speak up: a complaint handled well restores their trust and they "
               "say so to others; handled badly, it comes back as a second complaint, to the regulator or in "
               "public.")),
    Sentence("score.gap", "why",
             lambda f: _sure(f) and "CM105" in f.codes and not f.codes & {"CM104", "CM119"}
             and not f.complaint_moment,
             _("Customers judge what they receive against what they expected: here they get less, and that "
               "is disappointment.")),
    Sentence("score.quiet", "why", lambda f: _sure(f) and f.can_leave and not f.complaint_moment,
             _("Few unhappy customers say so (about 4 in 100 complain): most simply do not come back, so a "
               "rating like this one means customers are being lost without a word."),
             _("Few unhappy customers say so (about 4 in 100 complain): most simply do not come back, so low "
               "ratings at the moments below mean customers are being lost without a word.")),
    Sentence("score.captive", "why",
             lambda f: _sure(f) and not f.can_leave and not f.internal and not f.complaint_moment,
             _("These customers cannot simply go elsewhere: a rating like this one turns into complaints, "
               "distrust, bad word of mouth and the regulator's attention."),
             _("These customers cannot simply go elsewhere: low ratings at the moments below turn into "
               "complaints, distrust, bad word of mouth and the regulator's attention.")),
    Sentence("score.internal", "why", lambda f: _sure(f) and f.internal and not f.complaint_moment,
             _("These customers are colleagues who cannot go elsewhere: a rating like this one turns into "
               "workarounds and escalations, and into worse service for the customers they serve."),
             _("These customers are colleagues who cannot go elsewhere: low ratings at the moments below turn "
               "into workarounds and escalations, and into worse service for the customers they serve.")),
    Sentence("routine.harsh", "why", lambda f: "CM119" in f.codes and _present(f),
             _("A moment judged this harshly needs what decisive moments get: someone in charge, a standard and "
               "a plan for when it fails."),
             _("Routine moments that customers judge this harshly need what decisive moments get: someone in "
               "charge, a standard and a plan for when they fail.")),
    Sentence("score.none", "why", lambda f: "CM114" in f.codes and not f.scored,
             _("Until customers rate it, nobody knows whether this moment works: the team is guessing.")),
    Sentence("owner.none", "why",
             lambda f: "CM101" in f.codes and f.content is not None and f.content.owner == "none"
             and not f.complaint_moment,  # there: complaint.brushoff_owner says it of the complaints

             _("When it goes wrong, nobody is there to notice, hear the complaints and put it right."),
             _("Where nobody answers for a moment, nobody is there to notice when it goes wrong, hear the "
               "complaints and put it right.")),
    Sentence("owner.nobody", "why",
             lambda f: "CM116" in f.codes and f.content is not None and f.content.owner == "nobody",
             _("A moment that is everyone's job is nobody's: when it fails, each person expects someone else to "
               "act, and the customer meets the apathy the course warns about.")),
    Sentence("standard.none", "why",
             lambda f: "CM102" in f.codes and f.content is not None and f.content.standard == "none",
             _("Without an agreed standard, good service here is an opinion: it cannot be trained, checked or "
               "defended when a customer says it failed."),
             _("Without an agreed standard, good service is an opinion: it cannot be trained, checked or "
               "defended when a customer says it failed.")),
    Sentence("standard.wish", "why",
             lambda f: "CM115" in f.codes and f.content is not None and f.content.standard == "wish",
             _("A wish means something different to each employee: nobody can be trained to it or checked "
               "against it."),
             _("A standard written as a wish means something different to each employee: nobody can be trained "
               "to it or checked against it.")),
    Sentence("recovery.none", "why",
             lambda f: "CM103" in f.codes and f.content is not None and not f.content.recovery and f.can_leave,
             _("Decisive moments sometimes fail, and customers remember what happened next more than the "
               "failure itself."),
             _("Decisive moments sometimes fail, and customers remember what happened next more than the "
               "failure itself.")),
    Sentence("recovery.none_captive", "why",
             lambda f: "CM103" in f.codes and f.content is not None and not f.content.recovery and not f.can_leave,
             _("When it fails, customers who cannot go elsewhere have only the complaint left: what happens "
               "next decides whether they trust the service again."),
             _("When a decisive moment fails, customers who cannot go elsewhere have only the complaint left: "
               "what happens next decides whether they trust the service again.")),
    Sentence("recovery.vague", "why",
             lambda f: "CM117" in f.codes and f.content is not None and f.content.recovery
             and not f.content.recovery_choice,
             _("An upset customer needs more than an apology: to be informed, to be offered options and to keep "
               "some control; a plan that offers no choice is the inflexibility customers remember.")),
    Sentence("recovery.evasive", "why",
             lambda f: f.content is not None and f.content.recovery and f.content.recovery_refers_only
             and bool(f.codes & (SCORE_CODES | {"CM117"})) and _present(f),
             _("When it fails, the plan only sends the customer somewhere else and nobody here takes the problem "
               "up: the runaround the course calls evasions.")),
    Sentence("complaint.brushoff_owner", "why",
             lambda f: f.complaint_moment and f.content is not None
             and (("CM101" in f.codes and f.content.owner == "none")
                  or ("CM116" in f.codes and f.content.owner == "nobody")),
             _("Customers come here to complain, and no one in particular is charged with answering them: a "
               "complaint that reaches nobody is brushed off, what the course calls the brush-off.")),
    Sentence("complaint.brushoff_recovery", "why",
             lambda f: f.complaint_moment and "CM103" in f.codes and f.content is not None
             and not f.content.recovery,
             _("Customers come here to complain, and nothing is agreed on how their complaint is put right: "
               "each one depends on who happens to take it, and risks the brush-off the course warns about.")),
    Sentence("systems.robotic", "why",
             lambda f: "CM109" in f.codes and f.systems_only and f.content is not None and f.content.customer_present,
             _("Here the customer meets only a machine, with no person to notice, listen or offer a way out: what "
               "the course calls robotic treatment.")),
    Sentence("backstage.unseen", "why",
             lambda f: "CM122" in f.codes and f.content is not None and not f.content.customer_present,
             _("Customers judge only what reaches them: a step they never see cannot be rated by them, and it "
               "takes attention from the moments they live.")),
    Sentence("rework.leave", "why", lambda f: "CM118" in f.codes and f.can_leave,
             _("\"Better come back tomorrow\" is how the course pictures poor service: the customer lives the "
               "same moments again, each one a new chance to leave.")),
    Sentence("rework.captive", "why", lambda f: "CM118" in f.codes and not f.can_leave,
             _("\"Better come back tomorrow\" is how the course pictures poor service: these customers have to "
               "come back, and each return adds cost, complaints and distrust.")),
    # About the whole cycle.
    Sentence("voice.none", "why", lambda f: "CM108" in f.codes and f.can_leave,
             _("Only about 4 in 100 unhappy customers complain and most of the others never return: without a "
               "moment that invites their voice, the service learns of its failures from empty chairs.")),
    Sentence("voice.none_captive", "why", lambda f: "CM108" in f.codes and not f.can_leave and not f.internal,
             _("Customers who cannot go elsewhere still talk: without a way to be heard, their complaints go to "
               "friends, social media and the regulator.")),
    Sentence("voice.none_internal", "why", lambda f: "CM108" in f.codes and f.internal,
             _("Colleagues who are never asked stop complaining and work around the service, and the customers "
               "they serve feel it.")),
    Sentence("dimension.uncovered", "why", _has("CM110"),
             _("Customers judge these expectations anyway; one that no moment looks after is met only by "
               "chance.")),
    Sentence("dimension.cold", "why", lambda f: "CM110" in f.codes and "courtesy" in f.uncovered,
             _("No moment looks after courtesy: left to chance, the treatment can turn cold, one of the errors "
               "the course names (coldness).")),
    Sentence("critical.none", "why", _has("CM111"),
             _("Until the team singles out where customers decide, nobody knows where to put the best people, "
               "standards and recovery plans.")),
    Sentence("critical.too_many", "why", _has("CM120"),
             _("When nearly every moment is decisive, effort is spread thin and nobody knows where to start.")),
)

TODO: tuple[Sentence, ...] = (
    Sentence("todo.collect", "todo", lambda f: (_score(f) or "CM121" in f.codes) and _thin(f), _collect_text),
    Sentence("todo.count", "todo", lambda f: _score(f) and f.scored and f.answers is None,
             _("Find out how many customers rated it before acting on the rating.")),
    Sentence("todo.complaint", "todo", lambda f: _sure(f) and f.complaint_moment,
             _("Go through how complaints are handled here: who answers, how soon, what the customer can choose, "
               "and whether the cause is removed so the same complaint does not come back.")),
    Sentence("todo.cause_owner", "todo",
             lambda f: _sure(f) and not f.complaint_moment and f.content is not None
             and f.content.owner in ("role", "named"),
             _("With the person in charge ({owner}) and the front line, find the cause behind the rating (capacity, training, a failing "
               "system, a missing step), fix it and measure again.")),
    Sentence("todo.cause", "todo",
             lambda f: _sure(f) and not f.complaint_moment and f.content is not None
             and f.content.owner in ("none", "nobody"),
             _("With the front line, find the cause behind the rating (capacity, training, a failing system, a "
               "missing step), fix it and measure again.")),
    Sentence("todo.promise", "todo",
             lambda f: _sure(f) and "CM105" in f.codes and not f.codes & {"CM104", "CM119"},
             _("Or promise only what this moment can deliver (how long it takes, what is needed, what happens "
               "next).")),
    Sentence("todo.routine", "todo", lambda f: "CM119" in f.codes and _present(f),
             _("Ask the team whether this moment is really routine for customers; if it decides anything for "
               "them, treat it as decisive.")),
    Sentence("todo.score", "todo", lambda f: "CM114" in f.codes and not f.scored,
             _("Ask customers to rate this moment (a report card of the cycle).")),
    Sentence("todo.owner", "todo", lambda f: "CM101" in f.codes and f.content is not None and f.content.owner == "none",
             _("Name one role that answers for this moment.")),
    Sentence("todo.owner_nobody", "todo",
             lambda f: "CM116" in f.codes and f.content is not None and f.content.owner == "nobody",
             _("Name one role in place of \"{owner}\": someone who watches the standard, hears the complaints and "
               "fixes what fails.")),
    Sentence("todo.standard", "todo",
             lambda f: "CM102" in f.codes and f.content is not None and f.content.standard == "none",
             _("Agree on a standard the team can observe, ideally with a number or a time (\"greeted within "
               "10 s\").")),
    Sentence("todo.standard_wish", "todo",
             lambda f: "CM115" in f.codes and f.content is not None and f.content.standard == "wish",
             _("Rewrite the standard as a behaviour you could check on a video of the moment, with a number or a "
               "time.")),
    Sentence("todo.recovery", "todo",
             lambda f: "CM103" in f.codes and f.content is not None and not f.content.recovery,
             _("Agree in advance who steps in when it fails, how soon, and what the customer can choose.")),
    Sentence("todo.recovery_vague", "todo", lambda f: "CM117" in f.codes and f.content is not None and f.content.recovery,
             _("Write into the plan who steps in, how soon and what the customer can choose, and train it.")),
    Sentence("todo.prevent", "todo",
             lambda f: f.critical and f.content is not None and f.content.recovery
             and not f.content.recovery_prevents and "CM117" not in f.codes and bool(f.codes & SCORE_CODES)
             and (f.content.recovery_who or f.content.recovery_choice or f.content.recovery_at_once),
             _("The recovery plan puts things right for the customer affected; add who then looks for the cause "
               "and removes it, so it does not happen again: prevention, not only containment.")),
    Sentence("todo.person", "todo", lambda f: "CM109" in f.codes and f.systems_only,
             _("Put a person within reach: someone who watches it, a visible way to talk to a person, a call back "
               "when the system fails.")),
    Sentence("todo.backstage", "todo",
             lambda f: "CM122" in f.codes and f.content is not None and not f.content.customer_present,
             _("Map instead the moment where its result reaches the customer (a confirmation, a delivery), with "
               "the standard the work behind it must meet.")),
    Sentence("todo.rework", "todo", _has("CM118"),
             _("Find why customers are sent back and remove the cause earlier: say what is needed when the visit "
               "is booked, accept what is missing later, or solve it on the spot.")),
    Sentence("todo.voice", "todo", _has("CM108"),
             _("Add a moment where customers are asked how it went or can complain (a short survey, a follow-up "
               "call, a visible way to complain), and make sure someone reads it.")),
    Sentence("todo.dimension", "todo", _has("CM110"),
             _("Decide which moment should meet each missing expectation, and what it does to meet it.")),
    Sentence("todo.critical_none", "todo", _has("CM111"),
             _("With the team, ask of each moment whether a failure there makes customers think worse of the "
               "whole service, and treat those as decisive.")),
    Sentence("todo.critical_many", "todo", _has("CM120"),
             _("With the team, keep as decisive only the moments where a failure makes customers think worse of "
               "the whole service.")),
)


@dataclass(frozen=True)
class ListFacts:
    """Facts about the whole list of points, for what is said once before it."""

    critical_points: int
    uncertain_points: int
    can_leave: bool
    fields: dict
    hoisted: bool = True  # a point's sentence said here takes its `once` words


PREFACE: tuple[Sentence, ...] = (
    Sentence("preface.critical", "preface", lambda lf: lf.critical_points > 0,
             _("At a critical moment customers make up their minds about the whole service: a bad one there is not "
               "made up for by good moments elsewhere.")),
    Sentence("preface.uncertain", "preface", lambda lf: lf.uncertain_points > 0,
             _("Points resting on too few answers come last; they do not move the service level or the estimate "
               "of customers at risk on their own.")),
)

CATALOGUE: tuple[Sentence, ...] = WHY + TODO + PREFACE


def compose(facts, part: str) -> list[Sentence]:
    """The sentences of `part` whose premise holds for `facts`, in catalogue order."""
    return [s for s in CATALOGUE if s.part == part and s.premise(facts)]
