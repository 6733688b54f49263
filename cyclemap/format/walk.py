"""Folders and files someone else may have arranged: the one folder walk (`check`'s folders
and patterns, the live page's folder) and the one way the live page opens a cycle file.

`walk` is iterative (no depth is an internal error), never follows a link to a folder (a
link to `/`, out of the tree, or in a loop costs nothing) and does not enter folders past
`MAX_FOLDER_DEPTH`; what it left alone is counted, for the caller to say.

`read_inside` opens a file below a folder one component at a time, each relative to the
descriptor of the one before and never through a symbolic link (O_NOFOLLOW), the file
without waiting for a writer (O_NONBLOCK), then checks on that same descriptor that it is
a regular file before reading at most `limit + 1` bytes: there is no moment between the
check and the read in which the name can be swapped for a link out of the folder or a FIFO.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Callable, Iterator

MAX_FOLDER_DEPTH = 100

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class Walk:
    """What one search met besides files: links to folders left alone, folders too deep."""

    def __init__(self) -> None:
        self.folder_links = 0
        self.too_deep: list[str] = []


def walk(root: str, seen: Walk, descend: Callable[[tuple[str, ...]], bool] = lambda parts: True,
         ) -> Iterator[tuple[str, tuple[str, ...], bool]]:
    """(path, parts relative to root, is_folder) for everything below `root`, depth first
    in name order. `descend(parts)` says whether a folder is worth entering."""
    stack: list[tuple[str, tuple[str, ...]]] = [(root, ())]
    while stack:
        folder, parts = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:  # vanished, not a folder, or not ours to read: nothing there
            continue
        below = []
        for entry in entries:
            here = parts + (entry.name,)
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
                if not is_folder and entry.is_symlink() and entry.is_dir():
                    seen.folder_links += 1
                    continue
            except OSError:
                continue
            yield entry.path, here, is_folder
            if is_folder and descend(here):
                if len(here) >= MAX_FOLDER_DEPTH:
                    seen.too_deep.append(entry.path)
                else:
                    below.append((entry.path, here))
        stack.extend(reversed(below))


def read_inside(folder: str, parts: tuple[str, ...], limit: int) -> bytes:
    """The bytes (at most `limit + 1`) of the regular file `folder/parts...`, reached
    without following any link below `folder`. Raises OSError: ELOOP for a link on the
    way, EISDIR / EINVAL for a folder, FIFO, device or socket."""
    if not parts or any(p in ("", ".", "..") or os.sep in p for p in parts):
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
    fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            os.close(fd)
            fd = inner
        file_fd = os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=fd)
    finally:
        os.close(fd)
    try:
        mode = os.fstat(file_fd).st_mode
        if not stat.S_ISREG(mode):
            code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL
            raise OSError(code, os.strerror(code))
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(file_fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(file_fd)
