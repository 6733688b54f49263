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


def _plain(text: str) -> str:
    """Text as a reader sees it across line breaks: no spaces, hyphens, soft hyphens or
    direction marks."""
    import re

    return re.sub(r"[\s\-\u00ad\u200e\u2068\u2069]", "", text)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("layout", ["flow", "blueprint"])
def test_a_detours_condition_is_on_its_link(layout, engine):
    """Each detour's condition (`when:` of the branch into it) is a text of its own by the
    link into the detour, on no moment, not a line of the detour's box. Flow: beside the
    link coming down into it (within 0.25 in of its curve); a detour at the top of a column
    keeps it in its box. Blueprint: under the link from the moment before (its centre
    within the link's span, its top at most 0.9 in below the link); a band's first moment
    keeps it in its box. On the examples and held-out cycles, in Graphviz's own layout."""
    from cyclemap.outputs.render import client

    on_link = 0
    for path in CYCLES:
        checked = Pipeline().check(str(path))
        view = client.make_view(checked)
        node = view.scene.node
        laid = g.lay_out(build_dot(checked, layout=layout), layout_program(layout), engine)
        by_owner: dict[str, list] = {}
        for item in laid.texts:
            by_owner.setdefault(item.owner, []).append(item)
        labels = {owner: items for owner, items in by_owner.items() if owner.startswith("when")}
        for mid, when in view.when.items():
            condition = _plain(client.words("if", view.lang, when=when))
            in_box = condition in _plain(" ".join(t.text for t in by_owner.get(node[mid], [])))
            beside = [items for items in labels.values() if condition in _plain(" ".join(t.text for t in items))]
            assert in_box != bool(beside), (path.stem, mid, in_box, len(beside))
            if beside:
                on_link += 1
                (items,) = beside
                into = [points for _tail, head, points in laid.edges if head == node[mid]]
                assert into, (path.stem, mid)
                if layout == "flow":
                    near = min(max(0.0, t.box.x0 - x, x - t.box.x1) + max(0.0, t.box.y0 - y, y - t.box.y1)
                               for t in items for points in into for x, y in points)
                    assert near <= 0.25 * 72, (path.stem, mid, near)
                else:
                    ((tail, points),) = [(t, p) for t, head, p in laid.edges if head == node[mid]]
                    xs = [x for x, _y in points]
                    centre = (min(t.box.x0 for t in items) + max(t.box.x1 for t in items)) / 2
                    top = max(t.box.y1 for t in items)  # Graphviz's y grows upwards
                    under = min(laid.moments[tail].y0, laid.moments[node[mid]].y0)  # the lower box's bottom
                    assert min(xs) <= centre <= max(xs), (path.stem, mid)
                    assert 0 < under - top <= 0.2 * 72, (path.stem, mid, under - top)
        assert g.texts_on_moments(laid) == [], path.stem
    assert on_link >= 3, "the flow writes conditions on links"
