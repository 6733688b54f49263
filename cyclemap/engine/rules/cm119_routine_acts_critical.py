"""CM119 routine-acts-critical: a routine moment with a large, well-measured gap.

What it checks
    That no routine moment falls short of its expectation by twice the gap margin or more
    (a full point on a 1 to 5 scale by default), or below the acceptable level, on a score
    that rests on at least `min_responses` answers. A moment scored at or above its
    expectation is never reported: customers get what they expect there.

Why it matters
    Separating critical moments from routine ones is the point of mapping the cycle, and
    the critique focuses on the critical ones. A routine moment that customers rate this
    far below what they expect is behaving like a critical one: it is where they are
    making up their minds, whatever the map says, and it gets no owner, standard or
    recovery plan because it is tagged routine.

How to fix
    Ask the team whether the moment is really routine for customers. If it decides
    anything for them, mark it `kind: critical` and give it an owner, a standard and a
    recovery plan; if not, close its gap as any other.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _, _n, Number
from cyclemap.engine.evidence import score_evidence
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._scores import EPSILON, shortfall, is_miserable, margin, misery_line


def check(ctx):
    least = ctx.config.threshold("min_responses")
    wide = 2 * margin(ctx.cycle, ctx.config)
    for moment in ctx.unique():
        if moment.critical or moment.score is None:
            continue
        ev = score_evidence(moment, ctx.cycle.scale)
        if ev is None or ev.n is None or ev.n < least:
            continue
        g = shortfall(moment)
        if g is not None and g <= EPSILON:
            continue  # at or above what customers expect
        if g is not None and g >= wide - EPSILON:
            message = _n("routine moment `{id}` ({name}) scores {score} on {n} answer, far below what customers "
                         "expect: it behaves like a critical moment",
                         "routine moment `{id}` ({name}) scores {score} on {n} answers, far below what customers "
                         "expect: it behaves like a critical moment", ev.n)
        elif is_miserable(moment, ctx.cycle, ctx.config):
            message = _n("routine moment `{id}` ({name}) scores {score} on {n} answer, below the acceptable "
                         "{acceptable}: it behaves like a critical moment",
                         "routine moment `{id}` ({name}) scores {score} on {n} answers, below the acceptable "
                         "{acceptable}: it behaves like a critical moment", ev.n)
        else:
            continue
        yield Finding(
            message.format(id=moment.id, name=moment.name, score=Number(moment.score, 2),
                           acceptable=Number(misery_line(ctx.cycle, ctx.config), 2)),
            moment.at("kind"),
            moment.id,
            plain=_("it is treated as routine, yet customers judge it as harshly as a decisive moment"),
        )


RULE = rule_from_module(
    __name__,
    code="CM119",
    name="routine-acts-critical",
    severity=Severity.WARNING,
    summary=_("Routine moment with a large, well-measured gap"),
    hint=_("if the moment decides anything for customers, mark it `kind: critical`"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical}\n  - {id: b, name: Parking, kind: routine, expectation: 4, score: 2.6, responses: 180}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical}\n  - {id: b, name: Parking, kind: routine, expectation: 4, score: 3.8, responses: 180}\n",
    check=check,
    reason=_("Telling critical moments from routine ones is the point of the map. A routine moment rated this "
             "far below expectation is where customers are making up their minds, yet nobody is set to look "
             "after it."),
    advice=_("ask the team whether this moment is really routine for customers; if it decides anything for "
             "them, treat it as critical, with someone in charge, a standard and a recovery plan"),
)
