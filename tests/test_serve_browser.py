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


# -- a whole room ------------------------------------------------------------------------


def _wait_live(page):
    page.set_default_timeout(WAIT_MS)
    page.wait_for_function("() => document.body.dataset.live === 'on'")


def test_eight_tabs_and_two_browsers_all_follow_a_save(browser, folder):
    """One connection per browser (a shared worker), so the browser's six connections per
    host are never used up: eight tabs of one browser and a second browser all follow."""
    cycle = folder / "a-coffee.yaml"
    with serving(str(folder)) as server:
        second = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            room = browser.new_context(viewport={"width": 1280, "height": 800})
            pages = []
            for i in range(8):
                page = room.new_page()
                page.goto(server.url + ("/cycle/a-coffee.yaml" if i % 4 else "/"), wait_until="load")
                _wait_live(page)
                pages.append(page)
            other = second.new_page()
            other.goto(server.url + "/cycle/a-coffee.yaml", wait_until="load")
            _wait_live(other)
            pages.append(other)
            assert {p.evaluate("() => document.body.dataset.channel") for p in pages} == {"shared"}
            for page in pages:
                page.evaluate("() => { window.__sameDocument = 'yes'; }")
            cycle.write_text(SMALL.format(first="Scans the menu board"), encoding="utf-8")
            for page in pages:
                if "/cycle/" in page.url:
                    page.wait_for_function("() => document.querySelector('#diagram').textContent"
                                           ".replace(/\\s+/g, ' ').includes('Scans the menu board')")
                else:  # the index follows too (its version moves)
                    page.wait_for_function("v => Number(document.body.dataset.version) > v",
                                           arg=int(page.evaluate("() => Number(document.body.dataset.version)")) - 1)
                assert page.evaluate("() => window.__sameDocument") == "yes"
            # A ninth tab of the first browser still loads and follows (the old limit was six).
            ninth = room.new_page()
            ninth.goto(server.url + "/cycle/a-coffee.yaml", wait_until="load")
            _wait_live(ninth)
            cycle.write_text(SMALL.format(first="Reads the specials"), encoding="utf-8")
            for page in [ninth, pages[1], pages[-1]]:
                page.wait_for_function("() => document.querySelector('#diagram').textContent"
                                       ".replace(/\\s+/g, ' ').includes('Reads the specials')")
            room.close()
        finally:
            second.close()


def test_restart_and_lost_connection_are_seen(browser, folder):
    from tests.test_serve_room import free_port

    port = free_port()
    cycle = folder / "a-coffee.yaml"
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        with serving(str(folder), port=port) as server:
            page.goto(server.url + "/cycle/a-coffee.yaml", wait_until="load")
            _wait_live(page)
            page.evaluate("() => { window.__sameDocument = 'yes'; }")
            assert page.locator("#lost").is_hidden()
        # The server is gone: the page says so at the top of the screen, not in a footer.
        lost = page.locator("#lost")
        lost.wait_for(state="visible")
        box = lost.bounding_box()
        assert box["y"] <= 1 and box["width"] >= 1000, box
        assert "lost" in lost.inner_text().lower()
        cycle.write_text(SMALL.format(first="Changed while it was down"), encoding="utf-8")
        with serving(str(folder), port=port) as server:
            # Another server (versions begin again at 1): the page reloads itself.
            page.wait_for_function("() => window.__sameDocument === undefined && document.body.dataset.live === 'on'")
            assert "Changed while it was down" in " ".join(page.locator("#diagram").text_content().split())
            assert page.locator("#lost").is_hidden()
    finally:
        page.close()


def test_saves_in_pieces_never_flash_the_banner(browser, folder):
    import time

    cycle = folder / "a-coffee.yaml"
    with serving(str(folder)) as server:
        page, requests, console = open_page(browser, server, "/cycle/a-coffee.yaml")
        try:
            page.evaluate("""() => { window.__banner = 0;
                new MutationObserver(() => { if (!document.getElementById('problem').hidden) window.__banner++; })
                  .observe(document.getElementById('problem'), {attributes: true, childList: true}); }""")
            for i in range(4):
                with open(cycle, "w", encoding="utf-8") as f:
                    f.flush()
                    time.sleep(0.25)
                    f.write(SMALL.format(first=f"Burst number {i}"))
                time.sleep(0.1)
            page.wait_for_function("() => document.querySelector('#diagram').textContent"
                                   ".replace(/\\s+/g, ' ').includes('Burst number 3')")
            time.sleep(1.2)
            assert page.evaluate("() => window.__banner") == 0
            assert page.locator("#problem").is_hidden()
        finally:
            page.close()


def test_focus_and_keys_survive_a_save(browser, folder):
    cycle = folder / "a-coffee.yaml"
    with serving(str(folder)) as server:
        page, requests, console = open_page(browser, server, "/cycle/a-coffee.yaml")
        try:
            # The weak points are read whole now (no folded "why it matters" to keep open);
            # the focus on a link of the page's navigation stays across a save.
            link = page.locator("nav a").first
            href = link.get_attribute("href")
            link.focus()
            cycle.write_text(SMALL.format(first="Waits by the door"), encoding="utf-8")
            page.wait_for_function("() => document.querySelector('#diagram').textContent"
                                   ".replace(/\\s+/g, ' ').includes('Waits by the door')")
            assert page.evaluate("() => document.activeElement.getAttribute('href')") == href, "the focus stays"
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline not in ("none", ""), "the focus is visible"
            page.evaluate("() => document.activeElement.blur()")

            # ↓ scrolls (it used to switch the layout).
            page.set_viewport_size({"width": 1280, "height": 400})
            page.keyboard.press("ArrowDown")
            page.wait_for_function("() => window.scrollY > 0")
            assert page.evaluate("() => document.body.dataset.layout") == "clock"

            # Single-key shortcuts can be switched off (WCAG 2.1.4), and stay off.
            page.locator("#single-keys").click()
            assert page.locator("#single-keys").get_attribute("aria-pressed") == "false"
            page.evaluate("() => document.activeElement.blur()")
            page.keyboard.press("l")
            page.wait_for_timeout(300)
            assert page.evaluate("() => document.body.dataset.layout") == "clock"
            page.reload()
            page.wait_for_function("() => document.body.dataset.live === 'on'")
            page.keyboard.press("p")
            page.wait_for_timeout(200)
            assert "present" not in page.get_attribute("body", "class")
            page.locator("#single-keys").click()
            page.evaluate("() => document.activeElement.blur()")
            page.keyboard.press("l")
            page.wait_for_function("() => document.body.dataset.layout === 'flow'")
        finally:
            page.evaluate("() => localStorage.clear()")
            page.close()


def test_a_new_cycle_gets_links_and_javascript_in_a_name_is_text(browser, tmp_path):
    (tmp_path / "a.yaml").write_text(SMALL.format(first='"Types javascript: alert(1) in the form"'), encoding="utf-8")
    with serving(str(tmp_path)) as server:
        page, requests, console = open_page(browser, server, "/cycle/a.yaml")
        try:
            assert "javascript: alert(1)" in " ".join(page.locator("#diagram").text_content().split())
            assert page.locator("#diagram svg").is_visible()
            assert page.locator("#next").count() == 0
            (tmp_path / "b.yaml").write_text(SMALL.format(first="Second").replace("Coffee to go", "Tea"),
                                             encoding="utf-8")
            page.locator("#next").wait_for()
            assert page.locator("#prev").count() == 1
            assert page.evaluate("() => window.__sameDocument") == "yes"
            page.keyboard.press("ArrowRight")
            page.wait_for_url(re.compile(r"/cycle/b\.yaml$"))
            assert page.locator("h1").inner_text() == "Tea"
        finally:
            page.close()


def test_presentation_reads_from_the_back_of_the_room(browser, tmp_path):
    from tests.conftest import EXAMPLES

    (tmp_path / "banco.yaml").write_text((EXAMPLES / "banco.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with serving(str(tmp_path)) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.set_default_timeout(WAIT_MS)
        try:
            for layout in ("clock", "flow", "blueprint"):
                page.goto(server.url + f"/cycle/banco.yaml?layout={layout}&present=1", wait_until="load")
                page.wait_for_function("() => document.body.dataset.live === 'on'")
                smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('#diagram g.node.moment text')]
                    .map(t => t.getBoundingClientRect().height))""")
                # A text's box is about its font size tall (ascent + descent: ~1.15 em).
                assert smallest >= 24, (layout, smallest)
                assert page.locator("nav").is_hidden()
                titles = page.evaluate("""() => [...document.querySelectorAll('#diagram g.node.text')]
                    .filter(g => g.querySelector('title').textContent === 'title' && getComputedStyle(g).display !== 'none').length""")
                assert titles == 0, "the title once: the page's heading, not the drawing's too"
            heights = page.evaluate("() => [...document.querySelectorAll('ol.weak > li')].map(li => li.getBoundingClientRect().height)")
            assert heights and min(heights) >= 720, heights  # one weak point per screen
            assert page.locator("#diagram").get_attribute("role") == "img"
        finally:
            page.close()


def test_what_changed_is_marked_and_the_previous_version_is_one_key_away(browser, folder):
    cycle = folder / "a-coffee.yaml"
    with serving(str(folder)) as server:
        page, requests, console = open_page(browser, server, "/cycle/a-coffee.yaml")
        try:
            assert page.locator("#previous-version").is_disabled()
            cycle.write_text(SMALL.format(first="Waits by the door"), encoding="utf-8")
            page.wait_for_function("() => document.querySelector('#diagram').textContent"
                                   ".replace(/\\s+/g, ' ').includes('Waits by the door')")
            assert page.locator("#changes").inner_text() == "Changed since the previous save: Waits by the door."
            assert page.locator("#diagram g.node.changed").count() == 1
            assert "Waits by the door" in page.locator("#diagram g.node.changed").text_content().replace("\n", " ") \
                or "Waits" in page.locator("#diagram g.node.changed").text_content()
            assert page.locator("#moments li.changed").count() == 1
            assert page.locator("#export-svg").get_attribute("href") == "/export/a-coffee.yaml.svg?layout=clock"
            # V: the version before the save, and back.
            page.keyboard.press("v")
            page.wait_for_function("() => document.body.classList.contains('previous')")
            assert "Joins the queue" in " ".join(page.locator("#diagram").text_content().split())
            assert page.locator("#showing-previous").is_visible()
            assert page.locator("#export-png").get_attribute("href").endswith("&version=previous")
            page.keyboard.press("v")
            page.wait_for_function("() => !document.body.classList.contains('previous')")
            assert "Waits by the door" in " ".join(page.locator("#diagram").text_content().split())
            assert page.evaluate("() => window.__sameDocument") == "yes"
            # The download is the drawing on screen.
            with page.expect_download() as info:
                page.locator("#export-svg").click()
            download = info.value
            assert download.suggested_filename == "a-coffee-clock.svg"
            assert "Waits" in open(download.path(), encoding="utf-8").read()
        finally:
            page.close()


def test_a_participants_phone_follows_through_the_link(browser, folder):
    """--share, opened from another address of this machine (the network one, as a phone
    would): the link lets it in, the read-only phone page follows a save; without the
    link, nothing."""
    import time

    from tests.test_serve_room import lan_link

    cycle = folder / "a-coffee.yaml"
    with serving(str(folder), "--share") as server:
        link = lan_link(server)
        base = link.split("/join/")[0]
        phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        try:
            page = phone.new_page()
            page.set_default_timeout(WAIT_MS)
            response = page.goto(base + "/cycle/a-coffee.yaml")
            assert response.status == 404 and "Coffee" not in page.content()
            page.goto(link)
            page.wait_for_url(base + "/")
            assert "participant" in page.get_attribute("body", "class")
            page.locator("text=Coffee to go").click()
            page.wait_for_function("() => document.body.dataset.live === 'on'")
            assert page.locator("#present").count() == 0 and page.locator("a.layout").count() == 0
            box = page.locator("#diagram svg").bounding_box()
            assert box["width"] <= 390, box  # fits the phone's width
            cycle.write_text(SMALL.format(first="Orders from the phone"), encoding="utf-8")
            page.wait_for_function("() => document.querySelector('#diagram').textContent"
                                   ".replace(/\\s+/g, ' ').includes('Orders from the phone')")
            assert page.locator("#problem").is_hidden()
            time.sleep(0.1)
        finally:
            phone.close()
