"""Run the rule catalogue over cycles: load a file, run every enabled rule, and return its
diagnostics as data (`FileResult`). No printing here; formatters in `report/` do that."""

from __future__ import annotations

from dataclasses import replace

from cyclemap.format.settings import Config
from cyclemap.format.diagnostics import Diagnostic, FileResult, Severity, Text
from cyclemap.format.reader import read_path
from cyclemap.format.model import Cycle
from cyclemap.engine.rules import Rule, RuleContext, all_rules

DEFAULT_LANG = "en"


def enabled_rules(config: Config) -> list[Rule]:
    """The rules a check runs: `select` (or all), less `ignore`, in catalogue order."""
    rules = all_rules()
    chosen = [r for r in rules.values() if config.select is None or r.code in config.select]
    return [r for r in chosen if r.code not in config.ignore]


def severity_of(rule: Rule, config: Config) -> Severity:
    return config.severity.get(rule.code, rule.severity)


def analyse_cycle(cycle: Cycle, config: Config | None = None) -> list[Diagnostic]:
    """Every finding of the enabled rules on a loaded cycle, sorted by place."""
    config = config or Config()
    known = all_rules()
    diagnostics: list[Diagnostic] = []
    for moment in cycle.moments:
        for code in moment.ignore:
            if code not in known:
                diagnostics.append(Diagnostic(
                    cycle.path, moment.at("ignore"), "CM002", Severity.ERROR,
                    Text(f"`ignore` names the unknown rule {code}", f"`ignore` nombra la regla desconocida {code}"),
                    Text("`cyclemap rules` lists the codes", "`cyclemap rules` lista los códigos"),
                    moment.id,
                ))
    silenced = {m.id: set(m.ignore) for m in cycle.moments}
    context = RuleContext(cycle, config)
    for rule in enabled_rules(config):
        if rule.reported_by_loader:
            continue
        severity = severity_of(rule, config)
        for finding in rule.check(context):
            if finding.moment is not None and rule.code in silenced.get(finding.moment, ()):
                continue
            diagnostics.append(Diagnostic(
                cycle.path, finding.pos, rule.code, severity, finding.message,
                finding.hint or rule.hint, finding.moment,
            ))
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def choose_lang(cycle: Cycle | None, override: str | None, file_language: str | None = None) -> str:
    """--lang, else the cycle's `language` (read even from a broken file), else English."""
    if override:
        return override
    if cycle is not None and cycle.language:
        return cycle.language
    return file_language or DEFAULT_LANG


def analyse_file(path: str, config: Config | None = None, lang: str | None = None,
                 ratings: str | None = None) -> FileResult:
    """Load and check one file, with survey ratings merged from the CSV `ratings` if given
    (its unusable rows are CM009 diagnostics). Raises OSError only when a file cannot be opened."""
    config = config or Config()
    loaded = read_path(path)
    if loaded.cycle is None:
        # CM001/CM002 cannot be ignored: a file that does not read has nothing else to say.
        problems = sorted(loaded.diagnostics, key=Diagnostic.sort_key)
        return FileResult(path, problems, None, choose_lang(None, lang, loaded.language))
    cycle = loaded.cycle
    extra: list[Diagnostic] = []
    if ratings is not None:
        from cyclemap.format.ratings import apply_ratings

        cycle, rows = apply_ratings(cycle, ratings)
        rule = all_rules()["CM009"]
        if rule in enabled_rules(config):
            extra = [replace(d, severity=severity_of(rule, config)) for d in rows]
    return FileResult(path, extra + analyse_cycle(cycle, config), cycle, choose_lang(cycle, lang))
