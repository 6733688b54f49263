"""The command frame: the application every command registers on, and (below) what every
command shares from the command line to the exit code."""

from __future__ import annotations

import typer

from cyclemap import __version__
from cyclemap.cli.common import CyclemapApp, CyclemapGroup, h

app = CyclemapApp(
    name="cyclemap",
    help=h(
        "Map a cycle of service (its moments of truth) as a YAML file, then check it, "
        "criticise it, draw it and hand it out.\n\n"
        "Start with:  cyclemap check examples/  ·  cyclemap critique examples/banco.yaml"
    ),
    cls=CyclemapGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and errors in one style (common.CyclemapCommand)
    add_completion=True,  # --install-completion / --show-completion (Typer's own)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"cyclemap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help=h("Show the version and exit.")),
) -> None:
    pass

