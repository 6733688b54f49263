"""Run the rule catalogue over a loaded cycle and return its diagnostics as data. Files
are read and options applied in one place only: `cyclemap.engine.pipeline`."""

from __future__ import annotations

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
    for rule in enabled_rules(config):
        if rule.reported_by_loader:
            continue
        severity = severity_of(rule, config)
        for finding in rule.check(context):
            if finding.moment is not None and rule.code in silenced.get(finding.moment, ()):
                continue
            diagnostics.append(Diagnostic(
                cycle.path, finding.pos, rule.code, severity, finding.message,
                finding.hint or rule.hint, finding.moment, finding.subject, finding.plain, finding.fix,
            ))
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


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
