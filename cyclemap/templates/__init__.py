"""Starter cycles for `cyclemap init`: one YAML file per template and language
(`templates/es/banco.yaml`, `templates/en/bank.yaml`), with comments that guide a
first-time user. This module is the catalogue: names, descriptions, and where each
file lives. A template can be asked for by its name in either language
(`--template banco --lang en` gives the English bank branch).

Every template must pass `cyclemap check` with no errors (tests/test_init.py runs
each one through the real command line).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib import resources

from cyclemap.format.diagnostics import Text


@dataclass(frozen=True)
class Template:
    key: str  # language-neutral key, e.g. "bank"
    names: dict[str, str]  # file stem per language: {"es": "banco", "en": "bank"}
    description: Text

    def name(self, lang: str) -> str:
        return self.names[lang]

    def text(self, lang: str) -> str:
        """The template's YAML in `lang`, comments included."""
        return resources.files(__name__).joinpath(lang, f"{self.names[lang]}.yaml").read_text(encoding="utf-8")


TEMPLATES: tuple[Template, ...] = (
    Template("bank", {"es": "banco", "en": "bank"}, Text(
        "An errand at a bank branch: ticket and wait, counter, receipt, survey, and a complaint path.",
        "Un trámite en una sucursal bancaria: turno y espera, ventanilla, comprobante, encuesta y una vía de queja.")),
    Template("clinic", {"es": "clinica", "en": "clinic"}, Text(
        "A visit to a clinic: booking, reception, the doctor, tests, billing and results, with a billing claim.",
        "Una consulta en una clínica: cita, recepción, el médico, exámenes, cobro y resultados, con un reclamo por el cobro.")),
    Template("restaurant", {"es": "restaurante", "en": "restaurant"}, Text(
        "A meal at a restaurant: booking, welcome, order, the dish, the bill, and a complaint about the dish.",
        "Una comida en un restaurante: reserva, bienvenida, pedido, el plato, la cuenta y un reclamo por el plato.")),
    Template("cinema", {"es": "cine", "en": "cinema"}, Text(
        "A screening at a cinema: listings, ticket, snacks, auditorium, the film, and a complaint at the box office.",
        "Una función de cine: cartelera, entrada, confitería, sala, la película y una queja en taquilla.")),
    Template("call-centre", {"es": "centro-llamadas", "en": "call-centre"}, Text(
        "A call to a contact centre: menu, hold, agent, solution, survey, and escalation to a specialist.",
        "Una llamada al centro de atención: menú, espera, agente, solución, encuesta y paso a un especialista.")),
    Template("help-desk", {"es": "mesa-ayuda", "en": "help-desk"}, Text(
        "A ticket at a technical help desk: report, triage, contact, fix, closing, and a reopened ticket.",
        "Un caso en una mesa de ayuda técnica: reporte, clasificación, contacto, solución, cierre y un caso reabierto.")),
    Template("internal-customer", {"es": "cliente-interno", "en": "internal-customer"}, Text(
        "An internal customer: Sales asks Purchasing for material (one department serving another).",
        "Un cliente interno: Ventas pide material a Compras (un área que sirve a otra).")),
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
}


def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("_", "-").replace(" ", "-")
    return text[:-5] if text.endswith(".yaml") else text


def find(name: str) -> tuple[Template, str] | None:
    """The template a name asks for, and the language the name is written in
    ("es" for `banco`, "en" for `bank`; the English name when it is the same)."""
    wanted = _normalise(name)
    for template in TEMPLATES:
        for lang in ("en", "es"):
            if template.names[lang] == wanted:
                return template, lang
    if wanted in ALIASES:
        key, lang = ALIASES[wanted]
        return next(t for t in TEMPLATES if t.key == key), lang
    return None


def suggestion(name: str) -> str | None:
    """The closest template name, for a did-you-mean."""
    import difflib

    pool = [t.names[lang] for t in TEMPLATES for lang in ("es", "en")]
    close = difflib.get_close_matches(_normalise(name), pool, n=1, cutoff=0.6)
    return close[0] if close else None
