"""The loop the rules that read a field's text share (CM115, CM116, CM117, CM123, CM125):
each moment once, its field's text read by the content component, judged by the rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cyclemap.format.model import Moment


def field_findings(ctx, field: str, read: Callable[[str, str | None], Any],
                   judge: Callable[[Moment, Any], Any]) -> Iterator[Any]:
    """For each moment (the first of a repeated id) whose `field` holds text: the facts
    `read(text, language)` returns, and the Finding `judge(moment, facts)` returns, if any."""
    for moment in ctx.unique():
        text = getattr(moment, field)
        if not text:
            continue
        finding = judge(moment, read(text, ctx.cycle.language))
        if finding is not None:
            yield finding
