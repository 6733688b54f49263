"""CM103 no-recovery: a critical moment with no recovery plan.

What it checks
    That every critical moment says, in `recovery`, what happens when it fails.

Why it matters
    Critical moments will sometimes fail; what the customer remembers is what happened
    next. Only a few unhappy customers complain, and most simply leave, but seven out of
    ten who complain come back when the complaint is handled. A customer who meets a
    failure needs to be heard, to be told what happens now and to be given options; a
    recovery plan decided in advance is how the front line does that without improvising.

How to fix
    Add `recovery:` with who does what, and how soon: "the supervisor takes over within
    5 min and offers a written apology", "a call back within 2 h with a solution or a
    date".
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    for moment in ctx.unique():
        if moment.critical and not moment.recovery:
            yield Finding(
                _("critical moment `{id}` ({name}) has no recovery plan for when it fails").format(id=moment.id, name=moment.name),
                moment.pos,
                moment.id,
                plain=_("nothing is planned for when it goes wrong"),
            )


RULE = rule_from_module(
    __name__,
    code="CM103",
    name="no-recovery",
    severity=Severity.WARNING,
    summary=_("Critical moment with no recovery plan"),
    hint=_("add `recovery:` saying who does what, and how soon, when it fails"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Checks in, kind: critical}\n  - {id: b, name: Checks out, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Checks in, kind: critical, recovery: Manager upgrades the room if it is not ready}\n  - {id: b, name: Checks out, kind: routine}\n",
    reason=_('Decisive moments sometimes fail, and customers remember what happened next: seven in ten customers who complain come back when the complaint is handled well.'),
    advice=_('agree in advance who steps in when it fails, how soon, and what the customer can choose'),
    check=check,
)
