"""CM101 no-owner: a critical moment with no owner.

What it checks
    That every critical moment names an `owner`: the person or role who answers for it.

Why it matters
    The service triangle puts the customer in the middle of strategy, people and
    systems. A critical moment is where the customer decides whether to come back, and
    someone among the people must answer for it: watch its standard, hear its complaints
    and fix it. A moment everyone shares is a moment nobody improves.

How to fix
    Add `owner:` with a role that exists in the organisation chart (e.g. "Branch
    manager", "Head of the call centre"), not a department or "everyone".
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    for moment in ctx.unique():
        if moment.critical and not moment.owner:
            yield Finding(
                _("critical moment `{id}` ({name}) has no owner").format(id=moment.id, name=moment.name),
                moment.pos,
                moment.id,
                plain=_("nobody in particular answers for it"),
            )


RULE = rule_from_module(
    __name__,
    code="CM101",
    name="no-owner",
    severity=Severity.WARNING,
    summary=_("Critical moment with no owner"),
    hint=_("add `owner:` with the role who answers for this moment"),
    fails="cyclemap: 1\ntitle: Clinic\nmoments:\n  - {id: a, name: Books, kind: routine}\n  - {id: b, name: Sees the doctor, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Clinic\nmoments:\n  - {id: a, name: Books, kind: routine}\n  - {id: b, name: Sees the doctor, kind: critical, owner: Medical director}\n",
    reason=_('A decisive moment that nobody answers for is a moment nobody watches, hears complaints about or improves.'),
    advice=_('name one role that answers for this moment'),
    check=check,
)
