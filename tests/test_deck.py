"""`cyclemap deck FILE -o OUT.pptx`: the slides read back with python-pptx, and opened by
LibreOffice Impress when it is installed (the test skips without `soffice`)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.outputs.deck import point_heading, top_points
from tests.conftest import EXAMPLES

pptx = pytest.importorskip("pptx", reason="python-pptx is not installed")
HOTEL = Path(__file__).parent / "data" / "heldout" / "hotel.yaml"


def slides_text(path: Path) -> list[str]:
    deck = pptx.Presentation(str(path))
    out = []
    for slide in deck.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        out.append("\n".join(parts))
    return out


@pytest.mark.parametrize("cycle", [EXAMPLES / "banco.yaml", EXAMPLES / "restaurant.yaml", HOTEL],
                         ids=["banco", "restaurant", "hotel"])
def test_deck_slides(cli, tmp_path, cycle):
    out = tmp_path / "deck.pptx"
    run = cli("deck", str(cycle), "-o", str(out))
    assert run.code == 0, run.err
    checked = Pipeline().check(str(cycle))
    points = top_points(checked)
    texts = slides_text(out)
    es = checked.lang == "es"
    cycle_title = "El ciclo del servicio" if es else "The cycle of service"
    diagram = sum(1 for text in texts if text.startswith(cycle_title))  # one slide, or one per sheet
    assert diagram >= 1
    shared = 1 if points and checked.critique.preface else 0
    assert len(texts) == 2 + diagram + shared + len(points) + 1
    assert checked.cycle.title in texts[0]
    assert all(cycle_title in text for text in texts[1:1 + diagram])
    deck = pptx.Presentation(str(out))
    pictures = [sum(1 for s in slide.shapes if s.shape_type == 13) for slide in deck.slides]
    assert pictures[1:2 + diagram] == [1] * (diagram + 1), "the diagram and the curve are pictures"
    if shared:
        assert all(t(checked.lang) in texts[2 + diagram] for t in checked.critique.preface), "said once, on its own slide"
    for point, text in zip(points, texts[2 + diagram + shared:]):
        assert point_heading(point, checked.lang) in text
        assert point.what(checked.lang) in text and point.todo(checked.lang) in text, "the critique's words"
        for heading in (("Qué pasa", "Qué hacer") if es else ("What happens", "What to do")):
            assert heading in text
        assert (("Por qué importa" if es else "Why it matters") in text) == bool(point.why(checked.lang))
    table = texts[-1]
    assert ("Responsable" if es else "Owner") in table
    for point in points:
        assert point_heading(point, checked.lang) in table
    everything = "\n".join(texts)
    assert not re.search(r"\bCM\d{3}\b", everything) and "`" not in everything, "service language only"
    for moment_id in checked.order:  # no id shown where its name belongs
        assert f"“{moment_id}”" not in everything


def test_bad_uses(cli, tmp_path, write):
    assert cli("deck", str(EXAMPLES / "banco.yaml"), "-o", str(tmp_path / "x.pdf")).code == 2
    assert cli("deck", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "x.pptx")).code == 2
    bad = write("bad.yaml", "cyclemap: 1\ntitle: t\nmoments: 3\n")
    run = cli("deck", str(bad), "-o", str(tmp_path / "x.pptx"))
    assert run.code == 1 and "CM002" in run.out + run.err and not (tmp_path / "x.pptx").exists()
    assert "Traceback" not in run.err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (apt-get install libreoffice-impress)")
def test_libreoffice_impress_opens_the_deck(cli, tmp_path):
    out = tmp_path / "banco.pptx"
    assert cli("deck", str(EXAMPLES / "banco.yaml"), "-o", str(out)).code == 0
    proc = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                          capture_output=True, timeout=180)
    pdf = tmp_path / "banco.pdf"
    assert pdf.exists(), proc.stderr
    pypdf = pytest.importorskip("pypdf")
    assert len(pypdf.PdfReader(str(pdf)).pages) == len(pptx.Presentation(str(out)).slides)


def test_deck_in_portuguese(cli, tmp_path):
    """`--lang pt`: slide titles, headings, facts and the action table in Portuguese."""
    out = tmp_path / "banco.pptx"
    run = cli("deck", str(EXAMPLES / "banco.yaml"), "--lang", "pt", "-o", str(out))
    assert run.code == 0, run.err
    deck = pptx.Presentation(str(out))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[1].startswith("O ciclo de serviço")
    assert "Expectativa e percepção ao longo do ciclo" in titles
    assert titles[-1] == "Ações"
    texts = slides_text(out)
    assert "Nível de serviço" in texts[0] and "momentos da verdade" in texts[0]
    assert re.search(r"\d+ momentos da verdade, \d+ crítico", texts[0])
    first_point = titles.index("Expectativa e percepção ao longo do ciclo") + 1
    assert "Por que importa" in texts[first_point]
    for text in texts[first_point + 1:-1]:
        assert "O que acontece" in text and "O que fazer" in text
    assert "Responsável" in texts[-1] and "Até quando" in texts[-1]
    everything = "\n".join(texts)
    for word in ("El ciclo del servicio", "Qué pasa", "Acciones", "Nivel de servicio", "momentos de verdad",
                 "The cycle of service", "What happens"):
        assert word not in everything, word


def test_deck_counts_are_singular_for_one():
    from cyclemap.outputs.deck import moments_count

    assert moments_count(1, 1)("es") == "1 momento de verdad, 1 crítico"
    assert moments_count(8, 3)("es") == "8 momentos de verdad, 3 críticos"
    assert moments_count(1, 1)("pt") == "1 momento da verdade, 1 crítico"
    assert moments_count(2, 0)("en") == "2 moments of truth, 0 critical"


@pytest.mark.parametrize("cycle", [EXAMPLES / "banco.yaml", EXAMPLES / "help-desk.yaml", HOTEL,
                                   # 11 slides, 5 s: a large input for the slow tier (the others split into 3 to 6)
                                   pytest.param("generated-40", marks=pytest.mark.slow)],
                         ids=["banco", "help-desk", "hotel", "generated-40"])
def test_the_diagram_shows_12_pt_text_on_its_slides(cli, tmp_path, cycle):
    """Every diagram slide, read back from the .pptx: its picture is a sheet of the
    cycle laid out by Graphviz (`json`, the same engine), whose smallest text, scaled as
    the slide shows the picture, is 12 pt or more; every moment is on one of them."""
    import sys

    from cyclemap.outputs.deck import SLIDE_MIN_PT, diagram_sheets
    from cyclemap.outputs.render import build_dot
    from cyclemap.outputs.render import geometry as g
    from cyclemap.outputs.render.dot import layout_program
    from tests.conftest import ROOT

    if cycle == "generated-40":
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from generate import generate_cycle

        cycle = tmp_path / "c40.yaml"
        cycle.write_text(generate_cycle(40), encoding="utf-8")
    out = tmp_path / "deck.pptx"
    run = cli("deck", str(cycle), "-o", str(out), "--engine", "embedded")
    assert run.code == 0, run.err
    checked = Pipeline().check(str(cycle))
    drawing, layout = diagram_sheets(checked, engine="embedded")
    deck = pptx.Presentation(str(out))
    title = "El ciclo del servicio" if checked.lang == "es" else "The cycle of service"
    slides = [slide for slide in deck.slides if slide.shapes.title.text.startswith(title)]
    assert len(slides) == len(drawing.sheets)
    if len(slides) > 1:
        assert f"on {len(slides)} slides" in run.err and "under 12 pt" in run.err
        assert [s.shapes.title.text for s in slides] == [f"{title} ({i} of {len(slides)})" if checked.lang == "en"
                                                         else s.shapes.title.text for i, s in enumerate(slides, 1)]
    seen = []
    for slide, drawn in zip(slides, drawing.sheets):
        (shown,) = [s for s in slide.shapes if s.shape_type == 13]
        dot = build_dot(checked, layout=layout, sheet=drawn.sheet)
        laid = g.lay_out(dot, layout_program(layout), "embedded")
        pad = 2 * 72 * float(re.search(r"\bpad=([0-9.]+)", dot).group(1))
        width, height = laid.width + pad, laid.height + pad
        shown_w, shown_h = shown.width / 12700, shown.height / 12700  # EMU -> points
        assert abs(shown_w / shown_h - width / height) < 0.02 * width / height, "the picture is this layout"
        smallest = min(t.size for t in laid.texts if t.text.strip()) * shown_w / width
        assert smallest >= SLIDE_MIN_PT, (drawn.sheet and drawn.sheet.index, smallest)
        seen += list(drawn.sheet.members) if drawn.sheet else list(checked.order)
    assert sorted(seen) == sorted(checked.order)
