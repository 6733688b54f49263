"""CM009 bad-ratings-row: a row of a ratings CSV that cannot be used.

What it checks
    When survey ratings come from a file (`--ratings FILE.csv|.xlsx`, one row per answer
    `moment,rating[,respondent]`, or one row per respondent with a column per moment),
    that every row names a moment of the cycle, has a number on the cycle's scale as its
    rating, and that one respondent rates one moment once; and that the file is UTF-8 (or
    UTF-16 with a BOM) text or an Excel workbook. Blank and N/A answers are skipped and
    counted (an info note), as are survey answers set aside because the file's own score
    rests on more answers (threshold `min_responses`, declared with CM121).

Why it matters
    The report card is only as good as its rows. A rating for a misspelt moment, a "5+"
    or a 7 on a 1 to 5 scale would silently skew a mean or vanish; the score of a
    critical moment then misleads the team about what customers perceived. Each bad row
    is reported with its line so it can be fixed at the source, and the other rows still
    count.

How to fix
    Go to the CSV line shown. Use the moment's `id` (not its name) in the first column,
    a plain number on the scale in the second (`4.5`, or `"4,5"`), and save the file as
    CSV UTF-8.
"""

from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import _
from cyclemap.engine.rules import rule_from_module

RULE = rule_from_module(
    __name__,
    code="CM009",
    name="bad-ratings-row",
    severity=Severity.ERROR,
    summary=_("A ratings CSV row that cannot be used"),
    hint=_("fix or remove this row; the other rows still count"),
    fails="moment,rating,respondent\nwait,4,r1\nwiat,5,r2\n",
    passes="moment,rating,respondent\nwait,4,r1\nwait,5,r2\n",
    check=lambda ctx: (),
    reported_by_loader=True,
    examples_are="ratings",
    example_cycle="cyclemap: 1\ntitle: Bank\nmoments:\n  - {id: wait, name: Waits in line, kind: critical}\n  - {id: served, name: Is served, kind: routine}\n",
)
