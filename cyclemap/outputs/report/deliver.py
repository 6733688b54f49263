"""Where a check's report goes: stdout or `--output FILE` (written atomically), with the
summary line on the terminal in every case, and `--baseline` findings left out.

The rule for the summary line: the text format ends with it; whenever stdout holds a
machine format (json, sarif, github, junit) or the report goes to a file, the summary
goes to stderr, so stdout stays pure JSON/SARIF/XML for pipes.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

from cyclemap.cli.files import UsageError


def is_stream(output: str) -> bool:
    """`-` (stdout), or an existing device or pipe such as /dev/null or /dev/stdout: written
    straight through. Renaming a temp file over those would replace the device itself."""
    if output == "-":
        return True
    target = os.path.realpath(output)
    return os.path.exists(target) and not os.path.isfile(target) and not os.path.isdir(target)


def check_output(output: str | None, inputs: list[str]) -> None:
    """Refuse, before any work, an output that would overwrite an input or has no folder
    (`cyclemap.outputs.atomic` decides; here its refusal becomes a usage error, exit 2)."""
    if output is None or is_stream(output):
        return
    from cyclemap.outputs.atomic import OutputError, check_output as check

    try:
        check(output, inputs)
    except OutputError as exc:
        raise UsageError(exc.text.en, exc.text.es) from None


def write_report(output: str, text: str) -> None:
    """The report into `output`, atomically; a write failure is a usage error (exit 2)."""
    from cyclemap.outputs.atomic import OutputError, write_atomic

    if output == "-":
        sys.stdout.write(text)
        return
    if is_stream(output):
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise UsageError(f"{output}: cannot write ({exc.strerror})",
                             f"{output}: no se puede escribir ({exc.strerror})") from None
        return
    try:
        write_atomic(output, text)
    except OutputError as exc:
        raise UsageError(exc.text.en, exc.text.es) from None


def summary_lang(results, lang: str | None) -> str:
    from cyclemap.outputs.report import run_lang

    return run_lang(results, lang)


def emit(results: list, fmt: str, lang: str | None, fail_on: str, *, output: str | None = None,
         baseline: str | None = None, analyse: Callable | None = None, quiet: bool = False) -> list:
    """Render and deliver the report; return the results that count for the exit code
    (those not already in the baseline). `quiet`: the findings only (no hints, no summary)."""
    from cyclemap.outputs.report import MACHINE_FORMATS, Summary, render

    if output == "-":
        output = None
    dropped = 0
    if baseline is not None:
        results, dropped = _apply_baseline(results, baseline, analyse)
    summary = Summary.of(results, baseline=dropped)
    report = render(fmt, results, lang, summary=summary, fail_on=fail_on, quiet=quiet or None)
    line = summary.line()(summary_lang(results, lang))
    if output is None:
        sys.stdout.write(report)
        if fmt in MACHINE_FORMATS and not quiet:
            sys.stderr.write(line + "\n")
        return results
    write_report(output, report)
    if quiet:
        return results
    from cyclemap.format.diagnostics import Text

    wrote = Text(f"report written to {output}", f"informe escrito en {output}")
    sys.stderr.write(f"{line}; {wrote(summary_lang(results, lang))}\n")
    return results


def _apply_baseline(results: list, baseline: str, analyse: Callable | None) -> tuple[list, int]:
    from cyclemap.engine.diff import BaselineError, apply_baseline, load_baseline

    if os.path.isdir(baseline):
        raise UsageError(f"--baseline {baseline} is a folder; give a cycle file or a JSON report",
                         f"--baseline {baseline} es una carpeta; indique un archivo de ciclo o un informe JSON")
    if not os.path.isfile(baseline):
        raise UsageError(f"--baseline {baseline}: no such file", f"--baseline {baseline}: no existe el archivo")
    try:
        known = load_baseline(baseline, analyse)
    except OSError as exc:
        raise UsageError(f"--baseline {baseline}: cannot read ({exc.strerror or exc})",
                         f"--baseline {baseline}: no se puede leer ({exc.strerror or exc})")
    except BaselineError as exc:
        raise UsageError(f"--baseline {baseline}: {exc}", f"--baseline {baseline}: no es un informe JSON de cyclemap ({exc})")
    return apply_baseline(results, known)
