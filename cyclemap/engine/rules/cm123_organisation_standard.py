"""CM123 organisation-standard: a standard that measures the organisation, not the customer.

What it checks
    That no `standard` is a goal of the organisation rather than what the customer gets:
    keeping customers away from people (a containment or deflection rate), selling (a
    quota, cross-selling, offering a product on every visit, keeping customers who want
    to leave), following the organisation's own rules ("as the internal policy says"),
    staying within a regulator's maximum, the organisation's cost or throughput (handle
    time, patients per doctor per hour, occupancy), a supplier's contract, closing the
    record in the system, or keeping complaints from reaching management.

Why it matters
    A moment of truth is judged by the customer. A standard written from the
    organisation's side can be met while the customer is let down: an IVR that contains
    70 % of the calls may be 70 % of customers who gave up; a complaint answered on the
    regulator's last day is legal and still late. What people are measured on is what
    they do, so the standard should say what the customer receives.

How to fix
    Restate the standard from the customer's side, as something the customer gets or
    sees: "the customer reaches a person within 2 minutes whenever they ask", "the
    complaint is answered within 5 days", "insurance is offered only when the customer
    asks". Keep the organisation's target as an internal indicator, not as the moment's
    standard.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _, listing
from cyclemap.engine import content
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._content import field_findings

# What each of the organisation's goals is called in a finding.
GOALS = {
    "containment": _("keeping customers away from people"),
    "sales": _("a sales target"),
    "retention": _("keeping customers who want to leave"),
    "internal_rules": _("the organisation's own rules"),
    "regulator": _("a regulator's or the law's limit"),
    "efficiency": _("the organisation's cost or throughput"),
    "contract": _("a contract with a supplier"),
    "own_records": _("the organisation's own records"),
    "escalation": _("keeping complaints from management"),
    "remedies_limited": _("limiting what customers get back"),
    "reputation": _("the organisation's image or its legal exposure"),
    "incentives": _("the staff's bonus or commission"),
}


def check(ctx):
    return field_findings(ctx, "standard", content.standard, judge)


def judge(moment, facts):
    if facts.standard_serves_org:
        goals = listing([GOALS[g] for g in facts.org_goals])
        return Finding(
            _("the standard of `{id}` ({name}), \"{standard}\", measures the organisation's goal ({goals}), "
              "not what the customer gets").format(id=moment.id, name=moment.name, standard=moment.standard,
                                                   goals=goals),
            moment.at("standard"),
            moment.id,
            plain=_("its standard, \"{standard}\", measures what the organisation wants ({goals}), not what "
                    "the customer gets").format(standard=moment.standard, goals=goals),
        )
    return None


RULE = rule_from_module(
    __name__,
    code="CM123",
    name="organisation-standard",
    severity=Severity.WARNING,
    summary=_("Standard that measures the organisation instead of the customer"),
    hint=_("restate `standard:` as what the customer gets or sees"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Calls the bank, kind: critical, standard: IVR containment rate above 70 %}\n  - {id: b, name: Is served, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Calls the bank, kind: critical, standard: The customer reaches a person within 2 minutes whenever they ask}\n  - {id: b, name: Is served, kind: routine}\n",
    check=check,
    preview=True,
    reason=_("A standard written from the organisation's side can be met while the customer is let down, and "
             "people do what they are measured on."),
    advice=_("restate the standard as what the customer gets or sees at this moment, and keep the "
             "organisation's target as an internal indicator"),
)
