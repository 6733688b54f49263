"""CM008 outside-scale: an expectation or score outside the cycle's rating scale.

What it checks
    That every moment's `expectation` and `score` lie within `scale` (default [1, 5]).

Why it matters
    Scores come from the customers' report card: they only mean something against the
    scale the survey used. A 7 on a 1–5 scale is a typo or a survey on another scale,
    and either way every comparison built on it (gaps, service level) would be wrong.

How to fix
    Correct the value, or declare the scale the survey used, e.g. `scale: [0, 10]`.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._scores import score


def check(ctx):
    low, high = ctx.cycle.scale
    for moment in ctx.cycle.moments:
        for key in ("expectation", "score"):
            value = getattr(moment, key)
            if value is not None and not (low <= value <= high):
                yield Finding(
                    _("`{key}` {value} of `{id}` is outside the scale [{low}, {high}]").format(
                        key=key, value=score(value), id=moment.id, low=score(low), high=score(high)),
                    moment.at(key),
                    moment.id,
                    subject=key,
                )


RULE = rule_from_module(
    __name__,
    code="CM008",
    name="outside-scale",
    severity=Severity.ERROR,
    summary=_("An expectation or score outside the scale"),
    hint=_("correct the value or declare the survey's `scale`"),
    fails="cyclemap: 1\ntitle: Off scale\nmoments:\n  - {id: a, name: A, kind: critical, score: 7}\n  - {id: b, name: B, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Off scale\nscale: [0, 10]\nmoments:\n  - {id: a, name: A, kind: critical, score: 7}\n  - {id: b, name: B, kind: routine}\n",
    check=check,
)
