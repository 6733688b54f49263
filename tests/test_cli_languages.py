"""The command line speaks the help language: --help, usage errors and progress lines come
from the catalogues, chosen by --lang on the command line, CYCLEMAP_LANG or the locale,
before any option is parsed (so --help and a bad option are in it too)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES


def test_check_help_in_portuguese_from_the_environment(cli):
    shown = cli("check", "--help", env={"CYCLEMAP_LANG": "pt"})
    assert shown.code == 0, shown.err
    assert "Verifica arquivos de ciclo: erros de estrutura e pontos fracos" in shown.out
    assert "Exemplos:" in shown.out and "cyclemap check ciclos/ --fail-on warning" in shown.out
    # The options every command shares, too.
    assert "Executa só estas regras" in shown.out and "Mostra o rastreamento do Python" in shown.out


@pytest.mark.real_process  # --lang read from the command line when the help texts are made
def test_critique_help_in_portuguese_from_the_option(cli):
    shown = cli("critique", "--help", "--lang", "pt")
    assert shown.code == 0, shown.err
    assert "Faz a análise crítica de um ciclo como um consultor de serviço" in shown.out
    assert "O arquivo de ciclo a analisar" in shown.out


def test_the_locale_chooses_the_help_language(cli):
    shown = cli("--help", env={"CYCLEMAP_LANG": "", "LC_ALL": "pt_BR.UTF-8"})
    assert shown.code == 0, shown.err
    assert "Descreva um ciclo de serviço" in shown.out
    assert "Mostra a versão e sai." in shown.out


@pytest.mark.parametrize("lang, words", [
    ("en", "Check cycle files: structure errors"),
    ("es", "Comprueba archivos de ciclo: errores de estructura"),
    ("pt", "Verifica arquivos de ciclo: erros de estrutura"),
])
def test_every_command_description_is_translated(cli, lang, words):
    assert words in cli("check", "--help", "--lang", lang).out


def test_usage_errors_in_portuguese(cli, tmp_path):
    run = cli("check", str(tmp_path / "nope.yaml"), "--lang", "pt")
    assert run.code == 2 and "o arquivo ou a pasta não existe" in run.err
    run = cli("check", "-q", "-v", str(EXAMPLES / "restaurant.yaml"), env={"CYCLEMAP_LANG": "pt"})
    assert run.code == 2 and "--quiet e --verbose não combinam" in run.err
    run = cli("explain", "CM1O4", "--lang", "pt")
    assert run.code == 2 and "código de regra desconhecido 'CM1O4' no catálogo (você quis dizer CM104?)" in run.err
    run = cli("render", str(EXAMPLES / "restaurant.yaml"), "-o", str(tmp_path / "x.txt"), "--lang", "pt")
    assert run.code == 2 and "não dá para saber o formato pela extensão .txt" in run.err


def test_option_given_twice_in_portuguese(cli):
    run = cli("check", str(EXAMPLES / "restaurant.yaml"), "--fail-on", "error", "--fail-on", "never",
              env={"CYCLEMAP_LANG": "pt"})
    assert run.code == 2 and "--fail-on aparece mais de uma vez" in run.err


def test_rules_headings_in_portuguese(cli):
    run = cli("rules", "--lang", "pt")
    assert run.code == 0, run.err
    assert "Código" in run.out and "Severidade" in run.out and "Resumo" in run.out


@pytest.mark.parametrize("lang, one", [("es", "cyclemap: aviso: se encontró 1 error "), ("en", "cyclemap: note: 1 error found ")])
def test_one_error_is_singular(lang, one):
    """The handout's note on errors: "1 error", never "1 error(s)" or "1 errores"."""
    from cyclemap.format.i18n import _n

    note = _n("cyclemap: note: {n} error found (in the cycle or its ratings), listed among the weak points; "
              "`{command}` shows where",
              "cyclemap: note: {n} errors found (in the cycle or its ratings), listed among the weak points; "
              "`{command}` shows where", 1)
    assert note.format(command="x")(lang).startswith(one)
