"""CM106 critical-chain: several critical moments in a row with no routine relief.

What it checks
    Following the cycle as the customer lives it (the `next` links, branches included,
    but not the link that closes the cycle), that no run of `chain_length` (3 by default)
    or more critical moments follows one another without a routine moment in between.
    Each run is reported once, at its first moment, with the longest path found from
    there.

Why it matters
    A critical moment is one where the customer can decide to leave. Mapping the cycle
    is meant to separate those moments from the routine ones, and a long run of them
    means the customer carries the tension of one into the next, with no moment in which
    the service simply works and reassures: one failure early in the run colours every
    moment after it. Such runs are also where staff are most stretched.

How to fix
    Break the run. Move work that the customer does not need to witness backstage, merge
    two critical moments into one that is done well, or add a routine moment that gives
    the customer information and control (a confirmation, a progress message, a clear
    next step). If a moment is not really critical, mark it `kind: routine`.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _, _n
from cyclemap.engine.rules import Finding, Threshold, rule_from_module

# A bound on the search from one start, so pathological graphs stay fast; real cycles
# come nowhere near it.
STEP_BUDGET = 20_000


def critical_chains(ctx) -> list[list[str]]:
    """Maximal runs of critical moments along the cycle's links, each as a list of ids."""
    critical = {m.id for m in ctx.unique() if m.critical}
    succ: dict[str, list[str]] = {n: [] for n in critical}
    has_critical_pred: set[str] = set()
    for edge in ctx.links:  # plain links, not ctx.graph: no networkx on the check path
        u, v, closing = edge.source, edge.target, edge.closing
        if not closing and u in critical and v in critical and u != v:
            succ[u].append(v)
            has_critical_pred.add(v)
    order = [n for n in ctx.order if n in critical]
    starts = [n for n in order if n not in has_critical_pred]
    covered: set[str] = set()
    chains: list[list[str]] = []
    # Runs that start after a routine moment first, then runs that loop among critical
    # moments only (no way in from a routine one), from their first moment in cycle order.
    for start in starts + [n for n in order if n in has_critical_pred]:
        if start in covered and start in has_critical_pred:
            continue
        chain = _longest_from(start, succ)
        covered.update(chain)
        chains.append(chain)
    return chains


def _longest_from(start: str, succ: dict[str, list[str]]) -> list[str]:
    """The longest simple path of critical moments from `start` (depth-first, iterative,
    first-written branch wins ties)."""
    best = [start]
    path = [start]
    on_path = {start}
    stack = [iter(succ[start])]
    steps = 0
    while stack and steps < STEP_BUDGET:
        steps += 1
        nxt = next(stack[-1], None)
        if nxt is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        if nxt in on_path:
            continue
        path.append(nxt)
        on_path.add(nxt)
        stack.append(iter(succ[nxt]))
        if len(path) > len(best):
            best = list(path)
    return best


def check(ctx):
    length = int(ctx.config.threshold("chain_length"))
    for chain in critical_chains(ctx):
        if len(chain) < length:
            continue
        first = ctx.by_id[chain[0]]
        arrow = " → ".join(chain)
        yield Finding(
            _n("{n} critical moment in a row with no routine relief: {chain}",
               "{n} critical moments in a row with no routine relief: {chain}", len(chain)).format(chain=arrow),
            first.pos,
            first.id,
        )


RULE = rule_from_module(
    __name__,
    code="CM106",
    name="critical-chain",
    severity=Severity.WARNING,
    summary=_("Critical moments in a row with no routine relief"),
    hint=_("break the run with a routine moment that informs the customer, or move work backstage"),
    fails=(
        "cyclemap: 1\ntitle: Claim\nmoments:\n"
        "  - {id: call, name: Calls to claim, kind: critical}\n"
        "  - {id: check, name: Identity is checked, kind: critical}\n"
        "  - {id: assess, name: Damage is assessed, kind: critical}\n"
        "  - {id: close, name: Receives the letter, kind: routine}\n"
    ),
    passes=(
        "cyclemap: 1\ntitle: Claim\nmoments:\n"
        "  - {id: call, name: Calls to claim, kind: critical}\n"
        "  - {id: check, name: Identity is checked, kind: critical}\n"
        "  - {id: sms, name: Gets a text with the case number, kind: routine}\n"
        "  - {id: assess, name: Damage is assessed, kind: critical}\n"
        "  - {id: close, name: Receives the letter, kind: routine}\n"
    ),
    check=check,
    retired=True,  # no finding a consultant kept in trials; runs only when selected
    thresholds=(Threshold("chain_length", 3, 2, whole=True, doc=_(
        "this many critical moments in a row with no routine relief is a chain")),),
)
