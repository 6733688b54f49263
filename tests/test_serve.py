"""`cyclemap serve` as a user meets it: a real process on a free port, real HTTP.

The page and its fragments, the push channel, saves good and bad, traversal attempts
(`..`, encoded slashes and dots, absolute paths, symlinks out of the folder), no write
endpoint, the Content-Security-Policy, the port in use, an unreadable folder, --host's
warning and Ctrl-C. Every wait is bounded; every server is stopped (SIGINT, then kill).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from tests.conftest import EXAMPLES, ROOT

START_TIMEOUT = 60.0
URL = re.compile(r"http://(\S+?):(\d+)/")

SMALL = """\
cyclemap: 1
title: Coffee to go
customer: Commuter
language: en
moments:
  - id: queue
    name: {first}
    kind: routine
  - id: order
    name: Orders at the counter
    kind: critical
    expectation: 4
    score: 2.5
    responses: 40
  - id: pay
    name: Pays
    kind: routine
"""


@dataclass
class Server:
    proc: subprocess.Popen
    host: str
    port: int
    err: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(self, path: str, method: str = "GET", headers: dict | None = None, body: bytes | None = None):
        """A raw request: the path goes out exactly as written (no normalising of `..`)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def get(self, path: str) -> str:
        status, _, text = self.request(path)
        assert status == 200, (path, status, text[:200])
        return text

    def state(self, key: str, layout: str = "clock") -> dict:
        return json.loads(self.get(f"/api/cycle/{key}?layout={layout}"))

    def wait_for(self, key: str, after: int, timeout: float = 15.0) -> dict:
        """The cycle's state once its version is past `after` (a save was seen)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.state(key)
            if state["version"] > after:
                return state
            time.sleep(0.05)
        raise AssertionError(f"{key}: no new version after {timeout} s; server said {''.join(self.err)}")

    def stop(self, timeout: float = 15.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
                raise AssertionError("serve did not stop within 15 s of Ctrl-C")
        return self.proc.returncode


def _env(extra: dict | None = None) -> dict:
    env = {**os.environ, "CYCLEMAP_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra or {})
    return env


@contextmanager
def serving(*args: str, env: dict | None = None, port: int = 0):
    """Run `cyclemap serve ARGS --port 0` (a free port the server picks and prints; or
    `port`) and stop it afterwards, whatever happens."""
    proc = subprocess.Popen([sys.executable, "-m", "cyclemap", "serve", *args, "--port", str(port)], cwd=ROOT,
                            env=_env(env), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    err: list[str] = []
    found = threading.Event()

    def read():
        for line in proc.stderr:
            err.append(line)
            if URL.search(line):
                found.set()
        found.set()

    threading.Thread(target=read, daemon=True).start()
    server = None
    try:
        if not found.wait(START_TIMEOUT) or proc.poll() is not None:
            raise AssertionError(f"serve did not start: {''.join(err)}")
        match = next(URL.search(line) for line in err if URL.search(line))
        server = Server(proc, match.group(1), int(match.group(2)), err)
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


@pytest.fixture
def workshop(tmp_path):
    """A folder with two cycles, and a secret file beside it (outside the folder)."""
    folder = tmp_path / "taller"
    folder.mkdir()
    (folder / "coffee.yaml").write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    (folder / "banco.yaml").write_text((EXAMPLES / "banco.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(SMALL.format(first="SECRET-MOMENT"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One server for the tests that only read (pages, headers, traversals, refused
    writes): the workshop, plus a link to the secret file and a link to the folder above
    it. Tests that save, or start with other options, start their own."""
    outside = tmp_path_factory.mktemp("shared")
    folder = outside / "taller"
    folder.mkdir()
    (folder / "coffee.yaml").write_text(SMALL.format(first="Joins the queue"), encoding="utf-8")
    (folder / "banco.yaml").write_text((EXAMPLES / "banco.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (outside / "secret.yaml").write_text(SMALL.format(first="SECRET-MOMENT"), encoding="utf-8")
    (folder / "outside.yaml").symlink_to(outside / "secret.yaml")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    with serving(str(folder)) as server:
        yield server, folder, outside


def visible_text(html: str) -> str:
    """The page's words without tags, scripts or the diagram's drawing instructions."""
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


# -- what the page shows ---------------------------------------------------------------


def test_index_and_cycle_pages(shared):
    server, _folder, _outside = shared
    index = server.get("/")
    assert "Coffee to go" in index and "Apertura de cuenta en sucursal" in index
    assert 'href="/cycle/coffee.yaml"' in index and 'href="/cycle/banco.yaml"' in index
    assert "malo" in index, "banco's service level, in its own words"

    page = server.get("/cycle/coffee.yaml")
    assert '<html lang="en">' in page
    assert '<h1 id="title">Coffee to go</h1>' in page
    assert 'class="diagram"' in page and "Joins the queue" in page
    assert '<svg class="curve"' in page, "the expectation-perception curve"
    text = visible_text(page)
    assert "Orders at the counter" in text and "Weak points" in text
    # Service language: no rule codes, no moment ids, no YAML quoting (outside the
    # diagram, which the renderer draws with its own marks).
    assert not re.search(r"\bCM\d{3}\b", text)
    # (the moments' names are not ids: "Joins the queue" holds the word `queue`)
    names_out = text.replace("Pays", "").replace("Joins the queue", "")
    assert "`" not in text and not re.search(r"\b(queue|order|pay)\b", names_out)
    # The diagram has a name, and its moments are a list beside it, in order.
    assert 'role="img" aria-label="Diagram of the cycle Coffee to go: 3 moments, 1 critical.' in page
    assert re.search(r'<ol id="moments"><li class="routine">Joins the queue .*?</li>'
                     r'<li class="critical">Orders at the counter', page)

    spanish = server.get("/cycle/banco.yaml")
    assert '<html lang="es">' in spanish and "Puntos débiles" in spanish and "Nivel de servicio" in spanish
    assert not re.search(r"\bCM\d{3}\b", visible_text(spanish))

    flow = server.state("coffee.yaml", "flow")
    assert flow["layout"] == "flow" and "cyclemap_flow" in flow["html"]["diagram"]


def test_portuguese_on_request(workshop):
    with serving(str(workshop), "--lang", "pt") as server:
        index = server.get("/")
        assert '<html lang="pt-BR">' in index and "Ciclos de serviço" in index and "Nível de serviço" in index
        assert 'data-lost-label="Conexão com o cyclemap perdida; tentando de novo…"' in index
        page = server.get("/cycle/banco.yaml")
        assert '<html lang="pt-BR">' in page
        text = visible_text(page)
        for words in ("Todos os ciclos", "Relógio", "Fluxo", "Apresentar", "Pontos fracos",
                      "O que o cliente espera e o que recebe", "Teclas:", "8 momentos, 5 críticos"):
            assert words in text, words
        for spanish in ("Puntos débiles", "Todos los ciclos", "pantalla completa", "Presentar"):
            assert spanish not in text, spanish
        # What the page's script says comes from the catalogue too, handed over in the page.
        assert 'data-shown-label="mostrado"' in page
        state = server.state("banco.yaml")
        assert state["lang"] == "pt-BR" and "Pontos fracos" not in state["html"]["weak"]
        status, _unused, body = server.request("/cycle/nope.yaml")
        assert status == 404 and "não encontrado" in body


def test_hostile_names_stay_text(tmp_path):
    from tests.test_handout import HOSTILE, HOSTILE_CYCLE

    (tmp_path / "hostile.yaml").write_text(HOSTILE_CYCLE, encoding="utf-8")
    with serving(str(tmp_path)) as server:
        for path in ("/", "/cycle/hostile.yaml", "/api/cycle/hostile.yaml", "/api/index"):
            body = server.get(path)
            if path.startswith("/api/"):  # the markup a page swaps in (the rest is JSON text)
                body = "".join(json.loads(body)["html"].values())
            assert HOSTILE not in body and "<script>alert" not in body, path
            assert "<img" not in body and " onerror=" not in body.replace("&quot;", '"').split("<svg")[0], path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in server.get("/cycle/hostile.yaml")


def test_security_headers_on_every_response(shared):
    server, _folder, _outside = shared
    for path in ("/", "/cycle/coffee.yaml", "/api/index", "/assets/serve.js", "/assets/serve.css", "/nothing"):
        status, headers, _ = server.request(path)
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "no-store"
    page = server.get("/cycle/coffee.yaml")
    # Nothing from the network: every src/href is this server's own or a fragment.
    for ref in re.findall(r'(?:src|href)="([^"]*)"', re.sub(r"<svg.*?</svg>", "", page, flags=re.S)):
        assert ref.startswith("/") or ref.startswith("data:") or ref.startswith("?"), ref
    assert "<script>" not in page, "no inline script (the policy forbids it)"
    # A request addressed to another name (DNS rebinding) is refused.
    status, _, _ = server.request("/", headers={"Host": "evil.example"})
    assert status == 400


TRAVERSALS = [
    "/cycle/../secret.yaml",
    "/cycle/..%2fsecret.yaml",
    "/cycle/..%2Fsecret.yaml",
    "/cycle/%2e%2e/secret.yaml",
    "/cycle/%2e%2e%2fsecret.yaml",
    "/cycle/.%2e/secret.yaml",
    "/cycle/..\\secret.yaml",
    "/cycle/%2fetc%2fpasswd",
    "/cycle//etc/passwd",
    "/cycle/{tmp}/secret.yaml",
    "/cycle/outside.yaml",
    "/cycle/linked/secret.yaml",
    "/api/cycle/..%2fsecret.yaml",
    "/api/cycle/%2e%2e/secret.yaml",
    "/api/cycle/outside.yaml",
    "/assets/..%2fapp.py",
    "/assets/%2e%2e/app.py",
    "/assets/../../../pyproject.toml",
    "/secret.yaml",
    "/taller/coffee.yaml",
    "/coffee.yaml",
]


def test_paths_outside_the_folder_are_404(shared):
    server, _folder, tmp_path = shared  # links to the secret file and the folder above are in the folder
    index = server.get("/")
    assert "outside.yaml" not in index and "linked" not in index and "SECRET" not in index
    for raw in TRAVERSALS:
        path = raw.format(tmp=str(tmp_path).lstrip("/"))
        status, headers, body = server.request(path)
        assert status == 404, f"{path} -> {status}"
        assert "SECRET-MOMENT" not in body and "[build-system]" not in body and "root:" not in body
    assert server.request("/cycle/coffee.yaml")[0] == 200, "the real cycle is still there"


def test_no_write_endpoint(shared):
    server, workshop, _outside = shared
    before = {p.name: p.read_bytes() for p in workshop.iterdir() if p.is_file()}
    for path in ("/", "/cycle/coffee.yaml", "/api/cycle/coffee.yaml", "/api/index", "/events",
                 "/assets/serve.js", "/upload", "/cycle/new.yaml"):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            status, _, _ = server.request(path, method, body=b"cyclemap: 1\n")
            assert status in (404, 405), f"{method} {path} -> {status}"
    assert {p.name: p.read_bytes() for p in workshop.iterdir() if p.is_file()} == before


# -- following saves ---------------------------------------------------------------------


def _events(server: Server):
    """Open the push channel; yields (event, data) as they arrive (socket timeout 15 s)."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=15)
    conn.request("GET", "/events")
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("content-type").startswith("text/event-stream")

    def read():
        event, data = None, None
        while True:
            line = resp.fp.readline().decode("utf-8")
            if not line:
                return
            line = line.rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = json.loads(line[6:])
            elif line == "" and event:
                yield event, data
                event, data = None, None

    return conn, read()


def test_saves_good_and_bad(workshop):
    cycle = workshop / "coffee.yaml"
    with serving(str(workshop)) as server:
        conn, events = _events(server)
        try:
            event, hello = next(events)
            assert event == "hello" and hello["versions"]["coffee.yaml"] >= 1
            first = server.state("coffee.yaml")
            good_svg = first["html"]["diagram"]

            cycle.write_text(SMALL.format(first="Finds a free barista"), encoding="utf-8")
            event, data = next(e for e in events if e[0] == "change")
            assert data["key"] == "coffee.yaml"
            state = server.wait_for("coffee.yaml", first["version"])
            assert "Finds a free barista" in state["html"]["diagram"]
            assert "Joins the queue" not in state["html"]["diagram"]
            assert state["html"]["problem"] == ""
            assert "saved → ready" in state["html"]["debug"]

            # An invalid save: the last good picture stays, the problem says line and column.
            cycle.write_text(SMALL.format(first="Half typed").replace("kind: critical", "kind: [critical"),
                             encoding="utf-8")
            bad = server.wait_for("coffee.yaml", state["version"])
            assert re.search(r"line \d+, column \d+", bad["html"]["problem"]), bad["html"]["problem"]
            assert bad["html"]["diagram"] == state["html"]["diagram"], "the last good picture stays"
            assert "Finds a free barista" in bad["html"]["weak"] + bad["html"]["diagram"]
            assert re.search(r"(line|línea) \d+, (column|columna) \d+", visible_text(server.get("/"))), \
                "the index says the latest save does not read, and where"

            # The next valid save clears it.
            cycle.write_text(SMALL.format(first="Back in line"), encoding="utf-8")
            fixed = server.wait_for("coffee.yaml", bad["version"])
            assert fixed["html"]["problem"] == "" and "Back in line" in fixed["html"]["diagram"]
            assert good_svg != fixed["html"]["diagram"]
        finally:
            conn.close()


def test_new_and_removed_files_come_and_go(workshop):
    with serving(str(workshop)) as server:
        start = json.loads(server.get("/api/index"))["version"]
        (workshop / "sub").mkdir()
        (workshop / "sub" / "tea.yaml").write_text(SMALL.format(first="Picks a tea").replace("Coffee to go", "Tea time"),
                                                    encoding="utf-8")
        deadline = time.monotonic() + 15
        while "Tea time" not in server.get("/") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert 'href="/cycle/sub/tea.yaml"' in server.get("/")
        assert "Picks a tea" in server.state("sub/tea.yaml")["html"]["diagram"]
        (workshop / "coffee.yaml").unlink()
        while "Coffee to go" in server.get("/") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "Coffee to go" not in server.get("/")
        assert server.request("/cycle/coffee.yaml")[0] == 404
        assert json.loads(server.get("/api/index"))["version"] > start


def test_one_file_and_a_file_that_never_read(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("cyclemap: 1\ntitle: [unclosed\n", encoding="utf-8")
    with serving(str(broken)) as server:
        page = server.get("/cycle/broken.yaml")
        assert 'role="alert">' in page and re.search(r"line \d+, column \d+", page)
        assert "nothing to show" in page
        before = server.state("broken.yaml")["version"]
        broken.write_text(SMALL.format(first="Now it reads"), encoding="utf-8")
        state = server.wait_for("broken.yaml", before)
        assert state["html"]["problem"] == "" and "Now it reads" in state["html"]["diagram"]


# -- the command line --------------------------------------------------------------------


def test_ctrl_c_stops_cleanly_with_a_page_listening(workshop):
    with serving(str(workshop)) as server:
        conn, events = _events(server)
        assert next(events)[0] == "hello"
        started = time.monotonic()
        code = server.stop()
        conn.close()
        assert time.monotonic() - started < 10
    err = "".join(server.err)
    assert code == 0, err
    assert "Traceback" not in err and "stopped" in err


def test_port_in_use_is_a_usage_error(workshop, cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        run = cli("serve", str(workshop), "--port", str(port))
    assert run.code == 2, run.err
    assert f"port {port}" in run.err and "in use" in run.err and "--port" in run.err
    assert "Traceback" not in run.err


def test_missing_and_unreadable_paths(cli, tmp_path, monkeypatch):
    run = cli("serve", str(tmp_path / "nope"), "--port", "0")
    assert run.code == 2 and "no such file or folder" in run.err and "Traceback" not in run.err
    run = cli("serve", str(tmp_path / "nope"), "--port", "0", env={"CYCLEMAP_LANG": "es"})
    assert run.code == 2 and "no existe" in run.err

    # An unreadable folder (root reads anything, so the refusal is simulated there).
    from cyclemap.outputs.serve.workspace import Root, ServeError

    folder = tmp_path / "locked"
    folder.mkdir()
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda p: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if str(p) == str(folder) else real_scandir(p))
    with pytest.raises(ServeError) as info:
        Root(str(folder))
    text = info.value.text
    assert "cannot read the folder" in text("en") and "no se puede leer la carpeta" in text("es")
    assert "não é possível ler a pasta" in text("pt")
    monkeypatch.undo()
    if os.geteuid() != 0:
        folder.chmod(0)
        try:
            run = cli("serve", str(folder), "--port", "0")
        finally:
            folder.chmod(0o755)
        assert run.code == 2 and "cannot read the folder" in run.err and "Traceback" not in run.err


def test_binds_loopback_and_warns_for_another_host(shared, workshop):
    server = shared[0]  # started without --host
    assert server.host == "127.0.0.1"
    assert "warning" not in "".join(server.err)
    with serving(str(workshop), "--host", "0.0.0.0") as server:
        err = "".join(server.err)
        assert "warning" in err and "0.0.0.0" in err
        # It prints the address the network reaches it at (not 0.0.0.0), and answers to it...
        assert server.host != "0.0.0.0"
        assert server.request("/")[0] == 200
        assert server.request("/", headers={"Host": "localhost"})[0] == 200
        # ...but the Host check stays: a name that is not this machine's is refused.
        status, _, _ = server.request("/", headers={"Host": "evil.example"})
        assert status == 400, "bound to the network, still no DNS rebinding"


def test_help_is_bilingual(cli):
    en = cli("serve", "--help")
    es = cli("serve", "--help", env={"CYCLEMAP_LANG": "es"})
    assert en.code == 0 and es.code == 0
    assert "live local page" in en.out and "--port" in en.out
    assert "Página local en vivo" in es.out and "Puerto en el que escuchar" in es.out


def test_a_settings_change_judges_the_cycles_again(workshop):
    with serving(str(workshop)) as server:
        before = server.state("coffee.yaml")
        assert "nothing says what good service is here" in before["html"]["weak"]
        (workshop / ".cyclemap.yaml").write_text("ignore: [CM102]\n", encoding="utf-8")
        after = server.wait_for("coffee.yaml", before["version"])
        assert "nothing says what good service is here" not in after["html"]["weak"]
        assert "nothing is planned for when it goes wrong" in after["html"]["weak"], "the other rules still run"


