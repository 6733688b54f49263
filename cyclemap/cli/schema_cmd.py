"""`cyclemap schema [-o FILE]`: print or write the JSON Schema of the cycle format."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from cyclemap.cli import app
from cyclemap.cli.common import DebugOption, LangOption, check_lang, guarded, h


SCHEMA_HELP_ES = """El JSON Schema (draft 2020-12) del formato 1 de ciclos, para editores y otras herramientas.

    Conéctelo a yaml-language-server (extensión YAML de VS Code, Neovim, Helix…) con una primera línea en el archivo del ciclo:

        # yaml-language-server: $schema=./cyclemap.schema.json

    Ejemplos:

        cyclemap schema -o cyclemap.schema.json

        cyclemap schema | jq '.properties | keys'
    """


@app.command("schema", help=h(None, SCHEMA_HELP_ES))
@guarded
def schema(
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write the schema to FILE instead of printing it.",
        "Escribe el esquema en FILE en lugar de mostrarlo."))] = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """The JSON Schema (draft 2020-12) of cycle format 1, for editors and other tools.

    Wire it to yaml-language-server (VS Code's YAML extension, Neovim, Helix…) with a first line in the cycle file:

        # yaml-language-server: $schema=./cyclemap.schema.json

    Examples:

        cyclemap schema -o cyclemap.schema.json

        cyclemap schema | jq '.properties | keys'
    """
    from cyclemap.outputs.report.deliver import check_output, write_report
    from cyclemap.format.schema import schema_json

    text = schema_json(check_lang(lang) or "en")
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    check_output(output, [])
    write_report(output, text)
    sys.stderr.write(h(f"schema written to {output}\n", f"esquema escrito en {output}\n"))
