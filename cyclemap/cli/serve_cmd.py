"""`cyclemap serve [PATH...]`: a local live page over cycle files or folders of them.

Binds 127.0.0.1 unless `--host` says otherwise (and then warns), checks every file
through the pipeline, draws with the embedded Graphviz kept warm, and follows every
save (docs/serve.md). A port in use or a path it cannot read is a usage error (exit 2);
Ctrl-C stops it cleanly (exit 0).
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from typing import Annotated, Optional

import typer

from cyclemap.cli.frame import app, need
from cyclemap.cli.usage import say
from cyclemap.cli.common import (
    ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SelectOption, UsageError, check_choice, check_lang,
    guarded, h,
)
from cyclemap.format.i18n import _, _n

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a usage error that says what is wrong."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(_("--host {host}: not an address of this machine ({reason})").format(
            host=host, reason=exc.strerror))
    family, kind, proto, _unused, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(_("port {port} on {host} is in use (another cyclemap serve?); choose another with --port")
                             .format(port=port, host=host))
        raise UsageError(_("cannot listen on {host}:{port} ({reason})").format(host=host, port=port, reason=exc.strerror))
    sock.set_inheritable(False)
    return sock


def index_language(workspace, override: str | None) -> str:
    """--lang, else the language most served cycles are in, else English."""
    if override:
        return override
    from collections import Counter

    from cyclemap.outputs.serve.views import entry_lang

    langs = Counter(entry_lang(workspace.get(k)) for k in workspace.keys())
    return langs.most_common(1)[0][0] if langs else "en"


@app.command("serve", help=h(
    "A live local page for workshops: each cycle's diagram, weak points and curve follow every save, without a reload.\n\n"
    "Serves a cycle file or a folder (default: the current folder) on this machine only (127.0.0.1) unless --host. Keys on the page: ← → cycle, L layout, P presentation, F full screen, I all cycles.\n\n"
    "Examples:\n\n"
    "    cyclemap serve taller/\n\n"
    "    cyclemap serve banco.yaml --open\n\n"
    "    cyclemap serve taller/ --port 8080 --lang es"))
@guarded
def serve(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH...", show_default=False, help=h(
        "Cycle files or folders of them to show (default: the current folder)."))] = None,
    port: Annotated[int, typer.Option("--port", "-p", metavar="N", help=h(
        "Port to listen on (0: any free one)."))] = DEFAULT_PORT,
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS", help=h(
        "Address to listen on. Anything but this machine's own lets others on the network see the cycles."))] = DEFAULT_HOST,
    open_browser: Annotated[bool, typer.Option("--open", help=h(
        "Open the page in the web browser."))] = False,
    engine: Annotated[str, typer.Option("--engine", "-e", metavar="embedded|system|auto", help=h(
        "embedded: built-in Graphviz kept warm (fastest after each save); system: the dot program; auto: system if dot is there."))] = "embedded",
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap serve` (its help is the `help=` above, translated)."""
    for module in ("starlette", "uvicorn", "watchfiles"):  # the live page's web stack: an extra
        need(module, "serve", "serve")
    from cyclemap.cli.frame import judging as make_pipeline  # with a progress line while it reads --ratings
    from cyclemap.outputs.render import ENGINES
    from cyclemap.outputs.serve.workspace import Root, ServeError, Workspace

    check_choice("--engine", engine, ENGINES)
    if not 0 <= port <= 65535:
        raise UsageError(_("--port must be between 0 and 65535"))
    make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings)  # options checked now
    lang_code = check_lang(lang)  # `pt-BR` and `PT` read as `pt`
    try:
        roots = [Root(p) for p in (paths or ["."])]
    except ServeError as exc:
        raise UsageError(exc.text)
    sock = bind(host, port)
    try:
        workspace = Workspace(
            roots, lambda: make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings),
            engine=engine)
        workspace.refresh()
        workspace.warm()
        _run(workspace, sock, host, index_language(workspace, lang_code), open_browser)
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    say(_("cyclemap serve: stopped"))
    raise typer.Exit(0)


def _run(workspace, sock: socket.socket, host: str, index_lang: str, open_browser: bool) -> None:
    import uvicorn

    from cyclemap.outputs.serve.app import create_app

    loopback = is_loopback(host)
    server: uvicorn.Server | None = None
    application = create_app(workspace, loopback=loopback, index_lang=index_lang,
                             should_stop=lambda: bool(server and server.should_exit))
    config = uvicorn.Config(application, log_config=None, log_level="warning", access_log=False, lifespan="on",
                            http="h11", ws="none", timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    url = f"http://{shown}:{bound_port}/"
    n = len(workspace.keys())
    if not loopback:
        say(_("cyclemap serve: warning: listening on {host}: anyone who can reach this machine can see these cycles")
            .format(host=host))
    say(_n("cyclemap serve: {n} cycle at {url}  (Ctrl-C stops)", "cyclemap serve: {n} cycles at {url}  (Ctrl-C stops)", n)
        .format(url=url))
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    server.run(sockets=[sock])
