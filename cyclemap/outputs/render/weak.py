"""Which moments carry the numbered badges `⚠ 1–3`: the critique's top weak points, in its
ranking. One place for every picture (the client view, the analyst view, the deck, the
handout), so `dot.py` and `client.py` need not import each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cyclemap.format.diagnostics import Severity

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

TOP = 3  # weak points numbered on a picture


def top_weak_moments(checked: "CheckedCycle", known: set[str], top: int = TOP) -> dict[str, int]:
    """The moments of the first `top` weak points, in the critique's ranking (never
    re-ranked here); informative notes are not weak points."""
    badge: dict[str, int] = {}
    for point in checked.critique.weak_points:
        if point.severity is Severity.INFO or not point.moment_id or point.moment_id not in known:
            continue
        if point.moment_id not in badge:
            badge[point.moment_id] = len(badge) + 1
            if len(badge) == top:
                break
    return badge
