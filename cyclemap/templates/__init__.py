"""Starter cycles for `cyclemap init`: one YAML file per template and language
(`templates/es/banco.yaml`, `templates/en/bank.yaml`, `templates/pt/banco.yaml`), with
comments that guide a first-time user. This module is the catalogue: names, descriptions,
and where each file lives. A template can be asked for by its name in any language
(`--template banco --lang en` gives the English bank branch).

A language has templates when it has a folder here; a language cyclemap speaks without
one gets the English templates.

Every template must pass `cyclemap check` with no errors (tests/test_init.py runs
each one through the real command line).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib import resources

from cyclemap.format.i18n import LANGUAGES, LOCALES, SOURCE_LANGUAGE, Text, _


@dataclass(frozen=True)
class Template:
    key: str  # language-neutral key, e.g. "bank"
    names: dict[str, str]  # file stem per language: {"en": "bank", "es": "banco", "pt": "banco"}
    description: Text

    def language(self, lang: str) -> str:
        """`lang` if this template is written in it, else English (the source language)."""
        return lang if lang in self.names else SOURCE_LANGUAGE

    def name(self, lang: str) -> str:
        return self.names[self.language(lang)]

    def text(self, lang: str) -> str:
        """The template's YAML in `lang` (English when there is none in `lang`), comments included."""
        lang = self.language(lang)
        return resources.files(__name__).joinpath(lang, f"{self.names[lang]}.yaml").read_text(encoding="utf-8")


TEMPLATES: tuple[Template, ...] = (
    Template("bank", {"en": "bank", "es": "banco", "pt": "banco"}, _(
        "An errand at a bank branch: ticket and wait, counter, receipt, survey, and a complaint path.")),
    Template("clinic", {"en": "clinic", "es": "clinica", "pt": "clinica"}, _(
        "A visit to a clinic: booking, reception, the doctor, tests, billing and results, with a billing claim.")),
    Template("restaurant", {"en": "restaurant", "es": "restaurante", "pt": "restaurante"}, _(
        "A meal at a restaurant: booking, welcome, order, the dish, the bill, and a complaint about the dish.")),
    Template("cinema", {"en": "cinema", "es": "cine", "pt": "cinema"}, _(
        "A screening at a cinema: listings, ticket, snacks, auditorium, the film, and a complaint at the box office.")),
    Template("call-centre", {"en": "call-centre", "es": "centro-llamadas", "pt": "central-atendimento"}, _(
        "A call to a contact centre: menu, hold, agent, solution, survey, and escalation to a specialist.")),
    Template("help-desk", {"en": "help-desk", "es": "mesa-ayuda", "pt": "suporte-tecnico"}, _(
        "A ticket at a technical help desk: report, triage, contact, fix, closing, and a reopened ticket.")),
    Template("internal-customer", {"en": "internal-customer", "es": "cliente-interno", "pt": "cliente-interno"}, _(
        "An internal customer: Sales asks Purchasing for material (one department serving another).")),
)

DEFAULT = "bank"

# Other spellings people type, with the language they are in; keys are normalised
# (see `_normalise`).
ALIASES = {
    "call-center": ("call-centre", "en"), "callcenter": ("call-centre", "en"),
    "contact-centre": ("call-centre", "en"), "contact-center": ("call-centre", "en"),
    "centro-de-llamadas": ("call-centre", "es"),
    "helpdesk": ("help-desk", "en"), "service-desk": ("help-desk", "en"),
    "mesa-de-ayuda": ("help-desk", "es"), "soporte": ("help-desk", "es"),
    "internal": ("internal-customer", "en"), "interno": ("internal-customer", "es"),
    "movie": ("cinema", "en"), "hospital": ("clinic", "en"), "consulta": ("clinic", "es"),
    "branch": ("bank", "en"), "sucursal": ("bank", "es"),
    "agencia": ("bank", "pt"), "agencia-bancaria": ("bank", "pt"),
    "central-de-atendimento": ("call-centre", "pt"), "atendimento": ("call-centre", "pt"),
    "central-de-ajuda": ("help-desk", "pt"), "central-ajuda": ("help-desk", "pt"),
    "suporte": ("help-desk", "pt"),
}


def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("_", "-").replace(" ", "-")
    return text[:-5] if text.endswith(".yaml") else text


def find(name: str, prefer: str | None = None) -> tuple[Template, str] | None:
    """The template a name asks for, and the language the name is written in ("es" for
    `mesa-ayuda`, "en" for `bank`). A name several languages share (`banco` is Spanish and
    Portuguese) is in `prefer` when that is one of them, else in the first of LANGUAGES."""
    wanted = _normalise(name)
    for template in TEMPLATES:
        langs = [lang for lang in LANGUAGES if template.names.get(lang) == wanted]
        if langs:
            return template, prefer if prefer in langs else langs[0]
    if wanted in ALIASES:
        key, lang = ALIASES[wanted]
        return next(t for t in TEMPLATES if t.key == key), lang
    return None


def language_name(code: str, lang: str) -> str:
    """The name of the language `code`, written in `lang` ("Spanish", "portugués"), from
    the locale data (Babel's CLDR): any language cyclemap speaks, none written here."""
    from babel import Locale

    return Locale.parse(LOCALES.get(code, code)).get_language_name(LOCALES.get(lang, lang)) or code


def suggestion(name: str) -> str | None:
    """The closest template name, for a did-you-mean."""
    import difflib

    pool = list(dict.fromkeys(name for t in TEMPLATES for name in t.names.values()))
    close = difflib.get_close_matches(_normalise(name), pool, n=1, cutoff=0.6)
    return close[0] if close else None
