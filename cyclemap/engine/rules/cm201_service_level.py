"""CM201 service-level: the level of service the scores describe.

What it checks
    When moments have scores, which of the four types of service the cycle shows: dismal
    (most scored critical moments sit in the bottom two-fifths of the scale), poor (on
    average below expectation by the gap margin or more, critical moments weighing
    double, or a critical moment that is a moment of misery or short of its expectation
    by the margin), exceptional (clearly above expectation on average, every critical
    moment meeting its expectation on at least `min_responses` answers, with an owner, a
    standard and a recovery plan, and a moment that collects the customer's voice) or
    normal (everything in between). The finding says what keeps the level from the next
    one up and how sure it is. Where a moment has no `expectation`, 70 % of the scale
    stands in for it. See docs/critique.md.

Why it matters
    The course names four types of service. Dismal service barely exists and customers
    do not return unless forced to. Poor service does not meet expectations: customers
    may come back now and then but end up leaving and speak badly of it. Normal service
    just meets the minimum: customers return but are not loyal, and a better service
    elsewhere can take them. Exceptional service anticipates, meets and exceeds
    expectations: customers recommend it and stay. Naming the level gives the team one
    honest sentence about where it stands.

How to fix
    This is information, not a fault. To move up a level, work on the weak points the
    critique ranks first (moments of misery and expectation gaps on critical moments), and
    measure again.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _, _n, Computed, join, number
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    level = ctx.service_level
    if level is None:
        return
    sign = "+" if level.mean_gap >= 0 else "-"
    gap = Computed(lambda lang: sign + number(abs(level.mean_gap), lang, 2))
    why = join(["", *level.reasons], "; ")
    yield Finding(
        _n("service level: {level} ({description}; mean gap {gap} over {n} scored moment{why}; {certainty})",
           "service level: {level} ({description}; mean gap {gap} over {n} scored moments{why}; {certainty})",
           level.scored).format(level=level.name, description=level.description, gap=gap, why=why,
                                certainty=level.certainty),
        ctx.cycle.at("title"),
    )


RULE = rule_from_module(
    __name__,
    code="CM201",
    name="service-level",
    severity=Severity.INFO,
    summary=_("The level of service the scores describe"),
    hint=_("work on the weak points ranked first to move up a level"),
    fails="cyclemap: 1\ntitle: Shop\nmoments:\n  - {id: a, name: Buys, kind: critical, expectation: 4, score: 3.1}\n  - {id: b, name: Pays, kind: routine, expectation: 4, score: 3.6}\n",
    passes="cyclemap: 1\ntitle: Shop\nmoments:\n  - {id: a, name: Buys, kind: critical, expectation: 4}\n  - {id: b, name: Pays, kind: routine, expectation: 4}\n",
    check=check,
)
