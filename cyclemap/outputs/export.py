"""A cycle in other tools' formats: Mermaid, Markdown, CSV, JSON. Pure: text in, text out.

- `mermaid`: a Mermaid `journey` (GitHub renders it in Markdown), in a ```mermaid fence
  ready to paste into Markdown (bare for a `.mmd` file): one section per stage in the
  customer's order, each moment a numbered task (so a name that begins with a Mermaid
  keyword such as `section` or `title`, or holds `%%`, stays a task) whose score is mapped
  onto Mermaid's 1–5, whose text carries the real score and the expectation, and whose
  actor is the moment's owner.
- `markdown`: a table of the moments (for a README or a report); names are made inert
  (`cyclemap.outputs.markdown`: no links, images, HTML or @mentions).
- `csv`: one row per moment, for spreadsheets (RFC 4180 quoting; text that a spreadsheet
  would run as a formula gets a leading `'`).
- `json`: the normalised model (see `to_json` for the keys; all always present).
"""

from __future__ import annotations

import csv
import io
import json
import re

from typing import TYPE_CHECKING

from cyclemap.engine.graph import edges, unique_moments
from cyclemap.format.diagnostics import Severity, cell_text, one_line, terminal_text
from cyclemap.format.i18n import Number, _, _p, number
from cyclemap.format.model import Cycle, Moment

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle

EXPORTS = ("mermaid", "markdown", "csv", "json")
JSON_FORMAT = 1  # version of the JSON export's shape

W = {
    "moment": _("Moment"),
    "kind": _("Kind"),
    "stage": _("Stage"),
    "channel": _("Channel"),
    "owner": _("Owner"),
    "score": _("Score"),
    "expectation": _("Expectation"),
    "findings": _("Weak points"),
    "critical": _p("kind of moment", "critical"),
    "routine": _p("kind of moment", "routine"),
    "no_stage": _("Other moments"),
    "moments": _("Moments"),
    "no_score": _("no score: shown as 3"),
    # TRANSLATORS: a Mermaid journey task's note: "Pays (score 2.3, expected 4)"
    "score_vs": _("score {score}, expected {expectation}"),
    "expected": _("expected {expectation}"),
}


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _shown(value: float | None, lang: str) -> str:
    """A number for people (a table, a note), in the language's notation: 2.3, 2,3."""
    return "" if value is None else number(value, lang, 2)


# ---------------------------------------------------------------- Mermaid


def _mermaid_text(text: object) -> str:
    """One line of Mermaid journey text: no line breaks, no `:` (it separates the
    fields), no `;` or `#` (statement end, entity start)."""
    value = one_line(re.sub(r"\s+", " ", str(text)).strip())
    value = value.replace(":", " -").replace(";", ",").replace("#", "nº")
    value = re.sub(r"%{2,}", "%", value)  # `%%` starts a Mermaid comment
    return value or "-"


def to_mermaid_score(score: float, scale: tuple[float, float]) -> int:
    low, high = scale
    if high <= low:
        return 3
    return max(1, min(5, round(1 + 4 * (score - low) / (high - low))))


def to_mermaid(cycle: Cycle, moments: list[Moment], lang: str = "en", fenced: bool = True) -> str:
    lines = ["journey", f"    title {_mermaid_text(cycle.title)}"]
    number = {m.id: i for i, m in enumerate(moments, 1)}
    # Sections in the declared stage order (then stages used but not declared, then
    # moments with no stage); moments within a section in the customer's order.
    sections: dict[str | None, list[Moment]] = {stage: [] for stage in cycle.stages}
    for m in moments:
        sections.setdefault(m.stage, []).append(m)
    if None in sections:
        sections[None] = sections.pop(None)
    staged = any(m.stage for m in moments)
    unscored = False
    for stage, members in sections.items():
        if not members:
            continue
        name = stage or (W["no_stage"](lang) if staged else W["moments"](lang))
        lines.append(f"    section {_mermaid_text(name)}")
        lines += [_mermaid_task(m, cycle, number[m.id], lang) for m in members]
        unscored = unscored or any(m.score is None for m in members)
    if unscored:
        lines.insert(1, f"    %% {W['no_score'](lang)}")
    text = "\n".join(lines) + "\n"
    return f"```mermaid\n{text}```\n" if fenced else text


def _mermaid_task(m: Moment, cycle: Cycle, number: int, lang: str = "en") -> str:
    """One journey task: `n. name (score, expected): score: actor` (a moment with no score
    shows as 3, said in a comment). The number keeps the customer's order visible and
    means no name can start with a Mermaid keyword (`section`, `title`…)."""
    score = 3 if m.score is None else to_mermaid_score(m.score, cycle.scale)
    actor = _mermaid_text(m.owner).replace(",", " ") if m.owner else ""
    task = ("◆ " if m.critical else "") + f"{number}. " + _mermaid_text(m.name)
    if m.expectation is not None:
        values = {"score": Number(m.score, 2) if m.score is not None else "", "expectation": Number(m.expectation, 2)}
        note = W["score_vs"] if m.score is not None else W["expected"]
        task += f" ({note.format(**values)(lang)})"
    return f"      {task}: {score}" + (f": {actor}" if actor else "")


# ---------------------------------------------------------------- Markdown


def _md(text: object) -> str:
    from cyclemap.outputs.markdown import inline

    return inline(terminal_text(text))  # no terminal escapes or bidi marks, then no links or HTML


def to_markdown(cycle: Cycle, moments: list[Moment], diagnostics=(), lang: str = "en") -> str:
    codes: dict[str, list[str]] = {}
    for d in diagnostics or ():
        if d.moment and d.severity is not Severity.INFO:
            codes.setdefault(d.moment, []).append(d.code)
    heads = ["#", W["moment"](lang), W["kind"](lang), W["stage"](lang), W["channel"](lang), W["owner"](lang),
             W["score"](lang), W["expectation"](lang), W["findings"](lang)]
    out = [f"### {_md(cycle.title)}", ""]
    out.append("| " + " | ".join(heads) + " |")
    out.append("|" + "|".join(["---:", "---", "---", "---", "---", "---", "---:", "---:", "---"]) + "|")
    for i, m in enumerate(moments, 1):
        kind = f"**{W['critical'](lang)}**" if m.critical else W["routine"](lang)
        name = f"**{_md(m.name)}**" if m.critical else _md(m.name)
        row = [str(i), name, kind, _md(m.stage or ""), _md(m.channel or ""), _md(m.owner or ""),
               _shown(m.score, lang), _shown(m.expectation, lang), " ".join(sorted(set(codes.get(m.id, []))))]
        out.append("| " + " | ".join(row) + " |")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- CSV

CSV_COLUMNS = ("order", "id", "name", "kind", "stage", "channel", "carried_by", "owner", "standard",
               "recovery", "dimensions", "expectation", "score", "responses", "feedback", "next", "notes")


def _cell(text: str | None) -> str:
    """Text for a spreadsheet (the one rule: `diagnostics.cell_text`)."""
    return cell_text(text)


def _next_ids(cycle: Cycle) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in edges(cycle):
        out.setdefault(e.source, []).append(e.target)
    return out


def to_csv(cycle: Cycle, moments: list[Moment]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    nexts = _next_ids(cycle)
    for i, m in enumerate(moments, 1):
        writer.writerow([
            i, _cell(m.id), _cell(m.name), m.kind, _cell(m.stage), m.channel or "", m.carried_by or "",
            _cell(m.owner), _cell(m.standard), _cell(m.recovery), ";".join(m.dimensions),
            _num(m.expectation), _num(m.score), "" if m.responses is None else m.responses,
            "true" if m.feedback else "false", _cell(";".join(nexts.get(m.id, []))), _cell(m.notes),
        ])
    return buffer.getvalue()


# ---------------------------------------------------------------- JSON


def to_data(cycle: Cycle, order: list[str], min_responses: float | None = None) -> dict:
    """The normalised model: every key present (null when not given), defaults filled in,
    `next` always explicit (the implicit "following moment" resolved), moments in file order.
    Each scored moment also carries `evidence` (`evidence.ScoreEvidence.as_data`): count,
    mean, 95 % interval, spread, dissatisfied share, uncertain; null without a score."""
    from cyclemap.engine.evidence import score_evidence
    from cyclemap.format.settings import Config

    least = Config().threshold("min_responses") if min_responses is None else min_responses
    links: dict[str, list[dict]] = {}
    for e in edges(cycle):
        links.setdefault(e.source, []).append({"to": e.target, "when": e.when})
    index = unique_moments(cycle)
    moments = []
    for moment_id, i in index.items():
        m = cycle.moments[i]
        moments.append({
            "id": m.id, "name": m.name, "kind": m.kind, "stage": m.stage, "channel": m.channel,
            "carried_by": m.carried_by, "owner": m.owner, "standard": m.standard, "recovery": m.recovery,
            "dimensions": list(m.dimensions), "expectation": m.expectation, "score": m.score,
            "responses": m.responses, "feedback": m.feedback, "notes": m.notes, "ignore": list(m.ignore),
            "next": links.get(m.id, []),
        })
        found = score_evidence(m, cycle.scale)
        moments[-1]["evidence"] = None if found is None else found.as_data(least)
    return {
        "cyclemap": cycle.version, "export": JSON_FORMAT, "title": cycle.title, "customer": cycle.customer,
        "language": cycle.language, "scale": list(cycle.scale), "stages": list(cycle.stages),
        "closed": cycle.closed, "order": list(order), "moments": moments,
    }


def to_json(cycle: Cycle, order: list[str], min_responses: float | None = None) -> str:
    return json.dumps(to_data(cycle, order, min_responses), ensure_ascii=False, indent=2) + "\n"


def export(checked: "CheckedCycle", to: str, fenced: bool = True) -> str:
    """The checked cycle as `to` (mermaid, markdown, csv, json), in its language; the
    markdown table lists the findings of the checked cycle's own settings. `fenced`:
    Mermaid inside a ```mermaid fence (for Markdown), else bare (a .mmd file)."""
    cycle, diagnostics, lang = checked.cycle, checked.diagnostics, checked.lang
    if to == "mermaid":
        return to_mermaid(cycle, checked.moments, lang, fenced)
    if to == "markdown":
        return to_markdown(cycle, checked.moments, diagnostics, lang)
    if to == "csv":
        return to_csv(cycle, checked.moments)
    if to == "json":
        return to_json(cycle, checked.order, checked.settings.threshold("min_responses"))
    raise ValueError(f"unknown export {to!r}")
