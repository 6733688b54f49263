"""`cyclemap check PATH...`: validate and critique files and folders (the CI face)."""

from __future__ import annotations

from typing import Annotated, List

import typer

from cyclemap.cli import app
from cyclemap.cli.common import DebugOption, LangOption, guarded, h

# The work itself lives in cyclemap.checking (shared with the fast start-up path).
from cyclemap.checking import CYCLE_SUFFIXES, FAIL_ON, collect_files, exit_code, run_check  # noqa: E402,F401


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
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Check cycle files: structure errors and weak points, as `path:line:col: CODE severity message`.

    Examples:

        cyclemap check examples/banco.yaml

        cyclemap check cycles/ --fail-on warning

        cyclemap check cycles/ --format json > report.json
    """
    raise typer.Exit(run_check(paths, fmt, fail_on, lang))
