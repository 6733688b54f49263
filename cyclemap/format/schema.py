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
from cyclemap.format.words import CARRIER_ALIASES, CHANNEL_ALIASES, DIMENSION_ALIASES, KIND_ALIASES, LANGUAGE_ALIASES, VOICE_ALIASES
from cyclemap.format.model import CARRIERS, CHANNELS, DIMENSIONS, FORMAT_VERSION, KINDS, LANGUAGES, VOICES
from cyclemap.format.i18n import SOURCE_LANGUAGE, Text, _, _p

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# The loader keeps aliases without accents (it strips them before comparing); editors
# should also accept, and offer, the spelling people actually type.
ACCENTED = {
    "critico": "crítico", "critica": "crítica",
    "telefono": "teléfono", "telefonico": "telefónico",
    "cortesia": "cortesía", "comunicacion": "comunicación", "comprension": "comprensión",
    "empatia": "empatía", "espanol": "español", "ingles": "inglés",
    # Portuguese
    "instalacoes": "instalações", "comunicacao": "comunicação", "seguranca": "segurança",
    "compreensao-do-cliente": "compreensão-do-cliente", "elementos-tangiveis": "elementos-tangíveis",
    "compreensao": "compreensão", "comprension-del-cliente": "comprensión-del-cliente",
    "competencia": "competência", "acessibilidade": "acessibilidade", "aspectos-tangiveis": "aspectos-tangíveis",
    "tangibilidade": "tangibilidade", "empatia-com-o-cliente": "empatia-com-o-cliente",
    "tangiveis": "tangíveis", "portugues": "português", "portugues-do-brasil": "português-do-brasil",
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


def _choice(canonical: tuple[str, ...], aliases: dict[str, str], description: Text) -> dict:
    return {"description": description, "type": "string", "enum": spellings(canonical, aliases)}


def _text(description: Text, required: bool = False) -> dict:
    if required:  # present and not blank
        return {"description": description, "type": SCALAR, "pattern": r"\S"}
    return {"description": description, "type": SCALAR + ["null"]}


def _texts(description: Text) -> dict:
    """A text or a list of texts."""
    return {"description": description,
            "anyOf": [{"type": SCALAR + ["null"]}, {"type": "array", "items": {"type": SCALAR}}]}


def moment_properties() -> dict[str, dict]:
    return {
        "id": {"$ref": "#/$defs/id", "description": _("Unique id of the moment, used in `next`.")},
        "name": _text(_("What happens, as the customer lives it."), required=True),
        "kind": _choice(KINDS, KIND_ALIASES, _("critical: the customer judges the service here; routine: expected, rarely noticed.")),
        "stage": _text(_("One of the cycle's `stages`.")),
        "channel": _choice(CHANNELS, CHANNEL_ALIASES, _("Element of service through which the customer meets the organisation.")),
        "carried_by": _choice(CARRIERS, CARRIER_ALIASES, _("Who carries the moment (service triangle): people, systems or both.")),
        "owner": _text(_("Who answers for this moment.")),
        "standard": _text(_("The measurable service standard.")),
        "recovery": _text(_("What happens when the moment fails.")),
        "dimensions": {
            "description": _("Expectations of service this moment serves (SERVQUAL's ten; Spanish and Portuguese names accepted)."),
            "type": "array",
            "items": _choice(DIMENSIONS, DIMENSION_ALIASES, _("An expectation of service.")),
        },
        "expectation": {"description": _("Expected level on the cycle's scale."), "type": "number"},
        "score": {"description": _("Perceived level on the cycle's scale (report card)."), "type": "number"},
        "responses": {"description": _("How many ratings the score rests on."), "type": "integer", "minimum": 0},
        "feedback": {"description": _("true: this moment collects complaints or ratings."), "type": "boolean"},
        "collects": _choice(VOICES, VOICE_ALIASES, _("Which voice of the customer this moment collects: complaints, "
                                                     "claims, suggestions or survey ratings (implies feedback).")),
        "volume": {"description": _("Customers a month through this moment (for detours; customers at risk)."),
                   "type": "integer", "minimum": 0},
        "notes": _text(_("Free text.")),
        "evidence": _texts(_("Blueprint: physical evidence the customer sees or touches here.")),
        "onstage": _texts(_("Blueprint: visible contact actions of the staff (onstage).")),
        "backstage": _texts(_("Blueprint: invisible contact actions (backstage).")),
        "support": _texts(_("Blueprint: support processes behind the moment.")),
        "supported_by": {
            "description": _("Internal cycles this moment rests on: paths relative to this file, in the same "
                             "repository, optionally with `#moment-id` (`internal/card-issuing.yaml#issue-card`)."),
            "anyOf": [{"$ref": "#/$defs/link"}, {"type": "array", "items": {"$ref": "#/$defs/link"}}],
        },
        "ignore": {
            "description": _("Rule codes to silence on this moment, like CM102."),
            "type": "array",
            "items": {"type": "string", "pattern": r"^\s*[Cc][Mm][0-9]{3}\s*$"},
        },
        "next": {
            "description": _("Where the customer goes next (default: the following moment)."),
            "type": "array",
            "items": {"anyOf": [{"$ref": "#/$defs/id"}, {"$ref": "#/$defs/branch"}]},
        },
    }


def branch_properties() -> dict[str, dict]:
    return {
        "to": {"$ref": "#/$defs/id", "description": _("The moment this branch leads to.")},
        "when": _text(_("The condition, as text (a labelled branch).")),
    }


def cycle_properties() -> dict[str, dict]:
    return {
        "cyclemap": {"description": _("Format version."), "const": FORMAT_VERSION},
        "title": _text(_("What this cycle is."), required=True),
        "customer": _text(_("Whose cycle it is.")),
        "internal": {"description": _("true: the customer is a team of the same organisation (an internal "
                                      "customer); its moments can support other cycles' moments."),
                     "type": "boolean"},
        "language": _choice(LANGUAGES, LANGUAGE_ALIASES, _("Language of labels, critique and handout.")),
        "scale": {
            "description": _("Rating scale [low, high] of expectation and score; default [1, 5]."),
            "type": "array",
            "items": {"type": "number"}, "minItems": 2, "maxItems": 2,
        },
        "stages": {
            "description": _("Ordered stages; moments may name one."),
            "type": "array",
            "items": _text(_("A stage."), required=True),
            "uniqueItems": True,
        },
        "closed": {"description": _("true (default): the last moment leads back to the first."), "type": "boolean"},
        "volume": {"description": _("Customers a month through the cycle (customers at risk)."), "type": "integer",
                   "minimum": 0},
        "customers_can_leave": {"description": _("false: customers cannot simply go elsewhere (a public office, a "
                                                 "utility, a monopoly); default true."), "type": "boolean"},
        "moments": {
            "description": _("The moments of truth, in the customer's order."),
            "type": "array",
            "items": {"$ref": "#/$defs/moment"},
        },
    }


def _object(properties: dict[str, dict], keys: tuple[str, ...], required: list[str], title: Text) -> dict:
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


def _said(node: object, lang: str) -> object:
    """The schema with every description and title (a `Text`) said in `lang`."""
    if isinstance(node, Text):
        return node(lang)
    if isinstance(node, dict):
        return {k: _said(v, lang) for k, v in node.items()}
    if isinstance(node, list):
        return [_said(v, lang) for v in node]
    return node


# Where the schema is published (the committed copies in schema/, kept equal to this
# output by tests/test_editors.py): editors and SchemaStore refer to it by this address.
SCHEMA_BASE = "https://raw.githubusercontent.com/cyclemap/cyclemap/main/schema/"


def schema_id(lang: str = SOURCE_LANGUAGE) -> str:
    return f"{SCHEMA_BASE}cyclemap-{FORMAT_VERSION}{'' if lang == SOURCE_LANGUAGE else '.' + lang}.schema.json"


def cycle_schema(lang: str = "en") -> dict:
    """The whole schema, as a dict ready for `json.dumps`; descriptions in `lang`."""
    schema = _said(_schema(), lang)
    return {"$schema": DRAFT, "$id": schema_id(lang), **schema}  # type: ignore[return-value]


def _schema() -> dict:
    """The schema, its descriptions and titles as `Text` (said per language by `_said`)."""
    return {
        "$schema": DRAFT,
        **_object(cycle_properties(), CYCLE_KEYS, ["cyclemap", "title", "moments"], _p("JSON schema title", "Cycle")),
        "title": _("cyclemap cycle of service, format {version}").format(version=FORMAT_VERSION),
        "description": _("A cycle of service (moments of truth) as cyclemap reads it. "
                         "Generated by `cyclemap schema`; `cyclemap check` is the full check."),
        "$defs": {
            # `id: 12` is read as the text "12", so plain numbers and yes/no are ids too.
            "id": {"anyOf": [{"type": "string", "pattern": ID_PATTERN.pattern},
                             {"type": "integer"}, {"type": "boolean"}]},
            # A link to an internal cycle: `path.yaml`, `path.yaml#moment-id` or `#moment-id`.
            "link": {"type": "string", "pattern": r"^[^#\s][^#]*(#[a-z0-9_-]+)?$|^#[a-z0-9_-]+$"},
            "moment": _object(moment_properties(), MOMENT_KEYS, ["id", "name", "kind"], _p("JSON schema title", "Moment")),
            "branch": _object(branch_properties(), BRANCH_KEYS, ["to"], _p("JSON schema title", "Branch")),
        },
    }


def schema_json(lang: str = "en") -> str:
    import json

    return json.dumps(cycle_schema(lang), ensure_ascii=False, indent=2) + "\n"
