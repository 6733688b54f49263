"""The analyst view legible on paper (issue 23): fitted to A3 landscape its text prints at
8 pt or more; a picture too large for that is split into sheets like the client view
(`render --split`, files named on stderr, all written or none), never below 8 pt silently.

Measured on Graphviz's own layout (`json`) of every sheet, on the 12-, 24- and 40-moment
cycles written for tests/test_render_own_cycles.py (three languages, long names, joined
emoji, right-to-left names, detours), in every layout."""

from __future__ import annotations

import re

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.outputs.render import LAYOUTS, build_dot, printed_pt
from cyclemap.outputs.render import geometry as g
from cyclemap.outputs.render.dot import layout_program
from cyclemap.outputs.render.scene import make_scene
from cyclemap.outputs.render.split import render_split
from cyclemap.outputs.render.view import sheet_words
from conftest import run_cli_in_process as run
from test_render_own_cycles import CASES, own_cycle


@pytest.fixture(scope="module")
def cycles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analyst")
    out = {}
    for n, lang in CASES:
        path = folder / f"own{n}-{lang}.yaml"
        path.write_text(own_cycle(n, lang), encoding="utf-8")
        out[n] = path
    return out


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("n", [n for n, _lang in CASES])
def test_every_analyst_sheet_prints_at_8_pt_on_a3(cycles, n, layout):
    checked = Pipeline().check(str(cycles[n]))
    drawing = render_split(checked, layout=layout, fmt="svg", engine="embedded", view="analyst")
    program = layout_program(layout, "analyst")
    for drawn in drawing.sheets:
        laid = g.lay_out(build_dot(checked, layout=layout, view="analyst", sheet=drawn.sheet), program, "embedded")
        smallest = g.smallest_text_pt(laid, g.A3_LANDSCAPE)
        assert smallest >= 8.0, (layout, n, drawn.sheet and drawn.sheet.index, round(smallest, 1))
        assert g.texts_on_moments(laid) == [], (layout, n)
        if drawn.sheet is not None:
            # Each sheet numbers its moments as the whole cycle does and says which sheet it is.
            assert laid.moments and len(laid.moments) == len(drawn.sheet.members)
            said = re.sub(r"\s", "", " ".join(t.text for t in laid.texts))
            assert re.sub(r"\s", "", sheet_words(make_scene(checked), drawn.sheet).split("·")[0]) in said
    drawn_moments = [m for drawn in drawing.sheets if drawn.sheet for m in drawn.sheet.members]
    if drawing.split:  # every moment on exactly one sheet
        assert sorted(drawn_moments) == sorted(checked.order)
    else:
        assert drawing.whole is not None and drawing.whole >= 8.0


def test_the_40_moment_analyst_view_splits_on_the_command_line(cycles, tmp_path):
    out = tmp_path / "analyst.svg"
    result = run("render", str(cycles[40]), "-o", str(out), "--layout", "flow", "--view", "analyst",
                 "--engine", "embedded")
    assert result.code == 0, result.err
    m = re.search(r"split into (\d+) sheets .*on one A3 landscape page its smallest text would be ([\d.]+) pt",
                  result.err)
    assert m and float(m.group(2)) < 8.0
    count = int(m.group(1))
    written = sorted(tmp_path.glob("analyst-*.svg"), key=lambda p: int(p.stem.split("-")[1]))
    assert not out.exists() and len(written) == count > 1
    for path in written:  # each file named on stderr with its size on paper
        line = re.search(rf"wrote {re.escape(str(path))}: sheet \d+ of {count}, smallest text ([\d.]+) pt", result.err)
        assert line and float(line.group(1)) >= 8.0, path.name


def test_split_never_keeps_one_analyst_picture_and_says_it_is_too_small(cycles, tmp_path):
    out = tmp_path / "one.svg"
    result = run("render", str(cycles[40]), "-o", str(out), "--layout", "blueprint", "--view", "analyst",
                 "--engine", "embedded", "--split", "never")
    assert result.code == 0 and out.exists() and not list(tmp_path.glob("one-*.svg"))
    assert "too large to print legibly: fitted to A3 landscape" in result.err


def test_split_stage_draws_the_analyst_view_one_sheet_per_stage(cycles, tmp_path):
    out = tmp_path / "stages.pdf"
    result = run("render", str(cycles[12]), "-o", str(out), "--view", "analyst", "--split", "stage",
                 "--layout", "clock")
    if "PDF needs the system Graphviz" in result.err:
        pytest.skip("system Graphviz not installed")
    assert result.code == 0, result.err
    assert "as --split stage asks" in result.err and out.exists()
    assert out.read_bytes()[:5] == b"%PDF-"


def test_the_whole_analyst_picture_printed_size_is_measured_on_a3(cycles):
    """The size the split decides on is the analyst page's (A3), from Graphviz's layout:
    never larger than the text measured on it (the page's pad counted), within 10 %."""
    checked = Pipeline().check(str(cycles[12]))
    plan: dict = {}
    from cyclemap.outputs.render import render_bytes

    render_bytes(checked, layout="clock", fmt="svg", engine="embedded", view="analyst", plan=plan)
    laid = g.lay_out(build_dot(checked, layout="clock", view="analyst"), layout_program("clock", "analyst"), "embedded")
    measured = g.smallest_text_pt(laid, g.A3_LANDSCAPE)
    assert 0.9 * measured <= printed_pt(plan, "clock", "analyst") <= measured
