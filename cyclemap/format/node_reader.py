"""Typed values read from the composed YAML node tree (`yaml_safe`), each with its line
and column: a value that is not what its key takes becomes a diagnostic (CM002) with a
hint for the mistake made, and reading goes on, so one run shows everything to fix.
"""

from __future__ import annotations

import math
from typing import Callable

import yaml

from cyclemap.format.diagnostics import Diagnostic, Severity, one_line
from cyclemap.format.i18n import Number, Text, _
from cyclemap.format.model import Pos
from cyclemap.format.words import SPANISH_KEYS, certain_fix, did_you_mean, normalise_word
from cyclemap.format.yaml_safe import STANDARD_TAGS, T_BOOL, T_FLOAT, T_INT, T_NULL, T_STR, node_pos

_constructor = yaml.constructor.SafeConstructor()
_pos = node_pos

# How long each text may be, in characters: a name, a title, an owner or a branch label is
# a line on a diagram; a standard, a recovery plan, notes and the blueprint rows are a
# paragraph. Longer is refused (CM002 at the value) before any rule, picture or page works
# on it, so no step ever meets a megabyte-long name. Documented in README and docs/security.md.
SHORT_TEXT = 1_000
LONG_TEXT = 10_000


def _show(value: str, limit: int = 60) -> str:
    """A value from the file as it may appear inside a message: on one line, control and
    bidi characters written as escapes (\\n, \\u202e), and cut short when long."""
    if len(value) > limit:
        value = value[: limit - 3] + "..."
    return one_line(value)


def _describe(node: yaml.Node) -> Text:
    """What a node is, in words, for 'expected X, found Y' messages."""
    if isinstance(node, yaml.MappingNode):
        return _("a mapping")
    if isinstance(node, yaml.SequenceNode):
        return _A_LIST
    tag = node.tag
    if tag == T_NULL:
        return _("nothing (an empty value)")
    if tag == T_BOOL:
        return _("the yes/no value `{value}`").format(value=_show(node.value))
    if tag in (T_INT, T_FLOAT):
        return _("the number {value}").format(value=_show(node.value))
    return _('the text "{value}"').format(value=_show(node.value, 40))


_A_LIST = _("a list")
_DID_YOU_MEAN = _("did you mean `{guess}`?")


class NodeReader:
    """Reads typed values from composed YAML nodes (text, numbers, choices, lists,
    mappings with known keys), collecting a diagnostic for each value that is not what
    its key takes, instead of stopping at the first. The format's shape is the caller's
    (`reader`); `long_texts` names the keys that take a paragraph (LONG_TEXT)."""

    def __init__(self, path: str, long_texts: frozenset[str] = frozenset()):
        self.path = path
        self.long_texts = long_texts
        self.diagnostics: list[Diagnostic] = []

    # -- reporting -------------------------------------------------------
    def error(self, where, message: Text, hint: Text | None = None, code: str = "CM002", fix: str = "") -> None:
        pos = where if isinstance(where, Pos) else _pos(where)
        self.diagnostics.append(Diagnostic(self.path, pos, code, Severity.ERROR, message, hint, fix=fix))

    def wrong_type(self, node: yaml.Node, key: str, expected: Text, hint: Text | None = None) -> None:
        found = _describe(node)
        self.error(node, _("`{key}` must be {expected}, found {found}").format(key=key, expected=expected, found=found),
                   hint)

    # -- structure ---------------------------------------------------------
    def check_tag(self, node: yaml.Node) -> bool:
        if node.tag in STANDARD_TAGS:
            return True
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.error(
            node,
            _("the tag `{tag}` is not allowed in a cycle file").format(tag=tag),
            _("remove the tag: cycle files hold plain text, numbers, lists and mappings"),
        )
        return False

    def mapping(self, node: yaml.Node, known: tuple[str, ...], what: Text) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The mapping's entries by key; reports duplicate and unknown keys."""
        if not self.check_tag(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            found = _describe(node)
            self.error(node, _("{what} must be a mapping (key: value), found {found}").format(what=what, found=found))
            return None
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (T_STR, T_INT, T_BOOL, T_NULL):
                self.error(key_node, _("a key must be plain text"))
                continue
            key = key_node.value
            if key in entries:
                shown = _show(key)
                first = _pos(entries[key][0])
                self.error(
                    key_node,
                    _("duplicate key `{key}` (first written at line {line})").format(key=shown, line=first.line),
                    _("keep one of them: YAML would silently drop the other"),
                )
                continue
            if key not in known:
                shown = _show(key)
                guess = did_you_mean(key, known, SPANISH_KEYS)
                self.error(
                    key_node,
                    _("unknown key `{key}` in {what}").format(key=shown, what=what),
                    _DID_YOU_MEAN.format(guess=guess) if guess else
                    _("known keys: {keys}").format(keys=", ".join(known)),
                    fix=certain_fix(key, known, SPANISH_KEYS) if guess else "",
                )
                continue
            entries[key] = (key_node, value_node)
        return entries

    def sequence(self, node: yaml.Node, key: str) -> list[yaml.Node] | None:
        if not self.check_tag(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.wrong_type(node, key, _A_LIST, _("write it as `{key}: [a, b]`").format(key=key))
            return None
        return list(node.value)

    # -- scalars -------------------------------------------------------------
    def text(self, node: yaml.Node, key: str, required: bool = False) -> str | None:
        if not self.check_tag(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.wrong_type(node, key, _("text"))
            return None
        if node.tag == T_NULL or not node.value.strip():
            if required:
                self.error(node, _("`{key}` must not be empty").format(key=key))
            return None
        return node.value if self.within_limit(node, key) else None

    def within_limit(self, node: yaml.ScalarNode, key: str) -> bool:
        """A text no longer than its field's bound (SHORT_TEXT, LONG_TEXT); else a finding."""
        limit = LONG_TEXT if key in self.long_texts else SHORT_TEXT
        if len(node.value) <= limit:
            return True
        self.error(node, _("`{key}` is {length} characters long; it may be at most {limit}").format(
                       key=key, length=Number(len(node.value), 0), limit=Number(limit, 0)),
                   _("shorten it; a longer explanation belongs in `notes`") if limit == SHORT_TEXT
                   else _("shorten it, or keep the long text in a document and name it here"))
        return False

    def number(self, node: yaml.Node, key: str) -> float | None:
        if not self.check_tag(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag in (T_INT, T_FLOAT):
            value = float(_constructor.construct_yaml_float(node))
            if math.isfinite(value):
                return value
            self.error(node, _("`{key}` must be a finite number, found {value}").format(key=key, value=_show(node.value)))
            return None
        hint = None
        if isinstance(node, yaml.ScalarNode) and node.tag == T_STR and _looks_numeric(node.value):
            if node.style in ("'", '"'):
                hint = _("remove the quotes: a quoted number is text")
            else:
                hint = _("write a plain decimal number, like 4.5")
        self.wrong_type(node, key, _("a number"), hint)
        return None

    def integer(self, node: yaml.Node, key: str, minimum: int = 0) -> int | None:
        if not self.check_tag(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == T_INT:
            try:
                value = int(_constructor.construct_yaml_int(node))
            except ValueError:  # more digits than Python converts (4,300): no count is that big
                self.error(node, _("`{key}` is too large a number").format(key=key))
                return None
            if value >= minimum:
                return value
            self.error(node, _("`{key}` must be at least {minimum}, found {value}").format(
                key=key, minimum=minimum, value=value))
            return None
        self.wrong_type(node, key, _("a whole number"))
        return None

    def boolean(self, node: yaml.Node, key: str) -> bool | None:
        if not self.check_tag(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == T_BOOL:
            return bool(_constructor.construct_yaml_bool(node))
        self.wrong_type(node, key, _("true or false"))
        return None

    def choice(self, node: yaml.Node, key: str, choices: tuple[str, ...], aliases: dict[str, str]) -> str | None:
        if not self.check_tag(node):
            return None
        options = " | ".join(choices)
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (T_STR, T_INT, T_FLOAT):
            hint = None
            if isinstance(node, yaml.ScalarNode) and node.tag == T_BOOL:
                hint = _("YAML reads `{value}` as yes/no; write one of: {options}").format(
                    value=_show(node.value), options=options)
            self.wrong_type(node, key, _("one of {options}").format(options=options), hint)
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
            _("`{key}` must be one of {options}, found `{value}`").format(
                key=key, options=options, value=_show(node.value)),
            _DID_YOU_MEAN.format(guess=guess) if guess else None,
            fix=certain_fix(node.value, choices, aliases) if guess else "",
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
