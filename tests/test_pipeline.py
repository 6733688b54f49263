"""One pipeline from file to verdict: the same file under the same settings gets the same
answer from every command. Each case below was once a real disagreement between commands
(issue 10); all run through the real command line."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from conftest import ALL_REAL, ROOT, invoke_in_process, run_cli

# Two critical moments, both half a point below expectation (and above the misery line):
# a mean gap of -0.5. With the default margin (0.125 of the scale: 0.5 points) that is a
# "poor" service; with `gap_margin: 0.25` (a whole point) it is "normal".
CYCLE = """\
cyclemap: 1
title: Trámite en ventanilla
language: {lang}
moments:
  - id: llega
    name: Llega a la oficina
    kind: critical
    expectation: 4
    score: {score}
    responses: 40
  - id: atiende
    name: Le atienden en ventanilla
    kind: critical
    owner: Jefa de ventanilla
    standard: Atención en menos de 5 minutos
    recovery: La jefa atiende en persona y ofrece cita el mismo día
    expectation: 4
    score: 3.5
    responses: 40
    feedback: true
"""

SETTINGS = "ignore: [CM101]\nthresholds: {gap_margin: 0.25}\n"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real command line (app, options, exit codes), in this process."""
    if ALL_REAL:
        run = run_cli(*args, cwd=cwd)
        return subprocess.CompletedProcess(args, run.code, run.out, run.err)
    result = invoke_in_process(*args, cwd=cwd, timeout=120)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def make(folder: Path, settings: str | None = SETTINGS, lang: str = "en", score: str = "3.5") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cycle.yaml"
    path.write_text(CYCLE.format(lang=lang, score=score), encoding="utf-8")
    if settings is not None:
        (folder / ".cyclemap.yaml").write_text(settings, encoding="utf-8")
    return path


def codes_in(text: str) -> set[str]:
    return set(re.findall(r"CM\d{3}", text))


def moment_codes(dot: str) -> set[str]:
    """The codes marked on the moments of a DOT diagram (not the legend's sample)."""
    return codes_in("\n".join(line for line in dot.splitlines() if re.match(r"\s*m\d+ \[", line)))


def test_settings_file_is_honoured_by_check_render_and_export_alike(tmp_path):
    path = make(tmp_path / "with")
    bare = make(tmp_path / "without", settings=None)

    # Without settings, every face names CM101 (no owner) and CM105 (gap 0.5, the default margin) ...
    faces = (codes_in(run("check", str(bare)).stdout),
             moment_codes(run("render", str(bare), "-o", "-", "--format", "dot", "--view", "analyst").stdout),
             codes_in(run("export", str(bare), "--to", "markdown").stdout))
    for face in faces:
        assert {"CM101", "CM105"} <= face, face
    # ... and with them, none does: one pipeline reads the settings for all.
    check = run("check", str(path))
    dot = run("render", str(path), "-o", "-", "--format", "dot", "--view", "analyst")
    markdown = run("export", str(path), "--to", "markdown")
    for proc, found in ((check, codes_in), (dot, moment_codes), (markdown, codes_in)):
        assert proc.returncode == 0, proc.stderr
        assert not {"CM101", "CM105"} & found(proc.stdout), proc.stdout[:800]


def test_handout_header_and_diagram_tell_the_same_service_level(tmp_path):
    path = make(tmp_path / "with")
    out = tmp_path / "handout.html"
    proc = run("handout", str(path), "-o", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    # A gap margin of a whole point makes a mean gap of -0.5 "normal": the header and the drawn
    # diagram inside the page both say so; neither says "poor".
    assert re.search(r"Service level:\s*(<[^>]+>\s*)*normal", html, re.I), html[:3000]
    diagram = html[html.index("<svg"):]
    assert "NORMAL" in diagram and "POOR" not in diagram


def test_a_spanish_file_gets_spanish_errors_from_every_command(tmp_path):
    path = tmp_path / "roto.yaml"
    path.write_text(CYCLE.format(lang="es", score="3.2").replace("kind: critical\n    owner", "kind: critcal\n    owner"),
                    encoding="utf-8")
    outputs = {
        "check": run("check", str(path)),
        "render": run("render", str(path), "-o", str(tmp_path / "x.svg")),
        "export": run("export", str(path), "--to", "csv"),
        "critique": run("critique", str(path)),
    }
    for command, proc in outputs.items():
        assert proc.returncode == 1, (command, proc.stderr)
        said = proc.stdout + proc.stderr
        assert "CM002 error" in said, (command, said)
        assert "no es" in said or "¿quiso decir" in said or "debe ser" in said, (command, said)
    assert not (tmp_path / "x.svg").exists()


def test_each_folder_is_judged_by_its_own_settings_in_one_run(tmp_path):
    x = make(tmp_path / "x", settings="ignore: [CM114]\n")
    y = make(tmp_path / "y", settings="ignore: [CM101, CM105]\n")
    proc = run("check", str(x.parent), str(y.parent), "--format", "junit", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    suites = dict(re.findall(r'<testsuite name="([^"]+)"(.*?)</testsuite>', proc.stdout, re.S))
    x_cases = codes_in(suites[str(x)])
    y_cases = codes_in(suites[str(y)])
    assert "CM101" in x_cases and "CM114" not in x_cases
    assert "CM101" not in y_cases and "CM105" not in y_cases and "CM114" in y_cases


def test_a_finding_keeps_its_identity_when_its_numbers_change(tmp_path):
    old = make(tmp_path / "old", settings=None, score="2.2")
    new = make(tmp_path / "new", settings=None, score="2.3")
    report = tmp_path / "old.json"
    assert run("check", str(old), "--format", "json", "-o", str(report), "--fail-on", "never").returncode == 0
    # The messages differ (they quote the score) ...
    old_messages = {d["message"] for d in json.loads(report.read_text())["files"][0]["diagnostics"]}
    new_json = json.loads(run("check", str(new), "--format", "json").stdout)
    assert old_messages != {d["message"] for d in new_json["files"][0]["diagnostics"]}
    # ... but nothing is new against the baseline, nothing new or fixed in diff,
    for baseline in (str(report), str(old)):
        proc = run("check", str(new), "--baseline", baseline, "--fail-on", "info")
        assert proc.returncode == 0, proc.stdout
        assert "0 errors, 0 warnings, 0 info" in proc.stdout
    diff = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    assert diff["findings"]["new"] == [] and diff["findings"]["fixed"] == [], diff["findings"]
    # ... and SARIF gives every finding the same fingerprint in both versions.
    def fingerprints(path: Path) -> list:
        sarif = json.loads(run("check", str(path), "--format", "sarif").stdout)
        return sorted((r["ruleId"], r["partialFingerprints"]["cyclemapFinding/v1"]) for r in sarif["runs"][0]["results"])
    assert fingerprints(old) == fingerprints(new)
