"""JUnit XML, the test-report format most CI systems display (GitLab, Jenkins, Azure, …).

One `<testsuite>` per file, one `<testcase>` per (file, rule): a rule that found nothing in
a file is a passing test, a rule whose findings reach `--fail-on` is a `<failure>` listing
them all (`path:line:col: CODE severity message`), findings below the threshold are kept in
the passing test's `<system-out>`. When a file does not load, only the loader's rules ran:
the others are `<skipped>`. So the test report fails exactly when `check` exits with 1.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cyclemap.format.diagnostics import Diagnostic, Severity, one_line
from cyclemap.format.i18n import _
from cyclemap.outputs.report import SEVERITY_WORDS, Summary
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

HINT = _("hint")
NOT_RUN = _("not run: the file did not load")
# Characters XML 1.0 cannot carry at all, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def line_of(d: Diagnostic, lang: str) -> str:
    # one_line: a file name or a moment's name cannot add a line, a bidi override or a
    # terminal command to the CI log that shows this report.
    text = (f"{one_line(d.path)}:{d.pos.line}:{d.pos.col}: {d.code} {SEVERITY_WORDS[d.severity](lang)} "
            f"{one_line(d.message(lang))}")
    if d.hint is not None:
        text += f"\n    {HINT(lang)}: {one_line(d.hint(lang))}"
    return text


def ran_without_a_cycle(rule) -> bool:
    """Whether a rule had its say on a file that did not load: only the loader's own rules
    (CM001, CM002). Rules about a ratings CSV (CM009) are also reported outside the rule
    engine, but the CSV is read against the cycle, so for an unloaded file they never ran."""
    return rule is not None and rule.reported_by_loader and rule.examples_are == "cycle"


def render(results: list[CheckedCycle], summary: Summary, lang_override: str | None = None,
           fail_on: str = "info") -> str:
    from cyclemap.engine.rules import all_rules

    registry = all_rules()
    threshold = None if fail_on == "never" else Severity(fail_on).rank
    root = ET.Element("testsuites", name="cyclemap")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for result in results:
        lang = result.lang
        ran = list(result.rules)  # each file's own settings decide which rules ran on it
        by_code: dict[str, list[Diagnostic]] = {}
        for d in result.diagnostics:
            by_code.setdefault(d.code, []).append(d)
        codes = ran + sorted(c for c in by_code if c not in ran)
        suite = ET.SubElement(root, "testsuite", name=one_line(result.path))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for code in codes:
            rule = registry.get(code)
            name = f"{code} {rule.name}" if rule else code
            case = ET.SubElement(suite, "testcase", name=name, classname=one_line(result.path),
                                 file=one_line(result.path), time="0")
            counts["tests"] += 1
            found = by_code.get(code, [])
            failing = [d for d in found if threshold is not None and d.severity.rank >= threshold]
            if found:
                case.set("line", str(found[0].pos.line))
            if failing:
                counts["failures"] += 1
                worst = max(failing, key=lambda d: d.severity.rank)
                failure = ET.SubElement(case, "failure", message=one_line(failing[0].message(lang)),
                                        type=f"{code} {worst.severity.value}")
                failure.text = clean("\n".join(line_of(d, lang) for d in failing))
                rest = [d for d in found if d not in failing]
            elif not found and not result.loaded and not ran_without_a_cycle(rule):
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=NOT_RUN(lang))
                rest = []
            else:
                rest = found
            if rest:
                ET.SubElement(case, "system-out").text = clean("\n".join(line_of(d, lang) for d in rest))
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
        suite.set("time", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
