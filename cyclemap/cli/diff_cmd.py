"""`cyclemap diff OLD NEW`: what changed between two versions of a cycle."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cyclemap.cli.frame import Frame, app, check_cycle_file
from cyclemap.cli.common import (
    EXIT_FINDINGS, EXIT_OK, ConfigOption, DebugOption, IgnoreOption, LangOption, SelectOption, UsageError,
    check_choice, guarded, h,
)
from cyclemap.format.diagnostics import Severity, shown
from cyclemap.format.i18n import _, decide_language
from cyclemap.format.settings import ConfigError

FAIL_ON_NEW = ("error", "warning", "info", "never")


@app.command("diff", help=h(
    "Compare two versions of a cycle: moments added, removed, changed; findings new and fixed.\n\n"
    "Changes are shown field by field (kind, owner, standard, score and expectation with their deltas…). Findings are matched by code, moment and message, not by line.\n\n"
    "Examples:\n\n"
    "    git show main:cycles/banco.yaml > /tmp/banco-main.yaml\n\n"
    "    cyclemap diff /tmp/banco-main.yaml cycles/banco.yaml\n\n"
    "    cyclemap diff old.yaml new.yaml --format markdown -o comment.md --fail-on-new warning"))
@guarded
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", show_default=False, help=h(
        "The earlier version of the cycle file."))],
    new: Annotated[str, typer.Argument(metavar="NEW", show_default=False, help=h(
        "The later version."))],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="text|json|markdown", help=h(
        "Output format (markdown: for a pull-request comment)."))] = "text",
    fail_on_new: Annotated[str, typer.Option("--fail-on-new", metavar="error|warning|info|never", help=h(
        "Exit with 1 when a new finding is at least this severe (default: never)."))] = "never",
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE", help=h(
        "Write the diff to FILE."))] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """`cyclemap diff`: reads two versions of a cycle, writes what changed between them."""
    from cyclemap.engine.diff import diff_results  # here: ~7 ms of every start-up otherwise
    from cyclemap.outputs.report.diff_format import DIFF_FORMATS, render

    check_choice("--format", fmt, DIFF_FORMATS)
    check_choice("--fail-on-new", fail_on_new, FAIL_ON_NEW)
    check_cycle_file(old)
    run = Frame.resolve(new, output, select=select, ignore=ignore, config=config, lang=lang, also_reads=(old,))
    # Both versions are judged by the same rules: the settings that apply to NEW (OLD is
    # often a copy in a temporary folder, e.g. from `git show`). A version that cannot be
    # read is a usage error, never a diff that calls all its findings "fixed".
    results = []
    for path in (old, new):
        try:
            results.append(run.pipeline.check(path, settings_of=new))
        except ConfigError as exc:
            raise UsageError(exc.text)
        except OSError as exc:
            raise UsageError(_("{path}: cannot read ({reason})").format(path=shown(path), reason=exc.strerror or exc))
    before, after = results
    result = diff_results(before, after)
    if not after.loaded:
        # NEW does not read: its findings are unknown, so none of OLD's counts as fixed,
        # and the exit says something is wrong (never 0; docs/security.md, "Inputs").
        result.fixed_findings = []
    run.output.write(render(fmt, result, decide_language(run.pipeline.lang, [after.lang])))
    worst = result.worst_new()
    failed = fail_on_new != "never" and worst is not None and worst.rank >= Severity(fail_on_new).rank
    raise typer.Exit(EXIT_FINDINGS if failed or not after.loaded else EXIT_OK)
