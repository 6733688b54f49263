"""CM107 single-point-of-failure: a weak critical moment every customer must go through.

What it checks
    In a cycle with branches, the moments that every path from the first moment to the
    end of the cycle crosses (the end is the moment that leads back to the first in a
    closed cycle, or the last moments of an open one). This uses the graph's dominators.
    A critical moment among them that is weak (scored below the acceptable level, or
    below its expectation by the margin) is reported. A cycle with no branches is
    skipped: there every moment is on the only path, and CM104/CM105 already speak.

Why it matters
    The cycle offers other ways through elsewhere (a complaint desk, a phone line, a
    waiting branch), but not around this moment: whichever way customers come, they all
    pass here, and a weak link here breaks the chain of service for every one of them.
    Because most unhappy customers leave without complaining, a weakness that nobody can
    avoid loses customers at the scale of the whole cycle.

How to fix
    Strengthen the moment first (see its score, standard and recovery), and consider
    giving customers a second way through: another channel, an appointment instead of a
    queue, documents checked in advance online. A `recovery` plan makes the failure
    survivable while the fix is under way.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import Finding, rule_from_module
from cyclemap.engine.rules._scores import is_weak


def unavoidable(ctx) -> list[str]:
    """Moments (other than the first) on every path from the first moment to the end of
    the cycle, in cycle order; [] when the cycle has no branches."""
    links = ctx.successors
    first = ctx.first
    if first is None or first.id not in links or not any(len(targets) > 1 for targets in links.values()):
        return []
    # Plain-Python dominators (cyclemap.engine.graph), not networkx: its import costs more than a check.
    from cyclemap.engine.graph import immediate_dominators

    idom = immediate_dominators(links, first.id)
    if ctx.cycle.closed:
        ends = [e.source for e in ctx.links if e.target == first.id and e.closing and e.source in idom]
    else:
        ends = [n for n in idom if not links[n]]
    if not ends:
        return []
    common: set[str] | None = None
    for end in ends:
        chain = {end}
        node = end
        while node != first.id and idom.get(node, first.id) != node:
            node = idom[node]
            chain.add(node)
        common = chain if common is None else common & chain
    common = (common or set()) - {first.id}
    return [n for n in ctx.order if n in common]


def check(ctx):
    for mid in unavoidable(ctx):
        moment = ctx.by_id[mid]
        if moment.critical and is_weak(moment, ctx.cycle, ctx.config):
            yield Finding(
                _("every customer passes through `{id}` ({name}), a weak critical moment "
                  "with no way around it: a single point of failure").format(id=mid, name=moment.name),
                moment.pos,
                mid,
            )


RULE = rule_from_module(
    __name__,
    code="CM107",
    name="single-point-of-failure",
    severity=Severity.WARNING,
    summary=_("Weak critical moment every path goes through"),
    hint=_("strengthen this moment, and give customers a second way through"),
    fails=(
        "cyclemap: 1\ntitle: Clinic\nmoments:\n"
        "  - {id: book, name: Books, kind: routine, next: [phone, web]}\n"
        "  - {id: phone, name: Books by phone, kind: routine, next: [desk]}\n"
        "  - {id: web, name: Books online, kind: routine, next: [desk]}\n"
        "  - {id: desk, name: Checks in at the desk, kind: critical, score: 2.1}\n"
        "  - {id: doctor, name: Sees the doctor, kind: routine}\n"
    ),
    passes=(
        "cyclemap: 1\ntitle: Clinic\nmoments:\n"
        "  - {id: book, name: Books, kind: routine, next: [phone, web]}\n"
        "  - {id: phone, name: Books by phone, kind: routine, next: [desk]}\n"
        "  - {id: web, name: Books online, kind: routine, next: [desk]}\n"
        "  - {id: desk, name: Checks in at the desk, kind: critical, score: 4.2}\n"
        "  - {id: doctor, name: Sees the doctor, kind: routine}\n"
    ),
    check=check,
    retired=True,  # no finding a consultant kept in trials; runs only when selected
)
