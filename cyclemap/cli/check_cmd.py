"""`cyclemap check PATH...`: validate and critique files and folders (the CI face).

Only the options live here; the work is `cyclemap.checking.run_check`, which the fast
start-up path (`cyclemap.launcher`) calls too without loading Typer."""

from __future__ import annotations

from typing import Annotated, List

import typer

from cyclemap.checking import CYCLE_SUFFIXES, FAIL_ON, collect_files, exit_code, run_check  # noqa: F401
from cyclemap.cli import app
from cyclemap.cli.common import (
    ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SelectOption, guarded, h,
)


@app.command("check")
@guarded
def check(
    paths: Annotated[List[str], typer.Argument(metavar="PATH...", show_default=False, help=h(
        "Cycle files, or folders to search for *.yaml / *.yml.",
        "Archivos de ciclo, o carpetas donde buscar *.yaml / *.yml."))],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|json", help=h(
        "Output format.", "Formato de salida."))] = "text",
    fail_on: Annotated[str, typer.Option("--fail-on", metavar="error|warning|info|never", help=h(
        "Exit with 1 when a finding is at least this severe.",
        "Sale con 1 cuando un hallazgo es al menos así de grave."))] = "error",
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Check cycle files: structure errors and weak points, as `path:line:col: CODE severity message`.

    Examples:

        cyclemap check examples/banco.yaml

        cyclemap check cycles/ --fail-on warning

        cyclemap check cycles/ --format json > report.json

        cyclemap check banco.yaml --ratings encuesta.csv --ignore CM112
    """
    raise typer.Exit(run_check(paths, fmt=fmt, fail_on=fail_on, select=select, ignore=ignore,
                               config=config, ratings=ratings, lang=lang))
