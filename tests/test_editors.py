"""Editors: the schema names itself (`$id`), the published copies in schema/ are what
`cyclemap schema` prints, and docs/editors.md points at them."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")


@pytest.mark.parametrize("lang, name", [("en", "cyclemap-1.schema.json"), ("es", "cyclemap-1.es.schema.json"),
                                        ("pt", "cyclemap-1.pt.schema.json")])
def test_published_schema_is_current_and_names_its_address(cli, lang, name):
    run = cli("schema", "--lang", lang)
    assert run.code == 0
    printed = json.loads(run.out)
    assert printed["$id"].endswith(f"/schema/{name}") and printed["$id"].startswith("https://")
    committed = ROOT / "schema" / name
    assert json.loads(committed.read_text(encoding="utf-8")) == printed, (
        f"schema/{name} is stale: run `python -m cyclemap schema --lang {lang} -o schema/{name}`")
    jsonschema.Draft202012Validator.check_schema(printed)


def test_editors_doc_uses_the_published_address(cli):
    doc = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    schema_id = json.loads(cli("schema").out)["$id"]
    assert f"# yaml-language-server: $schema={schema_id}" in doc
    settings = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))
    assert schema_id in settings["yaml.schemas"]
