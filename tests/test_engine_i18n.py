"""The engine's texts (service level, customers at risk, the critique's points, rules
CM111–CM202) come from the catalogues: Portuguese end to end through the real command
line, plurals by count (1 answer is singular), and each rule's documentation translated."""

from __future__ import annotations

import re

import pytest

from cyclemap.engine.pipeline import Pipeline
from cyclemap.engine.rules import all_rules, doc_sections
from tests.conftest import EXAMPLES, ROOT

BANCO = str(EXAMPLES / "banco.yaml")
LOCALE = ROOT / "cyclemap" / "locale"
MY_RULES = [code for code in all_rules() if code >= "CM111"]
FIELD = re.compile(r"\{[^{}]*\}")


def _fixed_parts(text: str) -> list[str]:
    """The parts of a catalogue text around its {fields}, long enough to be telling."""
    return [part.strip() for part in FIELD.split(text) if len(part.strip()) >= 20]


def test_the_critique_reads_in_portuguese_through_the_cli(cli):
    run = cli("critique", BANCO, "--lang", "pt", env={"COLUMNS": "400"})
    assert run.code == 0, run.err
    # one line of text: wrapped lines joined, the frame's borders left out
    out = " ".join(re.sub(r"^\|\s?|\s?\|$", "", line.strip()).strip() for line in run.out.splitlines())
    out = " ".join(out.split())
    # the service level, its reasons and its certainty (engine.service_level)
    for words in ("RUIM", "o serviço não atende às expectativas do cliente",
                  "há momentos críticos que são momentos de miséria, abaixo do aceitável 3,4",
                  "há momentos críticos abaixo do que o cliente espera",
                  "em média o serviço está 0,68 pontos abaixo do que o cliente espera",
                  "cada nota se baseia em pelo menos 20 respostas",
                  # a weak point's text, reason and advice (CM117, through engine.critique)
                  "não diz quem age, nem em quanto tempo, nem o que o cliente pode escolher",
                  "Escreva no plano quem intervém, em quanto tempo e o que o cliente pode escolher"):
        assert words in out, words
    assert "MALO" not in out and "POOR" not in out
    # no English or Spanish left from any catalogue text
    from babel.messages.pofile import read_po

    with open(LOCALE / "es" / "LC_MESSAGES" / "cyclemap.po", "rb") as f:
        spanish = read_po(f, locale="es")
    with open(LOCALE / "pt_BR" / "LC_MESSAGES" / "cyclemap.po", "rb") as f:
        portuguese = read_po(f, locale="pt_BR")
    for entry in spanish:
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        if not entry.id or "\n" in ids[0]:
            continue  # the header, or a rule's documentation: `explain`, not the critique
        said_es = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        pt_entry = portuguese.get(entry.id, context=entry.context)
        said_pt = pt_entry.string if isinstance(pt_entry.string, tuple) else (pt_entry.string,)
        for text in (*ids, *said_es):
            for part in _fixed_parts(text):
                if not any(part in p for p in said_pt):
                    assert part not in out, part


@pytest.mark.parametrize("responses, en, es, pt", [
    (1, "rests on 1 answer, fewer than 20", "se basa en 1 respuesta, menos de 20", "se baseia em 1 resposta, menos de 20"),
    (3, "rests on 3 answers, fewer than 20", "se basa en 3 respuestas, menos de 20",
     "se baseia em 3 respostas, menos de 20"),
])
def test_a_count_of_one_reads_singular(write, responses, en, es, pt):
    source = write("cafe.yaml", "cyclemap: 1\ntitle: Café\nmoments:\n"
                                f"  - {{id: a, name: Orders, kind: critical, score: 4.1, responses: {responses}}}\n"
                                "  - {id: b, name: Pays, kind: routine}\n")
    checked = Pipeline(select="CM121").check(str(source))
    [finding] = [d for d in checked.diagnostics if d.code == "CM121"]
    assert en in finding.message("en") and es in finding.message("es") and pt in finding.message("pt")
    if responses == 1:
        assert finding.plain("es") == "su puntuación se basa en solo 1 respuesta: muy poco para estar seguros"
        assert "1 respuestas" not in finding.message("es")


def test_one_critical_moment_missing_its_system_is_singular_in_spanish(write):
    source = write("hotel.yaml", "cyclemap: 1\ntitle: Hotel\nmoments:\n"
                                 "  - {id: a, name: Check-in, kind: critical, expectation: 4, score: 5, responses: 40}\n"
                                 "  - {id: b, name: Survey, kind: routine, feedback: true, expectation: 4, score: 5, "
                                 "responses: 40}\n")
    level = Pipeline().check(str(source)).service_level
    assert level.key == "normal"
    said = [r("es") for r in level.reasons]
    assert "no es excepcional: a 1 momento crítico le falta responsable, estándar o plan de recuperación" in said
    assert level.name("pt") == "normal" and level.certainty("es") == "cada puntuación se basa en al menos 20 respuestas"


def test_a_point_joins_its_findings_in_the_readers_language(write):
    source = write("hotel.yaml", "cyclemap: 1\ntitle: Hotel\nmoments:\n"
                                 "  - {id: a, name: Check-in, kind: critical, owner: Todo el personal, "
                                 "standard: Atender con amabilidad}\n  - {id: b, name: Room, kind: routine}\n")
    checked = Pipeline(select="CM115,CM116").check(str(source))
    [point] = checked.critique.points
    assert point.what("pt").startswith("O seu padrão, \"Atender con amabilidad\", é um desejo")
    assert "observá-lo e quem responde por ele é \"Todo el personal\"" in point.what("pt")
    assert "observarlo y responde por él \"Todo el personal\"" in point.what("es")
    assert "Reescreva o padrão como um comportamento" in point.todo("pt")


@pytest.mark.parametrize("code", MY_RULES)
def test_each_rule_doc_is_translated_with_its_layout(code):
    rule = all_rules()[code]
    for lang, headings in (("es", ("Qué comprueba", "Por qué importa", "Cómo corregirlo")),
                           ("pt", ("O que verifica", "Por que importa", "Como corrigir"))):
        doc = rule.doc(lang)
        assert doc != rule.doc("en")
        assert doc.splitlines()[0].startswith(f"{rule.code} {rule.name}:"), doc.splitlines()[0]
        for heading in headings:
            assert f"\n{heading}\n    " in doc, (code, lang, heading)
        assert all(len(s) > 20 for s in doc_sections(doc)), (code, lang)
        assert rule.summary(lang) != rule.summary("en") or lang == "pt" and code == "CM201"


def test_explain_in_portuguese(cli):
    run = cli("explain", "CM121", "--lang", "pt")
    assert run.code == 0, run.err
    assert "O que verifica" in run.out and "poucas respostas demais" in run.out
