"""Read a format-1 cycle file into a `Cycle`, keeping every value's line and column.

The YAML is *composed* (turned into a node tree with positions) from the events of
PyYAML's C parser when it is there, and never *constructed*: no tag can make Python
objects, and we walk the tree by the format's own shape, so aliases cannot blow up (a
billion-laughs document is read as a few wrong types, not a billion strings).

We compose with our own small loop (`_compose_events`) rather than PyYAML's: its C
composer recurses once per nesting level and crashes the process (SIGSEGV) on a file of
100,000 `[`; ours keeps an explicit stack and refuses more than `MAX_DEPTH` levels or
`MAX_NODES` values (bounded memory), and it caches tag resolution, which PyYAML redoes
with regular expressions for every scalar (a third of the parse time of a big file).

Problems come back as diagnostics: CM001 for a file that is not readable YAML, CM002 for
a YAML file that is not a cycle. The loader collects all of them instead of stopping at
the first, so one run shows everything to fix.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import gc
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

import yaml

from cyclemap.format.diagnostics import Diagnostic, Severity, Text, one_line
from cyclemap.format.model import (
    CARRIERS,
    CHANNELS,
    DEFAULT_SCALE,
    DIMENSIONS,
    FORMAT_VERSION,
    KINDS,
    LANGUAGES,
    Branch,
    Cycle,
    Moment,
    Pos,
)

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

CYCLE_KEYS = ("cyclemap", "title", "customer", "language", "scale", "stages", "closed", "volume", "moments")
MOMENT_KEYS = (
    "id", "name", "kind", "stage", "channel", "carried_by", "owner", "standard", "recovery",
    "dimensions", "expectation", "score", "responses", "feedback", "volume", "notes", "ignore", "next",
)
BRANCH_KEYS = ("to", "when")
ID_PATTERN = re.compile(r"^[a-z0-9_-]+$")

# Spanish (and a few natural) spellings accepted for enumerated values. Keys are
# normalised: lower case, no accents, spaces and underscores as hyphens.
KIND_ALIASES = {
    "rutina": "routine", "rutinario": "routine", "rutinaria": "routine",
    "critico": "critical", "critica": "critical",
}
CHANNEL_ALIASES = {
    "cara-a-cara": "face-to-face", "presencial": "face-to-face",
    "telefono": "phone", "telefonico": "phone",
    "correo": "mail", "correspondencia": "mail",
    "instalaciones": "facilities", "autoservicio": "self-service", "otro": "other",
}
CARRIER_ALIASES = {"personas": "people", "sistemas": "systems", "ambos": "both"}
DIMENSION_ALIASES = {
    "fiabilidad": "reliability", "confiabilidad": "reliability",
    "capacidad-de-respuesta": "responsiveness", "prontitud": "responsiveness",
    "profesionalidad": "competence", "profesionalismo": "competence", "competencia": "competence",
    "cortesia": "courtesy",
    "comunicacion": "communication",
    "credibilidad": "credibility",
    "seguridad": "security",
    "comprension": "understanding", "empatia": "understanding", "empathy": "understanding",
    "conocimiento-del-cliente": "understanding",
    "elementos-tangibles": "tangibles", "tangible": "tangibles",
    "accesibilidad": "access", "acceso": "access", "accessibility": "access",
}
LANGUAGE_ALIASES = {"espanol": "es", "spanish": "es", "ingles": "en", "english": "en"}
# Keys a Spanish speaker may write by habit; the did-you-mean points at the real one.
SPANISH_KEYS = {
    "titulo": "title", "cliente": "customer", "idioma": "language", "escala": "scale",
    "etapas": "stages", "cerrado": "closed", "momentos": "moments", "nombre": "name",
    "tipo": "kind", "etapa": "stage", "canal": "channel", "responsable": "owner",
    "dueno": "owner", "estandar": "standard", "recuperacion": "recovery",
    "dimensiones": "dimensions", "expectativa": "expectation", "puntuacion": "score",
    "nota": "score", "calificacion": "score", "respuestas": "responses", "notas": "notes",
    "siguiente": "next", "ignorar": "ignore", "cuando": "when", "hacia": "to", "volumen": "volume",
}


@functools.lru_cache(maxsize=4096)  # the same few words come back in every moment
def normalise_word(value: str) -> str:
    """'Crítico' -> 'critico', 'Capacidad de respuesta' -> 'capacidad-de-respuesta'."""
    decomposed = unicodedata.normalize("NFKD", value.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s_]+", "-", plain)


def did_you_mean(word: str, choices: tuple[str, ...] | list[str], aliases: dict[str, str] | None = None) -> str | None:
    norm = normalise_word(word)
    if aliases and norm in aliases:
        return aliases[norm]
    pool = list(choices) + list(aliases or {})
    close = difflib.get_close_matches(norm, pool, n=1, cutoff=0.6)
    if not close:
        return None
    return (aliases or {}).get(close[0], close[0])


def _pos(node_or_mark) -> Pos:
    mark = node_or_mark.start_mark if isinstance(node_or_mark, yaml.Node) else node_or_mark
    return Pos(mark.line + 1, mark.column + 1)


def _show(value: str, limit: int = 60) -> str:
    """A value from the file as it may appear inside a message: on one line, control and
    bidi characters written as escapes (\\n, \\u202e), and cut short when long."""
    if len(value) > limit:
        value = value[: limit - 3] + "..."
    return one_line(value)


def _describe(node: yaml.Node) -> Text:
    """What a node is, in words, for 'expected X, found Y' messages."""
    if isinstance(node, yaml.MappingNode):
        return Text("a mapping", "un mapa (clave: valor)")
    if isinstance(node, yaml.SequenceNode):
        return Text("a list", "una lista")
    tag = node.tag
    if tag == T_NULL:
        return Text("nothing (an empty value)", "nada (un valor vacío)")
    if tag == T_BOOL:
        return Text(f"the yes/no value `{_show(node.value)}`", f"el valor sí/no `{_show(node.value)}`")
    if tag in (T_INT, T_FLOAT):
        return Text(f"the number {_show(node.value)}", f"el número {_show(node.value)}")
    short = _show(node.value, 40)
    return Text(f'the text "{short}"', f'el texto "{short}"')


class _Reader:
    """Walks the composed node tree along the format's shape, collecting diagnostics."""

    def __init__(self, path: str):
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    # -- reporting -------------------------------------------------------
    def error(self, where, message: Text, hint: Text | None = None, code: str = "CM002") -> None:
        pos = where if isinstance(where, Pos) else _pos(where)
        self.diagnostics.append(Diagnostic(self.path, pos, code, Severity.ERROR, message, hint))

    def wrong_type(self, node: yaml.Node, key: str, expected: Text, hint: Text | None = None) -> None:
        found = _describe(node)
        self.error(
            node,
            Text(f"`{key}` must be {expected.en}, found {found.en}",
                 f"`{key}` debe ser {expected.es}; se encontró {found.es}"),
            hint,
        )

    # -- structure ---------------------------------------------------------
    def check_tag(self, node: yaml.Node) -> bool:
        if node.tag in STANDARD_TAGS:
            return True
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.error(
            node,
            Text(f"the tag `{tag}` is not allowed in a cycle file",
                 f"la etiqueta `{tag}` no está permitida en un archivo de ciclo"),
            Text("remove the tag: cycle files hold plain text, numbers, lists and mappings",
                 "quite la etiqueta: un ciclo solo contiene texto, números, listas y mapas"),
        )
        return False

    def mapping(self, node: yaml.Node, known: tuple[str, ...], what: Text) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The mapping's entries by key; reports duplicate and unknown keys."""
        if not self.check_tag(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            found = _describe(node)
            self.error(node, Text(f"{what.en} must be a mapping (key: value), found {found.en}",
                                  f"{what.es} debe ser un mapa (clave: valor); se encontró {found.es}"))
            return None
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (T_STR, T_INT, T_BOOL, T_NULL):
                self.error(key_node, Text("a key must be plain text", "una clave debe ser texto simple"))
                continue
            key = key_node.value
            if key in entries:
                shown = _show(key)
                first = _pos(entries[key][0])
                self.error(
                    key_node,
                    Text(f"duplicate key `{shown}` (first written at line {first.line})",
                         f"clave `{shown}` repetida (ya escrita en la línea {first.line})"),
                    Text("keep one of them: YAML would silently drop the other",
                         "deje solo una: YAML descartaría la otra sin avisar"),
                )
                continue
            if key not in known:
                shown = _show(key)
                guess = did_you_mean(key, known, SPANISH_KEYS)
                self.error(
                    key_node,
                    Text(f"unknown key `{shown}` in {what.en}", f"clave desconocida `{shown}` en {what.es}"),
                    Text(f"did you mean `{guess}`?", f"¿quiso decir `{guess}`?") if guess else
                    Text("known keys: " + ", ".join(known), "claves conocidas: " + ", ".join(known)),
                )
                continue
            entries[key] = (key_node, value_node)
        return entries

    def sequence(self, node: yaml.Node, key: str) -> list[yaml.Node] | None:
        if not self.check_tag(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.wrong_type(node, key, Text("a list", "una lista"),
                            Text(f"write it as `{key}: [a, b]`", f"escríbalo como `{key}: [a, b]`"))
            return None
        return list(node.value)

    # -- scalars -------------------------------------------------------------
    def text(self, node: yaml.Node, key: str, required: bool = False) -> str | None:
        if not self.check_tag(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.wrong_type(node, key, Text("text", "un texto"))
            return None
        if node.tag == T_NULL or not node.value.strip():
            if required:
                self.error(node, Text(f"`{key}` must not be empty", f"`{key}` no puede estar vacío"))
            return None
        return node.value

    def number(self, node: yaml.Node, key: str) -> float | None:
        if not self.check_tag(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag in (T_INT, T_FLOAT):
            value = float(_constructor.construct_yaml_float(node))
            if math.isfinite(value):
                return value
            self.error(node, Text(f"`{key}` must be a finite number, found {_show(node.value)}",
                                  f"`{key}` debe ser un número finito; se encontró {_show(node.value)}"))
            return None
        hint = None
        if isinstance(node, yaml.ScalarNode) and node.tag == T_STR and _looks_numeric(node.value):
            if node.style in ("'", '"'):
                hint = Text("remove the quotes: a quoted number is text", "quite las comillas: un número entre comillas es texto")
            else:
                hint = Text("write a plain decimal number, like 4.5", "escriba un número decimal simple, como 4.5")
        self.wrong_type(node, key, Text("a number", "un número"), hint)
        return None

    def integer(self, node: yaml.Node, key: str, minimum: int = 0) -> int | None:
        if not self.check_tag(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == T_INT:
            try:
                value = int(_constructor.construct_yaml_int(node))
            except ValueError:  # more digits than Python converts (4,300): no count is that big
                self.error(node, Text(f"`{key}` is too large a number", f"`{key}` es un número demasiado grande"))
                return None
            if value >= minimum:
                return value
            self.error(node, Text(f"`{key}` must be at least {minimum}, found {value}",
                                  f"`{key}` debe ser al menos {minimum}; se encontró {value}"))
            return None
        self.wrong_type(node, key, Text("a whole number", "un número entero"))
        return None

    def boolean(self, node: yaml.Node, key: str) -> bool | None:
        if not self.check_tag(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == T_BOOL:
            return bool(_constructor.construct_yaml_bool(node))
        self.wrong_type(node, key, Text("true or false", "true o false"))
        return None

    def choice(self, node: yaml.Node, key: str, choices: tuple[str, ...], aliases: dict[str, str]) -> str | None:
        if not self.check_tag(node):
            return None
        options = " | ".join(choices)
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (T_STR, T_INT, T_FLOAT):
            hint = None
            if isinstance(node, yaml.ScalarNode) and node.tag == T_BOOL:
                hint = Text(f"YAML reads `{_show(node.value)}` as yes/no; write one of: {options}",
                            f"YAML lee `{_show(node.value)}` como sí/no; escriba uno de: {options}")
            self.wrong_type(node, key, Text(f"one of {options}", f"uno de {options}"), hint)
            return None
        if node.value in choices:  # the common case, without normalising
            return node.value
        word = normalise_word(node.value)
        if word in choices:
            return word
        if word in aliases:
            return aliases[word]
        guess = did_you_mean(node.value, choices, aliases)
        self.error(
            node,
            Text(f"`{key}` must be one of {options}, found `{_show(node.value)}`",
                 f"`{key}` debe ser uno de {options}; se encontró `{_show(node.value)}`"),
            Text(f"did you mean `{guess}`?", f"¿quiso decir `{guess}`?") if guess else None,
        )
        return None

    def text_list(self, node: yaml.Node, key: str, item: Callable[[yaml.Node], str | None]) -> tuple[str, ...] | None:
        items = self.sequence(node, key)
        if items is None:
            return None
        values = [item(n) for n in items]
        return tuple(v for v in values if v is not None)


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


# -- the file -------------------------------------------------------------------

def _too_large(path: str, size: int) -> Diagnostic:
    mb, limit = size // (1024 * 1024), MAX_BYTES // (1024 * 1024)
    more = "more than " if size == MAX_BYTES + 1 else ""  # read up to the limit only
    mas = "más de " if more else ""
    return Diagnostic(path, Pos(1, 1), "CM001", Severity.ERROR,
                      Text(f"the file is too large ({more}{mb} MB; the limit is {limit} MB)",
                           f"el archivo es demasiado grande ({mas}{mb} MB; el límite es {limit} MB)"),
                      Text("split the cycle into several files", "divida el ciclo en varios archivos"))


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: UTF-8, with or without a BOM. Anything else is CM001 with a place."""
    if len(data) > MAX_BYTES:
        return None, [_too_large(path, len(data))]
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
                                 Text(f"the file is not UTF-8 (byte 0x{data[start]:02x} cannot be read)",
                                      f"el archivo no está en UTF-8 (el byte 0x{data[start]:02x} no se puede leer)"),
                                 Text("save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
                                      "guárdelo como UTF-8 (p. ej. `iconv -f latin1 -t utf-8`)"))]


class _TooBig(yaml.YAMLError):
    """The document is nested too deeply or holds too many values to read safely."""

    def __init__(self, en: str, es: str, mark):
        super().__init__(en)
        self.text = Text(en, es)
        self.mark = mark


def _compose_events(loader) -> yaml.Node | None:
    """PyYAML's Composer.get_single_node, as a loop over parser events with an explicit
    stack: same nodes, same errors, but bounded depth and size, and cached tag resolution.
    (Written for speed: it runs once per value of the file.)"""
    from yaml.composer import ComposerError

    get_event = loader.get_event
    resolve = loader.resolve
    scalar_tags: dict[tuple, str] = {}
    anchors: dict[str, yaml.Node] = {}
    # The open collections, innermost last; for each open mapping, its pending key
    # (None when the next node is a key). A sequence's slot is unused.
    parents: list[yaml.Node] = []
    keys: list[yaml.Node | None] = []
    root: yaml.Node | None = None
    documents = 0
    budget = MAX_NODES
    ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
    SequenceStartEvent, MappingStartEvent = yaml.SequenceStartEvent, yaml.MappingStartEvent
    SequenceEndEvent, MappingEndEvent = yaml.SequenceEndEvent, yaml.MappingEndEvent
    ScalarNode, SequenceNode, MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

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
            anchor = event.anchor
            if anchor is not None:
                _check_anchor(anchor, anchors, event, ComposerError)
                anchors[anchor] = node
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            node = parents.pop()
            keys.pop()
            node.end_mark = event.end_mark
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            if len(parents) >= MAX_DEPTH:
                raise _TooBig(_DEPTH.en, _DEPTH.es, event.start_mark)
            node_class = SequenceNode if kind is SequenceStartEvent else MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(node_class, None, event.implicit)
            node = node_class(tag, [], event.start_mark, None, event.flow_style)
            anchor = event.anchor
            if anchor is not None:
                # Known from its start, as in PyYAML: an alias inside it is the node itself.
                _check_anchor(anchor, anchors, event, ComposerError)
                anchors[anchor] = node
            parents.append(node)
            keys.append(None)
            continue
        elif kind is AliasEvent:
            anchor = event.anchor
            if anchor not in anchors:
                raise ComposerError(None, None, "found undefined alias %r" % anchor, event.start_mark)
            node = anchors[anchor]
        elif event is None or isinstance(event, yaml.StreamEndEvent):
            return root
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise ComposerError(None, None, "expected a single document in the stream, but found another document",
                                    event.start_mark)
            continue
        else:  # stream start, document end
            continue

        # A finished node: the root, an item of a sequence, or half of a mapping pair.
        budget -= 1
        if budget < 0:
            raise _TooBig(f"the file holds more than {MAX_NODES:,} values",
                          f"el archivo contiene más de {MAX_NODES:,} valores", node.start_mark)
        if not parents:
            root = node
            continue
        parent = parents[-1]
        if type(parent) is SequenceNode:
            parent.value.append(node)
        elif keys[-1] is None:
            keys[-1] = node
        else:
            parent.value.append((keys[-1], node))
            keys[-1] = None


def _check_anchor(anchor: str, anchors: dict, event, error) -> None:
    """PyYAML refuses an anchor name used twice in a document; so do we."""
    if anchor in anchors:
        raise error("found duplicate anchor %r; first occurrence" % anchor, anchors[anchor].start_mark,
                    "second occurrence", event.start_mark)


def _offset_pos(text: str, offset: int) -> Pos:
    """Line and column of a reader error's offset: bytes of UTF-8 for the C parser,
    characters for the pure-Python one."""
    if _Loader is not yaml.SafeLoader:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    line_start = text.rfind("\n", 0, offset) + 1
    return Pos(text.count("\n", 0, offset) + 1, offset - line_start + 1)


_DEPTH = Text(f"the YAML is nested more than {MAX_DEPTH} levels deep", f"el YAML está anidado a más de {MAX_DEPTH} niveles")
_TOO_BIG_HINT = Text("a cycle file is a few levels deep and a few thousand values long; "
                     "check that this is the right file", "un archivo de ciclo tiene pocos niveles y "
                     "unos miles de valores; compruebe que es el archivo correcto")


def compose(text: str, path: str) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Text to a YAML node tree with positions; syntax problems are CM001."""
    loader = _Loader(text)
    try:
        return _compose_events(loader), []
    except _TooBig as exc:
        return None, [Diagnostic(path, _pos(exc.mark), "CM001", Severity.ERROR,
                                 Text(f"not valid for cyclemap: {exc.text.en}", f"no válido para cyclemap: {exc.text.es}"),
                                 _TOO_BIG_HINT)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, ESC, ...)
        char = exc.character
        name = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        return None, [Diagnostic(path, _offset_pos(text, exc.position), "CM001", Severity.ERROR,
                                 Text(f"not valid YAML: the control character {name} is not allowed",
                                      f"YAML no válido: el carácter de control {name} no está permitido"),
                                 Text("remove it: YAML allows tabs and line breaks, no other control characters",
                                      "quítelo: YAML admite tabuladores y saltos de línea, ningún otro carácter de control"))]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark is not None else Pos(1, 1)
        problem = " ".join(filter(None, [exc.problem, exc.context])) or str(exc)
        if "max depth" in problem or "maximum nesting depth" in problem:
            # libyaml 0.2.6+ has a nesting limit of its own that may fire before ours: one
            # message for both, whichever libyaml is installed.
            return None, [Diagnostic(path, pos, "CM001", Severity.ERROR,
                                     Text(f"not valid for cyclemap: {_DEPTH.en}", f"no válido para cyclemap: {_DEPTH.es}"),
                                     _TOO_BIG_HINT)]
        hint = Text("fix the YAML syntax at this place", "corrija la sintaxis YAML en este lugar")
        if "\t" in problem or "'\\t'" in problem:
            hint = Text("indent with spaces: YAML does not allow tabs", "sangre con espacios: YAML no admite tabuladores")
        elif "single document" in problem:
            hint = Text("keep one cycle per file (remove the `---` separators)", "un ciclo por archivo (quite los separadores `---`)")
        return None, [Diagnostic(path, pos, "CM001", Severity.ERROR,
                                 Text(f"not valid YAML: {problem}", f"YAML no válido: {problem}"), hint)]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(path, Pos(1, 1), "CM001", Severity.ERROR,
                                 Text(f"not valid YAML: {exc}", f"YAML no válido: {exc}"))]
    except RecursionError:
        return None, [Diagnostic(path, Pos(1, 1), "CM001", Severity.ERROR,
                                 Text("the YAML is nested too deeply to read", "el YAML está anidado demasiado hondo para leerlo"))]
    finally:
        loader.dispose()


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


@contextlib.contextmanager
def _gc_paused():
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


def read_text(text: str, path: str = "<memory>") -> Loaded:
    with _gc_paused():
        return _read_text(text, path)


def _read_text(text: str, path: str) -> Loaded:
    root, problems = compose(text, path)
    if problems:
        return Loaded(None, problems)
    reader = _Reader(path)
    if root is None:
        reader.error(Pos(1, 1), Text("the file is empty", "el archivo está vacío"),
                     Text("a cycle needs at least `cyclemap: 1`, `title` and `moments`",
                          "un ciclo necesita al menos `cyclemap: 1`, `title` y `moments`"))
        return Loaded(None, reader.diagnostics)
    cycle = _read_cycle(reader, root, path)
    if reader.diagnostics:
        return Loaded(None, reader.diagnostics, _peek_language(root))
    return Loaded(cycle, [], cycle.language if cycle else None)


def read_path(path: str) -> Loaded:
    """Read one file. Raises OSError when it cannot be read at all (the CLI's usage error)."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_BYTES:  # refuse without reading it (pipes and the like are read up to the limit)
            return Loaded(None, [_too_large(path, size)])
        data = handle.read(MAX_BYTES + 1)
    return read_bytes(data, path)


def load_text(text: str, path: str = "<memory>") -> tuple[Cycle | None, list[Diagnostic]]:
    loaded = read_text(text, path)
    return loaded.cycle, loaded.diagnostics


def load_bytes(data: bytes, path: str = "<memory>") -> tuple[Cycle | None, list[Diagnostic]]:
    loaded = read_bytes(data, path)
    return loaded.cycle, loaded.diagnostics


def load_path(path: str) -> tuple[Cycle | None, list[Diagnostic]]:
    loaded = read_path(path)
    return loaded.cycle, loaded.diagnostics


def _peek_language(root: yaml.Node) -> str | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "language" and isinstance(value, yaml.ScalarNode):
            word = normalise_word(value.value)
            return word if word in LANGUAGES else LANGUAGE_ALIASES.get(word)
    return None


def _read_cycle(r: _Reader, root: yaml.Node, path: str) -> Cycle | None:
    top = r.mapping(root, CYCLE_KEYS, Text("the cycle file", "el archivo del ciclo"))
    if top is None:
        if not isinstance(root, yaml.MappingNode):
            r.diagnostics[-1] = Diagnostic(
                path, _pos(root), "CM002", Severity.ERROR,
                Text(f"a cycle file must be a mapping with `cyclemap`, `title` and `moments`, found {_describe(root).en}",
                     f"un archivo de ciclo debe ser un mapa con `cyclemap`, `title` y `moments`; se encontró {_describe(root).es}"),
                Text("start from `cyclemap init`", "empiece con `cyclemap init`"))
        return None
    positions = {key: _pos(value) for key, (_, value) in top.items()}
    for required in ("cyclemap", "title", "moments"):
        if required not in top:
            r.error(Pos(1, 1), Text(f"missing required key `{required}`", f"falta la clave obligatoria `{required}`"),
                    _REQUIRED_HINTS[required])

    if "cyclemap" in top:
        node = top["cyclemap"][1]
        version = r.integer(node, "cyclemap", minimum=1)
        if version is not None and version != FORMAT_VERSION:
            r.error(node, Text(f"format version {version} is not known to this cyclemap (it reads version {FORMAT_VERSION})",
                               f"esta versión de cyclemap no conoce el formato {version} (lee la versión {FORMAT_VERSION})"),
                    Text("write `cyclemap: 1` or upgrade cyclemap", "escriba `cyclemap: 1` o actualice cyclemap"))
    title = r.text(top["title"][1], "title", required=True) if "title" in top else None
    customer = r.text(top["customer"][1], "customer") if "customer" in top else None
    language = r.choice(top["language"][1], "language", LANGUAGES, LANGUAGE_ALIASES) if "language" in top else None
    closed = r.boolean(top["closed"][1], "closed") if "closed" in top else True
    volume = r.integer(top["volume"][1], "volume") if "volume" in top else None
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
        path=path,
        positions=positions,
    )


_REQUIRED_HINTS = {
    "cyclemap": Text("add `cyclemap: 1` as the first line", "añada `cyclemap: 1` como primera línea"),
    "title": Text("add `title: <what this cycle is>`", "añada `title: <de qué trata el ciclo>`"),
    "moments": Text("add a `moments:` list of moments of truth", "añada una lista `moments:` con los momentos de verdad"),
}


def _read_scale(r: _Reader, node: yaml.Node) -> tuple[float, float] | None:
    items = r.sequence(node, "scale")
    if items is None:
        return None
    numbers = [r.number(n, "scale") for n in items]
    if len(items) != 2:
        r.error(node, Text(f"`scale` must have two numbers [low, high], found {len(items)}",
                           f"`scale` debe tener dos números [mínimo, máximo]; se encontraron {len(items)}"))
        return None
    low, high = numbers
    if low is None or high is None:
        return None
    if low >= high:
        r.error(node, Text(f"`scale` must go from low to high, found [{low:g}, {high:g}]",
                           f"`scale` debe ir de menor a mayor; se encontró [{low:g}, {high:g}]"))
        return None
    return (low, high)


def _report_repeats(r: _Reader, node: yaml.Node, key: str) -> None:
    if not isinstance(node, yaml.SequenceNode):
        return
    seen: set[str] = set()
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):
            if item.value in seen:
                r.error(item, Text(f"`{_show(item.value)}` appears twice in `{key}`",
                                   f"`{_show(item.value)}` aparece dos veces en `{key}`"))
            seen.add(item.value)


def _read_id(r: _Reader, node: yaml.Node, key: str) -> str | None:
    value = r.text(node, key, required=True)
    if value is None:
        return None
    if not ID_PATTERN.match(value):
        slug = re.sub(r"[^a-z0-9_-]+", "-", normalise_word(value)).strip("-") or "moment"
        slug = _show(slug)
        r.error(node, Text(f"`{key}` `{_show(value)}` may only use a-z, 0-9, `_` and `-`",
                           f"`{key}` `{_show(value)}` solo puede usar a-z, 0-9, `_` y `-`"),
                Text(f"try `{slug}`", f"pruebe `{slug}`"))
        return None
    return value


def _moment_readers(r: _Reader) -> dict[str, Callable[[yaml.Node], object]]:
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
            "volume": lambda n: r.integer(n, "volume"),
            "notes": lambda n: r.text(n, "notes"),
            "ignore": lambda n: r.text_list(n, "ignore", lambda c: _read_code(r, c)),
            "next": lambda n: _read_next(r, n),
        }
    return readers


def _read_moment(r: _Reader, node: yaml.Node) -> Moment | None:
    entries = r.mapping(node, MOMENT_KEYS, Text("a moment", "un momento"))
    if entries is None:
        return None
    before = len(r.diagnostics)
    for required in ("id", "name", "kind"):
        if required not in entries:
            r.error(node, Text(f"a moment is missing the required key `{required}`",
                               f"a un momento le falta la clave obligatoria `{required}`"))
    values: dict[str, object] = {}
    readers = _moment_readers(r)
    for key, (_, value_node) in entries.items():
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
        feedback=bool(values.get("feedback") or False),
        volume=values.get("volume"),  # type: ignore[arg-type]
        notes=values.get("notes"),  # type: ignore[arg-type]
        ignore=values.get("ignore") or (),  # type: ignore[arg-type]
        next=values.get("next"),  # type: ignore[arg-type]
        pos=_pos(node),
        positions={key: _pos(value) for key, (_, value) in entries.items()},
    )


def _read_code(r: _Reader, node: yaml.Node) -> str | None:
    value = r.text(node, "ignore", required=True)
    if value is None:
        return None
    code = value.strip().upper()
    if not re.match(r"^CM\d{3}$", code):
        r.error(node, Text(f"`{_show(value)}` is not a rule code (like CM102)",
                           f"`{_show(value)}` no es un código de regla (como CM102)"),
                Text("`cyclemap rules` lists the codes", "`cyclemap rules` lista los códigos"))
        return None
    return code


def _read_next(r: _Reader, node: yaml.Node) -> tuple[Branch, ...] | None:
    items = r.sequence(node, "next")
    if items is None:
        return None
    branches: list[Branch] = []
    for item in items:
        if isinstance(item, yaml.MappingNode):
            entries = r.mapping(item, BRANCH_KEYS, Text("a branch of `next`", "una rama de `next`"))
            if entries is None:
                continue
            if "to" not in entries:
                r.error(item, Text("a branch needs `to: <moment id>`", "una rama necesita `to: <id del momento>`"))
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
