"""Each class of untrue or unsupported client text the consultant trial found, through the
command line: complaint desks ranked by what they decide, thin scores that do not sink the
level, a level on the line that says so, numbers rounded to the scale, customers who
cannot leave, the complaint moment's own point, robotic treatment named."""

from __future__ import annotations

import json
import re

from tests.conftest import run_app


def critique(write, text: str, *args: str) -> tuple[dict, str]:
    path = write("c.yaml", text)
    data = run_app("critique", str(path), "--format", "json", "--lang", "en", *args)
    out = run_app("critique", str(path), "--lang", "en", *args, env={"COLUMNS": "400"})
    assert data.code == 0 and out.code == 0, data.err + out.err
    return json.loads(data.out), " ".join(out.out.split())


GOOD = ("owner: Duty manager, standard: Served within 5 min, "
        "recovery: The duty manager offers another slot within 10 min and looks for the cause")


def test_a_complaint_desk_ranks_by_what_it_decides_not_by_its_share_of_answers(write):
    data, _ = critique(write, f"""cyclemap: 1
title: Branch
moments:
  - {{id: a, name: Queues, kind: routine, score: 3.4, expectation: 4, responses: 400, next: [b, desk]}}
  - {{id: b, name: Is served, kind: critical, {GOOD}, score: 4.3, expectation: 4, responses: 400}}
  - {{id: desk, name: Complains at the desk, kind: routine, collects: complaint, score: 2.0, expectation: 4,
     responses: 25, next: [b]}}
""")
    names = [p["moment_name"] for p in data["weak_points"]]
    assert names.index("Complains at the desk") < names.index("Queues")


def test_a_thin_critical_score_does_not_sink_the_level_and_says_how_many_more(write):
    data, text = critique(write, f"""cyclemap: 1
title: Clinic
moments:
  - {{id: a, name: Books, kind: critical, {GOOD}, score: 4.6, expectation: 4, responses: 300}}
  - {{id: b, name: Is seen, kind: critical, {GOOD}, score: 1.5, expectation: 4, responses: 8}}
  - {{id: c, name: Rates the visit, kind: routine, collects: survey, score: 4.5, expectation: 4, responses: 300}}
""")
    assert data["level"]["id"] not in ("pesimo", "malo")
    assert data["level"]["mean_gap"] > 0, "the 8 answers do not move the mean gap"
    [thin] = [p for p in data["weak_points"] if p["moment"] == "b"]
    assert thin["uncertain"] and thin["rank"] == len(data["weak_points"])
    assert re.search(r"This rests on 8 answers, too few to be sure: about \d+ more would settle it", thin["why"])
    assert "lost without a word" not in thin["text"]


def test_a_level_on_the_line_says_so(write):
    cycle = f"""cyclemap: 1
title: Office
moments:
  - {{id: a, name: Arrives, kind: routine, score: 4.7, expectation: 4.5, responses: 100, collects: survey}}
  - {{id: b, name: Is served, kind: critical, {GOOD}, score: SCORE, expectation: 4.5, responses: 100}}
"""
    on, _ = critique(write, cycle.replace("SCORE", "4.0"))
    above, _ = critique(write, cycle.replace("SCORE", "4.05"))
    assert on["level"]["id"] == "malo" and above["level"]["id"] == "normal"
    assert any("near a line" in r and "normal" in r for r in on["level"]["reasons"])
    assert any("near a line" in r and "poor" in r for r in above["level"]["reasons"])


def test_numbers_are_rounded_to_the_scale(write):
    _, text = critique(write, f"""cyclemap: 1
title: Survey out of 100
scale: [0, 100]
moments:
  - {{id: a, name: Calls, kind: critical, {GOOD}, score: 38, expectation: 80, responses: 60}}
  - {{id: b, name: Hangs up, kind: routine}}
""")
    interval = re.search(r"95 % interval (\S+)–(\S+?)[),]", text)
    assert interval and "." not in interval.group(1) + interval.group(2), text


def test_customers_who_cannot_leave_are_not_told_they_leave(write):
    data, text = critique(write, f"""cyclemap: 1
title: Water company
customers_can_leave: false
moments:
  - {{id: a, name: Reports a leak, kind: critical, {GOOD}, score: 1.8, expectation: 4, responses: 200}}
  - {{id: b, name: Gets the repair, kind: critical, score: 2.0, expectation: 4, responses: 200}}
""")
    for phrase in ("simply do not come back", "customers do not come back", "being lost", "never return",
                   "will not return", "empty chairs"):
        assert phrase not in text, phrase
    assert "cannot simply go elsewhere" in text and "regulator" in text


def test_the_complaint_moment_gets_its_own_point(write):
    data, _ = critique(write, f"""cyclemap: 1
title: Shop
moments:
  - {{id: a, name: Buys, kind: critical, {GOOD}, score: 4.5, expectation: 4, responses: 200}}
  - {{id: q, name: Files a complaint, kind: critical, collects: complaint, {GOOD}, score: 2.0, expectation: 4,
     responses: 60}}
""")
    [point] = [p for p in data["weak_points"] if p["moment"] == "q"]
    assert "7 in 10 come back" in point["why"]
    assert "4 in 100" not in point["text"] and "without a word" not in point["text"]
    assert "how complaints are handled" in point["todo"]


def test_robotic_treatment_is_named_and_containment_gets_prevention(write):
    data, _ = critique(write, """cyclemap: 1
title: Bank
moments:
  - {id: bot, name: Talks to the chatbot, kind: critical, carried_by: systems, channel: digital, owner: Digital lead,
     standard: Answers within 5 s, recovery: Nothing, score: 2.0, expectation: 4, responses: 100}
  - {id: desk, name: Teller, kind: critical, owner: Head teller, standard: Served within 5 min,
     recovery: The head teller serves the customer immediately, score: 2.5, expectation: 4, responses: 100}
""")
    by_id = {p["moment"]: p for p in data["weak_points"]}
    assert "robotic treatment" in by_id["bot"]["why"]
    assert "prevention, not only containment" in by_id["desk"]["todo"]
