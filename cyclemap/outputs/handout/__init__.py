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

from cyclemap.format.settings import Config
from cyclemap.format.diagnostics import Diagnostic
from cyclemap.format.model import Cycle


def build_handout(cycle: Cycle, diagnostics: list[Diagnostic], lang: str,
                  config: Config | None = None, source_name: str | None = None) -> str:
    """The handout for a loaded cycle as an HTML string."""
    from cyclemap.outputs.handout.page import build_html
    from cyclemap.outputs.handout.sources import assess, clock_diagram

    assessment = assess(cycle, diagnostics, config, lang)
    diagram = clock_diagram(cycle, diagnostics, lang)
    return build_html(cycle, lang, assessment, diagram, source_name or cycle.path, config)
