"""One ranked client list: the critique (text, Markdown, JSON), the diagram's ⚠ badges, the
handout, the deck and the live page, run on the same files, say the same points, in the
same order, with the same words, also when a settings file raises a weak point's rule to
an error (it must neither vanish from the client's list nor shift the badges)."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.conftest import run_app

CYCLE = """\
cyclemap: 1
title: Farmacia de barrio
customer: Vecino con receta
language: es
volume: 3000
moments:
  - {id: entra, name: Entra y toma número, kind: routine, score: 4.1, expectation: 4, responses: 80}
  - {id: espera, name: Espera su turno, kind: critical, owner: Encargado de turno,
     standard: Atendido en menos de 10 min, recovery: El encargado abre otra caja de inmediato,
     score: 2.2, expectation: 4, responses: 90}
  - {id: receta, name: Entrega la receta, kind: critical, owner: todos, score: 3.9, expectation: 4,
     responses: 70}
  - {id: paga, name: Paga en caja, kind: critical, owner: Cajero, standard: Cobra en menos de 2 min,
     recovery: El cajero ofrece pagar después o con otro medio, score: 3.1, expectation: 4.2, responses: 9}
  - {id: queja, name: Deja una queja, kind: routine, collects: complaint, score: 2.4, expectation: 4,
     responses: 30, next: [entra]}
"""
SETTINGS = "severity:\n  CM102: error\n  CM101: error\n"


def _norm(text: str) -> str:
    return " ".join(html.unescape(text).replace("\\", "").split())


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("farmacia")
    (folder / "farmacia.yaml").write_text(CYCLE, encoding="utf-8")
    (folder / ".cyclemap.yaml").write_text(SETTINGS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def critique(files):
    run = run_app("critique", str(files / "farmacia.yaml"), "--format", "json")
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


@pytest.fixture(scope="module")
def points(critique):
    return critique["weak_points"]


@pytest.fixture(scope="module")
def preface(critique):
    assert critique["preface"], "this cycle has something its points share"
    return _norm(" ".join(critique["preface"]))


def test_raised_severity_keeps_the_point(files, points):
    """The settings raise CM102 to an error: the point it belongs to is still in the list."""
    check = run_app("check", str(files / "farmacia.yaml"))
    assert re.search(r"CM102 error", check.out), check.out
    assert any("CM102" in p["codes"] for p in points)
    assert [p["rank"] for p in points] == list(range(1, len(points) + 1))
    assert len(points) >= 4
    # the badges are the ranks of the first three points about a moment
    assert [p["badge"] for p in points[:3]] == [p["rank"] if p["moment"] else None for p in points[:3]]


def test_critique_text_and_markdown_say_the_json_points(files, points, preface):
    text = _norm(run_app("critique", str(files / "farmacia.yaml"), env={"COLUMNS": "100"}).out)
    markdown = _norm(run_app("critique", str(files / "farmacia.yaml"), "--format", "markdown").out)
    for out in (text, markdown):
        where = [out.find(_norm(p["text"])) for p in points]
        assert all(w >= 0 for w in where), [p["text"] for p, w in zip(points, where) if w < 0]
        assert where == sorted(where), "same order"
        assert 0 <= out.find(preface) < where[0], "what the points share is said once, before them"
        assert out.count(preface) == 1


def test_diagram_badges_are_the_points_ranks(files, points, tmp_path):
    out = tmp_path / "f.svg"
    run = run_app("render", str(files / "farmacia.yaml"), "-o", str(out))
    assert run.code == 0, run.err
    svg = out.read_text(encoding="utf-8")
    badges = {}
    for group in re.findall(r'<g id="node\d+" class="node moment[^"]*">(.*?)</g>\s*</g>', svg, re.DOTALL):
        name = re.search(r'xlink:title="([^"]*)"', group)
        mark = re.search(r">⚠ (\d+)<", group)
        if name and mark:
            badges[html.unescape(name.group(1))] = int(mark.group(1))
    expected = {p["moment_name"]: p["badge"] for p in points if p["badge"]}
    assert badges == expected


def test_handout_says_the_same_points(files, points, preface, tmp_path):
    out = tmp_path / "h.html"
    run = run_app("handout", str(files / "farmacia.yaml"), "-o", str(out))
    assert run.code == 0, run.err
    page = out.read_text(encoding="utf-8")
    items = re.findall(r'<li class="group" data-moment="([^"]*)" data-rank="(\d+)">(.*?)</li>', page, re.DOTALL)
    assert [int(rank) for _m, rank, _b in items] == [p["rank"] for p in points][:len(items)]
    for (moment, _rank, body), p in zip(items, points):
        assert moment == (p["moment"] or "")
        said = _norm(re.sub(r"<[^>]+>", " ", body))
        for part in ("what", "why", "todo"):
            assert _norm(p[part]) in said, (part, p[part], said)
    assert not re.search(r">\s*CM\d{3}\s*<", page), "no rule codes shown"
    assert preface in _norm(page)


def test_deck_says_the_same_points(files, points, tmp_path):
    pptx = pytest.importorskip("pptx")
    out = tmp_path / "d.pptx"
    run = run_app("deck", str(files / "farmacia.yaml"), "-o", str(out))
    assert run.code == 0, run.err
    slides = []
    for slide in pptx.Presentation(str(out)).slides:
        slides.append(_norm(" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)))
    heads = [f"⚠ {p['rank']} · " if p["badge"] else f"{p['rank']} · " for p in points[:3]]
    point_slides = [t for t in slides if any(t.startswith(h) for h in heads)]
    assert len(point_slides) == len(heads) and all(t.startswith(h) for t, h in zip(point_slides, heads)), "order"
    for p, text in zip(points[:3], point_slides):
        for part in ("what", "why", "todo"):
            assert _norm(p[part]) in text, (part, p[part], text)
    critique = json.loads(run_app("critique", str(files / "farmacia.yaml"), "--format", "json").out)
    if critique["preface"]:
        assert _norm(" ".join(critique["preface"])) in slides[3], "what is common is said once, before the points"


def test_live_page_says_the_same_points(files, points, preface):
    from tests.test_serve import serving

    with serving(str(files)) as server:
        state = server.state("farmacia.yaml")
    weak = state["html"]["weak"]
    assert preface in _norm(re.sub(r"<[^>]+>", " ", weak))
    items = re.findall(r'<li class="point[^"]*" data-rank="(\d+)">(.*?)</li>', weak, re.DOTALL)
    assert [int(r) for r, _b in items] == [p["rank"] for p in points]
    for (_r, body), p in zip(items, points):
        said = _norm(re.sub(r"<[^>]+>", " ", body))
        for part in ("what", "why", "todo"):
            assert _norm(p[part]) in said, (part, p[part], said)


def test_executive_summary_says_the_first_points_on_one_page(files, points, critique, tmp_path):
    out = tmp_path / "s.html"
    run = run_app("handout", str(files / "farmacia.yaml"), "--edition", "summary", "-o", str(out), "--pdf")
    assert run.code == 0, run.err
    page = out.read_text(encoding="utf-8")
    items = re.findall(r'<li data-rank="(\d+)">(.*?)</li>', page, re.DOTALL)
    assert [int(r) for r, _b in items] == [p["rank"] for p in points[:3]]
    for (_r, body), p in zip(items, points):
        said = _norm(re.sub(r"<[^>]+>", " ", body))
        assert _norm(p["what"]) in said and _norm(p["todo"]) in said
    text = _norm(re.sub(r"<[^>]+>", " ", page))
    assert _norm(critique["level"]["name"]) in text and _norm(critique["level"]["phrase"]) in text
    assert _norm(critique["evidence_text"]) in text, "it names its evidence"
    pypdf = pytest.importorskip("pypdf")
    assert len(pypdf.PdfReader(str(tmp_path / "s.pdf")).pages) == 1, "one page"
