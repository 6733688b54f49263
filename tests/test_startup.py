"""Start-up and per-file cost (issue 26): what a check of one file loads, and the shortcuts
taken for it stay true to what they replace — simplemma's tokenizer, Babel's numbers, the
t quantile by bisection, one settings look-up per folder, one command built per run."""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli_in_process

HEAVY = ("simplemma", "babel", "networkx", "rich", "openpyxl", "pyphen", "graphviz")


def _imported_by(*args: str) -> set[str]:
    """The top-level packages a real `python -m cyclemap ARGS` process has imported at exit."""
    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)) + '\\n'))\n"
            "from cyclemap.start import main\n"
            f"sys.argv = ['cyclemap', *{list(args)!r}]\n"
            "main()\n")
    env = {**os.environ, "CYCLEMAP_LANG": "en", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    line = next(x for x in done.stderr.splitlines() if x.startswith("MODULES "))
    assert done.returncode in (0, 1), done.stderr
    return set(line.split()[1:])


def test_checking_one_file_loads_no_heavy_library_and_no_other_command():
    modules = _imported_by("check", "examples/banco.yaml")
    tops = {m.split(".")[0] for m in modules}
    assert not tops & set(HEAVY), sorted(tops & set(HEAVY))
    commands = sorted(m for m in modules if m.startswith("cyclemap.cli.") and m.endswith("_cmd"))
    assert commands == ["cyclemap.cli.check_cmd"]


def test_the_command_table_names_every_command_and_the_help_lists_them_in_its_order():
    from cyclemap import cli

    registered = {}
    for module in sorted(set(cli.COMMANDS.values())):
        before = len(cli.app.registered_commands)
        __import__(f"cyclemap.cli.{module}")
        registered.update({i.name: module for i in cli.app.registered_commands[before:]})
    every = {i.name: None for i in cli.app.registered_commands}
    assert set(every) == set(cli.COMMANDS)  # no command left out of the table, none invented
    assert all(cli.COMMANDS[name] == module for name, module in registered.items())
    run = run_cli_in_process("--help")
    listed = [line.split()[0] for line in run.out.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(cli.COMMANDS)


def test_a_mistyped_command_still_gets_its_did_you_mean():
    run = run_cli_in_process("chekc", "examples/banco.yaml")
    assert run.code == 2
    assert "'check'" in run.err


# -- simplemma's tokenizer, copied -------------------------------------------------------------


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "data" / "content").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                texts.append(line.split("\t")[-1])
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.yaml"))]
    rng = random.Random(26)
    alphabet = "ab éÁñ' ’-–/.,;:!?¿¡()[]\"«»$€£%&#@§·l·l 3,50 €3.50 50€ R$ US$ https://x.y/z\t\n\u200c\u0301"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(2000)]
    return texts


def test_the_tokenizer_is_simplemmas_pattern_and_tokenizes_alike():
    simplemma = pytest.importorskip("simplemma")
    from simplemma.tokenizer import TOKREGEX

    from cyclemap.engine.content.tokenizer import FLAGS, PATTERN, simple_tokenizer

    assert (PATTERN, FLAGS) == (TOKREGEX.pattern, TOKREGEX.flags & ~32), \
        "simplemma's pattern changed: run tools/content_tokenizer.py"
    differ = [t for t in _texts() if simple_tokenizer(t) != simplemma.simple_tokenizer(t)]
    assert differ == []


# -- numbers without Babel ----------------------------------------------------------------------


def test_numbers_are_written_as_babel_writes_them_in_every_language():
    from babel.numbers import format_decimal

    from cyclemap.format.i18n import LANGUAGES, LOCALES, number

    rng = random.Random(3)
    values = [0, -0.0, 0.04, -0.04, 0.05, 2.5, 3.25, -3.25, 2.675, 999.999, 1250.5, 12500, 1e15, -1e-9,
              math.inf, -math.inf, math.nan]
    values += [rng.uniform(-1e7, 1e7) for _ in range(300)] + [round(rng.uniform(1, 5), 3) for _ in range(300)]
    for lang in LANGUAGES:
        for digits in (0, 1, 2, 3):
            pattern = "#,##0" + ("." + "#" * digits if digits else "")
            for value in values:
                want = format_decimal(round(value, digits) + 0.0, format=pattern, locale=LOCALES[lang])
                want = "0" if want in ("-0", "\u22120") else want
                assert number(value, lang, digits) == want, (lang, digits, value)


def test_the_number_signs_are_what_the_catalogues_compile():
    import importlib.util

    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools" / "catalogues.py")
    catalogues = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(catalogues)
    shipped = (ROOT / "cyclemap" / "locale" / "numbers.json").read_text(encoding="utf-8")
    assert shipped == catalogues.numbers_json(), "run tools/catalogues.py compile"
    from cyclemap.format.i18n import LOCALES

    assert set(json.loads(shipped)) == set(LOCALES.values())


# -- the t quantile -------------------------------------------------------------------------------


def _bisected(p: float, df: float) -> float:
    from cyclemap.engine.evidence import t_two_sided_p

    target = 2 * (1 - p)
    lo, hi = 0.0, 1.0
    while t_two_sided_p(hi, df) > target:
        hi *= 2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if t_two_sided_p(mid, df) > target else (lo, mid)
    return (lo + hi) / 2


@pytest.mark.parametrize("p", [0.6, 0.9, 0.975, 0.995, 0.999])
def test_the_t_quantile_is_the_bisected_one(p):
    from cyclemap.engine.evidence import _t_quantile

    for df in [1, 1.01, 1.5, 2, 2.37, 3, 4, 7, 19, 29.5, 99, 100.25, 1000, 1e5] + [k * 0.73 for k in range(2, 400)]:
        df = round(df, 2)
        assert _t_quantile(p, df) == pytest.approx(_bisected(p, df), rel=1e-9), (p, df)


# -- settings: one look-up per folder ---------------------------------------------------------------


def test_settings_are_looked_up_once_per_folder_and_a_linked_file_by_where_it_points(tmp_path):
    from cyclemap.format.settings import ConfigFinder

    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    (here / ".cyclemap.yaml").write_text("ignore: [CM101]\n")
    (there / ".cyclemap.yaml").write_text("ignore: [CM102]\n")
    (here / "a.yaml").write_text("")
    (here / "b.yaml").write_text("")
    (there / "c.yaml").write_text("")
    try:
        (here / "link.yaml").symlink_to(there / "c.yaml")
    except OSError:
        pytest.skip("no symbolic links here")
    finder = ConfigFinder()
    assert finder.source_for(here / "a.yaml") == str((here / ".cyclemap.yaml").resolve())
    assert finder.source_for(here / "link.yaml") == str((there / ".cyclemap.yaml").resolve())
    assert finder.source_for(here / "b.yaml") == str((here / ".cyclemap.yaml").resolve())
    assert "CM101" in finder.for_file(here / "b.yaml").ignore
    assert "CM102" in finder.for_file(here / "link.yaml").ignore


# -- the one HTML escaper, without the html package ------------------------------------------------


def test_the_html_escaper_writes_what_html_escape_writes():
    import html

    from cyclemap.format.diagnostics import html_text

    rng = random.Random(5)
    texts = ["", "a & b", "<script>alert('x')</script>", '"quoted"', "&amp; twice", 3.25, None]
    texts += ["".join(rng.choice("&<>\"'a é;#x27\u202e") for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        assert html_text(text) == html.escape(str(text), quote=True)
