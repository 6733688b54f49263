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
    if node is not None:
        _Nodes(path, ids).read(node, out)
    return out


class _Nodes:
    """The mapping's YAML nodes read into a `Mapping`, each mistake a MappingError at its place."""

    def __init__(self, path: str, ids: list[str]):
        self.path, self.ids = path, ids

    def read(self, node, out: Mapping) -> None:
        from cyclemap.format.reader import did_you_mean

        for k, v in self.pairs(node, "mapping"):
            key = k.value
            if key not in KEYS:
                guess = did_you_mean(key, list(KEYS))
                raise MappingError(_("unknown key `{key}`; the keys are: {keys}").format(
                                       key=key[:60], keys=", ".join(KEYS))
                                   if not guess else _("unknown key `{key}`; did you mean `{guess}`?").format(
                                       key=key[:60], guess=guess), self.where(k))
            if key == "header_rows":
                value = self.scalar(v)
                if not value.isdigit() or not 1 <= int(value) <= 20:
                    raise MappingError(_("`header_rows` is a whole number from 1 to 20"), self.where(v))
                out.header_rows = int(value)
            elif key == "skip_rows":
                out.skip_rows = self.skip_rows(v)
            elif key == "columns":
                for ck, cv in self.pairs(v, "columns"):
                    out.columns[ck.value] = self.column(ck, cv)
            elif key == "labels":
                out.labels.update(self.labels(v))
            else:
                for mk, mv in self.pairs(v, "moments"):
                    out.moments[plain(mk.value)] = self.moment_id(mv)

    def where(self, n) -> str:
        return f"{self.path}:{n.start_mark.line + 1}:{n.start_mark.column + 1}"

    def pairs(self, n, what: str):
        import yaml

        if not isinstance(n, yaml.MappingNode):
            raise MappingError(_("`{key}` must be a mapping (key: value lines)").format(key=what), self.where(n))
        seen = set()
        for k, v in n.value:
            if not isinstance(k, yaml.ScalarNode):
                raise MappingError(_("a key must be plain text"), self.where(k))
            if k.value in seen:
                raise MappingError(_("the key `{key}` is repeated").format(key=k.value[:60]), self.where(k))
            seen.add(k.value)
            yield k, v

    def scalar(self, n) -> str:
        import yaml

        if not isinstance(n, yaml.ScalarNode):
            raise MappingError(_("expected a single value here"), self.where(n))
        return n.value

    def moment_id(self, n) -> str:
        from cyclemap.format.reader import did_you_mean

        value = self.scalar(n)
        if value not in self.ids:
            guess = did_you_mean(value, self.ids)
            text = _("no moment `{moment}` in the cycle").format(moment=value[:60])
            if guess:
                text = _("no moment `{moment}` in the cycle; did you mean `{guess}`?").format(moment=value[:60],
                                                                                              guess=guess)
            raise MappingError(text, self.where(n))
        return value

    def skip_rows(self, v) -> frozenset[int]:
        import yaml

        if not isinstance(v, yaml.SequenceNode):
            raise MappingError(_("`skip_rows` is a list of line numbers, e.g. [4, 5]"), self.where(v))
        rows = set()
        for item in v.value:
            value = self.scalar(item)
            if not value.isdigit():
                raise MappingError(_("`skip_rows` is a list of line numbers, e.g. [4, 5]"), self.where(item))
            rows.add(int(value))
        return frozenset(rows)

    def column(self, ck, cv) -> tuple[str, str | None]:
        import yaml

        if isinstance(cv, yaml.MappingNode):
            entry = {kk.value: vv for kk, vv in self.pairs(cv, ck.value)}
            unknown = set(entry) - {"moment", "as"}
            if unknown or "moment" not in entry:
                raise MappingError(_("under a column, write `moment: ID` and optionally `as: rating`, `importance` "
                                     "or `expectation`"), self.where(cv))
            kind = self.scalar(entry["as"]) if "as" in entry else "rating"
            if kind not in KINDS:
                raise MappingError(_("`as` is one of: {kinds}").format(kinds=", ".join(KINDS)), self.where(entry["as"]))
            return kind, self.moment_id(entry["moment"])
        value = self.scalar(cv)
        if value in ROLES:
            return ("ignored" if value == "ignore" else value), None
        return "rating", self.moment_id(cv)

    def labels(self, v) -> dict[str, float]:
        out = {}
        for lk, lv in self.pairs(v, "labels"):
            try:
                number = float(self.scalar(lv).replace(",", "."))
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                raise MappingError(_("a label's value is a number on the cycle's scale"), self.where(lv))
            out[plain(lk.value)] = number
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
