"""`cyclemap handout`: the HTML a trainer prints — its parts, its escaping of hostile
names, its outputs (atomic, never over the input), and the --pdf promise."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import check_cycle
from cyclemap.engine.graph import unique_moments
from cyclemap.format.i18n import LANGUAGES
from cyclemap.format.i18n import html_lang
from support import load_path, load_text
from tests.conftest import EXAMPLE_FILES

HOSTILE = '<script>alert(1)</script>'
HOSTILE_CYCLE = """\
cyclemap: 1
title: "Title <b>bold</b> & <script>alert('t')</script>"
customer: 'Customer "quoted" & <i>co</i>'
language: en
stages: ['<img src=x onerror=alert(2)>', 'After 🎬']
moments:
  - id: a
    name: "<script>alert(1)</script>"
    kind: critical
    stage: '<img src=x onerror=alert(2)>'
    owner: '"]; x -> y ['
    standard: "a < b && c > d"
    recovery: "</td></tr></table><h1>broken</h1>"
    expectation: 4
    score: 2
    next:
      - to: b
      - to: c
        when: "\\"><svg onload=alert(3)>"
  - id: b
    name: 'Quotes " and '' and `ticks` {m} {0}'
    kind: routine
    stage: 'After 🎬'
    notes: "--> <!-- comment"
    expectation: 3
    score: 3.5
  - id: c
    name: "Emoji 😀 & ampersand &amp; done"
    kind: critical
    owner: Department_of_Extraordinarily_Long_Unbroken_Names_Without_Any_Space_1234567890
    stage: 'After 🎬'
    feedback: true
    expectation: 4
    score: 3
"""


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def make(cli, cycle_file: Path, out: Path, *args: str):
    run = cli("handout", str(cycle_file), "-o", str(out), *args)
    assert run.code == 0, run.err
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_makes_a_complete_handout(cli, tmp_path, example):
    html = make(cli, example, tmp_path / "out.html")
    cycle, _ = load_path(str(example))
    page = parse(html)
    # One page, everything inline: no scripts, no links, nothing fetched.
    assert "script" not in page.tags
    assert not [v for k, v in page.attrs if k in ("src", "href") and v and not v.startswith("#")]
    assert "<link" not in html and "@import" not in html and "url(http" not in html
    assert f'<html lang="{html_lang(cycle.language)}">' in html
    for section in ("diagram", "curve", "moments", "weak-points", "discussion", "glossary"):
        assert f'id="{section}"' in html
    assert '<svg class="diagram"' in html, "the clock diagram is inlined"
    assert '<svg class="curve"' in html
    assert html.count("<tr class=") == len(unique_moments(cycle))
    assert html.count('<td class="notes"></td>') == len(unique_moments(cycle))
    assert cycle.title.replace("&", "&amp;") in html


def test_spanish_cycle_reads_in_spanish_and_english_on_request(cli, tmp_path):
    banco = Path(__file__).parent.parent / "examples" / "banco.yaml"
    es = make(cli, banco, tmp_path / "es.html")
    for words in ("Los momentos de verdad", "Puntos débiles", "Preguntas para la discusión", "Glosario",
                  "Momento de verdad", "Ciclo del servicio", "Triángulo del servicio", "Las diez expectativas",
                  "Los cuatro niveles de servicio", "Libreta de calificaciones", "Momentos críticos y de rutina",
                  "gratuito, de 24 horas, simple, eficaz", "amabilidad, comprensión, justicia, control",
                  "Sus notas", "Nivel de servicio", "Atiende: capacidad de respuesta"):
        assert words in es, words
    en = make(cli, banco, tmp_path / "en.html", "--lang", "en")
    for words in ("The moments of truth", "Weak points", "Questions for discussion", "Glossary",
                  "Moment of truth", "Cycle of service", "Service triangle", "The ten expectations",
                  "The four service levels", "Report card", "free, open 24 hours, simple, effective",
                  "kindness, understanding, fairness, control", "Your notes"):
        assert words in en, words
    assert '<html lang="en">' in en
    assert "Puntos débiles" not in en


# Every heading of the facilitator's handout, in each language.
HEADINGS = {
    "en": ("The cycle of service", "Expectation and perception along the cycle", "The moments of truth",
           "Weak points", "Questions for discussion", "Glossary"),
    "es": ("El ciclo del servicio", "Expectativa y percepción a lo largo del ciclo", "Los momentos de verdad",
           "Puntos débiles", "Preguntas para la discusión", "Glosario"),
    "pt": ("O ciclo de serviço", "Expectativa e percepção ao longo do ciclo", "Os momentos da verdade",
           "Pontos fracos", "Perguntas para discussão", "Glossário"),
}


def headings(html: str) -> list[str]:
    from html import unescape

    return [unescape(h) for h in re.findall(r"<h[23][^>]*>([^<]*)</h[23]>", html)]


def test_portuguese_on_request_through_the_command_line(cli, tmp_path):
    banco = PINNED_BANCO  # a Spanish cycle; the numbers below are this copy's
    pt = make(cli, banco, tmp_path / "x.html", "--lang", "pt")
    assert '<html lang="pt-BR">' in pt
    shown = headings(pt)
    for heading in HEADINGS["pt"]:
        assert heading in shown, heading
    assert not set(shown) & (set(HEADINGS["es"]) | set(HEADINGS["en"])), shown
    for words in ("Material de apoio da oficina", "momentos da verdade, 5 críticos", "Suas anotações",
                  "Momento da verdade", "Triângulo do serviço", "As dez expectativas", "Boletim de avaliação",
                  "gratuito, 24 horas, simples, eficaz", "gentileza, compreensão, justiça, controle",
                  "Nosso próximo passo", "Feito com cyclemap a partir de banco.yaml.", "120 respostas",
                  "é um momento de miséria", "Os clientes esperam 4 em “Toma turno y espera” e lhe dão 2,3"):
        assert words in pt, words
    # Numbers by the locale: a decimal comma in the moments table and on the chart's axis.
    assert "2,3 / 4 (−1,7)" in pt
    # `pt-BR` reads as Portuguese too, and the participant's edition speaks it.
    participant = make(cli, banco, tmp_path / "p.html", "--lang", "pt-BR", "--edition", "participant")
    assert '<html lang="pt-BR">' in participant
    for words in ("Os momentos da verdade", "Perguntas para discussão", "Participante:", "(esperado 4)"):
        assert words in participant, words
    assert "Puntos débiles" not in participant and "Sus notas" not in participant


# The tests' own copy of the bank example: the figures asserted from it (2,3 against 4, 120
# answers, 5 critical moments) are this file's, so the bundled example may change freely.
PINNED_BANCO = Path(__file__).parent / "data" / "pinned" / "banco.yaml"


def test_one_is_singular_in_every_language():
    from cyclemap.outputs.handout import labels as L

    assert L.responses(1)("es") == "1 respuesta" and L.responses(2)("es") == "2 respuestas"
    assert L.responses(1)("pt") == "1 resposta" and L.responses(1)("en") == "1 answer"
    assert L.moments_count(1, 1)("es") == "1 momento de verdad, 1 crítico"
    assert L.moments_count(8, 5)("es") == "8 momentos de verdad, 5 críticos"
    assert L.moments_count(8, 1)("pt") == "8 momentos da verdade, 1 crítico"
    assert L.weak_more(1, 1)("es").startswith("… y 1 hallazgo más en 1 momento distinto:")
    assert L.weak_more(3, 2)("pt").startswith("… e mais 3 achados em 2 outros momentos:")
    assert L.weak_more(3, 2)("en").startswith("… and 3 more findings on 2 other moments:")


def test_questions_come_from_the_findings(cli, tmp_path):
    banco = PINNED_BANCO
    html = make(cli, banco, tmp_path / "es.html")
    # `turno` scores 2.3 against 4: a moment of misery, and a question about it.
    assert "«Toma turno y espera» es un momento de miseria" in html
    assert "Los clientes esperan 4 en «Toma turno y espera» y le dan 2,3" in html  # the locale's decimal comma


def test_hostile_names_are_text(cli, write, tmp_path):
    source = write("hostile.yaml", HOSTILE_CYCLE)
    assert load_text(HOSTILE_CYCLE)[0] is not None
    html = make(cli, source, tmp_path / "hostile.html")
    page = parse(html)
    assert "script" not in page.tags
    assert "img" not in page.tags and "i" not in page.tags
    assert "h1" in page.tags and page.tags.count("h1") == 1, "the recovery text did not add a heading"
    assert not [k for k, _ in page.attrs if k.startswith("on")], "no event handler attribute"
    text = "".join(page.text)
    assert HOSTILE in text
    assert "</td></tr></table><h1>broken</h1>" in text
    assert '"]; x -> y [' in text
    assert "a < b && c > d" in text
    assert "😀" in text and "🎬" in text
    assert "&amp;" in text  # the user's literal "&amp;" survives as text
    assert "{m} {0}" in text  # braces in a name are not format fields
    # The same names inside the SVGs (tooltips, labels) are escaped too.
    for svg in re.findall(r"<svg class=\"(?:curve|diagram)\".*?</svg>", html, re.DOTALL):
        ET.fromstring(svg)  # well-formed XML: nothing broke out of an attribute or text


def test_output_never_overwrites_the_input(cli, write):
    source = write("cycle.yaml", Path(EXAMPLE_FILES[0]).read_text(encoding="utf-8"))
    before = source.read_bytes()
    run = cli("handout", str(source), "-o", str(source.with_suffix(".html")).replace(".html", ".yaml"))
    assert run.code == 2
    run = cli("handout", str(source), "-o", str(source))
    assert run.code == 2
    assert source.read_bytes() == before


def test_input_as_html_output_is_refused(cli, write):
    source = write("cycle.html", Path(EXAMPLE_FILES[0]).read_text(encoding="utf-8"))
    before = source.read_bytes()
    run = cli("handout", str(source), "-o", str(source))
    assert run.code == 2
    assert "overwrite the input" in run.err
    assert source.read_bytes() == before


def test_missing_folder_and_bad_suffix_are_usage_errors(cli, tmp_path):
    example = str(EXAMPLE_FILES[0])
    run = cli("handout", example, "-o", str(tmp_path / "no" / "such" / "out.html"))
    assert run.code == 2 and "does not exist" in run.err
    run = cli("handout", example, "-o", str(tmp_path / "out.txt"))
    assert run.code == 2 and ".html" in run.err
    run = cli("handout", str(tmp_path / "absent.yaml"), "-o", str(tmp_path / "out.html"))
    assert run.code == 2 and "no such file" in run.err
    run = cli("handout", example, "-o", str(tmp_path / "out.html"), "--paper", "a5")
    assert run.code == 2
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_cycle_gets_its_diagnostics_and_no_handout(cli, write, tmp_path):
    source = write("broken.yaml", "cyclemap: 1\ntitle: x\nmoments:\n  - id: a\n    nme: A\n")
    run = cli("handout", str(source), "-o", str(tmp_path / "out.html"))
    assert run.code == 1
    assert "broken.yaml:5:5" in run.err and "CM002" in run.err
    assert not (tmp_path / "out.html").exists()
    assert "Traceback" not in run.err


def test_existing_output_is_replaced_whole(cli, tmp_path):
    out = tmp_path / "out.html"
    out.write_text("old", encoding="utf-8")
    make(cli, EXAMPLE_FILES[0], out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"], "no temporary file left behind"


def test_stdout_and_default_name(cli, tmp_path):
    run = cli("handout", str(EXAMPLE_FILES[0]), "-o", "-")
    assert run.code == 0 and run.out.startswith("<!DOCTYPE html>")
    run = cli("handout", str(EXAMPLE_FILES[0]), cwd=tmp_path)
    assert run.code == 0, run.err
    assert (tmp_path / f"{EXAMPLE_FILES[0].stem}-handout.html").is_file()


def test_ratings_change_the_scores_not_the_yaml(cli, write, tmp_path):
    text = Path(EXAMPLE_FILES[0]).read_text(encoding="utf-8")
    source = write("c.yaml", text)
    cycle, _ = load_path(str(source))
    first = cycle.moments[0].id
    # twenty answers: enough (min_responses) to replace the file's score resting on more
    ratings = write("r.csv", "moment,rating\n" + f"{first},1\n{first},2\n{first},1\n{first},2\n{first},1.5\n" * 4)
    html = make(cli, source, tmp_path / "out.html", "--ratings", str(ratings))
    row = re.search(rf'<tr class="\w+" data-moment="{first}">.*?</tr>', html, re.DOTALL).group(0)
    assert re.search(r'class="score-num[^"]*">1,5 /', row), row  # banco.yaml is Spanish: decimal comma
    assert source.read_text(encoding="utf-8") == text


def test_bad_ratings_rows_are_listed_and_pointed_at(cli, write, tmp_path):
    source = write("c.yaml", Path(EXAMPLE_FILES[0]).read_text(encoding="utf-8"))
    first = next(line.split(":", 1)[1].strip() for line in source.read_text(encoding="utf-8").splitlines()
                 if line.strip().startswith("- id:"))
    ratings = write("r.csv", f"moment,rating\nnobody,3\n{first},4\n")
    run = cli("handout", str(source), "-o", str(tmp_path / "out.html"), "--ratings", str(ratings))
    assert run.code == 0, run.err
    assert f"--ratings {ratings}" in run.err and f"{ratings}:2:1: CM009" in run.err
    assert 'data-code="CM009"' in (tmp_path / "out.html").read_text(encoding="utf-8")
    # A file with nothing usable in it is an error, and no handout says nobody rated anything.
    useless = write("u.csv", "moment,rating\nnobody,3\n")
    run = cli("handout", str(source), "-o", str(tmp_path / "none.html"), "--ratings", str(useless))
    assert run.code == 1 and "CM009" in run.err and not (tmp_path / "none.html").exists()


def test_pdf_missing_browser_says_how_to_get_it(cli, tmp_path):
    out = tmp_path / "out.html"
    run = cli("handout", str(EXAMPLE_FILES[0]), "-o", str(out), "--pdf",
              env={"CYCLEMAP_CHROMIUM": str(tmp_path / "no-chromium")})
    assert run.code == 2
    assert "apt-get install chromium" in run.err
    assert "Traceback" not in run.err
    assert list(tmp_path.iterdir()) == [], "nothing written when the PDF cannot be made"
    run = cli("handout", str(EXAMPLE_FILES[0]), "-o", str(out), "--pdf",
              env={"CYCLEMAP_CHROMIUM": str(tmp_path / "no-chromium"), "CYCLEMAP_LANG": "es"})
    assert "apt-get install chromium" in run.err and "navegador" in run.err


def test_pdf_no_browser_on_path(cli, tmp_path):
    env = {"PATH": str(tmp_path), "CYCLEMAP_CHROMIUM": ""}
    run = cli("handout", str(EXAMPLE_FILES[0]), "-o", str(tmp_path / "out.pdf"), env=env)
    assert run.code == 2
    assert "no Chromium browser was found" in run.err and "apt-get install chromium" in run.err
    assert not (tmp_path / "out.pdf").exists()


def test_pdf_without_playwright_says_pip_install(monkeypatch):
    import sys

    from cyclemap.outputs.handout.pdf import missing

    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    text = missing()
    assert text is not None
    assert all("pip install 'cyclemap[pdf]'" in text(lang) for lang in LANGUAGES)
    assert "--pdf precisa de um navegador sem interface" in text("pt")


def test_pdf_to_stdout_is_refused(cli):
    run = cli("handout", str(EXAMPLE_FILES[0]), "-o", "-", "--pdf")
    assert run.code == 2


def test_structural_errors_still_make_a_handout_and_say_so(cli, write, tmp_path):
    source = write("island.yaml", "cyclemap: 1\ntitle: Island\nmoments:\n"
                   "  - {id: a, name: A, kind: critical, next: [c]}\n"
                   "  - {id: b, name: B, kind: routine}\n  - {id: c, name: C, kind: routine}\n")
    run = cli("handout", str(source), "-o", str(tmp_path / "out.html"))
    assert run.code == 0
    assert "1 error found" in run.err and f"cyclemap check {source}" in run.err
    assert 'data-code="CM005"' in (tmp_path / "out.html").read_text(encoding="utf-8")


# Tags the handout itself writes; anything else in the page would have come from the user.
OWN_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "p", "h1", "h2", "h3", "div", "span", "b",
    "section", "figure", "figcaption", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td",
    "ol", "ul", "li", "dl", "dt", "dd", "code", "footer",
    "bdi",  # every name from the file is isolated (bidirectional text)
    # inline SVG (the curve, the bars, Graphviz's diagram)
    "svg", "defs", "pattern", "rect", "line", "polyline", "polygon", "circle", "g", "text", "tspan", "path",
    "ellipse", "a",  # Graphviz wraps nodes in <a xlink:title> for tooltips (never a link: checked below)
}


def test_any_text_in_any_field_stays_text():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from cyclemap.outputs.handout import build_handout
    from cyclemap.format.model import Branch, Cycle, Moment

    text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(title=text, customer=text, name=text, owner=text, standard=text, stage=text, when=text)
    def check(title, customer, name, owner, standard, stage, when):
        a = Moment("a", name, "critical", stage=stage, owner=owner, standard=standard, recovery=when,
                   expectation=4, score=2, next=(Branch("b", when),))
        b = Moment("b", name + "2", "routine", stage=stage, expectation=3, score=3.5)
        cycle = Cycle(title, [a, b], customer=customer, language="en", stages=(stage,))
        html = build_handout(check_cycle(cycle, lang="en"))
        page = parse(html)
        assert set(page.tags) <= OWN_TAGS, set(page.tags) - OWN_TAGS
        assert not [k for k, _ in page.attrs if k.startswith("on")]
        assert not [v for k, v in page.attrs if k.endswith("href") and not (v or "").startswith("#")]
        shown = "".join(page.text).replace("\u00ad", "")  # soft hyphens are invisible until a line breaks there
        for value in (title, name, owner, standard):
            assert " ".join(value.replace("\u00ad", "").split()) in " ".join(shown.split())

    check()


def test_a_renderer_failure_becomes_a_visible_bilingual_note(monkeypatch):
    import cyclemap.outputs.render as render
    from cyclemap.format.i18n import Computed
    from cyclemap.outputs.handout import build_handout
    from cyclemap.outputs.render import RenderError

    said = {"en": "the engine timed out", "es": "el motor no terminó a tiempo", "pt": "o motor não terminou a tempo"}

    def fail(*args, **kwargs):
        raise RenderError(Computed(lambda lang: said[lang]))

    from cyclemap.outputs.render import split

    monkeypatch.setattr(render, "render_bytes", fail)
    monkeypatch.setattr(split, "render_bytes", fail)  # the handout draws through render_split
    cycle, _ = load_path(str(EXAMPLE_FILES[0]))
    en = build_handout(check_cycle(cycle, lang="en"))
    assert 'id="diagram-missing"' in en and "the engine timed out" in en
    es = build_handout(check_cycle(cycle, lang="es"))
    assert "el motor no terminó a tiempo" in es
    pt = build_handout(check_cycle(cycle, lang="pt"))
    assert "o motor não terminou a tempo" in pt and "Não foi possível desenhar o diagrama" in pt
    assert '<svg class="curve"' in es, "the rest of the handout is still there"


def test_unsafe_svg_is_never_inlined():
    from cyclemap.outputs.handout.sources import inline_svg

    ok = inline_svg('<?xml version="1.0"?><!-- x --><svg width="10pt" height="5pt" viewBox="0 0 10 5"><text>a</text></svg>')
    assert ok is not None and ok.startswith('<svg class="diagram"') and "width=" not in ok and "<!--" not in ok
    for bad in ('<svg><script>alert(1)</script></svg>', '<svg><g onclick="x()"></g></svg>',
                '<svg><a xlink:href="https://example.com"><text>a</text></a></svg>',
                '<svg><image href="http://x/y.png"/></svg>', '<svg><foreignObject></foreignObject></svg>'):
        assert inline_svg(bad) is None, bad
