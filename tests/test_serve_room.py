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
    big_text = generate_cycle(200)
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
        finally:
            stop.set()
            conn.close()


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
            conn.close()


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
        assert "línea" in banner and "una lista entre corchetes no está cerrada" in banner, banner
        assert "did not find" not in banner and "while parsing" not in banner
