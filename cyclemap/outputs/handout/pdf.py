"""Print the handout to PDF with a headless Chromium driven by playwright.

The browser is the system's (Debian's `chromium`), found on PATH or named by the
CYCLEMAP_CHROMIUM environment variable; playwright only drives it, so no browser is
downloaded. Every network request is refused while the page loads: the handout is
self-contained, and printing must not be a way to reach out.

`missing()` says, in the reader's language, what is not installed and how to get it, before
anything is written; `html_to_pdf` returns the PDF bytes (the caller writes them
atomically).
"""

from __future__ import annotations

import os
import shutil

from cyclemap.format.diagnostics import Refusal, one_line
from cyclemap.format.i18n import Number, Text, _, join

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# The browser only lays out a page it was handed: no network at all (every host name
# resolves to nothing and every request goes to a proxy that is not there, so not even
# a DNS query leaves), none of its background services (updates, safe browsing, metrics,
# crash reports, translation, field trials), no extensions, no JavaScript (set on the
# context). tests/test_handout_browser.py watches its system calls for connections.
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-breakpad", "--disable-crash-reporter",
    "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
    "--metrics-recording-only", "--safebrowsing-disable-auto-update", "--dns-prefetch-disable",
    "--disable-field-trial-config", "--disable-features=OptimizationHints,MediaRouter,Translate,"
    "AutofillServerCommunication,CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,"
    "DialMediaRouteProvider,InterestFeedContentSuggestions,PrivacySandboxSettings4",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://0.0.0.0:9", "--proxy-bypass-list=<-loopback>",
]
# How long a print may take, in seconds, unless the caller says otherwise.
DEFAULT_TIMEOUT = 60.0
PAPERS = {"a4": "A4", "letter": "Letter"}


def chromium_path() -> str | None:
    """The Chromium to drive: $CYCLEMAP_CHROMIUM, else the first known name on PATH."""
    explicit = os.environ.get("CYCLEMAP_CHROMIUM")
    if explicit:
        return explicit if os.path.isfile(explicit) and os.access(explicit, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> Text | None:
    """What PDF printing needs and this machine lacks, with how to get it; None if ready."""
    problems: list[Text] = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append(_("the Python package playwright is not installed (pip install 'cyclemap[pdf]')"))
    if chromium_path() is None:
        if os.environ.get("CYCLEMAP_CHROMIUM"):
            problems.append(_("CYCLEMAP_CHROMIUM={value} is not an executable file (point it at Chrome/Chromium, "
                              "or unset it and install chromium: apt-get install chromium)")
                            .format(value=os.environ["CYCLEMAP_CHROMIUM"]))
        else:
            problems.append(_("no Chromium browser was found (on Debian/Ubuntu: apt-get install chromium; "
                              "or set CYCLEMAP_CHROMIUM to a Chrome/Chromium executable)"))
    if not problems:
        return None
    return _("--pdf needs a headless browser: {problems}. The HTML handout works without it: "
             "open it in a browser and print.").format(problems=join(problems, "; "))


class PdfError(Refusal):
    """The browser could not make the PDF; `text` says so in the reader's language."""


def _refuse_network(route) -> None:
    if route.request.url.startswith(("data:", "about:")):
        route.continue_()
    else:
        route.abort()


def html_to_pdf(html: str, paper: str = "a4", timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF of `html` on A4 or Letter paper (margins come from the page's CSS).
    Raises PdfError when the browser fails (it is not Chromium, it crashes, it hangs past
    `timeout` seconds: then it is killed). The browser never outlives this call: closed
    on the way out, also on Ctrl-C or SIGTERM (the command line turns both into
    exceptions), and killed by the watchdog when it overstays."""
    import threading

    from playwright.sync_api import Error as PlaywrightError

    overdue = threading.Event()
    watchdog = threading.Timer(timeout + 5.0, _kill_browsers, args=(overdue,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return _print(html, paper, timeout)
    except PlaywrightError as exc:
        if overdue.is_set() or "Timeout" in type(exc).__name__ or "timeout" in str(exc).lower():
            raise PdfError(_("the browser did not print the PDF within {seconds} s and was stopped; "
                             "nothing was written").format(seconds=Number(timeout, 2))) from None
        first = one_line((str(exc).strip().splitlines() or [type(exc).__name__])[0][:200])
        browser = one_line(chromium_path() or "?")
        raise PdfError(_("the browser {browser} could not print the PDF ({error}); nothing was written. Check that "
                         "it is Chromium or Chrome (CYCLEMAP_CHROMIUM chooses another), or open the HTML handout "
                         "and print it.").format(browser=browser, error=first)) from exc
    finally:
        watchdog.cancel()


def _descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc; elsewhere, none: the timeouts of
    playwright's own calls still hold)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill_browsers(overdue) -> None:
    """The watchdog: the print overstayed, so kill the browser (and playwright's driver);
    the waiting call then fails and becomes a PdfError."""
    import signal

    overdue.set()
    for pid in reversed(_descendants(os.getpid())):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _print(html: str, paper: str, timeout: float) -> bytes:
    from playwright.sync_api import sync_playwright

    from cyclemap.outputs.fonts import fontconfig_env

    ms = max(1.0, timeout * 1000)
    with sync_playwright() as p:
        # The browser sets the page in the bundled font (DejaVu Sans with its emoji), as the
        # picture is drawn: fontconfig for that process only.
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS,
                                    timeout=ms, handle_sigint=False, handle_sigterm=False, handle_sighup=False,
                                    env=fontconfig_env())
        try:
            context = browser.new_context(java_script_enabled=False, offline=True, service_workers="block")
            context.set_default_timeout(ms)
            context.route("**/*", _refuse_network)
            page = context.new_page()
            page.set_content(html, wait_until="load", timeout=ms)
            return page.pdf(format=PAPERS[paper], print_background=True, prefer_css_page_size=False,
                            display_header_footer=True, header_template="<span></span>",
                            footer_template=('<div style="width:100%;font-size:8px;color:#777;text-align:center;'
                                             'font-family:DejaVu Sans,Arial,sans-serif">'
                                             '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'))
        finally:
            browser.close()
