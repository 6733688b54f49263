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
    shared = 1 if points and checked.critique.preface else 0
    assert len(texts) == 3 + shared + len(points) + 1
    assert checked.cycle.title in texts[0]
    assert ("El ciclo del servicio" if es else "The cycle of service") in texts[1]
    deck = pptx.Presentation(str(out))
    pictures = [sum(1 for s in slide.shapes if s.shape_type == 13) for slide in deck.slides]
    assert pictures[1] == 1 and pictures[2] == 1, "the diagram and the curve are pictures"
    if shared:
        assert all(t(checked.lang) in texts[3] for t in checked.critique.preface), "said once, on its own slide"
    for point, text in zip(points, texts[3 + shared:]):
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
    assert titles[1] == "O ciclo de serviço"
    assert titles[2] == "Expectativa e percepção ao longo do ciclo"
    assert titles[-1] == "Ações"
    texts = slides_text(out)
    assert "Nível de serviço" in texts[0] and "momentos da verdade" in texts[0]
    assert re.search(r"\d+ momentos da verdade, \d+ crítico", texts[0])
    assert "Por que importa" in texts[3]
    for text in texts[4:-1]:
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
