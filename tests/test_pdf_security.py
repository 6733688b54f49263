"""The PDF step (`handout --pdf`) under attack (issue 16): bounded in time, no browser
left behind when cyclemap is stopped, no connection to anywhere, JavaScript off.

Skips, saying why, when playwright, a Chromium or strace is missing."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid

import pytest

from conftest import EXAMPLES, ROOT

pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
from cyclemap.outputs.handout.pdf import chromium_path  # noqa: E402

CHROMIUM = chromium_path()


def env(**extra: str) -> dict:
    full = {**os.environ, "CYCLEMAP_LANG": "en", "NO_COLOR": "1"}
    full["PYTHONPATH"] = str(ROOT) + os.pathsep + full.get("PYTHONPATH", "")
    full.update(extra)
    return full


def marked(mark: str) -> list[int]:
    """Live processes whose environment carries `mark` (cyclemap's children inherit it)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if mark.encode() in handle.read():
                    with open(f"/proc/{entry}/stat", "rb") as st:
                        if st.read().rsplit(b")", 1)[1].split()[0] != b"Z":
                            found.append(int(entry))
        except OSError:
            continue
    return found


def gone(mark: str, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not marked(mark):
            return True
        time.sleep(0.2)
    return False


linux = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="finds processes through /proc (Linux)")


@linux
def test_a_browser_that_hangs_is_stopped_at_the_time_limit(tmp_path):
    fake = tmp_path / "hanging-chromium"
    fake.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    fake.chmod(0o755)
    mark = f"CYCLEMAP_TEST_{uuid.uuid4().hex}"
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "cyclemap", "handout", str(EXAMPLES / "banco.yaml"),
                           "-o", str(tmp_path / "t.pdf"), "--timeout", "2"], cwd=tmp_path,
                          env=env(CYCLEMAP_CHROMIUM=str(fake), **{mark: "1"}), capture_output=True, timeout=60)
    assert time.monotonic() - started < 30
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr, proc.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hanging-chromium"]
    assert gone(mark), "the hanging browser outlived cyclemap"


@linux
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser (apt-get install chromium)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stopping_cyclemap_during_a_print_leaves_no_browser_and_no_file(sig, tmp_path):
    mark = f"CYCLEMAP_TEST_{uuid.uuid4().hex}"
    proc = subprocess.Popen([sys.executable, "-m", "cyclemap", "handout", str(EXAMPLES / "banco.yaml"),
                             "-o", str(tmp_path / "t.pdf")], cwd=tmp_path, env=env(**{mark: "1"}),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(marked(mark)) < 3:  # cyclemap, the driver, the browser
        time.sleep(0.05)
    assert proc.poll() is None, "the print ended before it could be interrupted"
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert b"Traceback" not in stderr, stderr.decode()
    assert proc.returncode != 0
    assert gone(mark), "a browser process outlived cyclemap"
    assert list(tmp_path.iterdir()) == []


@linux
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser (apt-get install chromium)")
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (apt-get install strace)")
def test_a_print_sends_nothing_to_the_network(tmp_path):
    """Watch every connect() and send of cyclemap and all its children (the browser's
    network service included): no TCP connection, no DNS query and no datagram may go to
    any address but the machine itself. A UDP connect() with no data (Chromium's route probe: the
    kernel looks up a route, no packet leaves) is allowed and counted."""
    log = tmp_path / "trace.log"
    proc = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg,sendmmsg,write,close",
                           "-o", str(log), sys.executable, "-m", "cyclemap", "handout", str(EXAMPLES / "banco.yaml"),
                           "-o", str(tmp_path / "t.pdf")], cwd=tmp_path, env=env(), capture_output=True, timeout=180)
    if proc.returncode != 0 and b"ptrace" in proc.stderr:
        pytest.skip("strace may not trace here (ptrace not permitted)")
    assert proc.returncode == 0, proc.stderr.decode()
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF-")
    inet = re.compile(r"^(\d+)\s+socket\((AF_INET6?), (SOCK_\w+)")
    connect = re.compile(r"^(\d+)\s+connect\((\d+), \{sa_family=(AF_INET6?),.*?(?:inet_addr\(\"([^\"]+)\"\)|"
                         r"inet_pton\(AF_INET6, \"([^\"]+)\")")
    use = re.compile(r"^(\d+)\s+(sendto|sendmsg|sendmmsg|write)\((\d+),")
    close = re.compile(r"^(\d+)\s+close\((\d+)\)")
    sockets: dict[tuple[str, str], str] = {}  # (pid, fd) -> socket type, for inet sockets
    remote: dict[tuple[str, str], str] = {}  # (pid, fd) -> the non-local address it was connected to
    leaks, probes = [], 0
    pending: dict[str, str] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if "<unfinished" in line:
            pid = line.split()[0]
            pending[pid] = line.split(" <unfinished")[0]
            continue
        if "resumed>" in line:
            pid = line.split()[0]
            line = pending.pop(pid, "") + line.split("resumed>", 1)[1]
        if m := inet.match(line):
            fd = line.rsplit("=", 1)[-1].strip()
            sockets[(m.group(1), fd)] = m.group(3)
        elif m := connect.match(line):
            key = (m.group(1), m.group(2))
            address = m.group(4) or m.group(5)
            if address in ("127.0.0.1", "::1", "0.0.0.0", "::"):
                continue
            port = re.search(r"sin6?_port=htons\((\d+)\)", line)
            if sockets.get(key, "").startswith("SOCK_STREAM") or (port and port.group(1) == "53"):
                leaks.append(line)  # a TCP connection, or a DNS query
            else:
                probes += 1
                remote[key] = address
        elif m := use.match(line):
            key = (m.group(1), m.group(3))
            if key in remote or (m.group(2) in ("sendto", "sendmsg") and re.search(r"AF_INET6?,", line)
                                 and not re.search(r"\"(127\.0\.0\.1|::1)\"", line)):
                leaks.append(line)
        elif m := close.match(line):
            sockets.pop((m.group(1), m.group(2)), None)
            remote.pop((m.group(1), m.group(2)), None)
    assert leaks == [], "\n".join(leaks[:10])


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser (apt-get install chromium)")
def test_javascript_does_not_run_in_the_print():
    from cyclemap.outputs.handout.pdf import html_to_pdf

    # With JavaScript this page grows to about twenty pages; without, it is one.
    html = ("<!DOCTYPE html><html><body><p>one page</p>"
            "<script>document.body.style.height = '30000px';</script></body></html>")
    pdf = html_to_pdf(html, "a4", timeout=60)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, pages
