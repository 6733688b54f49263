"""The catalogues: complete in every language, compiled from their current .po, and a new
language is a catalogue, not a code change (docs/translating.md)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path


from cyclemap.format.i18n import LANGUAGES, Message, _n, number

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "catalogues.py"


def test_every_text_is_translated_in_every_language_and_compiled():
    run = subprocess.run([sys.executable, str(TOOL), "check"], capture_output=True, text=True, cwd=ROOT)
    problems = [line for line in run.stdout.splitlines() if not line.startswith("catalogues:")]
    assert run.returncode == 0 and not problems, "\n".join(problems[:40]) + f"\n... {len(problems)} in all"


def test_the_three_languages_are_the_catalogues_found():
    assert LANGUAGES[0] == "en" and {"es", "pt"} <= set(LANGUAGES)


def test_plurals_follow_each_language():
    words = _n("{n} answer", "{n} answers", 1)
    assert words("en") == "1 answer"
    for n in (0, 1, 2):
        said_es = _n("{n} answer", "{n} answers", n)("es")
        assert said_es == ("1 respuesta" if n == 1 else f"{n} respuestas")
    # Portuguese (CLDR): 0 and 1 are singular.
    assert _n("{n} answer", "{n} answers", 0)("pt") == "0 resposta"
    assert _n("{n} answer", "{n} answers", 2)("pt") == "2 respostas"


def test_numbers_follow_each_locale():
    assert number(3.25, "en", 2) == "3.25" and number(3.25, "es", 2) == "3,25" and number(3.25, "pt", 2) == "3,25"
    assert number(1250, "en") == "1,250" and number(1250, "pt") == "1.250"
    assert number(4.0, "es") == "4" and number(-0.01, "en") == "0"


def test_a_missing_translation_falls_back_to_english():
    text = Message("a sentence no catalogue has")
    assert text("es") == text("pt") == "a sentence no catalogue has"


def test_a_new_language_is_a_catalogue_not_a_code_change(tmp_path):
    """Copy the package, add only a French catalogue with one entry, and the command line
    accepts --lang fr and `language: fr`, and speaks French where the catalogue does."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    package = tmp_path / "cyclemap"
    shutil.copytree(ROOT / "cyclemap", package, ignore=shutil.ignore_patterns("__pycache__"))
    catalog = Catalog(locale="fr")
    catalog.add("--segment needs --ratings (the file whose answers it filters)",
                "--segment demande --ratings (le fichier dont il filtre les réponses)")
    folder = package / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "cyclemap.mo", "wb") as f:
        write_mo(f, catalog)
    cycle = tmp_path / "cycle.yaml"
    text = (ROOT / "examples" / "banco.yaml").read_text(encoding="utf-8")
    cycle.write_text(text.replace("language: es", "language: fr"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    for var in ("CYCLEMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        env.pop(var, None)

    def cyclemap(*args):
        return subprocess.run([sys.executable, "-m", "cyclemap", *args], capture_output=True, text=True,
                              env=env, cwd=tmp_path)

    refused = cyclemap("check", str(cycle), "--lang", "fr", "--segment", "x")
    assert refused.returncode == 2
    assert "--segment demande --ratings" in refused.stderr
    checked = cyclemap("check", str(cycle))
    assert checked.returncode in (0, 1), checked.stderr  # `language: fr` is a language now
    assert "CM002" not in checked.stdout and "language" not in checked.stderr
    # The original package still knows nothing of French.
    plain = subprocess.run([sys.executable, "-m", "cyclemap", "check", str(cycle), "--lang", "fr"],
                           capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert plain.returncode == 2 and "--lang" in plain.stderr
