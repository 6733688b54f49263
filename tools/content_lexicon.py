"""Build cyclemap/engine/content/lemmas.json from simplemma's dictionaries.

The content facts compare lemmas (dictionary forms) with the concepts of
`cyclemap.engine.content.lexicon`. simplemma knows, for Spanish, Portuguese and English,
which inflected form belongs to which lemma; loading its whole dictionaries costs about a
second per language, which a `check` must not pay. So this tool keeps, per language, the
forms whose lemma is a word of the lexicon (accents and case removed) and writes them as
JSON; the component reads that at run time (`lemmas.py`), and simplemma's tokenizer.

    PYTHONPATH=$PWD python tools/content_lexicon.py          # rewrite lemmas.json
    PYTHONPATH=$PWD python tools/content_lexicon.py --check  # exit 1 if it is out of date

Run it after changing the lexicon (a test runs --check when simplemma is installed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cyclemap.engine.content import lexicon
from cyclemap.engine.content.lemmas import LANGS, plain

OUT = Path(lexicon.__file__).with_name("lemmas.json")


def lexicon_words() -> set[str]:
    words: set[str] = set()
    for value in vars(lexicon).values():
        groups = value.values() if isinstance(value, dict) else [value]
        for group in groups:
            if isinstance(group, frozenset):
                for entry in group:
                    words.update(plain(entry).split())
    return words


def build() -> str:
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    wanted = lexicon_words()
    factory = DefaultDictionaryFactory()
    tables: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        table: dict[str, str] = {}
        for form, lemma in factory.get_dictionary(lang).items():
            f, l = plain(form), plain(lemma)
            if l in wanted and f != l and " " not in f:
                table.setdefault(f, l)
        tables[lang] = dict(sorted(table.items()))
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = build()
    if "--check" in argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run tools/content_lexicon.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    sizes = {lang: len(t) for lang, t in json.loads(text).items()}
    print(f"{OUT}: {sizes} forms, {len(text) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
