"""The clock's detours (issue 23): a detour's condition is a text of its own beside the link
into the detour — never a line of the detour's box, never on a moment, no link through it,
fitted at 8 pt or more — measured on Graphviz's own layout (`json`) in both engines.

On the bundled examples and held-out cycles (up to 16 moments: names on the dial) and on
cycles written here with real detours (each leaves the loop on a condition and rejoins it
two moments on) of 12 and 24 moments (past 16 the dial shows numbers and the names go in a
key: the condition still goes on the link, and leaves the key)."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.outputs.render import build_dot, client
from cyclemap.outputs.render import geometry as g
from cyclemap.outputs.render.dot import layout_program
from conftest import EXAMPLE_FILES

HELD_OUT = sorted((Path(__file__).parent / "data" / "heldout").glob("*.yaml"))
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz (dot) not installed")
ENGINES = ["embedded", pytest.param("system", marks=needs_dot)]

NAMES = {
    "es": ["Llega a la oficina", "Saca un número en la máquina", "Espera a que lo llamen", "Explica su trámite",
           "Entrega los documentos", "Paga la tasa en caja", "Recibe el comprobante", "Sale de la oficina"],
    "pt": ["Chega à loja", "Procura o produto na prateleira", "Pergunta ao vendedor", "Experimenta o produto",
           "Entra na fila do caixa", "Paga com cartão", "Recebe a nota fiscal"],
    "en": ["Opens the app", "Searches for a flight", "Compares the fares", "Picks a seat", "Pays by card",
           "Gets the boarding pass", "Checks in at the airport"],
}
CONDITIONS = {
    "es": ["la máquina no tiene papel", "la espera pasa de 30 minutos", "falta un documento",
           "el sistema está caído", "no hay sillas libres", "pide hablar con el jefe"],
    "pt": ["o produto acabou", "o cartão é recusado pela operadora", "a fila passa de dez pessoas",
           "o vendedor está ocupado", "o preço está errado", "quer trocar o tamanho"],
    "en": ["the fare changes", "the card is declined twice", "no seat is left by the window",
           "the app crashes", "the bag is too heavy", "the flight is delayed"],
}
CASES = [(12, "es"), (12, "en"), (24, "pt"), (24, "en")]


def detour_cycle(n: int, lang: str) -> str:
    """A closed cycle of `n` moments; every fifth leaves on a condition for a detour that
    rejoins the loop two moments on."""
    names, conditions = NAMES[lang], CONDITIONS[lang]
    lines = ["cyclemap: 1", f'title: "Detours {n} ({lang})"', f"language: {lang}", "moments:"]
    detours = [i for i in range(1, n - 2) if i % 5 == 1]
    for i in range(n):
        lines += [f"  - id: m{i}", f'    name: "{names[i % len(names)]}"',
                  f"    kind: {'critical' if i % 6 == 2 else 'routine'}",
                  "    expectation: 4", f"    score: {[2.2, 3.4, 3.9, 4.3, 4.6][i % 5]}"]
        if i in detours:
            when = conditions[detours.index(i) % len(conditions)]
            lines.append(f"    next: [{{to: m{i + 1}}}, {{to: d{i}, when: {when}}}]")
        else:
            lines.append(f"    next: [m{(i + 1) % n}]")
    for i in detours:
        lines += [f"  - id: d{i}", f'    name: "{names[(i + 4) % len(names)]} (otra vez)"', "    kind: routine",
                  f"    next: [m{i + 2}]"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    folder = tmp_path_factory.mktemp("detours")
    out = []
    for n, lang in CASES:
        path = folder / f"detours{n}-{lang}.yaml"
        path.write_text(detour_cycle(n, lang), encoding="utf-8")
        out.append(path)
    return out


def _plain(text: str) -> str:
    """Text as a reader sees it across line breaks: no spaces, hyphens, soft hyphens or
    direction marks."""
    return re.sub(r"[\s\-\u00ad\u200e\u2068\u2069]", "", text)


def conditions_beside_their_links(path: Path, engine: str, dot: str | None = None) -> int:
    """Every clock condition of the cycle at `path` checked on the laid-out picture (its
    clock, or `dot`); how many were on their links."""
    checked = Pipeline().check(str(path))
    view = client.make_view(checked)
    node = view.scene.node
    laid = g.lay_out(dot or build_dot(checked, layout="clock"), layout_program("clock"), engine)
    by_owner: dict[str, list] = {}
    for item in laid.texts:
        by_owner.setdefault(item.owner, []).append(item)
    on_link = 0
    for mid, when in view.when.items():
        condition = _plain(client.words("if", view.lang, when=when))
        in_box = condition in _plain(" ".join(t.text for t in by_owner.get(node[mid], [])))
        beside = [items for owner, items in by_owner.items()
                  if owner.startswith("when") and condition in _plain(" ".join(t.text for t in items))]
        assert not in_box, (path.stem, mid, "the condition is in the detour's box")
        assert len(beside) == 1, (path.stem, mid, len(beside))
        (items,) = beside
        on_link += 1
        # As large as the moments' names (14 pt): at 8 pt or more on A4 wherever the picture
        # prints legibly at all (a larger one is split into sheets: test_render_own_cycles.py).
        assert min(t.size for t in items) >= 14.0, (path.stem, mid)
        if len(checked.order) <= 16:
            assert min(t.size for t in items) * g.fit_scale(laid) >= 8.0, (path.stem, mid)
        # No moment under it, no link through it but its own (which may carry it on its line).
        for name, box in laid.moments.items():
            assert not any(t.box.overlaps(box, slack=1.0) for t in items), (path.stem, mid, name)
        for tail, head, points in laid.edges:
            if head != node[mid]:
                assert not any(t.box.contains(x, y, inset=1.0) for t in items for x, y in points), (path.stem, mid, tail)
        # Beside the link into the detour: within 0.9 in of its drawn curve (which stops short
        # of the arrowhead), and no other link nearer (so it reads as that link's condition).
        def gap(points) -> float:
            return min(math.hypot(max(0.0, t.box.x0 - x, x - t.box.x1), max(0.0, t.box.y0 - y, y - t.box.y1))
                       for t in items for x, y in points)

        own = min(gap(points) for _tail, head, points in laid.edges if head == node[mid])
        # Other routed links are no nearer to it than its own (not counting those drawn along
        # the ring, which never carry a condition, nor the detour's way back to the ring,
        # which the placement lets come about as near as its own).
        others = [gap(points) for tail, head, points in laid.edges
                  if tail and head != node[mid] and tail != node[mid] and points]
        assert own <= 0.9 * 72, (path.stem, mid, own)
        assert own <= min(others, default=own), (path.stem, mid, own, min(others))
    assert g.texts_on_moments(laid) == [], path.stem
    return on_link


@pytest.mark.parametrize("engine", ENGINES)
def test_a_detours_condition_is_on_its_link_in_the_clock(engine):
    on_link = sum(conditions_beside_their_links(path, engine) for path in EXAMPLE_FILES + HELD_OUT)
    assert on_link >= 3  # banco, hotel (two), saas, ...


@pytest.mark.parametrize("engine", ENGINES)
def test_the_condition_is_on_its_link_on_12_and_24_moment_dials(own, engine):
    for path in own:
        checked = Pipeline().check(str(path))
        assert len(checked.order) > len(checked.main_loop) >= 12  # real detours, off the loop
        assert conditions_beside_their_links(path, engine) == len(checked.order) - len(checked.main_loop)


def test_the_key_of_a_large_dial_no_longer_carries_the_condition(own):
    """Past 16 moments the names are in a key; the condition is on the link, so the key
    names the detour only (a condition in the key read as part of the name)."""
    path = next(p for p in own if p.stem.startswith("detours24"))
    checked = Pipeline().check(str(path))
    dot = build_dot(checked, layout="clock")
    keys = " ".join(line for line in dot.splitlines() if line.lstrip().startswith("key"))
    assert keys and "(otra vez)" in keys
    for when in CONDITIONS[checked.lang][:5]:
        assert _plain(when) not in _plain(keys)


def test_the_check_fails_on_a_condition_in_the_box():
    """The measure can fail: the picture as it was drawn before (the condition as a line
    of the detour's box, no text of its own) is caught."""
    path = Path(__file__).parent / "data" / "heldout" / "saas.yaml"
    checked = Pipeline().check(str(path))
    view = client.make_view(checked)
    (mid, when), = view.when.items()
    condition = client.words("if", view.lang, when=when)
    dot = re.sub(r"  when\d+ \[.*\];\n", "", build_dot(checked, layout="clock"))
    dot = re.sub(rf'(  {view.scene.node[mid]} \[.*?label=")', lambda m: m.group(1) + condition + r"\\n", dot)
    with pytest.raises(AssertionError, match="in the detour's box"):
        conditions_beside_their_links(path, "embedded", dot)
