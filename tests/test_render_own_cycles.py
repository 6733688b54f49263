"""The geometry test of issue 23 on cycles written here, never used to tune the layouts:
12, 24 and 40 moments, in Spanish, Portuguese and English, with long names, words longer
than a line, emoji joined with zero-width joiners and right-to-left names, and detours.
Measured on Graphviz's own layout (`json`) in both engines and every layout:

- no link through a moment, no text on a moment;
- the legend inside the drawing;
- the same moment positions from both engines (within half a point);
- the smallest text at 8 pt or more fitted to A4 (A3 for the blueprint) — or, when the
  picture is too large for that, `render` says so on stderr (never silently).
"""

from __future__ import annotations

import json
import shutil

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.outputs.render import LAYOUTS, build_dot, engines
from cyclemap.outputs.render import geometry as g
from cyclemap.outputs.render.dot import layout_program
from conftest import run_app

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz (dot) not installed")
PAGE = {"clock": g.A4_LANDSCAPE, "flow": g.A4_LANDSCAPE, "blueprint": g.A3_LANDSCAPE}

NAMES = {
    "es": ["Busca estacionamiento en el centro", "Pide información en el mostrador", "Espera su turno 👩‍💻",
           "Desinstitucionalización del trámite", "يتصل بالدعم الفني", "Recibe la confirmación por correo",
           "Paga 👨‍👩‍👧 la cuenta", "Firma el contrato"],
    "pt": ["Procura estacionamento no shopping", "Recebe o atendimento personalizado", "Espera na fila 🧑‍🍳",
           "מקבל תשובה מהצוות", "Confirma o agendamento pelo aplicativo", "Paga a conta"],
    "en": ["Looks for parking near the entrance", "Gets a reply from the internationalisation team",
           "Waits in line 👩‍👩‍👦", "يدفع الفاتورة", "Receives the confirmation email", "Signs the contract"],
}
STAGES = {"es": ["Antes", "Durante", "Después"], "pt": ["Antes", "Durante", "Depois"], "en": ["Before", "During", "After"]}
CASES = [(12, "es"), (24, "pt"), (40, "en")]


def own_cycle(n: int, lang: str) -> str:
    names, stages = NAMES[lang], STAGES[lang]
    lines = ["cyclemap: 1", f'title: "Own cycle of {n} ({lang})"', f"language: {lang}",
             f"stages: [{', '.join(stages)}]", "moments:"]
    for i in range(n):
        moment = [f"  - id: m{i}", f'    name: "{names[i % len(names)]} {i + 1}"',
                  f"    kind: {'critical' if i % 4 == 1 else 'routine'}",
                  f"    stage: {stages[min(i * len(stages) // n, len(stages) - 1)]}",
                  "    expectation: 4", f"    score: {[2.1, 3.3, 3.8, 4.2, 4.7][i % 5]}"]
        if i % 7 == 3 and i + 2 < n:  # a detour with its condition, rejoining two moments on
            moment.append(f"    next: [{{to: m{i + 1}}}, {{to: d{i}, when: the wait passes 20 minutes}}]")
        lines += moment
    for i in range(n):
        if i % 7 == 3 and i + 2 < n:
            lines += [f"  - id: d{i}", f'    name: "{names[(i + 3) % len(names)]} (detour)"', "    kind: routine",
                      f"    next: [m{i + 2}]"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def cycles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("own")
    out = {}
    for n, lang in CASES:
        path = folder / f"own{n}-{lang}.yaml"
        path.write_text(own_cycle(n, lang), encoding="utf-8")
        out[(n, lang)] = path
    return out


def raw_layout(dot: str, program: str, engine: str) -> dict:
    if engine == "system":
        data = engines.run_system(dot, program, "json", 60)
    else:
        data = engines._Wasm.shared().render(dot, "json", program, 60)
    return json.loads(data.decode("utf-8"))


def positions(data: dict) -> dict[str, tuple[float, float]]:
    return {o["name"]: tuple(float(v) for v in o["pos"].split(","))
            for o in data.get("objects", []) if "moment" in (o.get("class") or "").split()}


@needs_dot
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("case", CASES, ids=[f"{n}-{lang}" for n, lang in CASES])
def test_own_cycles_are_clean_and_the_same_in_both_engines(cycles, case, layout):
    checked = Pipeline().check(str(cycles[case]))
    assert checked.loaded and len(checked.order) >= case[0]
    dot = build_dot(checked, layout=layout)
    assert "\\u200d" not in dot  # a joined emoji is never written as an escape
    program = layout_program(layout)
    laid = {}
    for engine in ("system", "embedded"):
        data = raw_layout(dot, program, engine)
        layout_ = g.parse(data)
        assert len(layout_.moments) == len(checked.order)
        assert g.edges_through_moments(layout_) == [], engine
        assert g.texts_on_moments(layout_) == [], engine
        x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
        legend = [t.box for t in layout_.texts if t.owner == "legend"]
        assert legend and all(x0 <= b.x0 and b.x1 <= x1 and y0 <= b.y0 and b.y1 <= y1 for b in legend), engine
        laid[engine] = (data, layout_)
    system, embedded = positions(laid["system"][0]), positions(laid["embedded"][0])
    assert system.keys() == embedded.keys()
    assert max(abs(a - b) for name in system for a, b in zip(system[name], embedded[name])) <= 0.5


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("case", CASES, ids=[f"{n}-{lang}" for n, lang in CASES])
def test_own_cycles_print_at_8_pt_or_say_so(cycles, case, layout, tmp_path):
    """Under 8 pt as one picture: split into sheets that each print at 8 pt or more (as
    Graphviz's layout of each sheet measures them), or said on stderr; never silent."""
    from cyclemap.outputs.render.split import render_split

    out = tmp_path / "picture.svg"
    run = run_app("render", str(cycles[case]), "-o", str(out), "--layout", layout, "--engine", "embedded")
    assert run.code == 0, run.err
    checked = Pipeline().check(str(cycles[case]))
    laid = g.lay_out(build_dot(checked, layout=layout), layout_program(layout), "embedded")
    smallest = g.smallest_text_pt(laid, PAGE[layout])
    if smallest < 8.0 and "split into" in run.err:
        assert not out.exists() and (tmp_path / "picture-1.svg").exists()
        drawing = render_split(checked, layout=layout, fmt="svg", engine="embedded")
        assert f"split into {len(drawing.sheets)} sheets" in run.err
        for drawn in drawing.sheets:
            sheet = g.lay_out(build_dot(checked, layout=layout, sheet=drawn.sheet), layout_program(layout), "embedded")
            assert g.smallest_text_pt(sheet, PAGE[layout]) >= 8.0, drawn.sheet.index
            assert (tmp_path / f"picture-{drawn.sheet.index}.svg").exists()
    elif smallest < 8.0:
        assert "too large to print legibly" in run.err, f"{smallest:.1f} pt and nothing said"
    else:
        assert "too large to print legibly" not in run.err and "split" not in run.err
