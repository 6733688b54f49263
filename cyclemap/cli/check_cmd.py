"""`cyclemap check PATH...`: validate and critique files and folders (the CI face)."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from cyclemap.cli import app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SelectOption,
    UsageError, check_lang, check_ratings, config_finder, guarded, h, settings_for,
)
from cyclemap.files import collect_files  # noqa: F401  (kept importable from here)

FAIL_ON = ("error", "warning", "info", "never")


def exit_code(results, fail_on: str) -> int:
    from cyclemap.diagnostics import Severity

    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    worst = max((d.severity.rank for r in results for d in r.diagnostics), default=0)
    return EXIT_FINDINGS if worst >= threshold else EXIT_OK


@app.command("check")
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
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write the report to FILE (the terminal still gets the summary line).",
        "Escribe el informe en FILE (la terminal recibe igualmente la línea de resumen)."))] = None,
    exclude: Annotated[Optional[List[str]], typer.Option("--exclude", metavar="PATTERN", help=h(
        "Leave out paths matching this pattern (file, folder or glob; repeatable).",
        "Deja fuera las rutas que coinciden con este patrón (archivo, carpeta o glob; repetible)."))] = None,
    baseline: Annotated[Optional[str], typer.Option("--baseline", metavar="OLD_FILE_OR_REPORT", help=h(
        "Only findings not already in this older cycle file or JSON report count.",
        "Solo cuentan los hallazgos que no estén ya en este ciclo anterior o informe JSON."))] = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Check cycle files: structure errors and weak points, as `path:line:col: CODE severity message`.

    Examples:

        cyclemap check examples/banco.yaml

        cyclemap check cycles/ --fail-on warning

        cyclemap check cycles/ --format json > report.json

        cyclemap check banco.yaml --ratings encuesta.csv --ignore CM112

        cyclemap check "cycles/**/*.yaml" --format sarif -o cyclemap.sarif

        cyclemap check cycles/ --baseline report-main.json --fail-on warning
    """
    from cyclemap.analysis import analyse_file
    from cyclemap.report import FORMATS

    lang = check_lang(lang)
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}",
                         f"--format debe ser uno de {', '.join(FORMATS)}, no {fmt!r}")
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}",
                         f"--fail-on debe ser uno de {', '.join(FAIL_ON)}, no {fail_on!r}")
    from cyclemap.files import analyse_all
    from cyclemap.report.deliver import check_output, emit

    finder = config_finder(config, select, ignore)
    ratings = check_ratings(ratings)
    files = collect_files(paths, exclude)
    if ratings is not None and len(files) > 1:
        raise UsageError("--ratings applies to one cycle file; check the others separately",
                         "--ratings se aplica a un solo archivo de ciclo; revise los demás por separado")
    check_output(output, files)

    def analyse(file: str):
        return analyse_file(file, settings_for(finder, file), lang=lang, ratings=ratings)

    results = emit(analyse_all(files, analyse), fmt, lang, fail_on, output=output,
                   baseline=baseline, analyse=analyse, config=settings_for(finder, files[0]) if files else None)
    raise typer.Exit(exit_code(results, fail_on))
