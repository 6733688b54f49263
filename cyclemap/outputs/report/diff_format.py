"""`cyclemap diff` output: text for the terminal, JSON for tools, Markdown for a
pull-request comment. Data in (`cyclemap.engine.diff.CycleDiff`), text out.

Field names stay the format's keys (`score`, `owner`…) in every language: they are what
the reader finds in the file.
"""

from __future__ import annotations

import json

from cyclemap.format.diagnostics import Diagnostic, one_line, terminal_text
from cyclemap.format.i18n import Text, Verbatim, _, _n
from cyclemap.engine.diff import CycleDiff, FieldChange
from cyclemap.outputs.report import SEVERITY_WORDS

DIFF_FORMATS = ("text", "json", "markdown")

T = {
    "title": Verbatim("cyclemap diff"),  # the command's name
    "cycle": _("Cycle"),
    "added": _("Moments added"),
    "removed": _("Moments removed"),
    "changed": _("Moments changed"),
    "new": _("New findings"),
    "fixed": _("Fixed findings"),
    "same": _("No changes in moments or findings."),
    "not_compared": _("moments not compared: one of the files does not load (see its findings)"),
    "moment": _("Moment"),
    "kind": _("Kind"),
    "change": _("Change"),
    "where": _("Where"),
    "finding": _("Finding"),
}


def counts(d: CycleDiff) -> Text:
    """`2 added, 0 removed, 1 changed; 1 new finding, 3 fixed`."""
    # TRANSLATORS: the counts of `cyclemap diff`: "2 added, 0 removed, 1 changed; 1 new finding, 3 fixed"
    return _("{added}, {removed}, {changed}; {new}, {fixed}").format(
        added=_n("{n} added", "{n} added", len(d.added)),
        removed=_n("{n} removed", "{n} removed", len(d.removed)),
        changed=_n("{n} changed", "{n} changed", len(d.changed)),
        new=_n("{n} new finding", "{n} new findings", len(d.new_findings)),
        fixed=_n("{n} fixed", "{n} fixed", len(d.fixed_findings)),
    )


def value(v: object) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, tuple):
        return "[" + ", ".join(value(x) for x in v) + "]"
    return one_line(str(v))


def change_text(c: FieldChange) -> str:
    text = f"{c.key}: {value(c.old)} → {value(c.new)}"
    if c.delta is not None:
        text += f" ({c.delta:+g})"
    return text


def finding_text(d: Diagnostic, lang: str) -> str:
    return (f"{one_line(d.path)}:{d.pos.line}:{d.pos.col}: {d.code} {SEVERITY_WORDS[d.severity](lang)} "
            f"{one_line(d.message(lang))}")


def render_text(d: CycleDiff, lang: str) -> str:
    # one_line on everything from the files: names, file names, values (docs/security.md, "Terminal")
    lines = [f"{T['title'](lang)} {one_line(d.old.path)} → {one_line(d.new.path)}: {counts(d)(lang)}"]
    if not d.moments_compared:
        lines.append(f"  {T['not_compared'](lang)}")
    if d.cycle_changes:
        lines.append(f"{T['cycle'](lang)}:")
        lines += [f"  ~ {change_text(c)}" for c in d.cycle_changes]
    for key, moments, mark in (("added", d.added, "+"), ("removed", d.removed, "-")):
        if moments:
            lines.append(f"{T[key](lang)}:")
            lines += [f"  {mark} {one_line(m.id)} ({m.kind}) {one_line(m.name)}" for m in moments]
    if d.changed:
        lines.append(f"{T['changed'](lang)}:")
        for m in d.changed:
            lines.append(f"  ~ {one_line(m.id)} {one_line(m.name)}")
            lines += [f"      {change_text(c)}" for c in m.changes]
    for key, findings, mark in (("new", d.new_findings, "+"), ("fixed", d.fixed_findings, "-")):
        if findings:
            lines.append(f"{T[key](lang)}:")
            lines += [f"  {mark} {finding_text(f, lang)}" for f in findings]
    if d.empty:
        lines.append(T["same"](lang))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell of a pull-request comment: no terminal escapes,
    no links, images, HTML or @mentions from the cycle's text (`cyclemap.outputs.markdown`)."""
    from cyclemap.outputs.markdown import inline

    return inline(terminal_text(text), breaks=" ")


def _code(text: str) -> str:
    """Text inside a code span in a table cell: escapes do not work there, so a backtick
    becomes a quote and only the table's `|` is escaped."""
    return one_line(text.replace("`", "'").replace("|", "\\|").replace("\r", " ").replace("\n", " "))


def render_markdown(d: CycleDiff, lang: str) -> str:
    out = [f"### {T['title'](lang)}: `{d.new.path}`", "", f"**{counts(d)(lang)}**", ""]
    if not d.moments_compared:
        out += [f"> {T['not_compared'](lang)}", ""]
    if d.cycle_changes:
        out += [f"#### {T['cycle'](lang)}", ""] + [f"- {_cell(change_text(c))}" for c in d.cycle_changes] + [""]
    for key, moments in (("added", d.added), ("removed", d.removed)):
        if moments:
            out += [f"#### {T[key](lang)}", "", f"| id | {T['moment'](lang)} | {T['kind'](lang)} |", "|---|---|---|"]
            out += [f"| `{m.id}` | {_cell(m.name)} | {m.kind} |" for m in moments]
            out.append("")
    if d.changed:
        out += [f"#### {T['changed'](lang)}", "", f"| id | {T['moment'](lang)} | {T['change'](lang)} |", "|---|---|---|"]
        for m in d.changed:
            out.append(f"| `{m.id}` | {_cell(m.name)} | {'<br>'.join(_cell(change_text(c)) for c in m.changes)} |")
        out.append("")
    for key, findings in (("new", d.new_findings), ("fixed", d.fixed_findings)):
        if findings:
            out += [f"#### {T[key](lang)}", "", f"| | {T['finding'](lang)} | {T['where'](lang)} |", "|---|---|---|"]
            for f in findings:
                icon = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}[f.severity.value]
                out.append(f"| {icon} {f.code} | {_cell(f.message(lang))} | `{_code(f.path)}:{f.pos.line}:{f.pos.col}` |")
            out.append("")
    if d.empty:
        out += [T["same"](lang), ""]
    return "\n".join(out)


def as_data(d: CycleDiff, lang: str) -> dict:
    def change(c: FieldChange) -> dict:
        return {"key": c.key, "old": _plain(c.old), "new": _plain(c.new), "delta": c.delta}

    def finding(f: Diagnostic) -> dict:
        return {"code": f.code, "severity": f.severity.value, "path": f.path, "line": f.pos.line,
                "column": f.pos.col, "moment": f.moment, "message": f.message(lang)}

    return {
        "old": d.old.path,
        "new": d.new.path,
        "moments_compared": d.moments_compared,
        "cycle": [change(c) for c in d.cycle_changes],
        "added": [{"id": m.id, "name": m.name, "kind": m.kind} for m in d.added],
        "removed": [{"id": m.id, "name": m.name, "kind": m.kind} for m in d.removed],
        "changed": [{"id": m.id, "name": m.name, "changes": [change(c) for c in m.changes]} for m in d.changed],
        "findings": {"new": [finding(f) for f in d.new_findings], "fixed": [finding(f) for f in d.fixed_findings]},
    }


def _plain(v: object) -> object:
    return list(v) if isinstance(v, tuple) else v


def render(fmt: str, d: CycleDiff, lang: str) -> str:
    if fmt == "json":
        return json.dumps(as_data(d, lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(d, lang)
    return render_text(d, lang)
