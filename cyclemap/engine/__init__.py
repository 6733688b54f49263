"""Judging a cycle: the graph, the rule catalogue, the service level, the critique and
the one pipeline (`pipeline.check_file`) that every command reads from. Pure: no printing."""

from cyclemap.engine.rules import all_rules, all_thresholds
from cyclemap.format import settings


def _codes() -> list[str]:
    return list(all_rules())


# Settings files are read by the format layer and checked against this catalogue.
settings.use_catalogue(_codes, all_thresholds)
