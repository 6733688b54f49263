"""The work of `cyclemap check`, without the command-line framework: find the files,
analyse each, print the report, and say which exit code that makes.

`cyclemap.cli.check_cmd` (the Typer command) and `cyclemap.launcher` (the fast start-up
path, which never imports Typer) both call `run_check`, so the two ways in cannot
behave differently; `tests/test_hardening.py` runs both and compares what they print.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cyclemap.usage import EXIT_FINDINGS, EXIT_OK, UsageError, check_lang

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


# The options of `check` that the fast start-up path may parse itself, by spelling, as
# run_check keywords; anything else sends the call to Typer. Keep in step with the
# Typer command (cli/check_cmd.py) — tests/test_hardening.py compares the two.
VALUE_OPTIONS = {
    "--format": "fmt", "-f": "fmt", "--fail-on": "fail_on", "--lang": "lang",
    "--select": "select", "--ignore": "ignore", "--config": "config", "--ratings": "ratings",
}
FLAG_OPTIONS = {"--debug": "debug"}


def run_check(paths: list[str], fmt: str = "text", fail_on: str = "error", select: str | None = None,
              ignore: str | None = None, config: str | None = None, ratings: str | None = None,
              lang: str | None = None) -> int:
    """Check the files, write the report to stdout, and return the exit code.
    Raises UsageError for a bad option value, path or settings file."""
    from cyclemap.analysis import analyse_file
    from cyclemap.report import FORMATS, render
    from cyclemap.usage import check_ratings, config_finder, settings_for

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
    return exit_code(results, fail_on)
