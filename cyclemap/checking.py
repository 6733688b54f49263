"""The work of `cyclemap check`, without the command-line framework: find the files,
analyse each, print the report, and say which exit code that makes.

`cyclemap.cli.check_cmd` (the Typer command) and `cyclemap.launcher` (the fast start-up
path, which never imports Typer) both call `run_check`, so the two ways in cannot
behave differently; `tests/test_hardening.py` runs both and compares what they print.
"""

from __future__ import annotations

from cyclemap.usage import EXIT_FINDINGS, EXIT_OK, UsageError, check_lang, check_choice

FAIL_ON = ("error", "warning", "info", "never")


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
    "--output": "output", "-o": "output", "--baseline": "baseline",
    "--select": "select", "--ignore": "ignore", "--config": "config", "--ratings": "ratings",
}
LIST_OPTIONS = {"--exclude": "exclude"}  # repeatable
FLAG_OPTIONS = {"--debug": "debug"}


def run_check(paths: list[str], fmt: str = "text", fail_on: str = "error", output: str | None = None,
              exclude: list[str] | None = None, baseline: str | None = None, select: str | None = None,
              ignore: str | None = None, config: str | None = None, ratings: str | None = None,
              lang: str | None = None) -> int:
    """Check the files, deliver the report (stdout or --output), and return the exit code.
    Raises UsageError for a bad option value, path, output or settings file."""
    from cyclemap.analysis import analyse_file
    from cyclemap.files import analyse_all, collect_files
    from cyclemap.report import FORMATS
    from cyclemap.report.deliver import check_output, emit
    from cyclemap.usage import check_ratings, config_finder, settings_for

    lang = check_lang(lang)
    check_choice("--format", fmt, FORMATS)
    check_choice("--fail-on", fail_on, FAIL_ON)
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
    return exit_code(results, fail_on)
