"""CM121 thin-evidence: a score that rests on too few answers to be sure of.

What it checks
    That every score that says how many answers it rests on (`responses`, or the rows of
    a ratings CSV) has at least `min_responses` of them (20 by default). Fewer answers
    are reported as information: the score is shown as uncertain, and the critique never
    ranks it above problems that are well measured.

Why it matters
    The report card is only as good as the number of customers who filled it in. With a
    handful of answers one unhappy or delighted customer moves the mean by a whole point,
    and the team may spend its effort on the wrong moment or celebrate too early.

How to fix
    Collect more answers for this moment before acting on its score: extend the survey
    period, ask at the moment itself, or merge it with a similar moment in the survey.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _, _n, Number
from cyclemap.engine.evidence import score_evidence
from cyclemap.engine.rules import Finding, Threshold, rule_from_module


def check(ctx):
    least = ctx.config.threshold("min_responses")
    for moment in ctx.unique():
        ev = score_evidence(moment, ctx.cycle.scale)
        if ev is not None and ev.n is not None and ev.n < least:
            yield Finding(
                _n("the score of `{id}` ({name}) rests on {n} answer, fewer than {least}",
                   "the score of `{id}` ({name}) rests on {n} answers, fewer than {least}", ev.n).format(
                    id=moment.id, name=moment.name, least=Number(least, 2)),
                moment.at("responses") if "responses" in moment.positions else moment.at("score"),
                moment.id,
                plain=_n("its rating rests on only {n} answer: too few to be sure",
                         "its rating rests on only {n} answers: too few to be sure", ev.n),
            )


RULE = rule_from_module(
    __name__,
    code="CM121",
    name="thin-evidence",
    severity=Severity.INFO,
    summary=_("Score resting on too few answers"),
    hint=_("collect more answers before acting on this score"),
    fails="cyclemap: 1\ntitle: Clinic\nmoments:\n  - {id: a, name: Consultation, kind: critical, score: 2.1, responses: 4}\n  - {id: b, name: Pays, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Clinic\nmoments:\n  - {id: a, name: Consultation, kind: critical, score: 2.1, responses: 140}\n  - {id: b, name: Pays, kind: routine}\n",
    check=check,
    thresholds=(Threshold("min_responses", 20, 1, whole=True, inclusive=True, doc=_("a score resting on fewer answers than this is uncertain and ranks after well-measured problems")),),
    reason=_("With a handful of answers one customer moves the mean by a whole point: act on it only once "
             "more customers have answered."),
    advice=_("collect more answers for this moment before acting on its rating"),
)
