"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

    ::error file=cycles/banco.yaml,line=12,col=5,title=CM003::the id `a` is already used…

Errors are `::error`, warnings `::warning`, infos `::notice`. GitHub reads these lines from
a step's output; no token or upload needed. Values are escaped as the runner expects:
`%`, CR and LF everywhere, and also `:` and `,` inside properties.
"""

from __future__ import annotations

import os

from cyclemap.format.diagnostics import one_line, Severity
from cyclemap.format.i18n import _
from cyclemap.outputs.report import Summary
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
HINT = _("hint")


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{command} {props}::{escape_data(message)}"


def workspace_path(path: str) -> str:
    """GitHub matches annotations to files by path from the repository root (the working
    folder of the step): relative when the file is inside it, forward slashes always."""
    relative = os.path.relpath(os.path.abspath(path))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        relative = os.path.abspath(path)
    return relative.replace(os.sep, "/")


def render(results: list[CheckedCycle], summary: Summary, lang_override: str | None = None) -> str:
    lines: list[str] = []
    for result in results:
        lang = result.lang
        for d in result.diagnostics:
            # Bidi and control characters from the cycle file are shown as escapes, so a
            # moment's name cannot disguise the annotation in the pull request.
            message = one_line(d.message(lang))
            if d.hint is not None:
                message += f"\n{HINT(lang)}: {one_line(d.hint(lang))}"
            lines.append(annotation(COMMANDS[d.severity], message, file=one_line(workspace_path(d.path)),
                                    line=d.pos.line, col=d.pos.col, title=d.code))
    return "".join(line + "\n" for line in lines)
