"""Languages: every text a person reads goes through a gettext catalogue.

The English sentence is the message id, written once in the code; each other language is
a catalogue under `cyclemap/locale/<locale>/LC_MESSAGES/cyclemap.po`, managed with Babel
(docs/translating.md). A language is a catalogue, not a code change: `LANGUAGES` is the
catalogues found there, plus English.

A `Text` is said in the reader's language at the last moment (`text("es")`), so a report
can be built once and printed in any language. Mark texts with:

    _("The moment has no owner")                         # a sentence
    _("`{id}` has no owner").format(id=moment.id)        # with fields, filled per language
    _n("{n} answer", "{n} answers", count)               # plural forms (ngettext)
    _p("kind of moment", "critical")                     # the same English, two meanings
    number(3.25, digits=2)                               # a number, by the language's locale

`tools/catalogues.py extract` (Babel's extractor) finds them by these names, and finds
each rule's docstring through `extract_docstrings` below. Never mark an empty string:
gettext gives the catalogue's header for it (use `Verbatim("")`).
"""

from __future__ import annotations

import functools
import gettext
import json
import math
import os
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

DOMAIN = "cyclemap"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"


def _catalogue_locales() -> dict[str, str]:
    """{language code: locale folder} for every compiled catalogue: {"es": "es", "pt": "pt_BR"}."""
    found = {}
    try:
        folders = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file())
    except OSError:
        folders = []
    for folder in folders:
        found.setdefault(folder.split("_")[0].lower(), folder)
    return found


LOCALES: dict[str, str] = {SOURCE_LANGUAGE: "en", **_catalogue_locales()}
# The languages cyclemap speaks, in a stable order: English (the source), then the catalogues.
LANGUAGES: tuple[str, ...] = tuple(LOCALES)


def language_of(value: str | None) -> str | None:
    """The language code a locale-like value names (`pt_BR.UTF-8`, `pt-BR`, `es`, `EN`), if
    cyclemap speaks it, else None."""
    if not value:
        return None
    code = value.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return code if code in LOCALES else None


def html_lang(lang: str) -> str:
    """The `<html lang>` of a page in `lang`: its locale as a BCP 47 tag (`pt-BR`, `es`, `en`)."""
    return LOCALES.get(lang, lang).replace("_", "-")


@functools.lru_cache(maxsize=None)
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue for `lang` (English, or an unknown language: the message ids)."""
    if lang == SOURCE_LANGUAGE or lang not in LOCALES:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[LOCALES[lang]], fallback=True)


class Text:
    """Something to say, in whatever language the reader gets: call it with a language
    code. The kinds: `Message` (a catalogue entry), `Verbatim` (the same in every
    language: a name from the file), `Computed` (built per language by a function),
    `Number` (a number in the language's notation)."""

    __slots__ = ()

    def __call__(self, lang: str) -> str:  # pragma: no cover - every kind says itself
        raise NotImplementedError

    def __str__(self) -> str:
        return self(SOURCE_LANGUAGE)


class Message(Text):
    """A catalogue entry: its English id (and plural), the count that picks the plural, a
    context when one English text has two meanings, and fields filled in after
    translation (a field may itself be a `Text`, said in the same language)."""

    __slots__ = ("msgid", "plural", "count", "context", "fields")

    def __init__(self, msgid: str, plural: str | None = None, count: int | None = None,
                 context: str | None = None, fields: dict | None = None):
        self.msgid, self.plural, self.count, self.context = msgid, plural, count, context
        self.fields = fields or {}

    def format(self, **fields: object) -> "Message":
        """This message with `{name}` fields to fill in (after translation, in the same language)."""
        return Message(self.msgid, self.plural, self.count, self.context, {**self.fields, **fields})

    def __call__(self, lang: str) -> str:
        if not self.msgid:  # gettext("") is the catalogue's header, never a text
            return ""
        books = catalogue(lang)
        if self.plural is not None:
            n = self.count if self.count is not None else 2
            if self.context is not None:
                template = books.npgettext(self.context, self.msgid, self.plural, n)
            else:
                template = books.ngettext(self.msgid, self.plural, n)
        elif self.context is not None:
            template = books.pgettext(self.context, self.msgid)
        else:
            template = books.gettext(self.msgid)
        if not self.fields:
            return template
        return template.format(**{k: said(v, lang) for k, v in self.fields.items()})

    def _key(self) -> tuple:
        return (self.msgid, self.plural, self.count, self.context, tuple(sorted((k, repr(v)) for k, v in self.fields.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.msgid, self.context))

    def __repr__(self) -> str:
        return f"_({self.msgid!r})" + (f".format({self.fields!r})" if self.fields else "")


class Verbatim(Text):
    """Text that is the same in every language (a name written in the cycle file)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __call__(self, lang: str) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Verbatim) and self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"Verbatim({self.text!r})"


class Computed(Text):
    """Text built per language by `build(lang)`: a list of texts joined, a sentence made of
    other texts. Two computed texts are equal when they say the same in every language."""

    __slots__ = ("build",)

    def __init__(self, build: Callable[[str], str]):
        self.build = build

    def __call__(self, lang: str) -> str:
        return self.build(lang)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and all(self(lg) == other(lg) for lg in LANGUAGES)

    def __hash__(self) -> int:
        return hash(self(SOURCE_LANGUAGE))

    def __repr__(self) -> str:
        return f"Computed({self(SOURCE_LANGUAGE)!r})"


class Number(Text):
    """A number in the language's notation (Babel, CLDR): 3.25 is "3.25" in English,
    "3,25" in Spanish and Portuguese; at most `digits` decimals, no trailing zeros."""

    __slots__ = ("value", "digits")

    def __init__(self, value: float, digits: int = 1):
        self.value, self.digits = value, digits

    def __call__(self, lang: str) -> str:
        return number(self.value, lang, self.digits)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Number) and (self.value, self.digits) == (other.value, other.digits)

    def __hash__(self) -> int:
        return hash((self.value, self.digits))

    def __repr__(self) -> str:
        return f"Number({self.value!r}, {self.digits})"


def said(value: object, lang: str) -> object:
    """A field's value in `lang`: a `Text` is said in it; anything else is left as it is."""
    return value(lang) if isinstance(value, Text) else value


# -- marking texts (the names `pybabel extract` looks for: babel.cfg) ----------------------

def _(msgid: str) -> Message:
    """A sentence to translate (its English is the catalogue's message id)."""
    return Message(msgid)


def _n(singular: str, plural: str, n: int) -> Message:
    """A sentence whose form depends on the count `n` (ngettext); `{n}` is filled in."""
    return Message(singular, plural, n, fields={"n": n})


def _p(context: str, msgid: str) -> Message:
    """A sentence whose English serves two meanings; `context` tells them apart (pgettext)."""
    return Message(msgid, context=context)


def join(texts, separator: Text | str = ", ") -> Computed:
    """`texts` (each a `Text` or a plain string) joined in each language by `separator`."""
    items = list(texts)
    return Computed(lambda lg: said(separator, lg).join(str(said(t, lg)) for t in items))


def listing(texts) -> Computed:
    """`texts` as a sentence lists them: "a, b and c", "a, b y c", "a, b e c"."""
    items = list(texts)

    def build(lang: str) -> str:
        words = [str(said(t, lang)) for t in items]
        if len(words) < 2:
            return "".join(words)
        last = _p("the last joiner of a list: a, b and c", "{rest} and {last}")
        return last.format(rest=", ".join(words[:-1]), last=words[-1])(lang)

    return Computed(build)


def as_sentence(text: str) -> str:
    """THE way a phrase becomes a sentence, in any language: trimmed, a capital first
    letter, and a full stop unless it already ends one (. ! ? …); "" stays ""."""
    text = text.strip()
    if not text:
        return ""
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?", "…")) else ".")


# -- numbers --------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _number_symbols() -> dict[str, dict[str, str]]:
    """{locale: its decimal, group and minus signs}, from CLDR through Babel when the
    catalogues are compiled (tools/catalogues.py): reading them here instead of importing
    Babel and its locale data saves about 25 ms of a check's start-up (issue 26)."""
    try:
        return json.loads((LOCALE_DIR / "numbers.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@functools.lru_cache(maxsize=8192)  # a report says the same few scores many times
def number(value: float, lang: str, digits: int = 1) -> str:
    """THE number format: at most `digits` decimals with no trailing zeros (3.0 -> "3",
    3.25 -> "3.3", or "3.25" with digits=2), grouped and punctuated by the language's
    locale, CLDR's signs ("3,3" and "1.250" in Spanish, "1,250" in English): what Babel's
    `format_decimal` writes for the pattern `#,##0.##`, without loading Babel."""
    value = round(value, digits) + 0.0
    locale = LOCALES.get(lang, "en")
    signs = _number_symbols().get(locale)
    if signs is None or not math.isfinite(value):  # a catalogue compiled without its signs; inf, nan
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
        text = format_decimal(value, format=pattern, locale=locale)
        return "0" if text in ("-0", "\u22120") else text
    text = format(abs(Decimal(repr(value))), f",.{max(digits, 0)}f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "0":
        return "0"
    text = text.replace(",", "\0").replace(".", signs["decimal"]).replace("\0", signs["group"])
    return signs["minus"] + text if value < 0 else text


# -- extraction -----------------------------------------------------------------------------

def extract_docstrings(fileobj, keywords, comment_tags, options):
    """A Babel extraction method (babel.cfg): a module's docstring is a message, so each
    rule's docstring (what it checks, why, how to fix it) is translated in the catalogue.
    Yields (line, funcname, message, comments) as Babel expects."""
    import ast
    import inspect

    source = fileobj.read()
    if isinstance(source, bytes):
        source = source.decode(options.get("encoding", "utf-8"))
    tree = ast.parse(source)
    doc = ast.get_docstring(tree, clean=False)
    if doc and tree.body:
        yield tree.body[0].lineno, None, inspect.cleandoc(doc), ["the rule's documentation (cyclemap explain)"]


def decide_language(option: str | None = None, said: Iterable[str | None] = (), *,
                    environment: bool = False) -> str:
    """THE language decision: every command and output asks it, with what it knows.

    1. `option`: `--lang` (checked: a language cyclemap speaks), when given;
    2. `said`: what the files say — a cycle's `language`, or the languages of a run's
       checked files — when they all say one and the same;
    3. with `environment` (cyclemap's own words: `--help`, usage errors, progress lines):
       CYCLEMAP_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE);
    4. English.
    """
    if option:
        return option
    languages = set(said)
    if len(languages) == 1:
        one = languages.pop()
        if one:
            return one
    if environment:
        found = environment_language()
        if found:
            return found
    return SOURCE_LANGUAGE


def environment_language() -> str | None:
    """The language the environment asks for: CYCLEMAP_LANG, else the locale variables."""
    for var in ("CYCLEMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return language_of(value.split(":")[0])
    return None
