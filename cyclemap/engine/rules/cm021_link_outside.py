"""CM021 link-outside: `supported_by` leads outside the repository.

What it checks
    That every link in `supported_by` stays inside the repository of the file that writes
    it: the nearest folder above the file that holds `.git` or, where there is none, the
    folder being checked (the file's own folder when a single file is checked). Absolute
    paths and web addresses are outside by definition; symbolic links are followed first.

Why it matters
    The cycles of one organisation are kept, reviewed and checked together. A link out of
    the repository works on one person's machine and breaks on everyone else's and in CI,
    and a check must never read files it was not given a place for.

How to fix
    Bring the internal cycle into the same repository and link it by a relative path
    (`internal/card-issuing.yaml`), or check the folder that holds both files.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module


def check(ctx):
    if not any(m.supported_by for m in ctx.cycle.moments):
        return
    from cyclemap.engine.links import OUTSIDE, link_set_of

    links = link_set_of(ctx)
    for moment in ctx.unique():
        for r in links.supports(ctx.cycle, moment):
            if r.status != OUTSIDE:
                continue
            link = str(r.support)
            yield Finding(
                _("`{id}` is supported by `{link}`, which is outside the repository ({root})").format(
                    id=moment.id, link=link, root=r.root),
                r.support.pos, moment.id, subject=link)


RULE = rule_from_module(
    __name__,
    code="CM021",
    name="link-outside",
    severity=Severity.ERROR,
    summary=_("`supported_by` leads outside the repository"),
    hint=_("keep linked cycles in the same repository and link them by a relative path"),
    fails="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Asks for a card, kind: critical, supported_by: [/etc/cards.yaml]}\n  - {id: b, name: Gets the card, kind: routine}\n",
    passes="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: a, name: Asks for a card, kind: critical, supported_by: ['#b']}\n  - {id: b, name: Gets the card, kind: routine}\n",
    check=check,
)
