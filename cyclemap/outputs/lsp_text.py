"""What the cursor is in, read from the buffer line by line (forgiving: the text may not
parse while someone types): where a word ends, the ids written, which key's value is
being typed; and the words and documentation the language server offers there.
"""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from cyclemap.format.words import (
    CARRIER, CARRIER_ALIASES, CHANNEL, CHANNEL_ALIASES, DIMENSION, DIMENSION_ALIASES, KIND, KIND_ALIASES,
    normalise_word,
)

# The enumerated values a key takes: (names through the catalogue, accepted spellings).
WORDS = {
    "kind": (KIND, KIND_ALIASES),
    "channel": (CHANNEL, CHANNEL_ALIASES),
    "carried_by": (CARRIER, CARRIER_ALIASES),
    "dimensions": (DIMENSION, DIMENSION_ALIASES),
}
_ID = re.compile(r"(?:^\s*(?:-\s+)?|[{,]\s*)id:\s*[\"']?([A-Za-z0-9_-]+)")
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+):(.*)$")
_STOP = set(",]}\n\r")


def token_end(line: str, col: int) -> int:
    """Where the word that starts at `col` ends: a quoted string to its closing quote,
    a key at its colon, a value at a comma, bracket, comment or the line's end."""
    if col >= len(line):
        return col
    if line[col] in "\"'":
        close = line.find(line[col], col + 1)
        return close + 1 if close > 0 else len(line)
    end = col
    while end < len(line) and line[end] not in _STOP:
        if line[end] == ":" and (end + 1 == len(line) or line[end + 1] in " \t"):
            break
        if line[end] == "#" and end > col and line[end - 1] in " \t":
            break
        end += 1
    while end > col and line[end - 1] in " \t":
        end -= 1
    return max(end, col + 1)


def rule_markdown(code: str, lang: str) -> str:
    """A rule's documentation as Markdown: its title, then each section under its heading."""
    from cyclemap.engine.rules import get_rule

    rule = get_rule(code)
    if rule is None:
        return ""
    lines = rule.doc(lang).splitlines()
    out = [f"**{lines[0].strip()}**", "", rule.summary(lang)]
    paragraph: list[str] = []
    for line in lines[1:]:
        if not line.strip():
            continue
        if not line.startswith((" ", "\t")):
            if paragraph:
                out += ["", " ".join(paragraph)]
                paragraph = []
            out += ["", f"*{line.strip()}*"]
        else:
            paragraph.append(line.strip())
    if paragraph:
        out += ["", " ".join(paragraph)]
    return "\n".join(out)


def moment_ids(lines: list[str]) -> list[tuple[str, int, int]]:
    """(id, line, column) of every `id:` written in the text, parsed or not."""
    found = []
    for n, line in enumerate(lines):
        for m in _ID.finditer(line):
            found.append((m.group(1), n, m.start(1)))
    return found


def key_above(lines: list[str], row: int, indent: int) -> str | None:
    """The key whose block holds a `- item` line at `indent` (the nearest key line above
    with a smaller indent, or the same indent for YAML's indentless lists)."""
    for n in range(row - 1, -1, -1):
        line = lines[n]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _KEY_LINE.match(line)
        lead = len(line) - len(line.lstrip())
        if line.lstrip().startswith("- ") and lead >= indent and not (m and m.group(3).strip() == ""):
            continue
        if m and lead <= indent:
            return m.group(2) if m.group(3).strip() == "" else None
        if lead < indent:
            return None
    return None


def context_at(lines: list[str], row: int, col: int) -> str | None:
    """Which key's value the cursor is writing: "next", "kind", "channel", "carried_by",
    "dimensions", or None."""
    line = lines[row] if row < len(lines) else ""
    before = line[:col]
    # flow forms anywhere on the line: `next: [a, b`, `{id: x, kind: cr`, `- to: pa`
    m = re.search(r"(?:^|[\s{,\[-])([A-Za-z_]+):\s*(\[[^\]]*)?[^,\[\]{}:]*$", before)
    if m:
        key = m.group(1)
        return "next" if key in ("next", "to") else (key if key in WORDS else None)
    item = re.match(r"^(\s*)-\s+[^:]*$", before)
    if item:
        key = key_above(lines, row, len(item.group(1)))
        return key if key in ("next", "dimensions") else None
    return None


def word_items(key: str, lang: str) -> list[lsp.CompletionItem]:
    """The values of `key`, named in `lang`: the language's own word when the reader
    accepts it for that value, else the format's word."""
    names, aliases = WORDS[key]
    items = []
    for value, name in names.items():
        said = name(lang)
        norm = normalise_word(said)
        accepted = norm == value or aliases.get(norm) == value
        label = said if accepted and said != value else value
        items.append(lsp.CompletionItem(label=label, kind=lsp.CompletionItemKind.EnumMember,
                                        detail=value if label != value else said, insert_text=label,
                                        filter_text=f"{label} {value}"))
    return items


def word_at(line: str, col: int) -> re.Match | None:
    """The word (an id, a key) under the cursor at `col`, or None."""
    return next((m for m in _WORD.finditer(line) if m.start() <= col <= m.end()), None)
