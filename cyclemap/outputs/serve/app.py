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
import json
import re
import secrets
import time
from importlib import resources
from typing import Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from cyclemap.outputs.serve import pages, views
from cyclemap.outputs.serve.guards import LOOPBACK_HOSTS, SecurityHeaders, Share, ShareGate
from cyclemap.outputs.serve.watcher import Hub, Watcher
from cyclemap.outputs.serve.workspace import Workspace

__all__ = ["Share", "create_app"]  # Share is imported from here by the serve command

ASSETS = {"serve.js": "text/javascript; charset=utf-8", "events.js": "text/javascript; charset=utf-8",
          "serve.css": "text/css; charset=utf-8"}
PING_SECONDS = 15.0
# Open push channels (each an open connection and a queue): past this, a new one is
# refused with 503 and the page tries again (its `retry`), instead of exhausting the server.
MAX_STREAMS = 256
EXPORT_TYPES = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}


def _load_assets() -> dict[str, bytes]:
    folder = resources.files("cyclemap.outputs.serve").joinpath("assets")
    return {name: folder.joinpath(name).read_bytes() for name in ASSETS}


def layout_of(request: Request) -> str:
    layout = request.query_params.get("layout", "clock")
    return layout if layout in views.LAYOUTS else "clock"


def participant(request: Request) -> bool:
    return bool(request.scope.get("state", {}).get("participant"))


class Pages:
    """The route handlers, sharing one workspace, its watcher and the index's language.
    Every handler that builds HTML or checks a file does it in a worker thread."""

    def __init__(self, workspace: Workspace, watcher: Watcher, lang: str, share: Share | None,
                 should_stop: Callable[[], bool]) -> None:
        self.workspace = workspace
        self.watcher = watcher
        self.hub = watcher.hub
        self.lang = lang
        self.share = share
        self.should_stop = should_stop
        self.assets = _load_assets()
        # Who this server is: a page that hears another id after a reconnect is talking to a
        # restarted server (its versions start again at 1), and reloads itself.
        self.instance = secrets.token_hex(8)

    def routes(self) -> list[Route]:
        return [
            Route("/", self.index),
            Route("/api/index", self.api_index),
            Route("/cycle/{key:path}", self.cycle),
            Route("/api/cycle/{key:path}", self.api_cycle),
            Route("/api/previous/{key:path}", self.api_previous),
            Route("/export/{key:path}", self.export),
            Route("/events", self.events),
            Route("/assets/{name}", self.asset),
        ]


    async def index(self, request: Request) -> Response:
        guest = participant(request)
        shared = None if self.share is None or guest else (self.share.url, self.share.qr_svg)
        page = await asyncio.to_thread(
            self.workspace.each, lambda entries: pages.index_page(
                entries, self.lang, self.workspace.index_version, self.instance, participant=guest, share=shared))
        return HTMLResponse(page)

    async def api_index(self, request: Request) -> Response:
        state = await asyncio.to_thread(self.workspace.each, lambda entries: {
            "version": self.workspace.index_version, "html": {"cycles": views.index_rows(entries, self.lang)}})
        return JSONResponse(state)

    async def cycle(self, request: Request) -> Response:
        key = request.path_params["key"]
        layout = layout_of(request)
        prev_key, next_key = self.workspace.neighbours(key)
        present = request.query_params.get("present") == "1"
        from cyclemap.outputs.serve.links import links_html

        page = await asyncio.to_thread(self.workspace.picture, key, layout, lambda entry: pages.cycle_page(
            entry, layout, present, prev_key, next_key,
            self.workspace.each(lambda entries: links_html(entry, entries, views.entry_lang(entry))),
            self.instance, participant=participant(request)))
        return self.not_found() if page is None else HTMLResponse(page)

    async def api_cycle(self, request: Request) -> Response:
        key = request.path_params["key"]
        fragments = await asyncio.to_thread(self.watcher.fragments_of, key, layout_of(request))
        if fragments is None:
            return self.not_found()
        return JSONResponse(fragments)

    async def api_previous(self, request: Request) -> Response:
        """The version before the latest save, as fragments (the V key)."""
        key = request.path_params["key"]
        layout = layout_of(request)
        fragments = await asyncio.to_thread(self.workspace.picture, key, layout,
                                            lambda entry: views.fragments(entry, layout), True)
        if fragments is None:
            return self.not_found()
        return JSONResponse(dict(fragments, previous=True))

    async def events(self, request: Request) -> Response:
        if len(self.hub.queues) >= MAX_STREAMS:
            return PlainTextResponse("503 " + views.T["busy"](self.lang), status_code=503,
                                     headers={"retry-after": "5"})
        return StreamingResponse(self._stream(self.hub.subscribe()), media_type="text/event-stream",
                                 headers={"x-accel-buffering": "no"})

    async def _stream(self, queue: asyncio.Queue):
        """One page's push channel: hello (the versions it should show), then every change,
        with a ping after PING_SECONDS of quiet so proxies and the page know it is alive."""
        try:
            hello = {"versions": self.workspace.versions(), "index": self.workspace.index_version,
                     "server": self.instance}
            yield f"retry: 1000\nevent: hello\ndata: {json.dumps(hello)}\n\n"
            quiet_since = time.monotonic()
            while not self.should_stop():
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
            self.hub.unsubscribe(queue)

    async def export(self, request: Request) -> Response:
        """The diagram on screen as a file: its layout, and its version (`version=previous`)."""
        from cyclemap.outputs.render import RenderError, render_bytes

        key, dot, fmt = request.path_params["key"].rpartition(".")
        entry = self.workspace.get(key) if dot and fmt in views.EXPORTS else None
        checked = None
        if entry is not None:
            checked = entry.previous if request.query_params.get("version") == "previous" else entry.checked
        if checked is None:
            return self.not_found()
        layout = layout_of(request)

        def make():
            # PDF needs the system Graphviz (the embedded one writes SVG and PNG).
            engine = "auto" if fmt == "pdf" else self.workspace.engine
            return render_bytes(checked, layout=layout, fmt=fmt, engine=engine, timeout=self.workspace.timeout)

        try:
            data = await asyncio.to_thread(make)
        except RenderError as exc:
            return PlainTextResponse(exc.text(views.entry_lang(entry)), status_code=409)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", key.rsplit("/", 1)[-1].rsplit(".", 1)[0]) or "cycle"
        return Response(data, media_type=EXPORT_TYPES[fmt],
                        headers={"content-disposition": f'attachment; filename="{stem}-{layout}.{fmt}"'})

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in self.assets:
            return self.not_found()
        return Response(self.assets[name], media_type=ASSETS[name])

    def not_found(self) -> Response:
        return PlainTextResponse("404 " + views.T["not_found"](self.lang), status_code=404)

    async def on_404(self, request: Request, exc) -> Response:
        return self.not_found()

    async def on_405(self, request: Request, exc) -> Response:
        return PlainTextResponse("405 " + views.T["not_allowed"](self.lang), status_code=405)

    async def on_500(self, request: Request, exc) -> Response:
        return PlainTextResponse("500 " + views.T["internal"](self.lang), status_code=500)


def create_app(workspace: Workspace, *, hosts: list[str] | None = None, index_lang: str = "en",
               should_stop: Callable[[], bool] = lambda: False, share: "Share | None" = None) -> Starlette:
    """The application over `workspace`, answering requests addressed to `hosts` only
    (default: this machine's loopback names). `should_stop` tells the push channel that
    the server is stopping (so open pages do not hold Ctrl-C up). `share`: participants
    on the network, with the token of the link (`--share`)."""
    watcher = Watcher(workspace, Hub(), index_lang)
    pages = Pages(workspace, watcher, index_lang, share, should_stop)
    middleware = [Middleware(SecurityHeaders)]
    # A web page elsewhere cannot reach this server through a name of its own (DNS
    # rebinding): only requests addressed to this machine's names are answered, whatever
    # address it listens on.
    middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(dict.fromkeys(LOOPBACK_HOSTS + (hosts or [])))))
    if share is not None:
        middleware.append(Middleware(ShareGate, token=share.token, local=share.local))
    return Starlette(routes=pages.routes(), middleware=middleware, lifespan=watcher.lifespan,
                     exception_handlers={404: pages.on_404, 405: pages.on_405, 500: pages.on_500})
