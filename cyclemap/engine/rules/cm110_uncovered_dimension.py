"""CM110 uncovered-dimension: an expectation of service that no moment serves.

What it checks
    When the cycle uses `dimensions` at all, that each of the ten expectations of service
    (reliability, responsiveness, competence, courtesy, communication, credibility,
    security, understanding, tangibles, access) is served by at least one moment. A cycle
    that tags no dimensions is not checked.

Why it matters
    Customers judge a service against ten broad expectations: they want to trust it,
    to be attended when they need it, by people who know their job, with courtesy, being
    kept informed, with honesty, safely, understood, in decent surroundings, and with easy
    access. An expectation that no moment is designed to meet is left to chance: nobody
    owns it, nobody measures it, and the customer will notice its absence first.

How to fix
    For each missing expectation, decide which moment should deliver it and add it to
    that moment's `dimensions` (with a standard that says how). If none can, that may be a
    missing moment: e.g. no moment serves communication when nobody tells the customer
    how their case is going.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _, _n, join
from cyclemap.format.model import DIMENSIONS
from cyclemap.format.words import DIMENSION
from cyclemap.engine.rules import Finding, rule_from_module



def check(ctx):
    moments = ctx.cycle.moments
    if not any(m.dimensions for m in moments):
        return
    served = {d for m in moments for d in m.dimensions}
    missing = [d for d in DIMENSIONS if d not in served]
    if missing:
        names = join(DIMENSION[d] for d in missing)
        yield Finding(
            _n("no moment serves this expectation: {missing}",
               "no moment serves these {n} expectations: {missing}", len(missing)).format(missing=names),
            ctx.cycle.at("moments"),
            plain=_n("no moment looks after this expectation: {missing}",
                     "no moment looks after these expectations: {missing}", len(missing)).format(missing=names),
        )


_ALL_BUT_ACCESS = "[reliability, responsiveness, competence, courtesy, communication, credibility, security, understanding, tangibles]"
RULE = rule_from_module(
    __name__,
    code="CM110",
    name="uncovered-dimension",
    severity=Severity.WARNING,
    summary=_("An expectation of service no moment serves"),
    hint=_("add the missing expectation to the `dimensions` of the moment that should deliver it"),
    fails=f"cyclemap: 1\ntitle: Hotel\nmoments:\n  - {{id: a, name: Books, kind: routine, dimensions: {_ALL_BUT_ACCESS}}}\n  - {{id: b, name: Stays, kind: critical}}\n",
    passes=f"cyclemap: 1\ntitle: Hotel\nmoments:\n  - {{id: a, name: Books, kind: routine, dimensions: {_ALL_BUT_ACCESS}}}\n  - {{id: b, name: Stays, kind: critical, dimensions: [access]}}\n",
    reason=_('Customers judge a service on a known set of expectations; one that no moment looks after is judged anyway, by chance.'),
    advice=_('decide which moment should meet each missing expectation, and what it does to meet it'),
    check=check,
)
