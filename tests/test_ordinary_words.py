"""Ordinary words never hide a diagram: a moment named with words that look like markup or
script ("javascript:", "online = fast", "<script>", "onclick=") keeps its diagram in the
handout and on the live page, because what is refused is judged on the drawing's parsed
XML (elements, attribute names, link targets), never on its text. And what would run or
load is still refused."""

from __future__ import annotations

import pytest

from cyclemap.outputs.handout.sources import inline_svg

NAMES = ['"javascript: the course"', '"Pays online = fast"', '"<script>alert(1)</script>"',
         '"onclick=alert(1) at the desk"', '"Calls us: href=\'http://x\'"', '"url(javascript:alert(1))"']
CYCLE = ("cyclemap: 1\ntitle: 'javascript: alert(1)'\nlanguage: en\nmoments:\n"
         + "".join(f"  - {{id: m{i}, name: {n}, kind: {'critical' if i == 0 else 'routine'}}}\n" for i, n in enumerate(NAMES)))


def test_the_handout_keeps_its_diagram(cli, write, tmp_path):
    source = write("words.yaml", CYCLE)
    out = tmp_path / "handout.html"
    run = cli("handout", str(source), "-o", str(out))
    assert run.code == 0, run.err
    html = out.read_text(encoding="utf-8")
    assert 'class="diagram"' in html, "the diagram was dropped"
    assert "<script>alert(1)</script>" not in html  # the name is text, escaped


def test_the_live_page_keeps_its_diagram(write):
    from cyclemap.cli.usage import make_pipeline
    from cyclemap.outputs.serve.workspace import Root, Workspace

    source = write("words.yaml", CYCLE)
    workspace = Workspace([Root(str(source.parent))], lambda: make_pipeline(), engine="embedded")
    workspace.refresh()
    entry = workspace.picture("words.yaml", "clock")
    assert entry.svgs.get("clock"), entry.draw_problem


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><g onclick="x()"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<a xlink:href="javascript:alert(1)"><text>a</text></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.com"><text>a</text></a></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><g style="background:url(https://x/y.png)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
    '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    "<svg><unclosed></svg>",
])
def test_what_could_run_or_load_is_still_refused(svg):
    assert inline_svg(svg) is None


def test_words_in_text_and_tooltips_are_kept():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" '
           'height="5pt" viewBox="0 0 10 5"><g id="a"><title>javascript: onclick=x href=y</title>'
           '<a xlink:title="javascript:alert(1) online = fast" xlink:href="#m1"><text>&lt;script&gt;</text></a>'
           '</g></svg>')
    out = inline_svg(svg)
    assert out is not None and out.startswith('<svg class="diagram" role="img"') and 'width="10pt"' not in out
