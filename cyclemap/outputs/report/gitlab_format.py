"""GitLab Code Quality: a JSON list of findings that GitLab shows in the merge request
widget and on the changed lines (`artifacts: reports: codequality:`).

    [{"description": "CM004 `turno` leads to `asesora`, which is not a moment…",
      "check_name": "CM004", "fingerprint": "3f1c…", "severity": "critical",
      "location": {"path": "cycles/banco.yaml", "lines": {"begin": 38}}}]

- `fingerprint` is the finding's identity (rule, moment, subject: never its wording,
  numbers or line) plus the file's path, hashed, so GitLab sees the same finding as the
  same issue across commits and a moved line is not "fixed + new". Two findings with the
  same identity in one file get an occurrence number, so fingerprints are unique.
- `severity`: a file that does not read or validate (CM001, CM002) is `critical` (nothing
  else in it can be checked), other errors `major`, warnings `minor`, notes `info`.
- `location.path` is relative to the working folder (run from the repository root).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from cyclemap.format.diagnostics import Diagnostic, Severity, one_line
from cyclemap.format.i18n import _
from cyclemap.outputs.report import Summary
from cyclemap.outputs.report.github_format import workspace_path

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

UNREADABLE = ("CM001", "CM002")
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
HINT = _("hint")


def severity(d: Diagnostic) -> str:
    if d.severity is Severity.ERROR and d.code in UNREADABLE:
        return "critical"
    return SEVERITIES[d.severity]


def fingerprint(path: str, d: Diagnostic, occurrence: int = 0) -> str:
    key = "\x1f".join((path, *d.identity) + ((str(occurrence),) if occurrence else ()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def as_data(results: list[CheckedCycle]) -> list[dict]:
    issues: list[dict] = []
    for result in results:
        lang = result.lang
        seen: dict[tuple, int] = {}
        for d in result.diagnostics:
            path = workspace_path(d.path)
            occurrence = seen.get((path, *d.identity), 0)
            seen[(path, *d.identity)] = occurrence + 1
            description = f"{d.code} {one_line(d.message(lang))}"
            if d.hint is not None:
                description += f" ({HINT(lang)}: {one_line(d.hint(lang))})"
            issues.append({
                "type": "issue",
                "description": description,
                "check_name": d.code,
                "fingerprint": fingerprint(path, d, occurrence),
                "severity": severity(d),
                "categories": ["Bug Risk"] if d.severity is Severity.ERROR else ["Style"],
                "location": {"path": path, "lines": {"begin": max(1, d.pos.line)}},
            })
    return issues


def render(results: list[CheckedCycle], summary: Summary, lang_override: str | None = None) -> str:
    return json.dumps(as_data(results), ensure_ascii=False, indent=2) + "\n"
