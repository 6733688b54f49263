"""SARIF 2.1.0, the static-analysis format GitHub code scanning (and other CI tools) read.

One run; `tool.driver` lists every rule of the catalogue with its one-line summary, the
"what it checks" paragraph and the full doc as help (from the rule registry, so the
help people see in the pull request is the text of `cyclemap explain CODE`). Each result
points at `path:line:col`, with the path relative to the working folder (`%SRCROOT%`), so
uploading from the repository root lines the annotations up with the files.

Columns count Unicode characters (`columnKind: unicodeCodePoints`), as the loader does.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from urllib.parse import quote

from cyclemap import __version__
from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import _
from cyclemap.outputs.report import Summary, run_lang
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
# The project's home; the lead sets the published address here.
INFORMATION_URI = "https://github.com/cyclemap/cyclemap"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
HINT = _("Hint")


def artifact_location(path: str, cwd: str) -> dict:
    """A path as SARIF wants it: relative to %SRCROOT% (the working folder) when inside it,
    else an absolute file URI."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, cwd)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(Path(relative).as_posix()), "uriBaseId": SRCROOT}


def fingerprint(d: Diagnostic) -> str:
    """Stable across line moves: the same finding on the same moment keeps its identity,
    so code scanning does not close and reopen alerts when lines shift."""
    key = "\x1f".join(d.identity)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def rule_descriptors(lang: str) -> tuple[list[dict], dict[str, int]]:
    from cyclemap.engine.rules import all_rules

    descriptors: list[dict] = []
    index: dict[str, int] = {}
    for code, rule in all_rules().items():
        index[code] = len(descriptors)
        what = rule.section("what", lang) or rule.summary(lang)
        descriptors.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary(lang)},
            "fullDescription": {"text": what},
            "help": {"text": rule.doc(lang), "markdown": help_markdown(rule, lang)},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"tags": ["cyclemap", "service-cycle"], "severity": rule.severity.value},
        })
    return descriptors, index


def help_markdown(rule, lang: str) -> str:
    """The doc's three sections under their own headings (the text of `cyclemap explain`)."""
    headings = {
        "what": _("What it checks"),
        "why": _("Why it matters"),
        "fix": _("How to fix"),
    }
    parts = [f"**{rule.code} {rule.name}**: {rule.summary(lang)}"]
    for key, heading in headings.items():
        text = rule.section(key, lang)
        if text:
            parts.append(f"### {heading(lang)}\n\n{text}")
    return "\n\n".join(parts)


def as_data(results: list[CheckedCycle], summary: Summary, lang_override: str | None = None) -> dict:
    cwd = os.getcwd()
    lang = run_lang(results, lang_override)  # one language for the run (rule help)
    rules, index = rule_descriptors(lang)
    artifacts: list[dict] = []
    sarif_results: list[dict] = []
    for result in results:
        location = artifact_location(result.path, cwd)
        indexed = {**location, "index": len(artifacts)}
        artifacts.append({"location": location, "mimeType": "application/yaml"})
        sarif_results.extend(result_item(d, indexed, index, result.lang) for d in result.diagnostics)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "cyclemap",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "language": lang,
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": Path(cwd).as_uri().rstrip("/") + "/"}},
            "artifacts": artifacts,
            "results": sarif_results,
            "columnKind": "unicodeCodePoints",
            "language": lang,
            "invocations": [{"executionSuccessful": True}],
            "properties": {"summary": {"files": summary.files, "errors": summary.errors,
                                       "warnings": summary.warnings, "infos": summary.infos,
                                       "baseline": summary.baseline}},
        }],
    }


def _region(location: dict, d) -> dict:
    """Where a finding is: its file (an artifact, by index) and its line and column."""
    return {"artifactLocation": location,
            "region": {"startLine": max(1, d.pos.line), "startColumn": max(1, d.pos.col)}}


def result_item(d, location: dict, index: dict[str, int], lang: str) -> dict:
    """One finding as a SARIF result: its rule, level, message (with the hint), place and
    fingerprint; the findings it probably causes as related locations."""
    text = d.message(lang)
    if d.hint is not None:
        text += f"\n{HINT(lang)}: {d.hint(lang)}"
    item: dict = {
        "ruleId": d.code,
        "level": LEVELS[d.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": _region(location, d)}],
        "partialFingerprints": {"cyclemapFinding/v1": fingerprint(d)},
    }
    if d.code in index:
        item["ruleIndex"] = index[d.code]
    if d.moment:
        item["properties"] = {"moment": d.moment}
    if d.follow_on:  # the findings this one probably causes, at their own places
        item["relatedLocations"] = [{
            "id": n,
            "physicalLocation": _region(location, f),
            "message": {"text": f"{f.code} {f.message(lang)}"},
        } for n, f in enumerate(d.follow_on, 1)]
    return item


def render(results: list[CheckedCycle], summary: Summary, lang_override: str | None = None) -> str:
    return json.dumps(as_data(results, summary, lang_override), ensure_ascii=False, indent=2) + "\n"
