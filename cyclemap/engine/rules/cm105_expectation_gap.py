"""CM105 expectation-gap: a moment scored below its expectation by the margin or more.

What it checks
    For every moment with both an `expectation` and a `score`, that the score does not
    fall short of the expectation by the `gap_margin` threshold or more: a share of the
    scale's span, 0.125 by default (half a point on a 1 to 5 scale, 12.5 points on 0 to
    100). Routine moments count too: the gap is what the customer feels. A moment at or
    above its expectation is never a gap. When the expectation sits at the very top of
    the scale, the finding says so: no service can exceed it.

Why it matters
    Quality of service is meeting, and ideally exceeding, what the customer expects, and
    satisfaction is the feeling that the service reached or passed those expectations. A
    moment can score a respectable 4 and still disappoint a customer who expected 4.5: the
    gap, not the score, is what turns into complaints and departures. Gaps also show where
    a promise (advertising, a salesperson, a previous visit) raised expectations that the
    operation does not meet.

How to fix
    Close the gap from either side: improve what the customer receives at this moment,
    or set realistic expectations (say how long it takes, what is needed, what happens
    next). Then measure again. If the expectation value is a guess, replace it with a
    survey question about what customers expected.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _, _n, join
from cyclemap.engine.rules import Finding, Threshold, rule_from_module
from cyclemap.engine.rules._scores import EPSILON, SCORE_DIGITS, has_gap, score, shortfall


def check(ctx):
    top = ctx.cycle.scale[1]
    for moment in ctx.unique():
        if has_gap(moment, ctx.cycle, ctx.config):
            g, s, e = shortfall(moment), moment.score, moment.expectation
            # "1 point short" is singular; "0.5 points", "1.5 points" are plural, as before.
            count = 1 if round(g, SCORE_DIGITS) == 1 else 2
            fields = dict(id=moment.id, name=moment.name, score=score(s), expected=score(e), gap=score(g))
            message = _n("`{id}` ({name}) scores {score} against an expectation of {expected}: {gap} point short",
                         "`{id}` ({name}) scores {score} against an expectation of {expected}: {gap} points short",
                         count).format(**fields)
            plain = _n("customers rate it {score} where they expect {expected}: {gap} point short",
                       "customers rate it {score} where they expect {expected}: {gap} points short",
                       count).format(**fields)
            if e >= top - EPSILON:
                note = _("(the expectation is the top of the scale: check that customers really expect perfection)")
                message, plain = join([message, note], " "), join([plain, note], " ")
            yield Finding(
                message,
                moment.at("score"),
                moment.id,
                plain=plain,
            )


RULE = rule_from_module(
    __name__,
    code="CM105",
    name="expectation-gap",
    severity=Severity.WARNING,
    summary=_("Score below expectation by the margin or more"),
    hint=_("improve what the customer receives here, or set realistic expectations"),
    fails="cyclemap: 1\ntitle: Cinema\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, expectation: 4.5, score: 3.6}\n  - {id: b, name: Watches the film, kind: critical}\n",
    passes="cyclemap: 1\ntitle: Cinema\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, expectation: 4.5, score: 4.3}\n  - {id: b, name: Watches the film, kind: critical}\n",
    check=check,
    thresholds=(Threshold("gap_margin", 0.125, 0.0, inclusive=True, doc=_(
        "a score below expectation by at least this share of the scale's span is an expectation gap")),),
    reason=_("What customers expect, not the score alone, decides whether they are satisfied: a gap here "
             "is disappointment, and disappointed customers mostly leave without saying why."),
    advice=_("improve what customers receive here, or promise only what the moment can deliver "
             "(how long it takes, what is needed, what happens next)"),
)
