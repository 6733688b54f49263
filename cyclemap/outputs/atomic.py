"""Write an output file atomically, only ever over a regular file, and never over an input.

Every command that writes a file (render, export, handout, init, a report's `-o`) goes
through `write_atomic`: the bytes go to a temporary file in the *same folder* as the
target (so the final `os.replace` is a rename on one filesystem, atomic on POSIX and
Windows), and only a complete file is ever renamed into place. If anything fails —
a full disk, Ctrl-C, SIGTERM — the temporary file is removed and the old target, if
any, is left as it was.

What an output may be (docs/security.md, "Outputs"):

- a new file in an existing folder, or an existing *regular* file, which keeps its
  permission bits (a handout kept `chmod 600` stays 600) and, where allowed, its owner;
- a symbolic link to a regular file: the file it points to is replaced, the link stays;
- never a folder, a device, a FIFO, a socket, a dangling link, or a path ending in `/`:
  those are refused (`OutputError`, exit 2) before any work is done;
- never one of the command's inputs (`inputs=[...]`: same path, or the same file
  through a link or `..`), so `cyclemap render banco.yaml -o banco.yaml` or
  `check banco.yaml --ratings encuesta.csv -o encuesta.csv` cannot destroy what it reads.

The temporary name is short (`.cyclemap-XXXXXXXX.tmp`), so an output whose own name is
near the filesystem's limit (255 bytes) can still be written. `exclusive=True` (used by
`init`) never replaces anything: the finished temporary file is hard-linked to the target,
which fails if the target appeared meanwhile — no check-then-rename race.

The remaining window: between the last check and the rename, another process that can
write the folder could swap the target for something else. cyclemap does not defend
against a concurrent attacker with write access to the output folder (docs/security.md).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterable

from cyclemap.format.diagnostics import Refusal, shown
from cyclemap.format.i18n import _


class OutputError(Refusal):
    """The output cannot be written; `text` says why in every language (a usage error, exit 2)."""


class OutputIsInput(OutputError):
    """The output path names one of the input files."""


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when both paths name the same file (also through links or `..`)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        pass
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def _name_max(folder: str) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _cannot(path: str, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(_("{path}: cannot write ({reason})").format(path=shown(path), reason=reason))


def _not_regular(path: str) -> OutputError:
    return OutputError(_("{path} is not a regular file (a device, pipe or socket); cyclemap only replaces "
                         "regular files: choose another output name, or -o - and redirect").format(path=shown(path)))


def resolve_output(path: str | os.PathLike) -> tuple[Path, os.stat_result | None]:
    """The file that will really be written (a link's target) and its current status (None
    when it does not exist yet); OutputError for anything that is not a possible output."""
    raw = os.fspath(path)
    if not raw or raw.endswith("/") or (os.sep != "/" and raw.endswith(os.sep)):
        raise OutputError(_("{path}: an output name cannot end with a slash; name a file").format(path=shown(raw)))
    target = Path(raw)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise OutputError(_("{path}: a part of the path is not a folder").format(path=shown(raw)))
    except OSError as exc:
        raise _too_long(raw) if exc.errno == errno.ENAMETOOLONG else _cannot(raw, exc)
    if st is not None and stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(target)
        except FileNotFoundError:
            raise OutputError(_("{path} is a link to nothing (a dangling symbolic link); cyclemap will not "
                                "replace it").format(path=shown(raw)))
        except OSError as exc:
            raise _cannot(raw, exc)
        target = Path(os.path.realpath(target))
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(_("{path} is a folder, not a file").format(path=shown(raw)))
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(raw)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(_("{path}: the folder {folder} does not exist").format(path=shown(raw),
                                                                              folder=shown(str(folder))))
    if len(os.fsencode(target.name)) > _name_max(str(folder)):
        raise _too_long(raw)
    return target, st


def _too_long(raw: str) -> OutputError:
    return OutputError(_("{path}: the file name is longer than this filesystem allows").format(path=shown(raw)))


def check_output(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = ()) -> None:
    """Raise OutputError when `path` cannot be an output (see the module doc). Call it
    before doing expensive work; `write_atomic` checks again just before writing."""
    for source in inputs:
        if source is not None and same_file(path, source):
            raise OutputIsInput(_("{path}: the output would overwrite the input file {input}; "
                                  "choose another output name").format(path=shown(os.fspath(path)),
                                                                       input=shown(os.fspath(source))))
    resolve_output(path)


def _temp_in(folder: Path) -> tuple[int, Path]:
    for _attempt in range(100):
        tmp = folder / f".cyclemap-{os.urandom(4).hex()}.tmp"  # secrets.token_hex, without its 3.5 ms import
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            continue
        return fd, tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, data: bytes | str, *,
                 inputs: Iterable[str | os.PathLike] = (), exclusive: bool = False) -> None:
    """Write `data` (str is written as UTF-8) to `path` atomically; see the module doc.
    `exclusive`: fail with OutputError if `path` exists (even if it appears meanwhile)."""
    raw = os.fspath(path)
    check_output(path, inputs)
    target, before = resolve_output(path)
    if exclusive and (before is not None or os.path.lexists(raw)):
        raise _exists(raw)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = _temp_in(folder)
    except OSError as exc:
        raise _cannot(raw, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if before is not None:
            # Keep the replaced file's permissions (and owner, when we may set it).
            if hasattr(os, "chown") and (before.st_uid, before.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, before.st_uid, before.st_gid)
                except OSError:
                    pass
            os.chmod(tmp, stat.S_IMODE(before.st_mode))
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        if exclusive:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise _exists(raw) from None
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                    raise
                _create_exclusively(raw, target, payload)  # a filesystem without hard links
            finally:
                _remove(tmp)
            return
        # Checked once more right before the rename: the target may have changed.
        _target, now = resolve_output(target)
        if now is not None and before is not None and (now.st_ino, now.st_dev) != (before.st_ino, before.st_dev):
            before = now
            os.chmod(tmp, stat.S_IMODE(now.st_mode))
        os.replace(tmp, target)
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, OSError):
            raise _cannot(raw, exc) from exc
        raise


def _create_exclusively(raw: str, target: Path, payload: bytes) -> None:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_BINARY", 0), 0o666)
    except FileExistsError:
        raise _exists(raw) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
    except BaseException:
        _remove(target)  # ours: created a moment ago, never someone else's
        raise


def _remove(tmp: Path) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _exists(raw: str) -> OutputError:
    return OutputError(_("{path} already exists; use --force to overwrite it, or -o to choose another name").format(
        path=shown(raw)))


def write_all_atomic(items: list[tuple[str, bytes]], *, inputs: Iterable[str | os.PathLike] = ()) -> None:
    """Write several files as one: every file is checked and written in full to its own
    temporary file first, and only when all are complete are they renamed into place (each
    rename atomic). A failure before that — a bad output, a full disk, Ctrl-C — leaves none
    of them written and every old file as it was."""
    staged: list[tuple[Path, Path, str]] = []
    try:
        for raw, data in items:
            check_output(raw, inputs)
            target, before = resolve_output(raw)
            folder = target.parent if str(target.parent) else Path(".")
            try:
                fd, tmp = _temp_in(folder)
            except OSError as exc:
                raise _cannot(raw, exc) from exc
            staged.append((tmp, target, raw))
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(tmp, stat.S_IMODE(before.st_mode) if before is not None else 0o666 & ~_umask())
            except OSError as exc:
                raise _cannot(raw, exc) from exc
        for tmp, target, raw in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise _cannot(raw, exc) from exc
    finally:
        for tmp, _target, _raw in staged:
            _remove(tmp)  # gone already once renamed
