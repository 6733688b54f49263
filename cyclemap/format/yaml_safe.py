"""Safe YAML composition: text to a node tree with positions, never to Python objects.

The YAML is *composed* (turned into a node tree with positions) from the events of
PyYAML's C parser, and never *constructed*: no tag can make Python objects, and readers
walk the tree by their format's own shape, so aliases cannot blow up (a billion-laughs
document is read as a few wrong types, not a billion strings).

We compose with our own small loop (`_compose_events`) rather than PyYAML's: its C
composer recurses once per nesting level and crashes the process (SIGSEGV) on a file of
100,000 `[`; ours keeps an explicit stack and refuses more than `MAX_DEPTH` levels or
`MAX_NODES` values (bounded memory), and it caches tag resolution, which PyYAML redoes
with regular expressions for every scalar (a third of the parse time of a big file).
Problems come back as CM001 diagnostics. Used for cycle files and settings files alike.
"""

from __future__ import annotations


import contextlib
import gc

import yaml

from cyclemap.format.diagnostics import Diagnostic, Severity
from cyclemap.format.i18n import Number, Text, Verbatim, _
from cyclemap.format.model import Pos
from cyclemap.format.yaml_errors import explain

MAX_BYTES = 20 * 1024 * 1024  # a 10,000-moment cycle is about 3 MB
# A cycle nests about six levels deep; PyYAML's C composer crashes near 10,000.
MAX_DEPTH = 200
# A 10,000-moment cycle is about 300,000 YAML values; each costs ~0.4 KB composed, so
# this bounds what a hostile file of tiny values (`[a,a,a,...]`) can make us hold.
MAX_NODES = 1_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()

T_STR = "tag:yaml.org,2002:str"
T_INT = "tag:yaml.org,2002:int"
T_FLOAT = "tag:yaml.org,2002:float"
T_BOOL = "tag:yaml.org,2002:bool"
T_NULL = "tag:yaml.org,2002:null"
STANDARD_TAGS = {
    T_STR, T_INT, T_FLOAT, T_BOOL, T_NULL,
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


def node_pos(node_or_mark) -> Pos:
    """Where a node (or a parser mark) starts, 1-based."""
    mark = node_or_mark.start_mark if isinstance(node_or_mark, yaml.Node) else node_or_mark
    return Pos(mark.line + 1, mark.column + 1)



def too_large(path: str, size: int) -> Diagnostic:
    mb, limit = size // (1024 * 1024), MAX_BYTES // (1024 * 1024)
    if size == MAX_BYTES + 1:  # read up to the limit only
        message = _("the file is too large (more than {mb} MB; the limit is {limit} MB)")
    else:
        message = _("the file is too large ({mb} MB; the limit is {limit} MB)")
    return Diagnostic(path, Pos(1, 1), "CM001", Severity.ERROR, message.format(mb=mb, limit=limit),
                      _("split the cycle into several files"))


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: UTF-8, with or without a BOM. Anything else is CM001 with a place."""
    if len(data) > MAX_BYTES:
        return None, [too_large(path, len(data))]
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM is harmless: drop it so positions stay true
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", "replace")) + 1
        return None, [Diagnostic(path, Pos(line, col), "CM001", Severity.ERROR,
                                 _("the file is not UTF-8 (byte {byte} cannot be read)").format(
                                     byte=f"0x{data[start]:02x}"),
                                 _("save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"))]


class _TooBig(yaml.YAMLError):
    """The document is nested too deeply or holds too many values to read safely."""

    def __init__(self, text: Text, mark):
        super().__init__(text("en"))
        self.text = text
        self.mark = mark


def _compose_events(loader) -> yaml.Node | None:
    """PyYAML's Composer.get_single_node, as a loop over parser events with an explicit
    stack: same nodes, same errors, but bounded depth and size, and cached tag resolution.
    (Written for speed: it runs once per value, so scalars and attaching a finished node
    stay inline; rarer events are helpers.)"""
    get_event, resolve = loader.get_event, loader.resolve
    scalar_tags, anchors = {}, {}  # (value, implicit) -> tag, resolved once; anchor -> node
    # The open collections, innermost last; for each open mapping, its pending key
    # (None when the next node is a key). A sequence's slot is unused.
    parents: list[yaml.Node] = []
    keys: list[yaml.Node | None] = []
    root, documents, budget = None, 0, MAX_NODES
    ScalarEvent, ScalarNode, SequenceNode = yaml.ScalarEvent, yaml.ScalarNode, yaml.SequenceNode
    ends, starts = (yaml.SequenceEndEvent, yaml.MappingEndEvent), (yaml.SequenceStartEvent, yaml.MappingStartEvent)

    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                key = (event.value, event.implicit)
                tag = scalar_tags.get(key)
                if tag is None:
                    tag = scalar_tags[key] = resolve(ScalarNode, event.value, event.implicit)
            # end_mark = start_mark: nothing reads a scalar's end, and one Mark less per
            # value is a fifth of the memory of a big file.
            node = ScalarNode(tag, event.value, event.start_mark, event.start_mark, event.style)
            if event.anchor is not None:
                _anchor(event, node, anchors)
        elif kind in ends:
            node = parents.pop()
            keys.pop()
            node.end_mark = event.end_mark
        elif kind in starts:
            parents.append(_open(event, len(parents), resolve, anchors))
            keys.append(None)
            continue
        elif kind is yaml.AliasEvent:
            node = _aliased(event, anchors)
        elif event is None or kind is yaml.StreamEndEvent:
            return root
        else:  # stream start, document start or end
            documents += _another_document(event, documents)
            continue

        # A finished node: the root, an item of a sequence, or half of a mapping pair.
        budget -= 1
        if budget < 0:
            raise _TooBig(_("the file holds more than {count} values").format(count=Number(MAX_NODES, 0)),
                          node.start_mark)
        if not parents:
            root = node
        elif type(parents[-1]) is SequenceNode:
            parents[-1].value.append(node)
        elif keys[-1] is None:
            keys[-1] = node
        else:
            parents[-1].value.append((keys[-1], node))
            keys[-1] = None


def _open(event, depth: int, resolve, anchors: dict) -> yaml.Node:
    """A sequence or mapping that starts, at `depth` open collections: bounded depth."""
    if depth >= MAX_DEPTH:
        raise _TooBig(_DEPTH, event.start_mark)
    node_class = yaml.SequenceNode if type(event) is yaml.SequenceStartEvent else yaml.MappingNode
    tag = event.tag
    if tag is None or tag == "!":
        tag = resolve(node_class, None, event.implicit)
    node = node_class(tag, [], event.start_mark, None, event.flow_style)
    if event.anchor is not None:
        # Known from its start, as in PyYAML: an alias inside it is the node itself.
        _anchor(event, node, anchors)
    return node


def _anchor(event, node: yaml.Node, anchors: dict) -> None:
    from yaml.composer import ComposerError

    _check_anchor(event.anchor, anchors, event, ComposerError)
    anchors[event.anchor] = node


def _aliased(event, anchors: dict) -> yaml.Node:
    """The node an alias names (PyYAML's error for an alias to no anchor)."""
    if event.anchor not in anchors:
        from yaml.composer import ComposerError

        raise ComposerError(None, None, "found undefined alias %r" % event.anchor, event.start_mark)
    return anchors[event.anchor]


def _another_document(event, documents: int) -> int:
    """1 for a document's start (a second one is PyYAML's error), 0 for other events."""
    if not isinstance(event, yaml.DocumentStartEvent):
        return 0
    if documents >= 1:
        from yaml.composer import ComposerError

        raise ComposerError(None, None, "expected a single document in the stream, but found another document",
                            event.start_mark)
    return 1


def _check_anchor(anchor: str, anchors: dict, event, error) -> None:
    """PyYAML refuses an anchor name used twice in a document; so do we."""
    if anchor in anchors:
        raise error("found duplicate anchor %r; first occurrence" % anchor, anchors[anchor].start_mark,
                    "second occurrence", event.start_mark)


def _offsetnode_pos(text: str, offset: int) -> Pos:
    """Line and column of a reader error's offset: bytes of UTF-8 for the C parser,
    characters for the pure-Python one."""
    if _Loader is not yaml.SafeLoader:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    line_start = text.rfind("\n", 0, offset) + 1
    return Pos(text.count("\n", 0, offset) + 1, offset - line_start + 1)


_DEPTH = _("the YAML is nested more than {depth} levels deep").format(depth=MAX_DEPTH)
_TOO_BIG_HINT = _("a cycle file is a few levels deep and a few thousand values long; "
                  "check that this is the right file")
_NOT_FOR_CYCLEMAP = _("not valid for cyclemap: {problem}")
_NOT_YAML = _("not valid YAML: {problem}")


def compose(text: str, path: str) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Text to a YAML node tree with positions; syntax problems are CM001."""
    loader = _Loader(text)
    try:
        return _compose_events(loader), []
    except _TooBig as exc:
        return None, [Diagnostic(path, node_pos(exc.mark), "CM001", Severity.ERROR,
                                 _NOT_FOR_CYCLEMAP.format(problem=exc.text), _TOO_BIG_HINT)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, ESC, ...)
        char = exc.character
        name = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        return None, [Diagnostic(path, _offsetnode_pos(text, exc.position), "CM001", Severity.ERROR,
                                 _("not valid YAML: the control character {name} is not allowed").format(name=name),
                                 _("remove it: YAML allows tabs and line breaks, no other control characters"))]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = node_pos(mark) if mark is not None else Pos(1, 1)
        problem = " ".join(filter(None, [exc.problem, exc.context])) or str(exc)
        if "max depth" in problem or "maximum nesting depth" in problem:
            # libyaml 0.2.6+ has a nesting limit of its own that may fire before ours: one
            # message for both, whichever libyaml is installed.
            return None, [Diagnostic(path, pos, "CM001", Severity.ERROR,
                                     _NOT_FOR_CYCLEMAP.format(problem=_DEPTH), _TOO_BIG_HINT)]
        mistake = explain(exc, text)
        return None, [Diagnostic(path, mistake.pos, "CM001", Severity.ERROR, _NOT_YAML.format(problem=mistake.message),
                                 mistake.hint)]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(path, Pos(1, 1), "CM001", Severity.ERROR,
                                 _NOT_YAML.format(problem=Verbatim(str(exc))))]
    except RecursionError:
        return None, [Diagnostic(path, Pos(1, 1), "CM001", Severity.ERROR,
                                 _("the YAML is nested too deeply to read"))]
    finally:
        loader.dispose()


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while reading. Composing a big file allocates
    hundreds of thousands of small objects that are all still alive, and each automatic
    collection walks them all again: with it on, a 10,000-moment file reads 3-4 times
    slower. Reference counting frees the node tree without the collector; the rare tree
    with a cycle in it (an alias inside its own anchor) waits for the collector's next
    run once it is back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
