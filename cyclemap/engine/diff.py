"""What changed between two versions of a cycle, as data: moments added, removed and
changed (field by field, with score and expectation deltas), and findings new and fixed.

Findings are matched by (code, moment id, message) rather than by line, so moving a
moment up the file or adding a comment does not count as fixing one finding and making
another. The same matching serves `check --baseline`: a baseline is the findings of an
older cycle file, or a JSON report written by `check --format json`.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field, replace

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Computed, Number, Text, Verbatim, _
from cyclemap.format.model import Cycle, Moment
from cyclemap.engine.pipeline import CheckedCycle

# Moment fields compared by `diff`, in the order a reader expects them.
MOMENT_FIELDS = (
    "name", "kind", "stage", "channel", "carried_by", "owner", "standard", "recovery",
    "dimensions", "expectation", "score", "responses", "feedback", "collects", "notes", "ignore", "next",
)
CYCLE_FIELDS = ("title", "customer", "language", "scale", "stages", "closed", "customers_can_leave")
NUMERIC_FIELDS = ("expectation", "score", "responses")

FindingKey = tuple[str, str, str]


def finding_key(d: Diagnostic) -> FindingKey:
    """A finding's identity (rule, moment, subject): never its wording or numbers."""
    return d.identity


@dataclass(frozen=True)
class FieldChange:
    key: str
    old: object
    new: object

    @property
    def delta(self) -> float | None:
        """new - old for numbers present on both sides (score 3.2 -> 3.6: +0.4)."""
        if self.key in NUMERIC_FIELDS and isinstance(self.old, (int, float)) and isinstance(self.new, (int, float)):
            return round(float(self.new) - float(self.old), 6)
        return None


@dataclass(frozen=True)
class MomentChange:
    id: str
    name: str
    changes: tuple[FieldChange, ...]


@dataclass
class CycleDiff:
    old: CheckedCycle
    new: CheckedCycle
    cycle_changes: list[FieldChange] = field(default_factory=list)
    added: list[Moment] = field(default_factory=list)
    removed: list[Moment] = field(default_factory=list)
    changed: list[MomentChange] = field(default_factory=list)
    new_findings: list[Diagnostic] = field(default_factory=list)
    fixed_findings: list[Diagnostic] = field(default_factory=list)

    @property
    def moments_compared(self) -> bool:
        """False when one side did not load: then only findings can be compared."""
        return self.old.loaded and self.new.loaded

    @property
    def empty(self) -> bool:
        return not (self.cycle_changes or self.added or self.removed or self.changed
                    or self.new_findings or self.fixed_findings)

    def worst_new(self) -> Severity | None:
        return max((d.severity for d in self.new_findings), key=lambda s: s.rank, default=None)


def comparable(moment: Moment, key: str) -> object:
    """A field's value in a form that compares and prints simply."""
    value = getattr(moment, key)
    if key == "next":
        if value is None:
            return None
        return tuple(b.to if not b.when else f"{b.to} ({b.when})" for b in value)
    if key in ("expectation", "score") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def cycle_value(cycle: Cycle, key: str) -> object:
    value = getattr(cycle, key)
    if key == "scale":
        return tuple(int(v) if float(v).is_integer() else v for v in value)
    return value


def match_findings(old: list[Diagnostic], new: list[Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(new, fixed): findings of `new` not in `old`, and of `old` not in `new`, as multisets."""
    remaining = Counter(finding_key(d) for d in old)
    appeared = []
    for d in new:
        key = finding_key(d)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            appeared.append(d)
    still = Counter(finding_key(d) for d in new)
    fixed = []
    for d in old:
        key = finding_key(d)
        if still[key] > 0:
            still[key] -= 1
        else:
            fixed.append(d)
    return appeared, fixed


def diff_results(old: CheckedCycle, new: CheckedCycle) -> CycleDiff:
    result = CycleDiff(old, new)
    result.new_findings, result.fixed_findings = match_findings(old.diagnostics, new.diagnostics)
    if not result.moments_compared:
        return result
    a: Cycle = old.cycle  # type: ignore[assignment]
    b: Cycle = new.cycle  # type: ignore[assignment]
    for key in CYCLE_FIELDS:
        before, after = cycle_value(a, key), cycle_value(b, key)
        if before != after:
            result.cycle_changes.append(FieldChange(key, before, after))
    # A repeated id (CM003) is compared by its first moment, as `next` links resolve it.
    old_by_id: dict[str, Moment] = {}
    for m in a.moments:
        old_by_id.setdefault(m.id, m)
    new_by_id: dict[str, Moment] = {}
    for m in b.moments:
        new_by_id.setdefault(m.id, m)
    result.added = [m for m in new_by_id.values() if m.id not in old_by_id]
    result.removed = [m for m in old_by_id.values() if m.id not in new_by_id]
    for moment_id, after in new_by_id.items():
        before = old_by_id.get(moment_id)
        if before is None:
            continue
        changes = tuple(
            FieldChange(key, comparable(before, key), comparable(after, key))
            for key in MOMENT_FIELDS if comparable(before, key) != comparable(after, key)
        )
        if changes:
            result.changed.append(MomentChange(moment_id, after.name, changes))
    return result


# -- baselines for `check --baseline` ---------------------------------------------------

class BaselineError(ValueError):
    """The baseline file is neither a readable cycle file nor a cyclemap JSON report.
    `text` says why in any language; str() is the English."""

    def __init__(self, text: Text):
        super().__init__(text("en"))
        self.text = text


@dataclass
class Baseline:
    """Known findings: per file path (from a JSON report), or for every file (from a cycle
    file, usually the previous version of the one being checked)."""

    by_path: dict[str, Counter] = field(default_factory=dict)  # path -> identities
    everywhere: Counter | None = None
    source: str = ""

    def keys_for(self, path: str, single_file: bool) -> Counter | None:
        if self.everywhere is not None:
            return Counter(self.everywhere)
        entry = self.by_path.get(_norm(path))
        if entry is None and single_file and len(self.by_path) == 1:
            entry = next(iter(self.by_path.values()))
        return Counter(entry) if entry is not None else None


def _norm(path: str) -> str:
    return os.path.normcase(os.path.normpath(path))


def report_baseline(data: dict, source: str) -> Baseline:
    baseline = Baseline(source=source)
    try:
        for entry in data["files"]:
            keys = Counter((str(d["code"]), str(d.get("moment") or ""), str(d.get("subject") or ""))
                           for d in entry["diagnostics"])
            baseline.by_path[_norm(str(entry["path"]))] = keys
    except (KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(_("not a cyclemap JSON report ({error})").format(error=str(exc))) from exc
    return baseline


# A report of a thousand cycles is a few MB; a larger baseline is refused before it is read.
MAX_REPORT_BYTES = 32 * 1024 * 1024


def load_baseline(path: str, analyse) -> Baseline:
    """A JSON report from `check --format json`, or a cycle file checked with `analyse`
    (the caller's rule: by the settings of the new file, as `diff` does).
    The file is checked (a regular file, at most MAX_REPORT_BYTES) on the descriptor it is
    read from, before reading; a file that is neither a report nor a cycle that reads is
    an error, never a baseline that silently drops nothing. Raises BaselineError or OSError."""
    import stat

    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise BaselineError(_("not a regular file"))
        if info.st_size > MAX_REPORT_BYTES:
            raise BaselineError(_("{size} MB is too large for a baseline (at most {limit} MB); "
                                  "give the JSON report of `check --format json`").format(
                size=Number(info.st_size / (1024 * 1024), 0), limit=Number(MAX_REPORT_BYTES // (1024 * 1024), 0)))
        raw = handle.read(MAX_REPORT_BYTES + 1)
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"{":  # maybe a report (a cycle file in YAML flow style also starts so)
        try:
            data = json.loads(raw.decode("utf-8", errors="replace"))
        except ValueError:
            data = None
        except RecursionError:  # nested thousands deep: no report of ours looks so
            raise BaselineError(_("nested too deeply to be a cyclemap report")) from None
        if isinstance(data, dict) and "files" in data and "summary" in data:
            return report_baseline(data, path)
    del raw
    result: CheckedCycle = analyse(path)
    if not result.loaded:
        first = min(result.diagnostics, key=Diagnostic.sort_key) if result.diagnostics else None
        problem = (Computed(lambda lang: f"{first.pos.line}:{first.pos.col}: {first.message(lang)}")
                   if first is not None else Verbatim("?"))
        raise BaselineError(_("neither a cyclemap JSON report (`check --format json`) nor a cycle file that reads "
                              "({problem})").format(problem=problem))
    return Baseline(everywhere=Counter(finding_key(d) for d in result.diagnostics), source=path)


def apply_baseline(results: list[CheckedCycle], baseline: Baseline) -> tuple[list[CheckedCycle], int]:
    """The results without the findings the baseline already has, and how many were dropped."""
    dropped = 0
    kept_results = []
    for result in results:
        known = baseline.keys_for(result.path, single_file=len(results) == 1)
        if not known:
            kept_results.append(result)
            continue
        keys = known
        kept = []
        for d in result.diagnostics:
            key = finding_key(d)
            if keys[key] > 0:
                keys[key] -= 1
                dropped += 1
            else:
                kept.append(d)
        kept_results.append(replace(result, diagnostics=kept))
    return kept_results, dropped
