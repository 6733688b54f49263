"""The command line: options in, exit codes out. Each command lives in its own module
here and imports the heavy parts (networkx, graphviz, rich) only when it runs."""

from __future__ import annotations

import typer

from cyclemap import __version__
from cyclemap.cli.common import h

app = typer.Typer(
    name="cyclemap",
    help=h(
        "Map a cycle of service (its moments of truth) as a YAML file, then check it, "
        "criticise it, draw it and hand it out.\n\n"
        "Start with:  cyclemap check examples/  ·  cyclemap critique examples/banco.yaml",
        "Describa un ciclo de servicio (sus momentos de verdad) en un archivo YAML y luego "
        "compruébelo, critíquelo, dibújelo y repártalo.\n\n"
        "Empiece con:  cyclemap check examples/  ·  cyclemap critique examples/banco.yaml",
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"cyclemap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help=h("Show the version and exit.", "Muestra la versión y termina.")),
) -> None:
    pass


# Importing a command module registers its command on `app`.
from cyclemap.cli import (  # noqa: E402,F401
    check_cmd, critique_cmd, deck_cmd, diff_cmd, export_cmd, handout_cmd, init_cmd, render_cmd, rules_cmd,
    schema_cmd,
)


def main() -> None:
    app()
