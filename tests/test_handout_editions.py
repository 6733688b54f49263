"""Handout editions, printed to PDF by a real Chromium and read back with pypdf: the
participant's edition — the picture on a landscape page per sheet, then the worksheet
(15 mm of ruled room per moment) and the questions on at most two portrait pages for up
to 16 moments (A4 and Letter), with no codes or file keys; in the facilitator's edition
no weak point is split across pages; a picture that would print under 8 pt is split into
sheets that each print at 8 pt or more, measured on the PDF's own text.

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
    assert html.count('<div class="write">') == len(checked.order)
    assert '<svg class="diagram"' in html and 'id="discussion"' in html


def own(tmp_path_factory, n: int, lang: str) -> Path:
    """A cycle of the geometry test's own (long names, emoji joined with zero-width
    joiners, right-to-left names, detours), never used to tune the handout."""
    from tests.test_render_own_cycles import own_cycle

    path = tmp_path_factory.mktemp("own") / f"own{n}-{lang}.yaml"
    path.write_text(own_cycle(n, lang), encoding="utf-8")
    return path


PRINTS = [(p, "a4") for p in CYCLES] + [(p, "letter") for p in HELD_OUT]  # Letter is the shorter page
# Portuguese runs longer than English: the same cycles, in Portuguese, still fit; and 16
# moments (14 and two detours) of long names in each language, on the shorter page.
PRINTS_IN = [(p, paper, None) for p, paper in PRINTS] + [(p, "a4", "pt") for p in CYCLES] + \
    [(p, "letter", "pt") for p in HELD_OUT] + [(lang, "letter", lang) for lang in ("es", "pt", "en")]


@needs_pdf
@pytest.mark.parametrize("path,paper,lang", PRINTS_IN,
                         ids=[f"{getattr(p, 'stem', 'own16')}-{paper}" + (f"-{lang}" if lang else "")
                              for p, paper, lang in PRINTS_IN])
def test_participant_edition_pages(cli, tmp_path, tmp_path_factory, path, paper, lang):
    """The picture's sheets on landscape pages, then at most two portrait pages: the
    worksheet, and the questions (on the worksheet's page when they fit)."""
    if isinstance(path, str):
        path = own(tmp_path_factory, 14, path)
    extra = ("--lang", lang) if lang else ()
    pages = pdf_pages(cli, path, tmp_path / "p.pdf", "--edition", "participant", "--paper", paper, *extra)
    checked = Pipeline(lang=lang).check(str(path))
    html = build_handout(checked, path.name, edition="participant")
    assert len(checked.order) <= 16 and html.count('<div class="write">') == len(checked.order)
    sheets = html.count('<figure class="sheet">')
    landscape = [float(p.mediabox[2]) > float(p.mediabox[3]) for p in pages]
    assert sheets >= 1 and landscape == [True] * sheets + [False] * (len(pages) - sheets), landscape
    assert 1 <= len(pages) - sheets <= 2, f"{len(pages) - sheets} portrait pages"


@needs_pdf
def test_the_worksheet_has_15_mm_to_write_per_moment_in_the_printed_page(tmp_path_factory):
    """Chromium's print layout (A4 width): every moment's ruled room is 15 mm or more,
    its two lines 7.5 mm apart and about 58 % black (a photocopier keeps them)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from cyclemap.outputs.handout.pdf import LAUNCH_ARGS

    path = own(tmp_path_factory, 14, "pt")
    html = build_handout(Pipeline().check(str(path)), path.name, edition="participant")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": round(186 / 25.4 * 96), "height": 1100})
            page.set_content(html)
            page.emulate_media(media="print")
            rooms = page.eval_on_selector_all("ol.worksheet .write", "els => els.map(e => e.getBoundingClientRect().height)")
            lines = page.eval_on_selector_all("ol.worksheet .write div", "els => els.map(e => getComputedStyle(e).borderBottomColor)")
        finally:
            browser.close()
    assert len(rooms) == 16
    assert min(rooms) * 25.4 / 96 >= 15.0 - 0.01, f"{min(rooms) * 25.4 / 96:.1f} mm"
    assert len(lines) == 2 * len(rooms)  # two ruled lines per moment
    for colour in set(lines):
        grey = [int(v) for v in re.findall(r"\d+", colour)[:3]]
        assert max(grey) <= 110, f"writing lines {grey} are too light for a photocopier"


def printed_sizes(pdf: Path) -> list[list[float]]:
    """Each page's text sizes as printed (pt): the font size times the text and page
    matrices' scale, read with pypdf; the page-number footer left out."""
    import pypdf

    out = []
    for page in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages:
        sizes: list[float] = []

        def visit(text, cm, tm, _font, size, sizes=sizes):
            a, b = cm[0] * tm[0] + cm[2] * tm[1], cm[1] * tm[0] + cm[3] * tm[1]
            c, d = cm[0] * tm[2] + cm[2] * tm[3], cm[1] * tm[2] + cm[3] * tm[3]
            printed = size * abs(a * d - b * c) ** 0.5
            if text.strip() and not (re.fullmatch(r"[\d\s/]+", text.strip()) and abs(printed - 6.0) < 0.05):
                sizes.append(printed)

        page.extract_text(visitor_text=visit)
        out.append(sizes)
    return out


@needs_pdf
@pytest.mark.parametrize("edition", ["participant", "facilitator"])
@pytest.mark.parametrize("n,lang", [(24, "pt"), (40, "en")])
def test_a_large_cycle_is_split_and_prints_its_picture_at_8_pt(cli, tmp_path, tmp_path_factory, n, lang, edition):
    """24 and 40 moments: the picture is split (`render --split`'s sheets), each sheet on
    its landscape page with every text at 8 pt or more in the PDF, and the handout says so."""
    path = own(tmp_path_factory, n, lang)
    out = tmp_path / "h.pdf"
    run = cli("handout", str(path), "-o", str(tmp_path / "h.html"), "--edition", edition, "--pdf", "--paper", "letter")
    assert run.code == 0, run.err
    html = (tmp_path / "h.html").read_text(encoding="utf-8")
    sheets = html.count('<figure class="sheet">')
    assert sheets > 1, "split into sheets"
    assert re.search(rf"\b{sheets} (sheets|folhas|hojas)\b", html), "the handout says the picture is split"
    assert re.search(rf"cyclemap: (note|aviso): .*\b{sheets} (sheets|folhas|hojas)\b", run.err), \
        "and the command says it on stderr"
    sizes = printed_sizes(out)
    for index, page in enumerate(sizes[:sheets]):
        assert page and min(page) >= 8.0 - 0.05, f"sheet {index + 1}: {min(page):.2f} pt"


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
    sheets = build_handout(checked, path.name).count('<figure class="sheet">')  # more than one when split
    assert landscape == [True] * sheets + [False] * (len(pages) - sheets), \
        "each sheet of the picture fits on its landscape page; the rest is portrait"
    heads, step = HEADS[checked.lang]
    total = 0
    for page in pages:
        # Without spaces: a letter-spaced heading comes out of the PDF as "PUNT O" (kerning).
        text = re.sub(r"\s+", "", page.extract_text())
        found = len(re.findall(heads.replace(" ", "") + r"\d", text, flags=re.I))
        assert found == text.count(step.replace(" ", "")), "a weak point's heading and its next step share a page"
        total += found
    groups = build_handout(checked, path.name).count('<li class="group"')
    assert total == groups > 0


@pytest.mark.parametrize("edition", ["participant", "facilitator"])
@pytest.mark.parametrize("path", CYCLES, ids=[p.stem for p in CYCLES])
def test_the_printed_picture_keeps_its_text_at_8_pt(path, edition):
    """Each sheet the handout inlines, in the picture's box on its landscape page (from
    handout.css: the page's margins and the figure's max-height for this edition, on the
    narrower of A4 and Letter): its SVG's own text sizes scaled to that box."""
    from cyclemap.outputs.handout.page import css

    sheet = css()
    margin = float(re.search(r"@page wide \{[^}]*margin: ([0-9.]+)mm;", sheet).group(1))
    heights = dict(re.findall(r"(body\.facilitator )?#diagram svg\.diagram \{ max-height: ([0-9.]+)mm; \}", sheet))
    max_h = float(heights["body.facilitator "] if edition == "facilitator" else heights[""])
    mm = 72 / 25.4
    width = (279.4 - 2 * margin) * mm  # Letter, the narrower landscape page
    html = build_handout(Pipeline().check(str(path)), path.name, edition=edition)
    drawn = re.findall(r'<figure class="sheet">(<svg.*?</svg>)', html, flags=re.S)
    assert drawn
    for svg in drawn:
        vb_w, vb_h = (float(v) for v in re.search(r'viewBox="[0-9.-]+ [0-9.-]+ ([0-9.]+) ([0-9.]+)"', svg).groups())
        scale = min(width / vb_w, max_h * mm / vb_h)
        smallest = min(float(v) for v in re.findall(r'font-size="([0-9.]+)"', svg)) * scale
        assert smallest >= 8.0, f"{smallest:.2f} pt"
