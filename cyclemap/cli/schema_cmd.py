"""`cyclemap schema [-o FILE]`: print or write the JSON Schema of the cycle format."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from cyclemap.cli.frame import app
from cyclemap.cli.common import DebugOption, LangOption, check_lang, guarded, h, help_lang
from cyclemap.format.i18n import _


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
    """`cyclemap schema` (its help is the `help=` above, translated)."""
    from cyclemap.cli.deliver import check_output, write_report
    from cyclemap.format.schema import schema_json

    text = schema_json(check_lang(lang) or "en")
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    check_output(output, [])
    write_report(output, text)
    sys.stderr.write(_("schema written to {path}").format(path=output)(help_lang()) + "\n")
