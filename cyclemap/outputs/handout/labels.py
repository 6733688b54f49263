"""Every word the handout prints that is not the user's: headings, column names, the
names of kinds, channels, carriers and the ten expectations — each a catalogue entry
(`cyclemap.format.i18n`), so the page follows the cycle's language."""

from __future__ import annotations

from cyclemap.format.i18n import Text, Verbatim, _, _n, _p

from cyclemap.format.words import CARRIER, CHANNEL, DIMENSION, KIND  # noqa: E402,F401  (the format's words)

from cyclemap.format.diagnostics import Severity  # noqa: E402
from cyclemap.outputs.report import SEVERITY_WORDS  # noqa: E402  (one word per severity, everywhere)

SEVERITY = {s.value: SEVERITY_WORDS[s] for s in Severity}

DOC_TITLE = _("Workshop handout")
CUSTOMER = _p("handout header: who the cycle serves", "Customer")
SERVICE_LEVEL = _("Service level")
NO_SCORES = _("no scores yet: add the report card (`score`) to judge it")
PARTICIPANT = _p("handout fill-in line", "Participant")
DATE = _p("handout fill-in line", "Date")

H_DIAGRAM = _("The cycle of service")
DIAGRAM_CAPTION = _("The moments of truth in the order the customer lives them; the circle closes when the "
                    "customer comes back. Critical moments stand out; marks point at weak points.")


def split_note(count: int, by_stage: bool):
    """What the handout says of a picture split into sheets."""
    if by_stage:
        return _n("The picture is on {n} sheet, one per stage, so that its text prints at 8 pt or more.",
                  "The picture is on {n} sheets, one per stage, so that its text prints at 8 pt or more.", count)
    return _n("The picture is on {n} sheet, the moments in runs, so that its text prints at 8 pt or more.",
              "The picture is on {n} sheets, the moments in runs, so that its text prints at 8 pt or more.", count)


PRINTS_SMALL = _("The picture's smallest text prints at {size} pt, under 8 pt: print its page on A3.")
DIAGRAM_MISSING = _("The diagram could not be drawn on this machine ({reason}). Draw it with "
                    "`cyclemap render FILE -o cycle.svg` once rendering is available.")

H_CURVE = _("Expectation and perception along the cycle")
CURVE_CAPTION = _("Moments in the customer's order (numbers as in the table). Dashed: what customers expect; "
                  "solid: what they say they got (the report card). Orange: the service falls short; green: "
                  "it exceeds expectations. Diamonds: critical moments.")
CURVE_NO_DATA = _("No moment has an expectation or a score yet, so there is no curve to draw. Add "
                  "`expectation` and `score` to the moments (or pass a survey with --ratings).")
CURVE_NO_SCORES = _("No moment has a score yet: only the expectations are drawn. Ask customers (the "
                    "report card) and add `score`, or pass a survey with --ratings.")
LEGEND_EXPECTATION = _p("handout chart legend", "expectation")
LEGEND_SCORE = _p("handout chart legend", "perception (score)")
LEGEND_SHORT = _p("handout chart legend", "falls short")
LEGEND_EXCEEDS = _p("handout chart legend", "exceeds")
LEGEND_CRITICAL = _p("handout chart legend", "critical")
LEGEND_ROUTINE = _p("handout chart legend", "routine")
# A point's tooltip on the chart: "2. Waits in line — expectation: 4, perception (score): 2.3".
CURVE_TIP = _("{number}. {name} — expectation: {expectation}, perception (score): {score}")
CURVE_ARIA = _("Line chart of expectation and score for each moment")

H_IMPORTANCE = _("What matters and how it goes")
IMPORTANCE_CAPTION = _("Each moment by how much customers say it matters (up) and how they rate it (right), split at the "
                       "moments' averages: concentrate on the top left.")
H_MOMENTS = _("The moments of truth")
MOMENTS_INTRO = _("In the order the customer lives them. Use the last column for your own notes: what "
                  "you saw, what you would change.")
COL_NUMBER = Verbatim("#")
COL_MOMENT = _("Moment · stage · kind")
COL_CHANNEL = _("Channel · carried by")
COL_OWNER = _p("handout table column", "Owner")
COL_STANDARD = _p("handout table column", "Standard")
COL_SCORE = _("Score vs expectation")
COL_NOTES = _("Your notes")
MISSING_OWNER = _("no owner")
MISSING_STANDARD = _("no standard")
RECOVERY = _("If it fails")
SERVES = _p("handout: the expectations a moment serves", "Serves")
BRANCH_WHEN = _("if {when} → {to}")

H_WEAK = _("Weak points")
WEAK_INTRO = _("Where the service of this cycle is weakest, most serious first.")
WEAK_NONE = _("No weak points found: a good moment to raise the bar.")
FIX = _("What to do")
OUR_STEP = _("Our next step")
WHOLE_CYCLE = _("The whole cycle")

H_DISCUSSION = _("Questions for discussion")
DISCUSSION_INTRO = _("In small groups: pick two questions, answer them from the customer's side, and bring "
                     "one concrete change back to the room.")
FROM_FINDINGS = _("From this cycle's weak points")
FROM_COURSE = _("From the course")

H_GLOSSARY = _("Glossary")
FOOTER = _("Made with cyclemap from {path}.")

# The participant's edition: no codes, no file keys.
P_NOTES_INTRO = _("For each moment, note what goes well and what goes wrong for the customer, and what you would change.")
P_COL_MOMENT = _p("handout table column", "Moment")
P_COL_SCORE = _p("handout table column", "Score")
P_QUESTIONS_INTRO = _("Talk these over in your group and write down what you agree on.")
P_SCORE = _("{mark} {score} (expected {exp})")
P_NO_SCORE = _("○ no score yet")
P_WEAK = _("weak point {n}")


def moments_count(n: int, critical: int) -> Text:
    """"8 moments of truth, 5 critical": the header's count."""
    return _n("{n} moment of truth, {critical}", "{n} moments of truth, {critical}", n).format(
        critical=_n("{n} critical", "{n} critical", critical))


def responses(n: int) -> Text:
    """"120 answers" under a moment's score."""
    return _n("{n} answer", "{n} answers", n)


def weak_more(findings: int, moments: int) -> Text:
    """The line under the weak points when more are left out than shown."""
    return _n("… and {n} more finding on {others}: `cyclemap critique FILE` lists them all.",
              "… and {n} more findings on {others}: `cyclemap critique FILE` lists them all.", findings).format(
        others=_n("{n} other moment", "{n} other moments", moments))
