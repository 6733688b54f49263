"""Plain text, one diagnostic per line, as compilers and linters print them:

    path:line:col: CODE severity message
        hint: what to do
"""

from __future__ import annotations

from cyclemap.format.diagnostics import one_line
from cyclemap.format.i18n import _
from cyclemap.outputs.report import SEVERITY_WORDS, Summary, run_lang
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

# TRANSLATORS: the label before a finding's hint: "    hint: give the moment an owner"
HINT = _("hint")


def render(results: list[CheckedCycle], summary: Summary, lang_override: str | None = None,
           quiet: bool = False) -> str:
    """`quiet`: the finding lines only. Severity words, the hint label and the summary are
    in the run's one language (`run_lang`); each message and hint in its file's."""
    words = run_lang(results, lang_override)
    lines: list[str] = []
    for result in results:
        lang = result.lang
        for d in result.diagnostics:
            # one_line: a moment's name quoted in a message may hold a newline or U+202E
            lines.append(f"{one_line(d.path)}:{d.pos.line}:{d.pos.col}: {d.code} "
                         f"{SEVERITY_WORDS[d.severity](words)} {one_line(d.message(lang))}")
            if d.hint is not None and not quiet:
                lines.append(f"    {HINT(words)}: {one_line(d.hint(lang))}")
    if not quiet:
        lines.append(summary.line()(words))
    return "".join(line + "\n" for line in lines)
