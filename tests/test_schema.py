"""`cyclemap schema`: the JSON Schema of format 1 says what the loader says. Every example
validates; a set of bad files is refused by both; key lists and enumerations come from
the loader and the model, so they cannot drift."""

from __future__ import annotations

import json

import pytest
import yaml

from cyclemap.format import model, reader as loader
from support import load_text
from cyclemap.format.words import normalise_word
from cyclemap.format.schema import cycle_schema
from tests.conftest import EXAMPLE_FILES

jsonschema = pytest.importorskip("jsonschema")

BASE = "cyclemap: 1\ntitle: T\nmoments:\n"
M1 = "  - {id: a, name: A, kind: critical}\n"
M2 = "  - {id: b, name: B, kind: routine}\n"

# Each refused by the loader (CM002) and by the schema.
BAD_FILES = {
    "missing cyclemap": "title: T\nmoments:\n" + M1 + M2,
    "missing title": "cyclemap: 1\nmoments:\n" + M1 + M2,
    "missing moments": "cyclemap: 1\ntitle: T\n",
    "version 2": "cyclemap: 2\ntitle: T\nmoments:\n" + M1 + M2,
    "version as text": "cyclemap: '1'\ntitle: T\nmoments:\n" + M1 + M2,
    "unknown top key": BASE + M1 + M2 + "colour: red\n",
    "spanish top key": "cyclemap: 1\ntitulo: T\nmoments:\n" + M1 + M2,
    "empty title": "cyclemap: 1\ntitle: ' '\nmoments:\n" + M1 + M2,
    "moments not a list": BASE.replace("moments:\n", "moments: a\n"),
    "moment missing kind": BASE + "  - {id: a, name: A}\n" + M2,
    "moment missing id": BASE + "  - {name: A, kind: routine}\n" + M2,
    "moment unknown key": BASE + "  - {id: a, name: A, kind: routine, colour: red}\n" + M2,
    "bad kind": BASE + "  - {id: a, name: A, kind: important}\n" + M2,
    "kind yes/no": BASE + "  - {id: a, name: A, kind: yes}\n" + M2,
    "bad channel": BASE + "  - {id: a, name: A, kind: routine, channel: pigeon}\n" + M2,
    "bad carried_by": BASE + "  - {id: a, name: A, kind: routine, carried_by: robots}\n" + M2,
    "bad dimension": BASE + "  - {id: a, name: A, kind: routine, dimensions: [beauty]}\n" + M2,
    "dimensions not a list": BASE + "  - {id: a, name: A, kind: routine, dimensions: access}\n" + M2,
    "id with spaces": BASE + "  - {id: 'a b', name: A, kind: routine}\n" + M2,
    "id upper case": BASE + "  - {id: Llegada, name: A, kind: routine}\n" + M2,
    "score as text": BASE + "  - {id: a, name: A, kind: routine, score: '3.5'}\n" + M2,
    "score yes/no": BASE + "  - {id: a, name: A, kind: routine, score: true}\n" + M2,
    "responses negative": BASE + "  - {id: a, name: A, kind: routine, responses: -3}\n" + M2,
    "responses fraction": BASE + "  - {id: a, name: A, kind: routine, responses: 2.5}\n" + M2,
    "feedback as text": BASE + "  - {id: a, name: A, kind: routine, feedback: often}\n" + M2,
    "closed as text": BASE.replace("moments:", "closed: maybe\nmoments:") + M1 + M2,
    "scale of three": BASE.replace("moments:", "scale: [1, 3, 5]\nmoments:") + M1 + M2,
    "scale of text": BASE.replace("moments:", "scale: [low, high]\nmoments:") + M1 + M2,
    "bad language": BASE.replace("moments:", "language: fr\nmoments:") + M1 + M2,
    "stages repeated": BASE.replace("moments:", "stages: [A, A]\nmoments:") + M1 + M2,
    "ignore not a code": BASE + "  - {id: a, name: A, kind: routine, ignore: [no-owner]}\n" + M2,
    "branch without to": BASE + "  - {id: a, name: A, kind: routine, next: [{when: late}]}\n" + M2,
    "branch unknown key": BASE + "  - {id: a, name: A, kind: routine, next: [{to: b, if: late}]}\n" + M2,
    "next not a list": BASE + "  - {id: a, name: A, kind: routine, next: b}\n" + M2,
    "root is a list": "- cyclemap: 1\n",
}

# Accepted by both: aliases, optional empties, labelled branches, numbers as ids.
GOOD_FILES = {
    "spanish aliases": BASE + "  - {id: a, name: A, kind: crítico, channel: teléfono, carried_by: ambos, "
                              "dimensions: [capacidad de respuesta, empatía, elementos-tangibles]}\n"
                              "  - {id: b, name: B, kind: rutina}\n",
    "english natural": BASE.replace("moments:", "language: english\nmoments:") + M1 + M2,
    "empty optional text": BASE + "  - {id: a, name: A, kind: critical, owner: , notes: }\n" + M2,
    "branch with when": BASE + "  - {id: a, name: A, kind: critical, next: [b, {to: a, when: 'late, again'}]}\n" + M2,
    "ignore lower case": BASE + "  - {id: a, name: A, kind: critical, ignore: [cm003]}\n" + M2,
    "numbers": BASE.replace("moments:", "scale: [0, 10]\nclosed: false\nmoments:")
               + "  - {id: '1', name: A, kind: critical, expectation: 7, score: 6.5, responses: 0, feedback: true}\n" + M2,
    "owner as number": BASE + "  - {id: a, name: A, kind: critical, owner: 2024}\n" + M2,
}


@pytest.fixture(scope="module")
def validator():
    schema = cycle_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_declares_draft_2020_12(validator):
    assert validator.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_example_validates(validator, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_files_are_refused_by_schema_and_loader(validator, name):
    text = BAD_FILES[name]
    assert list(validator.iter_errors(yaml.safe_load(text))), f"schema accepted {name!r}"
    cycle, problems = load_text(text)
    assert cycle is None and problems, f"loader accepted {name!r}"


@pytest.mark.parametrize("name", GOOD_FILES)
def test_good_files_are_accepted_by_schema_and_loader(validator, name):
    text = GOOD_FILES[name]
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(yaml.safe_load(text))]
    assert not errors, errors
    cycle, problems = load_text(text)
    assert cycle is not None, [p.message("en") for p in problems]


def test_key_lists_match_the_loader():
    schema = cycle_schema()
    moment = schema["$defs"]["moment"]
    branch = schema["$defs"]["branch"]
    assert list(schema["properties"]) == list(loader.CYCLE_KEYS)
    assert list(moment["properties"]) == list(loader.MOMENT_KEYS)
    assert list(branch["properties"]) == list(loader.BRANCH_KEYS)
    assert schema["additionalProperties"] is moment["additionalProperties"] is branch["additionalProperties"] is False
    assert schema["required"] == ["cyclemap", "title", "moments"]
    assert moment["required"] == ["id", "name", "kind"]
    assert branch["required"] == ["to"]


@pytest.mark.parametrize("key, canonical, aliases", [
    ("kind", model.KINDS, loader.KIND_ALIASES),
    ("channel", model.CHANNELS, loader.CHANNEL_ALIASES),
    ("carried_by", model.CARRIERS, loader.CARRIER_ALIASES),
    ("dimensions", model.DIMENSIONS, loader.DIMENSION_ALIASES),
    ("language", model.LANGUAGES, loader.LANGUAGE_ALIASES),
])
def test_enumerations_match_the_model_and_the_loader_aliases(key, canonical, aliases):
    schema = cycle_schema()
    where = schema["properties"] if key == "language" else schema["$defs"]["moment"]["properties"]
    prop = where[key]
    enum = prop["items"]["enum"] if key == "dimensions" else prop["enum"]
    # Every value the model knows and every alias the loader takes is offered...
    assert set(canonical) <= set(enum)
    assert {normalise_word(v) for v in enum} == set(canonical) | set(aliases)
    # ...and every spelling the schema offers is one the loader accepts.
    for word in enum:
        assert normalise_word(word) in canonical or normalise_word(word) in aliases, word


def test_schema_command_prints_and_writes(cli, tmp_path):
    run = cli("schema")
    assert run.code == 0
    assert json.loads(run.out) == cycle_schema()
    run = cli("schema", "-o", str(tmp_path / "cyclemap.schema.json"))
    assert run.code == 0 and run.out == ""
    assert json.loads((tmp_path / "cyclemap.schema.json").read_text(encoding="utf-8")) == cycle_schema()
    run = cli("schema", "-o", str(tmp_path / "missing" / "x.json"))
    assert run.code == 2 and "does not exist" in run.err


def test_spanish_schema_is_the_same_schema_with_spanish_descriptions(cli):
    english, spanish = cycle_schema("en"), cycle_schema("es")

    def texts(node, out):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("description", "title") and isinstance(v, str):
                    out.append(v)
                else:
                    texts(v, out)
        elif isinstance(node, list):
            for v in node:
                texts(v, out)
        return out

    def strip(node):
        if isinstance(node, dict):
            # `$id` names the published copy, one per language (tests/test_editors.py)
            return {k: strip(v) for k, v in node.items()
                    if not (k in ("description", "title") and isinstance(v, str)) and k != "$id"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    assert strip(english) == strip(spanish)
    en_texts, es_texts = texts(english, []), texts(spanish, [])
    assert len(en_texts) == len(es_texts) and all(a != b for a, b in zip(en_texts, es_texts))
    run = cli("schema", "--lang", "es")
    assert run.code == 0 and json.loads(run.out) == spanish


def test_portuguese_schema_has_portuguese_descriptions_and_every_language(cli):
    english, portuguese = cycle_schema("en"), cycle_schema("pt")
    assert portuguese["title"] == "Ciclo de serviço do cyclemap, formato 1"
    assert portuguese["$defs"]["moment"]["properties"]["owner"]["description"] == "Quem responde por este momento."
    assert portuguese["$defs"]["moment"]["title"] == "Momento"
    # the same schema otherwise: only descriptions, titles and the address differ
    assert english["properties"]["language"]["enum"] == portuguese["properties"]["language"]["enum"]
    assert {"en", "es", "pt", "português"} <= set(english["properties"]["language"]["enum"])
    run = cli("schema", "--lang", "pt")
    assert run.code == 0 and json.loads(run.out) == portuguese
