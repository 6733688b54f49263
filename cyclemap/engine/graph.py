"""The cycle as a directed graph: moments are nodes, `next` links are edges.

Rules:
- a moment with no `next` leads to the following moment in the list;
- in a closed cycle (the default) the last moment then leads back to the first;
- `next: [...]` replaces the default, each item an edge, labelled by its `when`;
- `next: []` is a deliberate end (an open cycle's exit).

networkx is imported here only, and only when a graph is built, so that commands which
never need one start fast. Plain reachability (`successors`, `reachable`) needs no
networkx: importing it costs a quarter of a second, longer than a whole check of a
typical file, so the structure rules use these instead.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from cyclemap.format.model import Cycle, Moment, Pos, unique_moments  # noqa: F401  (read from here too)

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


def edges(cycle: Cycle, index: dict[str, int] | None = None) -> Iterator[Edge]:
    """Every link of the cycle, in file order; links to unknown ids are left out."""
    index = unique_moments(cycle) if index is None else index
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


def main_loop(cycle: Cycle, links: dict[str, list[str]] | None = None) -> list[str]:
    """The main loop: from the first moment, follow each moment's first link until it
    comes back or ends. Every customer passes these moments; the others are detours."""
    links = successors(cycle) if links is None else links
    loop: list[str] = []
    seen: set[str] = set()  # a set beside the list: membership in linear time
    current: str | None = cycle.moments[0].id if cycle.moments else None
    while current is not None and current not in seen:
        loop.append(current)
        seen.add(current)
        current = links[current][0] if links.get(current) else None
    return loop


def cycle_order(cycle: Cycle, links: dict[str, list[str]] | None = None) -> list[str]:
    """Moment ids in the order a customer meets them — the one order every report,
    diagram and handout numbers moments by.

    The main loop first: from the first moment, follow each moment's first link until the
    cycle comes back or ends. Every other moment (a complaint branch, say) is placed right
    after the moment it is first reached from, so a detour sits between where it leaves
    and where it rejoins. Moments no link reaches come last, in file order.
    """
    if not cycle.moments:
        return []
    links = successors(cycle) if links is None else links
    loop = main_loop(cycle, links)
    placed: set[str] = set(loop)
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
    order.extend(m for m in links if m not in placed)
    return order


def successors(cycle: Cycle, edge_list: list[Edge] | None = None) -> dict[str, list[str]]:
    """Moment id -> the ids its links lead to (each once, in written order); the same
    edges as `build_graph`, as plain lists."""
    out: dict[str, list[str]] = {m: [] for m in unique_moments(cycle)}
    for edge in (edges(cycle) if edge_list is None else edge_list):
        targets = out[edge.source]
        if edge.target not in targets:
            targets.append(edge.target)
    return out


def predecessors(successors_of: dict[str, list[str]]) -> dict[str, list[str]]:
    """The same graph with every link reversed."""
    out: dict[str, list[str]] = {m: [] for m in successors_of}
    for source, targets in successors_of.items():
        for target in targets:
            out[target].append(source)
    return out


def reachable(links: dict[str, list[str]], start: str) -> set[str]:
    """Every id reachable from `start` along `links`, `start` included (iterative, so
    any depth is fine)."""
    seen = {start}
    stack = [start]
    while stack:
        for target in links.get(stack.pop(), ()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def unique_edges(cycle: Cycle, edge_list: list[Edge] | None = None) -> list[Edge]:
    """The links `build_graph` keeps: the first of each (source, target) pair, in file order."""
    seen: set[tuple[str, str]] = set()
    out: list[Edge] = []
    for edge in (edges(cycle) if edge_list is None else edge_list):
        if (edge.source, edge.target) not in seen:
            seen.add((edge.source, edge.target))
            out.append(edge)
    return out


def immediate_dominators(links: dict[str, list[str]], start: str) -> dict[str, str]:
    """Moment id -> its immediate dominator (the last moment every path from `start` to it
    must cross), for every moment reachable from `start` except `start` itself — what
    `networkx.immediate_dominators` answers (tests compare the two), in plain Python.

    Cooper, Harvey & Kennedy, "A Simple, Fast Dominance Algorithm" (2001): iterate over
    the reverse postorder until nothing changes; a cycle of service converges in two or
    three passes. Kept here so that a check needs no networkx (its import alone takes
    longer than checking a typical file)."""
    postorder: list[str] = []
    seen = {start}
    stack = [(start, iter(links.get(start, ())))]
    while stack:
        node, children = stack[-1]
        for child in children:
            if child not in seen:
                seen.add(child)
                stack.append((child, iter(links.get(child, ()))))
                break
        else:
            stack.pop()
            postorder.append(node)
    number = {node: i for i, node in enumerate(postorder)}
    preds: dict[str, list[str]] = {node: [] for node in postorder}
    for node in postorder:
        for child in links.get(node, ()):
            preds[child].append(node)
    idom = {start: start}

    def intersect(a: str, b: str) -> str:
        while a != b:
            while number[a] < number[b]:
                a = idom[a]
            while number[b] < number[a]:
                b = idom[b]
        return a

    changed = True
    while changed:
        changed = False
        for node in reversed(postorder[:-1]):  # reverse postorder, start excluded
            new = None
            for pred in preds[node]:
                if pred in idom:
                    new = pred if new is None else intersect(pred, new)
            if new is not None and idom.get(node) != new:
                idom[node] = new
                changed = True
    del idom[start]
    return idom


def betweenness(links: dict[str, list[str]]) -> dict[str, float]:
    """Normalised betweenness of every moment: the share of shortest paths between other
    moments that run through it — `networkx.betweenness_centrality(g, normalized=True)`
    for a directed graph (tests compare the two), in plain Python.

    Brandes, "A Faster Algorithm for Betweenness Centrality" (2001): one breadth-first
    search per moment, so moments x links steps; moments are numbered and the per-search
    tables are lists, which makes it about three times faster than with dictionaries."""
    nodes = list(links)
    n = len(nodes)
    number = {node: i for i, node in enumerate(nodes)}
    succ = [[number[t] for t in links[node]] for node in nodes]
    score = [0.0] * n
    for source in range(n):
        dist = [-1] * n
        paths = [0] * n
        preds: list[list[int]] = [[] for _ in range(n)]
        dist[source] = 0
        paths[source] = 1
        order = [source]
        for node in order:  # breadth first: `order` grows while we walk it
            step = dist[node] + 1
            count = paths[node]
            for child in succ[node]:
                if dist[child] < 0:
                    dist[child] = step
                    order.append(child)
                if dist[child] == step:
                    paths[child] += count
                    preds[child].append(node)
        share = [0.0] * n
        for node in reversed(order):
            factor = (1 + share[node]) / paths[node]
            for pred in preds[node]:
                share[pred] += paths[pred] * factor
            if node != source:
                score[node] += share[node]
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {node: score[i] * scale for i, node in enumerate(nodes)}


# Exact betweenness costs about moments x links. Past EXACT_LIMIT moments a sample of
# source moments (fixed seed, so results repeat) keeps a check fast; past SKIP_LIMIT the
# measure is skipped: such a file is not a map a team reads (CM112 says so) and the
# check must stay fast on it.
EXACT_LIMIT = 300
SAMPLE_BUDGET = 60_000  # sources x moments
SKIP_LIMIT = 2_000


def path_share(ctx) -> dict[str, float]:
    """Moment id -> normalised betweenness (0..1) over one visit of the cycle, or {}
    when the cycle has no branches (nothing to tell apart). `RuleContext.betweenness` keeps it."""
    links = ctx.successors
    result: dict[str, float] = {}
    if 2 < len(links) <= SKIP_LIMIT and any(len(targets) > 1 for targets in links.values()):
        if len(links) <= EXACT_LIMIT:
            # Exact: plain-Python Brandes (below), no networkx import on the check path.
            one_visit: dict[str, list[str]] = {n: [] for n in links}
            for edge in ctx.links:
                if not edge.closing:
                    one_visit[edge.source].append(edge.target)
            result = betweenness(one_visit)
        else:
            import networkx as nx

            graph = ctx.graph
            one_visit_graph = graph.edge_subgraph(
                [(u, v) for u, v, closing in graph.edges(data="closing") if not closing]
            ).copy()
            one_visit_graph.add_nodes_from(graph)
            k = max(10, SAMPLE_BUDGET // len(one_visit_graph))
            result = nx.betweenness_centrality(one_visit_graph, k=k, normalized=True, seed=0)
    return result
