"""CM113 stage-mismatch: a stage declared but unused, or used but not declared.

What it checks
    That every stage listed in `stages` is used by at least one moment, and that every
    moment's `stage` is one of the declared `stages` (when moments name stages, the cycle
    should declare them, in order).

Why it matters
    Stages (before, during, after) group the moments of truth the way the customer lives
    them, and the diagrams and handouts draw them in the declared order. An unused stage
    is a part of the experience nobody mapped, often the "after" where loyalty is won or
    lost; an undeclared one is usually a typo that silently puts a moment in a group of
    its own.

How to fix
    For an unused stage, map the moments that belong to it, or remove it from `stages`.
    For an undeclared stage, correct the moment's `stage` to one of the declared names, or
    add it to `stages` in its place in the order.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    declared = ctx.cycle.stages
    moments = ctx.unique()
    used = {m.stage for m in moments if m.stage}
    for stage in declared:
        if stage not in used:
            yield Finding(
                _("the stage `{stage}` is declared but no moment belongs to it").format(stage=stage),
                ctx.cycle.at("stages"),
                subject=stage,
            )
    reported: set[str] = set()
    for moment in moments:
        if moment.stage and moment.stage not in declared and moment.stage not in reported:
            reported.add(moment.stage)
            where = (_("; declared: {stages}").format(stages=", ".join(declared))
                     if declared else _("; the cycle declares no `stages`"))
            yield Finding(
                _("`{id}` names the stage `{stage}`, which is not declared{where}").format(
                    id=moment.id, stage=moment.stage, where=where),
                moment.at("stage"),
                moment.id,
                subject=moment.stage,
            )


RULE = rule_from_module(
    __name__,
    code="CM113",
    name="stage-mismatch",
    severity=Severity.WARNING,
    summary=_("Stage declared but unused, or used but undeclared"),
    hint=_("make `stages` and the moments' `stage` agree"),
    fails="cyclemap: 1\ntitle: Cinema\nstages: [Before, During, After]\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, stage: Before}\n  - {id: b, name: Watches, kind: critical, stage: Durign}\n",
    passes="cyclemap: 1\ntitle: Cinema\nstages: [Before, During]\nmoments:\n  - {id: a, name: Buys a ticket, kind: routine, stage: Before}\n  - {id: b, name: Watches, kind: critical, stage: During}\n",
    check=check,
)
