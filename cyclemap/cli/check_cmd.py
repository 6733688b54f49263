"""`cyclemap check PATH...`: validate and critique files and folders (the CI face)."""

from __future__ import annotations

import time
from typing import Annotated, List, Optional

import typer

from cyclemap.cli.frame import app
from cyclemap.cli.usage import EXIT_FINDINGS, EXIT_OK, UsageError, check_choice, use_color
from cyclemap.format.i18n import _
from cyclemap.cli.common import (
    ColorOption, ConfigOption, DebugOption, ExcludeOption, IgnoreOption, LangOption, RatingsOption, SegmentOption, SelectOption,
    guarded, h,
)


@app.command("check", help=h(
    "Check cycle files: structure errors and weak points, as `path:line:col: CODE severity message`.\n\n"
    "Examples:\n\n"
    "    cyclemap check examples/banco.yaml\n\n"
    "    cyclemap check cycles/ --fail-on warning\n\n"
    "    cyclemap check cycles/ --format json > report.json\n\n"
    "    cyclemap check \"cycles/**/*.yaml\" --format sarif -o cyclemap.sarif\n\n"
    "    cyclemap check cycles/ --baseline report-main.json --fail-on warning\n\n"
    "    cyclemap check banco.yaml --ratings encuesta.csv --ignore CM112"))
@guarded
def check(
    paths: Annotated[List[str], typer.Argument(metavar="PATH...", show_default=False, help=h(
        "Cycle files, folders to search for *.yaml / *.yml, glob patterns (`cycles/**/*.yaml`), or - for stdin."))],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|json|sarif|github|gitlab|junit", help=h(
        "Output format."))] = "text",
    fail_on: Annotated[str, typer.Option("--fail-on", metavar="error|warning|info|never", help=h(
        "Exit with 1 when a finding is at least this severe."))] = "error",
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write the report to FILE (the terminal still gets the summary line)."))] = None,
    exclude: ExcludeOption = None,
    baseline: Annotated[Optional[str], typer.Option("--baseline", metavar="OLD_FILE_OR_REPORT", help=h(
        "Only findings not already in this older cycle file or JSON report count."))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=h(
        "Print only the findings: no hints, no summary line."))] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help=h(
        "Also say, on stderr, which files were checked, with which settings file and rules, and how long it took."))] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    preview: Annotated[bool, typer.Option("--preview", help=h(
        "Also run the preview rules: new rules a later release will turn on by default (`preview: true` in the settings does the same)."))] = False,
    config: ConfigOption = None,
    ratings: RatingsOption = None,
    segment: SegmentOption = None,
    lang: LangOption = None,
    color: ColorOption = "auto",
    debug: DebugOption = False,
) -> None:
    """`cyclemap check`: reads cycle files and folders, writes their findings."""
    if quiet and verbose:
        raise UsageError(_("--quiet and --verbose do not go together; choose one"))
    raise typer.Exit(run_check(paths, fmt=fmt, fail_on=fail_on, output=output, exclude=exclude,
                               baseline=baseline, select=select, ignore=ignore, config=config,
                               ratings=ratings, segment=segment, lang=lang, quiet=quiet, verbose=verbose,
                               preview=preview, color=use_color(color)))


FAIL_ON = ("error", "warning", "info", "never")


def exit_code(results, fail_on: str) -> int:
    from cyclemap.format.diagnostics import Severity

    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    worst = max((d.severity.rank for r in results for d in r.diagnostics), default=0)
    return EXIT_FINDINGS if worst >= threshold else EXIT_OK


def run_check(paths: list[str], fmt: str = "text", fail_on: str = "error", output: str | None = None,
              exclude: list[str] | None = None, baseline: str | None = None, select: str | list[str] | None = None,
              ignore: str | list[str] | None = None, config: str | None = None, ratings: str | None = None,
              segment: str | None = None, lang: str | None = None, quiet: bool = False, verbose: bool = False,
              preview: bool = False, color: bool = False) -> int:
    """Check the files, deliver the report (stdout or --output), and return the exit code.
    Raises UsageError for a bad option value, path, output or settings file."""
    from cyclemap.cli.files import collect_files
    from cyclemap.cli.frame import judging as make_pipeline  # with a progress line while it reads --ratings
    from cyclemap.format.settings import ConfigError
    from cyclemap.outputs.report import FORMATS
    from cyclemap.cli.deliver import check_output, emit

    check_choice("--format", fmt, FORMATS)
    check_choice("--fail-on", fail_on, FAIL_ON)
    pipeline = make_pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings, segment=segment,
                             preview=preview)
    files = collect_files(paths, exclude)
    pipeline.set_roots(paths)  # links (`supported_by`) stay inside what was given, without a .git
    if ratings is not None and len(files) > 1:
        raise UsageError(_("--ratings applies to one cycle file; check the others separately"))
    data = None
    if "-" in files:  # the cycle on stdin, read once, shown as <stdin>
        from cyclemap.cli.usage import STDIN_NAME, read_stdin

        data = {STDIN_NAME: read_stdin()}
        files = [STDIN_NAME if f == "-" else f for f in files]
    # Every file this run reads — cycles, ratings, settings files, the baseline — is
    # protected from the output (docs/security.md, "Outputs").
    inputs = list(dict.fromkeys([i for f in files if f not in (data or {}) for i in pipeline.inputs(f)]
                                + [f for f in (ratings, baseline, config) if f]))
    check_output(output, inputs)
    started = time.perf_counter()
    try:
        # Settings files may leave files out (`exclude:`), like --exclude; quietly, as
        # pre-commit names files one by one.
        from cyclemap.cli.files import excluded_by_settings

        files = [f for f in files if f in (data or {}) or not excluded_by_settings(f, pipeline.settings_for(f))]
        results = pipeline.check_all(files, data=data)
    except ConfigError as exc:
        raise UsageError(exc.text)
    # The lines a person reads: one per thing said about a moment (engine.analysis.FOLDS);
    # machine formats keep every finding with its own code.
    from cyclemap.engine.analysis import fold

    if verbose:
        tell_checked(results, time.perf_counter() - started)
    results = emit(results, fmt, pipeline.lang, fail_on, output=output, baseline=baseline, analyse=pipeline.check,
                   inputs=inputs, quiet=quiet, color=color,
                   fold=fold if fmt == "text" else None)
    return exit_code(results, fail_on)


def tell_checked(results, seconds: float) -> None:
    """--verbose: each file, the settings that judged it and how many rules ran (stderr)."""
    import sys

    from cyclemap.cli.usage import help_lang
    from cyclemap.format.i18n import Number, Verbatim, _n

    lang = help_lang()
    for r in results:
        source = Verbatim(r.settings.source) if r.settings.source else _("defaults (no settings file)")
        line = _("checked {path}: settings {source}, {rules}, {findings}") if r.loaded else \
            _("checked {path} (did not load): settings {source}, {rules}, {findings}")
        sys.stderr.write(line.format(path=r.path, source=source,
                                     rules=_n("{n} rule", "{n} rules", len(r.rules)),
                                     findings=_n("{n} finding", "{n} findings", len(r.diagnostics)))(lang) + "\n")
    sys.stderr.write(_n("{n} file in {ms} ms", "{n} files in {ms} ms", len(results)).format(
        ms=Number(seconds * 1000, 0))(lang) + "\n")
