"""CM120 too-many-critical: nearly every moment is marked critical.

What it checks
    In a cycle of at least four moments, that no more than `critical_share` of them
    (75 % by default) are marked critical.

Why it matters
    Mapping the moments of truth is meant to separate the few moments where the customer
    decides from the many that simply have to work. When nearly every moment is marked
    critical the choice has not been made: the best people, the standards and the
    recovery plans are spread over everything, and the critique cannot tell the team
    where to start.

How to fix
    With the team, ask of each moment: "if this goes wrong, does the customer think worse
    of the whole service, or leave?". Keep `critical` for those, and mark the others
    `kind: routine`. A handful of critical moments per cycle is usual.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, Threshold, rule_from_module


def check(ctx):
    moments = ctx.unique()
    if len(moments) < 4:
        return
    critical = sum(1 for m in moments if m.critical)
    share = ctx.config.threshold("critical_share")
    if critical > share * len(moments):
        yield Finding(
            _("{critical} of {total} moments are marked critical: the cycle does not separate the "
              "moments where the customer decides").format(critical=critical, total=len(moments)),
            ctx.cycle.at("moments"),
            plain=_("{critical} of the {total} moments are treated as decisive, so none stands out").format(
                critical=critical, total=len(moments)),
        )


RULE = rule_from_module(
    __name__,
    code="CM120",
    name="too-many-critical",
    severity=Severity.WARNING,
    summary=_("Nearly every moment is marked critical"),
    hint=_("keep `kind: critical` for the moments where the customer decides"),
    fails=("cyclemap: 1\ntitle: Clinic\nmoments:\n"
           "  - {id: a, name: Books, kind: critical}\n  - {id: b, name: Arrives, kind: critical}\n"
           "  - {id: c, name: Waits, kind: critical}\n  - {id: d, name: Consultation, kind: critical}\n"
           "  - {id: e, name: Pays, kind: routine}\n"),
    passes=("cyclemap: 1\ntitle: Clinic\nmoments:\n"
            "  - {id: a, name: Books, kind: routine}\n  - {id: b, name: Arrives, kind: routine}\n"
            "  - {id: c, name: Waits, kind: critical}\n  - {id: d, name: Consultation, kind: critical}\n"
            "  - {id: e, name: Pays, kind: routine}\n"),
    check=check,
    thresholds=(Threshold("critical_share", 0.75, 0.0, doc=_("more than this share of a cycle's moments marked critical is too many")),),
    reason=_("The map is meant to single out the few moments where customers decide; when nearly all are "
             "decisive, effort is spread thin and nobody knows where to start."),
    advice=_("with the team, keep as decisive only the moments where a failure makes customers think worse "
             "of the whole service, and treat the others as routine"),
)
