"""Legibility and geometry of the client pictures, measured on Graphviz's own laid-out
geometry (`json` output of the system `dot` and of the embedded WebAssembly Graphviz):
every text at least 8 pt when the picture is fitted to A4 landscape (A3 for the
blueprint), no link through a moment it does not join, no text on a moment. On the
bundled examples and on held-out cycles written for these tests (tests/data/heldout:
a hotel, a public office with an open cycle, a SaaS support line; 12 to 16 moments
with branches) that were never used to tune the layouts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.outputs.render import LAYOUTS, build_dot
from cyclemap.outputs.render import geometry as g
from cyclemap.outputs.render.dot import layout_program
from conftest import EXAMPLE_FILES

HELD_OUT = sorted((Path(__file__).parent / "data" / "heldout").glob("*.yaml"))
CYCLES = EXAMPLE_FILES + HELD_OUT
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz (dot) not installed")
ENGINES = ["embedded", pytest.param("system", marks=needs_dot)]
PAGE = {"clock": g.A4_LANDSCAPE, "flow": g.A4_LANDSCAPE, "blueprint": g.A3_LANDSCAPE}


def test_held_out_cycles_are_what_the_issue_asks_for():
    sizes = []
    for path in HELD_OUT:
        checked = Pipeline().check(str(path))
        assert checked.loaded and not [d for d in checked.diagnostics if d.severity.value == "error"]
        sizes.append(len(checked.order))
        assert any(link.when for link in __import__("cyclemap.engine.graph", fromlist=["edges"]).edges(checked.cycle))
    assert len(HELD_OUT) == 3 and min(sizes) >= 12 and max(sizes) == 16


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", CYCLES, ids=[p.stem for p in CYCLES])
def test_client_picture_is_legible_and_clean(path, layout, engine):
    checked = Pipeline().check(str(path))
    dot = build_dot(checked, layout=layout)
    laid = g.lay_out(dot, layout_program(layout), engine)
    assert len(laid.moments) == len(checked.order)
    smallest = g.smallest_text_pt(laid, PAGE[layout])
    assert smallest >= 8.0, f"smallest text {smallest:.1f} pt on the page"
    assert g.edges_through_moments(laid) == []
    assert g.texts_on_moments(laid) == []


def test_the_measures_see_what_they_measure():
    """A drawing with a link straight through a moment, a label on a moment and tiny
    text fails every check: the checks can fail."""
    dot = """digraph { splines=false
      a [class="moment" shape=box pos="0,0!" fontsize=14 label="A"];
      b [class="moment" shape=box pos="3,0!" fontsize=14 label="B"];
      c [class="moment" shape=box pos="6,0!" fontsize=14 label="C"];
      t [shape=plaintext pos="3,0.1!" fontsize=4 label="on top"];
      a -> b; b -> c; a -> c;
    }"""
    laid = g.lay_out(dot, "neato", "embedded")
    assert ("a", "c", "b") in g.edges_through_moments(laid)
    assert ("on top", "b") in g.texts_on_moments(laid)
    assert g.smallest_text_pt(laid) < 8


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", CYCLES, ids=[p.stem for p in CYCLES])
def test_client_picture_in_portuguese_is_legible_and_clean(path, layout):
    """Portuguese words are often longer than the English and Spanish ones: the legend,
    the rows of the blueprint and the marks still fit, with the same measures."""
    checked = Pipeline(lang="pt").check(str(path))
    dot = build_dot(checked, layout=layout)
    assert "nota frente à expectativa" in dot
    laid = g.lay_out(dot, layout_program(layout), "embedded")
    assert len(laid.moments) == len(checked.order)
    smallest = g.smallest_text_pt(laid, PAGE[layout])
    assert smallest >= 8.0, f"smallest text {smallest:.1f} pt on the page"
    assert g.edges_through_moments(laid) == []
    assert g.texts_on_moments(laid) == []
