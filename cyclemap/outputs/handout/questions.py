"""Discussion questions for the workshop: some drawn from this cycle's weak points (a
moment of misery asks what would make that moment feel different), and some prompts
from the course material that fit any cycle (the ideal service, seed 004; the six basic
needs, seed 003; why customers leave, seed 000; the service triangle, seeds 002/004).

Pure: it takes findings as (code, moment id) pairs and returns `Text`s (catalogue entries).
"""

from __future__ import annotations

from typing import Iterable

from cyclemap.format.i18n import Message, Number, Text, _
from cyclemap.format.model import Cycle, Moment

# One question per rule that points at something a group can discuss. `{m}` is the
# moment's name (already in the cycle's own words), `{e}`/`{s}` its expectation/score.
BY_CODE: dict[str, Message] = {
    "CM101": _("Who should answer for “{m}”? What could that person decide on the spot, without asking anyone?"),
    "CM102": _("How would we know that “{m}” went well? Write one standard a customer could check."),
    "CM103": _("When “{m}” goes wrong, what happens in the next five minutes? Who does what?"),
    "CM104": _("“{m}” is a moment of misery. What would make it feel quick, easy and worth telling others about?"),
    "CM105": _("Customers expect {e} at “{m}” and give it {s}. What are they expecting there that we do not give?"),
    "CM106": _("Around “{m}” several critical moments come one after another. Where could the customer catch their breath?"),
    "CM107": _("Every customer goes through “{m}”. If it fails, what is plan B?"),
    "CM108": _("Only about 4 in 100 unhappy customers complain; the rest just leave. Where in this cycle could a customer tell us how it went?"),
    "CM109": _("At “{m}” the customer only meets a system. When it fails, which person can they turn to?"),
    "CM110": _("Which moment of this cycle could show the customer an expectation nobody serves yet? Pick one and say how."),
    "CM111": _("Which of these moments decide whether the customer comes back? Mark them as critical."),
    "CM112": _("Which moments could we merge or remove without the customer missing them?"),
    "CM114": _("How could we ask customers about “{m}” — when, how, in how few words?"),
}

# Prompts from the course material, asked of any cycle.
IDEAL_SERVICE = _("No service is perfect, but the ideal one would be free, open 24 hours, simple, effective, "
                  "practical and fast. Which of these six could this cycle get closer to, and at which moment?")
SIX_NEEDS = _("Customers have six basic needs: kindness, understanding, fairness, control, options and "
              "information. At “{m}”, which one is least met today, and what would meet it?")
SIX_NEEDS_ANY = _("Customers have six basic needs: kindness, understanding, fairness, control, options and "
                  "information. Which moment of this cycle meets them worst?")
TRIANGLE = _("Service triangle: for each critical moment, is it the strategy (the standard), the people or "
             "the systems that let the customer down most often?")
COMPLAINTS = _("Seven in ten customers who complain come back if the complaint is handled well. What does "
               "a customer who complains in this cycle get today?")
INTERNAL = _("Which department is the internal customer behind the weakest moment, and what does it need "
             "from its colleagues to serve the final customer well?")

MAX_FROM_FINDINGS = 6


def _number(value: float | None) -> Text | str:
    if value is None:
        return "?"
    return Number(value, 2)


def from_findings(cycle: Cycle, findings: Iterable[tuple[str, str | None]]) -> list[Text]:
    """Questions for the most important findings, in the order given (most important
    first), at most MAX_FROM_FINDINGS. Each moment gets one question before any gets a
    second, so the discussion covers several moments; a cycle-wide question is asked once."""
    first: list[Text] = []
    later: list[Text] = []
    asked_moments: set[str] = set()
    seen: set[tuple[str, str | None]] = set()
    for code, moment_id in findings:
        template = BY_CODE.get(code)
        if template is None:
            continue
        moment = cycle.moment(moment_id) if moment_id else None
        needs_moment = "{m}" in template.msgid
        if needs_moment and moment is None:
            continue
        key = (code, moment.id if needs_moment and moment is not None else None)
        if key in seen:
            continue
        seen.add(key)
        question = _fill(template, moment if needs_moment else None)
        if not needs_moment or moment.id not in asked_moments:
            first.append(question)
            if needs_moment:
                asked_moments.add(moment.id)
        else:
            later.append(question)
    return (first + later)[:MAX_FROM_FINDINGS]


def _fill(template: Message, moment: Moment | None) -> Text:
    if moment is None:
        return template
    # Fields filled after translation: the moment's name is a value, never a format string.
    return template.format(m=moment.name, e=_number(moment.expectation), s=_number(moment.score))


def course_prompts(cycle: Cycle) -> list[Text]:
    """Prompts from the course material, fitted to this cycle where they can be."""
    prompts = [IDEAL_SERVICE]
    worst = _weakest_critical(cycle)
    prompts.append(_fill(SIX_NEEDS, worst) if worst is not None else SIX_NEEDS_ANY)
    prompts.append(TRIANGLE)
    if any(m.feedback for m in cycle.moments):
        prompts.append(COMPLAINTS)
    customer = (cycle.customer or "").lower()
    if any(word in customer for word in ("intern", "área", "area", "departa", "department")):
        prompts.append(INTERNAL)
    return prompts


def _weakest_critical(cycle: Cycle) -> Moment | None:
    """The critical moment with the widest gap below expectation (or the lowest score)."""
    scored = [m for m in cycle.moments if m.critical and m.score is not None]
    if not scored:
        return None
    return min(scored, key=lambda m: (m.score - (m.expectation if m.expectation is not None else m.score), m.score))
