"""`cyclemap init`: every template in every language, through the real command line, and
what a user sees when a name is wrong or a file is already there."""

from __future__ import annotations

import pytest

from cyclemap.format.i18n import LANGUAGES
from support import load_path
from cyclemap.templates import TEMPLATES, find

CASES = [(t, lang) for t in TEMPLATES for lang in LANGUAGES]
HOW_TO = {"en": "How to use it", "es": "Cómo usarla", "pt": "Como usar"}
IDS = [f"{t.key}-{lang}" for t, lang in CASES]


@pytest.mark.parametrize(("template", "lang"), CASES, ids=IDS)
def test_every_template_passes_check_with_no_errors(cli, tmp_path, template, lang):
    out = tmp_path / f"{template.name(lang)}.yaml"
    made = cli("init", "--template", template.name(lang), "--lang", lang, "-o", str(out))
    assert made.code == 0, made.err
    assert out.is_file()
    assert str(out) in made.out
    checked = cli("check", str(out), "--fail-on", "error", "--lang", "en")
    assert checked.code == 0, checked.out + checked.err
    assert "0 errors" in checked.out


@pytest.mark.parametrize(("template", "lang"), CASES, ids=IDS)
def test_every_template_is_a_realistic_start(template, lang, tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(template.text(lang), encoding="utf-8")
    cycle, problems = load_path(str(path))
    assert cycle is not None, problems
    assert cycle.language == lang
    assert cycle.stages and all(m.stage in cycle.stages for m in cycle.moments)
    critical = cycle.critical_moments
    assert 2 <= len(critical) < len(cycle.moments)
    # Critical moments are complete: the template shows what good looks like.
    assert all(m.owner and m.standard and m.recovery for m in critical)
    # A complaint/feedback moment, reached by a labelled branch.
    assert any(m.feedback for m in cycle.moments)
    assert any(b.when for m in cycle.moments for b in (m.next or ()))
    # Comments guide the user, in the template's language.
    comments = [line for line in template.text(lang).splitlines() if line.startswith("#")]
    assert len(comments) >= 5
    assert HOW_TO[lang] in "\n".join(comments)


def test_every_language_holds_the_same_templates():
    assert {"en", "es", "pt"} <= set(LANGUAGES)
    for template in TEMPLATES:
        for lang in LANGUAGES:
            assert template.names.get(lang), (template.key, lang)
            assert find(template.name(lang), prefer=lang) == (template, lang)
        # A name two languages share goes to the first of them unless the user's language is one.
        assert find(template.name("es")) == (template, "es")
        assert find(template.name("en")) == (template, "en")
    assert {t.key for t in TEMPLATES} == {
        "bank", "clinic", "restaurant", "cinema", "call-centre", "help-desk", "internal-customer"}


def test_spanish_name_gives_spanish_file_by_default(cli, tmp_path):
    made = cli("init", "--template", "clínica", cwd=tmp_path)
    assert made.code == 0, made.err
    written = tmp_path / "clinica.yaml"
    assert written.is_file()
    assert "language: es" in written.read_text(encoding="utf-8")
    assert "cyclemap check clinica.yaml" in made.out


def test_name_in_one_language_file_in_the_other(cli, tmp_path):
    made = cli("init", "-t", "banco", "--lang", "en", cwd=tmp_path)
    assert made.code == 0, made.err
    assert "language: en" in (tmp_path / "bank.yaml").read_text(encoding="utf-8")


def test_default_template_and_name_follow_the_locale(cli, tmp_path):
    made = cli("init", cwd=tmp_path, env={"CYCLEMAP_LANG": "es"})
    assert made.code == 0, made.err
    assert (tmp_path / "banco.yaml").is_file()
    made = cli("init", cwd=tmp_path, env={"CYCLEMAP_LANG": "en"})
    assert made.code == 0, made.err
    assert (tmp_path / "bank.yaml").is_file()


def test_never_overwrites_without_force(cli, tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("my precious cycle\n", encoding="utf-8")
    refused = cli("init", "-t", "cinema", "-o", str(target))
    assert refused.code == 2
    assert "already exists" in refused.err and "--force" in refused.err
    assert target.read_text(encoding="utf-8") == "my precious cycle\n"
    forced = cli("init", "-t", "cinema", "-o", str(target), "--force")
    assert forced.code == 0, forced.err
    assert "title: A screening at the cinema" in target.read_text(encoding="utf-8")


def test_refusal_is_bilingual(cli, tmp_path):
    (tmp_path / "banco.yaml").write_text("x\n", encoding="utf-8")
    refused = cli("init", "-t", "banco", cwd=tmp_path, env={"CYCLEMAP_LANG": "es"})
    assert refused.code == 2
    assert "ya existe" in refused.err


def test_stdout(cli):
    shown = cli("init", "-t", "help-desk", "-o", "-")
    assert shown.code == 0
    assert shown.out.startswith("# Cycle of service: a technical help desk")
    assert "title: A ticket at the technical help desk" in shown.out


def test_unknown_template_suggests_and_lists(cli, tmp_path):
    wrong = cli("init", "-t", "restorant", cwd=tmp_path)
    assert wrong.code == 2
    assert "restaurant" in wrong.err and "--list" in wrong.err
    assert list(tmp_path.iterdir()) == []


def test_folder_as_output_is_a_usage_error(cli, tmp_path):
    made = cli("init", "-o", str(tmp_path), "--force")
    assert made.code == 2
    assert "is a folder" in made.err


def test_missing_folder_is_a_usage_error(cli, tmp_path):
    made = cli("init", "-o", str(tmp_path / "nope" / "x.yaml"))
    assert made.code == 2
    assert "does not exist" in made.err
    assert "Traceback" not in made.err


@pytest.mark.parametrize("lang", LANGUAGES)
def test_list_names_and_describes_every_template(cli, lang):
    shown = cli("init", "--list", "--lang", lang)
    assert shown.code == 0
    for template in TEMPLATES:
        assert template.name(lang) in shown.out
        assert template.description(lang) in shown.out
    assert {"en": "Templates", "es": "Plantillas", "pt": "Modelos"}[lang] in shown.out


def test_help_mentions_list_and_force(cli):
    shown = cli("init", "--help")
    assert shown.code == 0
    assert "--list" in shown.out and "--force" in shown.out


# -- Portuguese: a language is a catalogue and a folder of templates ------------------

def test_portuguese_template_is_written_and_passes_check(cli, tmp_path):
    made = cli("init", "--lang", "pt", cwd=tmp_path)
    assert made.code == 0, made.err
    written = tmp_path / "banco.yaml"
    text = written.read_text(encoding="utf-8")
    assert "language: pt" in text and "Como usar" in text and "title: Uma ida à agência bancária" in text
    assert "cyclemap: banco.yaml gravado (modelo banco). Próximo passo" in made.out
    assert "cyclemap handout banco.yaml -o oficina.html" in made.out
    checked = cli("check", "banco.yaml", "--fail-on", "error", cwd=tmp_path)
    assert checked.code == 0, checked.out + checked.err
    assert "0 erro," in checked.out  # CLDR and GNU pt_BR: 0 takes the singular


def test_locale_picks_the_portuguese_template(cli, tmp_path):
    made = cli("init", cwd=tmp_path, env={"CYCLEMAP_LANG": "pt_BR.UTF-8"})
    assert made.code == 0, made.err
    assert "language: pt" in (tmp_path / "banco.yaml").read_text(encoding="utf-8")
    # `cinema` is English and Portuguese: a Portuguese speaker gets the Portuguese one.
    made = cli("init", "-t", "cinema", "-o", "-", env={"CYCLEMAP_LANG": "pt"})
    assert made.code == 0 and "language: pt" in made.out
    made = cli("init", "-t", "suporte-tecnico", "-o", "-")
    assert made.code == 0 and "language: pt" in made.out


def test_portuguese_list_names_the_other_languages(cli):
    shown = cli("init", "--list", "--lang", "pt")
    assert shown.code == 0
    assert "central-atendimento" in shown.out and "(padrão)" in shown.out
    assert "também: call-centre (inglês) e centro-llamadas (espanhol)" in shown.out
    shown = cli("init", "--list", "--lang", "en")
    assert "also: banco (Spanish and Portuguese)" in shown.out


def test_unknown_template_in_portuguese(cli, tmp_path):
    wrong = cli("init", "-t", "restorante", cwd=tmp_path, env={"CYCLEMAP_LANG": "pt"})
    assert wrong.code == 2
    assert "não há um modelo chamado 'restorante' (você quis dizer restaurante?)" in wrong.err


def test_init_help_in_portuguese(cli):
    shown = cli("init", "--help", "--lang", "pt")
    assert shown.code == 0
    assert "Começa um ciclo de serviço a partir de um modelo" in shown.out
    assert "Lista os modelos e sai." in shown.out
