"""JSON for tools. The shape is stable (documented in README, "JSON output"):

{"cyclemap": "<tool version>", "format": 1,
 "files": [{"path", "loaded", "title", "language",
            "diagnostics": [{"code", "severity", "line", "column", "message", "hint", "moment", "subject",
                             "follow_on": [the findings this one probably causes, the same keys]}]}],
 "summary": {"files", "errors", "warnings", "infos"}}

Messages are in the file's language (or `--lang`); codes, severities and keys never change.
"""

from __future__ import annotations

import json

from cyclemap import __version__
from cyclemap.outputs.report import Summary
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

JSON_FORMAT_VERSION = 1


def as_data(results: list[CheckedCycle], summary: Summary) -> dict:
    files = []
    for result in results:
        lang = result.lang
        files.append({
            "path": result.path,
            "loaded": result.loaded,
            "title": getattr(result.cycle, "title", None),
            "language": lang,
            "diagnostics": [_diagnostic(d, lang) for d in result.diagnostics],
        })
    return {
        "cyclemap": __version__,
        "format": JSON_FORMAT_VERSION,
        "files": files,
        "summary": {"files": summary.files, "errors": summary.errors, "warnings": summary.warnings, "infos": summary.infos},
    }


def _diagnostic(d, lang: str) -> dict:
    return {
        "code": d.code,
        "severity": d.severity.value,
        "line": d.pos.line,
        "column": d.pos.col,
        "message": d.message(lang),
        "hint": d.hint(lang) if d.hint else None,
        "moment": d.moment,
        "subject": d.subject,
        "follow_on": [_diagnostic(f, lang) for f in d.follow_on],
    }


def render(results: list[CheckedCycle], summary: Summary, lang_override: str | None = None) -> str:
    return json.dumps(as_data(results, summary), ensure_ascii=False, indent=2) + "\n"
