"""Which files a check reads: paths as given, folders searched, glob patterns expanded by
cyclemap itself (so `"cycles/**/*.yaml"` works the same quoted or not, on every shell,
Windows' included), less `--exclude` patterns; in a stable order, each file once.

And reading them so that one bad file never stops the others: a file that cannot be
opened becomes a CM001 finding for that file, and the check goes on.
"""

from __future__ import annotations

import glob
import os
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from cyclemap.format.i18n import _


CYCLE_SUFFIXES = (".yaml", ".yml")


def UsageError(text) -> Exception:  # noqa: N802 - reads as the exception it makes
    """The command line's usage error (exit 2), imported only when there is one to raise,
    so collecting files never loads the command-line framework."""
    from cyclemap.cli.usage import UsageError as _UsageError  # no Typer (cli.common re-exports it)

    return _UsageError(text)
GLOB_CHARS = set("*?[")


def _hidden(path: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(base).parts)


def _folder(path: Path) -> list[str]:
    return sorted(
        str(p) for p in path.rglob("*")
        if p.suffix.lower() in CYCLE_SUFFIXES and p.is_file() and not _hidden(p, path)
    )


def excluded(path: str, patterns: list[str]) -> bool:
    """True when a pattern matches the path, its name, or one of its parent folders
    (so `--exclude drafts` and `--exclude 'cycles/drafts/*'` both leave drafts out).
    Paths compare with forward slashes and without a leading `./`."""
    if not patterns:
        return False
    posix = PurePosixPath(Path(path).as_posix())
    parts = [p for p in posix.parts if p != "."]
    candidates = {"/".join(parts[:i]) for i in range(1, len(parts) + 1)} | set(parts)
    for pattern in patterns:
        pat = pattern.replace("\\", "/").removeprefix("./").rstrip("/")
        if any(fnmatchcase(c, pat) for c in candidates):
            return True
    return False


def collect_files(paths: list[str], exclude: list[str] | None = None) -> list[str]:
    """Files as given, folders searched for *.yaml/*.yml (hidden files and folders
    skipped), glob patterns expanded (`**` spans folders), each sorted, minus excluded
    ones, without repeats. A missing path, or a folder or pattern with nothing to check,
    is a usage error; a named file that --exclude matches is left out quietly."""
    exclude = list(exclude or [])
    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-":  # the cycle on stdin
            files.append(raw)
            continue
        if path.is_dir():
            found = _folder(path)
            what = _("no cycle files (*.yaml, *.yml) in {path}")
        elif path.is_file():
            # A named file that is excluded just drops out: pre-commit names files one by
            # one, and an excluded one must not turn the hook into a usage error.
            files.extend([raw] if not excluded(raw, exclude) else [])
            continue
        elif path.exists():
            raise UsageError(_("{path} is not a file or folder").format(path=raw))
        elif GLOB_CHARS & set(raw):
            found = []
            for match in sorted(glob.glob(raw, recursive=True)):
                found.extend(_folder(Path(match)) if os.path.isdir(match) else [match] if os.path.isfile(match) else [])
            what = _("the pattern {path} matches no files")
        else:
            raise UsageError(_("{path}: no such file or folder").format(path=raw))
        kept = [f for f in found if not excluded(f, exclude)]
        if not kept:
            raise UsageError(what.format(path=raw))
        files.extend(kept)
    seen: set[str] = set()
    return [f for f in files if not (os.path.normpath(f) in seen or seen.add(os.path.normpath(f)))]


def excluded_by_settings(path: str, config) -> bool:
    """True when the `exclude` of the settings file that applies to `path` matches it; the
    patterns are relative to that settings file's folder (as --exclude is to the working one)."""
    if not config.exclude or not config.source:
        return False
    base = os.path.dirname(os.path.abspath(config.source))
    relative = os.path.relpath(os.path.abspath(path), base)
    return not relative.startswith(os.pardir) and excluded(relative, list(config.exclude))
