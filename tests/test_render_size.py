"""Pictures at every size (issue 23): large cycles are drawn without Graphviz searching
for routes (cyclemap routes every link of a client picture itself), the work grows no
faster than the cycle, routes never cross a moment, and a picture too large to print at
8 pt says so on stderr. Cycles here are generated (benchmarks/generate.py), never the
ones the layouts were tuned on."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.outputs.render import LAYOUTS, build_dot
from cyclemap.outputs.render import geometry as g
from cyclemap.outputs.render.dot import layout_program
from conftest import ROOT, run_app

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate_cycle  # noqa: E402


def checked_cycle(tmp_path: Path, n: int):
    path = tmp_path / f"c{n}.yaml"
    path.write_text(generate_cycle(n), encoding="utf-8")
    return path, Pipeline().check(str(path))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_client_link_is_routed_by_cyclemap(tmp_path, layout):
    """Graphviz is given each link's curve (`pos`) and only draws (`nop2`): nothing is
    left for it to route, so no spline search whatever the size."""
    _path, checked = checked_cycle(tmp_path, 30)
    dot = build_dot(checked, layout=layout)
    links = [line for line in dot.splitlines() if "->" in line]
    assert links and all('pos="' in line for line in links)
    assert layout_program(layout) == "nop2"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_large_cycles_keep_links_off_the_moments(tmp_path, layout):
    """24 and 40 moments with detours: no link through a moment, no text on one, as
    Graphviz's own output (json, embedded engine) shows them."""
    for n in (24, 40):
        _path, checked = checked_cycle(tmp_path, n)
        laid = g.lay_out(build_dot(checked, layout=layout), layout_program(layout), "embedded")
        assert len(laid.moments) == len(checked.order)
        assert g.edges_through_moments(laid) == [], (n, layout)
        assert g.texts_on_moments(laid) == [], (n, layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_building_the_picture_grows_with_the_cycle(tmp_path, layout):
    """Five times the moments cost at most about ten times the work (a quadratic cost
    would be 25 times): measured on cyclemap's own part, the DOT text."""
    times = {}
    for n in (100, 500):
        _path, checked = checked_cycle(tmp_path, n)
        best = float("inf")
        for _ in range(3):  # processor time, best of three: another process's load is not ours
            started = time.process_time()
            build_dot(checked, layout=layout)
            best = min(best, time.process_time() - started)
        times[n] = best
    assert times[500] <= 10 * times[100] + 0.05, times


def test_the_long_dial_has_numbers_on_the_ring_and_names_in_a_key(tmp_path):
    _path, checked = checked_cycle(tmp_path, 24)
    dot = build_dot(checked, layout="clock")
    names = [checked.cycle.moments[0].name, checked.cycle.moments[-1].name]
    key = " ".join(re.findall(r'key\d+ \[[^\n]*label="([^"]*)"', dot))
    assert all(name in key for name in names)
    moment_labels = re.findall(r'm\d+ \[[^\n]*label="([^"]*)"', dot)
    assert moment_labels and not any(name in label for label in moment_labels for name in names)


def test_a_picture_too_large_to_print_says_so(tmp_path):
    path, _checked = checked_cycle(tmp_path, 60)
    out = tmp_path / "big.svg"
    run = run_app("render", str(path), "-o", str(out), "--layout", "flow", "--engine", "embedded",
                  "--split", "never")  # split by default (tests/test_render_split.py)
    assert run.code == 0, run.err
    assert out.exists()
    assert "too large to print legibly" in run.err and "A4 landscape" in run.err
    size = float(re.search(r"smallest text is ([0-9.]+) pt", run.err).group(1))
    assert size < 8


def test_a_picture_that_prints_well_says_nothing(tmp_path):
    out = tmp_path / "banco.svg"
    run = run_app("render", str(ROOT / "examples" / "banco.yaml"), "-o", str(out), "--engine", "embedded")
    assert run.code == 0 and run.err == ""


@pytest.mark.parametrize("lang,word", [("es", "estacionamiento"), ("pt", "atendimento"), ("en", "internationalisation")])
def test_a_word_too_long_for_its_line_is_hyphenated_by_its_language(lang, word):
    from cyclemap.outputs.render.dot import HYPHEN_LANG, wrap

    token = HYPHEN_LANG.set(lang)
    try:
        lines = wrap(f"Busca {word} aquí", 9)
    finally:
        HYPHEN_LANG.reset(token)
    assert all(len(line) <= 9 for line in lines)
    pieces = [line for line in lines if word.startswith(line.rstrip("-")) or line.rstrip("-") in word]
    assert len(pieces) >= 2 and all(p.endswith("-") for p in pieces[:-1])
    assert "".join(p.rstrip("-") for p in pieces) == word  # nothing lost, broken only at hyphens


def test_every_broken_word_in_a_picture_ends_in_a_hyphen(tmp_path):
    """A cycle with very long words (held out: written for this test): every line of a
    moment's name in the DOT either ends a word or ends in a hyphen."""
    path = tmp_path / "long.yaml"
    path.write_text(
        "cyclemap: 1\ntitle: Renovación\nlanguage: es\nmoments:\n"
        "  - {id: a, name: Busca estacionamiento subterráneo, kind: routine}\n"
        "  - {id: b, name: Desinstitucionalización administrativa, kind: critical}\n"
        "  - {id: c, name: Electroencefalografista, kind: routine}\n"
        "  - {id: d, name: Paga, kind: routine}\n", encoding="utf-8")
    checked = Pipeline().check(str(path))
    names = [m.name for m in checked.cycle.moments]
    whole = {w for name in names for w in name.split()}
    for layout in LAYOUTS:
        dot = build_dot(checked, layout=layout)
        for label in re.findall(r'm\d+ \[[^\n]*label="([^"]*)"', dot):
            for line in label.split("\\n"):
                last = line.split()[-1] if line.split() else ""
                last = last.strip("\u2068\u2069")
                cut = any(w.startswith(last) and last != w for w in whole) and last not in whole
                assert last.endswith("-") or not cut, (layout, line)
