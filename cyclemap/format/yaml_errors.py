"""YAML syntax errors said in the reader's language, at the place of the mistake, with a
hint for the mistake made: the parser's own words (English, about its internals: "while
scanning a simple key") become one of a small catalogue of mistakes people make.

Each mistake is recognised from what the parser reports and the text at its marks:

- a tab in the indentation;
- a key without its colon (`name Ana`): reported on the key's line, not the next one;
- a quote (or a `[`, a `{`) opened and never closed: reported where it opens;
- a line indented differently from the keys or items around it;
- a second `: ` in a plain value (`title: Hours: 9-5`), which needs quotes;
- more than one document (`---`).

Anything else keeps the parser's words, framed in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from cyclemap.format.i18n import Number, Text, Verbatim, _
from cyclemap.format.model import Pos


PLAIN_KEY_LIMIT = 1024  # characters YAML allows in a key written without quotes


@dataclass(frozen=True)
class SyntaxMistake:
    pos: Pos
    message: Text
    hint: Text


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def _line(text: str, mark) -> str:
    lines = text.splitlines()
    return lines[mark.line] if mark is not None and 0 <= mark.line < len(lines) else ""


def _char(text: str, mark) -> str:
    line = _line(text, mark)
    return line[mark.column] if mark is not None and 0 <= mark.column < len(line) else ""


def _quoted(line: str, limit: int = 40) -> str:
    line = line.strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


def explain(exc, text: str) -> SyntaxMistake:
    """The mistake behind a PyYAML `MarkedYAMLError` raised on `text`."""
    problem, context = exc.problem or "", exc.context or ""
    at, where = exc.problem_mark, exc.context_mark
    place = at or where
    pos = _pos(place) if place is not None else Pos(1, 1)
    line_at = _line(text, at)
    if "tab" in problem or (at is not None and "\t" in line_at[: at.column + 1]):
        column = line_at.index("\t") + 1 if "\t" in line_at else pos.col
        return SyntaxMistake(Pos(pos.line, column),
                             _("a tab in the indentation (YAML indents with spaces only)"),
                             _("replace the tab with spaces, as many as the lines around it use"))
    if "could not find expected ':'" in problem and where is not None and \
            len(_line(text, where).lstrip().split(":", 1)[0]) > PLAIN_KEY_LIMIT:
        # The colon is there: the key is longer than YAML lets a key without quotes be.
        return SyntaxMistake(_pos(where),
                             _("a key of more than {limit} characters, longer than YAML allows").format(
                                 limit=Number(PLAIN_KEY_LIMIT, 0)),
                             _("a cycle's keys are short words such as `name` or `owner`; check the line"))
    if "could not find expected ':'" in problem and where is not None:
        return SyntaxMistake(_pos(where),
                             _("`{line}` has no colon after its key (a key and its value are written `key: value`)").format(
                                 line=Verbatim(_quoted(_line(text, where)))),
                             _("put a colon and a space after the key, e.g. `name: Ana`"))
    if "quoted scalar" in context and where is not None:
        quote = _char(text, where) or '"'
        return SyntaxMistake(_pos(where),
                             _("the quote {quote} opened here is never closed").format(quote=Verbatim(quote)),
                             _("end the text with the same quote ({quote}), or leave the quotes out").format(
                                 quote=Verbatim(quote)))
    if ("flow sequence" in context or "flow mapping" in context) and where is not None:
        opened = _char(text, where) or "["
        closer = {"[": "]", "{": "}"}.get(opened, "]")
        return SyntaxMistake(_pos(where),
                             _("the {opened} opened here is not closed with {closer}").format(
                                 opened=Verbatim(opened), closer=Verbatim(closer)),
                             _("close it on the same line, e.g. `next: [a, b]`, or write one item per line "
                               "starting with `- `"))
    if "mapping values are not allowed" in problem and at is not None:
        line = _line(text, at)
        before = line[: at.column]
        if ": " in before or before.rstrip().endswith(":"):
            return SyntaxMistake(pos,
                                 _("a second colon in `{line}` (a value with `: ` in it must be in quotes)").format(
                                     line=Verbatim(_quoted(line))),
                                 _("put the value in quotes, e.g. `title: \"Hours: 9 to 5\"`"))
        return SyntaxMistake(Pos(pos.line, len(line) - len(line.lstrip()) + 1),
                             _("this line is indented differently from the keys around it"),
                             _("line it up with the other keys of the same moment: the same number of spaces"))
    if ("expected '-' indicator" in problem or "expected key" in problem or "expected <block end>" in problem) \
            and at is not None:
        line = _line(text, at)
        return SyntaxMistake(Pos(pos.line, len(line) - len(line.lstrip()) + 1),
                             _("this line is indented differently from the lines around it"),
                             _("line it up with the keys of its item, or start a new item with `- `"))
    if "single document" in problem:
        return SyntaxMistake(pos, _("more than one document in the file (a `---` line)"),
                             _("keep one cycle per file (remove the `---` separators)"))
    words = " ".join(filter(None, [problem, context])) or str(exc)
    return SyntaxMistake(pos, _("{problem} (the parser's words)").format(problem=Verbatim(words)),
                         _("fix the YAML syntax at this place"))
