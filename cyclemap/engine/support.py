"""The critique follows the links: what the internal service behind a moment says about
its weak point, and an internal cycle judged in its internal customers' words.

- A weak moment (a score below the acceptable level or below expectation: the critique's
  score findings) that rests on a weak internal moment says so, with the internal
  moment's score and answers, and its advice moves to the cause: fix the internal supplier
  first. When the internal moment's weakness rests on too few answers, the point says so
  and keeps its own advice; when the internal moment is rated well on enough answers, the
  point says the cause is more likely in the moment itself.
- A cycle whose customer is internal (`internal: true`) is judged as a cycle in its own
  right; the parts of its points that speak of customers rating, expecting or leaving
  speak of "your internal customers", who cannot leave: they work around the service and
  pass its delays on to the external customer.

Every sentence is composed from the facts it states (the two moments, their scores and
answers, the linked cycle's own settings). Pure: reads the run's `LinkSet`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from cyclemap.engine.rules._scores import SCORE_RULES  # the critique's score findings
from cyclemap.format.diagnostics import Severity, one_line
from cyclemap.format.i18n import Computed, Number, Text, _, _n
from cyclemap.format.model import Cycle, Moment

if TYPE_CHECKING:
    from cyclemap.engine.critique import Critique
    from cyclemap.engine.points import Point
    from cyclemap.engine.pipeline import CheckedCycle



@dataclass(frozen=True)
class Health:
    """How an internal moment is doing, from its own cycle's check: scored or not, weak
    (a score finding at warning or above), and whether the score rests on enough answers."""

    path: str  # the linked file's real path
    cycle_title: str
    internal: bool  # the linked cycle declares an internal customer
    moment: Moment
    scale: tuple[float, float]
    weak: bool
    evidenced: bool  # n >= min_responses of the linked cycle's settings
    n: int | None
    min_responses: float
    codes: tuple[str, ...]

    @property
    def scored(self) -> bool:
        return self.moment.score is not None

    def as_data(self) -> dict:
        m = self.moment
        return {"file": self.path, "cycle": self.cycle_title, "moment": m.id, "moment_name": m.name,
                "owner": m.owner, "score": m.score, "expectation": m.expectation, "responses": self.n,
                "weak": self.weak, "evidenced": self.evidenced, "codes": list(self.codes)}


def health_of(checked: "CheckedCycle", moment: Moment) -> Health:
    from cyclemap.engine.evidence import score_evidence

    least = checked.settings.threshold("min_responses")
    codes = tuple(dict.fromkeys(
        d.code for d in checked.diagnostics
        if d.moment == moment.id and d.code in SCORE_RULES and d.severity.rank >= Severity.WARNING.rank))
    ev = score_evidence(moment, checked.cycle.scale)
    n = ev.n if ev is not None else None
    return Health(checked.path, checked.cycle.title, checked.cycle.internal, moment, checked.cycle.scale,
                  bool(codes), n is not None and n >= least, n, least, codes)


def supporters(checked: "CheckedCycle", moment: Moment) -> list[Health]:
    """The internal moments behind `moment`, each with its health. A link to a whole cycle
    stands for that cycle's weakest moment (its first weak one in the critique's order,
    well-measured first), or, when none is weak, for nothing: it names no moment to show."""
    links = checked.links
    if links is None or not moment.supported_by:
        return []
    found: list[Health] = []
    for r in links.supports(checked.cycle, moment):
        if not r.ok:
            continue
        other = links.checked(r.path) if r.path != _real(checked) else checked
        if other is None or other.cycle is None:
            continue
        if r.moment is not None:
            found.append(health_of(other, other.context.by_id.get(r.moment.id, r.moment)))
            continue
        healths = [health_of(other, m) for m in other.moments]
        weak = sorted((h for h in healths if h.weak), key=lambda h: (not h.evidenced, h.moment.score or 0))
        if weak:
            found.append(weak[0])
    return found


def _real(checked: "CheckedCycle") -> str:
    from cyclemap.engine.links import real

    return real(checked.path)


# -- texts -------------------------------------------------------------------------------

def _rated(h: Health) -> Text:
    """`rated 2.1 where they expect 4 (32 answers)`, in the internal customer's words."""
    from cyclemap.engine.rules._scores import score

    m = h.moment
    answers = _n("{n} answer", "{n} answers", h.n).format(n=Number(h.n, 0)) if h.n is not None else \
        _("answers not stated")
    if m.expectation is not None:
        return _("its internal customers rate it {score} where they expect {expected} ({answers})").format(
            score=score(m.score), expected=score(m.expectation), answers=answers)
    return _("its internal customers rate it {score} ({answers})").format(score=score(m.score), answers=answers)


def _named(h: Health) -> Text:
    # Names from another file: control and bidirectional characters shown as escapes here,
    # since the outputs escape only the texts of the file they were given (docs/security.md).
    return _("“{moment}” in {cycle}").format(moment=one_line(h.moment.name), cycle=one_line(h.cycle_title))


def cause_sentences(h: Health) -> tuple[Text | None, Text | None]:
    """What to add to a weak point about one internal supporter, and the advice that moves
    to it (None when the advice stays where it is)."""
    if not h.scored:
        return _("It rests on {named}, which its internal customers have not rated yet.").format(named=_named(h)), None
    if h.weak and h.evidenced:
        owner = h.moment.owner
        said = _("It rests on {named}, and {rated}: the cause is likely there.").format(named=_named(h), rated=_rated(h))
        todo = (_("Fix the internal supplier first: {named}, with {owner}; then measure this moment again.").format(
                    named=_named(h), owner=owner) if owner else
                _("Fix the internal supplier first: {named}; then measure this moment again.").format(named=_named(h)))
        return said, todo
    if h.weak:
        return _("It rests on {named}, and {rated}, too few to blame it yet: measure it before moving the work "
                 "there.").format(named=_named(h), rated=_rated(h)), None
    if h.evidenced:
        return _("The internal service behind it, {named}, holds up: {rated}. The cause is more likely in this "
                 "moment itself.").format(named=_named(h), rated=_rated(h)), None
    return None, None


def _append(text: Text, extra: list[Text]) -> Text:
    if not extra:
        return text
    return Computed(lambda lang: " ".join(p for p in [text(lang)] + [e(lang) for e in extra] if p))


def _lead(first: list[Text], then: Text) -> Text:
    if not first:
        return then
    return Computed(lambda lang: " ".join(p for p in [e(lang) for e in first] + [then(lang)] if p))


# An internal cycle in its internal customers' words: the rules' reasons that speak of
# customers leaving, expecting or complaining, said of internal customers, who cannot leave.
INTERNAL_WHY = {
    "CM103": _("Decisive moments sometimes fail. When this one does, your internal customers need to know who "
               "steps in and how soon, or the delay goes on to the external customer they serve."),
    "CM104": _("At a decisive moment your internal customers decide whether they can count on this team. They "
               "cannot go elsewhere: they work around it, escalate, and pass the delay on to the external "
               "customer they serve."),
    "CM105": _("What your internal customers expect decides whether they are satisfied: a gap here is work they "
               "wait for or do again, and it reaches the external customer they serve."),
    "CM108": _("Internal customers seldom complain formally; they work around the service instead. Without a "
               "moment that asks them how it went, this team hears of its failures only when the external "
               "customer does."),
    "CM114": _("Without ratings from your internal customers, nobody knows whether this decisive moment works; "
               "the team is guessing."),
    "CM117": _("An internal customer who is let down needs information, options and fair treatment like any "
               "customer; a vague plan leaves it to luck, and the delay goes on to the external customer."),
    "CM118": _("Sending an internal customer back (\"send it again\") makes them live the same moments again, "
               "and every round is time the external customer waits."),
    "CM119": _("A routine moment rated this far below expectation is where your internal customers are making "
               "up their minds about this team, yet nobody is set to look after it."),
}


INTERNAL_LEVELS = {
    "pesimo": _("the service barely exists or is a disaster; your internal customers work around it, and the "
                "external customer pays for it"),
    "malo": _("the service falls short of what your internal customers expect"),
    "normal": _("the service just about meets what your internal customers expect; when it matters they still "
                "work around it"),
    "excepcional": _("the service meets and exceeds what your internal customers expect, as a system; they can "
                     "count on it"),
}


def _internal_level(level):
    """The service level said of internal customers (who cannot leave), same facts."""
    from cyclemap.engine.service_level import ServiceLevel

    class InternalLevel(ServiceLevel):
        @property
        def description(self) -> Text:
            return INTERNAL_LEVELS[self.key]

    return InternalLevel(**{f: getattr(level, f) for f in level.__dataclass_fields__})


def _internal_what(point: "Point", moment: Moment | None, checked: "CheckedCycle") -> Text:
    """The point's findings said of internal customers where the finding is about their
    ratings; every other finding keeps its own words."""
    from cyclemap.engine.points import SUBSUMES, _join
    from cyclemap.format.i18n import as_sentence
    from cyclemap.engine.rules._scores import misery_line, score

    said = {c for code in point.codes for c in SUBSUMES.get(code, ())}
    parts: list[Text] = []
    for d in point.findings:
        if d.code in said or d.plain is None:
            continue
        if d.code in SCORE_RULES and moment is not None and moment.score is not None:
            if d.code == "CM104":
                line = misery_line(checked.cycle, checked.settings)
                parts.append(_("your internal customers rate this decisive moment {score}, below the acceptable "
                               "{line}").format(score=score(moment.score), line=score(line)))
            elif moment.expectation is not None:
                parts.append(_("your internal customers rate it {score} where they expect {expected}").format(
                    score=score(moment.score), expected=score(moment.expectation)))
            else:
                parts.append(d.plain)
        elif d.code == "CM114":
            parts.append(_("your internal customers have not rated it yet") if moment is not None else
                         _("no internal customer has rated any moment yet"))
        elif d.code == "CM108":
            parts.append(_("no moment asks your internal customers how the service went"))
        else:
            parts.append(d.plain)
    return Computed(lambda lang: as_sentence(_join([p(lang) for p in parts], lang)))


def follow_links(critique: "Critique", checked: "CheckedCycle") -> "Critique":
    """The critique with its weak points following `supported_by` (and, for an internal
    cycle, in its internal customers' words); unchanged for a cycle with neither."""
    cycle: Cycle = checked.cycle
    linked = any(m.supported_by for m in cycle.moments)
    if not linked and not cycle.internal:
        return critique
    by_id = checked.context.by_id
    points = []
    causes: list[dict] = []
    for point in critique.points:
        moment = by_id.get(point.moment_id or "")
        what, why, todo = point.what, point.why, point.todo
        if cycle.internal:
            what = _internal_what(point, moment, checked)
            lead = next((c for c in point.codes if c in INTERNAL_WHY), None)
            if lead is not None and point.codes and point.codes[0] == lead:
                why = INTERNAL_WHY[lead]
        if moment is not None and moment.supported_by and any(c in SCORE_RULES for c in point.codes):
            extra, moved = [], []
            for h in supporters(checked, moment):
                said, advice = cause_sentences(h)
                if said is not None:
                    extra.append(said)
                if advice is not None:
                    moved.append(advice)
                causes.append({"moment": moment.id, "rank": point.rank, "moves_advice": advice is not None,
                               "supporter": h.as_data()})
            what = _append(what, extra)
            todo = _lead(moved, todo)
        points.append(replace(point, what=what, why=why, todo=todo))
    level = critique.service_level
    if cycle.internal and level is not None:
        level = _internal_level(level)
    return replace(critique, points=points, supports=causes, service_level=level)
