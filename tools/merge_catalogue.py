#!/usr/bin/env python3
"""A git merge driver for the gettext catalogues (docs/translating.md).

Two branches that each add texts touch the same .po files in many places (locations,
neighbouring entries), so git's line merge conflicts where nothing really disagrees. This
driver merges by message instead: every entry of both sides is kept; where both changed
one translation, ours wins (the merge is then reported so a person can look).

Set up once per clone (the .gitattributes file names the driver):

    git config merge.catalogue.name "gettext catalogue union"
    git config merge.catalogue.driver "python3 tools/merge_catalogue.py %O %A %B"
    git config merge.compiled.name "compiled catalogue: rebuilt after the merge"
    git config merge.compiled.driver true

After a merge run `python tools/catalogues.py update` and `compile`: the .mo files are
rebuilt from the merged .po files, and texts no longer in the code are dropped.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path


def _read(path: str, locale: str | None):
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        return read_po(f, locale=locale)


def _key(message):
    return (message.id, message.context)


def merge(base_path: str, ours_path: str, theirs_path: str) -> int:
    from babel.messages.pofile import write_po

    locale = None
    for line in Path(ours_path).read_text(encoding="utf-8", errors="replace").splitlines()[:40]:
        if line.startswith('"Language: '):
            locale = line.split(":", 1)[1].strip().strip('"').replace("\\n", "").strip() or None
            break
    try:
        base, ours, theirs = (_read(p, locale) for p in (base_path, ours_path, theirs_path))
    except Exception as error:  # an unreadable side: leave git's conflict to a person
        print(f"merge_catalogue: cannot read a side ({error}); merge by hand", file=sys.stderr)
        return 1
    base_strings = {_key(m): m.string for m in base if m.id}
    clashes = 0
    for message in theirs:
        if not message.id:
            continue
        mine = ours.get(message.id, context=message.context)
        if mine is None:
            ours[message.id] = message  # babel's Catalog.__setitem__ keeps context from the message
            continue
        if mine.string == message.string or not message.string:
            continue
        if not mine.string or mine.string == base_strings.get(_key(message)):
            mine.string = message.string
            mine.flags = set(message.flags)
        else:
            clashes += 1
    buffer = io.BytesIO()
    write_po(buffer, ours, width=100, sort_output=False, omit_header=False, include_previous=True,
             ignore_obsolete=True)
    Path(ours_path).write_bytes(buffer.getvalue())
    if clashes:
        print(f"merge_catalogue: {clashes} translation(s) changed on both sides; ours kept", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__)
        raise SystemExit(2)
    raise SystemExit(merge(*sys.argv[1:]))
