"""`cyclemap deck`: an editable slide deck (.pptx, through python-pptx) a consultant brings
to the client, in the cycle's language:

1. the title, the customer and the service level;
2. the cycle of service (the client view of the clock, as a picture);
3. the expectation–perception curve (the handout's chart, as a picture);
4. what the weak points share, said once (why critical moments decide...), then one slide
   per top weak point — the critique's first points, numbered as in the critique
   and on the diagram (⚠ n): what happens, why it matters, what to do, in the critique's words;
5. an action table (moment, owner, action) with an empty column for the date, for the
   team to fill in.

Everything but the two pictures is native, editable text and tables. The texts are the
critique's, in service language: no rule codes, and a moment's id is replaced by its name.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from cyclemap.format.diagnostics import terminal_text
from cyclemap.format.i18n import Number, _, _n, _p, join
from cyclemap.outputs import look

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

W = {
    "customer": _("Customer: {customer}"),
    "level": _("Service level: {level}"),
    "no_level": _("no scores yet"),
    "cycle": _("The cycle of service"),
    "cycle_part": _("The cycle of service ({index} of {count})"),
    "curve": _("Expectation and perception along the cycle"),
    "no_curve": _("No scores or expectations yet: the curve appears once the report card is in."),
    "what": _("What happens"),
    "why": _("Why it matters"),
    "todo": _("What to do"),
    "actions": _("Actions"),
    "col_moment": _p("a column of the deck's action table", "Moment"),
    "col_owner": _p("a column of the deck's action table", "Owner"),
    "col_action": _p("a column of the deck's action table", "Action"),
    "col_when": _p("a column of the deck's action table", "By when"),
    "no_owner": _("(to name)"),
    "none": _("No weak points found: a good moment to raise the bar."),
    "score": _("Score {s} against an expectation of {e}"),
    "diagram_missing": _("The diagram could not be drawn here: {reason}"),
}
TOP = 3
SLIDE_W, SLIDE_H = 13.333, 7.5  # inches, 16:9
SLIDE_MIN_PT = 12.0  # the smallest text a diagram may show on a slide
DIAGRAM_TOP = 1.25  # inches: where the diagram starts, under the heading
DIAGRAM_BOX = (SLIDE_W - 0.6, SLIDE_H - DIAGRAM_TOP - 0.25)  # inches: the room the diagram is fitted to


def on_slide_pt(plan: dict) -> float | None:
    """How large a drawing's smallest text shows once fitted to the slide's diagram box."""
    if not plan or not plan.get("size_pt"):
        return None
    width, height = plan["size_pt"]
    return plan["smallest_font"] * min(DIAGRAM_BOX[0] * 72 / max(width, 1.0), DIAGRAM_BOX[1] * 72 / max(height, 1.0))


def diagram_sheets(checked: "CheckedCycle", engine: str = "auto", timeout: float = 30.0):
    """The deck's cycle diagram as PNG sheets whose text shows at SLIDE_MIN_PT or more on a
    slide, and the layout they are drawn in: the client clock on one slide when its text is
    large enough there; otherwise the flow (a dial's parts are no dial, and the flow's
    columns fill a wide slide), split by stage — halved into runs of moments until each
    reaches 12 pt (`outputs/render/split.py`). `Drawing.whole` is the whole dial's size."""
    from cyclemap.outputs.render.split import render_split

    dial = render_split(checked, layout="clock", fmt="png", engine=engine, timeout=timeout, minimum=SLIDE_MIN_PT,
                        fit=on_slide_pt, split="never")
    if dial.whole is None or dial.whole >= SLIDE_MIN_PT:
        return dial, "clock"
    flow = render_split(checked, layout="flow", fmt="png", engine=engine, timeout=timeout, minimum=SLIDE_MIN_PT,
                        fit=on_slide_pt)
    flow.whole = dial.whole
    return flow, "flow"


def _t(key: str, lang: str, **kw: object) -> str:
    text = W[key]
    return (text.format(**kw) if kw else text)(lang)


def moments_count(n: int, critical: int):
    """The moments and the critical ones ("8 moments of truth, 3 critical"), each count with its own plural."""
    return join([_n("{n} moment of truth", "{n} moments of truth", n), _n("{n} critical", "{n} critical", critical)])


def top_points(checked: "CheckedCycle") -> list:
    """The critique's first points, as the engine ranks and words them (`Critique.top`);
    a point's badge, when it has one, is the "⚠ n" the diagram carries."""
    return checked.critique.top(TOP)


def point_heading(point, lang: str) -> str:
    """"⚠ 2 · Name" (or "2 · The whole cycle"): the same number as the critique and the diagram."""
    from cyclemap.outputs.report.critique_rich import T as REPORT

    name = look.isolate(terminal_text(point.moment_name)) if point.moment_name else REPORT["whole_cycle"](lang)
    return f"{'⚠ ' if point.badge else ''}{point.rank} · {name}"


def curve_png(checked: "CheckedCycle") -> bytes | None:
    """The expectation–perception curve as a PNG, or None without data."""
    from cyclemap.outputs.handout.curve import curve_svg, has_data
    from cyclemap.outputs.render.engines import svg_to_png

    moments = checked.moments
    if not has_data(moments):
        return None
    svg = curve_svg(checked.cycle, moments, checked.lang)
    width, height = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg).groups()
    sized = svg.replace("<svg", f'<svg width="{width}pt" height="{height}pt"', 1)
    return svg_to_png(sized.encode("utf-8"), scale=3.0)


def build_deck(checked: "CheckedCycle", engine: str = "auto", timeout: float = 30.0, drawing: list | None = None) -> bytes:
    """The deck as .pptx bytes. Raises RenderError only if neither picture can be made
    for a reason other than the engine (the engine's failure is said on the slide).
    `drawing`, when given, receives the diagram's `split.Drawing` (its sheets and sizes)."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    _title_slide(prs, checked)
    _cycle_slides(prs, checked, engine, timeout, drawing)
    _curve_slide(prs, checked)
    points = top_points(checked)
    _point_slides(prs, checked, points)
    _action_slide(prs, checked, points)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- slides


def _only_title(prs, text: str):
    """A new slide with a heading across the 16:9 slide."""
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Inches(0.5), Inches(0.3), Inches(SLIDE_W - 1), Inches(0.9)
    shape.text = text
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(30)
            run.font.bold = True
    return slide


def _picture(slide, png: bytes, top: float = 1.25) -> None:
    from pptx.util import Inches

    from cyclemap.outputs.render.engines import png_size

    w, h = png_size(png)
    box_w, box_h = SLIDE_W - 0.6, SLIDE_H - top - 0.25
    scale = min(box_w / w, box_h / h)
    left = (SLIDE_W - w * scale) / 2
    slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), Inches(w * scale), Inches(h * scale))


def _text_box(slide, left, top, width, height, paragraphs: list[tuple[str, int, bool]]) -> None:
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = terminal_text(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        paragraph.space_after = Pt(6 if bold else 10)


def _title_slide(prs, checked: "CheckedCycle") -> None:
    """1. The title, the customer, the service level, the counts and the evidence."""
    from pptx.util import Inches

    lang, cycle = checked.lang, checked.cycle
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = terminal_text(cycle.title)
    facts = []
    if cycle.customer:
        facts.append(_t("customer", lang, customer=cycle.customer))
    level = checked.service_level
    facts.append(_t("level", lang, level=level.name(lang) if level else W["no_level"]))
    critical = sum(1 for mid in checked.order if cycle.moment(mid).critical)
    facts.append(moments_count(len(checked.order), critical)(lang))
    if checked.critique.evidence is not None:  # every deliverable names its evidence
        facts += [t(lang) for t in checked.critique.evidence.texts()]
    slide.placeholders[1].text = terminal_text("\n".join(facts))
    # The layouts are drawn for 4:3: place the title and facts across the 16:9 slide.
    for shape, top, height in ((slide.shapes.title, 1.6, 1.9), (slide.placeholders[1], 3.7, 2.4)):
        shape.left, shape.top, shape.width, shape.height = Inches(0.8), Inches(top), Inches(SLIDE_W - 1.6), Inches(height)


def _cycle_slides(prs, checked: "CheckedCycle", engine: str, timeout: float, drawing: list | None) -> None:
    """2. The cycle: one slide, or one per sheet when the whole dial would show under 12 pt."""
    from cyclemap.outputs.render import RenderError

    lang = checked.lang
    try:
        sheets, _layout = diagram_sheets(checked, engine=engine, timeout=timeout)
    except RenderError as exc:
        slide = _only_title(prs, _t("cycle", lang))
        _text_box(slide, 0.8, 2, SLIDE_W - 1.6, 2, [(_t("diagram_missing", lang, reason=exc.message(lang)), 20, False)])
        return
    if drawing is not None:
        drawing.append(sheets)
    count = len(sheets.sheets)
    for index, drawn in enumerate(sheets.sheets, 1):
        slide = _only_title(prs, _t("cycle", lang) if count == 1 else _t("cycle_part", lang, index=index, count=count))
        _picture(slide, drawn.data, top=DIAGRAM_TOP)


def _curve_slide(prs, checked: "CheckedCycle") -> None:
    """3. The expectation–perception curve, or why there is none yet."""
    slide = _only_title(prs, _t("curve", checked.lang))
    png = curve_png(checked)
    if png is None:
        _text_box(slide, 0.8, 2, SLIDE_W - 1.6, 2, [(_t("no_curve", checked.lang), 20, False)])
    else:
        _picture(slide, png, top=1.4)


def _point_slides(prs, checked: "CheckedCycle", points: list) -> None:
    """4. What the points share, said once; then one slide per top weak point, in the
    critique's words as they are."""
    lang, cycle = checked.lang, checked.cycle
    preface = " ".join(t(lang) for t in checked.critique.preface)
    if points and preface:
        slide = _only_title(prs, _t("why", lang))
        _text_box(slide, 0.8, 1.5, SLIDE_W - 1.6, 5.5, [(preface, 20, False)])
    for point in points:
        moment = cycle.moment(point.moment_id) if point.moment_id else None
        slide = _only_title(prs, point_heading(point, lang))
        paragraphs = [(_t("what", lang), 18, True), (point.what(lang), 16, False)]
        if moment is not None and moment.score is not None and moment.expectation is not None:
            paragraphs.append(("• " + _t("score", lang, s=Number(moment.score), e=Number(moment.expectation)), 16, False))
        _text_box(slide, 0.5, 1.3, 6.0, 5.8, paragraphs)
        right = []
        if point.why(lang):
            right += [(_t("why", lang), 18, True), (point.why(lang), 15, False)]
        right += [(_t("todo", lang), 18, True), (point.todo(lang), 15, False)]
        _text_box(slide, 6.9, 1.3, 5.9, 5.8, right)


def _action_slide(prs, checked: "CheckedCycle", points: list) -> None:
    """5. The action table (moment, owner, action, an empty "by when")."""
    from pptx.util import Inches, Pt

    lang, cycle = checked.lang, checked.cycle
    slide = _only_title(prs, _t("actions", lang))
    if not points:
        _text_box(slide, 0.8, 2, SLIDE_W - 1.6, 2, [(_t("none", lang), 20, False)])
        return
    rows = len(points) + 1
    table = slide.shapes.add_table(rows, 4, Inches(0.5), Inches(1.4), Inches(SLIDE_W - 1), Inches(0.6 * rows)).table
    for col, width in enumerate((3.6, 2.4, 4.9, 1.43)):
        table.columns[col].width = Inches(width)
    for col, key in enumerate(("col_moment", "col_owner", "col_action", "col_when")):
        table.cell(0, col).text = _t(key, lang)
    for row, point in enumerate(points, start=1):
        moment = cycle.moment(point.moment_id) if point.moment_id else None
        owner = (moment.owner if moment is not None else None) or _t("no_owner", lang)
        for col, value in enumerate((point_heading(point, lang), owner, point.todo(lang), "")):
            table.cell(row, col).text = terminal_text(value)
    for row in range(rows):
        for col in range(4):
            for paragraph in table.cell(row, col).text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(14)
