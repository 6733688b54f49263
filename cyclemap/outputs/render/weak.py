"""Which moments carry the numbered badges `⚠ 1–3`: the critique's top weak points, in its
ranking (the engine's badges). Read by the client view, the deck and the handout."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

TOP = 3  # weak points numbered on a picture


def top_weak_moments(checked: "CheckedCycle", known: set[str], top: int = TOP) -> dict[str, int]:
    """Moment id -> "⚠ n": the engine's badges (n is the rank of the moment's point in the
    critique), read as they are, never re-ranked here."""
    return {mid: n for mid, n in checked.critique.badges.items() if mid in known and n <= top}
