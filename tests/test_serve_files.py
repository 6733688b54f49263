"""The live page's file boundary: every cycle is opened through one descriptor-based,
no-follow path (`format.walk.read_inside`) that checks what it opened is a regular file
inside the folder — so a file swapped for a link out of the folder is never shown, and a
FIFO swapped in never hangs the server; any file-name bytes work; a folder nested 1,100
levels deep is walked iteratively; push channels are bounded; and running out of file
descriptors is said once, not as a traceback per connection."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.test_serve import SMALL, URL, _env, serving
from tests.test_walks import deep_tree

from cyclemap.format.walk import read_inside


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "taller"
    folder.mkdir()
    (folder / "coffee.yaml").write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(SMALL.format(first="SECRET-MOMENT"), encoding="utf-8")
    return folder


def _everything(server, key: str) -> str:
    return server.get("/") + server.get(f"/cycle/{key}") + json.dumps(server.state(key))


def _gone_or_new(server, key: str, before: int) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        status, _headers, body = server.request(f"/api/cycle/{key}")
        if status == 404 or json.loads(body)["version"] > before:
            return
        time.sleep(0.05)
    raise AssertionError("the swap was not seen")


def test_a_cycle_swapped_for_a_link_out_of_the_folder_is_never_served(folder, tmp_path):
    with serving(str(folder)) as server:
        before = server.state("coffee.yaml")["version"]
        target = folder / "coffee.yaml"
        swap = folder / ".swap"
        swap.symlink_to(tmp_path / "secret.yaml")
        os.replace(swap, target)  # atomically: the name now is a link out of the folder
        _gone_or_new(server, "coffee.yaml", before)
        assert "SECRET-MOMENT" not in server.get("/") + server.request("/cycle/coffee.yaml")[2]
        # A link to a file inside the folder is fine: it is read through the same path.
        (folder / "inner.yaml").write_text(SMALL.format(first="Inner moment"), encoding="utf-8")
        target.unlink()
        target.symlink_to("inner.yaml")
        deadline = time.monotonic() + 15
        while "Inner moment" not in server.request("/cycle/coffee.yaml")[2] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Inner moment" in server.request("/cycle/coffee.yaml")[2]


def test_a_fifo_swapped_in_never_hangs_the_server(folder):
    with serving(str(folder)) as server:
        before = server.state("coffee.yaml")["version"]
        target = folder / "coffee.yaml"
        target.unlink()
        os.mkfifo(target)
        _gone_or_new(server, "coffee.yaml", before)
        start = time.monotonic()
        server.get("/")
        assert time.monotonic() - start < 5
        assert server.stop() in (0, 130, -signal.SIGINT)
        assert "Traceback" not in "".join(server.err)


def test_any_file_name_bytes_and_deep_folders(folder):
    (folder / os.fsdecode(b"caf\xe9 \xff.yaml")).write_text(SMALL.format(first="Latin-1 name"), encoding="utf-8")
    with deep_tree(folder), serving(str(folder)) as server:
        index = server.get("/")
        assert 'href="/cycle/caf%5Cxe9%20%5Cxff.yaml"' in index
        status, _headers, body = server.request("/cycle/caf%5Cxe9%20%5Cxff.yaml")
        assert status == 200 and "Latin-1 name" in body
        assert "Traceback" not in "".join(server.err)


def test_read_inside_refuses_links_fifos_and_folders_on_the_descriptor(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.yaml").write_text("x")
    (tmp_path / "out.yaml").write_text("secret")
    (tmp_path / "in" / "link.yaml").symlink_to(tmp_path / "out.yaml")
    (tmp_path / "in" / "sub").symlink_to(tmp_path)
    os.mkfifo(tmp_path / "in" / "fifo.yaml")
    assert read_inside(str(tmp_path / "in"), ("a.yaml",), 10) == b"x"
    assert read_inside(str(tmp_path / "in"), ("a.yaml",), 0) == b"x"  # limit + 1 bytes: the caller sees it is over
    for parts, code in ((("link.yaml",), errno.ELOOP), (("sub", "out.yaml"), errno.ELOOP),
                        (("fifo.yaml",), errno.EINVAL), (("..", "out.yaml"), errno.EINVAL)):
        start = time.monotonic()
        with pytest.raises(OSError) as caught:
            read_inside(str(tmp_path / "in"), parts, 1000)
        assert caught.value.errno in (code, errno.ENOTDIR), parts
        assert time.monotonic() - start < 2


def test_the_workspace_reads_only_through_the_no_follow_path(folder, tmp_path):
    """Between the scan (a regular file inside) and the read, the name becomes a link out
    of the folder, or a FIFO: the read refuses it on the descriptor, at once."""
    from cyclemap.outputs.serve.workspace import Root, Workspace
    from cyclemap.cli.usage import make_pipeline

    workspace = Workspace([Root(str(folder))], lambda: make_pipeline())
    workspace.refresh()
    entry = workspace.get("coffee.yaml")
    assert entry.checked is not None
    target = folder / "coffee.yaml"
    target.unlink()
    target.symlink_to(tmp_path / "secret.yaml")
    with pytest.raises(OSError):
        workspace._read(entry.path)
    target.unlink()
    os.mkfifo(target)
    start = time.monotonic()
    with pytest.raises(OSError):
        workspace._read(entry.path)
    assert time.monotonic() - start < 2


def test_push_channels_past_the_bound_are_refused_cleanly(monkeypatch):
    from cyclemap.outputs.serve import app as serve_app

    class Quiet:
        roots: list = []
        index_version = 0

        def versions(self):
            return {}

    monkeypatch.setattr(serve_app, "MAX_STREAMS", 0)
    application = serve_app.create_app(Quiet())
    sent = []

    async def call():
        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": "/events", "raw_path": b"/events", "query_string": b"",
                 "headers": [(b"host", b"127.0.0.1")], "scheme": "http", "server": ("127.0.0.1", 80),
                 "client": ("127.0.0.1", 5000), "root_path": "", "http_version": "1.1", "app": application}
        await application(scope, receive, send)

    asyncio.run(call())
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 503 and (b"retry-after", b"5") in start["headers"]


def test_running_out_of_file_descriptors_is_said_once(folder):
    limit = 48

    def low_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

    proc = subprocess.Popen([sys.executable, "-m", "cyclemap", "serve", str(folder), "--port", "0"],
                            env=_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, preexec_fn=low_limit)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and not URL.search(line):
            line = proc.stderr.readline()
        host, port = URL.search(line).group(1), int(URL.search(line).group(2))
        sockets = []
        for _ in range(limit * 2):
            try:
                sockets.append(socket.create_connection((host, port), timeout=2))
            except OSError:
                break
        time.sleep(3)  # the server keeps trying to accept
        for s in sockets:
            s.close()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            _out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _out, err = proc.communicate()
    assert "Traceback" not in err, err[-3000:]
    assert err.count("out of file descriptors") == 1, err[-3000:]
