"""A mapping file: how to read a survey file that cyclemap does not recognise, or reads
in a way its author wants to pin down. YAML, written by `cyclemap survey inspect` and
edited by hand:

    header_rows: 1            # rows of header at the top (Qualtrics: 3, SurveyMonkey: 2)
    skip_rows: [5, 6]         # lines (rows of a workbook) not to read: tests, previews
    columns:                  # header -> what the column holds; other columns are not read
      "Timestamp": ignore
      "How was it? [Waits in line]": wait                       # the rating of moment `wait`
      "How much does it matter? [Waits in line]": {moment: wait, as: importance}
      "You are": segment
      "Response ID": respondent
    labels:                   # text answers -> numbers on the cycle's scale
      Very good: 4
      Excellent: 5
    moments:                  # long files only: the moment column's values -> moment ids
      Waits in line: wait

Roles a column can have: a moment id (its rating), `{moment: ID, as: rating|importance|
expectation}`, `respondent`, `segment`, `comment`, `ignore`; in a long file (one answer
per row) `moment` (the column naming the moment) and `rating` (the answer).
`read_mapping` checks every key and value and raises MappingError with `file:line:col`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from cyclemap.format.i18n import Text, _
from cyclemap.format.survey_shapes import plain

MAX_BYTES = 1024 * 1024
KEYS = ("header_rows", "skip_rows", "columns", "labels", "moments")
ROLES = ("respondent", "segment", "comment", "ignore", "moment", "rating", "importance")
KINDS = ("rating", "importance", "expectation")


class MappingError(Exception):
    def __init__(self, text: Text, where: str):
        super().__init__(text("en"))
        self.text, self.where = text, where


@dataclass
class Mapping:
    path: str
    header_rows: int = 0  # 0: as recognised
    skip_rows: frozenset[int] = frozenset()
    columns: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # header -> (role, moment)
    labels: dict[str, float] = field(default_factory=dict)  # plain label -> number
    moments: dict[str, str] = field(default_factory=dict)  # plain value -> moment id (long files)


def mapping_beside(answers: str) -> str | None:
    """The mapping read with `answers` when none is given: `NAME.mapping.yaml` beside it."""
    path = Path(answers)
    candidate = path.with_name(path.stem + ".mapping.yaml")
    return str(candidate) if candidate.is_file() else None


def read_mapping(path: str, ids: list[str]) -> Mapping:
    import yaml

    from cyclemap.format.reader import did_you_mean
    from cyclemap.format.yaml_safe import compose

    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise MappingError(_("the mapping file is larger than 1 MB"), f"{path}:1:1")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MappingError(_("the mapping file is not UTF-8"), f"{path}:1:1") from None
    node, problems = compose(text, path)
    if problems:
        d = problems[0]
        raise MappingError(d.message, f"{path}:{d.pos.line}:{d.pos.col}")
    out = Mapping(path)
    if node is None:
        return out

    def where(n) -> str:
        return f"{path}:{n.start_mark.line + 1}:{n.start_mark.column + 1}"

    def pairs(n, what: str):
        if not isinstance(n, yaml.MappingNode):
            raise MappingError(_("`{key}` must be a mapping (key: value lines)").format(key=what), where(n))
        seen = set()
        for k, v in n.value:
            if not isinstance(k, yaml.ScalarNode):
                raise MappingError(_("a key must be plain text"), where(k))
            if k.value in seen:
                raise MappingError(_("the key `{key}` is repeated").format(key=k.value[:60]), where(k))
            seen.add(k.value)
            yield k, v

    def scalar(n) -> str:
        if not isinstance(n, yaml.ScalarNode):
            raise MappingError(_("expected a single value here"), where(n))
        return n.value

    def moment_id(n) -> str:
        value = scalar(n)
        if value not in ids:
            guess = did_you_mean(value, ids)
            text = _("no moment `{moment}` in the cycle").format(moment=value[:60])
            if guess:
                text = _("no moment `{moment}` in the cycle; did you mean `{guess}`?").format(moment=value[:60],
                                                                                              guess=guess)
            raise MappingError(text, where(n))
        return value

    for k, v in pairs(node, "mapping"):
        key = k.value
        if key not in KEYS:
            guess = did_you_mean(key, list(KEYS))
            raise MappingError(_("unknown key `{key}`; the keys are: {keys}").format(key=key[:60], keys=", ".join(KEYS))
                               if not guess else _("unknown key `{key}`; did you mean `{guess}`?").format(
                                   key=key[:60], guess=guess), where(k))
        if key == "header_rows":
            value = scalar(v)
            if not value.isdigit() or not 1 <= int(value) <= 20:
                raise MappingError(_("`header_rows` is a whole number from 1 to 20"), where(v))
            out.header_rows = int(value)
        elif key == "skip_rows":
            if not isinstance(v, yaml.SequenceNode):
                raise MappingError(_("`skip_rows` is a list of line numbers, e.g. [4, 5]"), where(v))
            rows = set()
            for item in v.value:
                value = scalar(item)
                if not value.isdigit():
                    raise MappingError(_("`skip_rows` is a list of line numbers, e.g. [4, 5]"), where(item))
                rows.add(int(value))
            out.skip_rows = frozenset(rows)
        elif key == "columns":
            for ck, cv in pairs(v, "columns"):
                if isinstance(cv, yaml.MappingNode):
                    entry = {kk.value: vv for kk, vv in pairs(cv, ck.value)}
                    unknown = set(entry) - {"moment", "as"}
                    if unknown or "moment" not in entry:
                        raise MappingError(_("under a column, write `moment: ID` and optionally `as: rating`, `importance` or `expectation`"), where(cv))
                    kind = scalar(entry["as"]) if "as" in entry else "rating"
                    if kind not in KINDS:
                        raise MappingError(_("`as` is one of: {kinds}").format(kinds=", ".join(KINDS)),
                                           where(entry["as"]))
                    out.columns[ck.value] = (kind, moment_id(entry["moment"]))
                    continue
                value = scalar(cv)
                if value in ROLES:
                    out.columns[ck.value] = ("ignored" if value == "ignore" else value, None)
                else:
                    out.columns[ck.value] = ("rating", moment_id(cv))
        elif key == "labels":
            for lk, lv in pairs(v, "labels"):
                try:
                    number = float(scalar(lv).replace(",", "."))
                except ValueError:
                    number = math.nan
                if not math.isfinite(number):
                    raise MappingError(_("a label's value is a number on the cycle's scale"), where(lv))
                out.labels[plain(lk.value)] = number
        else:
            for mk, mv in pairs(v, "moments"):
                out.moments[plain(mk.value)] = moment_id(mv)
    return out


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def mapping_text(views, header_rows: int, tool: str, note: str, moments: dict[str, str] | None = None) -> str:
    """A starting mapping for the columns `inspect` saw: every column named, what it was
    read as, and the text answers that did not read under `labels:` to fill in."""
    lines = [f"# {note}"]
    lines += [f"#   {i}: {name}" for i, name in (moments or {}).items()]
    lines += [f"header_rows: {max(header_rows, 1)}", "columns:"]
    unread_labels: list[str] = []
    for view in views:
        c = view.column
        if not c.header.strip():
            continue
        if c.role in ("rating", "importance", "expectation") and c.moment:
            value = c.moment if c.role == "rating" else f"{{moment: {c.moment}, as: {c.role}}}"
        elif c.role in ("respondent", "segment", "comment", "moment"):
            value = c.role
        elif c.role == "answer":
            value = "rating"
        else:
            value = "ignore"
        lines.append(f"  {_quoted(c.header)}: {value}")
        if c.role in ("rating", "importance", "answer", "unknown"):
            unread_labels += [t for t, n in view.readings.items() if n is None and t not in unread_labels]
    if unread_labels:
        lines.append("labels:")
        lines += [f"  {_quoted(t)}:   # its number on the cycle's scale" for t in unread_labels[:40]]
    return "\n".join(lines) + "\n"
