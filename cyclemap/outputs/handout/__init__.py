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


def build_handout(checked: "CheckedCycle", source_name: str | None = None) -> str:
    """The handout for a checked cycle as an HTML string, in its language, with its
    service level and ranked weak points exactly as the critique has them."""
    from cyclemap.outputs.handout.page import build_html
    from cyclemap.outputs.handout.sources import assess, clock_diagram

    assessment = assess(checked)
    diagram = clock_diagram(checked)
    return build_html(checked.cycle, checked.lang, assessment, diagram, source_name or checked.path, checked.settings)
