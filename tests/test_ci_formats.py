"""The machine formats of `check`: SARIF (against the official 2.1.0 schema), GitHub
workflow commands, JUnit XML (read back by a real JUnit reader)."""

from __future__ import annotations

from cyclemap.engine.pipeline import CheckedCycle
import json
import os
from pathlib import Path

import pytest

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Verbatim
from cyclemap.format.model import Pos
from cyclemap.outputs.report import Summary, render
from cyclemap.engine.rules import all_rules
from tests.conftest import EXAMPLE_FILES, ROOT

jsonschema = pytest.importorskip("jsonschema")

VENDORED_SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
# The published SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) as vendored: its digest,
# so the copy is checked wherever the clone sits (no reference file beside the repository).
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

DUPLICATE = "cyclemap: 1\ntitle: Twins\nmoments:\n  - {id: a, name: A, kind: critical}\n  - {id: a, name: B, kind: routine}\n"
UNKNOWN_NEXT = "cyclemap: 1\ntitle: Lost\nmoments:\n  - {id: a, name: A, kind: critical, next: [zz]}\n  - {id: b, name: B, kind: routine}\n"
NOT_YAML = "cyclemap: 1\ntitle: [unclosed\n"
# The structure rules: a test about formats, not about weak points, checks with these only.
STRUCTURE = "CM001,CM002,CM003,CM004,CM005,CM006,CM007,CM008"


def sarif_validator(schema_path: Path):
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the schema declares draft-04
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def sarif_schema():
    return sarif_validator(VENDORED_SARIF_SCHEMA)


def assert_valid(validator, document: dict) -> None:
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def mixed_results() -> list[CheckedCycle]:
    """One finding of each severity, with text that needs escaping everywhere."""
    path = "cycles/a, b: c%.yaml"
    diags = [
        Diagnostic(path, Pos(3, 5), "CM003", Severity.ERROR, Verbatim("100% wrong, really: yes\nsecond line"),
                   Verbatim("fix it"), "a"),
        Diagnostic(path, Pos(4, 7), "CM004", Severity.WARNING, Verbatim("a warning"), None, "b"),
        Diagnostic(path, Pos(9, 1), "CM008", Severity.INFO, Verbatim("a note\r\nwith CRLF"), None, None),
    ]
    return [CheckedCycle(path, diags, None, "en")]


# -- SARIF ---------------------------------------------------------------------------

def test_vendored_sarif_schema_is_the_published_one():
    import hashlib

    assert hashlib.sha256(VENDORED_SARIF_SCHEMA.read_bytes()).hexdigest() == SARIF_SCHEMA_SHA256
    assert json.loads(VENDORED_SARIF_SCHEMA.read_text(encoding="utf-8"))["title"].startswith("Static Analysis Results")


def test_sarif_schema_really_validates(sarif_schema):
    """The validator must be able to say no: a result without a message, a bad level."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                         "results": [{"ruleId": "CM001", "level": "fatal"}]}]}
    assert list(sarif_schema.iter_errors(bad))


def test_sarif_of_broken_and_valid_files_is_valid(cli, write, tmp_path, sarif_schema):
    write("cycles/dup.yaml", DUPLICATE)
    write("cycles/lost.yaml", UNKNOWN_NEXT)
    write("cycles/broken.yaml", NOT_YAML)
    write("cycles/ok.yaml", EXAMPLE_FILES[0].read_text(encoding="utf-8"))
    run = cli("check", "cycles", "--format", "sarif", cwd=tmp_path)
    assert run.code == 1, run.err
    document = json.loads(run.out)  # stdout is pure SARIF
    assert_valid(sarif_schema, document)
    sarif_run = document["runs"][0]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "cyclemap" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == set(all_rules())
    cm003 = rules["CM003"]
    rule = all_rules()["CM003"]
    assert cm003["shortDescription"]["text"] == rule.summary("en")
    assert cm003["fullDescription"]["text"] == rule.section("what", "en")
    assert rule.section("why", "en") in cm003["help"]["markdown"]
    assert rule.section("fix", "en") in cm003["help"]["markdown"]
    assert cm003["defaultConfiguration"]["level"] == "error"
    # The structure errors are exactly these; the weak-point rules add warnings and notes
    # (to the loaded files only), which must be valid SARIF too.
    errors = [r for r in sarif_run["results"] if r["level"] == "error"]
    by_rule = {r["ruleId"]: r for r in errors}
    assert set(by_rule) == {"CM001", "CM003", "CM004"} and len(errors) == 3
    # The moment the unknown link cuts off (CM005) is shown under its cause, at its own place.
    related = by_rule["CM004"]["relatedLocations"]
    assert [r["message"]["text"].split()[0] for r in related] == ["CM005"]
    as_json = json.loads(cli("check", "cycles/lost.yaml", "--format", "json", cwd=tmp_path).out)
    follow_on = next(d for d in as_json["files"][0]["diagnostics"] if d["code"] == "CM004")["follow_on"]
    assert [(f["code"], f["line"]) for f in follow_on] == [("CM005", related[0]["physicalLocation"]["region"]["startLine"])]
    levels = [r["level"] for r in sarif_run["results"]]
    assert set(levels) <= {"error", "warning", "note"} and "warning" in levels
    broken_index = next(i for i, a in enumerate(sarif_run["artifacts"]) if a["location"]["uri"] == "cycles/broken.yaml")
    assert [r["ruleId"] for r in sarif_run["results"]
            if r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == broken_index] == ["CM001"]
    loc = by_rule["CM003"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "cycles/dup.yaml", "uriBaseId": "%SRCROOT%", "index": 1}
    assert loc["region"] == {"startLine": 5, "startColumn": 10}
    assert by_rule["CM003"]["level"] == "error"
    assert driver["rules"][by_rule["CM003"]["ruleIndex"]]["id"] == "CM003"
    assert by_rule["CM001"]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2  # where the [ opens, never closed
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    warnings, notes = levels.count("warning"), levels.count("note")
    assert "files checked" not in run.out
    assert run.err.strip() == (f"4 files checked: 3 errors, {warnings} warning{'s' * (warnings != 1)}, {notes} info"
                               " (and 1 follow-on finding shown under its cause)")


def test_sarif_levels_escaping_and_spanish_help(sarif_schema):
    document = json.loads(render("sarif", mixed_results(), "es"))
    assert_valid(sarif_schema, document)
    levels = [r["level"] for r in document["runs"][0]["results"]]
    assert levels == ["error", "warning", "note"]
    assert document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "cycles/a%2C%20b%3A%20c%25.yaml"  # `:` escaped too: it must not read as a URI scheme
    rule = all_rules()["CM003"]
    cm003 = document["runs"][0]["tool"]["driver"]["rules"][2]
    assert cm003["shortDescription"]["text"] == rule.summary("es")
    assert "Por qué importa" in cm003["help"]["markdown"]


def test_sarif_of_examples_is_valid_and_clean(cli, sarif_schema):
    run = cli("check", *[str(p.relative_to(ROOT)) for p in EXAMPLE_FILES], "--format", "sarif")
    assert run.code == 0, run.err
    document = json.loads(run.out)
    assert_valid(sarif_schema, document)
    assert len(document["runs"][0]["artifacts"]) == len(EXAMPLE_FILES)


def test_sarif_file_outside_the_working_folder_gets_an_absolute_uri(sarif_schema, tmp_path):
    outside = str(Path(os.sep).resolve() / "elsewhere" / "x.yaml")
    result = CheckedCycle(outside, [Diagnostic(outside, Pos(1, 1), "CM001", Severity.ERROR, Verbatim("bad"))], None, "en")
    document = json.loads(render("sarif", [result]))
    assert_valid(sarif_schema, document)
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"].startswith("file:///") and "uriBaseId" not in location


# -- GitHub workflow commands ---------------------------------------------------------------

def test_github_annotations_escape_properties_and_data():
    out = render("github", mixed_results())
    lines = out.splitlines()
    assert lines == [
        # A line break inside a message comes from the cycle's own text: shown as an escape,
        # as in the text format; the hint still goes on its own line.
        "::error file=cycles/a%2C b%3A c%25.yaml,line=3,col=5,title=CM003::100% wrong, really: yes\\nsecond line%0Ahint: fix it".replace("100%", "100%25"),
        "::warning file=cycles/a%2C b%3A c%25.yaml,line=4,col=7,title=CM004::a warning",
        "::notice file=cycles/a%2C b%3A c%25.yaml,line=9,col=1,title=CM008::a note\\r\\nwith CRLF",
    ]


def test_github_format_from_the_command_line(cli, write, tmp_path):
    write("dup.yaml", DUPLICATE)
    run = cli("check", "dup.yaml", "--format", "github", cwd=tmp_path)
    assert run.code == 1
    # One annotation per finding, in the report's order, at the finding's place and level.
    expected = json.loads(cli("check", "dup.yaml", "--format", "json", cwd=tmp_path).out)["files"][0]["diagnostics"]
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = run.out.splitlines()
    assert [line.split("::", 2)[1] for line in lines] == [
        f"{level[d['severity']]} file=dup.yaml,line={d['line']},col={d['column']},title={d['code']}" for d in expected]
    assert "::error file=dup.yaml,line=5,col=10,title=CM003::the id `a` is already used" in run.out
    assert [line for line in lines if line.startswith("::error")] == [
        line for line in lines if "title=CM003::" in line]  # the only error
    warnings = sum(d["severity"] == "warning" for d in expected)
    assert run.err.strip() == f"1 file checked: 1 error, {warnings} warnings, 0 info"
    # With the structure rules only, the duplicate id is the one annotation.
    only = cli("check", "dup.yaml", "--format", "github", "--select", STRUCTURE, cwd=tmp_path)
    assert only.out.startswith("::error file=dup.yaml,line=5,col=10,title=CM003::the id `a` is already used")
    assert len(only.out.splitlines()) == 1
    assert "1 file checked: 1 error, 0 warnings, 0 info" in only.err


# -- JUnit ---------------------------------------------------------------------------------

def parse_junit(xml_text: str, tmp_path: Path):
    junitparser = pytest.importorskip("junitparser")
    path = tmp_path / "report.xml"
    path.write_text(xml_text, encoding="utf-8")
    return junitparser, junitparser.JUnitXml.fromfile(str(path))


def test_junit_one_case_per_file_and_rule(cli, write, tmp_path):
    write("cycles/dup.yaml", DUPLICATE)
    write("cycles/broken.yaml", NOT_YAML)
    write("cycles/ok.yaml", EXAMPLE_FILES[0].read_text(encoding="utf-8"))
    run = cli("check", "cycles", "--format", "junit", cwd=tmp_path)
    assert run.code == 1, run.err
    assert run.out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    junitparser, xml = parse_junit(run.out, tmp_path)
    suites = {suite.name: suite for suite in xml}
    assert list(suites) == ["cycles/broken.yaml", "cycles/dup.yaml", "cycles/ok.yaml"]
    n_rules = len([r for r in all_rules().values() if not r.retired and not r.preview])  # the rules a default check runs
    for suite in suites.values():
        cases = list(suite)
        assert len(cases) == suite.tests == n_rules
    dup = {case.name.split()[0]: case for case in suites["cycles/dup.yaml"]}
    failed = [code for code, case in dup.items() if not case.is_passed]
    assert failed == ["CM003"]
    failure = dup["CM003"].result[0]
    assert isinstance(failure, junitparser.Failure)
    assert "cycles/dup.yaml:5:10: CM003 error" in failure.text
    assert suites["cycles/dup.yaml"].failures == 1
    broken = {case.name.split()[0]: case for case in suites["cycles/broken.yaml"]}
    assert not broken["CM001"].is_passed and broken["CM002"].is_passed
    assert all(case.is_skipped for code, case in broken.items() if code not in ("CM001", "CM002"))
    assert suites["cycles/ok.yaml"].failures == 0
    assert all(case.is_passed for case in suites["cycles/ok.yaml"])
    assert xml.tests == 3 * n_rules and xml.failures == 2


def test_junit_failures_follow_fail_on(tmp_path):
    from cyclemap.format.settings import Config
    from cyclemap.outputs.report import junit_format

    results = mixed_results()
    for result in results:  # the file's own settings say which rules ran
        result.settings = Config(select=["CM003", "CM004", "CM008"])
    summary = Summary.of(results)
    _, strict = parse_junit(junit_format.render(results, summary, None, fail_on="info"), tmp_path)
    assert [s.failures for s in strict] == [3]
    _, lenient = parse_junit(junit_format.render(results, summary, None, fail_on="error"), tmp_path)
    suite = next(iter(lenient))
    assert suite.failures == 1
    warning_case = [c for c in suite if c.name.startswith("CM004")][0]
    assert warning_case.is_passed and "a warning" in warning_case.system_out


def test_junit_survives_control_characters(tmp_path):
    path = "weird.yaml"
    result = CheckedCycle(path, [Diagnostic(path, Pos(1, 1), "CM001", Severity.ERROR, Verbatim("bad \x00\x1b byte"))], None, "en")
    _, xml = parse_junit(render("junit", [result]), tmp_path)
    case = [c for c in next(iter(xml)) if c.name.startswith("CM001")][0]
    assert "bad" in case.result[0].text


# -- any text survives the escaping (property tests) ----------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def runner_unescape(value: str) -> str:
    """What the Actions runner does with an escaped value (the percent sign last)."""
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


@given(st.text())
def test_github_escaping_round_trips_any_text(text):
    from cyclemap.outputs.report.github_format import escape_data, escape_property

    prop = escape_property(text)
    assert not set(prop) & set(",:\r\n")
    assert runner_unescape(prop) == text
    data = escape_data(text)
    assert "\n" not in data and "\r" not in data
    assert runner_unescape(data) == text


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1), st.text())
def test_junit_carries_any_message_and_path(tmp_path_factory, message, name):
    junitparser = pytest.importorskip("junitparser")

    path = f"cycles/{name}.yaml"
    result = CheckedCycle(path, [Diagnostic(path, Pos(2, 3), "CM003", Severity.ERROR, Verbatim(message))], None, "en")
    report = tmp_path_factory.mktemp("junit") / "report.xml"
    report.write_text(render("junit", [result]), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(report))
    suite = next(iter(xml))
    from cyclemap.format.diagnostics import one_line

    assert suite.name == one_line(path) and suite.failures == 1
    failure = [c for c in suite if c.name.startswith("CM003")][0].result[0]
    # Everything arrives, control and bidi characters as visible escapes (a CI log shows it).
    assert one_line(message) in failure.text


def test_github_annotations_show_bidi_and_newlines_as_escapes(cli, write):
    """A moment's name cannot reorder or split an annotation in the pull request."""
    path = write("bidi.yaml", "cyclemap: 1\ntitle: T\nmoments:\n"
                 "  - {id: a, name: \"evil\\u202Eeman\\nnext line\", kind: critical}\n"
                 "  - {id: b, name: B, kind: routine}\n")
    run = cli("check", str(path), "--format", "github", "--select", "CM101")
    assert "\u202e" not in run.out
    assert "\\u202e" in run.out
    assert all(line.startswith("::") for line in run.out.splitlines())
