"""One decision of the language (issue 26): `i18n.decide_language`, asked by every command
and output. Its order: --lang, else what the files say when they all say the same, else
(for cyclemap's own words only) CYCLEMAP_LANG and the locale, else English."""

from __future__ import annotations

import pytest

from cyclemap.format.i18n import decide_language


@pytest.fixture
def no_locale(monkeypatch):
    for var in ("CYCLEMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def test_the_option_comes_first(no_locale):
    no_locale.setenv("CYCLEMAP_LANG", "es")
    assert decide_language("pt", ["es", "es"], environment=True) == "pt"


def test_then_what_the_files_say_when_they_agree(no_locale):
    no_locale.setenv("CYCLEMAP_LANG", "pt")
    assert decide_language(None, ["es", "es"], environment=True) == "es"
    assert decide_language(None, ["es"]) == "es"


def test_files_that_disagree_or_say_nothing_leave_it_to_the_next_step(no_locale):
    no_locale.setenv("LANG", "pt_BR.UTF-8")
    assert decide_language(None, ["es", "en"]) == "en"
    assert decide_language(None, ["es", "en"], environment=True) == "pt"
    assert decide_language(None, [None], environment=True) == "pt"
    assert decide_language(None, [None]) == "en"


def test_the_environment_speaks_only_for_cyclemaps_own_words(no_locale):
    no_locale.setenv("CYCLEMAP_LANG", "es")
    assert decide_language() == "en"
    assert decide_language(environment=True) == "es"


def test_cyclemap_lang_before_the_locale_and_the_locale_variables_in_order(no_locale):
    no_locale.setenv("LANGUAGE", "es")
    no_locale.setenv("LANG", "pt_BR.UTF-8")
    assert decide_language(environment=True) == "pt"
    no_locale.setenv("LC_ALL", "es_ES.UTF-8")
    assert decide_language(environment=True) == "es"
    no_locale.setenv("CYCLEMAP_LANG", "en")
    assert decide_language(environment=True) == "en"
    no_locale.setenv("CYCLEMAP_LANG", "fr")  # a language cyclemap does not speak: English, not the locale
    assert decide_language(environment=True) == "en"


# -- every command asks it: the same order seen from the command line -------------------------

SPANISH = "cyclemap: 1\ntitle: Caja\nlanguage: es\nmoments:\n  - {id: a, name: Llega, kind: routine}\n" \
          "  - {id: b, name: Paga, kind: critical}\n"
ENGLISH = SPANISH.replace("language: es", "language: en")


def test_a_checks_summary_follows_the_option_then_the_files(cli, tmp_path):
    es, en = tmp_path / "es.yaml", tmp_path / "en.yaml"
    es.write_text(SPANISH, encoding="utf-8")
    en.write_text(ENGLISH, encoding="utf-8")
    assert "1 archivo revisado" in cli("check", str(es), env={"CYCLEMAP_LANG": "pt"}).out
    assert "1 arquivo verificado" in cli("check", str(es), "--lang", "pt").out
    both = cli("check", str(es), str(en), env={"CYCLEMAP_LANG": "es"}).out
    assert "2 files checked" in both  # the files disagree: English, whatever the environment says


def test_help_follows_the_option_then_the_environment(cli):
    assert "Comprueba archivos de ciclo" in cli("check", "--help", env={"CYCLEMAP_LANG": "es"}).out
    assert "Verifica arquivos de ciclo" in cli("check", "--help", "--lang", "pt",
                                                env={"CYCLEMAP_LANG": "es"}).out
