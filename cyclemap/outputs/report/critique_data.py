"""The critique as data (`--format json`) and as a client-ready Markdown report
(`--format markdown`). Both read the one critique of a checked cycle; neither ranks,
judges or words anything on its own. The JSON shape is documented in docs/critique.md
and stable: keys may be added, never renamed.
"""

from __future__ import annotations

import json
import re

from cyclemap.engine.critique import Critique
from cyclemap.engine.evidence import ScoreEvidence
from cyclemap.format.i18n import _, number
from cyclemap.format.words import KIND
from cyclemap.outputs.report.critique_words import T, counts_line, evidence_phrase, input_problems, score_and_expected
from cyclemap.engine.rules._scores import fmt

# 2: points carry `badge` and `said`; `preface`, `preface_said`, `evidence`, `level.phrase`;
# `at_risk.customers.lost` may be null (customers who cannot leave). Schema: schema/critique.schema.json.
JSON_VERSION = 2


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def score_data(ev: ScoreEvidence | None) -> dict | None:
    if ev is None:
        return None
    ci = [_round(ev.low), _round(ev.high)] if ev.low is not None and ev.high is not None else None
    return {"mean": _round(ev.mean), "n": ev.n, "ci": ci}


def critique_data(c: Critique, lang: str, view: str = "client") -> dict:
    return {
        "cyclemap_critique": JSON_VERSION,
        "loaded": True,
        "file": c.cycle.path,
        "title": c.cycle.title,
        "customer": c.cycle.customer,
        "lang": lang,
        "scale": list(c.cycle.scale),
        "min_responses": c.min_responses,
        "level": level_data(c.service_level, lang),
        "evidence": c.evidence.as_data() if c.evidence is not None else None,
        "evidence_text": " ".join(t(lang) for t in c.evidence.texts()) if c.evidence is not None else None,
        "preface": [t(lang) for t in c.preface],
        "preface_said": list(c.preface_said),
        "weak_points": [point_data(p, lang, view) for p in c.points],
        "moments": [{
            "id": v.moment.id, "name": v.moment.name, "kind": v.moment.kind, "position": v.position,
            "owner": v.moment.owner, "expectation": v.moment.expectation, "score": score_data(v.evidence),
        } for v in c.moments],
        "at_risk": c.at_risk.as_data(lang) if c.at_risk is not None else None,
        "importance": c.importance.as_data(lang) if c.importance is not None else None,
        "supported_by": list(getattr(c, "supports", [])),  # connected cycles (engine.support)
        "input_problems": [
            {"path": d.path, "line": d.pos.line, "col": d.pos.col, "code": d.code, "message": d.message(lang)}
            for d in c.input_problems
        ],
    }


def level_data(level, lang: str) -> dict | None:
    """The service level (engine.service_level), said in `lang`."""
    if level is None:
        return None
    return {
        "id": level.id,
        "name": level.name(lang),
        "description": level.description(lang),
        "phrase": level.phrase(lang),
        "mean_gap": _round(level.mean_gap),
        "scored": level.scored,
        "uncertain": level.uncertain,
        "reasons": [r(lang) for r in level.reasons],
        "certainty": level.certainty(lang),
    }


def point_data(p, lang: str, view: str) -> dict:
    """One weak point; the analyst view adds its findings with their place in the file."""
    point = {
        "rank": p.rank,
        "moment": p.moment_id,
        "moment_name": p.moment_name,
        "codes": list(p.codes),
        "text": p.paragraph(lang),
        "what": p.what(lang),
        "why": p.why(lang),
        "todo": p.todo(lang),
        "uncertain": p.uncertain,
        "weight": p.weight,
        "badge": p.badge,
        "said": list(p.said),
    }
    if view == "analyst":
        point["findings"] = [
            {"code": d.code, "line": d.pos.line, "col": d.pos.col, "message": d.message(lang),
             "hint": d.hint(lang) if d.hint else None}
            for d in p.findings
        ]
    return point


def to_json(c: Critique, lang: str, view: str = "client") -> str:
    return json.dumps(critique_data(c, lang, view), ensure_ascii=False, indent=2) + "\n"


def broken_json(checked, lang: str) -> str:
    """A file that does not read or validate: the same contract, `loaded: false`, and the
    problems that stopped it (never text where JSON was asked for)."""
    data = {
        "cyclemap_critique": JSON_VERSION, "loaded": False, "file": checked.path, "lang": lang,
        "input_problems": [{"path": d.path, "line": d.pos.line, "col": d.pos.col, "code": d.code,
                            "message": d.message(lang)} for d in checked.diagnostics],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """Text from the cycle file, safe inside Markdown (no accidental emphasis, links,
    HTML or table breaks)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


M = {
    "at_risk": _("Customers at risk"),
    "importance": _("Importance and performance"),
    "customer": _("Customer"),
    "level": _("Service level"),
    "moment": _("Moment"),
    "kind": _("Kind"),
    "score": _("Score"),
    "expected": _("Expected"),
    "answers": _("Answers"),
    "weak": _("Weak points, most serious first"),
}


def to_markdown(c: Critique, lang: str, view: str = "client") -> str:
    out: list[str] = [f"# {md(c.cycle.title)}", ""]
    if c.cycle.customer:
        out += [f"**{M['customer'](lang)}:** {md(c.cycle.customer)}", ""]
    n = c.counts
    out += [counts_line(n)(lang), ""]
    level = c.service_level
    if level is None:
        out += [f"**{M['level'](lang)}:** {T['no_level'](lang)}", ""]
    else:
        sign = "+" if level.mean_gap >= 0 else "-"
        out += [f"**{M['level'](lang)}: {level.name(lang).upper()}** — {level.description(lang)} "
                f"({T['mean_gap'](lang)} {sign}{fmt(abs(level.mean_gap), lang)})", "", f"*{md(level.phrase(lang))}*", ""]
        out += [f"- {md(r(lang))}" for r in level.reasons] + [f"- {level.certainty(lang)}", ""]
    out += [f"## {T['in_order'](lang)}", "",
            f"| # | {M['moment'](lang)} | {M['kind'](lang)} | {M['score'](lang)} | {M['expected'](lang)} | "
            f"{M['answers'](lang)} |",
            "|---:|---|---|---:|---:|---:|"]
    for v in c.moments:
        m, ev = v.moment, v.evidence
        score = fmt(m.score, lang) if m.score is not None else "—"
        expected = fmt(m.expectation, lang) if m.expectation is not None else "—"
        answers = "—" if ev is None or ev.n is None else number(ev.n, lang, 0)
        out.append(f"| {v.position} | {md(m.name)} | {KIND[m.kind](lang)} | {score} | {expected} | {answers} |")
    out += ["", f"## {M['weak'](lang)}", ""]
    if not c.points:
        out += [T["none"](lang), ""]
    views = {v.moment.id: v for v in c.moments}
    if c.points and c.preface:
        out += [md(" ".join(t(lang) for t in c.preface)), ""]
    for p in c.points:
        name = md(p.moment_name) if p.moment_name else T["whole_cycle"](lang)
        out += [f"### {p.rank}. {name}", ""]
        view_of = views.get(p.moment_id or "")
        if view_of is not None:
            m = view_of.moment
            detail = [T["critical"](lang) if m.critical else T["routine"](lang)]
            if m.score is not None:
                detail.append(score_and_expected(m, lang))
                detail.append(evidence_phrase(p.evidence, lang, c.min_responses, c.cycle.scale))
            out += ["*" + " · ".join(md(d) for d in detail if d) + "*", ""]
        out += [md(p.paragraph(lang)), ""]
        if view == "analyst":
            out += [f"- `{d.code}` {md(d.message(lang))}" for d in p.findings] + [""]
    if c.importance is not None:
        from cyclemap.engine.importance import QUADRANTS

        out += [f"## {M['importance'](lang)}", ""]
        for key, name in QUADRANTS.items():
            names = [md(p.name) for p in c.importance.placements if p.quadrant == key]
            if names:
                out.append(f"- **{name(lang)}:** {', '.join(names)}")
        out.append("")
    if c.at_risk is not None and c.at_risk.volume is not None:  # without a volume there is nothing to estimate
        out += [f"## {M['at_risk'](lang)}", ""] + [md(line) for line in c.at_risk.lines(lang)] + [""]
    if c.input_problems:
        out += [input_problems(len(c.input_problems))(lang), ""]
    if c.evidence is not None:
        out += ["---", ""] + [f"*{md(t(lang))}*" for t in c.evidence.texts()] + [""]
    return "\n".join(out).rstrip("\n") + "\n"
