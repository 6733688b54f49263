"""CM022 support-loop: a moment ends up supporting itself.

What it checks
    That following `supported_by` from moment to moment (`a.yaml#x` rests on
    `b.yaml#y`, which rests on ...) never comes back to the moment it started from. Only
    links that name a moment count: two teams whose cycles support each other as a whole
    are normal (every employee is both a supplier and an internal customer).

Why it matters
    A link says where the cause of a weak moment lies. When the chain of causes comes back
    to the moment itself, the critique cannot say which supplier to fix first and the
    overview would count the same weak moment as its own lever.

How to fix
    Decide which way the service really flows between these moments and remove the link
    that points back (or point it at the whole cycle instead of one of its moments).
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    if not any(m.supported_by for m in ctx.cycle.moments):
        return
    from cyclemap.engine.links import link_set_of, real, shown_path

    links = link_set_of(ctx)
    here_path = real(ctx.cycle.path)
    for moment in ctx.unique():
        for r in links.supports(ctx.cycle, moment):
            if r.node is None:
                continue
            loop = links.loop_through((here_path, moment.id), r.node)
            if loop is None:
                continue
            steps = " → ".join(
                (f"#{m}" if p == here_path else f"{shown_path(ctx.cycle.path, p)}#{m}") for p, m in loop)
            yield Finding(
                _("`{id}` ends up supporting itself: {loop}").format(id=moment.id, loop=steps),
                r.support.pos, moment.id, subject=str(r.support))


RULE = rule_from_module(
    __name__,
    code="CM022",
    name="support-loop",
    severity=Severity.ERROR,
    summary=_("A moment ends up supporting itself through `supported_by`"),
    hint=_("remove the link that points back, or link the whole cycle instead of the moment"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Asks for a card, kind: critical, supported_by: ['#b']}\n  - {id: b, name: Gets the card, kind: routine, supported_by: ['#a']}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Asks for a card, kind: critical, supported_by: ['#b']}\n  - {id: b, name: Gets the card, kind: routine}\n",
    check=check,
)
