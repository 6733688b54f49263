"""CM115 vague-standard: a service standard that nobody can measure or observe.

What it checks
    That every `standard` a moment states holds a number, a count or a time, in digits or
    in words ("within 10 s", "before the second ring", "the same day"), or a behaviour
    someone can see ("greets the guest by name"). A standard made of a wish ("friendly
    service", "fast", "the customer feels welcome") is reported, however long.

Why it matters
    The service strategy becomes real through its standards: what good service is at each
    moment, so that people can be trained, evaluated and supported against it. "Be
    friendly" cannot be measured, cannot be defended when a customer says it failed, and
    every employee reads it differently, so the moment is left to each person's mood.

How to fix
    Rewrite the standard as something you could check on a video of the moment, ideally
    with a number: "greets the guest by name within 10 s of arrival", "offers a seat and
    water when the wait passes 5 min". Keep the wish as the reason behind the standard.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._content import field_findings
from cyclemap.engine import content


def check(ctx):
    return field_findings(ctx, "standard", content.standard, judge)


def judge(moment, facts):
    if not facts.standard_observable:
        return Finding(
            _("the standard of `{id}` ({name}), \"{standard}\", has no number, time or observable "
              "behaviour").format(id=moment.id, name=moment.name, standard=moment.standard),
            moment.at("standard"),
            moment.id,
            plain=_("its standard, \"{standard}\", is a wish: nobody can measure or observe it").format(
                standard=moment.standard),
        )
    return None


RULE = rule_from_module(
    __name__,
    code="CM115",
    name="vague-standard",
    severity=Severity.WARNING,
    summary=_("Service standard with no number, time or observable behaviour"),
    hint=_("rewrite `standard:` as something observable, with a number or a time"),
    fails="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, standard: Atender al huésped con amabilidad}\n  - {id: b, name: Room, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Hotel\nmoments:\n  - {id: a, name: Check-in, kind: critical, standard: Saluda al huésped por su nombre en menos de 10 s}\n  - {id: b, name: Room, kind: routine}\n",
    check=check,
    reason=_("A standard is what people are trained and evaluated against; a wish such as \"be friendly\" "
             "means something different to each employee and cannot be checked."),
    advice=_("rewrite the standard as a behaviour you could check on a video of the moment, with a number "
             "or a time"),
)
