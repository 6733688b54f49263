"""What the client view draws, decided once per picture: the picture's words (catalogue
entries, said in the cycle's language), the `View` (the scene, the ⚠ badges, each
detour's condition) and, for a split picture, the `Sheet` it draws. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from cyclemap.format.i18n import _
from cyclemap.outputs import look
from cyclemap.outputs.render.scene import Scene, make_scene
from cyclemap.outputs.render.weak import top_weak_moments

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

W = {
    "start": _("▶ start"),
    "end": _("end ■"),
    "if": _("if {when}"),
    "no_score": _("○ no score"),
    "level": _("Service level: {level}"),
    "legend_kind": _("double border = critical moment"),
    "legend_score": _("score against expectation: ▲ above  ● meets  ▽ just under  ▼ below  ▼▼ far below  ○ no score"),
    "legend_badge": _("⚠ 1 = top weak point"),
    "legend_open": _("open cycle: it ends at ■"),
    "sheet_stage": _("Sheet {index} of {count}: {stage}"),
    "sheet_moments": _("Sheet {index} of {count}: moments {first} to {last}"),
    "comes_from": _("◀ comes from moment {number} (previous sheet)"),
    "continues_at": _("continues at moment {number} on sheet {next} ▶"),
    "legend_support": _("⚙ = rests on an internal service (another team's cycle)"),
    "evidence": _("Physical evidence"),
    "customer": _("Customer actions"),
    "onstage": _("Onstage (visible contact)"),
    "backstage": _("Backstage (invisible contact)"),
    "support": _("Support processes"),
    "line_interaction": _("line of interaction"),
    "line_visibility": _("line of visibility"),
    "line_internal": _("line of internal interaction"),
    "blueprint_empty": _(
        "This blueprint shows the customer's actions only: no moment says its evidence, onstage, backstage or "
        "support yet. Write them in the cycle to see the rest of the blueprint."),
}


SUPPORT_MARK = "⚙"  # a moment that rests on an internal cycle (`supported_by`); the legend says so


def words(key: str, lang: str, **kwargs: object) -> str:
    """A word of the picture in `lang`, its `{fields}` filled in."""
    text = W[key]
    return (text.format(**kwargs) if kwargs else text)(lang)


@dataclass
class View:
    scene: Scene
    badge: dict[str, int]  # moment id -> 1.. for the top weak points
    when: dict[str, str]  # detour id -> the condition that leads into it
    compact: bool = False  # the dial past COMPACT moments: numbers on the ring, names in a key
    sheet: "Sheet | None" = None  # one sheet of a split picture (`split.py`); None: the whole cycle
    on_link: set = field(default_factory=set)  # detours whose condition is written on their link, not in the box
    memo: dict = field(default_factory=dict)  # (what, moment id, compact) -> lines or size, computed once

    @property
    def lang(self) -> str:
        return self.scene.lang


@dataclass(frozen=True)
class Sheet:
    """One sheet of a picture split by stage (or in consecutive chunks): its moments, in
    the cycle's display order, and the moments it continues from and into."""

    members: tuple[str, ...]
    index: int  # 1-based
    count: int
    stage: str | None = None  # the stage all its moments belong to, if one
    before: str | None = None  # the moment just before its first, on the previous sheet
    after: str | None = None  # the moment just after its last, on the next sheet


def make_view(checked: "CheckedCycle", sheet: Sheet | None = None) -> View:
    scene = make_scene(checked)
    loop = set(scene.main_loop)
    when: dict[str, str] = {}
    for link in scene.links:
        if link.when and link.target not in loop and link.target not in when:
            when[link.target] = link.when
    badge = top_weak_moments(checked, set(scene.moments))  # ranks of the whole cycle, on every sheet
    if sheet is not None:
        scene = on_sheet(scene, sheet)
    return View(scene, badge, when, sheet=sheet)


def on_sheet(scene: Scene, sheet: Sheet) -> Scene:
    """The scene of one sheet: its moments and the links between them, numbered as in the
    whole cycle (both views draw a sheet from it)."""
    keep = set(sheet.members)
    return replace(scene, order=[m for m in scene.order if m in keep],
                   main_loop=[m for m in scene.main_loop if m in keep],
                   moments={m: v for m, v in scene.moments.items() if m in keep},
                   links=[k for k in scene.links if k.source in keep and k.target in keep])


def sheet_words(scene: Scene, sheet: Sheet) -> str:
    """Which sheet this is and where the cycle goes on: the marks of a split picture."""
    lang = scene.lang
    numbers = [scene.number[m] for m in sheet.members]
    parts = [words("sheet_stage", lang, index=sheet.index, count=sheet.count, stage=look.isolate(sheet.stage))
             if sheet.stage else
             words("sheet_moments", lang, index=sheet.index, count=sheet.count, first=min(numbers), last=max(numbers))]
    full = dict(scene.number)
    if sheet.before is not None:
        parts.append(words("comes_from", lang, number=full[sheet.before]))
    if sheet.after is not None:
        parts.append(words("continues_at", lang, number=full[sheet.after], next=sheet.index + 1))
    return "   ·   ".join(parts)


def has_start(view: View) -> bool:
    """The cycle's start is drawn here (always, unless this sheet does not hold it)."""
    return view.sheet is None or view.sheet.before is None


def has_end(view: View) -> bool:
    """An open cycle's end is drawn here (unless this sheet does not hold it)."""
    return view.sheet is None or view.sheet.after is None
