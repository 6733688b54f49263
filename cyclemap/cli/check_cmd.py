"""`cyclemap check PATH...`: validate and critique files and folders (the CI face)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from cyclemap.cli import app
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, IgnoreOption, LangOption, RatingsOption, SelectOption,
    UsageError, check_lang, check_ratings, config_finder, guarded, h, settings_for,
)

CYCLE_SUFFIXES = (".yaml", ".yml")
FAIL_ON = ("error", "warning", "info", "never")


def collect_files(paths: list[str]) -> list[str]:
    """Files as given, folders searched for *.yaml/*.yml (hidden files and folders
    skipped), in a stable order. A missing path or an empty folder is a usage error."""
    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                str(p) for p in path.rglob("*")
                if p.suffix in CYCLE_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise UsageError(f"no cycle files (*.yaml, *.yml) in {raw}",
                                 f"no hay archivos de ciclo (*.yaml, *.yml) en {raw}")
            files.extend(found)
        elif path.is_file():
            files.append(str(path))
        elif path.exists():
            raise UsageError(f"{raw} is not a file or folder", f"{raw} no es un archivo ni una carpeta")
        else:
            raise UsageError(f"{raw}: no such file or folder", f"{raw}: no existe el archivo o la carpeta")
    seen: set[str] = set()
    return [f for f in files if not (f in seen or seen.add(f))]


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
    from cyclemap.analysis import analyse_file
    from cyclemap.report import FORMATS, render

    lang = check_lang(lang)
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}",
                         f"--format debe ser uno de {', '.join(FORMATS)}, no {fmt!r}")
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}",
                         f"--fail-on debe ser uno de {', '.join(FAIL_ON)}, no {fail_on!r}")
    finder = config_finder(config, select, ignore)
    ratings = check_ratings(ratings)
    files = collect_files(paths)
    if ratings is not None and len(files) > 1:
        raise UsageError("--ratings applies to one cycle file; check the others separately",
                         "--ratings se aplica a un solo archivo de ciclo; revise los demás por separado")
    results = []
    for file in files:
        try:
            results.append(analyse_file(file, settings_for(finder, file), lang=lang, ratings=ratings))
        except OSError as exc:
            raise UsageError(f"{file}: cannot read ({exc.strerror})", f"{file}: no se puede leer ({exc.strerror})")
    sys.stdout.write(render(fmt, results, lang))
    raise typer.Exit(exit_code(results, fail_on))
