"""CM020 broken-link: `supported_by` names a cycle file or a moment that is not there.

What it checks
    That every link in a moment's `supported_by` leads somewhere: the file exists (the
    path is relative to the file that writes the link), it reads as a cycle, and, when the
    link names a moment (`internal/card-issuing.yaml#issue-card`, or `#issue-card` for a
    moment of the same file), that cycle has a moment with that id.

Why it matters
    External service rests on internal service: a link says which internal team's cycle
    makes this moment possible, so that a weak moment can be traced to its cause inside the
    organisation. A link to nowhere traces nothing, and the overview then misses the
    internal supplier behind the weak moment.

How to fix
    Correct the path (relative to this file, with forward slashes) or the moment id after
    `#`; fix the linked file if it does not read; or remove the link.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    if not any(m.supported_by for m in ctx.cycle.moments):
        return
    from cyclemap.engine.links import NO_FILE, NO_MOMENT, NOT_A_CYCLE, link_set_of

    links = link_set_of(ctx)
    for moment in ctx.unique():
        for r in links.supports(ctx.cycle, moment):
            link = str(r.support)
            if r.status == NO_FILE:
                message = _("`{id}` is supported by `{link}`, but there is no such file").format(id=moment.id, link=link)
                hint = _("the path is relative to this file's folder; correct it or remove the link")
            elif r.status == NOT_A_CYCLE:
                message = _("`{id}` is supported by `{link}`, which does not read as a cycle").format(
                    id=moment.id, link=link)
                hint = _("check that file: its own findings say what is wrong")
            elif r.status == NO_MOMENT:
                message = _("`{id}` is supported by `{link}`, but that cycle has no moment `{target}`").format(
                    id=moment.id, link=link, target=r.support.moment)
                from cyclemap.format.words import did_you_mean

                guess = did_you_mean(r.support.moment or "", [m.id for m in r.cycle.moments]) if r.cycle else None
                hint = _("did you mean `{guess}`?").format(guess=guess) if guess else \
                    _("correct the moment id after `#`, or link the whole cycle")
            else:
                continue
            yield Finding(message, r.support.pos, moment.id, hint, subject=link)


RULE = rule_from_module(
    __name__,
    code="CM020",
    name="broken-link",
    severity=Severity.ERROR,
    summary=_("`supported_by` names a missing file or moment"),
    hint=_("correct the path or the moment id, or remove the link"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Asks for a card, kind: critical, supported_by: ['#isue']}\n  - {id: issue, name: The card is issued, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Asks for a card, kind: critical, supported_by: ['#issue']}\n  - {id: issue, name: The card is issued, kind: routine}\n",
    check=check,
)
