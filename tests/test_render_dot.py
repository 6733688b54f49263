"""DOT building: the visual language is in the DOT, and no name can change the graph."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from cyclemap.engine.pipeline import CheckedCycle, Pipeline
from support import SHOP_CYCLE
from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Verbatim
from support import load_path, load_text
from cyclemap.format.model import Pos
from cyclemap.outputs.render import LAYOUTS, build_dot, render_bytes
from cyclemap.outputs.render.dot import esc, lane_of, wrap
from conftest import EXAMPLES

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz (dot) not installed")
ENGINES = ["embedded", pytest.param("system", marks=needs_dot)]

HOSTILE = [
    'He said "hello"',
    "back\\slash \\N \\l \\G",
    "<b>bold</b> & <i>",
    '"]; x -> y [',
    "two\nlines",
    "emoji 😀🎉 and ¿qué tal? ¡ñandú!",
    "&amp; &lt; entity-looking",
    "tab\tand control\x07char",
    "}; digraph evil { a -> b",
    "-- // /* comment */ #",
]


def finding(cycle, code, moment=None, severity=Severity.WARNING):
    return Diagnostic(cycle.path, Pos(1, 1), code, severity, Verbatim(f"{code} message"), None, moment)


def node_line(dot: str, moment_id: str) -> str:
    """The DOT statement of the node whose tooltip starts with `moment_id: `."""
    for line in dot.splitlines():
        if f'tooltip="{moment_id}: ' in line:
            return line
    raise AssertionError(f"no node for {moment_id}")


def hostile_cycle(names):
    moments = "".join(
        f"  - id: m{i}\n    name: {yaml_quote(name)}\n    kind: {'critical' if i % 2 else 'routine'}\n"
        f"    owner: {yaml_quote(name)}\n    stage: {yaml_quote(name)}\n"
        for i, name in enumerate(names)
    )
    text = (f"cyclemap: 1\ntitle: {yaml_quote(names[0])}\ncustomer: {yaml_quote(names[3])}\n"
            f"moments:\n{moments}")
    cycle, problems = load_text(text, "hostile.yaml")
    assert cycle is not None, problems
    return cycle


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\x07", "\\a") + '"'


def svg_counts(svg: bytes) -> tuple[int, int, str]:
    """(moments, links, all text) of a rendered SVG."""
    root = ET.fromstring(svg)
    nodes = sum(1 for g in root.iter(f"{SVG}g") if {"node", "moment"} <= set((g.get("class") or "").split()))
    edges = sum(1 for g in root.iter(f"{SVG}g") if "edge" in (g.get("class") or "").split())
    text = "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    return nodes, edges, text


def test_escape_keeps_text_as_text():
    assert esc('a"b') == 'a\\"b'
    assert esc("a\\nb") == "a\\\\nb"
    assert esc("x & y") == "x &amp; y"
    assert esc("bell\x07") == "bell"
    assert "\n" not in esc("a\nb")


def test_wrap_spanish_and_long_words():
    lines = wrap("Pide hablar con el supervisor por la espera interminabilísimamentelarguísima")
    assert all(len(line) <= 22 for line in lines)
    # A word longer than a line is broken, and each broken piece ends in a hyphen.
    joined = "".join(line[:-1] if line.endswith("-") else line for line in lines).replace(" ", "")
    assert joined == "Pidehablarconelsupervisorporlaesperainterminabilísimamentelarguísima"
    assert sum(line.endswith("-") for line in lines) >= 1
    assert wrap("¿Qué tal?\n¡Año nuevo!") == ["¿Qué tal?", "¡Año nuevo!"]


@pytest.mark.parametrize("view", ["client", "analyst"])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_names_render_as_text_and_never_change_the_graph(layout, engine, view):
    hostile = hostile_cycle(HOSTILE)
    plain = hostile_cycle([f"Plain name {i}" for i in range(len(HOSTILE))])
    dot = build_dot(CheckedCycle(hostile.path, list([]), hostile), layout=layout, view=view)
    # nothing of the names reaches DOT unescaped: every " inside a label is escaped
    assert not re.search(r'(?<!\\)"\]; x -> y', dot)
    assert "x -> y" in dot  # the name is there, as text
    hostile_svg = render_bytes(CheckedCycle(hostile.path, [], hostile), layout=layout, fmt="svg", engine=engine, view=view)
    plain_svg = render_bytes(CheckedCycle(plain.path, [], plain), layout=layout, fmt="svg", engine=engine, view=view)
    h_nodes, h_edges, h_text = svg_counts(hostile_svg)
    p_nodes, p_edges, _ = svg_counts(plain_svg)
    assert h_nodes == p_nodes
    # The same links (a clock draws a link as an arc of its ring when the moments leave
    # room for one, so the SVG's own edges depend on the names' widths; the DOT says them all).
    plain_dot = build_dot(CheckedCycle(plain.path, [], plain), layout=layout, view=view)
    links = re.compile(r"^\s+(\w+) -> (\w+)", re.M)
    assert set(links.findall(dot)) == set(links.findall(plain_dot)) and h_edges <= p_edges
    assert h_nodes == len(HOSTILE)
    for expected in ['He said "hello"', "back\\slash \\N \\l \\G", "<b>bold</b> & <i>", '"]; x -> y [',
                     "😀🎉", "¡ñandú!", "&amp; &lt; entity-", "}; digraph evil", "tab and control"]:
        assert expected in h_text.replace("\n", " ") or expected in h_text, expected
    assert "two" in h_text and "lines" in h_text


def banco_with_findings():
    cycle, _ = load_path(EXAMPLES / "banco.yaml")
    diags = [finding(cycle, "CM102", "requisitos"), finding(cycle, "CM103", "requisitos"),
             finding(cycle, "CM104", "turno"), finding(cycle, "CM108"),
             finding(cycle, "CM202", "asesor", Severity.INFO)]
    return cycle, diags


@pytest.mark.parametrize("layout", LAYOUTS)
def test_critical_moments_and_findings_carry_their_styles(layout):
    cycle, diags = banco_with_findings()
    dot = build_dot(CheckedCycle(cycle.path, list(diags), cycle, "en"), layout=layout, view="analyst")
    turno = node_line(dot, "turno")  # critical, far below expectation, one finding
    assert "peripheries=2" in turno and "penwidth=2.2" in turno and 'style="filled,bold"' in turno
    assert "◆ CRITICAL" in turno and "CM104" in turno
    assert 'color="#b2182b"' in turno and 'fillcolor="#e66101"' in turno
    requisitos = node_line(dot, "requisitos")
    assert "CM102 CM103" in requisitos
    # ⚠ n means one thing in both views: the n-th weak point of the critique (the real
    # check of the file, whose findings carry the client's words).
    checked = Pipeline().check(str(EXAMPLES / "banco.yaml"))
    analyst, client = build_dot(checked, layout=layout, view="analyst"), build_dot(checked, layout=layout)
    for moment in ("turno", "requisitos", "llegada", "asesor"):
        ranks = re.findall(r"⚠ (\d)", node_line(analyst, moment))
        name = node_line(analyst, moment).split()[0]  # the same generated node name in both views
        client_line = next(line for line in client.splitlines() if line.split()[:1] == [name])
        client_ranks = re.findall(r"⚠ (\d)", client_line)
        assert ranks == client_ranks, moment
    assert re.findall(r"⚠ (\d)", node_line(analyst, "turno")) == [str(checked.critique.badges["turno"])]
    llegada = node_line(dot, "llegada")  # routine, no findings, just under expectation
    assert 'style="rounded,filled"' in llegada and "peripheries" not in llegada
    assert "⚠" not in llegada and 'color="#222222"' in llegada and 'fillcolor="#fee0b6"' in llegada
    asesor = node_line(dot, "asesor")  # info findings are not weak points
    assert "⚠" not in asesor and "CM202" not in asesor
    encuesta = node_line(dot, "encuesta")  # 3.4 against 3: meets (less than ½ point over)
    assert 'fillcolor="#d1e5f0"' in encuesta
    # the legend explains every mark, and whole-cycle findings are listed there (read across
    # the legend's line breaks)
    read = re.sub(r"\\[nl] *", " ", dot)
    for text in ("◆ CRITICAL", "critical moment", "routine moment", "n-th weak point",
                 "far below expectation", "exceeds expectation", "no score yet",
                 "back to the first moment", "CM108"):
        assert text in read, text
    assert "Service level: POOR" in dot and "Customer: Cliente persona natural" in dot


def test_legend_and_labels_follow_lang():
    cycle, diags = banco_with_findings()
    es = build_dot(CheckedCycle(cycle.path, list(diags), cycle, "es"), layout="clock", view="analyst")
    assert "Leyenda" in es and "◆ CRÍTICO" in es and "muy por debajo de lo esperado" in es
    assert "Nivel de servicio: MALO" in es and "2,3 / 4" in es
    assert "¿espera mayor a 15 min?" in es
    en = build_dot(CheckedCycle(cycle.path, list(diags), cycle, "en"), layout="clock", view="analyst")
    assert "Legend" in en and "2.3 / 4" in en and "Leyenda" not in en


def test_closing_link_and_branch_are_drawn():
    cycle, _ = load_path(EXAMPLES / "banco.yaml")
    dot = build_dot(CheckedCycle(cycle.path, list([]), cycle, "en"), layout="flow", view="analyst")
    closing = [line for line in dot.splitlines() if "↻ again" in line]
    assert len(closing) == 1 and 'color="#2166ac"' in closing[0] and "penwidth=2.6" in closing[0]
    branch = [line for line in dot.splitlines() if "espera mayor a 15 min?" in line]
    assert len(branch) == 1 and "style=dashed" in branch[0]
    assert dot.count("subgraph cluster_s") == 3


def test_clock_numbers_detours_after_where_they_leave():
    cycle, _ = load_path(EXAMPLES / "banco.yaml")
    dot = build_dot(CheckedCycle(cycle.path, list([]), cycle, "en"), layout="clock", view="analyst")
    numbers = {mid: int(re.search(r'label="(\d+) ·', node_line(dot, mid)).group(1))
               for mid in ("llegada", "turno", "queja", "asesor", "encuesta")}
    assert numbers == {"llegada": 1, "turno": 2, "queja": 3, "asesor": 4, "encuesta": 8}


def test_blueprint_lanes():
    cycle, _ = load_path(EXAMPLES / "banco.yaml")
    lanes = {m.id: lane_of(m) for m in cycle.moments}
    assert lanes["turno"] == "customer" and lanes["activacion"] == "customer"
    assert lanes["asesor"] == "front" and lanes["encuesta"] == "support"
    dot = build_dot(CheckedCycle(cycle.path, list([]), cycle, "en"), layout="blueprint", view="analyst")
    assert "line of visibility" in dot and "Back stage" in dot and "style=dashed penwidth=2.4" in dot


def test_portuguese_analyst_view_has_no_spanish_or_english_words():
    cycle, diags = banco_with_findings()
    pt = build_dot(CheckedCycle(cycle.path, list(diags), cycle, "pt"), layout="clock", view="analyst")
    assert "Legenda" in pt and "◆ CRÍTICO" in pt and "rotineiro" in pt and "2,3 / 4" in pt
    assert "3,1 / 4" in pt and "nota / expectativa (boletim de avaliação)" in re.sub(r"\\[nl] *", " ", pt)
    assert "espera mayor a 15 min?" in pt and "¿espera" not in pt  # the question mark opens only in Spanish
    assert "↻ de novo" in pt
    for word in ("Leyenda", '"Legend\\l"', "rutina", "puntuación", "↻ again", "↻ de nuevo"):
        assert word not in pt, word
    blueprint = build_dot(CheckedCycle(cycle.path, list(diags), cycle, "pt"), layout="blueprint", view="analyst")
    assert "Linha de\\nfrente" in blueprint and "Bastidores" in blueprint and "linha de visibilidade" in blueprint
    assert "Tras bambalinas" not in blueprint and "Back stage" not in blueprint


def test_moment_counts_are_singular_for_one():
    from cyclemap.outputs.render.style import moments_count

    assert moments_count(1, 1)("es") == "1 momento, 1 crítico"
    assert moments_count(5, 2)("es") == "5 momentos, 2 críticos"
    assert moments_count(1, 0)("en") == "1 moment, 0 critical"
    assert moments_count(3, 1)("pt") == "3 momentos, 1 crítico"


BAND_CYCLE = SHOP_CYCLE


def _band_of(svg_path, name: str) -> str:
    """The `band-…` class of the node whose text holds `name`, as the SVG carries it."""
    root = ET.parse(svg_path).getroot()
    for g in root.iter(f"{SVG}g"):
        classes = (g.get("class") or "").split()
        if "moment" in classes and name in "".join(g.itertext()):
            return next(c for c in classes if c.startswith("band-"))
    raise AssertionError(f"no moment node for {name}")


@pytest.mark.parametrize("view", ["client", "analyst"])
def test_score_bands_follow_the_settings_gap_margin_as_the_critique_does(tmp_path, view):
    """0.6 short of 4 on 1 to 5: below the expectation by the default margin (½ point) and
    a CM105 finding; with `gap_margin: 0.3` (1.2 points) only just under, and no finding.
    The diagram's band, its legend and `check` move together."""
    from conftest import run_cli_in_process

    seen = {}
    for folder, settings in (("default", None), ("wide", "thresholds:\n  gap_margin: 0.3\n")):
        d = tmp_path / folder
        d.mkdir()
        (d / "c.yaml").write_text(BAND_CYCLE)
        if settings:
            (d / ".cyclemap.yaml").write_text(settings)
        out = d / f"{view}.svg"
        run = run_cli_in_process("render", str(d / "c.yaml"), "--view", view, "-o", str(out), "-e", "embedded")
        assert run.code == 0, run.err
        check = run_cli_in_process("check", str(d / "c.yaml"))
        seen[folder] = (_band_of(out, "Arriving"), "CM105" in check.out, out.read_text())
        if view == "client":  # the handout's table marks the moment with the same band
            html = d / "h.html"
            assert run_cli_in_process("handout", str(d / "c.yaml"), "-o", str(html), "--edition", "participant").code == 0
            seen[folder] += (html.read_text(),)
    assert seen["default"][:2] == ("band-below", True)
    assert seen["wide"][:2] == ("band-near", False)
    if view == "client":
        assert "▼ 3.4" in seen["default"][3] and "▽ 3.4" in seen["wide"][3]
    if view == "analyst":  # the full legend says the margin in force
        assert "less than 0.5 points" in seen["default"][2]
        assert "less than 1.2 points" in seen["wide"][2]
        assert "less than 0.5 points" not in seen["wide"][2]
