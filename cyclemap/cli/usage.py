"""What every command shares that needs no command-line framework: exit codes, the help
language, usage errors and the `--lang` check.

It imports no Typer, so the parts of cyclemap below the command line (collecting files,
writing outputs, `serve`) can raise its usage errors; `cyclemap.cli.common` re-exports it.
"""

from __future__ import annotations

import os
import sys

from cyclemap.format.diagnostics import Refusal
from cyclemap.format.i18n import _

# Exit codes, as linters use them (README, "Exit codes").
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def help_lang() -> str:
    """Language for --help, usage errors and progress lines: `--lang` on the command line,
    else CYCLEMAP_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else English. Read
    before the options are parsed, because --help and a bad option come first."""
    from cyclemap.format.i18n import decide_language, language_of

    chosen = None
    argv = sys.argv[1:]
    for i, token in enumerate(argv):
        if token == "--":
            break
        value = argv[i + 1] if token == "--lang" and i + 1 < len(argv) else token[7:] if token.startswith("--lang=") else None
        chosen = language_of(value) or chosen  # the last one, as the option parser reads it
    return decide_language(chosen, environment=True)


def h(msgid: str) -> str:
    """A help text in the help language (its English is the catalogue's message id)."""
    from cyclemap.format.i18n import catalogue

    return catalogue(help_lang()).gettext(msgid)


class UsageError(Refusal):
    """A problem with how cyclemap was called (bad option, missing path, unwritable output): exit 2."""


def check_lang(lang: str | None) -> str | None:
    """--lang: a language cyclemap has a catalogue for (`pt-BR` and `PT` read as `pt`)."""
    from cyclemap.format.i18n import LANGUAGES, language_of

    if lang is None:
        return None
    code = language_of(lang)
    if code is None:
        raise UsageError(_("--lang must be one of {languages}, not {value!r}").format(
            languages=", ".join(LANGUAGES), value=lang))
    return code


def check_choice(option: str, value: str, choices) -> str:
    """`value` if it is one of `choices`, else a usage error naming the option (exit 2)."""
    if value not in choices:
        raise UsageError(_("{option} must be one of {choices}, not {value!r}").format(
            option=option, choices=", ".join(choices), value=value))
    return value


def say(text) -> None:
    """A line for the person at the terminal (progress, a warning): `text` (a `Text`) on
    stderr, in the help language; stdout stays for the command's output."""
    sys.stderr.write(text(help_lang()) + "\n")
    sys.stderr.flush()


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush cannot fail again
    on a closed pipe and print "Exception ignored" on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def safe_streams() -> None:
    """Whatever encoding stdout and stderr have (a cp1252 console, a Latin-1 locale,
    PYTHONIOENCODING=ascii), a character they cannot show is written as an escape
    (\\u00e9) instead of ending the command with an error."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a text stream we can reconfigure
            pass


COLORS = ("auto", "always", "never")


def use_color(choice: str, stream=None) -> bool:
    """--color: always, never, or auto — off when NO_COLOR is set (and not empty), on when
    FORCE_COLOR is (and not empty or 0), else on only for a terminal."""
    check_choice("--color", choice, COLORS)
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", None) and stream.isatty())


def fail(message: str) -> None:
    """One line on stderr: escaped by the one escaping function, so a file name or a value
    quoted in a usage error cannot add a line or send the terminal a command."""
    from cyclemap.format.diagnostics import one_line

    sys.stderr.write(f"cyclemap: {one_line(message)}\n")


def failure_exit(exc: BaseException, debug: bool) -> int:
    """The exit code for a command that raised `exc`, after telling the user why: a usage
    error is exit 2, Ctrl-C 130, anything else an internal error, exit 3, with a short
    message (with `debug`, the exception goes on, traceback and all).
    Call it from inside the `except` block that caught `exc`."""
    if isinstance(exc, Refusal):  # a usage error, an output refused, a drawing that cannot be made
        fail(exc.text(help_lang()))
        return EXIT_USAGE
    from cyclemap.format.survey_mapping import MappingError

    if isinstance(exc, MappingError):  # a survey mapping file that cannot be used: where and why
        fail(f"{exc.where}: {exc.text(help_lang())}")
        return EXIT_USAGE
    if isinstance(exc, KeyboardInterrupt):
        return 130
    if isinstance(exc, BrokenPipeError):
        quiet_stdout()  # the reader went away (`cyclemap check . | head`): stop quietly
        return EXIT_FINDINGS
    if debug or not isinstance(exc, Exception):
        raise exc
    fail(_("internal error: {kind}: {error} (run again with --debug for the traceback, and please report it)").format(
        kind=type(exc).__name__, error=exc)(help_lang()))
    return EXIT_INTERNAL


# -- the one way from options to checked cycles ---------------------------------------

def make_pipeline(*, config: str | None = None, select: str | list[str] | None = None,
                  ignore: str | list[str] | None = None, lang: str | None = None, ratings: str | None = None,
                  segment: str | None = None, preview: bool = False):
    """The pipeline for these options (cyclemap.engine.pipeline). A bad language, ratings
    file or settings file is a usage error (exit 2) naming the file and line."""
    from cyclemap.engine.pipeline import Pipeline
    from cyclemap.format.settings import ConfigError

    lang = check_lang(lang)
    ratings = check_ratings(ratings)
    if segment is not None and ratings is None:
        raise UsageError(_("--segment needs --ratings (the file whose answers it filters)"))
    # Repeated --select/--ignore accumulate: `--ignore CM101 --ignore CM102,CM103`.
    select = ",".join(select) if isinstance(select, (list, tuple)) else select
    ignore = ",".join(ignore) if isinstance(ignore, (list, tuple)) else ignore
    try:
        pipeline = Pipeline(config=config, select=select, ignore=ignore, lang=lang, ratings=ratings, segment=segment,
                            preview=preview)
    except ConfigError as exc:
        raise UsageError(exc.text)
    return pipeline


STDIN = "-"
STDIN_NAME = "<stdin>"  # the path shown in messages for a cycle read from stdin


def read_stdin() -> bytes:
    """The cycle piped in, read once (up to the reader's size limit plus one byte, so an
    oversized input is still refused as CM001 without reading it all)."""
    from cyclemap.format.reader import MAX_BYTES

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UsageError(_("- reads the cycle from stdin, but there is no stdin"))
    return stream.read(MAX_BYTES + 1)


def check_input(path: str, what: str = "") -> str:
    """`path` must name an existing regular file (not a folder, device, FIFO or socket:
    reading those can block forever or never end); a usage error (exit 2) otherwise.
    `what` names the option (`--ratings`) in the message."""
    import stat

    from cyclemap.format.diagnostics import shown

    lead = f"{what} {shown(path)}" if what else shown(path)  # an option and a path: the same in every language
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise UsageError(_("{path}: no such file").format(path=lead)) from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UsageError(_("{path}: cannot read ({reason})").format(path=lead, reason=reason)) from None
    if stat.S_ISDIR(mode):
        raise UsageError(_("{path} is a folder; give a file").format(path=lead))
    if not stat.S_ISREG(mode):
        raise UsageError(_("{path} is not a regular file (a device, pipe or socket)").format(path=lead))
    return path


def check_one(pipeline, file: str, what: str = "cycle file"):
    """Check one named cycle file (`-`: read from stdin, shown as `<stdin>`); a folder, a
    missing, unreadable or non-regular file, or a bad settings file is a usage error (exit 2)."""
    from cyclemap.format.diagnostics import shown
    from cyclemap.format.settings import ConfigError

    if file == STDIN:
        try:
            return pipeline.check(STDIN_NAME, data=read_stdin())
        except ConfigError as exc:
            raise UsageError(exc.text)
    if os.path.isdir(file):
        raise UsageError(_("{path} is a folder; give one cycle file").format(path=shown(file)))
    check_input(file)
    try:
        return pipeline.check(file)
    except ConfigError as exc:
        raise UsageError(exc.text)
    except OSError as exc:
        name = shown(exc.filename or file)
        raise UsageError(_("{path}: cannot read ({reason})").format(path=name, reason=exc.strerror))


def check_ratings(ratings: str | None) -> str | None:
    """--ratings must name a readable regular file (exit 2 otherwise)."""
    if ratings is None:
        return None
    check_input(ratings, "--ratings")
    if not os.access(ratings, os.R_OK):
        from cyclemap.format.diagnostics import shown

        raise UsageError(_("--ratings {path}: cannot read it").format(path=shown(ratings)))
    return ratings
