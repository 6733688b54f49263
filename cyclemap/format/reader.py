"""Read a format-1 cycle file into a `Cycle`, keeping every value's line and column.

The text is composed safely (`yaml_safe`: node tree with positions, no objects, bounded
size and depth); this module walks that tree by the format's shape (`CYCLE_KEYS`,
`MOMENT_KEYS`) and accepts the format's Spanish words (`words`). Problems come back as
diagnostics: CM001 for a file that is not readable YAML, CM002 for a YAML file that is
not a cycle. All of them are collected instead of stopping at the first, so one run
shows everything to fix.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from typing import Callable

import yaml

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Number, _
from cyclemap.format.model import (
    CARRIERS,
    CHANNELS,
    DEFAULT_SCALE,
    DIMENSIONS,
    FORMAT_VERSION,
    KINDS,
    LANGUAGES,
    VOICES,
    Branch,
    Cycle,
    Moment,
    Pos,
    Support,
)
# Imported from here by others: SHORT_TEXT and LONG_TEXT (tests), did_you_mean (the survey
# readers, the answers command), MAX_BYTES (cli).
from cyclemap.format.node_reader import LONG_TEXT, SHORT_TEXT, NodeReader, _describe, _pos, _show  # noqa: F401
from cyclemap.format.words import (  # noqa: F401
    CARRIER_ALIASES, CHANNEL_ALIASES, DIMENSION_ALIASES, KIND_ALIASES, LANGUAGE_ALIASES, VOICE_ALIASES,
    did_you_mean, normalise_word,
)
from cyclemap.format.yaml_safe import MAX_BYTES, compose, decode, gc_paused, too_large  # noqa: F401

# A rating scale is 1-5, 0-10, 1-100...; beyond this, arithmetic on it stops being exact.
MAX_SCALE = 1e9

CYCLE_KEYS = ("cyclemap", "title", "customer", "internal", "language", "scale", "stages", "closed", "volume",
              "customers_can_leave", "moments")
MOMENT_KEYS = (
    "id", "name", "kind", "stage", "channel", "carried_by", "owner", "standard", "recovery",
    "dimensions", "expectation", "score", "responses", "feedback", "collects", "volume", "notes", "ignore",
    "next", "evidence", "onstage", "backstage", "support", "supported_by",
)
BLUEPRINT_KEYS = ("evidence", "onstage", "backstage", "support")
BRANCH_KEYS = ("to", "when")
ID_PATTERN = re.compile(r"^[a-z0-9_-]+$")
# The keys that take a paragraph (LONG_TEXT); every other text is a line (SHORT_TEXT).
LONG_TEXTS = frozenset(("standard", "recovery", "notes") + BLUEPRINT_KEYS)


@dataclass
class Loaded:
    """The outcome of reading a file: the cycle (None if it did not validate), the
    problems, and the file's `language` when it could be read even from a broken file
    (so its errors can be told in that language)."""

    cycle: Cycle | None
    diagnostics: list[Diagnostic]
    language: str | None = None


def read_bytes(data: bytes, path: str = "<memory>") -> Loaded:
    text, problems = decode(data, path)
    if text is None:
        return Loaded(None, problems)
    return read_text(text, path)


def read_text(text: str, path: str = "<memory>") -> Loaded:
    with gc_paused():
        return _read_text(text, path)


def _read_text(text: str, path: str) -> Loaded:
    root, problems = compose(text, path)
    if problems:
        return Loaded(None, problems)
    reader = NodeReader(path, LONG_TEXTS)
    if root is None:
        reader.error(Pos(1, 1), _("the file is empty"),
                     _("a cycle needs at least `cyclemap: 1`, `title` and `moments`"))
        return Loaded(None, reader.diagnostics)
    cycle = _read_cycle(reader, root, path)
    if reader.diagnostics:
        return Loaded(None, reader.diagnostics, _peek_language(root))
    return Loaded(cycle, [], cycle.language if cycle else None)


def read_path(path: str) -> Loaded:
    """Read one file. Raises OSError when it cannot be read at all (the CLI's usage error).
    Opened without waiting for a writer (O_NONBLOCK): a file swapped for a FIFO after the
    command line looked at it is refused on the descriptor, never waited on."""
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    mode = os.fstat(fd).st_mode
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISDIR(mode):
        os.close(fd)
        code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL
        raise OSError(code, os.strerror(code), path)
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_BYTES:  # refuse without reading it (pipes and the like are read up to the limit)
            return Loaded(None, [too_large(path, size)])
        data = handle.read(MAX_BYTES + 1)
    return read_bytes(data, path)


def load_bytes(data: bytes, path: str = "<memory>") -> tuple[Cycle | None, list[Diagnostic]]:
    loaded = read_bytes(data, path)
    return loaded.cycle, loaded.diagnostics


def _peek_language(root: yaml.Node) -> str | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "language" and isinstance(value, yaml.ScalarNode):
            word = normalise_word(value.value)
            return word if word in LANGUAGES else LANGUAGE_ALIASES.get(word)
    return None


def _read_cycle(r: NodeReader, root: yaml.Node, path: str) -> Cycle | None:
    top = r.mapping(root, CYCLE_KEYS, _("the cycle file"))
    if top is None:
        if not isinstance(root, yaml.MappingNode):
            r.diagnostics[-1] = Diagnostic(
                path, _pos(root), "CM002", Severity.ERROR,
                _("a cycle file must be a mapping with `cyclemap`, `title` and `moments`, found {found}").format(
                    found=_describe(root)),
                _("start from `cyclemap init`"))
        return None
    positions = {key: _pos(value) for key, (_key, value) in top.items()}
    for required in ("cyclemap", "title", "moments"):
        if required not in top:
            r.error(Pos(1, 1), _("missing required key `{key}`").format(key=required), _REQUIRED_HINTS[required])

    if "cyclemap" in top:
        node = top["cyclemap"][1]
        version = r.integer(node, "cyclemap", minimum=1)
        if version is not None and version != FORMAT_VERSION:
            r.error(node, _("format version {version} is not known to this cyclemap (it reads version {known})").format(
                        version=version, known=FORMAT_VERSION),
                    _("write `cyclemap: 1` or upgrade cyclemap"))
    title = r.text(top["title"][1], "title", required=True) if "title" in top else None
    customer = r.text(top["customer"][1], "customer") if "customer" in top else None
    language = r.choice(top["language"][1], "language", LANGUAGES, LANGUAGE_ALIASES) if "language" in top else None
    closed = r.boolean(top["closed"][1], "closed") if "closed" in top else True
    internal = r.boolean(top["internal"][1], "internal") if "internal" in top else False
    volume = r.integer(top["volume"][1], "volume") if "volume" in top else None
    can_leave = r.boolean(top["customers_can_leave"][1], "customers_can_leave") if "customers_can_leave" in top else True
    scale = _read_scale(r, top["scale"][1]) if "scale" in top else DEFAULT_SCALE
    stages: tuple[str, ...] = ()
    if "stages" in top:
        stages = r.text_list(top["stages"][1], "stages", lambda n: r.text(n, "stages", required=True)) or ()
        _report_repeats(r, top["stages"][1], "stages")
    moments: list[Moment] = []
    if "moments" in top:
        items = r.sequence(top["moments"][1], "moments")
        for item in items or []:
            moment = _read_moment(r, item)
            if moment is not None:
                moments.append(moment)
    return Cycle(
        title=title or "",
        moments=moments,
        customer=customer,
        language=language,
        scale=scale or DEFAULT_SCALE,
        stages=stages,
        closed=True if closed is None else closed,
        volume=volume,
        internal=bool(internal),
        customers_can_leave=True if can_leave is None else can_leave,
        path=path,
        positions=positions,
    )


_REQUIRED_HINTS = {
    "cyclemap": _("add `cyclemap: 1` as the first line"),
    "title": _("add `title: <what this cycle is>`"),
    "moments": _("add a `moments:` list of moments of truth"),
}


def _read_scale(r: NodeReader, node: yaml.Node) -> tuple[float, float] | None:
    items = r.sequence(node, "scale")
    if items is None:
        return None
    numbers = [r.number(n, "scale") for n in items]
    if len(items) != 2:
        r.error(node, _("`scale` must have two numbers [low, high], found {count}").format(count=len(items)))
        return None
    low, high = numbers
    if low is None or high is None:
        return None
    if max(abs(low), abs(high)) > MAX_SCALE:  # (its span must stay a finite number for every view)
        r.error(node, _("`scale` must stay within ±{limit}, found {scale}").format(
            limit=Number(MAX_SCALE, 0), scale=f"[{low:g}, {high:g}]"))
        return None
    if low >= high:
        r.error(node, _("`scale` must go from low to high, found {scale}").format(scale=f"[{low:g}, {high:g}]"))
        return None
    return (low, high)


def _report_repeats(r: NodeReader, node: yaml.Node, key: str) -> None:
    if not isinstance(node, yaml.SequenceNode):
        return
    seen: set[str] = set()
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):
            if item.value in seen:
                r.error(item, _("`{value}` appears twice in `{key}`").format(value=_show(item.value), key=key))
            seen.add(item.value)


def _read_id(r: NodeReader, node: yaml.Node, key: str) -> str | None:
    value = r.text(node, key, required=True)
    if value is None:
        return None
    if not ID_PATTERN.match(value):
        slug = re.sub(r"[^a-z0-9_-]+", "-", normalise_word(value)).strip("-") or "moment"
        slug = _show(slug)
        r.error(node, _("`{key}` `{value}` may only use a-z, 0-9, `_` and `-`").format(key=key, value=_show(value)),
                _("try `{slug}`").format(slug=slug))
        return None
    return value


def _moment_readers(r: NodeReader) -> dict[str, Callable[[yaml.Node], object]]:
    """How to read each key of a moment; made once per file, not once per moment."""
    readers = getattr(r, "_moment_readers", None)
    if readers is None:
        readers = r._moment_readers = {  # type: ignore[attr-defined]
            "id": lambda n: _read_id(r, n, "id"),
            "name": lambda n: r.text(n, "name", required=True),
            "kind": lambda n: r.choice(n, "kind", KINDS, KIND_ALIASES),
            "stage": lambda n: r.text(n, "stage"),
            "channel": lambda n: r.choice(n, "channel", CHANNELS, CHANNEL_ALIASES),
            "carried_by": lambda n: r.choice(n, "carried_by", CARRIERS, CARRIER_ALIASES),
            "owner": lambda n: r.text(n, "owner"),
            "standard": lambda n: r.text(n, "standard"),
            "recovery": lambda n: r.text(n, "recovery"),
            "dimensions": lambda n: r.text_list(n, "dimensions", lambda d: r.choice(d, "dimensions", DIMENSIONS, DIMENSION_ALIASES)),
            "expectation": lambda n: r.number(n, "expectation"),
            "score": lambda n: r.number(n, "score"),
            "responses": lambda n: r.integer(n, "responses"),
            "feedback": lambda n: r.boolean(n, "feedback"),
            "collects": lambda n: r.choice(n, "collects", VOICES, VOICE_ALIASES),
            "volume": lambda n: r.integer(n, "volume"),
            "notes": lambda n: r.text(n, "notes"),
            "ignore": lambda n: r.text_list(n, "ignore", lambda c: _read_code(r, c)),
            "next": lambda n: _read_next(r, n),
            "supported_by": lambda n: _read_supports(r, n),
            **{key: (lambda n, key=key: _read_texts(r, n, key)) for key in BLUEPRINT_KEYS},
        }
    return readers


def _read_texts(r: NodeReader, node: yaml.Node, key: str) -> tuple[str, ...] | None:
    """A text or a list of texts (the blueprint rows)."""
    if isinstance(node, yaml.SequenceNode):
        return r.text_list(node, key, lambda n: r.text(n, key))
    value = r.text(node, key)
    return None if value is None else (value,)


def _read_moment(r: NodeReader, node: yaml.Node) -> Moment | None:
    entries = r.mapping(node, MOMENT_KEYS, _("a moment"))
    if entries is None:
        return None
    before = len(r.diagnostics)
    for required in ("id", "name", "kind"):
        if required not in entries:
            r.error(node, _("a moment is missing the required key `{key}`").format(key=required))
    values: dict[str, object] = {}
    readers = _moment_readers(r)
    for key, (_key, value_node) in entries.items():
        values[key] = readers[key](value_node)
    if len(r.diagnostics) > before:
        return None
    return Moment(
        id=values["id"],  # type: ignore[arg-type]
        name=values["name"],  # type: ignore[arg-type]
        kind=values["kind"],  # type: ignore[arg-type]
        stage=values.get("stage"),  # type: ignore[arg-type]
        channel=values.get("channel"),  # type: ignore[arg-type]
        carried_by=values.get("carried_by"),  # type: ignore[arg-type]
        owner=values.get("owner"),  # type: ignore[arg-type]
        standard=values.get("standard"),  # type: ignore[arg-type]
        recovery=values.get("recovery"),  # type: ignore[arg-type]
        dimensions=values.get("dimensions") or (),  # type: ignore[arg-type]
        expectation=values.get("expectation"),  # type: ignore[arg-type]
        score=values.get("score"),  # type: ignore[arg-type]
        responses=values.get("responses"),  # type: ignore[arg-type]
        feedback=bool(values.get("feedback") or values.get("collects") or False),
        collects=values.get("collects"),  # type: ignore[arg-type]
        volume=values.get("volume"),  # type: ignore[arg-type]
        notes=values.get("notes"),  # type: ignore[arg-type]
        ignore=values.get("ignore") or (),  # type: ignore[arg-type]
        **{key: values.get(key) or () for key in BLUEPRINT_KEYS},  # type: ignore[arg-type]
        next=values.get("next"),  # type: ignore[arg-type]
        supported_by=values.get("supported_by") or (),  # type: ignore[arg-type]
        pos=_pos(node),
        positions={key: value.start_mark for key, (_key, value) in entries.items()},
    )


def _read_code(r: NodeReader, node: yaml.Node) -> str | None:
    value = r.text(node, "ignore", required=True)
    if value is None:
        return None
    code = value.strip().upper()
    if not re.match(r"^CM\d{3}$", code):
        r.error(node, _("`{value}` is not a rule code (like CM102)").format(value=_show(value)),
                _("`cyclemap rules` lists the codes"))
        return None
    return code


def _read_next(r: NodeReader, node: yaml.Node) -> tuple[Branch, ...] | None:
    items = r.sequence(node, "next")
    if items is None:
        return None
    branches: list[Branch] = []
    for item in items:
        if isinstance(item, yaml.MappingNode):
            entries = r.mapping(item, BRANCH_KEYS, _("a branch of `next`"))
            if entries is None:
                continue
            if "to" not in entries:
                r.error(item, _("a branch needs `to: <moment id>`"))
                continue
            target = _read_id(r, entries["to"][1], "to")
            when = r.text(entries["when"][1], "when") if "when" in entries else None
            if target is not None:
                branches.append(Branch(target, when, _pos(entries["to"][1])))
        else:
            target = _read_id(r, item, "next")
            if target is not None:
                branches.append(Branch(target, None, _pos(item)))
    return tuple(branches)


def _read_supports(r: NodeReader, node: yaml.Node) -> tuple[Support, ...] | None:
    """`supported_by`: one link or a list of them, each `path/to/cycle.yaml` or
    `path/to/cycle.yaml#moment-id` (or `#moment-id`: a moment of this file). Whether the
    file and the moment exist is judged across files (CM020-CM022), not here."""
    items = list(node.value) if isinstance(node, yaml.SequenceNode) else [node]
    if isinstance(node, yaml.SequenceNode) and not r.check_tag(node):
        return None
    found: list[Support] = []
    for item in items:
        value = r.text(item, "supported_by", required=True)
        if value is None:
            continue
        path, _hash, moment = value.strip().partition("#")
        if _hash and not ID_PATTERN.match(moment):
            r.error(item, _("`supported_by` `{value}`: after `#` comes a moment id (a-z, 0-9, `_`, `-`)").format(
                value=_show(value)), _("write it as `internal/cycle.yaml#moment-id`"))
            continue
        if not path and not _hash:
            continue
        found.append(Support(path.replace("\\", "/"), moment or None, _pos(item)))
    return tuple(found)
