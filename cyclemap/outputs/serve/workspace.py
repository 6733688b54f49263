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

Thread-safe: the server calls it from worker threads. The table of files has one lock,
held only to look keys up or scan; each cycle has its own, so cycles are checked and
drawn independently, and a big one delays only itself.
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
    previous: object | None = None  # the CheckedCycle before `checked` (what changed since; one key away)
    previous_svgs: dict[str, str | None] = field(default_factory=dict)  # its drawings, kept from when it was shown
    previous_draw_problem: dict[str, Problem] = field(default_factory=dict)
    stale: bool = False  # the settings changed: check again even if the file did not
    held: bool = False  # the latest save did not read and is held back for a moment (mid-save?)
    # `lock` guards what a page reads (held while drawing a layout a page asks for);
    # `busy` lets one check of this file run at a time. Neither is the table's lock.
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    busy: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


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

    def scan(self, settings_changed: bool = False) -> tuple[list[str], bool]:
        """Look at the folders again (quick: no check). New files come in, removed ones
        go. Returns (keys whose file changed since it was last looked at, or all of them
        after a settings change; whether the list of cycles changed)."""
        with self._lock:
            found = self._scan()
            index_changed = list(found) != list(self.entries)
            if settings_changed:
                self.pipeline = self.make_pipeline()
            entries: dict[str, Entry] = {}
            due = []
            for key, path in found.items():
                entry = self.entries.get(key)
                if entry is None or entry.path != path:
                    entry = Entry(key, path)
                if settings_changed:
                    entry.stale = True
                if entry.version == 0 or entry.stale or _stamp(path) != entry.stamp:
                    due.append(key)
                entries[key] = entry
            self.entries = entries
            if index_changed:
                self.index_version += 1
            return due, index_changed

    def check(self, key: str, hold_bad: bool = False, force: bool = False) -> str:
        """Check one cycle again and draw the layout its pages show, holding neither the
        table nor any other cycle: a 200-moment neighbour delays only itself. Returns
        "changed" (a new version to show), "same" (nothing new since the last look),
        "held" (with `hold_bad`: the save does not read, and it is kept back: an editor
        that truncates, pauses and writes is mid-save; ask again with `force` after a
        pause) or "gone"."""
        entry = self.get(key)
        if entry is None:
            return "gone"
        with entry.busy:  # one check of a file at a time; others go on
            stamp = _stamp(entry.path)
            if not force and not entry.stale and entry.version > 0 and stamp == entry.stamp and not entry.held:
                return "same"
            entry.stale = False
            state = self._judge(entry, stamp)
            entry.stamp = stamp
            if hold_bad and state.get("checked") is None:
                entry.held = True
                return "held"
            entry.held = False
            with entry.lock:
                first = entry.version == 0
                for name, value in state.items():
                    setattr(entry, name, value)
                timing = dict(entry.timing)
                # From the save only when a save brought us here (not the first look at start).
                timing["saved"] = (stamp[0] / 1e9) if stamp and not first else None
                entry.timing = timing
                entry.version += 1
        with self._lock:
            self.index_version += 1
        return "changed"

    def refresh(self, settings_changed: bool = False) -> tuple[list[str], bool]:
        """Look again and check every changed file now, one after another (at start)."""
        due, index_changed = self.scan(settings_changed)
        changed = [key for key in due if self.check(key) == "changed"]
        return changed, index_changed

    def _judge(self, entry: Entry, stamp: tuple | None) -> dict:
        """Check the file and draw the layout pages are showing, touching nothing shared:
        the entry's new state, as attributes to set ("checked" absent when it did not load)."""
        from cyclemap.engine.pipeline import unreadable

        started = time.perf_counter()
        try:
            checked = self.pipeline.check(entry.path, data=self._read(entry.path))
        except OSError as exc:
            checked = unreadable(entry.path, exc, self.pipeline.lang)
        except Exception as exc:  # a bad settings file found next to the cycle
            text = getattr(exc, "text", None)
            message = text if isinstance(text, Text) else Computed(
                lambda lang, exc=exc: str(getattr(exc, lang, None) or exc))
            return {"problems": [Problem(0, 0, message)]}
        checked_at = time.perf_counter()
        state: dict = {"lang": checked.lang}
        if checked.loaded:
            checked.critique  # noqa: B018 - computed here, in the worker, not while serving a page
            layout = entry.layout
            svgs: dict[str, str | None] = {}
            problems: dict[str, Problem] = {}
            self._draw_into(checked, layout, svgs, problems)
            state.update(checked=checked, problems=[], svgs=svgs, draw_problem=problems)
            if entry.checked is not None:  # what was shown becomes the previous version, drawings and all
                state.update(previous=entry.checked, previous_svgs=entry.svgs,
                             previous_draw_problem=entry.draw_problem)
        else:
            state["problems"] = [Problem(d.pos.line, d.pos.col, d.message, d.hint) for d in checked.diagnostics[:3]]
        done = time.perf_counter()
        state["timing"] = {
            "saved": None,
            "ready": time.time(),
            "check_ms": (checked_at - started) * 1000,
            "draw_ms": (done - checked_at) * 1000,
        }
        return state

    def _draw_into(self, checked, layout: str, svgs: dict, problems: dict) -> None:
        from cyclemap.outputs.handout.sources import inline_svg
        from cyclemap.outputs.render import RenderError, render_bytes

        try:
            data = render_bytes(checked, layout=layout, fmt="svg", engine=self.engine, timeout=self.timeout)
        except RenderError as exc:
            problems[layout] = Problem(0, 0, exc.text)
            return
        svg = inline_svg(data.decode("utf-8", errors="replace"))
        if svg is None:
            problems[layout] = Problem(0, 0, _("the diagram holds something unsafe and is not shown"))
        svgs[layout] = svg

    def picture(self, key: str, layout: str, then=None, previous: bool = False):
        """The entry with `layout` drawn (drawing it now if it was not), or `then(entry)`
        made while no save can change it; None when there is no such key. Holds only
        this cycle's lock, never the table's. `previous`: the version before the one
        shown, as an entry of its own (None when there is none yet)."""
        entry = self.get(key)
        if entry is None:
            return None
        with entry.lock:
            if previous:
                if entry.previous is None:
                    return None
                if layout not in entry.previous_svgs and layout not in entry.previous_draw_problem:
                    self._draw_into(entry.previous, layout, entry.previous_svgs, entry.previous_draw_problem)
                before = Entry(entry.key, entry.path, entry.version, checked=entry.previous,
                               svgs=entry.previous_svgs, draw_problem=entry.previous_draw_problem,
                               layout=layout, timing=entry.timing, lang=entry.previous.lang)
                return then(before) if then is not None else before
            entry.layout = layout
            if entry.checked is not None and layout not in entry.svgs and layout not in entry.draw_problem:
                self._draw_into(entry.checked, layout, entry.svgs, entry.draw_problem)
            return then(entry) if then is not None else entry

    def warm(self) -> None:
        """Draw the first cycle once, so the embedded engine is compiled before the
        first page asks (about a second, once)."""
        for key in self.keys():
            entry = self.get(key)
            if entry is not None and entry.checked is not None:
                self.picture(key, "clock")
                return
