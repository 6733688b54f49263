"""The workshop handout: one self-contained, printable HTML page for a cycle — the clock
diagram, the expectation-versus-perception curve, the moments table with a column for
participants' notes, the weak points with why and what to do, discussion questions and
a short glossary, all in the cycle's language.

- `page.py` builds the HTML (inline CSS from `handout.css`);
- `curve.py` draws the curve as SVG; `questions.py` and `glossary.py` hold the texts;
- `sources.py` gathers the critique and the diagram ;
- `pdf.py` prints the same page to PDF with a headless Chromium.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle


EDITIONS = ("facilitator", "participant", "summary")


def build_handout(checked: "CheckedCycle", source_name: str | None = None, edition: str = "facilitator",
                  notes: list | None = None) -> str:
    """The handout for a checked cycle as an HTML string, in its language, with its
    service level and ranked weak points exactly as the critique has them.

    `facilitator`: everything (diagram, curve, moments table, weak points with why and
    what to do, questions, glossary). `participant`: the diagram full size, the
    worksheet (15 mm of room to write per moment), the discussion questions — three
    pages for up to 16 moments; no codes and no file keys. In both, a diagram whose text
    would print under 8 pt is split into sheets, a landscape page each (`sources.py`). `summary`: the one-page executive summary (level and why,
    the three points to act on first, the evidence). What the page says of the picture's
    size (split, or under 8 pt) is appended to `notes`, for the command to say on stderr."""
    from cyclemap.outputs.handout.page import build_html, build_participant_html, size_note
    from cyclemap.outputs.handout.sources import assess, clock_diagram

    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; expected one of {', '.join(EDITIONS)}")
    if edition == "summary":  # one page to send: no diagram
        from cyclemap.outputs.handout.summary import build_summary_html

        return build_summary_html(checked)
    assessment = assess(checked)
    diagram = clock_diagram(checked, edition)
    note = size_note(diagram)
    if notes is not None and note is not None:
        notes.append(note)
    if edition == "participant":
        from cyclemap.outputs.render.client import top_weak_moments

        badges = top_weak_moments(checked, {m.id for m in checked.cycle.moments})
        return build_participant_html(checked.cycle, checked.lang, assessment, diagram, badges, checked.settings)
    return build_html(checked.cycle, checked.lang, assessment, diagram, source_name or checked.path, checked.settings,
                      checked)
