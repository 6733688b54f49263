"""What every command shares: the help language, shared options, exit codes, and the
guard that turns any failure into a clear message instead of a traceback."""

from __future__ import annotations

import functools
from typing import Annotated, Callable, List, Optional

import typer
from typer.core import TyperGroup, TyperOption

# Exit codes, help language, UsageError and check_lang live in `cyclemap.cli.usage` (no Typer
# there, so the fast start-up path can use them); imported here for every command.
from cyclemap.cli.usage import (  # noqa: E402,F401
    EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, check_choice, check_lang, check_ratings,
    fail, failure_exit, h, help_lang,
)


LangOption = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="es|en", help=h(
        "Language of messages and reports (default: the cycle's `language`, else English).")),
]
DebugOption = Annotated[
    bool,
    typer.Option("--debug", help=h("Show a Python traceback on internal errors.")),
]


def guarded(func: Callable) -> Callable:
    """Run a command; map UsageError to exit 2 and any crash to exit 3 with a short message
    (the traceback only with --debug)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        debug = bool(kwargs.get("debug"))
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except (Exception, KeyboardInterrupt) as exc:  # the promise: never a traceback unless asked for
            raise typer.Exit(failure_exit(exc, debug))

    return wrapper


# -- options shared by check, critique (and render, handout): rules, settings, ratings ---

SelectOption = Annotated[
    Optional[List[str]],
    typer.Option("--select", metavar="CODES", help=h(
        "Run only these rules (comma-separated codes or prefixes: CM104,CM105 or CM1 for every CM1xx; "
        "repeatable); replaces `select` from the settings file.")),
]
IgnoreOption = Annotated[
    Optional[List[str]],
    typer.Option("--ignore", metavar="CODES", help=h(
        "Skip these rules (comma-separated codes or prefixes; repeatable); replaces `ignore` from the settings file.")),
]
ColorOption = Annotated[
    str,
    typer.Option("--color", metavar="auto|always|never", help=h(
        "Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never.")),
]


class CyclemapGroup(TyperGroup):
    """The command group: refuses a single-valued option given twice (`--fail-on error
    --fail-on warning`) instead of silently keeping the last, as a usage error (exit 2).
    List options (`--select`, `--ignore`, `--exclude`) accumulate."""

    def resolve_command(self, ctx: typer.Context, args: list[str]):
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and not ctx.resilient_parsing:  # not while completing
            twice = repeated_option(command, rest)
            if twice:
                ctx.fail(h("{option} given more than once; give it once").format(option=twice))
        return name, command, rest


def repeated_option(command, args: list[str]) -> str | None:
    """The first single-valued option that `args` give twice (under any of its names), or None."""
    single: dict[str, str] = {}
    takes_value: set[str] = set()
    for param in command.params:
        if not isinstance(param, TyperOption) or getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        takes_value.update(param.opts)
        if not param.multiple:
            single.update({opt: param.name for opt in param.opts})
    seen: dict[str, str] = {}
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--":
            break
        if token.startswith("--"):
            option, inline = token.partition("=")[0], "=" in token
        elif token.startswith("-") and len(token) > 1:
            option, inline = token[:2], len(token) > 2
        else:
            i += 1
            continue
        if option in single:
            name = single[option]
            if name in seen:
                return seen[name] if seen[name] == option else f"{seen[name]}/{option}"
            seen[name] = option
        i += 2 if option in takes_value and not inline else 1
    return None
ConfigOption = Annotated[
    Optional[str],
    typer.Option("--config", metavar="FILE", help=h(
        "Settings file to use (.cyclemap.yaml or pyproject.toml) instead of searching up from each cycle's folder.")),
]
RatingsOption = Annotated[
    Optional[str],
    typer.Option("--ratings", metavar="FILE.csv|.xlsx", help=h(
        "Survey answers (.csv or .xlsx; one row per answer, or per respondent with a column per moment) to merge into the scores at run time; the YAML is not changed.")),
]
SegmentOption = Annotated[
    Optional[str],
    typer.Option("--segment", metavar="VALUE", help=h(
        "With --ratings: use only the answers of this segment (the ratings file's `segment` column).")),
]
