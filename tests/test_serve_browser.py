"""`cyclemap serve` in a real headless Chromium (Debian's chromium driven by playwright):
the page follows saves without a reload, keeps the last good picture on a bad save and
says where the problem is, switches layouts and presents from the keyboard, the index
follows new files, and nothing is requested from anywhere but the server, with no
Content-Security-Policy complaint in the console.

Skips, saying why, when playwright or a Chromium is not installed (CI installs it).
"""

from __future__ import annotations

import re

import pytest

from cyclemap.outputs.handout.pdf import chromium_path
from tests.test_serve import SMALL, serving

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser (apt-get install chromium)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def open_page(browser, server, path: str):
    """Open a page of the server, recording every request and console complaint, and
    refusing any request that leaves the server."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(WAIT_MS)
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url) else route.abort())
    page.goto(server.url + path, wait_until="load")
    # The push channel is open once the script has said hello to the server.
    page.wait_for_function("() => document.body.dataset.live === 'on'")
    page.evaluate("() => { window.__sameDocument = 'yes'; }")
    return page, requests, console


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "taller"
    folder.mkdir()
    (folder / "a-coffee.yaml").write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    (folder / "b-tea.yaml").write_text(SMALL.format(first="Picks a tea").replace("Coffee to go", "Tea time"),
                                       encoding="utf-8")
    return folder


def test_the_page_follows_saves_without_a_reload(browser, folder):
    cycle = folder / "a-coffee.yaml"
    with serving(str(folder)) as server:
        page, requests, console = open_page(browser, server, "/cycle/a-coffee.yaml")
        try:
            diagram = page.locator("#diagram svg.diagram")
            words = lambda: " ".join(diagram.text_content().split())  # noqa: E731  (names wrap in the diagram)
            assert diagram.is_visible() and "Joins the queue" in words()
            assert page.locator("svg.curve").is_visible()
            assert page.locator("#weak li").count() >= 1
            assert page.locator("#problem").is_hidden()

            # A good save: the new moment name appears, in the same document.
            cycle.write_text(SMALL.format(first="Scans the menu board"), encoding="utf-8")
            page.wait_for_function(
                "() => document.querySelector('#diagram').textContent.replace(/\\s+/g, ' ').includes('Scans the menu board')")
            assert "Joins the queue" not in words()
            assert page.evaluate("() => window.__sameDocument") == "yes", "the page was not reloaded"
            assert re.search(r"saved → ready [\d,.]+ ms .* shown \d+ ms", page.locator("#debug").inner_text())  # "1,234" past a second

            # A bad save: the last good picture stays, the banner says line and column.
            cycle.write_text(SMALL.format(first="Half typed").replace("kind: critical", "kind: [critical"),
                             encoding="utf-8")
            banner = page.locator("#problem")
            banner.wait_for(state="visible")
            assert re.search(r"line \d+, column \d+", banner.inner_text()), banner.inner_text()
            assert "Scans the menu board" in words(), "the last good picture stays"

            # The next good save clears the banner.
            cycle.write_text(SMALL.format(first="Pays by phone"), encoding="utf-8")
            page.wait_for_function(
                "() => document.querySelector('#diagram').textContent.replace(/\\s+/g, ' ').includes('Pays by phone')")
            banner.wait_for(state="hidden")
            assert page.evaluate("() => window.__sameDocument") == "yes"

            assert all(url.startswith(server.url) for url in requests), requests
            assert not [c for c in console if "Content Security Policy" in c or "Refused" in c], console
        finally:
            page.close()


def test_keyboard_layouts_presentation_and_cycles(browser, folder):
    with serving(str(folder)) as server:
        page, requests, console = open_page(browser, server, "/cycle/a-coffee.yaml")
        try:
            page.keyboard.press("l")
            page.wait_for_function("() => document.body.dataset.layout === 'flow'")
            page.wait_for_function("() => document.querySelector('#diagram title').textContent === 'cyclemap_flow'")
            assert page.url.endswith("?layout=flow")
            page.keyboard.press("3")
            page.wait_for_function("() => document.querySelector('#diagram title').textContent === 'cyclemap_blueprint'")

            # Presentation: large type, the diagram fitted to the screen.
            normal_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
            page.keyboard.press("p")
            assert "present" in page.get_attribute("body", "class")
            assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") > normal_size * 1.3
            box = page.locator("#diagram svg").bounding_box()
            assert box["y"] + box["height"] <= 800 + 1, f"the diagram fits the screen: {box}"
            assert box["height"] > 400, box

            # Next cycle, keeping the layout and the presentation.
            page.keyboard.press("ArrowRight")
            page.wait_for_url(re.compile(r"/cycle/b-tea\.yaml\?layout=blueprint&present=1$"))
            assert page.locator("h1").inner_text() == "Tea time"
            assert "present" in page.get_attribute("body", "class")
            page.keyboard.press("Escape")
            assert "present" not in page.get_attribute("body", "class")
            page.keyboard.press("i")
            page.wait_for_url(server.url + "/")
            assert not [c for c in console if "Content Security Policy" in c or "Refused" in c], console
        finally:
            page.close()


def test_the_index_follows_new_cycles(browser, folder):
    with serving(str(folder)) as server:
        page, requests, console = open_page(browser, server, "/")
        try:
            assert page.locator("table.cycles tbody tr").count() == 2
            (folder / "c-juice.yaml").write_text(SMALL.format(first="Squeezes").replace("Coffee to go", "Fresh juice"),
                                                 encoding="utf-8")
            page.locator("text=Fresh juice").wait_for()
            assert page.locator("table.cycles tbody tr").count() == 3
            assert page.evaluate("() => window.__sameDocument") == "yes"
            page.locator("text=Fresh juice").click()
            page.wait_for_url(re.compile(r"/cycle/c-juice\.yaml$"))
            assert "Squeezes" in page.locator("#diagram").text_content()
            page.wait_for_function("() => document.body.dataset.live === 'on'")
            # The file goes away: its page goes back to the index.
            (folder / "c-juice.yaml").unlink()
            page.wait_for_url(server.url + "/")
            page.locator("table.cycles").wait_for()
            assert "Fresh juice" not in page.locator("body").inner_text()
        finally:
            page.close()
