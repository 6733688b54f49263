"""Connected cycles (issue 25): `supported_by` links between cycles, the cross-file checks
(CM020-CM022), the critique that follows the links to the internal supplier, an internal
cycle in its internal customers' words, and `cyclemap overview` in every format. Through
the command line (in process, the real Typer app) on small sets written here and on
examples/connected."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CONNECTED = ROOT / "examples" / "connected"


def run(*args: str, cwd: Path | None = None, lang: str = "en"):
    """`cyclemap ARGS` in this process; returns (exit code, stdout, stderr)."""
    from typer.testing import CliRunner

    from cyclemap.cli import app

    here = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(app, list(args), env={"CYCLEMAP_LANG": lang, "NO_COLOR": "1", "COLUMNS": "120"})
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def cycle(title: str, moments: list[str], internal: bool = False, extra: str = "") -> str:
    head = f"cyclemap: 1\ntitle: {title}\nlanguage: en\n" + ("internal: true\n" if internal else "") + extra
    return head + "moments:\n" + "".join(moments)


def moment(mid: str, name: str, kind: str = "critical", score: float | None = None, n: int | None = None,
           links: str | None = None, extra: str = "") -> str:
    text = f"  - id: {mid}\n    name: {name}\n    kind: {kind}\n    owner: Lead {mid}\n"
    if score is not None:
        text += f"    score: {score}\n    expectation: 4\n"
    if n is not None:
        text += f"    responses: {n}\n"
    if links:
        text += f"    supported_by: {links}\n"
    return text + extra


@pytest.fixture
def org(tmp_path):
    """A repository (it has .git) with one external cycle and two internal ones."""
    repo = tmp_path / "org"
    (repo / ".git").mkdir(parents=True)
    (repo / "internal").mkdir()
    (repo / "shop.yaml").write_text(cycle("Shop", [
        moment("order", "Orders online", score=2.2, n=50, links="[internal/stock.yaml#pick]"),
        moment("deliver", "Receives the parcel", score=2.5, n=50, links="[internal/stock.yaml#pick, internal/vans.yaml]"),
        moment("pay", "Pays", "routine", score=4.5, n=50),
    ]), encoding="utf-8")
    (repo / "internal" / "stock.yaml").write_text(cycle("Warehouse", [
        moment("ask", "Shop asks for stock", "routine", score=4.2, n=30),
        moment("pick", "Warehouse picks the order", score=2.0, n=30),
    ], internal=True), encoding="utf-8")
    (repo / "internal" / "vans.yaml").write_text(cycle("Vans", [
        moment("load", "Van is loaded", score=4.6, n=30),
        moment("drive", "Van drives out", "routine", score=4.4, n=30),
    ], internal=True), encoding="utf-8")
    return repo


def at(path: Path, needle: str, nth: int = 0) -> str:
    """`path:line:col` of the `nth` occurrence of `needle` in the file (where a link is written)."""
    found = [(i + 1, line.index(needle) + 1) for i, line in enumerate(path.read_text(encoding="utf-8").splitlines())
             if needle in line]
    line, col = found[nth]
    return f"{path}:{line}:{col}"


def codes_at(out: str, code: str) -> list[str]:
    """`path:line:col` of every finding of `code`."""
    return [m.group(1) for m in re.finditer(rf"^(\S+:\d+:\d+): {code} ", out, re.M)]


# -- the link in the format ---------------------------------------------------------------

def test_the_example_set_is_clean_linked_and_yamllint_clean():
    code, out, _err = run("check", str(CONNECTED), "--format", "json")
    data = json.loads(out)
    assert len(data["files"]) == 6 and all(f["loaded"] for f in data["files"])
    assert not [d for f in data["files"] for d in f["diagnostics"] if d["severity"] == "error"], out
    assert code == 0
    lint = subprocess.run([sys.executable, "-m", "yamllint", str(CONNECTED)], capture_output=True, text=True)
    assert lint.returncode == 0 and lint.stdout == "", lint.stdout


def test_links_validate_against_the_schema_and_a_bad_moment_id_is_a_format_error(org):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from cyclemap.format.schema import cycle_schema

    schema = cycle_schema("en")
    for path in org.rglob("*.yaml"):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = org / "bad.yaml"
    bad.write_text(cycle("Bad", [moment("a", "A", links="['internal/stock.yaml#Not An Id']"),
                                 moment("b", "B", "routine")]), encoding="utf-8")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(bad.read_text(encoding="utf-8")), schema)
    code, out, _err = run("check", str(bad))
    assert code == 1 and codes_at(out, "CM002") == [at(bad, "'internal/stock.yaml#Not")], out


# -- check across files -------------------------------------------------------------------

def test_missing_file_and_missing_moment_point_at_the_link(org):
    shop = org / "shop.yaml"
    shop.write_text(shop.read_text(encoding="utf-8").replace("internal/stock.yaml#pick]", "internal/stock.yaml#pik]", 1)
                    .replace("internal/vans.yaml]", "internal/van.yaml]"), encoding="utf-8")
    code, out, _err = run("check", str(org))
    assert code == 1
    found = codes_at(out, "CM020")
    assert found == [at(shop, "internal/stock.yaml#pik"), at(shop, "internal/van.yaml")], out
    assert "did you mean `pick`?" in out and "there is no such file" in out


def test_a_link_outside_the_repository(org, tmp_path):
    (tmp_path / "elsewhere.yaml").write_text(cycle("Else", [moment("x", "X"), moment("y", "Y", "routine")]),
                                             encoding="utf-8")
    shop = org / "shop.yaml"
    shop.write_text(shop.read_text(encoding="utf-8").replace("[internal/vans.yaml]", "[../elsewhere.yaml]")
                    .replace("internal/vans.yaml]", "../elsewhere.yaml, /etc/hosts]"), encoding="utf-8")
    code, out, _err = run("check", str(shop))
    assert code == 1
    assert codes_at(out, "CM021") == [at(shop, "../elsewhere.yaml"), at(shop, "/etc/hosts")], out
    assert f"outside the repository ({os.path.realpath(org)})" in out


def test_without_git_the_repository_is_the_folder_checked(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "team.yaml").write_text(cycle("Team", [moment("t", "T"), moment("u", "U", "routine")],
                                                    internal=True), encoding="utf-8")
    (tmp_path / "a" / "front.yaml").write_text(cycle("Front", [moment("f", "F", links="[../b/team.yaml#t]"),
                                                              moment("g", "G", "routine")]), encoding="utf-8")
    code, out, _err = run("check", str(tmp_path / "a"))
    assert code == 1 and len(codes_at(out, "CM021")) == 1, out
    code, out, _err = run("check", str(tmp_path))
    assert code == 0 and "CM021" not in out and "CM020" not in out, out


def test_a_loop_between_moments_is_found_in_each_file_but_teams_may_serve_each_other(tmp_path):
    (tmp_path / "a.yaml").write_text(cycle("A", [moment("x", "X", links="[b.yaml#y]"), moment("z", "Z", "routine",
                                                 links="[b.yaml]")]), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(cycle("B", [moment("y", "Y", links="[a.yaml#x]"), moment("w", "W", "routine",
                                                 links="[a.yaml]")]), encoding="utf-8")
    code, out, _err = run("check", str(tmp_path))
    assert code == 1
    assert codes_at(out, "CM022") == [at(tmp_path / "a.yaml", "b.yaml#y"), at(tmp_path / "b.yaml", "a.yaml#x")], out
    assert "`x` ends up supporting itself: #x → b.yaml#y → #x" in out
    # Whole-cycle links both ways (teams serving each other): no loop.
    for name in ("a.yaml", "b.yaml"):
        path = tmp_path / name
        path.write_text(re.sub(r"\[(\w)\.yaml#\w\]", r"[\1.yaml]", path.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, _err = run("check", str(tmp_path))
    assert "CM022" not in out and code == 0, out


def test_a_folder_is_one_set_but_each_file_keeps_its_own_settings(org):
    (org / "quiet").mkdir()
    (org / "quiet" / ".cyclemap.yaml").write_text("ignore: [CM020]\n", encoding="utf-8")
    broken = cycle("Q", [moment("q", "Q", links="[../internal/missing.yaml]"), moment("r", "R", "routine")])
    (org / "quiet" / "q.yaml").write_text(broken, encoding="utf-8")
    (org / "loud.yaml").write_text(broken.replace("../internal/missing.yaml", "internal/missing.yaml"),
                                   encoding="utf-8")
    code, out, _err = run("check", str(org))
    assert code == 1
    assert codes_at(out, "CM020") == [at(org / "loud.yaml", "internal/missing.yaml")], out


# -- the critique follows the links ---------------------------------------------------------

def test_the_critique_moves_the_advice_to_the_weak_internal_supplier():
    code, out, _err = run("critique", str(CONNECTED / "en" / "replacement-card.yaml"))
    assert code == 0
    text = " ".join(out.split())
    text = text[text.index("Weak points, most serious first"):]

    def point(title: str) -> str:
        """One numbered point of the client critique, from its title to the next point."""
        start = text.index(f" {title} (")
        following = re.search(r" \d+\. ", text[start + 1:])
        return text[start:start + 1 + following.start()] if following else text[start:]

    wait = point("Waits for the card to arrive")
    assert ("It rests on “The card team prints and sends the card” in Card issuing for the branches, and its "
            "internal customers rate it 2.2 where they expect 4.5 (35 answers): the cause is likely there.") in wait
    assert ("Fix the internal supplier first: “The card team prints and sends the card” in Card issuing for the "
            "branches, with Head of card issuing; then measure this moment again.") in wait
    pickup = point("Picks up the card at the branch")
    assert "holds up: its internal customers rate it 4.3 where they expect 4 (30 answers)" in pickup
    assert "Fix the internal supplier first" not in pickup
    assert "Fix the internal supplier first" in point("Activates the card and pays with it")


def test_the_critique_in_spanish_and_as_data():
    code, out, _err = run("critique", str(CONNECTED / "es" / "reposicion-tarjeta.yaml"), lang="es")
    assert code == 0 and "Corrija primero al proveedor interno" in " ".join(out.split())
    code, out, _err = run("critique", str(CONNECTED / "en" / "replacement-card.yaml"), "--format", "json")
    data = json.loads(out)
    causes = {(c["moment"], c["supporter"]["moment"]): c for c in data["supported_by"]}
    assert causes[("wait", "issue")]["moves_advice"] is True
    assert causes[("pickup", "deliver")]["moves_advice"] is False
    assert causes[("wait", "issue")]["supporter"]["responses"] == 35


def test_a_weak_supplier_on_too_few_answers_does_not_take_the_advice(org):
    stock = org / "internal" / "stock.yaml"
    stock.write_text(stock.read_text(encoding="utf-8").replace("responses: 30", "responses: 4"), encoding="utf-8")
    code, out, _err = run("critique", str(org / "shop.yaml"))
    text = " ".join(out.split())
    assert code == 0
    assert "its internal customers rate it 2 where they expect 4 (4 answers), too few to blame it yet" in text
    assert "Fix the internal supplier first" not in text


def test_an_internal_cycle_speaks_of_its_internal_customers():
    code, out, _err = run("critique", str(CONNECTED / "en" / "internal" / "card-issuing.yaml"))
    text = " ".join(out.split())
    assert code == 0
    assert "Your internal customers rate this decisive moment 2.2, below the acceptable 3.4" in text
    assert "They cannot go elsewhere" in text
    assert "Service level: POOR — the service falls short of what your internal customers expect" in text
    points = text[text.index("Weak points"):]
    assert "leave and never come back" not in points and "leaving quietly" not in points
    assert "Customers rate" not in points


# -- the overview ----------------------------------------------------------------------------

def test_overview_text_names_the_leverage_point_and_says_how_it_ranks():
    code, out, err = run("overview", str(CONNECTED / "en"))
    assert code == 0
    text = " ".join(out.split())
    assert ("Top leverage point: “The card team prints and sends the card” (Card issuing for the branches), behind "
            "2 weak moments: “Waits for the card to arrive” (Replacing a lost debit card) and “Activates the card "
            "and pays with it” (Replacing a lost debit card).") in text
    assert "Ranked by how many weak moments rest on each: 3 of them declare no `volume`" in text
    assert "internal/card-issuing.yaml" in text and "poor" in text


def test_overview_markdown_and_json(org):
    code, md, _err = run("overview", str(org), "--format", "markdown")
    assert code == 0
    assert "| 1 | “Warehouse picks the order” (Warehouse) (2 / 4 · 30 answers · weak itself) |" in md
    code, out, _err = run("overview", str(org), "--format", "json")
    data = json.loads(out)
    top = data["leverage"][0]
    assert (top["supporter"]["file"].endswith("stock.yaml"), top["supporter"]["moment"], top["weak_moments"]) == \
        (True, "pick", 2)
    assert data["ranked_by"] == "count" and data["set_aside"]["without_volume"] == 2
    assert [l["supporter"]["moment"] for l in data["links"]] == ["pick", "pick", None]
    assert {c["title"]: c["level"] for c in data["cycles"]} == {"Shop": "pesimo", "Warehouse": "pesimo", "Vans": "normal"}


def test_overview_weighs_customers_only_when_every_weak_moment_declares_volume(org):
    shop = org / "shop.yaml"
    text = shop.read_text(encoding="utf-8")
    shop.write_text(text.replace("    responses: 50\n", "    responses: 50\n    volume: 900\n", 1), encoding="utf-8")
    data = json.loads(run("overview", str(org), "--format", "json")[1])
    assert data["ranked_by"] == "count" and data["set_aside"]["without_volume"] == 1
    shop.write_text(text.replace("    responses: 50\n", "    responses: 50\n    volume: 900\n"), encoding="utf-8")
    data = json.loads(run("overview", str(org), "--format", "json")[1])
    assert data["ranked_by"] == "customers"
    assert data["leverage"][0]["customers"] == 1800 and "customers a month" in data["ranking"]


def test_overview_leaves_out_thin_evidence_and_broken_links_and_says_so(org):
    shop = org / "shop.yaml"
    shop.write_text(shop.read_text(encoding="utf-8").replace("responses: 50", "responses: 3", 1)
                    .replace("internal/vans.yaml]", "internal/gone.yaml]"), encoding="utf-8")
    code, out, err = run("overview", str(org), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["set_aside"]["thin_evidence"] == 1 and data["set_aside"]["broken_links"] == 1
    assert [m["moment"] for m in data["leverage"][0]["affected"]] == ["deliver"]
    assert "1 link is broken or leaves the repository" in err
    assert "1 weak moment with an internal cycle behind it rests on too few answers" in err


def test_overview_picture_names_the_top_leverage_point(tmp_path):
    out = tmp_path / "overview.svg"
    code, _out, err = run("overview", str(CONNECTED / "en"), "-o", str(out))
    assert code == 0 and out.exists(), err
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith(("<?xml", "<svg", "<!DOCTYPE"))
    words = " ".join(re.sub(r"<[^>]+>", " ", svg).replace("&#8220;", "“").replace("&#8221;", "”").split())
    assert "Top leverage point: “The card team prints and sends the card”" in words
    for name in ("Waits for the card to arrive", "Activates the card and pays with it"):
        assert name in words
    dot = tmp_path / "overview.dot"
    assert run("overview", str(CONNECTED / "es"), "-o", str(dot), "--lang", "es")[0] == 0
    assert "Principal punto de palanca" in dot.read_text(encoding="utf-8")


def test_overview_usage_errors(tmp_path):
    assert run("overview", str(tmp_path / "missing"))[0] == 2
    assert run("overview", str(CONNECTED), "--format", "xml")[0] == 2


# -- pictures and pages follow the links -----------------------------------------------------

def test_render_marks_supported_moments_and_the_analyst_sees_the_file(tmp_path):
    client, analyst = tmp_path / "client.dot", tmp_path / "analyst.dot"
    source = str(CONNECTED / "en" / "replacement-card.yaml")
    assert run("render", source, "-o", str(client))[0] == 0
    assert run("render", source, "-o", str(analyst), "--view", "analyst")[0] == 0
    text = client.read_text(encoding="utf-8")
    assert text.count("⚙") == 4  # three supported moments and the legend
    assert "rests on an internal service" in text and "internal/card-issuing.yaml" not in text
    assert "⚙ internal/card-issuing.yaml#issue" in analyst.read_text(encoding="utf-8")
    plain = tmp_path / "plain.dot"
    assert run("render", str(ROOT / "examples" / "banco.yaml"), "-o", str(plain))[0] == 0
    assert "⚙" not in plain.read_text(encoding="utf-8")


def test_the_handout_links_a_moment_to_its_internal_service_and_back(tmp_path):
    out = tmp_path / "handout.html"
    assert run("handout", str(CONNECTED / "en" / "replacement-card.yaml"), "-o", str(out))[0] == 0
    page = out.read_text(encoding="utf-8")
    row = page[page.index('data-moment="wait"'):]
    row = row[:row.index("</tr>")]
    assert 'href="#internal-wait"' in row and "Card issuing for the branches" in row
    section = page[page.index('id="internal-wait"'):]
    section = section[:section.index("</div>")]
    assert 'href="#moment-wait"' in section
    assert "its internal customers rate it 2.2 where they expect 4.5 (35 answers); weak: the cause may be here" in section
    assert "in charge: Head of card issuing" in section
    # every link in the page has its target
    assert set(re.findall(r'href="#([\w-]+)"', page)) <= set(re.findall(r'id="([\w-]+)"', page))


def test_the_survey_of_an_internal_cycle_asks_the_internal_customer(tmp_path):
    internal, external = tmp_path / "internal.html", tmp_path / "external.html"
    assert run("survey", str(CONNECTED / "es" / "interno" / "emision-tarjetas.yaml"), "-o", str(internal))[0] == 0
    assert run("survey", str(CONNECTED / "es" / "reposicion-tarjeta.yaml"), "-o", str(external))[0] == 0
    inside, outside = internal.read_text(encoding="utf-8"), external.read_text(encoding="utf-8")
    assert "Su equipo o área:" in inside and "a través de él, a nuestros clientes" in inside
    assert "Su equipo o área:" not in outside


def test_names_from_a_linked_file_never_reach_the_terminal_raw(org):
    stock = org / "internal" / "stock.yaml"
    stock.write_text(stock.read_text(encoding="utf-8").replace("title: Warehouse", 'title: "Ware\\e[31mhouse\\u202e"'),
                     encoding="utf-8")
    for args in (("critique", str(org / "shop.yaml")), ("overview", str(org)), ("overview", str(org), "-f", "markdown")):
        code, out, _err = run(*args)
        assert code == 0 and "\x1b" not in out and "\u202e" not in out, args
        shown = out.replace("\\\\", "\\").replace("\\[", "[")  # Markdown escapes its own backslashes
        assert "Ware\\x1b[31mhouse\\u202e" in shown, args


def test_the_live_page_leads_to_the_internal_cycle_and_back():
    """`cyclemap serve` over the example set, real HTTP (the test_serve helpers)."""
    from tests.test_serve import serving

    with serving(str(CONNECTED / "en")) as server:
        external = server.get("/cycle/replacement-card.yaml")
        behind = external[external.index('<ul id="behind">'):]
        behind = behind[:behind.index("</ul>")]
        assert 'href="/cycle/internal/card-issuing.yaml"' in behind and 'href="/cycle/internal/courier.yaml"' in behind
        assert "“Waits for the card to arrive” rests on “The card team prints and sends the card”" in behind
        internal = server.get("/cycle/internal/card-issuing.yaml")
        back = internal[internal.index('<ul id="supports">'):]
        assert 'href="/cycle/replacement-card.yaml"' in back[:back.index("</ul>")]


@pytest.mark.parametrize("template, lang", [("internal-customer", "en"), ("cliente-interno", "es"),
                                            ("cliente-interno", "pt")])
def test_init_templates_show_the_link_in_every_language(tmp_path, template, lang):
    out = tmp_path / "c.yaml"
    assert run("init", "--template", template, "--lang", lang, "-o", str(out))[0] == 0
    assert re.search(r"^internal: true\b", out.read_text(encoding="utf-8"), re.M)
    bank = tmp_path / "b.yaml"
    assert run("init", "--template", "bank" if lang == "en" else "banco", "--lang", lang, "-o", str(bank))[0] == 0
    assert re.search(r"^    # supported_by: \[\w+/[\w.-]+\.yaml#\w+\]", bank.read_text(encoding="utf-8"), re.M)
    code, out_text, _err = run("check", str(out), "--format", "json")
    assert code == 0
