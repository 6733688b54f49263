"""Importance–performance quadrants from a survey that asked both questions."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from cyclemap.engine.importance import importance_performance, quadrant_of, quadrant_svg
from cyclemap.engine.pipeline import Pipeline

CYCLE = """cyclemap: 1
title: Bank
language: es
moments:
  - {id: arrive, name: Llega a la sucursal, kind: routine}
  - {id: wait, name: Espera su turno, kind: critical}
  - {id: served, name: Lo atiende un asesor, kind: critical}
  - {id: leaves, name: Sale con su cuenta, kind: routine}
"""


def test_quadrants_from_a_survey_made_by_cyclemap(cli, write, tmp_path):
    source = write("bank.yaml", CYCLE)
    template = tmp_path / "s.csv"
    assert cli("survey", str(source), "-o", str(template), "--importance").code == 0
    header = next(csv.reader(io.StringIO(template.read_text(encoding="utf-8-sig")), delimiter=";"))  # a Spanish template
    # (performance, importance) per moment: wait matters and fails, served matters and
    # works, arrive matters little and fails, leaves matters little and works.
    wanted = {"wait": (2, 5), "served": (5, 5), "arrive": (2, 2), "leaves": (5, 2)}
    rows = []
    for r in range(5):
        cells = {"respondent": f"r{r}"}
        for moment, (perf, imp) in wanted.items():
            cells[moment], cells[f"importance_{moment}"] = str(perf), str(imp)
        rows.append(",".join(cells.get(c, "") for c in header))
    filled = write("filled.csv", ",".join(header) + "\n" + "\n".join(rows) + "\n")
    result = importance_performance(Pipeline(ratings=str(filled)).check(str(source)))
    quadrants = {p.id: p.quadrant for p in result.placements}
    assert quadrants == {"wait": "concentrate", "served": "keep", "arrive": "low", "leaves": "overkill"}
    data = result.as_data("es")
    assert [m["id"] for m in data["moments"]] == ["arrive", "wait", "served", "leaves"]
    assert {m["label"] for m in data["moments"]} == {"Concentrarse aquí", "Mantener el buen trabajo",
                                                     "Baja prioridad", "Posible exceso"}
    svg = quadrant_svg(result, "es")
    ET.fromstring(svg)  # well-formed
    assert "Espera su turno — Concentrarse aquí" in svg and "wait" not in svg


def test_the_critique_and_the_handout_show_the_quadrants(cli, write, tmp_path):
    """Through the real command line: the critique's JSON and markdown, and the handout."""
    import json

    source = write("bank.yaml", CYCLE)
    template = tmp_path / "s.csv"
    assert cli("survey", str(source), "-o", str(template), "--importance").code == 0
    header = next(csv.reader(io.StringIO(template.read_text(encoding="utf-8-sig")), delimiter=";"))  # a Spanish template
    wanted = {"wait": (2, 5), "served": (5, 5), "arrive": (2, 2), "leaves": (5, 2)}
    rows = [",".join({"respondent": f"r{r}", **{m: str(p) for m, (p, _) in wanted.items()},
                      **{f"importance_{m}": str(i) for m, (_, i) in wanted.items()}}.get(c, "") for c in header)
            for r in range(5)]
    filled = write("filled.csv", ",".join(header) + "\n" + "\n".join(rows) + "\n")
    data = json.loads(cli("critique", str(source), "--ratings", str(filled), "--format", "json").out)
    assert {m["id"]: m["quadrant"] for m in data["importance"]["moments"]}["wait"] == "concentrate"
    markdown = cli("critique", str(source), "--ratings", str(filled), "--format", "markdown").out
    assert "## Importancia y desempeño" in markdown and "**Concentrarse aquí:** Espera su turno" in markdown
    out = tmp_path / "taller.html"
    assert cli("handout", str(source), "--ratings", str(filled), "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    assert 'id="importance"' in html and "Espera su turno — Concentrarse aquí" in html
    plain = json.loads(cli("critique", str(source), "--format", "json").out)
    assert plain["importance"] is None


def test_no_quadrants_without_importance_answers(write):
    source = write("bank.yaml", CYCLE)
    ratings = write("r.csv", "moment,rating\nwait,2\nserved,4\n")
    assert importance_performance(Pipeline(ratings=str(ratings)).check(str(source))) is None


def test_a_moment_on_the_crosshair_counts_as_high():
    assert quadrant_of(3, 3, 3, 3) == "keep" and quadrant_of(2.9, 3, 3, 3) == "overkill"


def test_long_form_with_an_importance_column(write):
    source = write("bank.yaml", CYCLE)
    rows = "".join(f"{m},{p},r{r},{i}\n" for r in range(5)
                   for m, p, i in (("wait", 2, 5), ("served", 5, 4), ("arrive", 3, 1)))
    ratings = write("long.csv", "momento,calificación,encuestado,importancia\n" + rows)
    result = importance_performance(Pipeline(ratings=str(ratings)).check(str(source)))
    assert {p.id: p.quadrant for p in result.placements} == {"wait": "concentrate", "served": "keep", "arrive": "low"}
    assert [round(p.importance, 2) for p in result.placements] == [1, 5, 4]
