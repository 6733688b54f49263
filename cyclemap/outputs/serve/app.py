"""The live page's web application (Starlette): pages, their fragments, one push channel
(server-sent events) and the page's own script and style. Nothing else.

    GET /                         the index of cycles
    GET /cycle/KEY[?layout=&present=1]   one cycle's page
    GET /api/index, /api/cycle/KEY[?layout=]  what a page swaps in after a save (JSON)
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
import json
import os
import time
from contextlib import asynccontextmanager
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
ASSETS = {"serve.js": "text/javascript; charset=utf-8", "serve.css": "text/css; charset=utf-8"}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
PING_SECONDS = 15.0
# Open push channels (each an open connection and a queue): past this, a new one is
# refused with 503 and the page tries again (its `retry`), instead of exhausting the server.
MAX_STREAMS = 256
RESCAN_SECONDS = 2.0  # a look at every file's stamp, should the watcher miss a save


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


def create_app(workspace: Workspace, *, loopback: bool = True, index_lang: str = "en",
               should_stop: Callable[[], bool] = lambda: False) -> Starlette:
    """The application over `workspace`. `should_stop` tells the push channel that the
    server is stopping (so open pages do not hold Ctrl-C up)."""
    hub = Hub()
    assets = _load_assets()

    def layout_of(request: Request) -> str:
        layout = request.query_params.get("layout", "clock")
        return layout if layout in views.LAYOUTS else "clock"

    made: dict[tuple[str, int, str], dict] = {}  # (key, version, layout) -> fragments, the latest few

    def fragments_of(key: str, layout: str) -> dict | None:
        """A cycle's fragments (built once per version and layout; worker thread)."""
        def build(entry):
            name = (key, entry.version, layout)
            if name not in made:
                made[name] = views.fragments(entry, layout)
                while len(made) > 64:
                    made.pop(next(iter(made)))
            return made[name]

        return workspace.picture(key, layout, build)

    def refresh(settings_changed: bool) -> tuple[list[str], bool]:
        """Look again, and have the new fragments ready before the pages ask."""
        changed, index_changed = workspace.refresh(settings_changed)
        for key in changed:
            entry = workspace.get(key)
            if entry is not None:
                fragments_of(key, entry.layout)
        return changed, index_changed

    async def announce(changed: list[str], index_changed: bool) -> None:
        versions = workspace.versions()
        for key in changed:
            if key in versions:
                hub.publish("change", {"key": key, "version": versions[key]})
        if changed or index_changed:
            hub.publish("index", {"version": workspace.index_version})

    async def look_again(settings_changed: bool = False) -> None:
        changed, index_changed = await asyncio.to_thread(refresh, settings_changed)
        await announce(changed, index_changed)

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
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def index(request: Request) -> Response:
        page = await asyncio.to_thread(
            workspace.each, lambda entries: views.index_page(entries, index_lang, workspace.index_version))
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
            workspace.each(lambda entries: links_html(entry, entries, views.entry_lang(entry)))))
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
                hello = {"versions": workspace.versions(), "index": workspace.index_version}
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
        Route("/events", events),
        Route("/assets/{name}", asset),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if loopback:
        # A web page elsewhere cannot reach this server through a name of its own
        # (DNS rebinding): only requests addressed to this machine are answered.
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={404: on_404, 405: on_405, 500: on_500})
