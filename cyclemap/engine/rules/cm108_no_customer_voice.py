"""CM108 no-customer-voice: no moment collects complaints or ratings.

What it checks
    That at least one moment has `feedback: true`: a moment where the customer can
    complain, compliment or rate the service (a complaints desk, a survey, a call back).

Why it matters
    Of the customers who are unhappy with a service, only about 4 % complain; the other
    96 % simply leave, and 91 % never come back. Yet 7 out of 10 who complain return if
    the complaint is handled. A cycle with no moment for the customer's voice hears
    nobody, and loses even the few who would have said something. Complaints and
    compliments are one of the elements of service, and the report card (customers
    rating what they received) is how the organisation learns where it stands.

How to fix
    Add a moment where the customer's voice is collected and mark it `feedback: true`: a
    short survey after the visit, a complaints channel that answers, a call back after a
    critical moment. Make sure someone owns it and that it feeds the `score`s of the
    other moments.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    if ctx.cycle.moments and not any(m.feedback for m in ctx.cycle.moments):
        yield Finding(
            _("no moment collects the customer's voice (complaints, compliments, ratings)"),
            ctx.cycle.at("moments"),
            plain=_("no moment invites customers to complain, praise or rate the service"),
        )


RULE = rule_from_module(
    __name__,
    code="CM108",
    name="no-customer-voice",
    severity=Severity.WARNING,
    summary=_("No moment collects complaints or ratings"),
    hint=_("add a moment that collects complaints or ratings, with `feedback: true`"),
    fails="cyclemap: 1\ntitle: Shop\nmoments:\n  - {id: a, name: Buys, kind: critical}\n  - {id: b, name: Leaves, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Shop\nmoments:\n  - {id: a, name: Buys, kind: critical}\n  - {id: b, name: Rates the visit, kind: routine, feedback: true}\n",
    reason=_('Only about 4 in 100 unhappy customers complain; the rest leave, and 91 in 100 never return. Without a moment that invites their voice, the service learns of its failures from empty chairs.'),
    advice=_('add a moment where customers are asked how it went (a short survey, a follow-up call, a visible way to complain) and make sure someone reads it'),
    check=check,
)
