"""`cyclemap schema [-o FILE]`: print or write the JSON Schema of the cycle format."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from cyclemap.cli import app
from cyclemap.cli.common import DebugOption, UsageError, guarded, h


@app.command("schema")
@guarded
def schema(
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write the schema to FILE instead of printing it.",
        "Escribe el esquema en FILE en lugar de mostrarlo."))] = None,
    debug: DebugOption = False,
) -> None:
    """The JSON Schema (draft 2020-12) of cycle format 1, for editors and other tools.

    Wire it to yaml-language-server (VS Code's YAML extension, Neovim, Helix…) with a
    first line in the cycle file:

        # yaml-language-server: $schema=./cyclemap.schema.json

    Examples:

        cyclemap schema -o cyclemap.schema.json

        cyclemap schema | jq '.properties | keys'
    """
    import os

    from cyclemap.report import write_atomic
    from cyclemap.schema import schema_json

    text = schema_json()
    if output is None:
        sys.stdout.write(text)
        return
    folder = os.path.dirname(os.path.abspath(output))
    if os.path.isdir(output) or not os.path.isdir(folder):
        raise UsageError(f"cannot write {output}: not a file in an existing folder",
                         f"no se puede escribir {output}: no es un archivo en una carpeta existente")
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}",
                         f"no se puede escribir {output}: {exc.strerror or exc}")
    sys.stderr.write(h(f"schema written to {output}\n", f"esquema escrito en {output}\n"))
