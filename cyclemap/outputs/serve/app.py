"""The live page's web application (Starlette): pages, their fragments, one push channel
(server-sent events) and the page's own script and style. Nothing else.

    GET /                         the index of cycles
    GET /cycle/KEY[?layout=&present=1]   one cycle's page
    GET /api/index, /api/cycle/KEY[?layout=]  what a page swaps in after a save (JSON)
    GET /api/previous/KEY[?layout=]          the version before the latest save (the V key)
    GET /export/KEY.svg|png|pdf[?layout=&version=previous]  the diagram on screen, as a file
    GET /events                   "change" {key, version} and "index" {version}, pushed
    GET /assets/serve.js|serve.css

Every other path, method or key is 404 or 405: there is no write endpoint, and a KEY is
looked up in the workspace's table of the files it serves, never joined to a folder.
Every response carries a strict Content-Security-Policy (scripts, styles and requests
to this server only: nothing from the network), no caching and no referrer. A watcher
(watchfiles) looks again after every save, in a worker thread, and the push channel
tells the pages.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import secrets
import threading
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from cyclemap.outputs.serve import views
from cyclemap.outputs.serve.workspace import CYCLE_SUFFIXES, SETTINGS_NAMES, Workspace

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
ASSETS = {"serve.js": "text/javascript; charset=utf-8", "events.js": "text/javascript; charset=utf-8",
          "serve.css": "text/css; charset=utf-8"}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
PING_SECONDS = 15.0
# Open push channels (each an open connection and a queue): past this, a new one is
# refused with 503 and the page tries again (its `retry`), instead of exhausting the server.
MAX_STREAMS = 256
RESCAN_SECONDS = 2.0  # a look at every file's stamp, should the watcher miss a save
HOLD_SECONDS = 0.8  # a save that does not read waits this long for the rest of the write


@dataclass(frozen=True)
class Share:
    """`serve --share`: the participants' link (with its token) and its QR code (SVG)."""

    token: str
    url: str
    qr_svg: str = ""
    local: tuple[str, ...] = ()  # client addresses that are this machine, beyond loopback


class SecurityHeaders:
    """Adds HEADERS to every HTTP response (pages, JSON, assets, errors)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _unused in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        return await self.app(scope, receive, with_headers)


LOCAL_CLIENTS = ("127.0.0.1", "::1", "::ffff:127.0.0.1")  # the facilitator's own machine
SHARE_COOKIE = "cyclemap_share"


class ShareGate:
    """`serve --share`: a request from another machine is answered only with the token.
    `/join/TOKEN` (the link and the QR code) sets it as a cookie and goes to the index;
    without it every path is 404, as if nothing were there. Requests from this machine
    (127.0.0.1, ::1, and the one address it listens on when that is not every address:
    no phone has it) are the facilitator's. Participants' requests are marked, and their
    pages are the read-only phone pages."""

    def __init__(self, app, token: str, local: tuple[str, ...] = ()):
        self.app = app
        self.token = token.encode()
        self.local = frozenset(LOCAL_CLIENTS + tuple(local))

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("", 0))[0]
        if client in self.local:
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if path.startswith("/join/"):
            if hmac.compare_digest(path[len("/join/"):].encode(), self.token):
                cookie = f"{SHARE_COOKIE}={self.token.decode()}; Path=/; HttpOnly; SameSite=Strict"
                await send({"type": "http.response.start", "status": 303,
                            "headers": [(b"location", b"/"), (b"set-cookie", cookie.encode()),
                                        (b"content-length", b"0")]})
                await send({"type": "http.response.body", "body": b""})
                return
        else:
            for name, value in scope.get("headers", []):
                if name == b"cookie":
                    for part in value.split(b";"):
                        key, _eq, given = part.strip().partition(b"=")
                        if key == SHARE_COOKIE.encode() and hmac.compare_digest(given, self.token):
                            scope.setdefault("state", {})["participant"] = True
                            return await self.app(scope, receive, send)
        await send({"type": "http.response.start", "status": 404,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
        await send({"type": "http.response.body", "body": b"404"})


class Hub:
    """The pages listening for changes, each with its own queue (event-loop thread only)."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue] = set()

    def subscribe(self) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self.queues.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue) -> None:
        self.queues.discard(queue)

    def publish(self, event: str, data: dict) -> None:
        message = f"event: {event}\ndata: {json.dumps(data)}\n\n"
        for queue in self.queues:
            queue.put_nowait(message)


def say_running_out_once(loop: asyncio.AbstractEventLoop, lang: str) -> None:
    """Running out of file descriptors (EMFILE, ENFILE: the server cannot accept another
    connection or open a file) is said once on stderr, not as a traceback for every refused
    connection; the server goes on as descriptors free up. Anything else goes to asyncio's
    own handler."""
    import errno
    import sys

    told = False

    def handler(loop, context):
        nonlocal told
        exc = context.get("exception")
        if isinstance(exc, OSError) and exc.errno in (errno.EMFILE, errno.ENFILE):
            if not told:
                told = True
                sys.stderr.write(views.T["running_out"](lang) + "\n")
                sys.stderr.flush()
            return
        if isinstance(exc, ValueError) and "_start_serving" in repr(context.get("handle")):
            return  # asyncio retrying an accept that ran out, on a server socket closed since (Ctrl-C)
        loop.default_exception_handler(context)

    loop.set_exception_handler(handler)


def _load_assets() -> dict[str, bytes]:
    folder = resources.files("cyclemap.outputs.serve").joinpath("assets")
    return {name: folder.joinpath(name).read_bytes() for name in ASSETS}


def _watch_filter(change, path: str) -> bool:
    name = os.path.basename(path)
    return name.lower().endswith(CYCLE_SUFFIXES) or name in SETTINGS_NAMES


def create_app(workspace: Workspace, *, hosts: list[str] | None = None, index_lang: str = "en",
               should_stop: Callable[[], bool] = lambda: False, share: "Share | None" = None) -> Starlette:
    """The application over `workspace`, answering requests addressed to `hosts` only
    (default: this machine's loopback names). `should_stop` tells the push channel that
    the server is stopping (so open pages do not hold Ctrl-C up). `share`: participants
    on the network, with the token of the link (`--share`)."""
    hub = Hub()
    assets = _load_assets()
    # Who this server is: a page that hears another id after a reconnect is talking to a
    # restarted server (its versions start again at 1), and reloads itself.
    instance = secrets.token_hex(8)

    def layout_of(request: Request) -> str:
        layout = request.query_params.get("layout", "clock")
        return layout if layout in views.LAYOUTS else "clock"

    made: dict[tuple[str, int, str], dict] = {}  # (key, version, layout) -> fragments, the latest few
    made_lock = threading.Lock()
    looking: set[str] = set()  # cycles being looked at now
    again: set[str] = set()  # ... and saved again meanwhile
    forced: set[str] = set()  # ... with the settings changed meanwhile
    running: set[asyncio.Task] = set()

    def fragments_of(key: str, layout: str) -> dict | None:
        """A cycle's fragments (built once per version and layout; worker thread)."""
        def build(entry):
            name = (key, entry.version, layout)
            with made_lock:
                if name in made:
                    return made[name]
            built = views.fragments(entry, layout)
            with made_lock:
                made[name] = built
                while len(made) > 64:
                    made.pop(next(iter(made)))
            return built

        found = workspace.picture(key, layout, build)
        if found is not None:
            prev_key, next_key = workspace.neighbours(key)
            found = dict(found, prev=prev_key, next=next_key)
        return found

    def announce_index() -> None:
        hub.publish("index", {"version": workspace.index_version})

    async def look_at(key: str, force: bool) -> None:
        """Check one cycle (in a worker thread) and tell its pages. Saves of a file that
        is being checked are gathered into one more look when it ends, so a big file
        saved again and again never fills the worker threads the others need. A save
        that does not read is held back for HOLD_SECONDS and looked at again, so an
        editor that truncates, pauses and writes never flashes the red banner."""
        if key in looking:
            again.add(key)
            forced.update([key] if force else [])
            return
        looking.add(key)
        try:
            while True:
                again.discard(key)
                force = force or key in forced
                forced.discard(key)
                outcome = await asyncio.to_thread(workspace.check, key, True, force)
                if outcome == "held":
                    await asyncio.sleep(HOLD_SECONDS)
                    if key in again:
                        continue  # written again meanwhile: look at that, holding again
                    outcome = await asyncio.to_thread(workspace.check, key, False, True)
                if outcome == "changed":
                    entry = workspace.get(key)
                    if entry is not None:
                        await asyncio.to_thread(fragments_of, key, entry.layout)  # ready before the pages ask
                        hub.publish("change", {"key": key, "version": entry.version})
                        announce_index()
                if key not in again:
                    return
                force = False
        finally:
            looking.discard(key)

    async def look_again(settings_changed: bool = False) -> None:
        due, index_changed = await asyncio.to_thread(workspace.scan, settings_changed)
        if index_changed:
            announce_index()
        for key in due:
            task = asyncio.create_task(look_at(key, settings_changed))
            running.add(task)
            task.add_done_callback(running.discard)

    async def watch(paths: list[str], recursive: bool, stop: asyncio.Event) -> None:
        from watchfiles import awatch

        async for changes in awatch(*paths, watch_filter=_watch_filter, debounce=400, step=10, stop_event=stop,
                                    recursive=recursive, ignore_permission_denied=True):
            settings = any(os.path.basename(p) in SETTINGS_NAMES for _unused, p in changes)
            await look_again(settings)

    async def rescan(stop: asyncio.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(RESCAN_SECONDS)
            await look_again()

    @asynccontextmanager
    async def lifespan(app):
        say_running_out_once(asyncio.get_running_loop(), index_lang)
        stop = asyncio.Event()
        folders = sorted({r.watch_dir for r in workspace.roots if r.folder})
        parents = sorted({r.watch_dir for r in workspace.roots if not r.folder} - set(folders))
        tasks = [asyncio.create_task(rescan(stop))]
        if folders:
            tasks.append(asyncio.create_task(watch(folders, True, stop)))
        if parents:
            tasks.append(asyncio.create_task(watch(parents, False, stop)))
        try:
            yield
        finally:
            stop.set()
            for task in tasks + list(running):
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def participant(request: Request) -> bool:
        return bool(request.scope.get("state", {}).get("participant"))

    async def index(request: Request) -> Response:
        guest = participant(request)
        shared = None if share is None or guest else (share.url, share.qr_svg)
        page = await asyncio.to_thread(
            workspace.each, lambda entries: views.index_page(entries, index_lang, workspace.index_version, instance,
                                                             participant=guest, share=shared))
        return HTMLResponse(page)

    async def api_index(request: Request) -> Response:
        state = await asyncio.to_thread(workspace.each, lambda entries: {
            "version": workspace.index_version, "html": {"cycles": views.index_rows(entries, index_lang)}})
        return JSONResponse(state)

    async def cycle(request: Request) -> Response:
        key = request.path_params["key"]
        layout = layout_of(request)
        prev_key, next_key = workspace.neighbours(key)
        present = request.query_params.get("present") == "1"
        from cyclemap.outputs.serve.links import links_html

        page = await asyncio.to_thread(workspace.picture, key, layout, lambda entry: views.cycle_page(
            entry, layout, present, prev_key, next_key,
            workspace.each(lambda entries: links_html(entry, entries, views.entry_lang(entry))),
            instance, participant=participant(request)))
        return not_found() if page is None else HTMLResponse(page)

    async def api_cycle(request: Request) -> Response:
        key = request.path_params["key"]
        layout = layout_of(request)
        fragments = await asyncio.to_thread(fragments_of, key, layout)
        if fragments is None:
            return not_found()
        return JSONResponse(fragments)

    async def events(request: Request) -> Response:
        if len(hub.queues) >= MAX_STREAMS:
            return PlainTextResponse("503 " + views.T["busy"](index_lang), status_code=503, headers={"retry-after": "5"})
        queue = hub.subscribe()

        async def stream():
            try:
                hello = {"versions": workspace.versions(), "index": workspace.index_version, "server": instance}
                yield f"retry: 1000\nevent: hello\ndata: {json.dumps(hello)}\n\n"
                quiet_since = time.monotonic()
                while not should_stop():
                    try:
                        message = await asyncio.wait_for(queue.get(), 0.25)
                    except asyncio.TimeoutError:
                        if time.monotonic() - quiet_since > PING_SECONDS:
                            quiet_since = time.monotonic()
                            yield ": ping\n\n"
                        continue
                    quiet_since = time.monotonic()
                    yield message
            finally:
                hub.unsubscribe(queue)

        return StreamingResponse(stream(), media_type="text/event-stream", headers={"x-accel-buffering": "no"})

    async def api_previous(request: Request) -> Response:
        """The version before the latest save, as fragments (the V key)."""
        key = request.path_params["key"]
        layout = layout_of(request)
        fragments = await asyncio.to_thread(workspace.picture, key, layout,
                                            lambda entry: views.fragments(entry, layout), True)
        if fragments is None:
            return not_found()
        return JSONResponse(dict(fragments, previous=True))

    async def export(request: Request) -> Response:
        """The diagram on screen as a file: its layout, and its version (`version=previous`)."""
        import re

        from cyclemap.outputs.render import RenderError, render_bytes

        key, dot, fmt = request.path_params["key"].rpartition(".")
        entry = workspace.get(key) if dot and fmt in views.EXPORTS else None
        checked = None
        if entry is not None:
            checked = entry.previous if request.query_params.get("version") == "previous" else entry.checked
        if checked is None:
            return not_found()
        layout = layout_of(request)

        def make():
            # PDF needs the system Graphviz (the embedded one writes SVG and PNG).
            engine = "auto" if fmt == "pdf" else workspace.engine
            return render_bytes(checked, layout=layout, fmt=fmt, engine=engine, timeout=workspace.timeout)

        try:
            data = await asyncio.to_thread(make)
        except RenderError as exc:
            return PlainTextResponse(exc.text(views.entry_lang(entry)), status_code=409)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", key.rsplit("/", 1)[-1].rsplit(".", 1)[0]) or "cycle"
        kinds = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}
        return Response(data, media_type=kinds[fmt],
                        headers={"content-disposition": f'attachment; filename="{stem}-{layout}.{fmt}"'})

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return not_found()
        return Response(assets[name], media_type=ASSETS[name])

    def not_found() -> Response:
        return PlainTextResponse("404 " + views.T["not_found"](index_lang), status_code=404)

    async def on_404(request: Request, exc) -> Response:
        return not_found()

    async def on_405(request: Request, exc) -> Response:
        return PlainTextResponse("405 " + views.T["not_allowed"](index_lang), status_code=405)

    async def on_500(request: Request, exc) -> Response:
        return PlainTextResponse("500 " + views.T["internal"](index_lang), status_code=500)

    routes = [
        Route("/", index),
        Route("/api/index", api_index),
        Route("/cycle/{key:path}", cycle),
        Route("/api/cycle/{key:path}", api_cycle),
        Route("/api/previous/{key:path}", api_previous),
        Route("/export/{key:path}", export),
        Route("/events", events),
        Route("/assets/{name}", asset),
    ]
    middleware = [Middleware(SecurityHeaders)]
    # A web page elsewhere cannot reach this server through a name of its own (DNS
    # rebinding): only requests addressed to this machine's names are answered, whatever
    # address it listens on.
    middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(dict.fromkeys(LOOPBACK_HOSTS + (hosts or [])))))
    if share is not None:
        middleware.append(Middleware(ShareGate, token=share.token, local=share.local))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={404: on_404, 405: on_405, 500: on_500})
