"""CM102 no-standard: a critical moment with no service standard.

What it checks
    That every critical moment states a `standard`: what good service is there, in terms
    someone can measure or observe.

Why it matters
    At the top of the service triangle sits the service strategy, made concrete in
    service standards and in what each person's job is; staff are evaluated against
    them. Without a standard, "good service" at a critical moment is an opinion: it cannot
    be trained, measured, or defended when a customer says it failed.

How to fix
    Add `standard:` with something observable and, where possible, a number: "greeted by
    name within 10 s", "answer before the second ring", "documents listed in the first
    call". Avoid adjectives such as "friendly" or "fast" on their own.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    for moment in ctx.unique():
        if moment.critical and not moment.standard:
            yield Finding(
                _("critical moment `{id}` ({name}) has no service standard").format(id=moment.id, name=moment.name),
                moment.pos,
                moment.id,
                plain=_("nothing says what good service is here"),
            )


RULE = rule_from_module(
    __name__,
    code="CM102",
    name="no-standard",
    severity=Severity.WARNING,
    summary=_("Critical moment with no service standard"),
    hint=_("add `standard:` with something observable, ideally with a number"),
    fails="cyclemap: 1\ntitle: Call\nmoments:\n  - {id: a, name: Calls, kind: critical}\n  - {id: b, name: Hangs up, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Call\nmoments:\n  - {id: a, name: Calls, kind: critical, standard: Answered before the second ring}\n  - {id: b, name: Hangs up, kind: routine}\n",
    reason=_('Without a standard, good service here is an opinion: it cannot be trained, measured or defended when a customer says it failed.'),
    advice=_('agree on a standard the team can observe, ideally with a number or a time ("greeted within 10 s")'),
    check=check,
)
