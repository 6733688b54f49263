"""Large client pictures split into sheets instead of printing under 8 pt (issue 23).

Through the command line, as a user runs it: a 40-moment cycle with stages is drawn on
one sheet per stage, each sheet's smallest text at 8 pt or more once fitted to its page
(measured on the SVG Graphviz itself wrote: its size in points and the size of every
text in it, and on Graphviz's `json` layout of each sheet for links and texts on
moments); a 12-moment cycle stays one picture; the files are named on stderr; a PDF has
one page per sheet; nothing is written half. Cycles are generated
(benchmarks/generate.py), not ones the layouts were tuned on."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.outputs.render import LAYOUTS, build_dot
from cyclemap.outputs.render import geometry as g
from cyclemap.outputs.render.dot import layout_program
from conftest import ROOT, run_cli_in_process as run

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_cycle  # noqa: E402

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz (dot) not installed")
PAGE = {"clock": g.A4_LANDSCAPE, "flow": g.A4_LANDSCAPE, "blueprint": g.A3_LANDSCAPE}
WROTE = re.compile(r"^  wrote (\S+): sheet (\d+) of (\d+), smallest text ([0-9.]+) pt$", re.M)


def cycle_file(tmp_path: Path, n: int, stages: bool = True) -> Path:
    text = generate_cycle(n)
    if not stages:
        text = "\n".join(line for line in text.splitlines()
                         if not line.startswith("stages:") and not line.strip().startswith("stage:")) + "\n"
    path = tmp_path / f"c{n}{'' if stages else '-nostage'}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def printed_svg_pt(svg: str, page: tuple[float, float]) -> float:
    """The smallest text of an SVG Graphviz wrote, in points, once fitted to `page` with
    10 mm margins: the drawing's size from the root element, every text's font-size."""
    width, height = (float(v) for v in re.search(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', svg).groups())
    sizes = [float(v) for v in re.findall(r'<text[^>]*font-size="([0-9.]+)"', svg)]
    assert sizes
    scale = min((page[0] - 2 * g.MARGIN) / width, (page[1] - 2 * g.MARGIN) / height)
    return min(sizes) * scale


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_40_moment_cycle_is_split_by_stage_into_legible_sheets(tmp_path, layout):
    path = cycle_file(tmp_path, 40)
    out = tmp_path / "big.svg"
    result = run("render", str(path), "-o", str(out), "--layout", layout, "--engine", "embedded")
    assert result.code == 0, result.err
    assert "split into 3 sheets (one sheet per stage)" in result.err
    assert not out.exists()  # a split picture is its numbered sheets, not NAME.svg
    named = WROTE.findall(result.err)
    assert [Path(p).name for p, *_rest in named] == ["big-1.svg", "big-2.svg", "big-3.svg"]
    shown_whole = float(re.search(r"would be ([0-9.]+) pt", result.err).group(1))
    assert shown_whole < 8
    stage_names = ["Antes", "Durante", "Después"]
    for (file, index, count, said), stage in zip(named, stage_names):
        svg = Path(file).read_text(encoding="utf-8")
        measured = printed_svg_pt(svg, PAGE[layout])
        assert measured >= 8.0, (layout, file, measured)
        assert abs(measured - float(said)) < 0.15, (measured, said)  # stderr tells the truth
        assert f"Hoja {index} de 3: {stage}" in svg  # the cycle is in Spanish
    # Every moment is on exactly one sheet, with the number it has in the whole cycle.
    numbers = []
    for file, *_rest in named:
        svg = Path(file).read_text(encoding="utf-8")
        numbers += [int(n) for n in re.findall(r">(\d+) · ", svg)] if layout != "clock" else []
    if layout != "clock":
        assert sorted(numbers) == list(range(1, 41))
    first, middle, last = (Path(f).read_text(encoding="utf-8") for f, *_r in named)
    assert "sigue en el momento" in first and "viene del momento" not in first
    assert "viene del momento" in middle and "sigue en el momento" in middle
    assert "viene del momento" in last and "sigue en el momento" not in last


@needs_dot
def test_each_sheet_keeps_links_and_texts_off_the_moments(tmp_path):
    """Graphviz's own layout (`json`) of every sheet: text ≥ 8 pt fitted, no link through a
    moment, no text on one."""
    from cyclemap.outputs.render.split import render_split

    checked = Pipeline().check(str(cycle_file(tmp_path, 40)))
    for layout in LAYOUTS:
        drawing = render_split(checked, layout=layout, fmt="svg", engine="system", split="stage")
        assert len(drawing.sheets) == 3
        for drawn in drawing.sheets:
            laid = g.lay_out(build_dot(checked, layout=layout, sheet=drawn.sheet), layout_program(layout), "system")
            assert len(laid.moments) == len(drawn.sheet.members)
            assert g.smallest_text_pt(laid, PAGE[layout]) >= 8.0, (layout, drawn.sheet.index)
            assert g.edges_through_moments(laid) == [], (layout, drawn.sheet.index)
            assert g.texts_on_moments(laid) == [], (layout, drawn.sheet.index)


def test_a_12_moment_cycle_is_not_split(tmp_path):
    out = tmp_path / "small.svg"
    result = run("render", str(cycle_file(tmp_path, 12)), "-o", str(out), "--layout", "flow", "--engine", "embedded")
    assert result.code == 0 and result.err == ""
    assert out.exists() and sorted(p.name for p in tmp_path.glob("small*")) == ["small.svg"]
    assert "Sheet " not in out.read_text(encoding="utf-8")


@needs_dot
def test_a_split_pdf_has_one_page_per_sheet(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "big.pdf"
    result = run("render", str(cycle_file(tmp_path, 40)), "-o", str(out), "--layout", "blueprint")
    assert result.code == 0, result.err
    assert "split into 3 sheets" in result.err and f"wrote {out}: 3 pages, one per sheet" in result.err
    pages = PdfReader(str(out)).pages
    assert len(pages) == 3
    texts = [page.extract_text() for page in pages]
    assert all(f"Hoja {i} de 3" in text for i, text in enumerate(texts, 1))
    assert not list(tmp_path.glob("big-*"))


def test_without_stages_the_cycle_is_cut_into_runs_of_moments(tmp_path):
    path = cycle_file(tmp_path, 40, stages=False)
    out = tmp_path / "runs.svg"
    result = run("render", str(path), "-o", str(out), "--layout", "flow", "--engine", "embedded")
    assert result.code == 0, result.err
    assert "consecutive moments (the cycle has no stages)" in result.err
    named = WROTE.findall(result.err)
    assert len(named) >= 2
    for file, index, count, said in named:
        svg = Path(file).read_text(encoding="utf-8")
        assert printed_svg_pt(svg, g.A4_LANDSCAPE) >= 8.0
        assert re.search(rf"Hoja {index} de {count}: momentos \d+ a \d+", svg)


def test_split_never_draws_one_sheet_and_warns(tmp_path):
    out = tmp_path / "one.svg"
    result = run("render", str(cycle_file(tmp_path, 40)), "-o", str(out), "--layout", "flow", "--engine", "embedded",
                 "--split", "never")
    assert result.code == 0
    assert out.exists() and not list(tmp_path.glob("one-*"))
    assert "too large to print legibly" in result.err


def test_split_stage_splits_even_a_small_cycle(tmp_path):
    out = tmp_path / "s.png"
    result = run("render", str(cycle_file(tmp_path, 12)), "-o", str(out), "--layout", "flow", "--engine", "embedded",
                 "--split", "stage")
    assert result.code == 0, result.err
    assert "drawn on 3 sheets as --split stage asks" in result.err
    files = sorted(p.name for p in tmp_path.glob("s-*.png"))
    assert files == ["s-1.png", "s-2.png", "s-3.png"]
    assert all((tmp_path / f).read_bytes().startswith(b"\x89PNG") for f in files)


def test_a_bad_split_value_is_a_usage_error(tmp_path):
    result = run("render", str(cycle_file(tmp_path, 12)), "-o", str(tmp_path / "x.svg"), "--split", "pages")
    assert result.code == 2 and "--split" in result.err


def test_nothing_is_written_half(tmp_path):
    """When one sheet cannot be written (its name is a folder), no sheet is written, the
    old files stay as they were, and no temporary file is left."""
    (tmp_path / "big-2.svg").mkdir()
    (tmp_path / "big-1.svg").write_text("old", encoding="utf-8")
    result = run("render", str(cycle_file(tmp_path, 40)), "-o", str(tmp_path / "big.svg"), "--layout", "flow",
                 "--engine", "embedded")
    assert result.code == 2
    assert "big-2.svg is a folder" in result.err
    assert (tmp_path / "big-1.svg").read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "big-3.svg").exists()
    assert not list(tmp_path.glob(".cyclemap-*"))


def test_to_stdout_a_large_picture_stays_one_and_warns(tmp_path):
    result = run("render", str(cycle_file(tmp_path, 40)), "-o", "-", "--layout", "flow", "--engine", "embedded")
    assert result.code == 0
    assert result.out.lstrip().startswith("<?xml") or "<svg" in result.out[:500]
    assert "too large to print legibly" in result.err


@pytest.mark.parametrize("extra", [["-o", "-"], ["-o", "x.dot"]], ids=["stdout", "dot"])
def test_split_stage_where_a_picture_cannot_be_split_is_a_usage_error(tmp_path, extra):
    extra = [str(tmp_path / e) if e.startswith("x.") else e for e in extra]
    result = run("render", str(cycle_file(tmp_path, 12)), "--split", "stage", *extra)
    assert result.code == 2 and "--split stage" in result.err
    assert not list(tmp_path.glob("x*"))


def test_watch_says_how_many_sheets_it_drew(tmp_path):
    """`--watch` on a cycle that splits names the sheets, and its line says so (not a
    NAME.svg that was never written)."""
    out = tmp_path / "w.svg"
    result = run("render", str(cycle_file(tmp_path, 40)), "-o", str(out), "--layout", "flow", "--engine", "embedded",
                 "--watch", "--watch-max-renders", "1")
    assert result.code == 0, result.err
    assert re.search(r"\] drew 3 sheets \(\d+ ms\); watching ", result.err)
    assert not out.exists() and (tmp_path / "w-3.svg").exists()
