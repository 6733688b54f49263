"""What every command shares: the help language, shared options, exit codes, and the
guard that turns any failure into a clear message instead of a traceback."""

from __future__ import annotations

import functools
import sys
from collections.abc import MutableMapping
from typing import Annotated, Callable, List, Optional

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from cyclemap.format.i18n import LANGUAGES, _

# Exit codes, help language, UsageError and check_lang live in `cyclemap.cli.usage` (no Typer
# there, so code below the command line can use them); imported here for every command.
from cyclemap.cli.usage import (  # noqa: E402,F401
    EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, check_choice, check_lang, check_ratings,
    fail, failure_exit, h, help_lang,
)


LangOption = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="|".join(LANGUAGES), help=h(
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


def write_parameters(command, ctx: typer.Context, formatter) -> None:
    """The "Arguments" and "Options" sections of a --help, in the help language, each
    parameter with its name (or metavar), its help, its default and whether it is required:
    no Python type labels (`<bool>`, `<list[str]>`), which say nothing to the reader."""
    arguments, options = [], []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if isinstance(param, TyperArgument):
            arguments.append((_argument_name(param), _help_of(param)))
        elif isinstance(param, TyperOption):
            names = ", ".join(sorted(param.opts, key=len))
            if param.secondary_opts:
                names += " / " + ", ".join(param.secondary_opts)
            if not param.is_flag and not param.count:
                names += f" {param.metavar or param.name.upper()}"
            options.append((names, _help_of(param)))
    for title, rows in ((h("Arguments"), arguments), (h("Options"), options)):
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


def value_choices(param) -> tuple[str, ...]:
    """The values an option's metavar lists (`--layout clock|flow|blueprint`), or ()."""
    import re

    metavar = getattr(param, "metavar", None) or ""
    parts = metavar.split("|")
    if isinstance(param, TyperOption) and len(parts) > 1 and all(re.fullmatch(r"[a-z][a-z0-9_-]*", p) for p in parts):
        return tuple(parts)
    return ()


def _argument_name(param) -> str:
    name = param.metavar or param.name.upper()
    return name + "..." if param.nargs != 1 and not name.endswith("...") else name


def _help_of(param) -> str:
    # Help written by cyclemap is already in the help language; Typer's own (completion,
    # --help) is an English message id that the catalogue translates.
    extras = []
    default = param.default
    if (isinstance(param, TyperOption) and param.show_default and not param.is_flag
            and default not in (None, "", (), [])):
        extras.append(h("default: {default}").format(default=default))
    if param.required:
        extras.append(h("required"))
    text = h(param.help) if param.help else ""
    return f"{text}  [{'; '.join(extras)}]".strip() if extras else text


def _help_option(option):
    if option is not None:
        option.help = h("Show this message and exit.")
    return option


# Typer's own option help, which `_help_of` translates: listed here so the catalogue's
# extractor finds them.
FRAMEWORK_HELP = (
    _("Install completion for the current shell."),
    _("Show completion for the current shell, to copy it or customize the installation."),
)


class CyclemapCommand(TyperCommand):
    """Every command's --help in one plain style, in the help language (see
    `write_parameters`); the usage line names the arguments as their help does. An
    option whose metavar lists its values (`clock|flow|blueprint`) completes them in the
    shell (`cyclemap --install-completion`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            choices = value_choices(param)
            if choices and getattr(param, "_custom_shell_complete", None) is None:
                param._custom_shell_complete = (
                    lambda ctx, param, incomplete, choices=choices: [c for c in choices if c.startswith(incomplete)])

    def format_usage(self, ctx: typer.Context, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=h("Usage:") + " ")

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:
        pieces = ["[OPTIONS]"]
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: typer.Context, formatter) -> None:
        write_parameters(self, ctx, formatter)

    def get_help_option(self, ctx: typer.Context):
        return _help_option(super().get_help_option(ctx))


class _Commands(MutableMapping):
    """The group's commands by name: those already built, then those `lazy_commands`
    named, each built (its module imported) the first time it is asked for. Listing the
    names builds nothing."""

    def __init__(self, built: dict):
        self._built = dict(built)

    def __getitem__(self, name: str):
        if name not in self._built:
            if name not in _LAZY:
                raise KeyError(name)
            self._built[name] = _LAZY[name]()
        return self._built[name]

    def __setitem__(self, name: str, command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self):
        yield from _LAZY
        yield from (name for name in self._built if name not in _LAZY)

    def __len__(self) -> int:
        return len(set(_LAZY) | set(self._built))


# {command name: a function that builds it}, plugged in by `cyclemap.cli` (see `lazy_commands`).
_LAZY: dict[str, Callable] = {}


def lazy_commands(builders: dict[str, Callable]) -> None:
    """Register commands built only when run, listed or completed: a command's module is
    imported then, not at start-up (`cyclemap.cli`). The order is the order of the help."""
    _LAZY.clear()
    _LAZY.update(builders)


class CyclemapGroup(TyperGroup):
    """The command group: refuses a single-valued option given twice (`--fail-on error
    --fail-on warning`) instead of silently keeping the last, as a usage error (exit 2).
    List options (`--select`, `--ignore`, `--exclude`) accumulate.

    One error style for every command: a usage error is `cyclemap: message` and a line
    saying where the help is, in the help language, exit 2 — as cyclemap's own refusals
    (`usage.fail`), never a framed panel.

    Its commands are built when asked for (`_Commands`): a run builds the one it runs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(self.commands)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            sys.exit(130)
        except typer.TyperException as exc:  # the framework's usage errors (its ClickException)
            sys.exit(_usage_failure(exc))
        sys.exit(code if isinstance(code, int) else 0)

    def resolve_command(self, ctx: typer.Context, args: list[str]):
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and not ctx.resilient_parsing:  # not while completing
            twice = repeated_option(command, rest)
            if twice:
                ctx.fail(h("{option} given more than once; give it once").format(option=twice))
        return name, command, rest

    def format_usage(self, ctx: typer.Context, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=h("Usage:") + " ")

    def format_options(self, ctx: typer.Context, formatter) -> None:
        write_parameters(self, ctx, formatter)
        names = self.list_commands(ctx)
        room = formatter.width - 6 - max(map(len, names), default=0)
        rows = [(name, command.get_short_help_str(room)) for name in names
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section(h("Commands")):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: typer.Context):
        return _help_option(super().get_help_option(ctx))


class CyclemapApp(typer.Typer):
    """The application: every command it registers is a `CyclemapCommand` (one help style)."""

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or CyclemapCommand, **kwargs)


def _usage_failure(exc) -> int:
    """Say a framework usage error in cyclemap's one style; its exit code."""
    kind = type(exc).__name__
    ctx = getattr(exc, "ctx", None)
    if kind == "NoArgsIsHelpError" and ctx is not None:  # `cyclemap` alone: the help
        typer.echo(ctx.get_help())
        return EXIT_USAGE
    if kind == "NoSuchOption":
        message = _("no such option: {option}").format(option=exc.option_name)
        if getattr(exc, "possibilities", None):
            message = _("{message} (did you mean {options}?)").format(
                message=message, options=", ".join(sorted(exc.possibilities)))
    elif kind == "MissingParameter" and getattr(exc, "param", None) is not None:
        if isinstance(exc.param, TyperArgument):
            message = _("missing argument {name}").format(name=_argument_name(exc.param))
        else:
            message = _("missing option {name}").format(name=" / ".join(exc.param.opts))
    else:
        message = None
    fail(message(help_lang()) if message is not None else exc.format_message())
    if ctx is not None:
        fail(_("try '{command} --help'").format(command=ctx.command_path)(help_lang()))
    return getattr(exc, "exit_code", EXIT_USAGE)


def repeated_option(command, args: list[str]) -> str | None:
    """The first single-valued option or flag (`-q -q`) that `args` give twice (under any of
    its names, a flag's `--no-` form included), or None."""
    single: dict[str, str] = {}
    takes_value: set[str] = set()
    for param in command.params:
        if not isinstance(param, TyperOption) or getattr(param, "count", False):
            continue
        names = [*param.opts, *getattr(param, "secondary_opts", ())]
        if not getattr(param, "is_flag", False):
            takes_value.update(names)
        if not param.multiple:
            single.update({opt: param.name for opt in names})
    seen: dict[str, str] = {}
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--":
            break
        if token.startswith("--"):
            options, inline = [token.partition("=")[0]], "=" in token
        elif token.startswith("-") and len(token) > 1:
            # `-qv` is `-q -v`; a short option that takes a value ends the cluster (`-ofile`).
            options = []
            for k, char in enumerate(token[1:], 1):
                options.append(f"-{char}")
                if f"-{char}" in takes_value or f"-{char}" not in single:
                    break
            inline = len(token) > 2 and options[-1] in takes_value and len(token) > len(options) + 1
        else:
            i += 1
            continue
        for option in options:
            if option in single:
                name = single[option]
                if name in seen:
                    return seen[name] if seen[name] == option else f"{seen[name]}/{option}"
                seen[name] = option
        i += 2 if options[-1] in takes_value and not inline else 1
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
# -- options of the commands that read folders or draw: one wording each, wherever they appear --

ExcludeOption = Annotated[
    Optional[List[str]],
    typer.Option("--exclude", metavar="PATTERN", help=h(
        "Leave out paths matching this pattern (file, folder or glob; repeatable).")),
]
# The default differs by command (serve keeps the embedded engine warm; the others prefer
# the installed `dot`): each command gives its own, and --help shows it.
EngineOption = Annotated[
    str,
    typer.Option("--engine", "-e", metavar="auto|system|embedded", help=h(
        "system: the dot program; embedded: built-in Graphviz (WebAssembly), no install needed; auto: system if dot is there.")),
]
