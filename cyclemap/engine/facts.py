"""What the engine knows about a moment, as facts a client sentence can rest on.

Every sentence a client reads (`engine.sentences`) declares a premise over these facts
and is said only when the premise holds. Two kinds of facts:

- facts of the file and the evidence (the moment is critical, it is scored, the score
  rests on enough answers, the customers can go elsewhere...), computed here;
- facts of the content (who the owner is, whether the standard can be observed, what the
  recovery plan says, whether the customer is present): read from what people wrote by the
  content-analysis component (`engine.content`), all through ONE function, `content_facts`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cyclemap.engine.audience import COMPLAINT_VOICES, can_leave, collects_complaints, complaint_named
from cyclemap.engine.audience import internal_customer as internal
from cyclemap.format.model import Cycle, Moment

__all__ = ["COMPLAINT_VOICES", "ContentFacts", "Facts", "can_leave", "content_facts", "cycle_facts", "internal",
           "moment_facts"]

if TYPE_CHECKING:
    from cyclemap.engine.evidence import ScoreEvidence

# A recovery that acts at once, and one that goes after the cause (preventive action, seed 004).
_AT_ONCE = re.compile(r"\b(?:inmediatamente|de inmediato|al momento|en el acto|en el momento|immediately|at once|"
                      r"on the spot|right away|imediatamente|na hora|no ato|en el lugar)\b")
_PREVENTS = re.compile(r"\b(?:causa|causas|cause|causes|root|raiz|prevent\w*|preven\w*|evita\w*|avoid\w*|"
                       r"analiza\w*|analy[sz]\w*|analisa\w*|corrige la causa|corrective|correctiva|corretiva|"
                       r"so it does not happen again|para que no se repita|para que nao se repita)\b")
# A plan that sends the customer elsewhere (another desk, a phone line, a web page): with
# nothing done here, it is the runaround (the seed's "evasivas").
_CUSTOMER = r"(?:al cliente|a la clienta|al usuario|the customer|the client|them|him|her|ao cliente|o cliente|ao usu[aá]rio)"
_REFERS = re.compile(
    r"\b(?:(?:deriva\w*|remit\w*|canaliza\w*|env[ií]a\w*|manda\w*|refer\w*|send\w*|sent|redirect\w*|"
    r"encaminha\w*)\s+" + _CUSTOMER + r"\s+(?:a|al|to|para|ao|à)\b"
    r"|se (?:lo|la|le) (?:deriva|remite|canaliza|env[ií]a|manda) a"
    r"|(?:se le pide|le piden|se le indica|le indican) que (?:llame|acuda|vaya|escriba|regrese)"
    r"|(?:el cliente|la clienta|el usuario) (?:debe|tiene que|ha de) (?:llamar|acudir|ir|escribir)"
    r"|(?:ask\w*|tell\w*) (?:the customer|the client|them|him|her) to (?:call|go|contact|write|email)"
    r"|(?:the customer|the client) (?:must|should|has to|needs to) (?:call|go|contact|write|email)"
    r"|(?:pede-se|pedem|pede) (?:ao cliente )?que (?:ligue|procure|v[aá]|escreva)"
    r"|o cliente (?:deve|precisa|tem que) (?:ligar|procurar|ir|escrever))\b")


@dataclass(frozen=True)
class ContentFacts:
    """What the free text of a moment says (issue 21's component replaces `content_facts`)."""

    owner: str  # "none" | "nobody" (everyone, no one) | "role" (a named role) | "named" (named, not a known role)
    standard: str  # "none" | "observable" (a number, a time) | "wish"
    recovery: bool  # a plan is written
    recovery_who: bool
    recovery_when: bool
    recovery_choice: bool
    recovery_informs: bool
    recovery_at_once: bool
    recovery_prevents: bool  # it goes after the cause, not only contains
    customer_present: bool  # the customer lives this moment (not a step behind the scenes)
    complaint_named: bool  # the moment's name says it is where complaints are made
    # The plan only sends the customer elsewhere: nothing at once, no choice, no cause removed.
    recovery_refers_only: bool = False


def content_facts(moment: Moment, cycle: Cycle) -> ContentFacts:
    """The content facts of one moment, read by the content-analysis component
    (`engine.content`). The one place content is read for client text."""
    from cyclemap.engine import content
    from cyclemap.engine.audience import plain

    lang = cycle.language
    if not moment.owner:
        owner = "none"
    else:
        read = content.owner(moment.owner, lang)
        owner = "nobody" if read.nobody_in_particular else "role" if read.owner_is_role else "named"
    if not moment.standard:
        standard = "none"
    else:
        standard = "observable" if content.standard(moment.standard, lang).standard_observable else "wish"
    plan = content.recovery(moment.recovery, lang) if moment.recovery else None
    recovery_text = plain(moment.recovery or "")
    present = internal(cycle) or not content.step(moment.name, lang).backstage
    return ContentFacts(
        owner=owner, standard=standard, recovery=bool(moment.recovery),
        recovery_who=bool(plan and plan.says_who), recovery_when=bool(plan and plan.says_when),
        recovery_choice=bool(plan and plan.says_choice), recovery_informs=bool(plan and plan.says_information),
        recovery_at_once=bool(_AT_ONCE.search(recovery_text)),
        recovery_prevents=bool(_PREVENTS.search(recovery_text)),
        customer_present=present,
        complaint_named=complaint_named(moment),
        recovery_refers_only=bool(plan and _REFERS.search(recovery_text)) and not (
            plan.says_choice or _AT_ONCE.search(recovery_text) or _PREVENTS.search(recovery_text)),
    )


@dataclass(frozen=True)
class Facts:
    """Everything a client sentence may rest on, for one moment (or the whole cycle when
    `moment` is None). `fields` fills the sentence's {placeholders}."""

    moment: Moment | None
    content: ContentFacts | None
    critical: bool = False
    can_leave: bool = True  # the customers can go elsewhere
    internal: bool = False  # the customers are colleagues (an internal customer)
    scored: bool = False
    answers: int | None = None  # how many answers the score rests on; None: not said
    certain: bool = False  # scored on at least `min_responses` answers
    more_answers: int = 0  # how many more answers would settle the score
    below_acceptable: bool = False
    below_expected: bool = False
    systems_only: bool = False
    complaint_moment: bool = False  # collects complaints or claims
    voice: str | None = None  # what it collects (`collects:`), or None
    codes: frozenset[str] = frozenset()  # the findings the point gathers
    uncovered: frozenset[str] = frozenset()  # expectations of service (dimensions) no moment serves
    fields: dict = field(default_factory=dict)


def settle(ev: "ScoreEvidence | None", least: int, span: float) -> int:
    """How many more answers the score needs: up to `least`, and beyond it until the 95 %
    interval's half-width is at most a tenth of the scale (with the answers' spread, or
    the assumed one). 0 when it is settled."""
    from cyclemap.engine.evidence import ASSUMED_SD_SHARE

    if ev is None:
        return 0
    n = ev.n or 0
    sd = ev.sd if ev.sd is not None and ev.sd > 0 else ASSUMED_SD_SHARE * span
    wanted = max(least, math.ceil((1.96 * sd / (0.1 * span)) ** 2))
    return max(0, wanted - n) if n < least else 0


def moment_facts(moment: Moment, cycle: Cycle, codes, least: int, evidence: "ScoreEvidence | None",
                 below_acceptable: bool, below_expected: bool) -> Facts:
    content = content_facts(moment, cycle)
    span = (cycle.scale[1] - cycle.scale[0]) or 1.0
    n = evidence.n if evidence is not None else None
    certain = evidence is not None and n is not None and n >= least
    voice = moment.collects
    complaint = collects_complaints(moment)
    more = settle(evidence, least, span)
    return Facts(
        moment=moment, content=content, critical=moment.critical, can_leave=can_leave(cycle), internal=internal(cycle),
        scored=moment.score is not None, answers=n, certain=certain, more_answers=more,
        below_acceptable=below_acceptable, below_expected=below_expected,
        systems_only=moment.carried_by == "systems", complaint_moment=complaint, voice=voice,
        codes=frozenset(codes),
        fields={"owner": moment.owner or "", "n": n or 0, "more": more, "name": moment.name},
    )


def cycle_facts(cycle: Cycle, codes) -> Facts:
    from cyclemap.format.model import DIMENSIONS

    served = {d for m in cycle.moments for d in m.dimensions}
    uncovered = frozenset(d for d in DIMENSIONS if d not in served) if served else frozenset()
    return Facts(moment=None, content=None, can_leave=can_leave(cycle), internal=internal(cycle),
                 codes=frozenset(codes), uncovered=uncovered)
