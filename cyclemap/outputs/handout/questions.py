"""Discussion questions for the workshop: some drawn from this cycle's weak points (a
moment of misery asks what would make that moment feel different), and some prompts
from the course material that fit any cycle (the ideal service, seed 004; the six basic
needs, seed 003; why customers leave, seed 000; the service triangle, seeds 002/004).

Pure: it takes findings as (code, moment id) pairs and returns bilingual `Text`s.
"""

from __future__ import annotations

from typing import Iterable

from cyclemap.format.diagnostics import Text
from cyclemap.format.model import Cycle, Moment

# One question per rule that points at something a group can discuss. `{m}` is the
# moment's name (already in the cycle's own words), `{e}`/`{s}` its expectation/score.
BY_CODE: dict[str, Text] = {
    "CM101": Text("Who should answer for “{m}”? What could that person decide on the spot, without asking anyone?",
                  "¿Quién debería responder por «{m}»? ¿Qué podría decidir esa persona en el momento, sin consultar a nadie?"),
    "CM102": Text("How would we know that “{m}” went well? Write one standard a customer could check.",
                  "¿Cómo sabríamos que «{m}» salió bien? Escriban un estándar que el cliente pueda comprobar."),
    "CM103": Text("When “{m}” goes wrong, what happens in the next five minutes? Who does what?",
                  "Cuando «{m}» sale mal, ¿qué pasa en los cinco minutos siguientes? ¿Quién hace qué?"),
    "CM104": Text("“{m}” is a moment of misery. What would make it feel quick, easy and worth telling others about?",
                  "«{m}» es un momento de miseria. ¿Qué haría que se sintiera rápido, fácil y digno de contarse a otros?"),
    "CM105": Text("Customers expect {e} at “{m}” and give it {s}. What are they expecting there that we do not give?",
                  "Los clientes esperan {e} en «{m}» y le dan {s}. ¿Qué esperan ahí que no les damos?"),
    "CM106": Text("Around “{m}” several critical moments come one after another. Where could the customer catch their breath?",
                  "Alrededor de «{m}» se suceden varios momentos críticos. ¿Dónde podría el cliente tomar aire?"),
    "CM107": Text("Every customer goes through “{m}”. If it fails, what is plan B?",
                  "Todo cliente pasa por «{m}». Si falla, ¿cuál es el plan B?"),
    "CM108": Text("Only about 4 in 100 unhappy customers complain; the rest just leave. Where in this cycle could a customer tell us how it went?",
                  "Solo unos 4 de cada 100 clientes insatisfechos se quejan; el resto simplemente se va. ¿En qué punto del ciclo podría el cliente contarnos cómo le fue?"),
    "CM109": Text("At “{m}” the customer only meets a system. When it fails, which person can they turn to?",
                  "En «{m}» el cliente solo encuentra un sistema. Cuando falla, ¿a qué persona puede acudir?"),
    "CM110": Text("Which moment of this cycle could show the customer an expectation nobody serves yet? Pick one and say how.",
                  "¿Qué momento del ciclo podría atender una expectativa que nadie atiende todavía? Elijan una y digan cómo."),
    "CM111": Text("Which of these moments decide whether the customer comes back? Mark them as critical.",
                  "¿Cuáles de estos momentos deciden si el cliente vuelve? Márquenlos como críticos."),
    "CM112": Text("Which moments could we merge or remove without the customer missing them?",
                  "¿Qué momentos podríamos unir o quitar sin que el cliente los eche de menos?"),
    "CM114": Text("How could we ask customers about “{m}” — when, how, in how few words?",
                  "¿Cómo podríamos preguntar a los clientes por «{m}»? ¿Cuándo, cómo, con qué pocas palabras?"),
}

# Prompts from the course material, asked of any cycle.
IDEAL_SERVICE = Text(
    "No service is perfect, but the ideal one would be free, open 24 hours, simple, effective, "
    "practical and fast. Which of these six could this cycle get closer to, and at which moment?",
    "Ningún servicio es perfecto, pero el ideal sería gratuito, de 24 horas, simple, eficaz, "
    "práctico y rápido. ¿A cuál de estos seis podría acercarse este ciclo, y en qué momento?")
SIX_NEEDS = Text(
    "Customers have six basic needs: kindness, understanding, fairness, control, options and "
    "information. At “{m}”, which one is least met today, and what would meet it?",
    "El cliente tiene seis necesidades básicas: amabilidad, comprensión, justicia, control, "
    "opciones e información. En «{m}», ¿cuál se atiende peor hoy, y qué la atendería?")
SIX_NEEDS_ANY = Text(
    "Customers have six basic needs: kindness, understanding, fairness, control, options and "
    "information. Which moment of this cycle meets them worst?",
    "El cliente tiene seis necesidades básicas: amabilidad, comprensión, justicia, control, "
    "opciones e información. ¿Qué momento del ciclo las atiende peor?")
TRIANGLE = Text(
    "Service triangle: for each critical moment, is it the strategy (the standard), the people or "
    "the systems that let the customer down most often?",
    "Triángulo del servicio: en cada momento crítico, ¿qué falla más a menudo: la estrategia (el "
    "estándar), las personas o los sistemas?")
COMPLAINTS = Text(
    "Seven in ten customers who complain come back if the complaint is handled well. What does "
    "a customer who complains in this cycle get today?",
    "Siete de cada diez clientes que se quejan vuelven si su queja se atiende bien. ¿Qué recibe "
    "hoy un cliente que se queja en este ciclo?")
INTERNAL = Text(
    "Which department is the internal customer behind the weakest moment, and what does it need "
    "from its colleagues to serve the final customer well?",
    "¿Qué área es el cliente interno detrás del momento más débil, y qué necesita de sus "
    "compañeros para atender bien al cliente final?")

MAX_FROM_FINDINGS = 6


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


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
        needs_moment = "{m}" in template.en
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


def _fill(template: Text, moment: Moment | None) -> Text:
    if moment is None:
        return template
    values = {"m": moment.name, "e": _number(moment.expectation), "s": _number(moment.score)}
    # str.format on the template only: the moment's name is a value, never a format string.
    return Text(template.en.format(**values), template.es.format(**values))


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
