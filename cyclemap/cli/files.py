"""Which files a check reads: paths as given, folders searched, glob patterns expanded by
cyclemap itself (so `"cycles/**/*.yaml"` works the same quoted or not, on every shell,
Windows' included), less `--exclude` patterns; in a stable order, each file once.

And reading them so that one bad file never stops the others: a file that cannot be
opened becomes a CM001 finding for that file, and the check goes on.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from cyclemap.format.i18n import _
from cyclemap.format.walk import MAX_FOLDER_DEPTH, Walk as _Walk, walk as _walk


CYCLE_SUFFIXES = (".yaml", ".yml")


def UsageError(text) -> Exception:  # noqa: N802 - reads as the exception it makes
    """The command line's usage error (exit 2), imported only when there is one to raise,
    so collecting files never loads the command-line framework."""
    from cyclemap.cli.usage import UsageError as _UsageError  # no Typer (cli.common re-exports it)

    return _UsageError(text)
GLOB_CHARS = set("*?[")


class Refused(str):
    """A cycle file the collector found but will not read, with why: the check reports it
    as a CM001 finding on that file and never opens it (so nothing of what it points to is
    quoted in a message or a CI annotation)."""

    refusal: object  # a Text
    hint: object


def _refused(path: str, root: str) -> Refused:
    found = Refused(path)
    found.refusal = _("this file is a symbolic link to a file outside {root}: it was not read").format(
        root=root if root not in ("", ".") else _("the working folder"))
    found.hint = _("keep the cycle itself inside the folder, or name the file it points to")
    return found


def _inside(path: str, root: str) -> bool:
    """True when `path` is `root` or below it (both resolved already)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _cycle_file(path: str, parts: tuple[str, ...], real_root: str, shown_root: str) -> str | None:
    """A cycle file found in a search, or its refusal; None when it is not one."""
    if os.path.splitext(parts[-1])[1].lower() not in CYCLE_SUFFIXES or any(p.startswith(".") for p in parts):
        return None
    if not os.path.isfile(path):
        return None
    if os.path.islink(path) and not _inside(os.path.realpath(path), real_root):
        return _refused(path, shown_root)
    return path


def _folder(path: str, walk: _Walk) -> list[str]:
    """The cycle files below a folder (hidden ones skipped), sorted by path."""
    real_root = os.path.realpath(path)
    found = [_cycle_file(p, parts, real_root, path) for p, parts, is_folder in
             _walk(path, walk, descend=lambda parts: not parts[-1].startswith(".")) if not is_folder]
    return sorted(f for f in found if f is not None)


def _segments_match(pattern: list[str], parts: tuple[str, ...]) -> bool:
    """Glob segments (with `**` for any number of folders) against a relative path, in
    time proportional to their product; `*` never matches a hidden name."""
    # reach[j]: the first i pattern segments can match the first j parts
    reach = [True] + [False] * len(parts)
    for seg in pattern:
        if seg == "**":  # any number of folders, none of them hidden
            nxt = [reach[0]]
            for j in range(1, len(parts) + 1):
                nxt.append(reach[j] or (nxt[j - 1] and not parts[j - 1].startswith(".")))
            reach = nxt
        else:
            hidden_ok = seg.startswith(".")
            reach = [False] + [reach[j - 1] and (hidden_ok or not parts[j - 1].startswith("."))
                               and fnmatchcase(parts[j - 1], seg) for j in range(1, len(parts) + 1)]
    return reach[len(parts)]


def _glob(raw: str, walk: _Walk) -> list[str]:
    """What a pattern names (a file, or a folder's cycle files), as `glob` would find them,
    without following links to folders and with the walk's depth bound."""
    pieces = raw.replace(os.sep, "/").split("/")
    fixed = 0
    while fixed < len(pieces) - 1 and not (GLOB_CHARS & set(pieces[fixed])):
        fixed += 1
    prefix = "/".join(pieces[:fixed]) or ("/" if raw.startswith("/") else "")
    rest = [p for p in pieces[fixed:] if p != ""]
    root = prefix or "."
    if not os.path.isdir(root) or not rest:
        return []
    deep = "**" in rest
    hidden_ok = any(p.startswith(".") for p in rest)

    def descend(parts: tuple[str, ...]) -> bool:
        return (deep or len(parts) < len(rest)) and (hidden_ok or not parts[-1].startswith("."))

    real_root = os.path.realpath(root)
    found: list[str] = []
    for path, parts, is_folder in _walk(root, walk, descend):
        if not _segments_match(rest, parts):
            continue
        shown = os.path.join(prefix, *parts) if prefix else os.path.join(*parts)
        if is_folder:
            found.extend(_folder(shown, walk))
        elif os.path.isfile(path):
            inside = not os.path.islink(path) or _inside(os.path.realpath(path), real_root)
            found.append(shown if inside else _refused(shown, prefix))
    return sorted(found)


def _named(raw: str) -> str:
    """A file named on the command line; refused when it lies in the working folder but is
    (or passes through) a link to a file outside it (a link a pull request added)."""
    cwd = os.path.realpath(os.getcwd())
    if _inside(os.path.abspath(raw), os.path.abspath(os.getcwd())) and not _inside(os.path.realpath(raw), cwd):
        return _refused(raw, "")
    return raw


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
    walk = _Walk()
    for raw in paths:
        path = Path(raw)
        if raw == "-":  # the cycle on stdin
            files.append(raw)
            continue
        if path.is_dir():
            found = _folder(raw, walk)
            what = _("no cycle files (*.yaml, *.yml) in {path}")
        elif path.is_file():
            # A named file that is excluded just drops out: pre-commit names files one by
            # one, and an excluded one must not turn the hook into a usage error.
            files.extend([_named(raw)] if not excluded(raw, exclude) else [])
            continue
        elif path.exists():
            raise UsageError(_("{path} is not a file or folder").format(path=raw))
        elif GLOB_CHARS & set(raw):
            found = _glob(raw, walk)
            what = _("the pattern {path} matches no files")
        else:
            raise UsageError(_("{path}: no such file or folder").format(path=raw))
        kept = [f for f in found if not excluded(f, exclude)]
        if not kept:
            raise UsageError(what.format(path=raw))
        files.extend(kept)
    _tell(walk)
    seen: set[str] = set()
    return [f for f in files if not (os.path.normpath(f) in seen or seen.add(os.path.normpath(f)))]


def _tell(walk: _Walk) -> None:
    """Never silent: what the search left alone, on stderr."""
    if not (walk.folder_links or walk.too_deep):
        return
    from cyclemap.cli.usage import say
    from cyclemap.format.i18n import Verbatim, _n
    from cyclemap.format.diagnostics import one_line

    if walk.folder_links:
        say(_n("{n} link to a folder was not followed (cycle files are searched inside the folder only)",
               "{n} links to folders were not followed (cycle files are searched inside the folder only)",
               walk.folder_links))
    if walk.too_deep:
        say(_n("{n} folder nested more than {depth} levels deep was not searched: {path}",
               "{n} folders nested more than {depth} levels deep were not searched, the first: {path}",
               len(walk.too_deep)).format(depth=MAX_FOLDER_DEPTH, path=Verbatim(one_line(walk.too_deep[0]))))


def excluded_by_settings(path: str, config) -> bool:
    """True when the `exclude` of the settings file that applies to `path` matches it; the
    patterns are relative to that settings file's folder (as --exclude is to the working one)."""
    if not config.exclude or not config.source:
        return False
    base = os.path.dirname(os.path.abspath(config.source))
    relative = os.path.relpath(os.path.abspath(path), base)
    return not relative.startswith(os.pardir) and excluded(relative, list(config.exclude))
