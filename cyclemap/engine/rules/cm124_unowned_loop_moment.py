"""CM124 unowned-loop-moment: a side moment on a rework loop that nobody owns or measures.

What it checks
    That every side moment through which a rework loop sends customers back to an earlier
    moment ("is told a paper is missing", "comes back another day") has an `owner` or a
    `score`. A side moment with neither is reported.

Why it matters
    The course's picture of bad service is the office that could help but says "better
    come back tomorrow". The moment where a customer is sent back is a moment of truth
    of its own, often the worst of the cycle, yet it sits off the main path: if nobody
    answers for it and nobody asks customers about it, it never shows up in any report
    and nobody works to make it rarer.

How to fix
    Name the role that answers for the moment (`owner`), and measure it (`score` from
    the survey, with `responses`): how often customers are sent back and how they rate
    it. Better still, remove the cause earlier in the cycle, so the loop goes away.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._loops import rework_loops


def check(ctx):
    reported: set[str] = set()
    for loop in rework_loops(ctx):
        for side in loop.via:
            moment = ctx.by_id[side]
            if side in reported or moment.owner or moment.score is not None:
                continue
            reported.add(side)
            back = ctx.by_id[loop.target]
            yield Finding(
                _("`{id}` ({name}) sends customers back to `{target}` ({target_name}), and has no owner and no "
                  "score").format(id=side, name=moment.name, target=loop.target, target_name=back.name),
                moment.pos,
                side,
                plain=_("customers who are sent back pass through this moment, yet nobody answers for it and "
                        "nobody measures it"),
            )


RULE = rule_from_module(
    __name__,
    code="CM124",
    name="unowned-loop-moment",
    severity=Severity.WARNING,
    summary=_("Side moment on a rework loop with no owner and no score"),
    hint=_("give the moment an `owner` and measure it (`score`, `responses`)"),
    fails=("cyclemap: 1\ntitle: Registry\nmoments:\n"
           "  - {id: turno, name: Takes a number, kind: routine}\n"
           "  - id: ventanilla\n    name: At the counter\n    kind: critical\n"
           "    next: [{to: sello}, {to: falta, when: a document is missing}]\n"
           "  - {id: sello, name: Gets the stamp, kind: routine, next: [turno]}\n"
           "  - {id: falta, name: Is told to come back another day, kind: routine, next: [turno]}\n"),
    passes=("cyclemap: 1\ntitle: Registry\nmoments:\n"
            "  - {id: turno, name: Takes a number, kind: routine}\n"
            "  - id: ventanilla\n    name: At the counter\n    kind: critical\n"
            "    next: [{to: sello}, {to: falta, when: a document is missing}]\n"
            "  - {id: sello, name: Gets the stamp, kind: routine, next: [turno]}\n"
            "  - {id: falta, name: Is told to come back another day, kind: routine, owner: Counter supervisor, "
            "next: [turno]}\n"),
    check=check,
    preview=True,
    reason=_("The moment where a customer is sent back is a moment of truth of its own, often the worst of the "
             "cycle; off the main path, nobody answers for it and it never shows up in a report."),
    advice=_("name who answers for this moment and measure it; better, remove the cause earlier so customers "
             "are not sent back"),
)
