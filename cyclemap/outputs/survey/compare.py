"""Two waves side by side, for the client: a table in the report's language (numbers by
its locale, the waves by their labels), as text, Markdown or a self-contained HTML page
with a before/after picture — both waves' curves over the moments in cycle order, the
changes that are more than chance marked. Formats `engine.waves` data; judges nothing."""

from __future__ import annotations

from dataclasses import dataclass
from cyclemap.format.diagnostics import html_text as escape

from cyclemap.format.i18n import LOCALES, Verbatim, _

WORDS = {
    "moment": _("Moment"), "change": _("Change"), "interval": _("95 % interval"), "effect": _("Effect size"),
    "p": Verbatim("p"), "sig": _("Significant"), "yes": _("yes"), "no": _("no"),
    "untested": _("too few answers"),
    "hidden": _("fewer than {n} answers: not shown"),
    "title": _("Survey waves compared"),
    "picture": _("Each moment's score in both waves; a ring marks a change that is more than chance."),
}
TESTS = {
    "holm": _("Welch's t-test, two-sided; p adjusted for {moments} moments (Holm); significant when p < {alpha}"),
    "bh": _("Welch's t-test, two-sided; p adjusted for {moments} moments (Benjamini–Hochberg, false discovery "
            "rate); significant when p < {alpha}"),
    "none": _("Welch's t-test, two-sided, each moment alone (no adjustment for {moments} moments); significant "
              "when p < {alpha}"),
}


def fixed(value: float, lang: str, digits: int = 2, signed: bool = False) -> str:
    """A number with exactly `digits` decimals, in the language's notation."""
    from babel.numbers import format_decimal

    pattern = ("+" if signed else "") + "#,##0." + "0" * digits + (";-#,##0." + "0" * digits if signed else "")
    return format_decimal(round(value, digits) + 0.0, format=pattern, locale=LOCALES.get(lang, "en"))


@dataclass
class Sides:
    label_a: str
    label_b: str
    scale: tuple[float, float]
    method: str
    alpha: float
    min_answers: int = 0  # a side with fewer answers than this (a small segment) is not shown
    named: bool = False  # the labels are names the user gave (column heads), not file names


def _p(p: float | None, lang: str) -> str:
    if p is None:
        return "–"
    return "<" + fixed(0.001, lang, 3) if p < 0.001 else fixed(p, lang, 3)


def rows(changes, sides: Sides, lang: str) -> tuple[list[str], list[list[str]]]:
    w = {k: v(lang) for k, v in WORDS.items() if k != "hidden"}
    a, b = (sides.label_a, sides.label_b) if sides.named else ("A", "B")
    head = [w["moment"], f"{a} (n)", f"{b} (n)", w["change"], w["interval"], w["effect"],
            w["p"], w["sig"]]
    out = []
    for c in changes:
        if sides.min_answers and (0 < c.n_a < sides.min_answers or 0 < c.n_b < sides.min_answers):
            out.append([c.name, "", "", WORDS["hidden"].format(n=sides.min_answers)(lang), "", "", "", ""])
            continue
        side = lambda m, n: "–" if m is None else f"{fixed(m, lang)} ({n})"  # noqa: E731
        sig = w["untested"] if c.p is None else (w["yes"] if c.significant else w["no"])
        interval = "–" if c.low is None else f"{fixed(c.low, lang, 2, True)} … {fixed(c.high, lang, 2, True)}"
        out.append([c.name, side(c.mean_a, c.n_a), side(c.mean_b, c.n_b),
                    "–" if c.change is None else fixed(c.change, lang, 2, True), interval,
                    "–" if c.effect is None else fixed(c.effect, lang, 2, True),
                    _p(c.p_adjusted if c.p_adjusted is not None else c.p, lang), sig])
    return head, out


def test_line(changes, sides: Sides, lang: str) -> str:
    tested = sum(1 for c in changes if c.p is not None)
    return TESTS[sides.method].format(moments=tested, alpha=fixed(sides.alpha, lang, 3).rstrip("0"))(lang)


def text_table(changes, sides: Sides, lang: str, markdown: bool = False) -> str:
    head, body = rows(changes, sides, lang)
    test = test_line(changes, sides, lang)
    if markdown:
        lines = [f"- A = {sides.label_a}", f"- B = {sides.label_b}", f"- {test}", ""]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|")
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in body]
        return "\n".join(lines) + "\n"
    lines = [f"A = {sides.label_a}", f"B = {sides.label_b}", test, ""]
    widths = [max(len(r[i]) for r in body + [head]) for i in range(len(head))]
    fmt = lambda r: "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r))  # noqa: E731
    lines += [fmt(head), fmt(["-" * x for x in widths])] + [fmt(r) for r in body]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def picture(changes, sides: Sides, lang: str, width: int = 720, height: int = 320) -> str:
    """Both waves' curves (A dashed grey, B solid), one point per moment in cycle order,
    a ring on every significant change; self-contained SVG, readable in black and white."""
    shown = [c for c in changes if not (sides.min_answers and (0 < c.n_a < sides.min_answers
                                                               or 0 < c.n_b < sides.min_answers))]
    low, high = sides.scale
    span = (high - low) or 1.0
    left, right, top, bottom = 48, 150, 28, 110  # room on the right for the last name, slanted
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / max(len(shown) - 1, 1)

    def x(i: int) -> float:
        return left + (i * step if len(shown) > 1 else inner_w / 2)

    def y(v: float) -> float:
        return top + (high - v) / span * inner_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="sans-serif" '
           f'font-size="11" role="img" aria-label="{escape(WORDS["picture"](lang))}">']
    ticks = [low + k * span / 4 for k in range(5)]
    for t in ticks:
        out.append(f'<line x1="{left}" y1="{y(t):.1f}" x2="{width - right}" y2="{y(t):.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{escape(fixed(t, lang, 1))}</text>')
    for series, style in (("a", 'stroke="#777" stroke-dasharray="6 4"'), ("b", 'stroke="#111"')):
        points = [(x(i), y(getattr(c, f"mean_{series}"))) for i, c in enumerate(shown)
                  if getattr(c, f"mean_{series}") is not None]
        if len(points) > 1:
            out.append(f'<polyline fill="none" stroke-width="2" {style} points="'
                       + " ".join(f"{px:.1f},{py:.1f}" for px, py in points) + '"/>')
        for px, py in points:
            fill = "#fff" if series == "a" else "#111"
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{fill}" stroke="#111"/>')
    for i, c in enumerate(shown):
        if c.significant and c.mean_b is not None:
            out.append(f'<circle cx="{x(i):.1f}" cy="{y(c.mean_b):.1f}" r="9" fill="none" stroke="#111" '
                       f'stroke-width="1.5"/>')
        name = c.name if len(c.name) <= 28 else c.name[:27] + "…"
        out.append(f'<text transform="translate({x(i):.1f},{height - bottom + 14}) rotate(35)">{escape(name)}</text>')
    lx = left
    out.append(f'<line x1="{lx}" y1="12" x2="{lx + 24}" y2="12" stroke="#777" stroke-width="2" stroke-dasharray="6 4"/>'
               f'<text x="{lx + 30}" y="16">{escape(sides.label_a)}</text>')
    lx += 40 + 7 * len(sides.label_a)
    out.append(f'<line x1="{lx}" y1="12" x2="{lx + 24}" y2="12" stroke="#111" stroke-width="2"/>'
               f'<text x="{lx + 30}" y="16">{escape(sides.label_b)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def html_page(changes, sides: Sides, lang: str, title: str) -> str:
    from cyclemap.format.i18n import html_lang

    head, body = rows(changes, sides, lang)
    table = ["<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    for row in body:
        table.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    table.append("</tbody></table>")
    css = ("body{font-family:system-ui,'Segoe UI',Arial,sans-serif;max-width:60em;margin:2em auto;color:#111}"
           "table{border-collapse:collapse;width:100%;font-size:.92em}th,td{padding:.3em .5em;border-bottom:1px solid "
           "#ccc;text-align:right}th:first-child,td:first-child{text-align:left}figure{margin:1.5em 0}"
           "figcaption,.small{font-size:.85em;color:#333}")
    return "\n".join([
        f'<!DOCTYPE html><html lang="{escape(html_lang(lang))}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{css}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>A = {escape(sides.label_a)} · B = {escape(sides.label_b)}</p>",
        f"<figure>{picture(changes, sides, lang)}<figcaption>{escape(WORDS['picture'](lang))}</figcaption></figure>",
        "".join(table),
        f'<p class="small">{escape(test_line(changes, sides, lang))}</p>',
        "</body></html>\n"])
