"""CM114 no-score: a critical moment with no score.

What it checks
    That every critical moment has a `score` (the customers' rating of what they
    received), from the file or from a ratings CSV (`--ratings`). When no moment of the
    cycle has a score yet, one finding for the whole cycle says so instead of one per
    moment.

Why it matters
    The report card, in which the people who receive a service rate it, is how an
    organisation learns what the customer perceived, not what it believes it delivered.
    Following it up continuously is what guarantees knowing the customer's perception. A
    critical moment with no score is one where the customer decides about the service
    and the organisation does not know what they decided.

How to fix
    Measure it: a one-question survey at or after the moment, table cards, a rating at the
    end of a call. Put the mean in `score` and the number of answers in `responses`, or
    keep the raw answers in a CSV and pass it with `--ratings`.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    moments = ctx.unique()
    if not any(m.score is not None for m in moments):
        if any(m.critical for m in moments):
            yield Finding(
                _("no moment has a score yet: the cycle has no report card to judge the critical moments by"),
                ctx.cycle.at("moments"),
                plain=_("no customer has rated any moment yet"),
            )
        return
    for moment in moments:
        if moment.critical and moment.score is None:
            yield Finding(
                _("critical moment `{id}` ({name}) has no score").format(id=moment.id, name=moment.name),
                moment.pos,
                moment.id,
                plain=_("customers have not rated it yet"),
            )


RULE = rule_from_module(
    __name__,
    code="CM114",
    name="no-score",
    severity=Severity.WARNING,
    summary=_("Critical moment with no score"),
    hint=_("measure it: add `score` and `responses`, or pass a ratings CSV with --ratings"),
    fails="cyclemap: 1\ntitle: Café\nmoments:\n  - {id: a, name: Orders, kind: routine, score: 4.1}\n  - {id: b, name: Gets the coffee, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Café\nmoments:\n  - {id: a, name: Orders, kind: routine, score: 4.1}\n  - {id: b, name: Gets the coffee, kind: critical, score: 4.4}\n",
    reason=_('Without ratings from customers, nobody knows whether this decisive moment works; the team is guessing.'),
    advice=_('ask customers to rate this moment (a report card of the cycle)'),
    check=check,
)
