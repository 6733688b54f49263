"""The JSON Schema (draft 2020-12) of cycle format 1, for editors and other tools.

Built from the same constants the loader reads with (key lists, the model's enumerations
and the loader's Spanish aliases), so it cannot drift from what `cyclemap check` accepts;
a test validates every bundled example against it and checks that bad files are refused.

The schema is the loader's rules as far as JSON Schema can say them. What it cannot say
is left to `cyclemap check`: `next` pointing at a known moment, unique ids, a low-to-high
`scale`, any capitalisation of enumerated words (the schema lists lower-case spellings).
It uses only `$defs`/`$ref`, `enum`, `pattern` and `additionalProperties`, which
yaml-language-server and older validators understand as well.
"""

from __future__ import annotations

from cyclemap.format.reader import BRANCH_KEYS, CYCLE_KEYS, MOMENT_KEYS, ID_PATTERN
from cyclemap.format.words import CARRIER_ALIASES, CHANNEL_ALIASES, DIMENSION_ALIASES, KIND_ALIASES, LANGUAGE_ALIASES
from cyclemap.format.model import CARRIERS, CHANNELS, DIMENSIONS, FORMAT_VERSION, KINDS, LANGUAGES

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# The loader keeps aliases without accents (it strips them before comparing); editors
# should also accept, and offer, the spelling people actually type.
ACCENTED = {
    "critico": "crítico", "critica": "crítica",
    "telefono": "teléfono", "telefonico": "telefónico",
    "cortesia": "cortesía", "comunicacion": "comunicación", "comprension": "comprensión",
    "empatia": "empatía", "espanol": "español", "ingles": "inglés",
}

# YAML scalars the loader reads as text when text is expected (it reads the scalar's
# characters, so `owner: 2024` is the text "2024"). An empty value is allowed for optional
# texts only; lists, numbers, yes/no and choices must hold a value when the key is written.
SCALAR = ["string", "number", "integer", "boolean"]


def spellings(canonical: tuple[str, ...], aliases: dict[str, str]) -> list[str]:
    """Every accepted spelling in lower case: canonical values, aliases, aliases with
    accents, and multi-word ones with spaces as well as hyphens (the loader treats them
    alike). Order: canonical first, then aliases as the loader lists them."""
    words: list[str] = []
    for word in list(canonical) + list(aliases):
        for variant in (word, ACCENTED.get(word, word)):
            for form in (variant, variant.replace("-", " ")):
                if form not in words:
                    words.append(form)
    return words


def _choice(canonical: tuple[str, ...], aliases: dict[str, str], description: str) -> dict:
    return {"description": description, "type": "string", "enum": spellings(canonical, aliases)}


def _text(description: str, required: bool = False) -> dict:
    if required:  # present and not blank
        return {"description": description, "type": SCALAR, "pattern": r"\S"}
    return {"description": description, "type": SCALAR + ["null"]}


def _texts(description: str) -> dict:
    """A text or a list of texts."""
    return {"description": description,
            "anyOf": [{"type": SCALAR + ["null"]}, {"type": "array", "items": {"type": SCALAR}}]}


def moment_properties() -> dict[str, dict]:
    return {
        "id": {"$ref": "#/$defs/id", "description": "Unique id of the moment, used in `next`."},
        "name": _text("What happens, as the customer lives it.", required=True),
        "kind": _choice(KINDS, KIND_ALIASES, "critical: the customer judges the service here; routine: expected, rarely noticed."),
        "stage": _text("One of the cycle's `stages`."),
        "channel": _choice(CHANNELS, CHANNEL_ALIASES, "Element of service through which the customer meets the organisation."),
        "carried_by": _choice(CARRIERS, CARRIER_ALIASES, "Who carries the moment (service triangle): people, systems or both."),
        "owner": _text("Who answers for this moment."),
        "standard": _text("The measurable service standard."),
        "recovery": _text("What happens when the moment fails."),
        "dimensions": {
            "description": "Expectations of service this moment serves (SERVQUAL's ten; Spanish names accepted).",
            "type": "array",
            "items": _choice(DIMENSIONS, DIMENSION_ALIASES, "An expectation of service."),
        },
        "expectation": {"description": "Expected level on the cycle's scale.", "type": "number"},
        "score": {"description": "Perceived level on the cycle's scale (report card).", "type": "number"},
        "responses": {"description": "How many ratings the score rests on.", "type": "integer", "minimum": 0},
        "feedback": {"description": "true: this moment collects complaints or ratings.", "type": "boolean"},
        "volume": {"description": "Customers a month through this moment (for detours; customers at risk).",
                   "type": "integer", "minimum": 0},
        "notes": _text("Free text."),
        "evidence": _texts("Blueprint: physical evidence the customer sees or touches here."),
        "onstage": _texts("Blueprint: visible contact actions of the staff (onstage)."),
        "backstage": _texts("Blueprint: invisible contact actions (backstage)."),
        "support": _texts("Blueprint: support processes behind the moment."),
        "ignore": {
            "description": "Rule codes to silence on this moment, like CM102.",
            "type": "array",
            "items": {"type": "string", "pattern": r"^\s*[Cc][Mm][0-9]{3}\s*$"},
        },
        "next": {
            "description": "Where the customer goes next (default: the following moment).",
            "type": "array",
            "items": {"anyOf": [{"$ref": "#/$defs/id"}, {"$ref": "#/$defs/branch"}]},
        },
    }


def branch_properties() -> dict[str, dict]:
    return {
        "to": {"$ref": "#/$defs/id", "description": "The moment this branch leads to."},
        "when": _text("The condition, as text (a labelled branch)."),
    }


def cycle_properties() -> dict[str, dict]:
    return {
        "cyclemap": {"description": "Format version.", "const": FORMAT_VERSION},
        "title": _text("What this cycle is.", required=True),
        "customer": _text("Whose cycle it is."),
        "language": _choice(LANGUAGES, LANGUAGE_ALIASES, "Language of labels, critique and handout."),
        "scale": {
            "description": "Rating scale [low, high] of expectation and score; default [1, 5].",
            "type": "array",
            "items": {"type": "number"}, "minItems": 2, "maxItems": 2,
        },
        "stages": {
            "description": "Ordered stages; moments may name one.",
            "type": "array",
            "items": _text("A stage.", required=True),
            "uniqueItems": True,
        },
        "closed": {"description": "true (default): the last moment leads back to the first.", "type": "boolean"},
        "volume": {"description": "Customers a month through the cycle (customers at risk).", "type": "integer",
                   "minimum": 0},
        "moments": {
            "description": "The moments of truth, in the customer's order.",
            "type": "array",
            "items": {"$ref": "#/$defs/moment"},
        },
    }


def _object(properties: dict[str, dict], keys: tuple[str, ...], required: list[str], title: str) -> dict:
    # The key order is the loader's, so documentation and completion read like the format.
    missing = set(keys) ^ set(properties)
    if missing:  # a key added to the loader without a schema (or the reverse) fails loudly
        raise AssertionError(f"schema and loader keys differ: {sorted(missing)}")
    return {
        "title": title,
        "type": "object",
        "properties": {key: properties[key] for key in keys},
        "required": required,
        "additionalProperties": False,
    }


# Editors show descriptions on hover: the Spanish text of each English one.
SPANISH = {
    "Unique id of the moment, used in `next`.": "Id único del momento, usado en `next`.",
    "What happens, as the customer lives it.": "Lo que ocurre, tal como lo vive el cliente.",
    "critical: the customer judges the service here; routine: expected, rarely noticed.":
        "critical (crítico): aquí el cliente juzga el servicio; routine (rutina): esperado, casi no se nota.",
    "One of the cycle's `stages`.": "Una de las etapas (`stages`) del ciclo.",
    "Element of service through which the customer meets the organisation.":
        "Elemento del servicio por el que el cliente se encuentra con la organización.",
    "Who carries the moment (service triangle): people, systems or both.":
        "Quién sostiene el momento (triángulo del servicio): personas, sistemas o ambos.",
    "Who answers for this moment.": "Quién responde por este momento.",
    "The measurable service standard.": "El estándar de servicio medible.",
    "What happens when the moment fails.": "Qué se hace cuando el momento falla.",
    "Expectations of service this moment serves (SERVQUAL's ten; Spanish names accepted).":
        "Expectativas del servicio que atiende este momento (las diez de SERVQUAL; se aceptan nombres en español).",
    "An expectation of service.": "Una expectativa del servicio.",
    "Expected level on the cycle's scale.": "Nivel esperado en la escala del ciclo.",
    "Perceived level on the cycle's scale (report card).": "Nivel percibido en la escala del ciclo (libreta de calificaciones).",
    "How many ratings the score rests on.": "Cuántas calificaciones sostienen la puntuación.",
    "true: this moment collects complaints or ratings.": "true: este momento recoge quejas o calificaciones.",
    "Customers a month through this moment (for detours; customers at risk).":
        "Clientes al mes que pasan por este momento (para los desvíos; clientes en riesgo).",
    "Customers a month through the cycle (customers at risk).": "Clientes al mes que recorren el ciclo (clientes en riesgo).",
    "Free text.": "Texto libre.",
    "Blueprint: physical evidence the customer sees or touches here.":
        "Plano de servicio: evidencia física que el cliente ve o toca aquí.",
    "Blueprint: visible contact actions of the staff (onstage).":
        "Plano de servicio: acciones visibles del personal en contacto (escenario).",
    "Blueprint: invisible contact actions (backstage).":
        "Plano de servicio: acciones de contacto invisibles (tras bambalinas).",
    "Blueprint: support processes behind the moment.": "Plano de servicio: procesos de apoyo detrás del momento.",
    "Rule codes to silence on this moment, like CM102.": "Códigos de regla que se silencian en este momento, como CM102.",
    "Where the customer goes next (default: the following moment).":
        "Adónde va el cliente después (por defecto: el momento siguiente).",
    "The moment this branch leads to.": "El momento al que lleva esta rama.",
    "The condition, as text (a labelled branch).": "La condición, como texto (una rama con etiqueta).",
    "Format version.": "Versión del formato.",
    "What this cycle is.": "De qué trata este ciclo.",
    "Whose cycle it is.": "De quién es el ciclo (el cliente).",
    "Language of labels, critique and handout.": "Idioma de etiquetas, crítica y material de taller.",
    "Rating scale [low, high] of expectation and score; default [1, 5].":
        "Escala [mínimo, máximo] de expectativa y puntuación; por defecto [1, 5].",
    "Ordered stages; moments may name one.": "Etapas en orden; cada momento puede nombrar una.",
    "A stage.": "Una etapa.",
    "true (default): the last moment leads back to the first.": "true (por defecto): el último momento vuelve al primero.",
    "The moments of truth, in the customer's order.": "Los momentos de verdad, en el orden del cliente.",
    f"cyclemap cycle of service, format {FORMAT_VERSION}": f"Ciclo del servicio de cyclemap, formato {FORMAT_VERSION}",
    "A cycle of service (moments of truth) as cyclemap reads it. Generated by `cyclemap schema`; "
    "`cyclemap check` is the full check.":
        "Un ciclo del servicio (momentos de verdad) tal como lo lee cyclemap. Generado por `cyclemap schema`; "
        "`cyclemap check` es la comprobación completa.",
    "Cycle": "Ciclo", "Moment": "Momento", "Branch": "Rama",
}


def _translate(node: object, lang: str) -> object:
    if lang != "es":
        return node
    if isinstance(node, dict):
        return {k: (SPANISH[v] if k in ("description", "title") and isinstance(v, str) else _translate(v, lang))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_translate(v, lang) for v in node]
    return node


# Where the schema is published (the committed copies in schema/, kept equal to this
# output by tests/test_editors.py): editors and SchemaStore refer to it by this address.
SCHEMA_BASE = "https://raw.githubusercontent.com/cyclemap/cyclemap/main/schema/"


def schema_id(lang: str = "en") -> str:
    return f"{SCHEMA_BASE}cyclemap-{FORMAT_VERSION}{'' if lang == 'en' else '.' + lang}.schema.json"


def cycle_schema(lang: str = "en") -> dict:
    """The whole schema, as a dict ready for `json.dumps`; descriptions in `lang`."""
    schema = _translate(_english_schema(), lang)
    return {"$schema": DRAFT, "$id": schema_id(lang), **schema}  # type: ignore[return-value]


def _english_schema() -> dict:
    return {
        "$schema": DRAFT,
        **_object(cycle_properties(), CYCLE_KEYS, ["cyclemap", "title", "moments"], "Cycle"),
        "title": f"cyclemap cycle of service, format {FORMAT_VERSION}",
        "description": "A cycle of service (moments of truth) as cyclemap reads it. "
                       "Generated by `cyclemap schema`; `cyclemap check` is the full check.",
        "$defs": {
            # `id: 12` is read as the text "12", so plain numbers and yes/no are ids too.
            "id": {"anyOf": [{"type": "string", "pattern": ID_PATTERN.pattern},
                             {"type": "integer"}, {"type": "boolean"}]},
            "moment": _object(moment_properties(), MOMENT_KEYS, ["id", "name", "kind"], "Moment"),
            "branch": _object(branch_properties(), BRANCH_KEYS, ["to"], "Branch"),
        },
    }


def schema_json(lang: str = "en") -> str:
    import json

    return json.dumps(cycle_schema(lang), ensure_ascii=False, indent=2) + "\n"
