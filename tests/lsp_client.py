"""A minimal Language Server Protocol client over a real `cyclemap lsp` process (stdio,
JSON-RPC with Content-Length framing), for tests/test_lsp.py and benchmarks/bench_lsp.py."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Client:
    def __init__(self, *args: str, cwd: str | None = None):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen([sys.executable, "-m", "cyclemap", "lsp", *args], cwd=cwd or str(ROOT),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.next_id = 0
        self.messages: queue.Queue = queue.Queue()
        self.replies: dict[int, dict] = {}
        self.notes: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _sep, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = json.loads(out.read(length))
            self.messages.put((time.perf_counter(), body))

    def send(self, message: dict) -> None:
        data = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict, timeout: float = 20.0):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while rid not in self.replies:
            self._pump(deadline)
        reply = self.replies.pop(rid)
        assert "error" not in reply, reply
        return reply.get("result")

    def _pump(self, deadline: float) -> None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the language server did not answer in time")
        _at, body = self.messages.get(timeout=left)
        if "id" in body and "method" not in body:
            self.replies[body["id"]] = body
        elif "id" in body and "method" in body:  # a request from the server (registration...): answer null
            self.send({"jsonrpc": "2.0", "id": body["id"], "result": None})
        else:
            self.notes.append(body)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 20.0) -> list[dict]:
        """The next publishDiagnostics for `uri` (for `version`, when given)."""
        deadline = time.monotonic() + timeout
        while True:
            for i, note in enumerate(self.notes):
                params = note.get("params", {})
                if (note.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri
                        and (version is None or params.get("version") == version)):
                    del self.notes[: i + 1]
                    return params["diagnostics"]
            self._pump(deadline)

    def versions_until(self, uri: str, version: int, timeout: float = 60.0) -> list[int]:
        """Every version publishDiagnostics named for `uri`, up to `version`."""
        deadline = time.monotonic() + timeout
        seen: list[int] = []
        while version not in seen:
            for i, note in enumerate(self.notes):
                params = note.get("params", {})
                if note.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri:
                    seen.append(params.get("version"))
                    del self.notes[i]
                    break
            else:
                self._pump(deadline)
        return seen

    def start(self, root: str) -> dict:
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": Path(root).as_uri(),
                                             "capabilities": {}})
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml",
                                                              "version": version, "text": text}})

    def change(self, uri: str, version: int, text: str, range_: dict | None = None) -> None:
        change = {"text": text} if range_ is None else {"range": range_, "text": text}
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [change]})

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        finally:
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                try:
                    stream.close()
                except Exception:
                    pass
