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
    ConfigOption, DebugOption, EngineOption, IgnoreOption, LangOption, RatingsOption, SelectOption, UsageError,
    check_choice, check_lang, guarded, h,
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


def is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def lan_address(ipv6: bool = False) -> str | None:
    """The address other machines on the local network reach this one at: the one the
    default route leaves from (a UDP socket pointed at a documentation address, nothing
    sent), or None when there is no network."""
    family, target = (socket.AF_INET6, "2001:db8::1") if ipv6 else (socket.AF_INET, "192.0.2.1")
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((target, 9))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if ipaddress.ip_address(address).is_loopback else address


def url_host(address: str) -> str:
    return f"[{address}]" if ":" in address else address


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
    "Serves a cycle file or a folder (default: the current folder) on this machine only (127.0.0.1) unless --host or --share. Keys on the page: ← → cycle, L layout, P presentation, V previous version, F full screen, I all cycles.\n\n"
    "Examples:\n\n"
    "    cyclemap serve taller/\n\n"
    "    cyclemap serve banco.yaml --open\n\n"
    "    cyclemap serve taller/ --share\n\n"
    "    cyclemap serve taller/ --port 8080 --lang es"))
@guarded
def serve(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH...", show_default=False, help=h(
        "Cycle files or folders of them to show (default: the current folder)."))] = None,
    port: Annotated[int, typer.Option("--port", "-p", metavar="N", help=h(
        "Port to listen on (0: any free one)."))] = DEFAULT_PORT,
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS", help=h(
        "Address to listen on. Anything but this machine's own lets others on the network see the cycles."))] = DEFAULT_HOST,
    share: Annotated[bool, typer.Option("--share", help=h(
        "Let participants follow on their phones: listens on the local network (unless --host says where) and "
        "prints a link with a secret token, and its QR code; only that link opens the pages from another "
        "machine, read-only."))] = False,
    open_browser: Annotated[bool, typer.Option("--open", help=h(
        "Open the page in the web browser."))] = False,
    engine: EngineOption = "embedded",  # kept warm: the fastest after each save
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
    if share and host == DEFAULT_HOST:
        host = "0.0.0.0"
    sock = bind(host, port)
    try:
        workspace = Workspace(
            roots, lambda: make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings),
            engine=engine)
        workspace.refresh()
        workspace.warm()
        _run(workspace, sock, host, index_language(workspace, lang_code), open_browser, share)
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    say(_("cyclemap serve: stopped"))
    raise typer.Exit(0)


def _run(workspace, sock: socket.socket, host: str, index_lang: str, open_browser: bool, share: bool = False) -> None:
    import uvicorn

    from cyclemap.outputs.serve.app import create_app

    bound_host, bound_port = sock.getsockname()[:2]
    hosts, network, url = _addresses(bound_host, bound_port, host, share)
    shared, code = _share_link(network, bound_host, bound_port) if share else (None, None)
    server: uvicorn.Server | None = None
    application = create_app(workspace, hosts=hosts, index_lang=index_lang,
                             should_stop=lambda: bool(server and server.should_exit), share=shared)
    config = uvicorn.Config(application, log_config=None, log_level="warning", access_log=False, lifespan="on",
                            http="h11", ws="none", timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    _say_where(len(workspace.keys()), url, host, shared, code)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    server.run(sockets=[sock])


def _addresses(bound_host: str, bound_port: int, host: str, share: bool) -> tuple[list[str], str | None, str]:
    """The names this server answers to (its Host check, against DNS rebinding): this
    machine's loopback names, the address it listens on, and on every address (0.0.0.0)
    the one the local network reaches it at: the address it prints. Also that network
    address (None when there is none) and the page's URL."""
    if is_wildcard(bound_host):
        network = lan_address(ipv6=":" in bound_host) or lan_address()
        hosts = [network] if network else []
        local = "127.0.0.1" if ":" not in bound_host else "[::1]"
    else:
        network = None if is_loopback(host) else bound_host
        hosts = list(dict.fromkeys([url_host(bound_host), bound_host, host]))
        local = url_host(bound_host)
    hosts += [url_host(h) for h in hosts if ":" in h]
    url = f"http://{url_host(network) if network and not share else local}:{bound_port}/"
    return hosts, network, url


def _share_link(network: str | None, bound_host: str, bound_port: int):
    """`--share`: the participants' link with a new token, and its QR code (segno)."""
    import secrets

    from cyclemap.outputs.serve.app import Share

    try:
        import segno
    except ImportError:
        raise UsageError(_("--share needs segno for the QR code; install it with: pip install 'cyclemap[serve]'"))
    token = secrets.token_urlsafe(16)  # 128 bits: not to be guessed while a workshop lasts
    link = f"http://{url_host(network or bound_host)}:{bound_port}/join/{token}"
    code = segno.make(link, error="m")
    # Listening on one network address, the facilitator's browser on this machine comes
    # from that address (127.0.0.1 does not reach it): it is this machine, not a phone.
    mine = () if is_wildcard(bound_host) else (bound_host,)
    return Share(token, link, code.svg_inline(scale=5, title="QR"), mine), code


def _say_where(n: int, url: str, host: str, shared, code) -> None:
    """On stderr: who can see the cycles (a warning beyond this machine), where the page is,
    and with --share the participants' link and its QR code."""
    if shared is not None:
        say(_("cyclemap serve: warning: sharing on the local network. Anyone who has this link can see every cycle "
              "served here (titles, moments, scores and weak points) until you stop it; nobody can change them. "
              "Other machines without the link get nothing."))
    elif not is_loopback(host):
        say(_("cyclemap serve: warning: listening on {host}: anyone who can reach this machine can see these cycles")
            .format(host=host))
    say(_n("cyclemap serve: {n} cycle at {url}  (Ctrl-C stops)", "cyclemap serve: {n} cycles at {url}  (Ctrl-C stops)", n)
        .format(url=url))
    if shared is not None:
        import sys

        say(_("cyclemap serve: participants: {link}").format(link=shared.url))
        try:
            code.terminal(out=sys.stderr, compact=True)
        except UnicodeError:
            code.terminal(out=sys.stderr)
        sys.stderr.flush()
