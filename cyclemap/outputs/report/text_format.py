"""Plain text, one diagnostic per line, as compilers and linters print them:

    path:line:col: CODE severity message
        hint: what to do
"""

from __future__ import annotations

from cyclemap.format.diagnostics import Text, one_line
from cyclemap.outputs.report import SEVERITY_WORDS, Summary
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

HINT = Text("hint", "sugerencia")


def render(results: list[CheckedCycle], summary: Summary, lang_override: str | None = None) -> str:
    lines: list[str] = []
    for result in results:
        lang = result.lang
        for d in result.diagnostics:
            # one_line: a moment's name quoted in a message may hold a newline or U+202E
            lines.append(f"{one_line(d.path)}:{d.pos.line}:{d.pos.col}: {d.code} "
                         f"{SEVERITY_WORDS[d.severity](lang)} {one_line(d.message(lang))}")
            if d.hint is not None:
                lines.append(f"    {HINT(lang)}: {one_line(d.hint(lang))}")
    lang = lang_override or (results[0].lang if len(results) == 1 else "en")
    lines.append(summary.line()(lang))
    return "\n".join(lines) + "\n"
