"""The live page's guards, around every request: the security headers on every response,
and `serve --share`'s gate that answers another machine only when it holds the token.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

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
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


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
                message["headers"] = list(message.get("headers", [])) + [header for header in HEADERS if header[0] not in names]
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
