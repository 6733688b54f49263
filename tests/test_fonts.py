"""The bundled font (cyclemap/outputs/fonts): both engines draw with it, cyclemap measures
with its advance widths, and names in Arabic, Hebrew and emoji joined with zero-width
joiners come out as glyphs — never boxes, never a literal escape — in PNGs from both
engines. Node positions from both engines agree within half a point: see
tests/test_render_own_cycles.py, which draws cycles with such names."""

from __future__ import annotations

import io
import json
import shutil

import pytest

from cyclemap.outputs import fonts
from cyclemap.outputs.render import engines

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz (dot) not installed")
ENGINES = ["embedded", pytest.param("system", marks=needs_dot)]
JOINED = ["👩\u200d💻", "👨\u200d👩\u200d👧", "🧑\u200d🍳", "👩\u200d👩\u200d👦"]
NAMES = ["يتصل بالدعم الفني", "מקבל תשובה מהצוות", "Paga 👨\u200d👩\u200d👧 la cuenta", "Espera su turno 👩\u200d💻",
         "◆ CRÍTICO ⚠ 1 ▲ ● ▽ ▼ ▼▼ ○ ↻ ▶ ■ ◀", "Confirmação · Atenção"]
NOT_A_GLYPH = "\ue000"  # a private-use code point no font maps: drawn as the missing-glyph box


def text_png(text: str, engine: str, bold: bool = False) -> bytes:
    """One line of text drawn as Graphviz draws a label, by the given engine."""
    font = "Helvetica-Bold" if bold else "Helvetica"
    dot = (f'digraph {{ pad=0.1 node [shape=plaintext margin=0 fontsize=28 fontname="{font}"]; '
           f'a [label="{text}"]; }}')
    if engine == "system":
        return engines.run_system(dot, "dot", "png", 30)
    return engines.svg_to_png(engines.run_embedded_svg(dot, "dot", 30))


def ink(png: bytes):
    """The dark pixels of a drawing, cropped to what is drawn (a PIL image, 255 = ink)."""
    image = pytest.importorskip("PIL.Image").open(io.BytesIO(png)).convert("L")
    dark = image.point(lambda v: 255 if v < 128 else 0)
    box = dark.getbbox()
    assert box is not None, "nothing drawn"
    return dark.crop(box)


def is_box(png: bytes) -> bool:
    """A missing glyph as a renderer draws it: a hollow rectangle (resvg draws the font's
    .notdef, pango a frame with the code point's digits inside)."""
    drawn = ink(png)
    w, h = drawn.size
    px = drawn.load()
    frame = [px[x, 0] for x in range(w)] + [px[x, h - 1] for x in range(w)] + \
        [px[0, y] for y in range(h)] + [px[w - 1, y] for y in range(h)]
    inside = [px[x, y] for x in range(w // 4, w - w // 4) for y in range(h // 4, h - h // 4)]
    return w > 4 and h > 4 and sum(v > 0 for v in frame) >= 0.9 * len(frame) and \
        sum(v > 0 for v in inside) < 0.5 * max(len(inside), 1)


def test_every_character_of_the_names_has_a_bundled_glyph():
    for name in NAMES + JOINED:
        missing = [f"U+{ord(ch):04X}" for ch in name if not fonts.covered(ord(ch))]
        assert not missing, (name, missing)
    assert not fonts.covered(ord(NOT_A_GLYPH))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_joined_emoji_is_one_glyph_never_a_box(engine):
    assert is_box(text_png(NOT_A_GLYPH, engine))  # what a missing glyph looks like here
    single = ink(text_png("👩", engine)).size[0]
    for sequence in JOINED:
        for bold in (False, True):  # a critical moment's name is bold
            png = text_png(sequence, engine, bold)
            assert not is_box(png), (sequence, engine)
            # Shaped into one glyph (a person at a laptop), not its parts side by side.
            assert ink(png).size[0] < 1.5 * single, (sequence, engine, ink(png).size[0], single)


@pytest.mark.parametrize("engine", ENGINES)
def test_right_to_left_letters_and_marks_are_glyphs_not_boxes(engine):
    """Each letter and mark of the names, drawn alone, is not a missing-glyph box."""
    letters = sorted({ch for name in NAMES for ch in name if not ch.isspace() and ch != "\u200d"})
    boxes = [f"U+{ord(ch):04X}" for ch in letters if is_box(text_png(ch, engine))]
    assert not boxes, boxes


@needs_dot
@pytest.mark.parametrize("bold", [False, True])
def test_cyclemap_measures_text_as_dot_lays_it_out(bold):
    """`dot` lays a label out with the bundled font through pango; cyclemap's own
    measure of the same line (from the font's advance widths) agrees within 3 %."""
    lines = ["Busca estacionamiento en el centro", "Desinstitucionalización del trámite",
             "Recebe o atendimento personalizado", "WWW mmm iii ... ▼▼ ◆ CRITICAL"]
    font = "Helvetica-Bold" if bold else "Helvetica"
    body = " ".join(f'n{i} [label="{line}"];' for i, line in enumerate(lines))
    dot = f'digraph {{ node [shape=plaintext margin=0 width=0 height=0 fontsize=14 fontname="{font}"]; {body} }}'
    laid = json.loads(engines.run_system(dot, "dot", "json", 30))
    for obj in laid["objects"]:
        line = lines[int(obj["name"][1:])]
        theirs = float(obj["width"]) * 72
        ours = fonts.width(line, 14, bold)
        assert abs(ours - theirs) <= 0.03 * theirs, (line, ours, theirs)


def test_the_font_files_and_their_licences_ship_together():
    folder = fonts.folder()
    for name in fonts.FILES:
        assert (folder / name).stat().st_size > 100_000, name
    for licence in ("LICENSE-DejaVu.txt", "LICENSE-NotoEmoji.txt"):
        assert "Permission" in (folder / licence).read_text(encoding="utf-8") or \
            "Open Font License" in (folder / licence).read_text(encoding="utf-8")
    assert "FONTCONFIG_FILE" in fonts.fontconfig_env({})
