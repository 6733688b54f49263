"""The handout in a real headless browser (Debian's chromium driven by playwright): the
diagram and tables are there and visible, nothing is fetched from the network, hostile
names stay text, the table fits the printed page, and --pdf makes real A4/Letter PDFs.

Skips, saying why, when playwright or a Chromium is not installed (.ci/run installs it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cyclemap.outputs.handout.pdf import LAUNCH_ARGS, chromium_path
from tests.conftest import EXAMPLES
from tests.test_handout import HOSTILE, HOSTILE_CYCLE

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


def open_page(browser, html_path: Path):
    """Open the handout as a user would (file://), refusing and recording every request
    that is not the file itself."""
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    page.goto(html_path.as_uri(), wait_until="load")
    page.wait_for_timeout(200)
    return page, requests, dialogs


def test_handout_in_a_real_browser(cli, browser, tmp_path):
    out = tmp_path / "banco.html"
    run = cli("handout", str(EXAMPLES / "banco.yaml"), "-o", str(out))
    assert run.code == 0, run.err
    page, requests, dialogs = open_page(browser, out)
    try:
        assert requests == [out.as_uri()], f"only the file itself is loaded, got {requests}"
        assert dialogs == []
        assert page.locator("script").count() == 0
        diagram = page.locator("svg.diagram")
        assert diagram.count() == 1 and diagram.is_visible()
        box = diagram.bounding_box()
        assert box["width"] > 400 and box["height"] > 200
        assert page.locator("svg.diagram text").count() > 8, "the diagram has its labels"
        curve = page.locator("svg.curve")
        assert curve.is_visible() and curve.bounding_box()["width"] > 400
        assert page.locator("svg.curve polyline").count() >= 2, "expectation and score lines"
        rows = page.locator("table.moments tbody tr")
        assert rows.count() == 8
        assert rows.first.is_visible()
        assert page.locator("table.moments th").all_inner_texts()[-1] == "Sus notas"
        assert page.locator("#weak-points ol.weak > li").count() >= 3
        assert page.locator("#discussion ol.questions > li").count() >= 5
        assert page.locator("#glossary dt").count() == 8
        # Printed, the moments table fits the page width (no overflow into the margin).
        page.emulate_media(media="print")
        widths = page.evaluate("""() => {
            const t = document.querySelector('table.moments');
            return [t.scrollWidth, t.parentElement.clientWidth,
                    Math.max(...[...t.querySelectorAll('td')].map(td => td.scrollWidth - td.clientWidth))];
        }""")
        assert widths[0] <= widths[1] + 1, widths
        assert widths[2] <= 1, f"a cell's content overflows it: {widths}"
        page.emulate_media(media="screen")
        shot = tmp_path / "handout.png"
        page.screenshot(path=str(shot), full_page=True)
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
    finally:
        page.close()


def test_hostile_names_in_a_real_browser(cli, browser, write, tmp_path):
    source = write("hostile.yaml", HOSTILE_CYCLE)
    out = tmp_path / "hostile.html"
    run = cli("handout", str(source), "-o", str(out))
    assert run.code == 0, run.err
    page, requests, dialogs = open_page(browser, out)
    try:
        assert dialogs == [], "no script ran"
        assert requests == [out.as_uri()], requests  # <img src=x> did not become a request
        assert page.locator("script").count() == 0
        assert page.locator("img").count() == 0
        text = page.locator("body").inner_text()
        assert HOSTILE in text
        assert '"]; x -> y [' in text
        assert "😀" in text
        assert page.locator("table.moments tbody tr").count() == 3
        assert page.locator("svg.curve").is_visible()
        # A name with no spaces wraps inside its cell instead of running over the page.
        page.emulate_media(media="print")
        overflow = page.evaluate("""() => Math.max(...[...document.querySelectorAll('table.moments td')]
                                          .map(td => td.scrollWidth - td.clientWidth))""")
        assert overflow <= 1, overflow
        page.emulate_media(media="screen")
        page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    finally:
        page.close()


def _media_box(pdf: bytes) -> tuple[float, float]:
    match = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert match, "the PDF has a page size"
    return float(match.group(1)), float(match.group(2))


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.0, 842.0)), ("letter", (612.0, 792.0))])
def test_pdf_on_a4_and_letter(cli, tmp_path, paper, size):
    out = tmp_path / "taller.html"
    run = cli("handout", str(EXAMPLES / "banco.yaml"), "-o", str(out), "--pdf", "--paper", paper)
    assert run.code == 0, run.err
    pdf = (tmp_path / "taller.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]
    width, height = _media_box(pdf)  # the first page: the picture, on the paper turned landscape
    assert abs(width - size[1]) < 1.5 and abs(height - size[0]) < 1.5
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") >= 3
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taller.html", "taller.pdf"]


def test_pdf_only(cli, tmp_path):
    out = tmp_path / "taller.pdf"
    run = cli("handout", str(EXAMPLES / "restaurant.yaml"), "-o", str(out))
    assert run.code == 0, run.err
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["taller.pdf"]


def test_a_browser_that_fails_gets_a_short_message_and_no_file(cli, tmp_path):
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    out = tmp_path / "out.html"
    run = cli("handout", str(EXAMPLES / "banco.yaml"), "-o", str(out), "--pdf", env={"CYCLEMAP_CHROMIUM": str(fake)})
    assert run.code == 2
    assert "could not print the PDF" in run.err and "nothing was written" in run.err
    assert len(run.err.splitlines()) == 1 and "Traceback" not in run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-chromium"]
