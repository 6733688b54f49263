"""CM004 unknown-next: `next` names a moment that does not exist.

What it checks
    That every id in a moment's `next` (plain or as `to:` of a branch) is the id of a
    moment in the same file.

Why it matters
    A link to nowhere breaks the cycle at that point: the customer's path simply stops,
    and every later moment may become unreachable. It is almost always a typo.

How to fix
    Correct the id (the message suggests the closest one), or add the missing moment.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.format.words import certain_fix, did_you_mean
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    ids = [m.id for m in ctx.cycle.moments]
    known = set(ids)
    for moment in ctx.unique():
        for branch in moment.next or ():
            if branch.to in known:
                continue
            guess = did_you_mean(branch.to, ids)
            yield Finding(
                _("`{id}` leads to `{target}`, which is not a moment of this cycle").format(
                    id=moment.id, target=branch.to),
                branch.pos,
                moment.id,
                _("did you mean `{guess}`?").format(guess=guess) if guess else None,
                subject=branch.to,
                # An id close to none: likely the id a duplicated moment (CM003) took over.
                may_follow=guess is None,
                fix=certain_fix(branch.to, ids) if guess else "",
            )


RULE = rule_from_module(
    __name__,
    code="CM004",
    name="unknown-next",
    severity=Severity.ERROR,
    summary=_("`next` names an unknown moment"),
    hint=_("correct the id or add the moment"),
    fails="cyclemap: 1\ntitle: Typo\nmoments:\n  - {id: arrive, name: A, kind: critical, next: [leve]}\n  - {id: leave, name: B, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Typo\nmoments:\n  - {id: arrive, name: A, kind: critical, next: [leave]}\n  - {id: leave, name: B, kind: routine}\n",
    check=check,
    follows=("CM003",),
)
