"""Plain text, one diagnostic per line, as compilers and linters print them:

    path:line:col: CODE severity message
        hint: what to do
        probably caused by this (fix it first, then check again):
          path:line:col: CODE severity message
"""

from __future__ import annotations

from cyclemap.format.diagnostics import Severity, one_line
from cyclemap.format.i18n import _
from cyclemap.outputs.report import SEVERITY_WORDS, Summary, run_lang
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

# TRANSLATORS: the label before a finding's hint: "    hint: give the moment an owner"
HINT = _("hint")
# Said before the findings folded under the one that probably causes them.
FOLLOW_ON = _("probably caused by this (fix it first, then check again):")


# Colours of a finding line, as in the critique: the severity word by severity, the code bold,
# the place and the hint dim (ANSI; only when the command line says colour, `--color`).
COLOURS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def render(results: list[CheckedCycle], summary: Summary, lang_override: str | None = None,
           quiet: bool = False, color: bool = False) -> str:
    """`quiet`: the finding lines only. Severity words, the hint label and the summary are
    in the run's one language (`run_lang`); each message and hint in its file's. `color`:
    ANSI colours (a terminal that asked for them)."""
    words = run_lang(results, lang_override)
    lines: list[str] = []
    for result in results:
        lang = result.lang
        for d in result.diagnostics:
            lines.append(_finding(d, lang, words, color))
            if d.hint is not None and not quiet:
                hint = f"    {HINT(words)}: {one_line(d.hint(lang))}"
                lines.append(f"{DIM}{hint}{RESET}" if color else hint)
            if d.follow_on:
                lines.append(f"    {FOLLOW_ON(words)}")
                lines += ["      " + _finding(f, lang, words, color) for f in d.follow_on]
    if not quiet:
        lines.append(f"{BOLD}{summary.line()(words)}{RESET}" if color else summary.line()(words))
    return "".join(line + "\n" for line in lines)


def _finding(d, lang: str, words: str, color: bool) -> str:
    # one_line: a moment's name quoted in a message may hold a newline or U+202E
    place = f"{one_line(d.path)}:{d.pos.line}:{d.pos.col}:"
    severity = SEVERITY_WORDS[d.severity](words)
    if color:
        return f"{DIM}{place}{RESET} {BOLD}{d.code}{RESET} {COLOURS[d.severity]}{severity}{RESET} {one_line(d.message(lang))}"
    return f"{place} {d.code} {severity} {one_line(d.message(lang))}"
