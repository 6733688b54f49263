"""The client view: what a workshop client reads in a picture — names, order, one mark
for criticality, one for score against expectation, numbered badges on the critique's
top weak points, a short legend; never a rule code or an id."""

from __future__ import annotations

import re

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.format.diagnostics import Severity
from cyclemap.outputs import look
from cyclemap.outputs.render import LAYOUTS, build_dot
from conftest import EXAMPLE_FILES, EXAMPLES


def node_lines(dot: str) -> list[str]:
    return [line for line in dot.splitlines() if 'class="moment' in line]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_no_codes_no_ids_and_every_moment_named(path, layout):
    checked = Pipeline().check(str(path))
    dot = build_dot(checked, layout=layout)
    assert not re.search(r"\bCM\d{3}\b", dot), "no rule codes"
    assert "cyclemap explain" not in dot and "owner:" not in dot
    nodes = node_lines(dot)
    assert len(nodes) == len(checked.order)
    for line, mid in zip(nodes, checked.order):
        moment = checked.cycle.moment(mid)
        assert f"{checked.order.index(mid) + 1} · " in line
        assert f"tooltip=\"{mid}:" not in line  # the id is never shown
        band = look.band_for(moment.score, moment.expectation, checked.cycle.scale,
                             look.gap_margin(checked.cycle, checked.settings))
        assert band.mark in line and f'fillcolor="{band.fill}"' in line
        assert ("peripheries=2" in line) == moment.critical


def test_badges_follow_the_critique_ranking_and_stop_at_three():
    checked = Pipeline().check(str(EXAMPLES / "banco.yaml"))
    ranked = []
    for point in checked.critique.weak_points:
        if point.severity is not Severity.INFO and point.moment_id and point.moment_id not in ranked:
            ranked.append(point.moment_id)
    assert len(ranked) > 3
    dot = build_dot(checked, layout="clock")
    badges = {}
    for line in node_lines(dot):
        m = re.search(r'label="⚠ (\d)\\n', line)
        if m:
            node = line.split()[0]
            badges[int(m.group(1))] = node
    names = {f"m{i}": mid for i, mid in enumerate(checked.order)}
    assert {k: names[v] for k, v in badges.items()} == {1: ranked[0], 2: ranked[1], 3: ranked[2]}
    assert "⚠ 1 = punto débil principal" in dot  # the legend explains the badge


def test_marks_survive_greyscale():
    """Each band has its own shape, and the fills step in lightness on each side of
    'meets' (a photocopy keeps the order of how far below expectation a moment is)."""
    marks = [b.mark for b in look.BANDS]
    assert len(set(marks)) == len(marks)

    def lightness(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    below = [lightness(look.BAND[k].fill) for k in ("far_below", "below", "near")]
    assert below == sorted(below) and min(b - a for a, b in zip(below, below[1:])) > 0.08


def test_open_cycle_has_a_gap_and_an_end_mark(write):
    text = (EXAMPLES / "restaurant.yaml").read_text(encoding="utf-8").replace("language: en", "language: en\nclosed: false")
    text = text.replace("    next: [door]   # the cycle closes here; the complaint below is a side path\n", "")
    path = write("open.yaml", text)
    checked = Pipeline().check(str(path))
    dot = build_dot(checked, layout="clock")
    assert "end ■" in dot and "open cycle: it ends at ■" in dot
    ring = re.search(r'_background="c 7 -#9aa5b1 S \d+ -setlinewidth\(3\) L (\d+) ([^A-Za-z]+)', dot)
    points = [float(v) for v in ring.group(2).split()]
    first, last = points[:2], points[-2:]
    assert abs(first[0] - last[0]) + abs(first[1] - last[1]) > 36, "the ring stops short of the start"
    closed = build_dot(Pipeline().check(str(EXAMPLES / "restaurant.yaml")), layout="clock")
    assert "end ■" not in closed and "▶ start" in closed


def test_blueprint_rows_come_from_the_file_only(write):
    plain = build_dot(Pipeline().check(str(EXAMPLES / "restaurant.yaml")), layout="blueprint")
    assert "Customer actions" in plain and "Onstage" not in plain and "line of visibility" not in plain
    assert "no moment says its evidence, onstage, backstage or support yet" in plain
    from pathlib import Path

    hotel = Path(__file__).parent / "data" / "heldout" / "hotel.yaml"
    full = build_dot(Pipeline().check(str(hotel)), layout="blueprint")
    for text in ("Physical evidence", "Onstage (visible", "Backstage", "Support processes",
                 "line of interaction", "line of visibility", "line of internal interaction", "• Key card",
                 "• Property"):
        assert text in full, text
    assert "no moment says" not in full
    assert "style=dotted" in full  # vertical links from a moment down through its rows


def test_names_are_isolated_from_the_programs_words(write):
    path = write("rtl.yaml", "cyclemap: 1\ntitle: t\nlanguage: en\nmoments:\n"
                 "  - {id: a, name: \"\u202eevil\", kind: critical}\n  - {id: b, name: שלום, kind: routine}\n")
    dot = build_dot(Pipeline().check(str(path)), layout="clock")
    assert "\u2068\u202eevil\u2069" in dot and "\u2068שלום\u2069" in dot


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_clock_links_run_along_the_ring(path):
    """Albrecht's dial: each step of the main loop is an arc of the ring with an
    arrowhead (drawn in the background, the link itself invisible), the closing one in
    the closing colour; branches stay as routed links."""
    checked = Pipeline().check(str(path))
    dot = build_dot(checked, layout="clock")
    background = re.search(r'_background="([^"]*)"', dot).group(1)
    arcs = re.findall(r"c 7 -(#[0-9a-f]{6}) S \d+ -setlinewidth\([0-9.]+\) L (\d+)", background)
    steps = [c for c, _ in arcs if c in (look.EDGE, look.CLOSING)]
    loop = checked.main_loop
    expected = len(loop) if checked.cycle.closed else len(loop) - 1
    # Where two moments sit too close for an arc between their boxes, the link is routed.
    assert expected - 1 <= len(steps) <= expected and background.count(" P 3 ") == len(steps)
    assert dot.count('class="along-ring"') == len(steps)
    from cyclemap.engine.graph import edges

    visible = [line for line in dot.splitlines() if "->" in line and "invis" not in line]
    assert len(visible) == len(list(edges(checked.cycle))) - len(steps), "every other link is routed"
    if checked.cycle.closed and len(steps) == expected:
        assert steps.count(look.CLOSING) == 1
