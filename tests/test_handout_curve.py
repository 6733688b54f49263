"""The expectation-versus-perception curve and the discussion questions, as units."""

from __future__ import annotations

import re

import pytest
import xml.etree.ElementTree as ET

from cyclemap.outputs import look
from cyclemap.outputs.handout.curve import ORANGE, curve_svg, has_data, mini_bar
from support import ordered_moments
from cyclemap.outputs.handout.questions import course_prompts, from_findings
from support import load_path, load_text
from tests.conftest import EXAMPLE_FILES

SVG = "{http://www.w3.org/2000/svg}"


def cycle_of(*moments: str, extra: str = ""):
    text = "cyclemap: 1\ntitle: T\nlanguage: en\n" + extra + "moments:\n" + "".join(f"  - {m}\n" for m in moments)
    cycle, problems = load_text(text)
    assert cycle is not None, problems
    return cycle


def draw(cycle, lang="en"):
    svg = curve_svg(cycle, ordered_moments(cycle), lang)
    return svg, ET.fromstring(svg)


def test_every_example_draws_a_well_formed_chart_in_both_languages():
    for path in EXAMPLE_FILES:
        cycle, _ = load_path(str(path))
        for lang in ("es", "en"):
            _, root = draw(cycle, lang)
            assert root.get("viewBox")
            assert len(root.findall(f"{SVG}polyline")) >= 2


def test_crossing_lines_split_the_shaded_gap():
    cycle = cycle_of("{id: a, name: A, kind: routine, expectation: 3, score: 2}",
                     "{id: b, name: B, kind: critical, expectation: 3, score: 4}")
    svg, root = draw(cycle)
    gaps = [p for p in root.iter(f"{SVG}polygon") if p.get("stroke") == "none"]
    fills = sorted(p.get("fill") for p in gaps)
    assert fills == [look.BAND["exceeds"].fill, "url(#cm-hatch)"], "one part falls short (hatched), one exceeds"
    # Both pieces meet where the lines cross: halfway between the two moments.
    xs = [[float(c.split(",")[0]) for c in p.get("points").split()] for p in gaps]
    assert abs(max(xs[0]) - min(xs[1])) < 0.2 or abs(max(xs[1]) - min(xs[0])) < 0.2


def test_a_missing_score_breaks_the_line_and_is_not_invented():
    cycle = cycle_of("{id: a, name: A, kind: routine, expectation: 3, score: 2}",
                     "{id: b, name: B, kind: routine, expectation: 3}",
                     "{id: c, name: C, kind: routine, expectation: 3, score: 3}",
                     "{id: d, name: D, kind: routine, expectation: 3, score: 4}")
    _, root = draw(cycle)
    lines = root.findall(f"{SVG}polyline")
    score_lines = [p for p in lines if "stroke-dasharray" not in p.attrib]
    expectation_lines = [p for p in lines if "stroke-dasharray" in p.attrib]
    assert len(expectation_lines) == 1 and len(expectation_lines[0].get("points").split()) == 4
    # a alone cannot make a line; c-d is the only run of scores.
    assert len(score_lines) == 1 and len(score_lines[0].get("points").split()) == 2


def test_only_expectations_still_draw_and_no_data_is_reported():
    only_expected = cycle_of("{id: a, name: A, kind: critical, expectation: 4}",
                             "{id: b, name: B, kind: routine, expectation: 3}")
    assert has_data(only_expected.moments)
    _, root = draw(only_expected)
    assert len(root.findall(f"{SVG}polyline")) == 1
    bare = cycle_of("{id: a, name: A, kind: critical}", "{id: b, name: B, kind: routine}")
    assert not has_data(bare.moments)


def test_critical_moments_are_diamonds_and_numbers_are_bold():
    cycle = cycle_of("{id: a, name: A, kind: critical, expectation: 4, score: 2}",
                     "{id: b, name: B, kind: routine, expectation: 3, score: 3}",
                     "{id: c, name: C, kind: critical, expectation: 4, score: 4.5}")
    svg, root = draw(cycle)
    diamonds = [p for p in root.iter(f"{SVG}polygon") if p.get("stroke") == "#222222"]
    assert len(diamonds) == 2 + 1, "two critical moments and the legend's diamond"
    assert re.search(r'font-weight="bold">1</text>', svg) and re.search(r'font-weight="bold">3</text>', svg)
    assert not re.search(r'font-weight="bold">2</text>', svg)


def test_scores_outside_the_scale_stay_inside_the_plot():
    cycle = cycle_of("{id: a, name: A, kind: routine, expectation: 4, score: 3}",
                     "{id: b, name: B, kind: routine, expectation: 4, score: 5}", extra="scale: [1, 5]\n")
    cycle.moments[0].score = -10  # as a bad ratings import might leave it; the chart must not fly off
    cycle.moments[1].score = 99
    _, root = draw(cycle)
    height = float(root.get("viewBox").split()[3])
    for circle in root.iter(f"{SVG}circle"):
        assert 0 <= float(circle.get("cy")) <= height


def test_many_moments_keep_numbers_and_drop_slanted_names():
    moments = [f"{{id: m{i}, name: Moment number {i}, kind: routine, expectation: 3, score: 3}}" for i in range(60)]
    svg, _ = draw(cycle_of(*moments))
    assert "rotate(-" not in svg
    assert ">60</text>" in svg and ">5</text>" in svg and ">7</text>" not in svg


def test_names_are_escaped_in_labels_and_tooltips():
    cycle = cycle_of('{id: a, name: "<script>x</script> & \\"q\\"", kind: critical, expectation: 4, score: 2}',
                     "{id: b, name: B, kind: routine, expectation: 3, score: 3}")
    svg, root = draw(cycle)
    assert "<script>" not in svg
    texts = "".join(root.itertext())
    assert '<script>x</script> & "q"' in texts or "<script>x</script> &" in texts


def test_legend_speaks_the_cycle_language():
    cycle = cycle_of("{id: a, name: A, kind: routine, expectation: 3, score: 2}",
                     "{id: b, name: B, kind: routine, expectation: 3, score: 2}")
    assert "expectativa" in draw(cycle, "es")[0] and "se queda corto" in draw(cycle, "es")[0]
    assert "expectation" in draw(cycle, "en")[0] and "falls short" in draw(cycle, "en")[0]


def test_mini_bar_marks_short_scores():
    assert ORANGE in mini_bar(2, 4, (1, 5), short=True, margin=0.5)
    assert ORANGE not in mini_bar(4, 4, (1, 5), short=False, margin=0.5)
    ET.fromstring(mini_bar(None, 4, (1, 5), short=False, margin=0.5))


@pytest.mark.parametrize("score", [1.5, 3.2, 3.7, 4.0, 4.8])
def test_mini_bar_has_the_diagrams_band_colour(score):
    """The table's bar is the colour the diagram fills the same moment with (a score
    just under its expectation is the diagram's light 'just under', not another hue)."""
    from cyclemap.outputs import look

    fills = {b.fill for b in look.BANDS}
    bar = mini_bar(score, 4, (1, 5), short=score < 4, margin=0.5)
    used = set(re.findall(r'fill="(#[0-9a-f]{6})"', bar)) - {"#eeeeee"}
    assert used == {look.band_for(score, 4, (1, 5), 0.5).fill} and used <= fills


def test_questions_from_findings_cover_several_moments_first():
    cycle = cycle_of("{id: a, name: Wait, kind: critical, expectation: 4, score: 2}",
                     "{id: b, name: Counter, kind: critical, expectation: 4, score: 3}")
    findings = [("CM104", "a"), ("CM105", "a"), ("CM107", "a"), ("CM104", "b"), ("CM108", None), ("CM108", None)]
    questions = [q("en") for q in from_findings(cycle, findings)]
    assert questions[0].startswith("“Wait” is a moment of misery")
    assert questions[1].startswith("“Counter” is a moment of misery"), "a second moment before a second question on the first"
    assert sum("4 in 100" in q for q in questions) == 1, "a cycle-wide question is asked once"
    assert any("expect 4 at “Wait” and give it 2" in q for q in questions)
    assert all(q("es") for q in from_findings(cycle, findings))


def test_unknown_codes_and_missing_moments_ask_nothing():
    cycle = cycle_of("{id: a, name: A, kind: critical}", "{id: b, name: B, kind: routine}")
    assert from_findings(cycle, [("CM999", "a"), ("CM104", "gone"), ("CM003", None)]) == []


def test_course_prompts_fit_the_cycle():
    cycle = cycle_of("{id: a, name: Wait, kind: critical, expectation: 4, score: 2}",
                     "{id: b, name: Survey, kind: routine, feedback: true}",
                     extra="customer: Sales department (internal customer)\n")
    prompts = [p("en") for p in course_prompts(cycle)]
    assert any("free, open 24 hours, simple, effective, practical and fast" in p for p in prompts)
    assert any("six basic needs" in p and "“Wait”" in p for p in prompts)
    assert any("Seven in ten customers who complain" in p for p in prompts)
    assert any("internal customer" in p for p in prompts)
    spanish = [p("es") for p in course_prompts(cycle)]
    assert any("gratuito, de 24 horas, simple, eficaz, práctico y rápido" in p for p in spanish)


def test_few_moments_get_level_names_wrapped():
    others = [f"{{id: m{i}, name: Pays, kind: routine, expectation: 3, score: 3}}" for i in range(5)]
    cycle = cycle_of("{id: a, name: Arrives and is greeted at the door by a very attentive host, kind: critical, expectation: 4, score: 3}",
                     *others)
    svg, root = draw(cycle)
    assert "rotate(-" not in svg
    texts = [t for t in root.iter(f"{SVG}text") if t.findall(f"{SVG}tspan")]
    assert len(texts) == 6
    first = [s.text for s in texts[0].findall(f"{SVG}tspan")]
    assert len(first) == 3 and first[0].startswith("Arrives and is") and first[2].endswith("…")
    assert [s.text for s in texts[1].findall(f"{SVG}tspan")] == ["Pays"]


def test_middling_cycles_get_slanted_names():
    moments = [f"{{id: m{i}, name: Moment {i}, kind: routine, expectation: 3, score: 3}}" for i in range(20)]
    svg, _ = draw(cycle_of(*moments))
    assert "rotate(-32)" in svg and ">Moment 19</text>" in svg


@pytest.mark.parametrize("n", [5, 8, 16, 27, 40])
def test_every_text_of_the_chart_prints_at_8_pt_in_the_handout(n):
    """The handout prints the chart across its 186 mm content box (handout.css: A4 and
    Letter alike), so a text of s units prints at s x 527 pt / width."""
    moments = [f"{{id: m{i}, name: Moment with a long name number {i}, kind: routine, expectation: 4, score: 3}}"
               for i in range(n)]
    _svg, root = draw(cycle_of(*moments))
    width = float(root.get("viewBox").split()[2])
    printed = 186 / 25.4 * 72 / width
    legend = float(next(g.get("font-size") for g in root.iter(f"{SVG}g") if g.get("class") == "legend"))
    # A text without its own size takes the legend group's (the only group that sets one).
    smallest = min(float(t.get("font-size") or legend) for t in root.iter(f"{SVG}text"))
    assert smallest * printed >= 8.0 - 0.01, f"{smallest * printed:.2f} pt"
