"""`cyclemap serve` for a whole room, over real HTTP (the browser side is in
tests/test_serve_browser.py): a 200-moment neighbour delays only itself, a save written
in pieces (truncate, pause, write) never shows the red banner, and a restarted server
says it is another one (its id in the push channel's hello), so pages reload."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time

from tests.conftest import ROOT
from tests.test_serve import SMALL, _events, serving

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_cycle  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def collect(events, into: list, stop: threading.Event) -> threading.Thread:
    def run():
        try:
            for event in events:
                into.append((time.monotonic(), *event))
                if stop.is_set():
                    return
        except Exception:
            return

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_big_neighbour_delays_only_itself(tmp_path):
    small = tmp_path / "small.yaml"
    big = tmp_path / "big.yaml"
    small.write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    # 1,000 moments: drawing is fast enough now that a 200-moment neighbour can finish before
    # the small page has loaded, which would prove nothing either way.
    big_text = generate_cycle(1000)
    big.write_text(big_text, encoding="utf-8")
    with serving(str(tmp_path)) as server:
        conn, events = _events(server)
        seen: list = []
        stop = threading.Event()
        try:
            next(events)  # hello
            collect(events, seen, stop)
            before = server.state("small.yaml")["version"]
            # The big one is saved first, the small one right after it.
            big.write_text(big_text.replace("name: ", "name: Edited ", 1), encoding="utf-8")
            time.sleep(0.05)
            saved = time.monotonic()
            # While the big one is checked and drawn, the small one's page still loads at once.
            started = time.monotonic()
            assert "Joins the queue" in server.get("/cycle/small.yaml")
            page_load = time.monotonic() - started
            small.write_text(SMALL.format(first="Finds a seat"), encoding="utf-8")
            state = server.wait_for("small.yaml", before, timeout=30)
            small_ready = time.monotonic() - saved
            assert "Finds a seat" in state["html"]["diagram"]
            deadline = time.monotonic() + 60
            while not any(e[1] == "change" and e[2]["key"] == "big.yaml" for e in seen):
                assert time.monotonic() < deadline, "the big cycle never came"
                time.sleep(0.05)
            changes = [e[2]["key"] for e in seen if e[1] == "change"]
            # The small cycle was shown first, however long the big one took.
            assert changes.index("small.yaml") < changes.index("big.yaml"), changes
            big_at = next(e[0] for e in seen if e[1] == "change" and e[2]["key"] == "big.yaml")
            assert small_ready < big_at - saved, (small_ready, big_at - saved)
            assert page_load < big_at - saved, (page_load, big_at - saved)
        finally:
            stop.set()
            server.stop()  # first: the end of the push channel frees the reader, so closing does not
            conn.close()   # wait for its 15 s socket timeout


def test_a_save_written_in_pieces_never_shows_the_banner(tmp_path):
    cycle = tmp_path / "coffee.yaml"
    cycle.write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    with serving(str(tmp_path)) as server:
        conn, events = _events(server)
        seen: list = []
        stop = threading.Event()
        try:
            next(events)
            collect(events, seen, stop)
            states = []
            for i in range(5):
                # An editor that truncates, pauses, then writes (and one that writes half first).
                with open(cycle, "w", encoding="utf-8") as f:
                    f.flush()
                    time.sleep(0.25)
                    text = SMALL.format(first=f"Version {i}")
                    if i % 2:
                        f.write(text[: len(text) // 2])
                        f.flush()
                        time.sleep(0.2)
                        f.write(text[len(text) // 2:])
                    else:
                        f.write(text)
                time.sleep(0.3)
                states.append(server.state("coffee.yaml"))
            deadline = time.monotonic() + 15
            while "Version 4" not in server.state("coffee.yaml")["html"]["diagram"]:
                assert time.monotonic() < deadline
                time.sleep(0.05)
            time.sleep(1.2)  # past the hold: nothing late may bring the banner
            for e in list(seen):
                if e[1] == "change":
                    states.append(server.state("coffee.yaml"))
            states.append(server.state("coffee.yaml"))
            assert all(s["html"]["problem"] == "" for s in states), [s["html"]["problem"] for s in states]
            assert any(e[1] == "change" for e in seen)
        finally:
            stop.set()
            server.stop()  # first: the end of the push channel frees the reader, so closing does not
            conn.close()   # wait for its 15 s socket timeout


def test_a_restarted_server_says_it_is_another(tmp_path):
    (tmp_path / "coffee.yaml").write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    port = free_port()
    ids = []
    for _round in range(2):
        with serving(str(tmp_path), port=port) as server:
            conn, events = _events(server)
            event, hello = next(events)
            conn.close()
            assert event == "hello" and hello["versions"] == {"coffee.yaml": 1}
            page = server.get("/cycle/coffee.yaml")
            assert f'data-server="{hello["server"]}"' in page
            assert json.loads(server.get("/api/cycle/coffee.yaml"))["version"] == 1
            ids.append(hello["server"])
    # Versions begin again at 1: only the id tells the pages that this is another server.
    assert ids[0] != ids[1] and len(ids[0]) >= 16


def test_a_yaml_error_is_said_in_the_pages_language(tmp_path):
    cycle = tmp_path / "cafe.yaml"
    spanish = SMALL.replace("language: en", "language: es")
    cycle.write_text(spanish.format(first="Hace la fila"), encoding="utf-8")
    with serving(str(tmp_path)) as server:
        before = server.state("cafe.yaml")["version"]
        cycle.write_text(spanish.format(first="Hace la fila").replace("kind: critical", "kind: [critical"),
                         encoding="utf-8")
        state = server.wait_for("cafe.yaml", before)
        banner = state["html"]["problem"]
        assert "línea" in banner and "YAML no válido" in banner and "no se cierra con ]" in banner, banner
        assert "did not find" not in banner and "while parsing" not in banner


# -- participants: --share ---------------------------------------------------------------


def ask(port: int, path: str, *, source: str = "127.0.0.2", connect: str = "127.0.0.1", host: str | None = None,
        cookie: str | None = None):
    """A request from another client address (a participant's phone, as this machine can
    play one: 127.0.0.2), to the server's port."""
    import http.client

    conn = http.client.HTTPConnection(connect, port, timeout=10, source_address=(source, 0))
    headers = {"Host": host or f"{connect}:{port}"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def lan_link(server) -> str:
    """The participants' link `serve --share` printed (waiting for its QR code too)."""
    import re

    deadline = time.monotonic() + 10
    while not re.search(r"participants: http://\S+\n(.*\n){10}", "".join(server.err)):
        assert time.monotonic() < deadline, server.err
        time.sleep(0.05)
    return re.search(r"participants: (http://\S+)", "".join(server.err)).group(1)


def test_share_lets_phones_in_with_the_token_only(tmp_path):
    import re

    (tmp_path / "coffee.yaml").write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    with serving(str(tmp_path), "--share") as server:
        link = lan_link(server)
        err = "".join(server.err)
        assert "warning" in err and "Anyone who has this link" in err and "nobody can change" in err
        address, port, token = re.match(r"http://([^/:]+):(\d+)/join/(\S+)$", link).groups()
        assert int(port) == server.port and len(token) >= 20
        assert address not in ("0.0.0.0", "127.0.0.1"), "an address a phone can open"
        assert "█" in err or "▀" in err, "a QR code in the terminal"
        # The facilitator (this machine, 127.0.0.1) gets everything, the QR code on the index.
        index = ask(server.port, "/", source="127.0.0.1")[2]
        assert 'class="qr"' in index and "<svg" in index and token in index and "present" not in index
        page = ask(server.port, "/cycle/coffee.yaml", source="127.0.0.1")[2]
        assert 'id="present"' in page
        phone_host = f"{address}:{port}"
        # Another machine without the token: nothing at all.
        for path in ("/", "/cycle/coffee.yaml", "/api/index", "/api/cycle/coffee.yaml", "/events",
                     "/join/" + token[:-1] + "x", "/join/", "/assets/serve.js"):
            status, _h, body = ask(server.port, path, host=phone_host)
            assert status == 404 and "Coffee" not in body, (path, status)
        assert ask(server.port, "/", host=phone_host, cookie="cyclemap_share=guess")[0] == 404
        # Listening on every address, a request from the network address is a phone's too.
        assert ask(server.port, "/", source=address, connect=address, host=phone_host)[0] == 404
        # The link: a cookie, then the read-only phone pages.
        status, headers, _body = ask(server.port, "/join/" + token, host=phone_host)
        assert status == 303 and headers["location"] == "/"
        cookie = headers["set-cookie"].split(";")[0]
        assert "HttpOnly" in headers["set-cookie"] and "SameSite=Strict" in headers["set-cookie"]
        status, _h, index = ask(server.port, "/", host=phone_host, cookie=cookie)
        assert status == 200 and "Coffee to go" in index and "participant" in index
        assert token not in index and 'class="qr"' not in index
        status, _h, page = ask(server.port, "/cycle/coffee.yaml", host=phone_host, cookie=cookie)
        assert status == 200 and "Joins the queue" in page and "participant" in page
        assert 'id="present"' not in page and 'class="layout"' not in page and 'id="single-keys"' not in page
        assert ask(server.port, "/api/cycle/coffee.yaml", host=phone_host, cookie=cookie)[0] == 200
        # The Host check holds for participants too.
        assert ask(server.port, "/", host="evil.example", cookie=cookie)[0] == 400
        # And the cookie of another run's token does not open this one.
        assert ask(server.port, "/", host=phone_host, cookie="cyclemap_share=" + token[::-1])[0] == 404


def test_a_loopback_host_answers_to_the_address_it_prints(tmp_path):
    (tmp_path / "coffee.yaml").write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    with serving(str(tmp_path), "--host", "127.0.0.2") as server:
        assert server.host == "127.0.0.2"
        assert server.request("/")[0] == 200  # Host: 127.0.0.2:PORT
        assert server.request("/", headers={"Host": "evil.example"})[0] == 400


# -- the facilitator: what changed, the previous version, export -------------------------


def test_what_changed_the_previous_version_and_export(tmp_path):
    import http.client
    import shutil

    cycle = tmp_path / "coffee.yaml"
    cycle.write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    with serving(str(tmp_path)) as server:
        first = server.state("coffee.yaml")
        assert first["html"]["changes"] == "" and first["has_previous"] is False
        assert server.request("/api/previous/coffee.yaml")[0] == 404
        cycle.write_text(SMALL.format(first="Finds a seat").replace("score: 2.5", "score: 3.1"), encoding="utf-8")
        state = server.wait_for("coffee.yaml", first["version"])
        # Both changed moments are named (the name, and the other one's score), in service language.
        assert state["html"]["changes"] == "Changed since the previous save: Finds a seat, Orders at the counter."
        assert len(state["changed"]) == 2 and all(n.startswith("m") for n in state["changed"])
        assert state["html"]["moments"].count('class="routine changed"') == 1
        assert state["html"]["moments"].count('class="critical changed"') == 1
        for name in state["changed"]:
            assert f"<title>{name}</title>" in state["html"]["diagram"]
        before = json.loads(server.get("/api/previous/coffee.yaml?layout=flow"))
        assert before["previous"] is True and "Joins the queue" in " ".join(before["html"]["diagram"].split())
        assert "cyclemap_flow" in before["html"]["diagram"]

        def download(path):
            conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
            conn.close()
            return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), body

        status, headers, svg = download("/export/coffee.yaml.svg?layout=flow")
        assert status == 200 and headers["content-type"].startswith("image/svg+xml")
        assert headers["content-disposition"] == 'attachment; filename="coffee-flow.svg"'
        assert b"Finds a seat" in svg.replace(b"\n", b" ") or b"Finds" in svg
        status, headers, old = download("/export/coffee.yaml.svg?layout=clock&version=previous")
        assert status == 200 and b"Joins" in old and b"Finds" not in old
        status, headers, png = download("/export/coffee.yaml.png")
        assert status == 200 and png.startswith(b"\x89PNG") and headers["content-type"] == "image/png"
        status, headers, pdf = download("/export/coffee.yaml.pdf?layout=blueprint")
        if shutil.which("dot"):
            assert status == 200 and pdf.startswith(b"%PDF")
        else:
            assert status == 409 and b"PDF needs the system Graphviz" in pdf
        for bad in ("/export/coffee.yaml.gif", "/export/nope.yaml.svg", "/export/coffee.yaml"):
            assert download(bad)[0] == 404, bad


def test_share_on_one_address_knows_this_machine(tmp_path):
    """--share --host ADDRESS: the facilitator's browser on this machine comes from that
    address (127.0.0.1 does not reach it) and is let in; another address needs the link."""
    address = "127.0.0.3"
    (tmp_path / "coffee.yaml").write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    with serving(str(tmp_path), "--share", "--host", address) as server:
        link = lan_link(server)
        assert link.startswith(f"http://{address}:{server.port}/join/")
        assert server.host == address
        assert ask(server.port, "/cycle/coffee.yaml", source=address, connect=address)[0] == 200
        assert ask(server.port, "/cycle/coffee.yaml", source="127.0.0.4", connect=address)[0] == 404


def test_javascript_in_a_name_is_words_but_never_a_link():
    """A moment named "javascript: …" is text in the drawing and its tooltip; only where a
    URL is read (href, src, style) is it refused."""
    from cyclemap.outputs.handout.sources import inline_svg

    ns = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    named = (f'<svg {ns} viewBox="0 0 1 1"><g><a xlink:title="javascript: alert(1)"><text>javascript: alert(1)'
             '</text></a></g></svg>')
    assert inline_svg(named) is not None
    for bad in (f'<svg {ns}><a xlink:href="javascript:alert(1)"><text>a</text></a></svg>',
                f'<svg {ns}><a href="JavaScript:alert(1)">a</a></svg>',
                f'<svg {ns}><g style="fill:url(javascript:alert(1))"></g></svg>',
                f'<svg {ns}><g src="javascript:alert(1)"></g></svg>'):
        assert inline_svg(bad) is None, bad
