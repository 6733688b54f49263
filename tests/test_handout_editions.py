"""Handout editions, printed to PDF by a real Chromium and read back with pypdf: the
participant's edition fits two pages (A4 and Letter) for up to 16 moments, with the
picture on a landscape page of its own and no codes or file keys; in the facilitator's
edition no weak point is split across pages.

The PDF tests skip, saying why, when playwright, pypdf or a Chromium is missing
(.ci/run installs them)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.outputs.handout import build_handout
from cyclemap.outputs.handout.pdf import chromium_path
from tests.conftest import EXAMPLE_FILES

HELD_OUT = sorted((Path(__file__).parent / "data" / "heldout").glob("*.yaml"))
CYCLES = EXAMPLE_FILES + HELD_OUT
needs_pdf = pytest.mark.skipif(chromium_path() is None, reason="no Chromium browser (apt-get install chromium)")


def pdf_pages(cli, path: Path, out: Path, *args: str):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install pypdf)")
    run = cli("handout", str(path), "-o", str(out), *args)
    assert run.code == 0, run.err
    return pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages


@pytest.mark.parametrize("path", CYCLES, ids=[p.stem for p in CYCLES])
def test_participant_edition_speaks_service_language(path):
    checked = Pipeline().check(str(path))
    html = build_handout(checked, path.name, edition="participant")
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|svg)\b.*?</\1>", " ", html, flags=re.S))
    assert not re.search(r"\bCM\d{3}\b", html), "no rule codes, in the text or the picture"
    assert "`" not in text and not re.search(r"\b(owner|standard|recovery|score|next):", text), "no file keys"
    assert "cyclemap" not in text.lower().replace('name="generator" content="cyclemap"', "")
    for moment in checked.cycle.moments:
        assert moment.name.replace("&", "&amp;") in html
    assert html.count('<td class="notes"></td>') == len(checked.order)
    assert '<svg class="diagram"' in html and 'id="discussion"' in html


PRINTS = [(p, "a4") for p in CYCLES] + [(p, "letter") for p in HELD_OUT]  # Letter is the shorter page
# Portuguese runs longer than English: the same cycles, in Portuguese, still fit.
PRINTS_IN = [(p, paper, None) for p, paper in PRINTS] + [(p, "a4", "pt") for p in CYCLES] + \
    [(p, "letter", "pt") for p in HELD_OUT]


@needs_pdf
@pytest.mark.parametrize("path,paper,lang", PRINTS_IN,
                         ids=[f"{p.stem}-{paper}" + (f"-{lang}" if lang else "") for p, paper, lang in PRINTS_IN])
def test_participant_edition_prints_on_two_pages(cli, tmp_path, path, paper, lang):
    extra = ("--lang", lang) if lang else ()
    pages = pdf_pages(cli, path, tmp_path / "p.pdf", "--edition", "participant", "--paper", paper, *extra)
    assert len(pages) <= 2
    width, height = (float(v) for v in pages[0].mediabox[2:])
    assert width > height, "the picture has a landscape page"
    assert float(pages[-1].mediabox[2]) < float(pages[-1].mediabox[3]), "the moments are on a portrait page"
    assert len(pages) == 2, "the picture fits its page"


# A weak point's heading and its next step, in each language.
HEADS = {"en": ("WEAK POINT", "Our next step"), "es": ("PUNTO DÉBIL", "Nuestro próximo paso"),
         "pt": ("PONTO FRACO", "Nosso próximo passo")}
FACILITATOR = [(p, None) for p in CYCLES] + [(p, "pt") for p in CYCLES]


@needs_pdf
@pytest.mark.parametrize("path,lang", FACILITATOR,
                         ids=[p.stem + (f"-{lang}" if lang else "") for p, lang in FACILITATOR])
def test_facilitator_never_splits_a_weak_point(cli, tmp_path, path, lang):
    checked = Pipeline(lang=lang).check(str(path))
    pages = pdf_pages(cli, path, tmp_path / "f.pdf", *(("--lang", lang) if lang else ()))
    landscape = [float(p.mediabox[2]) > float(p.mediabox[3]) for p in pages]
    assert landscape[0] and not any(landscape[1:]), "the picture fits on its landscape page; the rest is portrait"
    heads, step = HEADS[checked.lang]
    total = 0
    for page in pages:
        text = page.extract_text()
        found = len(re.findall(heads + r" \d", text, flags=re.I))
        assert found == text.count(step), "a weak point's heading and its next step share a page"
        total += found
    groups = build_handout(checked, path.name).count('<li class="group"')
    assert total == groups > 0


@pytest.mark.parametrize("edition", ["participant", "facilitator"])
@pytest.mark.parametrize("path", CYCLES, ids=[p.stem for p in CYCLES])
def test_the_printed_picture_keeps_its_text_at_8_pt(path, edition):
    """The picture's box on its landscape page (from handout.css: the page's margins and
    the figure's max-height for this edition), applied to Graphviz's own layout of it."""
    from cyclemap.outputs.handout.page import css
    from cyclemap.outputs.render import build_dot
    from cyclemap.outputs.render import geometry as g
    from cyclemap.outputs.render.dot import layout_program

    sheet = css()
    margin = float(re.search(r"@page wide \{[^}]*margin: ([0-9.]+)mm;", sheet).group(1))
    heights = dict(re.findall(r"(body\.facilitator )?#diagram svg\.diagram \{ max-height: ([0-9.]+)mm; \}", sheet))
    max_h = float(heights["body.facilitator "] if edition == "facilitator" else heights[""])
    width = (297 - 2 * margin) * g.MM
    laid = g.lay_out(build_dot(Pipeline().check(str(path)), layout="clock"), layout_program("clock"), "embedded")
    scale = min(width / laid.width, max_h * g.MM / laid.height)
    smallest = min(t.size for t in laid.texts if t.text.strip()) * scale
    assert smallest >= 8.0, f"{smallest:.2f} pt"
