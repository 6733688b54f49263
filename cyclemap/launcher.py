"""Start cyclemap: the everyday calls without loading the command-line framework.

Typer takes about 0.07 s to import and, from version 0.16 on, builds every option's
value through pydantic, another 0.1-0.25 s: together longer than yamllint takes to lint
a file from start to finish. So the entry point (`cyclemap`, `python -m cyclemap`)
first looks at the arguments itself. When they are `--version`, or `check` with only the
options listed here, it runs the check directly through `cyclemap.checking.run_check`
(the very function the Typer command calls). Anything else — help, another command, an
option it does not know, a repeated option, no path — goes to the Typer app unchanged,
which then prints exactly what it always printed. Set CYCLEMAP_NO_FAST_PATH=1 to always
use Typer (the tests compare the two ways).
"""

from __future__ import annotations

import os
import sys



def parse_check(args: list[str]) -> dict | None:
    """The arguments after `check` as run_check's keywords, or None to leave them to Typer."""
    from cyclemap.checking import FLAG_OPTIONS as CHECK_FLAGS, LIST_OPTIONS, VALUE_OPTIONS as CHECK_OPTIONS

    values: dict[str, object] = {}
    lists: dict[str, list[str]] = {}
    paths: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("-"):
            name, eq, value = arg.partition("=")
            if name in CHECK_FLAGS and not eq:
                key = CHECK_FLAGS[name]
                flag: object = True
            elif name in CHECK_OPTIONS or name in LIST_OPTIONS:
                key = CHECK_OPTIONS.get(name) or LIST_OPTIONS[name]
                if not eq:
                    i += 1
                    if i == len(args):
                        return None
                    value = args[i]
                if not value or value.startswith("-"):
                    return None
                flag = value
            else:
                return None  # help, `--`, `-`, an option we do not know: Typer's job
            if name in LIST_OPTIONS:
                lists.setdefault(key, []).append(flag)  # type: ignore[arg-type]
                i += 1
                continue
            if key in values:
                return None
            values[key] = flag
        else:
            paths.append(arg)
        i += 1
    if not paths:
        return None
    return {"paths": paths, **values, **lists}


def fast(args: list[str]) -> int | None:
    """Run the call here and return its exit code, or None when Typer should run it."""
    if args in (["--version"], ["-V"]):
        from cyclemap import __version__

        print(f"cyclemap {__version__}")
        return 0
    if not args or args[0] != "check":
        return None
    options = parse_check(args[1:])
    if options is None:
        return None
    debug = bool(options.pop("debug", False))
    from cyclemap.checking import run_check
    from cyclemap.usage import failure_exit

    try:
        code = run_check(**options)  # type: ignore[arg-type]
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader went away (`cyclemap check . | head`): stop quietly, as click does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except (Exception, KeyboardInterrupt) as exc:
        return failure_exit(exc, debug)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if os.environ.get("CYCLEMAP_NO_FAST_PATH", "") in ("", "0"):
        code = fast(args)
        if code is not None:
            sys.exit(code)
    from cyclemap.cli import main as typer_main

    typer_main()
