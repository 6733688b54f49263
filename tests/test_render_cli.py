"""`cyclemap render` and `cyclemap export` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest

from conftest import EXAMPLES, ROOT, run_cli

BANCO = str(EXAMPLES / "banco.yaml")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz (dot) not installed")


@pytest.mark.parametrize("suffix,magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".dot", b"digraph")])
def test_format_from_suffix_embedded(cli, tmp_path, suffix, magic):
    from cyclemap.outputs.render.engines import font_files

    if suffix == ".png" and not font_files():
        pytest.skip("no fonts installed for PNG (apt-get install fonts-dejavu-core)")
    out = tmp_path / f"banco{suffix}"
    run = cli("render", BANCO, "-o", str(out), "--engine", "embedded")
    assert run.code == 0, run.err
    assert out.read_bytes().startswith(magic)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temp file left


@needs_dot
def test_pdf_with_system_engine(cli, tmp_path):
    out = tmp_path / "banco.pdf"
    run = cli("render", BANCO, "-o", str(out), "--engine", "system", "--layout", "blueprint")
    assert run.code == 0, run.err
    assert out.read_bytes().startswith(b"%PDF-")


def test_pdf_embedded_refused_and_nothing_written(cli, tmp_path):
    out = tmp_path / "banco.pdf"
    run = cli("render", BANCO, "-o", str(out), "--engine", "embedded")
    assert run.code == 2
    assert "apt-get install graphviz" in run.err and "Traceback" not in run.err
    assert list(tmp_path.iterdir()) == []
    es = cli("render", BANCO, "-o", str(out), "--engine", "embedded", env={"CYCLEMAP_LANG": "es"})
    assert es.code == 2 and "necesita Graphviz del sistema" in es.err


def test_stdout_svg_and_dot(cli):
    run = cli("render", BANCO, "-o", "-", "--engine", "embedded", "--layout", "flow")
    assert run.code == 0, run.err
    assert ET.fromstring(run.out.encode()).tag.endswith("svg")
    dot = cli("render", BANCO, "-o", "-", "--format", "dot")
    assert dot.code == 0 and dot.out.startswith("digraph cyclemap_clock")
    png = cli("render", BANCO, "-o", "-", "--format", "png")
    assert png.code == 2 and "SVG or DOT" in png.err


def test_lang_option_changes_the_legend(cli):
    en = cli("render", BANCO, "-o", "-", "--format", "dot", "--lang", "en")
    es = cli("render", BANCO, "-o", "-", "--format", "dot")
    assert "double border = critical moment" in en.out and "borde doble = momento crítico" in es.out  # language: es
    analyst = cli("render", BANCO, "-o", "-", "--format", "dot", "--lang", "en", "--view", "analyst")
    assert "Legend" in analyst.out and "CM104" in analyst.out and "CM104" not in en.out


def test_output_is_the_input_is_refused(cli, tmp_path):
    source = tmp_path / "banco.yaml"
    original = (EXAMPLES / "banco.yaml").read_bytes()
    source.write_bytes(original)
    run = cli("render", str(source), "-o", str(source), "--format", "svg")
    assert run.code == 2 and "overwrite the input" in run.err
    assert source.read_bytes() == original
    run = cli("export", str(source), "--to", "json", "-o", str(source))
    assert run.code == 2 and source.read_bytes() == original


def test_file_that_does_not_load_is_not_drawn(cli, write, tmp_path):
    bad = write("bad.yaml", "cyclemap: 1\ntitle: x\nmoments:\n  - id: a\n    name: A\n    kind: critcal\n    colour: red\n")
    out = tmp_path / "bad.svg"
    run = cli("render", str(bad), "-o", str(out))
    assert run.code == 1
    assert f"{bad}:6:11" in run.err or f"{bad}:6:" in run.err
    assert "CM002" in run.err and not out.exists()
    broken = write("broken.yaml", "cyclemap: 1\ntitle: [unclosed\n")
    run = cli("render", str(broken), "-o", str(out))
    assert run.code == 1 and "CM001" in run.err and not out.exists()


@pytest.mark.parametrize("args,needle", [
    (["--layout", "spiral"], "--layout"),
    (["--engine", "magic"], "--engine"),
    (["--lang", "fr"], "--lang"),
])
def test_bad_options_exit_2(cli, tmp_path, args, needle):
    run = cli("render", BANCO, "-o", str(tmp_path / "x.svg"), *args)
    assert run.code == 2 and needle in run.err and "Traceback" not in run.err


def test_bad_outputs_exit_2(cli, tmp_path):
    assert cli("render", BANCO, "-o", str(tmp_path / "x.gif")).code == 2
    missing = cli("render", BANCO, "-o", str(tmp_path / "no" / "x.svg"))
    assert missing.code == 2 and "does not exist" in missing.err
    assert cli("render", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "x.svg")).code == 2


def test_watch_redraws_and_survives_errors(tmp_path):
    """A trainer saves a good file, then a broken one, then a fixed one: each is seen,
    the broken one is reported, and the diagram follows the last good save."""
    import os

    source = tmp_path / "taller.yaml"
    good = (EXAMPLES / "banco.yaml").read_text(encoding="utf-8")
    source.write_text(good, encoding="utf-8")
    out = tmp_path / "taller.dot"
    env = {**os.environ, "CYCLEMAP_LANG": "en", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cyclemap", "render", str(source), "-o", str(out), "--watch",
         "--watch-max-renders", "3"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait_for(check, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if check():
                return True
            time.sleep(0.05)
        return False

    try:
        assert wait_for(out.exists)
        first = out.read_text(encoding="utf-8")
        time.sleep(0.4)
        source.write_text("cyclemap: 1\ntitle: [broken\n", encoding="utf-8")
        time.sleep(1.0)
        assert out.read_text(encoding="utf-8") == first  # the last good diagram stays
        source.write_text(good.replace("Apertura de cuenta en sucursal", "Taller renovado"), encoding="utf-8")
        assert wait_for(lambda: "Taller renovado" in out.read_text(encoding="utf-8"))
        _, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert err.count("drew") == 2 and "CM001" in err and "not drawn" in err


# ---------------------------------------------------------------- export


def test_export_mermaid(cli):
    run = cli("export", BANCO, "--to", "mermaid")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "```mermaid" and lines[-1] == "```"  # ready to paste into Markdown
    lines = lines[1:-1]
    assert lines[0] == "journey" and lines[1] == "    title Apertura de cuenta en sucursal"
    sections = [line.strip() for line in lines if line.strip().startswith("section ")]
    assert sections == ["section Antes", "section Durante", "section Después"]
    tasks = [line.strip() for line in lines if line.startswith("      ")]
    assert len(tasks) == 8
    for task in tasks:
        parts = task.split(":")
        assert len(parts) in (2, 3) and parts[1].strip() in {"1", "2", "3", "4", "5"}, task
    assert "◆ 2. Toma turno y espera (score 2.3, expected 4): 2: Jefe de operaciones" in tasks or \
        "◆ 2. Toma turno y espera (puntuación 2,3, esperado 4): 2: Jefe de operaciones" in tasks


def test_export_mermaid_hostile_names(write, cli):
    f = write("h.yaml", 'cyclemap: 1\ntitle: "A: b # c"\nmoments:\n'
                        '  - {id: a, name: "Time: 10:30; #1", kind: routine, owner: "Ana, Luis", score: 9}\n'
                        '  - {id: b, name: "two\\nlines", kind: critical}\n')
    run = cli("export", str(f), "--to", "mermaid")
    assert run.code == 0, run.err
    tasks = [line.strip() for line in run.out.splitlines() if line.startswith("      ")]
    assert tasks[0].count(":") == 2 and tasks[0].endswith(": Ana  Luis")
    assert tasks[1] == "◆ 2. two lines: 3"
    assert "%%" in run.out  # says that the unscored moment shows as 3


def test_export_markdown(cli):
    run = cli("export", BANCO, "--to", "markdown", "--lang", "en")
    lines = [line for line in run.out.splitlines() if line.startswith("|")]
    assert lines[0].startswith("| # | Moment | Kind |")
    assert len(lines) == 2 + 8
    assert all(line.count("|") == lines[0].count("|") for line in lines)


def test_export_markdown_escapes_pipes(write, cli):
    f = write("p.yaml", 'cyclemap: 1\ntitle: t\nmoments:\n  - {id: a, name: "a | b", kind: routine}\n'
                        '  - {id: b, name: "<script>", kind: routine}\n')
    run = cli("export", str(f), "--to", "markdown")
    assert "a \\| b" in run.out and "&lt;script&gt;" in run.out


def test_export_mermaid_keywords_comments_and_mmd_file(write, cli, tmp_path):
    f = write("k.yaml", 'cyclemap: 1\ntitle: t\nmoments:\n'
                        '  - {id: a, name: "section Pago", kind: routine, expectation: 4}\n'
                        '  - {id: b, name: "title cambia", kind: routine, score: 4, expectation: 5}\n'
                        '  - {id: c, name: "100%% seguro", kind: routine}\n')
    run = cli("export", str(f), "--format", "mermaid")
    body = run.out.splitlines()[1:-1]
    tasks = [line.strip() for line in body if line.startswith("      ")]
    assert tasks == ["1. section Pago (expected 4): 3", "2. title cambia (score 4, expected 5): 4", "3. 100% seguro: 3"]
    assert [line for line in body if line.strip().startswith(("section ", "title "))] == ["    title t", "    section Moments"]
    out = tmp_path / "k.mmd"
    assert cli("export", str(f), "--format", "mermaid", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith("journey\n")  # a Mermaid file: no fence


def test_markdown_exports_neutralise_links_images_and_mentions(write, cli, tmp_path):
    name = "Paga [aquí](https://evil.example) ![x](http://evil.example/x.png) @octocat www.evil.example <img src=x>"
    f = write("m.yaml", f'cyclemap: 1\ntitle: t\nmoments:\n  - {{id: a, name: "{name}", kind: critical}}\n'
                        '  - {id: b, name: B, kind: routine}\n')
    table = cli("export", str(f), "--format", "markdown").out
    old = write("old.yaml", 'cyclemap: 1\ntitle: t\nmoments:\n  - {id: b, name: B, kind: routine}\n  - {id: c, name: C, kind: routine}\n')
    diff = cli("diff", str(old), str(f), "--format", "markdown").out
    for out in (table, diff):
        assert "Paga" in out
        assert not re.search(r"(?<!\\)\]\(", out) and "![" not in out and "<img" not in out  # [x](y) stays text
        assert "@octocat" not in out and "@&#8203;octocat" in out
        assert "https://" not in out and "www.evil" not in out


def test_export_csv_parses_back(cli, write):
    run = cli("export", BANCO, "--to", "csv")
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert len(rows) == 8 and rows[0]["id"] == "llegada" and rows[1]["next"] == "asesor;queja"
    assert rows[1]["kind"] == "critical" and rows[1]["score"] == "2.3"
    f = write("c.yaml", 'cyclemap: 1\ntitle: t\nmoments:\n'
                        '  - {id: a, name: "=HYPERLINK(\\"x\\")", kind: routine, notes: "line1\\nline2, \\"q\\""}\n'
                        '  - {id: b, name: "b", kind: routine}\n')
    run = cli("export", str(f), "--to", "csv")
    rows = list(csv.DictReader(io.StringIO(run.out, newline="")))
    assert rows[0]["name"] == "'=HYPERLINK(\"x\")"
    assert rows[0]["notes"] == 'line1\nline2, "q"'


def test_export_json_keys_and_file(cli, tmp_path):
    out = tmp_path / "banco.json"
    run = cli("export", BANCO, "--to", "json", "-o", str(out))
    assert run.code == 0 and run.out == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["cyclemap", "export", "title", "customer", "language", "scale", "stages",
                          "closed", "order", "moments"]
    moment = data["moments"][0]
    assert list(moment) == ["id", "name", "kind", "stage", "channel", "carried_by", "owner", "standard",
                            "recovery", "dimensions", "expectation", "score", "responses", "feedback",
                            "notes", "ignore", "next", "evidence"]
    assert moment["next"] == [{"to": "turno", "when": None}]
    assert data["moments"][-2]["next"] == [{"to": "llegada", "when": None}]
    assert data["moments"][1]["next"][1] == {"to": "queja", "when": "espera mayor a 15 min"}


def test_export_bad_file_and_bad_option(cli, write):
    bad = write("bad.yaml", "cyclemap: 1\nmoments: 3\n")
    run = cli("export", str(bad), "--to", "json")
    assert run.code == 1 and "CM002" in run.err and run.out == ""
    assert cli("export", BANCO, "--to", "xml").code == 2


@pytest.mark.parametrize("view", ["client", "analyst"])
def test_a_name_longer_than_graphviz_allows_still_draws(view, tmp_path):
    """Graphviz refuses a quoted string over 16 KB; the longest texts a file may hold (a
    name of 1,000 and a blueprint row of 10,000 four-byte characters: 40 KB) are cut in the
    picture (the file keeps them), never a Graphviz syntax error."""
    source = tmp_path / "long.yaml"
    source.write_text("cyclemap: 1\ntitle: t\nmoments:\n  - {id: a, name: " + "\U0001d4a9" * 1_000
                      + ", kind: critical, backstage: " + "\U0001d4a9" * 10_000
                      + "}\n  - {id: b, name: B, kind: routine}\n", encoding="utf-8")
    out = tmp_path / "long.svg"
    proc = run_cli("render", str(source), "-o", str(out), "--view", view, "--engine", "embedded",
                   "--layout", "blueprint")
    assert proc.code == 0, proc.err
    assert out.read_bytes().lstrip().startswith((b"<?xml", b"<svg"))


def test_render_in_portuguese(cli, tmp_path):
    """`--lang pt` draws the whole picture in Portuguese: legend, subtitle, start mark, the
    score in the locale's notation; none of the Spanish legend is left (banco.yaml says
    `language: es`)."""
    out = tmp_path / "banco.svg"
    run = cli("render", BANCO, "--lang", "pt", "-o", str(out), "--engine", "embedded")
    assert run.code == 0, run.err
    texts = " ".join(t.text or "" for t in ET.fromstring(out.read_bytes()).iter() if t.tag.endswith("text"))
    texts = texts.replace("\xa0", " ")
    for word in ("borda dupla = momento crítico", "ponto fraco principal", "nota frente à expectativa",
                 "▲ acima", "○ sem nota", "Nível de serviço:", "▶ início", "● 3,4"):
        assert word in texts, word
    for word in ("borde doble", "punto débil", "puntuación", "lo esperado", "Nivel de servicio", "inicio",
                 "double border", "score against", "Service level"):
        assert word not in texts, word
    blueprint = cli("render", BANCO, "--lang", "pt", "-o", "-", "--format", "dot", "--layout", "blueprint")
    assert blueprint.code == 0 and "Este blueprint de serviço mostra apenas as ações do cliente" in blueprint.out
    analyst = cli("render", BANCO, "--lang", "pt", "-o", "-", "--format", "dot", "--view", "analyst")
    assert "Legenda" in analyst.out and "Leyenda" not in analyst.out and "espera mayor a 15 min?" in analyst.out
    assert "¿espera" not in analyst.out


def test_render_refusal_in_portuguese(cli, tmp_path):
    run = cli("render", BANCO, "-o", str(tmp_path / "banco.pdf"), "--engine", "embedded", "--lang", "pt")
    assert run.code == 2 and "O PDF precisa do Graphviz do sistema" in run.err
    assert list(tmp_path.iterdir()) == []
