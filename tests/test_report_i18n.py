"""The reports' own words (summary line, severity words, labels, the critique's layout,
diff counts, output refusals) come from the catalogues: Portuguese through the real
command line, and plurals that are right for 1 in every language."""

from __future__ import annotations

import re

from cyclemap.format.i18n import LANGUAGES
from cyclemap.outputs.report import SEVERITY_WORDS, Summary
from tests.conftest import EXAMPLES

BANCO = str(EXAMPLES / "banco.yaml")
RESTAURANT = str(EXAMPLES / "restaurant.yaml")


def test_portuguese_summary_line_singular_and_plural(cli):
    one = cli("check", BANCO, "--lang", "pt")
    last = one.out.splitlines()[-1]
    assert last.startswith("1 arquivo verificado: "), last
    assert re.search(r", \d+ avisos, 1 informação$", last), last
    assert " CM101 aviso " in one.out and "\n    dica: " in one.out  # severity word and hint label
    two = cli("check", BANCO, RESTAURANT, "--lang", "pt")
    last = two.out.splitlines()[-1]
    assert last.startswith("2 arquivos verificados: ") and last.endswith(", 3 informações"), last


def test_spanish_summary_line_singular_and_plural(cli):
    one = cli("check", BANCO, "--lang", "es", "--select", "CM101,CM201")
    assert one.out.splitlines()[-1] == "1 archivo revisado: 0 errores, 1 advertencia, 1 aviso"
    two = cli("check", RESTAURANT, "--lang", "es")
    last = two.out.splitlines()[-1]
    assert last.startswith("1 archivo revisado: ") and last.endswith(" advertencias, 2 avisos"), last
    english = cli("check", BANCO, "--lang", "en", "--select", "CM101,CM201")
    assert english.out.splitlines()[-1] == "1 file checked: 0 errors, 1 warning, 1 info"


def test_summary_line_with_a_baseline_in_every_language():
    one = Summary(files=1, errors=1, warnings=0, infos=2, baseline=1)
    assert one.line()("en") == "1 file checked: 1 error, 0 warnings, 2 info (1 finding already in the baseline, not shown)"
    assert one.line()("es") == ("1 archivo revisado: 1 error, 0 advertencias, 2 avisos "
                                "(1 hallazgo ya en la línea base, sin mostrar)")
    assert "(1 achado já na linha de base, não mostrado)" in one.line()("pt")
    many = Summary(files=3, errors=2, warnings=1, infos=0, baseline=4)
    assert many.line()("pt").startswith("3 arquivos verificados: 2 erros, 1 aviso, ")
    assert many.line()("pt").endswith("(4 achados já na linha de base, não mostrados)")


def test_severity_words_in_every_language():
    words = {lang: [SEVERITY_WORDS[s](lang) for s in SEVERITY_WORDS] for lang in LANGUAGES}
    assert words["en"] == ["error", "warning", "info"]
    assert words["es"] == ["error", "advertencia", "aviso"]
    assert words["pt"] == ["erro", "aviso", "informação"]


def test_critique_in_portuguese(cli):
    run = cli("critique", BANCO, "--lang", "pt")
    assert run.code == 0, run.err
    out = run.out
    assert "8 momentos · 5 críticos · 3 rotineiros · 8 com nota" in out
    assert "Nível de serviço: " in out and "Momentos na ordem do ciclo" in out and "Curva de satisfação" in out
    assert "Pontos fracos, os mais graves primeiro" in out
    assert "| rotineiro |" in out  # the kind column fits the language's longest word
    assert re.search(r"nota \d,\d+, esperada \d", out) and re.search(r"respostas,\s+intervalo\s+de\s+95\s+%", out)
    analyst = cli("critique", RESTAURANT, "--lang", "pt", "--view", "analyst").out
    assert re.search(r"\d+ erros?, \d+ avisos?, 2 observações", analyst)
    assert "Mais sobre um código: cyclemap explain CÓDIGO" in analyst
    markdown = cli("critique", BANCO, "--lang", "es", "--format", "markdown").out
    assert "8 momentos · 5 críticos · 3 rutinarios · 8 con puntuación" in markdown and "{n?" not in markdown


def test_critique_counts_are_singular_for_one(cli, write):
    cycle = write("one.yaml", "cyclemap: 1\ntitle: Uno\nlanguage: es\nmoments:\n"
                              "  - {id: a, name: Llega, kind: critical, owner: Ana, score: 2, responses: 1}\n"
                              "  - {id: b, name: Se va, kind: routine}\n")
    spanish = cli("critique", str(cycle)).out
    assert "2 momentos · 1 crítico · 1 rutinario · 1 con puntuación" in spanish
    assert "1 respuesta" in spanish and "1 respuestas" not in spanish
    portuguese = cli("critique", str(cycle), "--lang", "pt").out
    assert "2 momentos · 1 crítico · 1 rotineiro · 1 com nota" in portuguese
    assert "1 resposta" in portuguese and "1 respostas" not in portuguese
    english = cli("critique", str(cycle), "--lang", "en").out
    assert "2 moments · 1 critical · 1 routine · 1 scored" in english and "1 answer" in english


def test_diff_counts_in_portuguese_and_spanish(cli, write):
    old = write("old.yaml", "cyclemap: 1\ntitle: t\nmoments:\n  - {id: a, name: A, kind: routine}\n"
                            "  - {id: b, name: B, kind: routine}\n")
    new = write("new.yaml", "cyclemap: 1\ntitle: t\nmoments:\n  - {id: a, name: A, kind: routine}\n"
                            "  - {id: b, name: B, kind: routine}\n  - {id: c, name: C, kind: routine}\n")
    pt = cli("diff", str(old), str(new), "--lang", "pt").out
    assert ": 1 adicionado, " in pt.splitlines()[0] and "Momentos adicionados:" in pt
    es = cli("diff", str(old), str(new), "--lang", "es").out
    assert "1 añadido, 0 quitados, 0 cambiados;" in es.splitlines()[0] and "Momentos añadidos:" in es


def test_output_refusals_in_portuguese(cli, tmp_path):
    run = cli("check", BANCO, "-o", str(tmp_path), "--lang", "pt")
    assert run.code == 2 and "é uma pasta, não um arquivo" in run.err, run.err
    out = tmp_path / "r.txt"
    run = cli("check", BANCO, "-o", str(out), "--lang", "pt")
    assert "1 arquivo verificado: " in run.err and f"relatório gravado em {out}" in run.err


def test_export_markdown_and_mermaid_in_portuguese(cli):
    table = cli("export", BANCO, "--to", "markdown", "--lang", "pt").out
    assert "| # | Momento | Tipo | Etapa | Canal | Responsável | Nota | Expectativa | Pontos fracos |" in table
    assert "**crítico**" in table and "| 2,3 |" in table
    journey = cli("export", BANCO, "--to", "mermaid", "--lang", "pt").out
    assert "(nota 2,3, esperado 4)" in journey
