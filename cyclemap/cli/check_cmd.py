"""`cyclemap check PATH...`: validate and critique files and folders (the CI face).

Only the options live here; the work is `cyclemap.checking.run_check`, which the fast
start-up path (`cyclemap.launcher`) calls too without loading Typer."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from cyclemap.checking import run_check
from cyclemap.cli import app
from cyclemap.cli.common import (
    ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SelectOption, guarded, h,
)


CHECK_HELP_ES = """Comprueba archivos de ciclo: errores de estructura y puntos débiles, como `ruta:línea:col: CÓDIGO severidad mensaje`.

    Ejemplos:

        cyclemap check examples/banco.yaml

        cyclemap check ciclos/ --fail-on warning

        cyclemap check ciclos/ --format json > informe.json

        cyclemap check "ciclos/**/*.yaml" --format sarif -o cyclemap.sarif

        cyclemap check ciclos/ --baseline informe-main.json --fail-on warning

        cyclemap check banco.yaml --ratings encuesta.csv --ignore CM112
    """


@app.command("check", help=h(None, CHECK_HELP_ES))
@guarded
def check(
    paths: Annotated[List[str], typer.Argument(metavar="PATH...", show_default=False, help=h(
        "Cycle files, folders to search for *.yaml / *.yml, or glob patterns (`cycles/**/*.yaml`).",
        "Archivos de ciclo, carpetas donde buscar *.yaml / *.yml, o patrones (`ciclos/**/*.yaml`)."))],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|json|sarif|github|junit", help=h(
        "Output format.", "Formato de salida."))] = "text",
    fail_on: Annotated[str, typer.Option("--fail-on", metavar="error|warning|info|never", help=h(
        "Exit with 1 when a finding is at least this severe.",
        "Sale con 1 cuando un hallazgo es al menos así de grave."))] = "error",
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write the report to FILE (the terminal still gets the summary line).",
        "Escribe el informe en FILE (la terminal recibe igualmente la línea de resumen)."))] = None,
    exclude: Annotated[Optional[List[str]], typer.Option("--exclude", metavar="PATTERN", help=h(
        "Leave out paths matching this pattern (file, folder or glob; repeatable).",
        "Deja fuera las rutas que coinciden con este patrón (archivo, carpeta o glob; repetible)."))] = None,
    baseline: Annotated[Optional[str], typer.Option("--baseline", metavar="OLD_FILE_OR_REPORT", help=h(
        "Only findings not already in this older cycle file or JSON report count.",
        "Solo cuentan los hallazgos que no estén ya en este ciclo anterior o informe JSON."))] = None,
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

        cyclemap check "cycles/**/*.yaml" --format sarif -o cyclemap.sarif

        cyclemap check cycles/ --baseline report-main.json --fail-on warning

        cyclemap check banco.yaml --ratings encuesta.csv --ignore CM112
    """
    raise typer.Exit(run_check(paths, fmt=fmt, fail_on=fail_on, output=output, exclude=exclude,
                               baseline=baseline, select=select, ignore=ignore, config=config,
                               ratings=ratings, lang=lang))
