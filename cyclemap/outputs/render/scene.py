"""What every layout and view of a picture shares, computed once from the checked cycle:
the `Scene` (moments in display order, generated node names, numbers, links, findings,
service level, badges). Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cyclemap.engine.graph import Edge, edges, unique_moments
from cyclemap.engine.service_level import ServiceLevel
from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import LANGUAGES, SOURCE_LANGUAGE, Text
from cyclemap.format.model import Cycle, Moment
from cyclemap.outputs.render import style
from cyclemap.outputs.render.style import T

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle


@dataclass
class Scene:
    """Everything a layout needs, computed once from the cycle and its diagnostics."""

    cycle: Cycle
    lang: str
    moments: dict[str, Moment]
    order: list[str]  # display order: main loop with each detour after where it leaves
    main_loop: list[str]
    node: dict[str, str]  # moment id -> generated node name
    number: dict[str, int]  # moment id -> 1-based position shown in the moment
    links: list[Edge]
    margin: float  # the score bands' margin, from the checked cycle's settings (look.gap_margin)
    findings: dict[str, list[str]] = field(default_factory=dict)  # moment id -> codes
    cycle_findings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    level: ServiceLevel | None = None  # the checked cycle's, never recomputed here
    badge: dict[str, int] = field(default_factory=dict)  # moment id -> its rank among the top weak points
    heading: list[str] = field(default_factory=list)  # lines under the title (a split picture's sheet)

    def t(self, key: str, **kwargs: object) -> str:
        text = T[key]
        return (text.format(**kwargs) if kwargs else text)(self.lang)

    def say(self, text: Text) -> str:
        """Any text in the scene's language."""
        return text(self.lang)


def make_scene(checked: "CheckedCycle") -> Scene:
    cycle, diagnostics = checked.cycle, checked.diagnostics
    lang = checked.lang if checked.lang in LANGUAGES else SOURCE_LANGUAGE
    index = unique_moments(cycle)
    moments = {mid: cycle.moments[i] for mid, i in index.items()}
    order = checked.order
    scene = Scene(
        cycle=cycle, lang=lang, moments=moments, order=order, main_loop=checked.main_loop,
        node={mid: f"m{i}" for i, mid in enumerate(order)},
        number={mid: i + 1 for i, mid in enumerate(order)},
        links=list(edges(cycle)),
        level=checked.service_level,
        margin=style.gap_margin(cycle, checked.settings),
    )
    if getattr(checked, "critique", None) is not None:
        # The engine's badges ("⚠ n" is point n of the critique), read as they are.
        scene.badge = {mid: n for mid, n in checked.critique.badges.items() if mid in moments}
    for diag in diagnostics or ():
        if diag.severity is Severity.INFO:
            continue  # informative notes (service level, busiest moments) are not weak points
        if diag.moment is not None and diag.moment in moments:
            scene.findings.setdefault(diag.moment, []).append(diag.code)
        elif diag.moment is None:
            scene.cycle_findings.append((diag.code, diag.message(lang)))
    return scene
