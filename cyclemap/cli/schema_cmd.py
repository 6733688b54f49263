"""`cyclemap schema [-o FILE]`: print or write the JSON Schema of the cycle format."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from cyclemap.cli.deliver import Output
from cyclemap.cli.frame import app
from cyclemap.cli.common import DebugOption, LangOption, check_lang, guarded, h, help_lang
from cyclemap.format.diagnostics import shown
from cyclemap.format.i18n import _
from cyclemap.format.schema import schema_json


@app.command("schema", help=h(
    "The JSON Schema (draft 2020-12) of cycle format 1, for editors and other tools.\n\n"
    "Wire it to yaml-language-server (VS Code's YAML extension, Neovim, Helix…) with a first line in the cycle file:\n\n"
    "    # yaml-language-server: $schema=./cyclemap.schema.json\n\n"
    "Examples:\n\n"
    "    cyclemap schema -o cyclemap.schema.json\n\n"
    "    cyclemap schema | jq '.properties | keys'"))
@guarded
def schema(
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write the schema to FILE instead of printing it."))] = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap schema`: reads nothing, writes the format's JSON Schema."""
    target = Output(output)
    target.check()
    target.write(schema_json(check_lang(lang) or "en"))
    if not target.to_stdout:
        sys.stderr.write(_("schema written to {path}").format(path=shown(output))(help_lang()) + "\n")
