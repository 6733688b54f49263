"""Every rule's documented examples behave as documented: its `fails` snippet produces its
code and its `passes` snippet does not. Plus focused tests where a snippet is not enough."""

from __future__ import annotations

import pytest

from cyclemap.engine.analysis import analyse_cycle
from cyclemap.format.settings import Config
from support import load_text
from support import read_ratings
from cyclemap.engine.rules import all_rules, doc_sections
from cyclemap.format.i18n import LANGUAGES

RULES = list(all_rules().values())


def codes_of(rule, text: str, config: Config | None = None) -> list[str]:
    if rule.examples_are == "ratings":
        cycle, problems = load_text(rule.example_cycle, "example.yaml")
        assert cycle is not None, problems
        _, diags = read_ratings(text.encode("utf-8"), "ratings.csv", cycle)
        return [d.code for d in diags]
    cycle, problems = load_text(text, "example.yaml")
    if cycle is None:
        return [d.code for d in problems]
    if rule.retired and config is None:
        config = Config(select=frozenset({rule.code}))  # a retired rule runs only when selected
    if rule.preview and config is None:
        config = Config(preview=True)  # a preview rule runs only when the settings opt in
    return [d.code for d in analyse_cycle(cycle, config)]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_fails_example_triggers_the_rule(rule):
    assert rule.code in codes_of(rule, rule.fails)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_passes_example_does_not(rule):
    if rule.examples_are == "cycle":
        cycle, problems = load_text(rule.passes, "example.yaml")
        assert cycle is not None, problems
    assert rule.code not in codes_of(rule, rule.passes)


HEADINGS = {"en": ("What it checks", "Why it matters", "How to fix"),
            "es": ("Qué comprueba", "Por qué importa", "Cómo corregirlo"),
            "pt": ("O que verifica", "Por que importa", "Como corrigir")}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_doc_has_the_three_sections_in_every_language(rule):
    assert set(LANGUAGES) <= set(HEADINGS), "a new language: add its three headings here"
    for lang in LANGUAGES:
        doc = rule.doc(lang)
        assert doc.splitlines()[0].startswith(f"{rule.code} {rule.name}:"), doc.splitlines()[0]
        if lang != "en":
            assert doc != rule.doc("en"), (rule.code, lang, "the doc is not translated in the catalogue")
        for heading in HEADINGS[lang]:
            assert f"\n{heading}\n" in doc, (rule.code, lang, heading)
        sections = doc_sections(doc)
        assert all(len(s) > 20 for s in sections), (rule.code, lang)
        assert sections == [rule.section(name, lang) for name in ("what", "why", "fix")]
        assert rule.summary(lang) and rule.hint(lang)
        assert all(t.doc(lang) for t in rule.thresholds)


def test_codes_are_unique_and_in_the_catalogue_order():
    codes = [r.code for r in RULES]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    for code in ["CM009", *(f"CM1{n:02d}" for n in range(1, 15)), "CM201", "CM202"]:
        assert code in codes


# -- focused tests -----------------------------------------------------------------------

def analyse(text: str, config: Config | None = None):
    cycle, problems = load_text(text, "t.yaml")
    assert cycle is not None, problems
    return analyse_cycle(cycle, config)


def findings(text: str, code: str, config: Config | None = None):
    if all_rules()[code].retired:
        config = Config(select=frozenset({code}), thresholds=config.thresholds if config else {})
    return [d for d in analyse(text, config) if d.code == code]


HEAD = "cyclemap: 1\ntitle: T\nmoments:\n"


def test_cm104_threshold_is_configurable_as_share_or_score():
    text = HEAD + "  - {id: a, name: A, kind: critical, score: 3.5}\n  - {id: b, name: B, kind: routine}\n"
    assert not findings(text, "CM104")
    assert findings(text, "CM104", Config(thresholds={"acceptable_score": 0.7}))  # 3.8 on 1..5
    assert findings(text, "CM104", Config(thresholds={"acceptable_score": 4}))
    # routine moments are never moments of misery
    assert not findings(HEAD + "  - {id: a, name: A, kind: routine, score: 1}\n  - {id: b, name: B, kind: critical}\n", "CM104")


def test_cm104_follows_the_cycle_scale():
    text = ("cyclemap: 1\ntitle: T\nscale: [0, 10]\nmoments:\n"
            "  - {id: a, name: A, kind: critical, score: 5.5}\n  - {id: b, name: B, kind: routine}\n")
    [d] = findings(text, "CM104")
    assert "below the acceptable 6" in d.message("en")


def test_cm105_margin_is_inclusive_and_configurable():
    text = HEAD + "  - {id: a, name: A, kind: critical, expectation: 4.5, score: 4.0}\n  - {id: b, name: B, kind: routine}\n"
    [d] = findings(text, "CM105")
    assert d.pos.line == 4 and "0.5 points short" in d.message("en") and "0,5 puntos por debajo" in d.message("es")
    assert not findings(text, "CM105", Config(thresholds={"gap_margin": 0.15}))


def test_cm105_one_point_is_singular_and_numbers_follow_the_language():
    text = HEAD + "  - {id: a, name: A, kind: critical, expectation: 4, score: 3}\n  - {id: b, name: B, kind: routine}\n"
    [d] = findings(text, "CM105")
    assert "1 point short" in d.message("en") and "1 punto por debajo" in d.message("es")
    assert "1 ponto abaixo" in d.message("pt")
    text = HEAD + "  - {id: a, name: A, kind: critical, expectation: 5, score: 3.25}\n  - {id: b, name: B, kind: routine}\n"
    [d] = findings(text, "CM105")
    assert "scores 3.25 against an expectation of 5: 1.75 points short (the expectation is the top" in d.message("en")
    assert "puntúa 3,25 frente a una expectativa de 5: 1,75 puntos por debajo (la expectativa es el máximo" in d.message("es")
    assert "tem nota 3,25 diante de uma expectativa de 5: 1,75 pontos abaixo (a expectativa é o topo" in d.message("pt")
    assert d.plain("pt").startswith("os clientes dão nota 3,25 quando esperam 5")


def test_cm008_and_cm104_say_scores_in_the_language():
    text = HEAD + "  - {id: a, name: A, kind: critical, score: 7.5}\n  - {id: b, name: B, kind: routine}\n"
    [d] = findings(text, "CM008")
    assert d.message("en") == "`score` 7.5 of `a` is outside the scale [1, 5]"
    assert d.message("es") == "`score` 7,5 de `a` está fuera de la escala [1; 5]"
    assert d.message("pt") == "`score` 7,5 de `a` está fora da escala [1; 5]"
    text = HEAD + "  - {id: a, name: Waits, kind: critical, score: 2.25, expectation: 4}\n  - {id: b, name: B, kind: routine}\n"
    [d] = findings(text, "CM104")
    assert d.message("es") == "el momento crítico `a` (Waits) puntúa 2,25, por debajo del nivel aceptable 3,4: un momento de miseria"
    assert d.plain("en") == ("customers rate this decisive moment 2.25 where they expect 4, below the acceptable 3.4: "
                             "a moment of misery")
    assert "abaixo do aceitável 3,4: um momento de miséria" in d.plain("pt")


def test_cm106_follows_branches_not_just_the_file_order():
    # In the file, every critical moment is separated by a routine one; along the branch
    # `wait -> complain -> served` three critical moments follow each other.
    text = HEAD + (
        "  - {id: wait, name: Waits, kind: critical, next: [ok, complain]}\n"
        "  - {id: ok, name: Gets a coffee, kind: routine, next: [served]}\n"
        "  - {id: complain, name: Complains, kind: critical, next: [served]}\n"
        "  - {id: leaflet, name: Reads a leaflet, kind: routine, next: [wait]}\n"
        "  - {id: served, name: Is served, kind: critical, next: [leaflet]}\n"
    )
    [d] = findings(text, "CM106")
    assert "wait → complain → served" in d.message("en") and d.moment == "wait"
    assert not findings(text, "CM106", Config(thresholds={"chain_length": 4}))


def test_cm106_does_not_count_the_closing_link():
    text = HEAD + (
        "  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n"
        "  - {id: c, name: C, kind: critical}\n  - {id: d, name: D, kind: critical}\n"
    )
    assert not findings(text, "CM106")  # c -> d -> (back to) a is two visits


def test_cm106_all_critical_loop_is_reported_once():
    text = HEAD + "".join(f"  - {{id: m{i}, name: M{i}, kind: critical}}\n" for i in range(5))
    [d] = findings(text, "CM106")
    assert d.message("en").startswith("5 critical moments")


def test_cm107_needs_a_branch_and_a_weak_critical_moment():
    linear = HEAD + "  - {id: a, name: A, kind: routine}\n  - {id: b, name: B, kind: critical, score: 1.5}\n  - {id: c, name: C, kind: routine}\n"
    assert not findings(linear, "CM107")  # no branches: CM104 says it already
    bypass = HEAD + (
        "  - {id: a, name: A, kind: routine, next: [b, c]}\n"
        "  - {id: b, name: B, kind: critical, score: 1.5}\n"
        "  - {id: c, name: C, kind: routine}\n"
    )
    assert not findings(bypass, "CM107")  # customers can go a -> c around b


def test_cm107_open_cycle_uses_its_ends():
    text = ("cyclemap: 1\ntitle: T\nclosed: false\nmoments:\n"
            "  - {id: a, name: A, kind: routine, next: [b, c]}\n"
            "  - {id: b, name: B, kind: routine, next: [d]}\n"
            "  - {id: c, name: C, kind: routine, next: [d]}\n"
            "  - {id: d, name: D, kind: critical, score: 2, next: [e]}\n"
            "  - {id: e, name: E, kind: routine, next: []}\n")
    [d] = findings(text, "CM107")
    assert d.moment == "d"


def test_cm108_one_finding_for_the_cycle():
    [d] = findings(all_rules()["CM108"].fails, "CM108")
    assert d.moment is None and d.pos.line == 4  # where `moments` starts


def test_cm110_lists_missing_dimensions_in_each_language():
    text = HEAD + "  - {id: a, name: A, kind: critical, dimensions: [cortesía, fiabilidad]}\n  - {id: b, name: B, kind: routine}\n"
    [d] = findings(text, "CM110")
    assert "8 expectations" in d.message("en") and "responsiveness" in d.message("en")
    assert "capacidad de respuesta" in d.message("es") and "cortesía" not in d.message("es")
    assert "estas 8 expectativas" in d.message("es") and "nenhum momento atende estas 8 expectativas" in d.message("pt")
    all_but_access = HEAD + ("  - {id: a, name: A, kind: critical, dimensions: [reliability, responsiveness, competence, "
                             "courtesy, communication, credibility, security, understanding, tangibles]}\n"
                             "  - {id: b, name: B, kind: routine}\n")
    [d] = findings(all_but_access, "CM110")
    assert d.message("en") == "no moment serves this expectation: access"
    assert d.message("es") == "ningún momento atiende esta expectativa: accesibilidad"
    assert d.plain("es") == "ningún momento cuida esta expectativa: accesibilidad"
    assert not findings(HEAD + "  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: routine}\n", "CM110")


def test_cm112_limit_is_configurable():
    assert findings(all_rules()["CM112"].passes, "CM112", Config(thresholds={"max_moments": 10}))


def test_cm113_reports_unused_and_undeclared():
    found = findings(all_rules()["CM113"].fails, "CM113")
    messages = [d.message("en") for d in found]
    assert any("`During` is declared but no moment" in m for m in messages)
    assert any("`Durign`" in m and "not declared" in m for m in messages)
    # stages used with none declared
    text = HEAD + "  - {id: a, name: A, kind: critical, stage: Before}\n  - {id: b, name: B, kind: routine, stage: Before}\n"
    [d] = findings(text, "CM113")
    assert "declares no `stages`" in d.message("en")


def test_cm114_one_cycle_finding_when_nothing_is_scored():
    text = HEAD + "  - {id: a, name: A, kind: critical}\n  - {id: b, name: B, kind: critical}\n"
    [d] = findings(text, "CM114")
    assert d.moment is None and "report card" in d.message("en")


def test_cm201_names_the_level_in_both_languages():
    [d] = findings(all_rules()["CM201"].fails, "CM201")
    assert "service level: poor" in d.message("en") and "nivel de servicio: malo" in d.message("es")
    assert d.severity.value == "info"


def test_cm202_skips_cycles_without_branches_and_large_ones_stay_fast():
    import time

    assert not findings(all_rules()["CM202"].passes, "CM202")
    lines = [HEAD]
    n = 1500
    for i in range(n):
        nxt = f"[m{i + 1}, m{(i + 2) % n}]" if i % 10 == 0 else f"[m{(i + 1) % n}]"
        lines.append(f"  - {{id: m{i}, name: M{i}, kind: {'critical' if i % 3 == 0 else 'routine'}, next: {nxt}}}\n")
    text = "".join(lines)
    start = time.perf_counter()
    cycle, _ = load_text(text)
    from cyclemap.engine.rules import RuleContext

    found = list(all_rules()["CM202"].check(RuleContext(cycle)))
    assert found and time.perf_counter() - start < 10


def test_ignore_on_a_moment_silences_one_finding_there():
    text = HEAD + ("  - {id: a, name: A, kind: critical, ignore: [CM101]}\n"
                   "  - {id: b, name: B, kind: critical}\n")
    assert [d.moment for d in findings(text, "CM101")] == ["b"]
