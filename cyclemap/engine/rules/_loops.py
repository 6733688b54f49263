"""Rework loops, shared by CM118 (the loop) and CM124 (the side moment on it): a moment
of the main loop that, besides going on, sends the customer back to itself or to an
earlier moment of the main loop, directly or through side moments off the main loop
("a document is missing" -> "comes back another day" -> takes a number again)."""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.model import Branch


@dataclass(frozen=True)
class Loop:
    source: str  # the main-loop moment that sends the customer back
    target: str  # the earlier main-loop moment the customer lands on
    via: tuple[str, ...]  # side moments on the way, in order (empty: a direct branch)
    branch: Branch | None  # the labelled branch that leaves `source`, if written as one


def rework_loops(ctx) -> list[Loop]:
    loop = ctx.main_loop
    place = {mid: i for i, mid in enumerate(loop)}
    found: list[Loop] = []
    for mid in loop:
        targets = ctx.successors.get(mid, [])
        if len(targets) < 2:
            continue  # a single way on is the cycle's own course, not a choice to send back
        branches = {b.to: b for b in (ctx.by_id[mid].next or ())}
        for first in targets[1:]:  # the first link is the main loop itself
            for via, back in _to_main_loop(ctx, first, place):
                if place[back] <= place[mid]:
                    found.append(Loop(mid, back, via, branches.get(first)))
    return found


def _to_main_loop(ctx, start: str, place: dict[str, int], limit: int = 12):
    """Each way from `start` back onto the main loop through side moments only:
    (side moments on the way, the main-loop moment reached)."""
    if start in place:
        yield (), start
        return
    seen = {start}
    paths = [(start,)]
    while paths and limit > 0:
        limit -= 1
        grown = []
        for path in paths:
            for nxt in ctx.successors.get(path[-1], []):
                if nxt in place:
                    yield path, nxt
                elif nxt not in seen:
                    seen.add(nxt)
                    grown.append(path + (nxt,))
        paths = grown
