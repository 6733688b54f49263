"""The cycles a `serve` shows, and the last good picture of each.

A `Workspace` is made from the paths given on the command line (files and folders). It
knows exactly which cycle files it serves, each under a key (its path inside the folder
it was found in, or its file name): a page asks for a key, and a key that is not in the
table does not exist, so `..`, encoded slashes and absolute paths have nothing to reach.
Folders are searched without following symbolic links, and a file whose real path lies
outside its folder is left out.

`refresh()` looks again (after the watcher saw something, or at start): new files come
in, removed ones go, and every file whose stamp (mtime, size, inode) changed is checked
again through the pipeline. A file that does not read keeps its last good picture (and
critique) and carries the problem, with line and column, until a good save clears it.

Thread-safe: the server calls it from worker threads.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import PurePath

from cyclemap.format.i18n import Computed, Text, _

CYCLE_SUFFIXES = (".yaml", ".yml")
SETTINGS_NAMES = (".cyclemap.yaml", ".cyclemap.yml", "pyproject.toml")


class ServeError(Exception):
    """A path that cannot be served (missing, unreadable): the command exits 2."""

    def __init__(self, text: Text):
        super().__init__(text("en"))
        self.text = text


@dataclass(frozen=True)
class Problem:
    """Why the latest save is not shown: where (0 when nowhere in particular) and what."""

    line: int
    col: int
    message: Text
    hint: Text | None = None


@dataclass
class Entry:
    key: str
    path: str  # absolute
    version: int = 0
    stamp: tuple | None = None
    checked: object | None = None  # the last CheckedCycle that loaded (None: never)
    svgs: dict[str, str | None] = field(default_factory=dict)  # layout -> inline SVG of `checked`
    draw_problem: dict[str, Problem] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # the latest save's, empty when it is good
    layout: str = "clock"  # the layout a page asked for last: drawn again on each save (others when asked)
    timing: dict[str, float | None] = field(default_factory=dict)
    lang: str = "en"  # of the latest save that said (its `language`, or --lang)


def _stamp(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _hidden(rel: PurePath) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([os.path.realpath(path), root]) == root
    except ValueError:
        return False


class Root:
    """One path from the command line: a cycle file, or a folder of them."""

    def __init__(self, raw: str):
        self.raw = raw
        self.path = os.path.abspath(raw)
        if not os.path.exists(self.path):
            raise ServeError(_("{path}: no such file or folder").format(path=raw))
        self.folder = os.path.isdir(self.path)
        self.real = os.path.realpath(self.path)
        if self.folder:
            try:
                with os.scandir(self.path) as it:
                    next(it, None)
            except OSError as exc:
                raise ServeError(_("{path}: cannot read the folder ({reason})").format(path=raw, reason=exc.strerror))
            if not os.access(self.path, os.R_OK | os.X_OK):
                raise ServeError(_("{path}: cannot read the folder").format(path=raw))
        else:
            if not os.path.isfile(self.path):
                raise ServeError(_("{path} is not a file or folder").format(path=raw))
            try:
                with open(self.path, "rb"):
                    pass
            except OSError as exc:
                raise ServeError(_("{path}: cannot read the file ({reason})").format(path=raw, reason=exc.strerror))

    @property
    def watch_dir(self) -> str:
        return self.path if self.folder else os.path.dirname(self.path)

    def files(self) -> list[tuple[str, str]]:
        """(key, absolute path) of every cycle file under this root, sorted. The walk is
        `format.walk`'s (iterative, depth-bounded, no link to a folder followed); a key is
        text whatever bytes the name holds (an undecodable byte is written `\\xff`)."""
        if not self.folder:
            return [(_key(os.path.basename(self.path)), self.path)]
        from cyclemap.format.walk import Walk, walk

        found = []
        for full, parts, is_folder in walk(self.path, Walk(), descend=lambda parts: not parts[-1].startswith(".")):
            if (not is_folder and parts[-1].lower().endswith(CYCLE_SUFFIXES) and not _hidden(PurePath(*parts))
                    and os.path.isfile(full) and _inside(full, self.real)):
                found.append((_key("/".join(parts)), full))
        return sorted(found)

    def read(self, path: str) -> bytes:
        """A cycle file of this root, opened through `format.walk.read_inside`: below the
        folder's real path, no link followed on the way, a regular file checked on the
        descriptor it is read from. Raises OSError (a link out, a FIFO, a folder...)."""
        from cyclemap.format.walk import read_inside
        from cyclemap.format.yaml_safe import MAX_BYTES

        real = os.path.realpath(path)
        folder = self.real if self.folder else os.path.dirname(self.real)
        if not _inside(real, folder) or (not self.folder and real != self.real):
            raise OSError(errno.EXDEV, _OUTSIDE)
        return read_inside(folder, tuple(PurePath(os.path.relpath(real, folder)).parts), MAX_BYTES)


_OUTSIDE = "a link to a file outside the folder (not followed)"


def _key(rel: str) -> str:
    """A file's key as text: its name, with any byte that is not UTF-8 written `\\xNN`."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


class Workspace:
    """The served cycles. `make_pipeline()` gives a `cyclemap.engine.pipeline.Pipeline`."""

    def __init__(self, roots: list[Root], make_pipeline, engine: str = "embedded", timeout: float = 30.0):
        self.roots = roots
        self.make_pipeline = make_pipeline  # a settings file changed: a fresh pipeline reads it again
        self.pipeline = make_pipeline()
        self.engine = engine
        self.timeout = timeout
        self.entries: dict[str, Entry] = {}
        self.index_version = 0
        self._lock = threading.RLock()

    # -- looking up -------------------------------------------------------------------

    def keys(self) -> list[str]:
        with self._lock:
            return list(self.entries)

    def get(self, key: str) -> Entry | None:
        with self._lock:
            return self.entries.get(key)

    def each(self, then):
        """`then(entries)` over every entry in order, while no save can change them."""
        with self._lock:
            return then(list(self.entries.values()))

    def neighbours(self, key: str) -> tuple[str | None, str | None]:
        keys = self.keys()
        if key not in keys or len(keys) < 2:
            return None, None
        i = keys.index(key)
        return keys[i - 1], keys[(i + 1) % len(keys)]

    def _read(self, path: str) -> bytes:
        """The bytes of a served file, through its root's one no-follow path (`Root.read`)."""
        for root in self.roots:
            if path == root.path or (root.folder and path.startswith(root.path.rstrip(os.sep) + os.sep)):
                return root.read(path)
        raise OSError(errno.EXDEV, _OUTSIDE)

    def versions(self) -> dict[str, int]:
        with self._lock:
            return {k: e.version for k, e in self.entries.items()}

    # -- looking again ----------------------------------------------------------------

    def _scan(self) -> dict[str, str]:
        found: dict[str, str] = {}
        taken: set[str] = set()
        for root in self.roots:
            for key, path in root.files():
                if path in found.values():
                    continue
                unique, n = key, 2
                while unique in taken:
                    stem, dot, suffix = key.rpartition(".")
                    unique = f"{stem}-{n}.{suffix}" if dot else f"{key}-{n}"
                    n += 1
                taken.add(unique)
                found[unique] = path
        return found

    def refresh(self, settings_changed: bool = False) -> tuple[list[str], bool]:
        """Look at the files again. Returns (keys whose picture or problem changed,
        whether the list of cycles changed)."""
        with self._lock:
            found = self._scan()
            index_changed = list(found) != list(self.entries)
            if settings_changed:
                self.pipeline = self.make_pipeline()
            entries: dict[str, Entry] = {}
            changed = []
            for key, path in found.items():
                entry = self.entries.get(key)
                if entry is None or entry.path != path:
                    entry = Entry(key, path)
                stamp = _stamp(path)
                if stamp != entry.stamp or settings_changed or entry.version == 0:
                    self._check(entry, stamp)
                    changed.append(key)
                entries[key] = entry
            self.entries = entries
            if index_changed or changed:
                self.index_version += 1
            return changed, index_changed

    def _check(self, entry: Entry, stamp: tuple | None) -> None:
        """Check the file again; when it loads, draw the layouts pages are showing."""
        from cyclemap.engine.pipeline import unreadable

        started = time.perf_counter()
        entry.stamp = stamp
        try:
            checked = self.pipeline.check(entry.path, data=self._read(entry.path))
        except OSError as exc:
            checked = unreadable(entry.path, exc, self.pipeline.lang)
        except Exception as exc:  # a bad settings file found next to the cycle
            text = getattr(exc, "text", None)
            message = text if isinstance(text, Text) else Computed(
                lambda lang, exc=exc: str(getattr(exc, lang, None) or exc))
            entry.problems = [Problem(0, 0, message)]
            entry.version += 1
            return
        checked_at = time.perf_counter()
        if checked.loaded:
            checked.critique  # noqa: B018 - computed here, in the worker, not while serving a page
            entry.problems = []
            entry.checked = checked
            entry.lang = checked.lang
            entry.svgs = {}
            entry.draw_problem = {}
            self._draw(entry, entry.layout)
        else:
            entry.problems = [Problem(d.pos.line, d.pos.col, d.message, d.hint) for d in checked.diagnostics[:3]]
            entry.lang = checked.lang
        done = time.perf_counter()
        first = entry.version == 0
        entry.version += 1
        entry.timing = {
            # From the save only when a save brought us here (not the first look at start).
            "saved": (stamp[0] / 1e9) if stamp and not first else None,
            "ready": time.time(),
            "check_ms": (checked_at - started) * 1000,
            "draw_ms": (done - checked_at) * 1000,
        }

    def _draw(self, entry: Entry, layout: str) -> None:
        from cyclemap.outputs.handout.sources import inline_svg
        from cyclemap.outputs.render import RenderError, render_bytes

        try:
            data = render_bytes(entry.checked, layout=layout, fmt="svg", engine=self.engine, timeout=self.timeout)
        except RenderError as exc:
            entry.draw_problem[layout] = Problem(0, 0, exc.text)
            return
        svg = inline_svg(data.decode("utf-8", errors="replace"))
        if svg is None:
            entry.draw_problem[layout] = Problem(0, 0, _("the diagram holds something unsafe and is not shown"))
        entry.svgs[layout] = svg

    def picture(self, key: str, layout: str, then=None):
        """The entry with `layout` drawn (drawing it now if it was not), or `then(entry)`
        made while no save can change it; None when there is no such key."""
        with self._lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            entry.layout = layout
            if entry.checked is not None and layout not in entry.svgs and layout not in entry.draw_problem:
                self._draw(entry, layout)
            return then(entry) if then is not None else entry

    def warm(self) -> None:
        """Draw the first cycle once, so the embedded engine is compiled before the
        first page asks (about a second, once)."""
        with self._lock:
            for entry in self.entries.values():
                if entry.checked is not None:
                    if "clock" not in entry.svgs:
                        self._draw(entry, "clock")
                    return
