"""Where a command's product goes (`Output`: stdout, a file, a device or a pipe, one rule
for every command), and a check's report with its summary line and `--baseline`.

The rule for the summary line of `check`: the text format ends with it; whenever stdout holds a
machine format (json, sarif, github, junit) or the report goes to a file, the summary
goes to stderr, so stdout stays pure JSON/SARIF/XML for pipes.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from typing import Callable

from cyclemap.cli.usage import UsageError
from cyclemap.format.diagnostics import shown
from cyclemap.format.i18n import Verbatim, _
from cyclemap.outputs.atomic import OutputError, check_output as check_file_output, same_file, write_atomic
from cyclemap.outputs.report import MACHINE_FORMATS, Summary, render, run_lang


class Output:
    """Where a command's product goes, by one rule for every command (docs/security.md,
    "Outputs"):

    - None or `-`: stdout (text as text, bytes as bytes);
    - an existing character device or FIFO (/dev/null, /dev/stdout, a shell's `>(...)`):
      written into, never renamed over; a FIFO nobody reads is refused, not waited on;
    - anything else: a regular file, replaced atomically and keeping its mode, never one
      of `inputs` (the cycle, ratings, settings, baseline); a folder, a dangling link or
      a name ending in `/` is refused before any work (exit 2). `exclusive`: never
      replace an existing file (`init` without --force).

    `report`: the product is a text report (a file that does not load is then reported
    in its place)."""

    def __init__(self, path: str | None, inputs=(), *, report: bool = False, exclusive: bool = False):
        self.path = path
        self.inputs = [i for i in inputs if i is not None]
        self.report = report
        self.exclusive = exclusive

    @property
    def to_stdout(self) -> bool:
        return self.path is None or self.path == "-"

    def check(self) -> None:
        """Refuse a target that can never be written, before any work."""
        if not self.to_stdout:
            check_output(self.path, self.inputs)

    def write(self, data: str | bytes) -> None:
        if self.to_stdout:
            if isinstance(data, bytes):
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data)
            sys.stdout.flush()
        elif is_stream(self.path) and not self.exclusive:
            _write_stream(self.path, data)
        else:
            write_atomic(self.path, data, inputs=self.inputs, exclusive=self.exclusive)


def is_stream(output: str) -> bool:
    """`-` (stdout), or an existing character device or pipe such as /dev/null, /dev/stdout
    or a shell's `>(...)`: a report is written *into* it, never renamed over it (that would
    replace the device itself). Block devices, sockets and the rest are refused later by
    the atomic writer (exit 2)."""
    if output == "-":
        return True
    try:
        mode = os.stat(output).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_output(output: str | None, inputs: list[str]) -> None:
    """Refuse, before any work, an output that would overwrite an input, is not a regular
    file or has no folder (`cyclemap.outputs.atomic` decides; here its refusal becomes a
    usage error, exit 2). `inputs`: every file the command reads (cycles, ratings,
    settings, baseline)."""
    if output is None or output == "-":
        return
    if is_stream(output):
        for source in inputs:  # /dev/stdin as input and /dev/stdout as output may be one pipe
            if source is not None and os.path.exists(source) and same_file(output, source):
                raise UsageError(_("{path}: the output would overwrite the input file").format(path=shown(output)))
        return
    try:
        check_file_output(output, [i for i in inputs if i is not None])
    except OutputError as exc:
        raise UsageError(exc.text) from None


def _write_stream(output: str, text: str | bytes) -> None:
    """Into a device or pipe; a pipe nobody reads is an error, not a wait forever."""
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
    try:
        mode = os.stat(output).st_mode
        if stat.S_ISFIFO(mode):
            fd = os.open(output, flags | os.O_NONBLOCK)
            os.set_blocking(fd, True)
        else:
            fd = os.open(output, flags)
    except OSError as exc:
        reason = _("nothing reads from this pipe") if exc.errno == errno.ENXIO else Verbatim(str(exc.strerror))
        raise UsageError(_("{path}: cannot write ({reason})").format(path=shown(output), reason=reason)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape"))
    except OSError as exc:
        raise UsageError(_("{path}: cannot write ({reason})").format(path=shown(output), reason=exc.strerror)) from None


def write_report(output: str, text: str, inputs: list[str] | None = None) -> None:
    """The report into `output` (`Output.write`); a write failure is a usage error (exit 2)."""
    Output(output, inputs or []).write(text)


def emit(results: list, fmt: str, lang: str | None, fail_on: str, *, output: str | None = None,
         baseline: str | None = None, analyse: Callable | None = None, inputs: list[str] | None = None,
         quiet: bool = False, color: bool = False, fold: Callable | None = None) -> list:
    """Render and deliver the report; return the results that count for the exit code
    (those not already in the baseline). `quiet`: the findings only (no hints, no summary).
    `fold`: applied to each file's findings after the baseline (which counts every finding,
    in every format, before lines that say the same thing are joined)."""
    if output == "-":
        output = None
    dropped = 0
    if baseline is not None:
        results, dropped = _apply_baseline(results, baseline, analyse)
    if fold is not None:
        for result in results:
            result.diagnostics = fold(result.diagnostics)
    summary = Summary.of(results, baseline=dropped)
    report = render(fmt, results, lang, summary=summary, fail_on=fail_on, quiet=quiet or None,
                    color=color and output is None)
    line = summary.line()(run_lang(results, lang))
    if output is None:
        sys.stdout.write(report)
        if fmt in MACHINE_FORMATS and not quiet:
            sys.stderr.write(line + "\n")
        return results
    write_report(output, report, inputs)
    if quiet:
        return results
    wrote = _("report written to {path}").format(path=shown(output))
    sys.stderr.write(f"{line}; {wrote(run_lang(results, lang))}\n")
    return results


def _apply_baseline(results: list, baseline: str, analyse: Callable | None) -> tuple[list, int]:
    # Here, not at the top: only --baseline needs it, and it costs every start-up ~15 ms.
    from cyclemap.engine.diff import BaselineError, apply_baseline, load_baseline

    if os.path.isdir(baseline):
        raise UsageError(_("--baseline {path} is a folder; give a cycle file or a JSON report").format(path=shown(baseline)))
    if not os.path.isfile(baseline):
        raise UsageError(_("--baseline {path}: no such file").format(path=shown(baseline)))
    # One rule with `diff`: an old cycle file is judged by the settings of the NEW file it
    # is compared with (never by its own folder's), so an identical copy elsewhere adds
    # nothing. Files under different settings each get the old file judged by theirs.
    groups: list[tuple[object, list[int]]] = []  # (settings, indexes of the results under them)
    for i, result in enumerate(results):
        for settings, members in groups:
            if settings == result.settings:
                members.append(i)
                break
        else:
            groups.append((result.settings, [i]))
    kept: list = list(results)
    dropped = 0
    for _settings, members in groups or [(None, [])]:
        new = results[members[0]].path if members else None

        def judge(path: str, new: str | None = new):
            return analyse(path, settings_of=new) if new is not None else analyse(path)

        try:
            known = load_baseline(baseline, judge)
        except OSError as exc:
            raise UsageError(_("--baseline {path}: cannot read ({reason})").format(path=shown(baseline),
                                                                                reason=exc.strerror or exc))
        except BaselineError as exc:
            raise UsageError(_("--baseline {path}: {reason}").format(path=shown(baseline), reason=exc.text))
        if known.everywhere is None:  # a JSON report: its findings were judged when it was written
            return apply_baseline(results, known)
        part, n = apply_baseline([results[i] for i in members], known)
        for i, result in zip(members, part):
            kept[i] = result
        dropped += n
    return kept, dropped
