"""Helpers only the tests use (kept out of the package): a cycle from text or a path, a
cycle in memory judged as the pipeline judges a file, and its moments in cycle order."""

from __future__ import annotations

from cyclemap.engine.analysis import analyse_cycle
from cyclemap.engine.graph import cycle_order, unique_moments
from cyclemap.engine.pipeline import CheckedCycle, choose_lang
from cyclemap.format.diagnostics import Diagnostic
from cyclemap.format.model import Cycle, Moment
from cyclemap.format.ratings import read_table
from cyclemap.format.reader import read_path, read_text
from cyclemap.format.settings import Config


def load_text(text: str, path: str = "<memory>") -> tuple[Cycle | None, list[Diagnostic]]:
    loaded = read_text(text, path)
    return loaded.cycle, loaded.diagnostics


def load_path(path: str) -> tuple[Cycle | None, list[Diagnostic]]:
    loaded = read_path(path)
    return loaded.cycle, loaded.diagnostics


def check_cycle(cycle: Cycle, settings: Config | None = None, lang: str | None = None) -> CheckedCycle:
    """Judge a cycle already in memory as `Pipeline.check` judges a file: same rules, same
    derived facts."""
    settings = settings or Config()
    checked = CheckedCycle(cycle.path, [], cycle, choose_lang(cycle, lang), settings)
    checked.diagnostics = analyse_cycle(cycle, settings, checked.context)
    return checked


def ordered_moments(cycle: Cycle) -> list[Moment]:
    """Each moment once, in `cycle_order`."""
    index = unique_moments(cycle)
    return [cycle.moments[index[mid]] for mid in cycle_order(cycle)]


def read_ratings(data: bytes, path: str, cycle: Cycle) -> tuple[dict[str, list[float]], list[Diagnostic]]:
    """The usable ratings per moment id in CSV `data`, and the diagnostics."""
    result = read_table(data, path, cycle)
    return {k: list(v) for k, v in result.answers.items()}, result.diagnostics()


# A two-moment shop whose first score sits near its expectation: settings that move the
# band margin (`gap_margin`) change how it is judged (bands, baselines).
SHOP_CYCLE = """cyclemap: 1
title: Shop
customer: Buyer
moments:
  - id: arrive
    name: Arriving at the shop
    kind: critical
    owner: Store manager
    score: 3.4
    expectation: 4.0
    responses: 200
  - id: pay
    name: Paying at the till
    kind: routine
    owner: Cashier
    score: 4.2
    expectation: 4.0
    responses: 200
"""
