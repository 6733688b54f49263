"""Connected cycles: the links from a moment to the internal cycles it rests on
(`supported_by`), resolved across files, each file read once.

A link is a path relative to the file that writes it, optionally with `#moment-id`
(`internal/card-issuing.yaml#issue-card`; `#moment-id` alone is a moment of the same
file). It must stay inside the **repository** of the file that writes it: the nearest
folder above the file that holds `.git`; where there is none, the folder tree being
checked (the folders named on the command line, else the file's own folder). Symbolic
links are followed before judging, so a link cannot leave the repository through one.

A **loop** is a moment that ends up supporting itself through moment-to-moment links
(`a#x` rests on `b#y`, which rests on `a#x`). Links to a whole cycle never make a loop:
two teams that serve each other are normal.

`LinkSet` is shared by every file of one run (`Pipeline`), so a folder is judged as a
set: a file linked from ten others is read once, and the strongly connected components
of the support graph are computed once (Tarjan, iterative). Pure: reads files, prints
nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from cyclemap.format.model import Cycle, Moment, Support

if TYPE_CHECKING:
    from cyclemap.engine.pipeline import CheckedCycle
    from cyclemap.format.reader import Loaded

# What became of a link.
OK = "ok"
OUTSIDE = "outside"  # leaves the repository (or is absolute, or a web address)
NO_FILE = "no-file"  # no such file
NOT_A_CYCLE = "not-a-cycle"  # the file is there but does not read as a cycle
NO_MOMENT = "no-moment"  # the cycle has no moment with that id

Node = tuple[str, str]  # (the cycle's real path, a moment id)


@dataclass(frozen=True)
class Resolved:
    """A link as found: its status, the target file (real path) and, when it read, the
    cycle and the moment (None for a link to a whole cycle)."""

    support: Support
    status: str
    path: str = ""
    cycle: Cycle | None = None
    moment: Moment | None = None
    root: str = ""  # the repository the link must stay in

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def node(self) -> Node | None:
        return (self.path, self.moment.id) if self.ok and self.moment is not None else None


_REAL: dict[object, str] = {}


def real(path: str) -> str:
    """The path as the set knows it: absolute, symbolic links resolved (remembered for the
    process: a run does not move files around)."""
    key = path if os.path.isabs(path) else (os.getcwd(), path)
    found = _REAL.get(key)
    if found is None:
        found = _REAL[key] = _real(path)
    return found


def _real(path: str) -> str:
    if path.startswith("<"):  # <stdin>, <memory>: the working folder stands in for the file
        return os.path.join(os.path.realpath(os.getcwd()), path)
    return os.path.realpath(path)


def _stamp(path: str) -> object:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _as_named(loaded: "Loaded", path: str) -> "Loaded":
    """The same reading, its cycle and problems named by the path the caller gave."""
    from dataclasses import replace

    cycle = loaded.cycle
    if (cycle is not None and cycle.path == path) or (cycle is None and all(d.path == path for d in loaded.diagnostics)):
        return loaded
    return replace(loaded, cycle=replace(cycle, path=path) if cycle is not None else None,
                   diagnostics=[replace(d, path=path) for d in loaded.diagnostics])


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # another drive
        return False


class LinkSet:
    """The cycles one run reads, by real path, each read once; the links between them."""

    def __init__(self, roots: list[str] | tuple[str, ...] = (),
                 judge: Callable[[str, Cycle], "CheckedCycle"] | None = None):
        self.roots = [os.path.realpath(r) for r in roots]
        self.explicit_roots = bool(roots)
        self.judge = judge  # how a linked cycle is judged (its own settings, no --ratings)
        self._loaded: dict[str, tuple[object, "Loaded"]] = {}
        self._memory: dict[str, Cycle] = {}  # cycles judged from memory (stdin, a rule's example)
        self._repos: dict[str, str] = {}
        self._checked: dict[str, "CheckedCycle"] = {}
        self._resolved: dict[tuple[str, Support], Resolved] = {}
        # Tarjan's state, kept between calls: the graph does not change during a run.
        self._component: dict[Node, int] = {}
        self._members: list[list[Node]] = []

    def set_roots(self, roots: list[str]) -> None:
        """The folder trees being checked (the repository where there is no `.git`)."""
        self.roots = list(dict.fromkeys(os.path.realpath(r) for r in roots))
        self.explicit_roots = True
        self._repos.clear()
        self._resolved.clear()

    def note_named(self, path: str) -> None:
        """A file named on the command line: without roots set by the command, its folder
        is one of the trees being checked."""
        if self.explicit_roots or path.startswith("<"):
            return
        folder = os.path.dirname(real(path))
        if folder not in self.roots:
            self.roots.append(folder)
            self._repos.clear()
            self._resolved.clear()

    # -- files ---------------------------------------------------------------------------
    def read(self, path: str) -> "Loaded":
        """Read one file through the set (the pipeline's reads, too): once while it does
        not change (its size and modification time are compared, so a live page sees each
        save). Raises OSError like `reader.read_path` when it cannot be opened."""
        from cyclemap.format.reader import read_path

        key = real(path)
        stamp = _stamp(path)
        cached = self._loaded.get(key)
        if cached is not None and cached[0] == stamp and stamp is not None:
            loaded = cached[1]
        else:
            loaded = read_path(path)
            if cached is not None:  # the file changed: what was derived from it is stale
                self._forget()
            self._loaded[key] = (stamp, loaded)
        return _as_named(loaded, path)

    def _forget(self) -> None:
        self._checked.clear()
        self._resolved.clear()
        self._component.clear()
        self._members.clear()

    def _peek(self, key: str) -> "Loaded | None":
        """A linked file by real path, or None when it is not a readable regular file."""
        cached = self._loaded.get(key)
        if cached is not None and cached[0] == _stamp(key):
            return cached[1]
        if not os.path.isfile(key):
            return None
        try:
            return self.read(key)
        except OSError:
            return None

    def know(self, cycle: Cycle) -> None:
        """The cycle being judged, as judged (it may not be on disk: stdin, an example)."""
        key = real(cycle.path)
        if self._memory.get(key) is not cycle:
            if key in self._memory:
                self._forget()
            self._memory[key] = cycle

    def cycle_at(self, key: str) -> Cycle | None:
        if key in self._memory:
            return self._memory[key]
        loaded = self._peek(key)
        return loaded.cycle if loaded is not None else None

    def checked(self, key: str) -> "CheckedCycle | None":
        """A linked cycle judged by its own settings (never with another file's ratings)."""
        if key not in self._checked:
            cycle = self.cycle_at(key)
            if cycle is None or self.judge is None:
                return None
            self._checked[key] = self.judge(key, cycle)
        return self._checked[key]

    def remember_checked(self, path: str, checked: "CheckedCycle") -> None:
        """A file the run judged anyway (by its own settings, without ratings): links to it
        reuse that judgement."""
        self._checked.setdefault(real(path), checked)

    def repository(self, path: str) -> str:
        """The nearest folder above `path` holding `.git`; else the checked folder that
        holds it; else its own folder."""
        folder = os.path.dirname(real(path))
        if folder in self._repos:
            return self._repos[folder]
        found, probe = None, folder
        while True:
            if os.path.exists(os.path.join(probe, ".git")):
                found = probe
                break
            parent = os.path.dirname(probe)
            if parent == probe:
                break
            probe = parent
        if found is None:
            holding = [r for r in self.roots if _inside(folder, r)]
            found = min(holding, key=len) if holding else folder
        self._repos[folder] = found
        return found

    # -- links ---------------------------------------------------------------------------
    def resolve(self, cycle: Cycle, support: Support) -> Resolved:
        here = real(cycle.path)
        key = (here, support)
        if key in self._resolved:
            return self._resolved[key]
        root = self.repository(cycle.path)
        result = self._resolve(cycle, here, support, root)
        self._resolved[key] = result
        return result

    def _resolve(self, cycle: Cycle, here: str, support: Support, root: str) -> Resolved:
        if not support.path:  # `#moment`: this file
            target, linked = here, cycle
        else:
            raw = support.path
            if os.path.isabs(raw) or raw.startswith(("/", "\\")) or "://" in raw or (len(raw) > 1 and raw[1] == ":"):
                return Resolved(support, OUTSIDE, raw, root=root)
            target = os.path.realpath(os.path.join(os.path.dirname(here), raw))
            if not _inside(target, root):
                return Resolved(support, OUTSIDE, target, root=root)
            if not os.path.isfile(target):
                return Resolved(support, NO_FILE, target, root=root)
            linked = cycle if target == here else self.cycle_at(target)
            if linked is None:
                return Resolved(support, NOT_A_CYCLE, target, root=root)
        if support.moment is None:
            return Resolved(support, OK, target, linked, None, root)
        moment = next((m for m in linked.moments if m.id == support.moment), None)
        if moment is None:
            return Resolved(support, NO_MOMENT, target, linked, None, root)
        return Resolved(support, OK, target, linked, moment, root)

    def supports(self, cycle: Cycle, moment: Moment) -> list[Resolved]:
        return [self.resolve(cycle, s) for s in moment.supported_by]

    # -- loops ---------------------------------------------------------------------------
    def _successors(self, node: Node) -> list[Node]:
        path, moment_id = node
        cycle = self.cycle_at(path)
        if cycle is None:
            return []
        moment = next((m for m in cycle.moments if m.id == moment_id), None)
        if moment is None:
            return []
        found = []
        for s in moment.supported_by:
            r = self.resolve(cycle, s)
            if r.node is not None:
                found.append(r.node)
        return found

    def component(self, node: Node) -> int:
        """The strongly connected component of `node` in the moment-to-moment support
        graph (iterative Tarjan, state kept across calls)."""
        if node in self._component:
            return self._component[node]
        index: dict[Node, int] = {}
        low: dict[Node, int] = {}
        stack: list[Node] = []
        on_stack: set[Node] = set()
        work = [(node, iter(self._successors(node)))]
        index[node] = low[node] = 0
        stack.append(node)
        on_stack.add(node)
        counter = 1
        while work:
            v, children = work[-1]
            advanced = False
            for w in children:
                if w in self._component:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(self._successors(w))))
                    advanced = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                members = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    self._component[w] = len(self._members)
                    members.append(w)
                    if w == v:
                        break
                self._members.append(members)
        return self._component[node]

    def loop_through(self, here: Node, there: Node) -> list[Node] | None:
        """When the link here -> there closes a loop, the loop as nodes from `here` back to
        `here` (shortest way back); else None."""
        if here == there:
            return [here, here]
        if self.component(here) != self.component(there):
            return None
        members = set(self._members[self.component(here)])
        previous: dict[Node, Node] = {}
        queue, seen = [there], {there}
        while queue:
            v = queue.pop(0)
            for w in self._successors(v):
                if w not in members or w in seen:
                    continue
                previous[w] = v
                if w == here:
                    way = [here]
                    while way[-1] != there:
                        way.append(previous[way[-1]])
                    return [here] + list(reversed(way))
                seen.add(w)
                queue.append(w)
        return None


def link_set_of(ctx) -> LinkSet:
    """The run's link set (set on the rule context by the pipeline), or one of its own
    for a cycle judged alone (a rule's example, a template)."""
    found = getattr(ctx, "link_set", None)
    if found is None:
        found = ctx.link_set = LinkSet()
    found.know(ctx.cycle)
    return found


def shown_path(cycle_path: str, target: str) -> str:
    """A target as the linking file would write it: relative to that file's folder."""
    try:
        return os.path.relpath(target, os.path.dirname(real(cycle_path))).replace(os.sep, "/")
    except ValueError:
        return target


def root_of(argument: str) -> str:
    """The folder tree a command-line argument names: a folder itself, a file's folder,
    a glob pattern's part before its first wildcard."""
    if any(c in argument for c in "*?["):
        fixed = argument[: min(argument.index(c) for c in "*?[" if c in argument)]
        return os.path.dirname(fixed) or "."
    if os.path.isdir(argument):
        return argument
    return os.path.dirname(argument) or "."
