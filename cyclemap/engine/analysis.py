"""Run the rule catalogue over a loaded cycle and return its diagnostics as data. Files
are read and options applied in one place only: `cyclemap.engine.pipeline`."""

from __future__ import annotations

from dataclasses import replace

from cyclemap.format.settings import Config
from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import _
from cyclemap.format.model import Cycle
from cyclemap.engine.rules import Rule, RuleContext, all_rules

def enabled_rules(config: Config) -> list[Rule]:
    """The rules a check runs: `select` (or all), less `ignore`, in catalogue order."""
    rules = all_rules()
    # A retired rule runs only when `select` names it; a preview rule only when the
    # settings opt in to preview rules (`preview: true`, `--preview`).
    chosen = [r for r in rules.values() if (r.code in config.select if config.select is not None else not r.retired)
              and (config.preview or not r.preview)]
    return [r for r in chosen if r.code not in config.ignore]


def severity_of(rule: Rule, config: Config) -> Severity:
    return config.severity.get(rule.code, rule.severity)


def analyse_cycle(cycle: Cycle, config: Config | None = None, context: RuleContext | None = None) -> list[Diagnostic]:
    """Every finding of the enabled rules on a loaded cycle, sorted by place. `context`
    (the checked cycle's, when given) keeps the graph facts the rules compute for the views."""
    config = config or Config()
    known = all_rules()
    diagnostics: list[Diagnostic] = []
    for moment in cycle.moments:
        for code in moment.ignore:
            if code not in known:
                diagnostics.append(Diagnostic(
                    cycle.path, moment.at("ignore"), "CM002", Severity.ERROR,
                    _("`ignore` names the unknown rule {code}").format(code=code),
                    _("`cyclemap rules` lists the codes"),
                    moment.id,
                ))
    silenced = {m.id: set(m.ignore) for m in cycle.moments}
    context = context or RuleContext(cycle, config)
    followers: dict[int, tuple[str, ...]] = {}  # id(diagnostic) -> the codes it may follow from
    for rule in enabled_rules(config):
        if rule.reported_by_loader:
            continue
        severity = severity_of(rule, config)
        for finding in rule.check(context):
            if finding.moment is not None and rule.code in silenced.get(finding.moment, ()):
                continue
            diagnostic = Diagnostic(
                cycle.path, finding.pos, rule.code, severity, finding.message,
                finding.hint or rule.hint, finding.moment, finding.subject, finding.plain, fix=finding.fix,
            )
            diagnostics.append(diagnostic)
            if rule.follows and finding.may_follow:
                followers[id(diagnostic)] = rule.follows
    diagnostics.sort(key=Diagnostic.sort_key)
    return fold_follow_ons(diagnostics, followers)


def fold_follow_ons(diagnostics: list[Diagnostic], followers: dict[int, tuple[str, ...]]) -> list[Diagnostic]:
    """Each finding that probably follows from another (`Rule.follows`) moved under the
    first finding, in file order, of the first rule it follows from that has one; the rest
    as they were. A finding that others fold under is never folded itself."""
    by_code: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_code.setdefault(d.code, []).append(d)
    root_of: dict[int, Diagnostic | None] = {}

    def root(d: Diagnostic) -> Diagnostic | None:
        """The finding `d` folds under, or None: the first in file order, of a code `d`
        follows from, that is not folded itself (`follows` never loops: CM005 -> CM004 -> CM003)."""
        if id(d) not in root_of:
            codes = followers.get(id(d), ())
            root_of[id(d)] = next((e for code in codes for e in by_code.get(code, ())
                                   if e is not d and root(e) is None), None)
        return root_of[id(d)]

    folded: dict[int, list[Diagnostic]] = {}
    kept = []
    for d in diagnostics:
        parent = root(d)
        if parent is None:
            kept.append(d)
        else:
            folded.setdefault(id(parent), []).append(d)
    return [replace(d, follow_on=tuple(folded[id(d)])) if id(d) in folded else d for d in kept]


# Findings that say the same thing about one moment: the key's finding becomes the detail
# of the value's (an expectation gap under a moment of misery says the score is low twice).
FOLDS = {"CM105": "CM104"}


def fold(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """`check`'s list with each finding of FOLDS folded into the main finding on the same
    moment: one line, the main message then the other's as its detail. `check` folds its
    text lines only; the machine formats (json, sarif, ...) keep every finding with its
    own code, and the critique and the other views keep both (they rank moments, not lines)."""
    from dataclasses import replace

    from cyclemap.format.i18n import join

    main = {(d.path, d.moment, d.code): d for d in diagnostics if d.moment is not None and d.code in FOLDS.values()}
    folded: dict[tuple, list[Diagnostic]] = {}
    kept: list[Diagnostic] = []
    for d in diagnostics:
        into = FOLDS.get(d.code)
        if into is not None and d.moment is not None and (d.path, d.moment, into) in main:
            folded.setdefault((d.path, d.moment, into), []).append(d)
        else:
            kept.append(d)
    if not folded:
        return diagnostics
    return [replace(d, message=join([d.message] + [f.message for f in folded[key]], "; "))
            if (key := (d.path, d.moment, d.code)) in folded else d for d in kept]
