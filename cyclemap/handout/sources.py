"""What the handout shows that other parts of cyclemap compute: the weak points (the
critique) and the clock diagram (the renderer). Both are gathered here, so the page
builder only turns data into HTML.

If the ranked critique is not available, the weak points come straight from the
diagnostics with each rule's own "why" and "how to fix" text, and the page says so.
If the diagram cannot be drawn, the page shows a visible bilingual note instead of a
figure — never a placeholder picture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyclemap.config import Config
from cyclemap.diagnostics import Diagnostic, Severity, Text
from cyclemap.model import Cycle


@dataclass(frozen=True)
class WeakPoint:
    code: str
    severity: str  # error | warning | info
    moment_id: str | None
    message: Text
    why: Text
    fix: Text
    hint: Text | None = None  # the one-line next step, when the rule has one


@dataclass(frozen=True)
class Assessment:
    weak_points: list[WeakPoint]
    ranked: bool  # True: from the critique (ranked); False: straight from the diagnostics
    level: object | None  # a ServiceLevel-like object (.name, .description: Text), or None


def _text(value: object) -> Text:
    if isinstance(value, Text):
        return value
    return Text(str(value or ""), str(value or ""))


def _severity(value: object) -> str:
    return getattr(value, "value", str(value)).lower()


def assess(cycle: Cycle, diagnostics: list[Diagnostic], config: Config | None = None,
           lang: str = "en") -> Assessment:
    """The weak points and the service level, from the critique when it is available."""
    try:
        from cyclemap.critique import build_critique
    except ImportError:
        build_critique = None
    if build_critique is not None:
        critique = build_critique(cycle, diagnostics, config or Config(), lang)
        points = [
            WeakPoint(w.code, _severity(w.severity), getattr(w, "moment_id", None),
                      _text(w.message), _text(getattr(w, "why", "")), _text(getattr(w, "fix", "")),
                      getattr(w, "hint", None))
            for w in critique.weak_points
        ]
        return Assessment(points, True, getattr(critique, "service_level", None))
    return Assessment(fallback_weak_points(diagnostics), False, _level(cycle, config))


def _level(cycle: Cycle, config: Config | None) -> object | None:
    from cyclemap.service_level import service_level

    return service_level(cycle, gap_margin=(config or Config()).threshold("gap_margin"))


def fallback_weak_points(diagnostics: list[Diagnostic]) -> list[WeakPoint]:
    """Weak points straight from the diagnostics (errors and warnings), with each rule's
    documented why and fix."""
    from cyclemap.rules import get_rule

    points = []
    for d in diagnostics:
        if d.severity is Severity.INFO:
            continue
        rule = get_rule(d.code)
        why = Text(rule.section("why", "en"), rule.section("why", "es")) if rule else Text("", "")
        fix = Text(rule.section("fix", "en"), rule.section("fix", "es")) if rule else Text("", "")
        points.append(WeakPoint(d.code, d.severity.value, d.moment, d.message, why, fix, d.hint))
    points.sort(key=lambda w: -Severity(w.severity).rank)
    return points


@dataclass(frozen=True)
class Diagram:
    svg: str | None  # inline-ready <svg>…</svg>, or None
    reason: Text | None  # why there is no diagram


_PROLOGUE = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
# Graphviz escapes text (no raw "<" outside tags), so looking inside tags is enough.
_DANGEROUS = re.compile(r"<\s*(script|foreignObject|iframe|object|embed|image|use)\b|<[^>]*\son[a-z]+\s*=|"
                        r"javascript:|<[^>]*href\s*=\s*[\"'](?!#)", re.IGNORECASE)
_ROOT_SIZE = re.compile(r'(<svg\b[^>]*?)\s(width|height)="[^"]*"', re.IGNORECASE)


def inline_svg(svg: str) -> str | None:
    """Make a Graphviz SVG fit for inlining into the page: no XML prologue or comments,
    scalable (its viewBox kept, fixed width/height dropped). None if it holds anything
    that could run or load (scripts, event handlers, outside links)."""
    body = _PROLOGUE.sub("", svg).strip()
    if not body.lower().startswith("<svg") or _DANGEROUS.search(body):
        return None
    for _ in range(2):
        body = _ROOT_SIZE.sub(r"\1", body, count=1)
    return body.replace("<svg", '<svg class="diagram" role="img"', 1)


def clock_diagram(cycle: Cycle, diagnostics: list[Diagnostic], lang: str) -> Diagram:
    """The clock-layout diagram from the renderer, or the reason it is missing."""
    try:
        from cyclemap.render import render_bytes
    except ImportError:
        return Diagram(None, Text("the renderer is not part of this cyclemap build",
                                  "el módulo de dibujo no forma parte de esta versión de cyclemap"))
    try:
        data = render_bytes(cycle, diagnostics, layout="clock", fmt="svg", engine="auto", lang=lang)
    except Exception as exc:  # any engine failure: the handout still prints, and says why
        text = getattr(exc, "text", None)
        if isinstance(text, Text):
            return Diagram(None, text)
        message = str(exc) or type(exc).__name__
        return Diagram(None, Text(message, message))
    svg = inline_svg(data.decode("utf-8", errors="replace"))
    if svg is None:
        return Diagram(None, Text("the drawing held content that cannot be inlined safely",
                                  "el dibujo contenía algo que no se puede insertar con seguridad"))
    return Diagram(svg, None)
