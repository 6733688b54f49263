"""CM104 moment-of-misery: a critical moment scored below the acceptable level.

What it checks
    That no critical moment has a `score` below the acceptable level: by default 60 % of
    the way up the scale (3.4 on a 1 to 5 scale). Set it with the `acceptable_score`
    threshold: a share of the scale (0.6), or a score on it (3.5).

Why it matters
    A moment of truth that goes wrong becomes a moment of misery, and at a critical one
    the customer decides about the whole service. Few unhappy customers say so: about 4 %
    complain, the other 96 % simply leave and 91 % never return. A low score on a critical
    moment is the report card telling you that customers are leaving quietly from there.
    A service that does not meet expectations is, in the course's words, bad service.

How to fix
    Start here. Talk to the owner and the front line, read the comments behind the score,
    and fix the cause (capacity, training, a broken system, a missing step). Check that the
    moment has a standard and a recovery plan, and measure again after the change.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, Threshold, rule_from_module
from cyclemap.engine.rules._scores import is_miserable, misery_line, score


def check(ctx):
    line = misery_line(ctx.cycle, ctx.config)
    for moment in ctx.unique():
        if moment.critical and is_miserable(moment, ctx.cycle, ctx.config):
            s, e = score(moment.score), moment.expectation
            if e is None:
                plain = _("customers rate this decisive moment {score}, below the acceptable {line}: "
                          "a moment of misery").format(score=s, line=score(line))
            else:
                plain = _("customers rate this decisive moment {score} where they expect {expected}, below "
                          "the acceptable {line}: a moment of misery").format(
                    score=s, expected=score(e), line=score(line))
            yield Finding(
                _("critical moment `{id}` ({name}) scores {score}, below the acceptable {line}: "
                  "a moment of misery").format(id=moment.id, name=moment.name, score=s, line=score(line)),
                moment.at("score"),
                moment.id,
                plain=plain,
            )


RULE = rule_from_module(
    __name__,
    code="CM104",
    name="moment-of-misery",
    severity=Severity.WARNING,
    summary=_("Critical moment scored below the acceptable level"),
    hint=_("find the cause with the owner and the front line, fix it, and measure again"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Arrives, kind: routine}\n  - {id: b, name: Waits in line, kind: critical, score: 2.3}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Arrives, kind: routine}\n  - {id: b, name: Waits in line, kind: critical, score: 3.8}\n",
    check=check,
    reason=_("At a critical moment the customer decides about the whole service. Few unhappy customers "
             "complain (about 4 in 100); most simply leave and never come back, so a low rating here means "
             "customers are leaving quietly."),
    advice=_("with the person in charge and the front line, find the cause behind the rating "
             "(capacity, training, a failing system, a missing step), fix it and measure again"),
    thresholds=(Threshold("acceptable_score", 0.6, 0.0, doc=_(
        "a critical moment scored below this share of the scale is a moment of misery")),),
)
