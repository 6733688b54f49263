"""The live page's watcher: it looks at a cycle again after every save (in a worker
thread), keeps the latest fragments built, and tells the open pages through the push
channel (`Hub`). A watcher (watchfiles) hears the saves; a rescan every RESCAN_SECONDS
catches any it missed.
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import sys
import threading
from contextlib import asynccontextmanager

from cyclemap.outputs.serve import views
from cyclemap.outputs.serve.workspace import CYCLE_SUFFIXES, SETTINGS_NAMES, Workspace

RESCAN_SECONDS = 2.0  # a look at every file's stamp, should the watcher miss a save
HOLD_SECONDS = 0.8  # a save that does not read waits this long for the rest of the write
KEEP_FRAGMENTS = 64  # fragments kept built (key, version, layout): the latest ones


class Hub:
    """The pages listening for changes, each with its own queue (event-loop thread only)."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue] = set()

    def subscribe(self) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self.queues.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue) -> None:
        self.queues.discard(queue)

    def publish(self, event: str, data: dict) -> None:
        message = f"event: {event}\ndata: {json.dumps(data)}\n\n"
        for queue in self.queues:
            queue.put_nowait(message)


def say_running_out_once(loop: asyncio.AbstractEventLoop, lang: str) -> None:
    """Running out of file descriptors (EMFILE, ENFILE: the server cannot accept another
    connection or open a file) is said once on stderr, not as a traceback for every refused
    connection; the server goes on as descriptors free up. Anything else goes to asyncio's
    own handler."""
    told = False

    def handler(loop, context):
        nonlocal told
        exc = context.get("exception")
        if isinstance(exc, OSError) and exc.errno in (errno.EMFILE, errno.ENFILE):
            if not told:
                told = True
                sys.stderr.write(views.T["running_out"](lang) + "\n")
                sys.stderr.flush()
            return
        if isinstance(exc, ValueError) and "_start_serving" in repr(context.get("handle")):
            return  # asyncio retrying an accept that ran out, on a server socket closed since (Ctrl-C)
        loop.default_exception_handler(context)

    loop.set_exception_handler(handler)


def _watch_filter(change, path: str) -> bool:
    name = os.path.basename(path)
    return name.lower().endswith(CYCLE_SUFFIXES) or name in SETTINGS_NAMES


class Watcher:
    """Looks at the workspace's cycles again after each save and tells their pages.
    The state is shared by the event loop (looking, again, forced, running) and the
    worker threads (the fragments built, under a lock)."""

    def __init__(self, workspace: Workspace, hub: Hub, lang: str) -> None:
        self.workspace = workspace
        self.hub = hub
        self.lang = lang
        self.made: dict[tuple[str, int, str], dict] = {}  # (key, version, layout) -> fragments, the latest few
        self.made_lock = threading.Lock()
        self.looking: set[str] = set()  # cycles being looked at now
        self.again: set[str] = set()  # ... and saved again meanwhile
        self.forced: set[str] = set()  # ... with the settings changed meanwhile
        self.running: set[asyncio.Task] = set()

    def fragments_of(self, key: str, layout: str) -> dict | None:
        """A cycle's fragments (built once per version and layout; worker thread)."""
        def build(entry):
            name = (key, entry.version, layout)
            with self.made_lock:
                if name in self.made:
                    return self.made[name]
            built = views.fragments(entry, layout)
            with self.made_lock:
                self.made[name] = built
                while len(self.made) > KEEP_FRAGMENTS:
                    self.made.pop(next(iter(self.made)))
            return built

        found = self.workspace.picture(key, layout, build)
        if found is not None:
            prev_key, next_key = self.workspace.neighbours(key)
            found = dict(found, prev=prev_key, next=next_key)
        return found

    def announce_index(self) -> None:
        self.hub.publish("index", {"version": self.workspace.index_version})

    async def look_at(self, key: str, force: bool) -> None:
        """Check one cycle (in a worker thread) and tell its pages. Saves of a file that
        is being checked are gathered into one more look when it ends, so a big file
        saved again and again never fills the worker threads the others need. A save
        that does not read is held back for HOLD_SECONDS and looked at again, so an
        editor that truncates, pauses and writes never flashes the red banner."""
        if key in self.looking:
            self.again.add(key)
            self.forced.update([key] if force else [])
            return
        self.looking.add(key)
        try:
            while True:
                self.again.discard(key)
                force = force or key in self.forced
                self.forced.discard(key)
                outcome = await asyncio.to_thread(self.workspace.check, key, True, force)
                if outcome == "held":
                    await asyncio.sleep(HOLD_SECONDS)
                    if key in self.again:
                        continue  # written again meanwhile: look at that, holding again
                    outcome = await asyncio.to_thread(self.workspace.check, key, False, True)
                if outcome == "changed":
                    await self._tell(key)
                if key not in self.again:
                    return
                force = False
        finally:
            self.looking.discard(key)

    async def _tell(self, key: str) -> None:
        """A cycle changed: its fragments are built before its pages hear of it and ask."""
        entry = self.workspace.get(key)
        if entry is not None:
            await asyncio.to_thread(self.fragments_of, key, entry.layout)
            self.hub.publish("change", {"key": key, "version": entry.version})
            self.announce_index()

    async def look_again(self, settings_changed: bool = False) -> None:
        due, index_changed = await asyncio.to_thread(self.workspace.scan, settings_changed)
        if index_changed:
            self.announce_index()
        for key in due:
            task = asyncio.create_task(self.look_at(key, settings_changed))
            self.running.add(task)
            task.add_done_callback(self.running.discard)

    async def watch(self, paths: list[str], recursive: bool, stop: asyncio.Event) -> None:
        from watchfiles import awatch

        async for changes in awatch(*paths, watch_filter=_watch_filter, debounce=400, step=10, stop_event=stop,
                                    recursive=recursive, ignore_permission_denied=True):
            settings = any(os.path.basename(p) in SETTINGS_NAMES for _unused, p in changes)
            await self.look_again(settings)

    async def rescan(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(RESCAN_SECONDS)
            await self.look_again()

    @asynccontextmanager
    async def lifespan(self, app):
        """While the server runs: the folders watched recursively, the single files'
        folders watched flat, and the rescan; all cancelled when it stops."""
        say_running_out_once(asyncio.get_running_loop(), self.lang)
        stop = asyncio.Event()
        roots = self.workspace.roots
        folders = sorted({r.watch_dir for r in roots if r.folder})
        parents = sorted({r.watch_dir for r in roots if not r.folder} - set(folders))
        tasks = [asyncio.create_task(self.rescan(stop))]
        if folders:
            tasks.append(asyncio.create_task(self.watch(folders, True, stop)))
        if parents:
            tasks.append(asyncio.create_task(self.watch(parents, False, stop)))
        try:
            yield
        finally:
            stop.set()
            for task in tasks + list(self.running):
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
