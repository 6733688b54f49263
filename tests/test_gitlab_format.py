"""`check --format gitlab`: GitLab Code Quality, read by GitLab through the real CLI."""

from __future__ import annotations

import json

BROKEN = "cyclemap: 1\ntitle: t\nmoments:\n  - id: a\n    name: A\n    kind: critical\n    next: [nowhere]\n  - id: b\n    name: B\n    kind: routine\n    bogus: 1\n"
GOOD_WEAK = """cyclemap: 1
title: Tienda
language: es
moments:
  - id: entra
    name: Entra
    kind: critical
    score: 2
  - id: paga
    name: Paga
    kind: critical
  - id: sale
    name: Sale
    kind: routine
    score: 4
"""


def test_gitlab_report_shape_severities_and_paths(cli, write, tmp_path):
    write("cycles/weak.yaml", GOOD_WEAK)
    write("cycles/broken.yaml", BROKEN)
    run = cli("check", "cycles", "--format", "gitlab", cwd=tmp_path)
    assert run.code == 1, run.err
    issues = json.loads(run.out)  # stdout is only the report
    assert "files checked" in run.err
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] in ("cycles/weak.yaml", "cycles/broken.yaml")
        assert issue["location"]["lines"]["begin"] >= 1
        assert issue["description"].startswith(issue["check_name"] + " ")
    broken = [i for i in issues if i["location"]["path"] == "cycles/broken.yaml"]
    assert {i["check_name"] for i in broken} == {"CM002"}
    assert {i["severity"] for i in broken} == {"critical"}
    weak = {i["check_name"]: i for i in issues if i["location"]["path"] == "cycles/weak.yaml"}
    assert weak["CM101"]["severity"] == "minor"  # a warning
    assert "crítico" in weak["CM101"]["description"]  # the cycle's language
    assert any(i["severity"] == "info" for i in weak.values())
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_fingerprints_survive_moved_lines_and_changed_numbers(cli, write, tmp_path):
    write("c/a.yaml", GOOD_WEAK)
    first = json.loads(cli("check", "c", "--format", "gitlab", "--fail-on", "never", cwd=tmp_path).out)
    # Move every line down and rename a moment's text: same findings, same fingerprints.
    write("c/a.yaml", "# a comment\n\n" + GOOD_WEAK.replace("name: Paga", "name: Paga en caja"))
    second = json.loads(cli("check", "c", "--format", "gitlab", "--fail-on", "never", cwd=tmp_path).out)
    assert [i["location"]["lines"]["begin"] for i in first] != [i["location"]["lines"]["begin"] for i in second]
    assert sorted(i["fingerprint"] for i in first) == sorted(i["fingerprint"] for i in second)
    # The same finding in another file is another issue.
    write("c/b.yaml", GOOD_WEAK)
    both = json.loads(cli("check", "c", "--format", "gitlab", "--fail-on", "never", cwd=tmp_path).out)
    assert len({i["fingerprint"] for i in both}) == len(both) == 2 * len(first)


def test_gitlab_format_listed_in_help(cli):
    run = cli("check", "--help")
    assert "gitlab" in run.out
