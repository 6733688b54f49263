"""Formatters: turn check results (data) into text for people or machines.

Each formatter is a module with `render(results, summary, lang) -> str`; none knows
anything about individual rules. A formatter may take more keyword options (`rules`, the
codes that ran; `fail_on`, the threshold): `render()` passes only those it declares.
"""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import Computed, Text, _, _n, _p, decide_language
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    warnings: int
    infos: int
    baseline: int = 0  # findings left out because a --baseline already had them
    follow_on: int = 0  # findings folded under the one that probably causes them (not counted above)

    @classmethod
    def of(cls, results: list[CheckedCycle], baseline: int = 0) -> "Summary":
        return cls(
            files=len(results),
            errors=sum(r.count(Severity.ERROR) for r in results),
            warnings=sum(r.count(Severity.WARNING) for r in results),
            infos=sum(r.count(Severity.INFO) for r in results),
            baseline=baseline,
            follow_on=sum(len(d.follow_on) for r in results for d in r.diagnostics),
        )

    def line(self) -> Text:
        """`1 file checked: 0 errors, 13 warnings, 1 info`, in any language."""
        # TRANSLATORS: the summary line: "1 file checked: 0 errors, 13 warnings, 1 info"
        line = _("{files}: {errors}, {warnings}, {infos}").format(
            files=_n("{n} file checked", "{n} files checked", self.files),
            errors=_n("{n} error", "{n} errors", self.errors),
            warnings=_n("{n} warning", "{n} warnings", self.warnings),
            infos=_n("{n} info", "{n} info", self.infos),
        )
        notes = []
        if self.follow_on:
            notes.append(_n("and {n} follow-on finding shown under its cause",
                            "and {n} follow-on findings shown under their causes", self.follow_on))
        if self.baseline:
            notes.append(_n("{n} finding already in the baseline, not shown",
                            "{n} findings already in the baseline, not shown", self.baseline))
        if notes:
            return Computed(lambda lang: f"{line(lang)} ({'; '.join(note(lang) for note in notes)})")
        return line


# One word per severity, everywhere (reports, handouts, `cyclemap rules`).
SEVERITY_WORDS = {
    Severity.ERROR: _p("severity word", "error"),
    Severity.WARNING: _p("severity word", "warning"),
    Severity.INFO: _p("severity word", "info"),
}


def run_lang(results: list[CheckedCycle], lang_override: str | None = None) -> str:
    """The one language of a run's own words (severity words, labels, the summary line):
    --lang, else the language every checked file shares, else English. Each finding's
    message stays in its file's language."""
    return decide_language(lang_override, [r.lang for r in results])


FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")
# Formats for machines: stdout holds only the report, the summary line goes to stderr.
MACHINE_FORMATS = ("json", "sarif", "github", "gitlab", "junit")


def render(fmt: str, results: list[CheckedCycle], lang_override: str | None = None,
           summary: Summary | None = None, **options: object) -> str:
    import importlib
    import inspect

    module = importlib.import_module(f"cyclemap.outputs.report.{fmt}_format")
    results = [_printable(r) for r in results]
    accepted = inspect.signature(module.render).parameters
    extra = {k: v for k, v in options.items() if k in accepted and v is not None}
    return module.render(results, summary or Summary.of(results), lang_override, **extra)


def _has_undecodable(path: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in path)


def _printable(result: CheckedCycle) -> CheckedCycle:
    """A result whose file name holds bytes that are not UTF-8 (a non-UTF-8 file name on
    POSIX) gets a name every format can write: those bytes as `\\xNN`, nothing else
    changed (JSON, SARIF and JUnit stay valid UTF-8; docs/security.md, "Terminal")."""
    if not _has_undecodable(result.path):
        return result
    import copy
    from dataclasses import replace

    from cyclemap.format.diagnostics import one_line

    def name(path: str) -> str:
        return "".join(one_line(c) if "\udc80" <= c <= "\udcff" else c for c in path)

    shown = copy.copy(result)
    shown.path = name(result.path)
    shown.diagnostics = [replace(d, path=name(d.path)) for d in result.diagnostics]
    return shown
