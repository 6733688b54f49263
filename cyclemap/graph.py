"""The cycle as a directed graph: moments are nodes, `next` links are edges.

Rules:
- a moment with no `next` leads to the following moment in the list;
- in a closed cycle (the default) the last moment then leads back to the first;
- `next: [...]` replaces the default, each item an edge, labelled by its `when`;
- `next: []` is a deliberate end (an open cycle's exit).

networkx is imported here only, and only when a graph is built, so that commands which
never need one start fast.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from cyclemap.model import Cycle, Moment, Pos

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    when: str | None = None
    implicit: bool = False  # the default "following moment" link
    closing: bool = False  # the last moment's link back to the first
    pos: Pos | None = None  # where the `next` item was written, if it was


def unique_moments(cycle: Cycle) -> dict[str, int]:
    """Moment id -> index of its first occurrence (a repeated id is CM003's business)."""
    index: dict[str, int] = {}
    for i, moment in enumerate(cycle.moments):
        index.setdefault(moment.id, i)
    return index


def edges(cycle: Cycle) -> Iterator[Edge]:
    """Every link of the cycle, in file order; links to unknown ids are left out."""
    index = unique_moments(cycle)
    moments = cycle.moments
    for i, moment in enumerate(moments):
        if index[moment.id] != i:
            continue
        if moment.next is None:
            if i + 1 < len(moments):
                yield Edge(moment.id, moments[i + 1].id, implicit=True)
            elif cycle.closed and len(moments) > 1:
                yield Edge(moment.id, moments[0].id, implicit=True, closing=True)
            continue
        for branch in moment.next:
            if branch.to in index:
                closing = cycle.closed and branch.to == moments[0].id
                yield Edge(moment.id, branch.to, when=branch.when, closing=closing, pos=branch.pos)


def build_graph(cycle: Cycle) -> "nx.DiGraph":
    """A networkx DiGraph: node attribute `moment` holds the Moment, edges carry `Edge` fields."""
    import networkx as nx

    graph = nx.DiGraph(title=cycle.title, closed=cycle.closed)
    index = unique_moments(cycle)
    for moment_id, i in index.items():
        graph.add_node(moment_id, moment=cycle.moments[i], order=i)
    for edge in edges(cycle):
        # Two branches to the same moment are one edge; keep the first label.
        if not graph.has_edge(edge.source, edge.target):
            graph.add_edge(edge.source, edge.target, when=edge.when, implicit=edge.implicit, closing=edge.closing)
    return graph


def cycle_order(cycle: Cycle) -> list[str]:
    """Moment ids in the order a customer meets them — the one order every report,
    diagram and handout numbers moments by.

    The main loop first: from the first moment, follow each moment's first link until the
    cycle comes back or ends. Every other moment (a complaint branch, say) is placed right
    after the moment it is first reached from, so a detour sits between where it leaves
    and where it rejoins. Moments no link reaches come last, in file order.
    """
    index = unique_moments(cycle)
    if not index:
        return []
    links: dict[str, list[str]] = {m: [] for m in index}
    for edge in edges(cycle):
        if edge.target not in links[edge.source]:
            links[edge.source].append(edge.target)
    loop: list[str] = []
    current: str | None = cycle.moments[0].id
    placed: set[str] = set()
    while current is not None and current not in placed:
        loop.append(current)
        placed.add(current)
        current = links[current][0] if links[current] else None
    # Breadth-first from the whole loop: each detour hangs under the moment that reaches it first.
    detours: dict[str, list[str]] = {}
    queue = deque(loop)
    while queue:
        source = queue.popleft()
        for target in links[source]:
            if target not in placed:
                placed.add(target)
                detours.setdefault(source, []).append(target)
                queue.append(target)
    order: list[str] = []
    for moment_id in loop:
        stack = [moment_id]
        while stack:  # each loop moment, then its detours depth-first, in link order
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(detours.get(node, ())))
    order.extend(m for m in index if m not in placed)
    return order


def ordered_moments(cycle: Cycle) -> list[Moment]:
    """Each moment once, in `cycle_order`."""
    index = unique_moments(cycle)
    return [cycle.moments[index[mid]] for mid in cycle_order(cycle)]
