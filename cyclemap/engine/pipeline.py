"""The one pipeline from a file to a verdict: a path plus options become a `CheckedCycle`.

Every command and every output reads from a `CheckedCycle` — `check` and its report
formats, `critique`, `render`, `export`, `handout`, `diff` — and none loads a file or
judges a cycle on its own, so the same file under the same settings gets the same
answer everywhere:

    pipeline = Pipeline(config=None, select=None, ignore=None, lang=None, ratings=None)
    checked = pipeline.check("examples/banco.yaml")
    checked.diagnostics        # findings of the rules the file's settings enable
    checked.service_level      # computed once, with the file's thresholds
    checked.critique           # weak points ranked, for every view that shows them

The settings are looked up per file (the nearest `.cyclemap.yaml` or `pyproject.toml`, or
`--config`), so two folders with different settings are each judged by their own.
Derived facts (cycle order, main loop, betweenness, service level, the critique) are
computed the first time a view asks and then kept. Pure: reads files, prints nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import LANGUAGES, _, decide_language
from cyclemap.format.model import Cycle, Pos
from cyclemap.format.settings import Config

if TYPE_CHECKING:
    from cyclemap.engine.critique import Critique
    from cyclemap.engine.rules import RuleContext
    from cyclemap.engine.service_level import ServiceLevel

DEFAULT_LANG = "en"


def choose_lang(cycle: Cycle | None, override: str | None, file_language: str | None = None) -> str:
    """--lang, else the cycle's `language` (read even from a broken file), else English
    (`i18n.decide_language`)."""
    return decide_language(override, [(cycle.language if cycle is not None else None) or file_language])


@dataclass
class CheckedCycle:
    """One file, checked: the cycle (None when it did not read or validate), the language
    its texts are shown in, the settings that judged it, its diagnostics, and the facts
    every view needs, each computed once."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    cycle: Cycle | None = None
    lang: str = DEFAULT_LANG
    settings: Config = field(default_factory=Config)
    links: object = field(default=None, repr=False, compare=False)  # the run's `links.LinkSet`
    # What `--ratings` read (format.ratings.Ratings: files, answers used and set aside,
    # segment), for the summary on stderr and for deliverables that name their evidence.
    answers_read: object | None = None

    @property
    def loaded(self) -> bool:
        return self.cycle is not None

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @cached_property
    def rules(self) -> list[str]:
        """The codes of the rules these settings run, in catalogue order."""
        from cyclemap.engine.analysis import enabled_rules

        return [r.code for r in enabled_rules(self.settings)]

    # -- derived facts: None-safe for an unloaded file ----------------------------------

    @cached_property
    def context(self) -> "RuleContext":
        from cyclemap.engine.rules import RuleContext

        if self.cycle is None:
            raise ValueError(f"{self.path} did not load; there is no cycle to look at")
        return RuleContext(self.cycle, self.settings)

    @property
    def order(self) -> list[str]:
        """Moment ids in the order a customer meets them (main loop, each detour after
        the moment it leaves): the one numbering of every view."""
        return self.context.order if self.cycle is not None else []

    @property
    def moments(self) -> list:
        """Each moment once, in `order`: what every table, chart and export lists."""
        return [self.context.by_id[i] for i in self.order] if self.cycle is not None else []

    @property
    def main_loop(self) -> list[str]:
        """Ids of the moments on the main loop, in order (every customer passes them)."""
        return self.context.main_loop if self.cycle is not None else []

    @property
    def betweenness(self) -> dict[str, float]:
        return self.context.betweenness if self.cycle is not None else {}

    @cached_property
    def service_level(self) -> "ServiceLevel | None":
        return self.context.service_level if self.cycle is not None else None

    @cached_property
    def critique(self) -> "Critique":
        """The weak points ranked, the moments in order with their findings, the level."""
        from cyclemap.engine.critique import build_critique

        critique = build_critique(self)
        if self.links is not None:  # connected cycles: weak points follow `supported_by`
            from cyclemap.engine.support import follow_links

            critique = follow_links(critique, self)
        return critique


class Pipeline:
    """Checks files with one set of command-line options. Raises ConfigError for a bad
    settings file and ValueError for a bad language; the command line maps both."""

    def __init__(self, *, config: str | None = None, select: str | list[str] | None = None,
                 ignore: str | list[str] | None = None, lang: str | None = None, ratings: str | None = None,
                 segment: str | None = None, preview: bool = False):
        from cyclemap.format.settings import ConfigFinder

        if lang is not None and lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.finder = ConfigFinder(config, select, ignore, preview)
        self.lang = lang
        self.ratings = ratings
        self.segment = segment  # keep only the ratings of this segment
        self.mapping: str | None = None  # how to read the ratings file (format.survey_mapping)
        self.progress = None  # called (bytes read, bytes in all) while a large ratings file is read
        from cyclemap.engine.links import LinkSet

        # Every file of the run read once, and the links between them (connected cycles);
        # `roots`: the folders being checked, the repository where there is no .git.
        self.links = LinkSet(judge=self._judge_linked)

    def set_roots(self, paths: list[str]) -> None:
        """The folder trees the command was given (folders, files' folders, globs' fixed
        part): a link may not leave them where no `.git` marks the repository."""
        from cyclemap.engine.links import root_of

        self.links.set_roots([root_of(p) for p in paths if p != "-"])

    def _judge_linked(self, path: str, cycle: Cycle) -> CheckedCycle:
        """A cycle another one links to, judged by its own settings and never with the
        ratings given for the file named on the command line."""
        from cyclemap.engine.analysis import analyse_cycle

        checked = CheckedCycle(path, [], cycle, choose_lang(cycle, self.lang), self.settings_for(path), self.links)
        checked.context.link_set = self.links
        checked.diagnostics = analyse_cycle(cycle, checked.settings, checked.context)
        return checked

    def inputs(self, path: str) -> list[str]:
        """Every file a check of `path` reads: the cycle, its ratings and its settings
        file. An output must never replace any of them."""
        found = [path] + ([self.ratings] if self.ratings else []) + ([self.mapping] if self.mapping else [])
        source = self.finder.source_for(path)
        return found + ([source] if source else [])

    def settings_for(self, path: str) -> Config:
        return self.finder.for_file(path)

    def check(self, path: str, settings_of: str | None = None, data: bytes | None = None) -> CheckedCycle:
        """Read and judge one file (by the settings that apply to `settings_of`, when
        given: `diff` judges both versions by the new one's). With `data`, judge those
        bytes instead of reading `path`, which is then only the name shown (`<stdin>`;
        its settings are looked up from the working folder). Raises OSError only when
        the file cannot be opened."""
        from cyclemap.format.reader import read_bytes
        from cyclemap.format.yaml_safe import gc_paused

        settings = self.settings_for(settings_of or path)
        # The collector stays off while a file is read and judged: everything allocated is
        # alive until the check ends, and each automatic collection would walk it all again
        # (a 10,000-moment file: a third of the time).
        with gc_paused():
            self.links.note_named(path)
            loaded = self.links.read(path) if data is None else read_bytes(data, path)
            if loaded.cycle is None:
                # CM001/CM002 cannot be ignored: a file that does not read has nothing else to say.
                problems = sorted(loaded.diagnostics, key=Diagnostic.sort_key)
                return CheckedCycle(path, problems, None, choose_lang(None, self.lang, loaded.language), settings)
            return self._judge(path, loaded.cycle, settings)

    def check_all(self, paths: list[str], settings_of: str | None = None,
                  data: dict[str, bytes] | None = None) -> list[CheckedCycle]:
        """Check every file (`data` holds the bytes of those already read, e.g. stdin); one
        that cannot be opened (permissions, a vanished file, a device) becomes a CM001
        error on that file instead of stopping the run."""
        results = []
        for path in paths:
            refusal = getattr(path, "refusal", None)  # a file the collector will not read (cli.files.Refused)
            if refusal is not None:
                results.append(CheckedCycle(path, [Diagnostic(path, Pos(1, 1), "CM001", Severity.ERROR, refusal,
                                                              getattr(path, "hint", None))],
                                            None, choose_lang(None, self.lang), self.settings_for(settings_of or path)))
                continue
            try:
                results.append(self.check(path, settings_of, (data or {}).get(path)))
            except OSError as exc:
                results.append(unreadable(path, exc, self.lang, self.settings_for(settings_of or path)))
        return results

    def _judge(self, path: str, cycle: Cycle, settings: Config) -> CheckedCycle:
        from cyclemap.engine.analysis import analyse_cycle, enabled_rules, severity_of
        from cyclemap.engine.rules import all_rules

        extra: list[Diagnostic] = []
        read = None
        if self.ratings is not None:
            from cyclemap.format.ratings import apply_answers

            applied = apply_answers(cycle, self.ratings, self.segment, settings.threshold("min_responses"),
                                    self.mapping, self.progress)
            cycle, rows, read = applied.cycle, applied.diagnostics, applied.ratings
            rule = all_rules()["CM009"]
            if rule in enabled_rules(settings):
                # Unusable rows take the rule's severity; notes (answers skipped, set aside) stay info.
                extra = [replace(d, severity=severity_of(rule, settings)) if d.severity is Severity.ERROR else d
                         for d in rows]
        checked = CheckedCycle(path, [], cycle, choose_lang(cycle, self.lang), settings, self.links, read)
        checked.context.link_set = self.links
        checked.diagnostics = extra + analyse_cycle(cycle, settings, checked.context)
        if self.ratings is None:
            self.links.remember_checked(path, checked)
        return checked


def unreadable(path: str, exc: OSError, lang: str | None = None, settings: Config | None = None) -> CheckedCycle:
    reason = exc.strerror or str(exc)
    return CheckedCycle(path, [Diagnostic(
        path, Pos(1, 1), "CM001", Severity.ERROR,
        _("cannot read the file ({reason})").format(reason=reason),
        _("check that the file exists and that you may read it"),
    )], None, choose_lang(None, lang), settings or Config())
