"""The translation catalogues, through Babel's public API (docs/translating.md).

    python tools/catalogues.py extract   # the code's texts -> cyclemap/locale/cyclemap.pot
    python tools/catalogues.py update    # the template -> each language's .po (new texts marked untranslated)
    python tools/catalogues.py compile   # each .po -> .mo (what cyclemap reads at run time)
    python tools/catalogues.py check     # every text translated in every language, fields kept, .mo current
    python tools/catalogues.py init xx_YY  # start a new language's catalogue

Texts are found by the names `_`, `_n`, `_p` and `h` (cyclemap.format.i18n) in every
module, and each rule's docstring (its documentation) in cyclemap/engine/rules/.
The build compiles the catalogues too (setup.py), so a wheel always carries current ones.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cyclemap"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "cyclemap.pot"
DOMAIN = "cyclemap"
KEYWORDS = {"_": None, "_n": (1, 2), "_p": ((1, "c"), 2), "h": None}
_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")


def template():
    """The catalogue of every text in the code (a babel Catalog)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    import cyclemap

    catalog = Catalog(project="cyclemap", version=cyclemap.__version__, charset="utf-8",
                      msgid_bugs_address="https://github.com/cyclemap/cyclemap/issues")
    sources = [
        ([("cyclemap/**.py", "python")], {"cyclemap/**.py": {"encoding": "utf-8"}}),
        ([("cyclemap/engine/rules/cm*.py", "cyclemap.format.i18n:extract_docstrings")], {}),
    ]
    for method_map, options_map in sources:
        for filename, lineno, message, comments, context in extract_from_dir(
                str(ROOT), method_map=method_map, options_map=options_map, keywords=KEYWORDS,
                comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            if not message or (isinstance(message, tuple) and not message[0]):
                continue
            flags = ("python-brace-format",) if _fields(message) else ()
            catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context, flags=flags)
    return catalog


def _fields(message) -> set[str]:
    texts = message if isinstance(message, (tuple, list)) else (message,)
    return {name for text in texts if text for name in _FIELD.findall(text)}


def languages() -> list[Path]:
    return sorted(p for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f, locale=path.parent.parent.name)


def write_po(catalog, path: Path) -> None:
    from babel.messages.pofile import write_po as _write

    buffer = io.BytesIO()
    _write(buffer, catalog, width=100, sort_output=False, omit_header=False, include_previous=True,
           ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def extract() -> None:
    write_po(template(), POT)
    print(f"catalogues: {POT.relative_to(ROOT)}")


def update() -> None:
    pot = template()
    write_po(pot, POT)
    for path in languages():
        catalog = read(path)
        catalog.update(pot, no_fuzzy_matching=False)
        catalog.project, catalog.version, catalog.fuzzy = pot.project, pot.version, False
        write_po(catalog, path)
        print(f"catalogues: updated {path.relative_to(ROOT)}")


def compile_all(target: Path | None = None) -> None:
    """Each .po compiled to .mo, beside it or under `target` (the build's copy of the package)."""
    for path in languages():
        out = path.with_suffix(".mo")
        if target is not None:
            out = target / out.relative_to(PACKAGE)
            out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(mo_bytes(read(path)))
        print(f"catalogues: compiled {out}")
    out = NUMBERS if target is None else target / NUMBERS.relative_to(PACKAGE)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(numbers_json(), encoding="utf-8")
    print(f"catalogues: compiled {out}")


NUMBERS = LOCALE / "numbers.json"


def numbers_json() -> str:
    """Each language's number symbols from CLDR (Babel), for English and every catalogue:
    what `i18n.number` needs, read at run time without importing Babel and loading its
    locale data (about 25 ms of a check's start-up, issue 26)."""
    import json

    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    locales = ["en"] + sorted(path.parent.parent.name for path in languages())
    table = {loc: {"decimal": get_decimal_symbol(loc), "group": get_group_symbol(loc),
                   "minus": get_minus_sign_symbol(loc)} for loc in locales}
    return json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def problems() -> list[str]:
    """What is wrong with the catalogues: a text of the code missing or untranslated in a
    language, a translation that drops or invents a `{field}`, a .mo older than its .po."""
    pot = template()
    found = []
    for path in languages():
        catalog = read(path)
        lang = path.parent.parent.name
        for message in pot:
            if not message.id:
                continue
            entry = catalog.get(message.id, context=message.context)
            shown = message.id if isinstance(message.id, str) else message.id[0]
            if entry is None or not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
                found.append(f"{lang}: untranslated: {shown[:70]!r}")
                continue
            if entry.fuzzy:
                found.append(f"{lang}: fuzzy (check it, then remove the flag): {shown[:70]!r}")
            want = _fields(message.id)
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            for string in strings:
                got = _fields(string)
                extra = got - want
                if extra:
                    found.append(f"{lang}: {sorted(extra)} not in the English: {shown[:70]!r}")
                if not isinstance(message.id, tuple) and want - got:
                    found.append(f"{lang}: drops {sorted(want - got)}: {shown[:70]!r}")
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            found.append(f"{lang}: {mo.relative_to(ROOT)} is not compiled from the current .po (run compile)")
    if not NUMBERS.exists() or NUMBERS.read_text(encoding="utf-8") != numbers_json():
        found.append(f"{NUMBERS.relative_to(ROOT)} does not hold every language's number symbols (run compile)")
    return found


def check() -> int:
    found = problems()
    for line in found:
        print(line)
    print(f"catalogues: {len(found)} problem(s)")
    return 1 if found else 0


def init(locale: str) -> None:
    from babel.messages.catalog import Catalog

    pot = template()
    catalog = Catalog(locale=locale, project="cyclemap", charset="utf-8")
    catalog.update(pot)
    path = LOCALE / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    write_po(catalog, path)
    print(f"catalogues: started {path.relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    command = argv[0] if argv else "check"
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        return check()
    elif command == "init" and len(argv) == 2:
        init(argv[1])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
