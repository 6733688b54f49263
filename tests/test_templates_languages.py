"""The starter cycles are one cycle in each language: the rules must judge each language's
copy as they judge the English one. The content rules read the file's own words (vague
standards, nobody-owners, recovery plans: engine/content), so a language whose
words they do not know shows up here as findings the English copy does not have."""

import collections
import json

import pytest

from conftest import ROOT, run_app
from cyclemap.format.i18n import LANGUAGES
from cyclemap.templates import TEMPLATES

TEMPLATE_DIR = ROOT / "cyclemap" / "templates"


def findings(path) -> collections.Counter:
    run = run_app("check", str(path), "--format", "json", "--fail-on", "never")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    return collections.Counter(d["code"] for f in report["files"] for d in f["diagnostics"])


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.key for t in TEMPLATES])
def test_each_language_copy_is_judged_like_the_english_one(template):
    english = findings(TEMPLATE_DIR / "en" / f"{template.names['en']}.yaml")
    for lang in LANGUAGES:
        if lang == "en" or lang not in template.names:
            continue
        copy = findings(TEMPLATE_DIR / lang / f"{template.names[lang]}.yaml")
        assert copy == english, (template.key, lang, copy, english)
