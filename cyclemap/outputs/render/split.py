"""A picture too large to print at 8 pt, split into sheets (issue 23): the client view
(fitted to A4, A3 for the blueprint) and the analyst view (fitted to A3) alike.

    render_split(checked, layout=..., fmt=..., engine=..., timeout=..., split="auto") -> Drawing

`split`: "never" draws one sheet whatever its size; "auto" (the default) splits only when
the whole picture, fitted to its page (`page_for`), would print its smallest text under
`PRINT_MIN_PT` and splitting makes every sheet print at that size or more (a single
moment too large for any page leaves the picture whole, with the warning); "stage"
always splits. A split goes by stage (one sheet per stage, in the
order the stages first come); a cycle without stages, or a stage still too large, is cut
into consecutive runs of moments, halved until each prints at 8 pt or more (or is one
moment). Each sheet numbers its moments as the whole cycle does, keeps the whole cycle's
⚠ ranks, and says which sheet it is and where the cycle comes from and goes on.

What is written (`Drawing.files`): one file for one sheet; for a split picture, a PDF
with one page per sheet, or numbered SVG/PNG files `NAME-1.svg`, `NAME-2.svg`, ... DOT is
never split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cyclemap.outputs.render import PRINT_MIN_PT, printed_pt, render_bytes
from cyclemap.outputs.render.client import Sheet
from cyclemap.outputs.render.dot import make_scene

SPLITS = ("auto", "never", "stage")


@dataclass
class Drawn:
    data: bytes
    printed: float | None  # the smallest text, in points, fitted to the page; None if unknown
    sheet: Sheet | None = None


@dataclass
class Drawing:
    sheets: list[Drawn]
    whole: float | None  # the whole picture's smallest text fitted to its page
    by_stage: bool = False
    files: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def split(self) -> bool:
        return len(self.sheets) > 1


def groups_of(checked, view: str = "client") -> tuple[list[tuple[str | None, list[str]]], bool]:
    """The moments by stage in display order (a detour joins its stage's group), and
    whether that is a split by stage (more than one stage). In the client view a moment
    with no stage stays with the one before it (where a detour leaves from), so each sheet
    holds consecutive numbers; the analyst view keeps such moments on a sheet of their
    own (its layouts draw a detour's condition label over the moments beside it)."""
    scene = make_scene(checked)
    by_stage: dict[str | None, list[str]] = {}
    stage = None
    for mid in scene.order:
        stage = scene.moments[mid].stage or (stage if view == "client" else None)
        by_stage.setdefault(stage, []).append(mid)
    groups = list(by_stage.items())
    if len(groups) > 1:
        return groups, True
    return [(None, list(scene.order))], False


def _draw(checked, members, stage, *, layout, fmt, engine, timeout, fit, view="client", index=1, count=1,
          before=None, after=None):
    sheet = Sheet(tuple(members), index, count, stage, before, after)
    plan: dict = {}
    data = render_bytes(checked, layout=layout, fmt=fmt, engine=engine, timeout=timeout, view=view,
                        plan=plan, sheet=sheet)
    return Drawn(data, fit(plan), sheet)


def render_split(checked, *, layout: str, fmt: str, engine: str = "auto", timeout: float = 30.0,
                 view: str = "client", split: str = "auto", minimum: float = PRINT_MIN_PT, fit=None) -> Drawing:
    """`fit(plan)`: how large the smallest text of a drawing shows, in points, where it
    goes (default: printed on its page, `printed_pt`); `minimum`: the size every sheet must
    reach (8 pt on paper; the deck asks 12 pt on a slide)."""
    if fit is None:
        def fit(plan: dict) -> float | None:
            return printed_pt(plan, layout, view)

    def too_small(members) -> bool:
        drawn = _draw(checked, members, None, layout=layout, fmt="svg", engine=engine, timeout=timeout, fit=fit,
                      view=view)
        return drawn.printed is not None and drawn.printed < minimum

    plan: dict = {}
    whole = None
    if split != "stage" or fmt == "dot":
        data = render_bytes(checked, layout=layout, fmt=fmt, engine=engine, timeout=timeout, view=view, plan=plan)
        whole = fit(plan)
        if split == "never" or fmt == "dot" or whole is None or whole >= minimum:
            return Drawing([Drawn(data, whole)], whole)
    groups, by_stage = groups_of(checked, view)
    # Measure (SVG: no drawing beyond what the size needs), halving what is still too small.
    # An analyst sheet is measured with the longest heading it could get (which sheet of
    # how many, where the cycle comes from and goes on), so the sheet drawn is no smaller.
    measure = "svg"
    order = [mid for _stage, members in groups for mid in members]
    pending = [(stage, members) for stage, members in groups]
    final: list[tuple[str | None, list[str]]] = []
    while pending:
        stage, members = pending.pop(0)
        heading = {}
        if view == "analyst":  # its sheet line is in the title's type: measure it as long as it can get
            first, last = order.index(members[0]), order.index(members[-1])
            heading = dict(index=len(order), count=len(order), before=order[first - 1] if first else None,
                           after=order[last + 1] if last + 1 < len(order) else None)
        drawn = _draw(checked, members, stage, layout=layout, fmt=measure, engine=engine, timeout=timeout, fit=fit,
                      view=view, **heading)
        if len(members) > 1 and drawn.printed is not None and drawn.printed < minimum:
            half = (len(members) + 1) // 2
            pending[:0] = [(stage, members[:half]), (stage, members[half:])]
            continue
        final.append((stage, members))
    if split == "auto" and (len(final) == 1 or any(too_small(m) for _s, m in final
                                                    if len(m) == 1)):
        # Nothing to split into, or a single moment too large for any page: splitting would
        # not make the picture legible, so it stays one (and the command warns).
        return Drawing([Drawn(data, whole)], whole)
    count = len(final)
    sheets = []
    for i, (stage, members) in enumerate(final):
        before = final[i - 1][1][-1] if i > 0 else None
        after = final[i + 1][1][0] if i + 1 < count else None
        # A stage cut into runs is named by its moments' numbers, not by the stage alone.
        whole_stage = stage if sum(1 for s, _m in final if s == stage) == 1 else None
        sheets.append(_draw(checked, members, whole_stage, layout=layout, fmt=fmt, engine=engine, timeout=timeout,
                            fit=fit, view=view, index=i + 1, count=count, before=before, after=after))
    return Drawing(sheets, whole, by_stage=by_stage)


def numbered(path: str, index: int) -> str:
    """`NAME-INDEX.SUFFIX` beside `path`."""
    p = Path(path)
    return str(p.with_name(f"{p.stem}-{index}{p.suffix}"))


def pdf_pages(pages: list[bytes]) -> bytes:
    """One PDF of the given one-page PDFs, in order (pypdf's public writer)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in pages:
        for one in PdfReader(io.BytesIO(page)).pages:
            writer.add_page(one)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def files_for(drawing: Drawing, output: str, fmt: str) -> list[tuple[str, bytes]]:
    """What to write where: one file, one multi-page PDF, or numbered SVG/PNG files."""
    if not drawing.split:
        return [(output, drawing.sheets[0].data)]
    if fmt == "pdf":
        return [(output, pdf_pages([s.data for s in drawing.sheets]))]
    return [(numbered(output, i + 1), s.data) for i, s in enumerate(drawing.sheets)]
