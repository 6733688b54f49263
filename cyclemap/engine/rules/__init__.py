"""The rule catalogue: each rule is one small module with a code, a default severity, a
one-line summary, its documentation (what it checks, why it matters, how to fix: the
module's docstring, in English, translated in the catalogues like every other text), and
a failing and a passing example cycle.

The same text feeds `cyclemap rules`, `cyclemap explain CODE`, docs/rules.md and the
tests (every rule's examples are run), so docs and behaviour cannot drift apart.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterable

from cyclemap.format.settings import Config
from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import Message, Text, Verbatim
from cyclemap.format.model import Cycle, Moment, Pos
from cyclemap.engine.threshold import Threshold  # noqa: F401  (rules declare theirs with it)

if TYPE_CHECKING:
    import networkx as nx

# One module per rule, in catalogue order. A new rule is a new module plus a line here.
RULE_MODULES = (
    "cm001_invalid_yaml",
    "cm002_not_the_format",
    "cm003_duplicate_id",
    "cm004_unknown_next",
    "cm005_unreachable",
    "cm006_no_way_back",
    "cm007_too_few_moments",
    "cm008_outside_scale",
    "cm009_bad_ratings_row",
    "cm020_broken_link",
    "cm021_link_outside",
    "cm022_support_loop",
    "cm101_no_owner",
    "cm102_no_standard",
    "cm103_no_recovery",
    "cm104_moment_of_misery",
    "cm105_expectation_gap",
    "cm106_critical_chain",
    "cm107_single_point_of_failure",
    "cm108_no_customer_voice",
    "cm109_systems_only",
    "cm110_uncovered_dimension",
    "cm111_no_critical_moment",
    "cm112_too_many_moments",
    "cm113_stage_mismatch",
    "cm114_no_score",
    "cm115_vague_standard",
    "cm116_nobody_owner",
    "cm117_vague_recovery",
    "cm118_rework_loop",
    "cm119_routine_acts_critical",
    "cm120_too_many_critical",
    "cm121_thin_evidence",
    "cm122_backstage_step",
    "cm123_organisation_standard",
    "cm124_unowned_loop_moment",
    "cm125_incomplete_recovery",
    "cm201_service_level",
    "cm202_busiest_moments",
)


@dataclass(frozen=True)
class Finding:
    """What a rule's check yields: a message about one place, optionally one moment."""

    message: Text
    pos: Pos
    moment: str | None = None
    hint: Text | None = None
    subject: str = ""  # what it is about beyond rule and moment (see Diagnostic.identity)
    # The same finding in service language, for the client's critique: no ids, no YAML
    # keys, no codes. None: the rule has nothing to tell a client (a file-format problem).
    plain: Text | None = None
    # False: this finding stands on its own even beside a mistake of `Rule.follows`.
    may_follow: bool = True
    fix: str = ""  # the one certain correction of the word at `pos` (Diagnostic.fix)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # a short slug, e.g. "duplicate-id"
    severity: Severity
    summary: Text  # one line, for tables
    doc: Text  # the full text: what it checks / why it matters / how to fix
    hint: Text  # the one-line fix shown under each finding
    fails: str  # a cycle file that triggers the rule
    passes: str  # a near copy that does not
    check: Callable[["RuleContext"], Iterable[Finding]]
    # Rules the loader or the engine report themselves (CM001, CM002) have no check of their own.
    reported_by_loader: bool = False
    # What `fails`/`passes` hold: "cycle" files, or "ratings" CSVs read against `example_cycle`.
    examples_are: str = "cycle"
    example_cycle: str = ""
    thresholds: tuple[Threshold, ...] = ()  # the numbers this rule turns on, declared here
    # Rules whose finding, when the file has one, probably causes this rule's findings too
    # (a link to an unknown moment leaves later ones unreachable): they are then folded
    # under the first such finding, so the first error a reader sees is the real one.
    follows: tuple[str, ...] = ()
    # For the client's critique, in service language (no codes, ids or YAML keys): why the
    # problem matters, in a sentence or two, and what to do about it.
    reason: Text = Verbatim("")
    advice: Text = Verbatim("")
    # Retired rules keep their code reserved but run only when `select` names them: they
    # did not produce findings a consultant would keep (see docs/critique.md).
    retired: bool = False
    # Preview rules are new: they run only when the settings say `preview: true` (or
    # `--preview`), so a pipeline pinned to a version does not turn red on upgrade. A
    # release promotes them by dropping the flag (docs/configuration.md, "Preview rules").
    preview: bool = False

    def section(self, name: str, lang: str) -> str:
        """One section of the doc in `lang`, by its English name: "what", "why" or "fix"
        ("What it checks", "Why it matters", "How to fix"), as one paragraph."""
        index = {"what": 0, "why": 1, "fix": 2}[name]
        return doc_sections(self.doc(lang))[index]


def doc_sections(doc: str) -> list[str]:
    """A rule doc's three sections (what / why / fix), each joined into one paragraph, in
    whatever language the doc is: sections are the indented blocks under a heading line
    (any unindented line), and the first line is the title."""
    sections: list[list[str]] = []
    for line in doc.splitlines()[1:]:
        if not line.strip():
            continue
        if not line.startswith((" ", "\t")):
            sections.append([])
        elif sections:
            sections[-1].append(line.strip())
    texts = [" ".join(lines) for lines in sections]
    return (texts + ["", "", ""])[:3]


class RuleContext:
    """What a rule may look at: the cycle, the settings, and the graph (built once, lazily)."""

    def __init__(self, cycle: Cycle, config: Config | None = None):
        self.cycle = cycle
        self.config = config or Config()

    @cached_property
    def graph(self) -> "nx.DiGraph":
        from cyclemap.engine.graph import build_graph

        return build_graph(self.cycle)

    @cached_property
    def index(self) -> dict[str, int]:
        """Moment id -> index of its first occurrence in the file."""
        from cyclemap.engine.graph import unique_moments

        return unique_moments(self.cycle)

    @cached_property
    def edges(self) -> list:
        """Every link (`graph.Edge`) in file order, as written (a repeated pair twice)."""
        from cyclemap.engine.graph import edges

        return list(edges(self.cycle, self.index))

    @cached_property
    def successors(self) -> dict[str, list[str]]:
        """Moment id -> ids it links to; plain dicts, for rules that need no networkx."""
        from cyclemap.engine.graph import successors

        return successors(self.cycle, self.edges)

    @cached_property
    def links(self) -> list:
        """The cycle's links (`graph.Edge`), each (source, target) pair once, as `graph` has them."""
        from cyclemap.engine.graph import unique_edges

        return unique_edges(self.cycle, self.edges)

    @cached_property
    def by_id(self) -> dict[str, Moment]:
        """Moment id -> the moment (the first, for a repeated id)."""
        return {m.id: m for m in self.unique()}

    @cached_property
    def predecessors(self) -> dict[str, list[str]]:
        """Moment id -> ids that link to it."""
        from cyclemap.engine.graph import predecessors

        return predecessors(self.successors)

    @property
    def first(self) -> Moment | None:
        return self.cycle.moments[0] if self.cycle.moments else None

    @cached_property
    def order(self) -> list[str]:
        from cyclemap.engine.graph import cycle_order

        return cycle_order(self.cycle, self.successors)

    @cached_property
    def main_loop(self) -> list[str]:
        """Ids on the main loop, in order (`graph.main_loop`)."""
        from cyclemap.engine.graph import main_loop

        return main_loop(self.cycle, self.successors)

    @cached_property
    def betweenness(self) -> dict[str, float]:
        """Share of customer paths through each moment (0..1); {} without branches."""
        from cyclemap.engine.graph import path_share

        return path_share(self)

    @cached_property
    def service_level(self):
        """The cycle's service level under these settings (`service_level.service_level`)."""
        from cyclemap.engine.service_level import service_level

        return service_level(self.cycle, self.config)

    def unique(self) -> list[Moment]:
        """Each moment once (the first of any repeated id), in file order."""
        return list(self._unique)

    @cached_property
    def _unique(self) -> tuple[Moment, ...]:
        return tuple(self.cycle.moments[i] for i in self.index.values())


def rule_from_module(module_name: str, **fields) -> Rule:
    """Build a Rule whose doc is the module's docstring (one source of text): its English,
    and the catalogue entry whose message id is that docstring (`inspect.cleandoc`, as
    `i18n.extract_docstrings` extracts it) in every other language."""
    import sys

    doc = inspect.cleandoc(sys.modules[module_name].__doc__ or "")
    return Rule(doc=Message(doc) if doc else Verbatim(""), **fields)


_REGISTRY: dict[str, Rule] | None = None


def all_rules() -> dict[str, Rule]:
    """Every rule by code, in catalogue order."""
    global _REGISTRY
    if _REGISTRY is None:
        registry: dict[str, Rule] = {}
        for name in RULE_MODULES:
            rule = importlib.import_module(f"{__name__}.{name}").RULE
            registry[rule.code] = rule
        _REGISTRY = registry
    return _REGISTRY


_THRESHOLDS: dict[str, Threshold] | None = None


def all_thresholds() -> dict[str, Threshold]:
    """Every rule's thresholds by name, in catalogue order, then the labelled assumptions
    of the customers-at-risk estimate (`engine.at_risk`), settable the same way."""
    global _THRESHOLDS
    if _THRESHOLDS is None:
        from cyclemap.engine.at_risk import ASSUMPTIONS

        found = {t.name: t for rule in all_rules().values() for t in rule.thresholds}
        _THRESHOLDS = found | {t.name: t for t in ASSUMPTIONS}
    return _THRESHOLDS


def get_rule(code: str) -> Rule | None:
    return all_rules().get(code.strip().upper())
