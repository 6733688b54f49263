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


@dataclass(frozen=True)
class _Report:
    """What the parser reported, and the text it read: the problem and its context (the
    parser's words), their marks (`at`: where it stopped; `where`: what it was reading)."""

    text: str
    problem: str
    context: str
    at: object
    where: object
    pos: Pos  # the place to report when nothing better is known


def explain(exc, text: str) -> SyntaxMistake:
    """The mistake behind a PyYAML `MarkedYAMLError` raised on `text`: the first of the
    catalogue's mistakes that the report fits, else the parser's words."""
    place = exc.problem_mark or exc.context_mark
    report = _Report(text, exc.problem or "", exc.context or "", exc.problem_mark, exc.context_mark,
                     _pos(place) if place is not None else Pos(1, 1))
    for recognise in MISTAKES:
        mistake = recognise(report)
        if mistake is not None:
            return mistake
    words = " ".join(filter(None, [report.problem, report.context])) or str(exc)
    return SyntaxMistake(report.pos, _("{problem} (the parser's words)").format(problem=Verbatim(words)),
                         _("fix the YAML syntax at this place"))


def _tab(r: _Report) -> SyntaxMistake | None:
    line_at = _line(r.text, r.at)
    if "tab" in r.problem or (r.at is not None and "\t" in line_at[: r.at.column + 1]):
        column = line_at.index("\t") + 1 if "\t" in line_at else r.pos.col
        return SyntaxMistake(Pos(r.pos.line, column),
                             _("a tab in the indentation (YAML indents with spaces only)"),
                             _("replace the tab with spaces, as many as the lines around it use"))
    return None


def _no_colon(r: _Report) -> SyntaxMistake | None:
    if "could not find expected ':'" not in r.problem or r.where is None:
        return None
    line = _line(r.text, r.where)
    if len(line.lstrip().split(":", 1)[0]) > PLAIN_KEY_LIMIT:
        # The colon is there: the key is longer than YAML lets a key without quotes be.
        return SyntaxMistake(_pos(r.where),
                             _("a key of more than {limit} characters, longer than YAML allows").format(
                                 limit=Number(PLAIN_KEY_LIMIT, 0)),
                             _("a cycle's keys are short words such as `name` or `owner`; check the line"))
    return SyntaxMistake(_pos(r.where),
                         _("`{line}` has no colon after its key (a key and its value are written `key: value`)").format(
                             line=Verbatim(_quoted(line))),
                         _("put a colon and a space after the key, e.g. `name: Ana`"))


def _unclosed_quote(r: _Report) -> SyntaxMistake | None:
    if "quoted scalar" not in r.context or r.where is None:
        return None
    quote = _char(r.text, r.where) or '"'
    return SyntaxMistake(_pos(r.where),
                         _("the quote {quote} opened here is never closed").format(quote=Verbatim(quote)),
                         _("end the text with the same quote ({quote}), or leave the quotes out").format(
                             quote=Verbatim(quote)))


def _unclosed_bracket(r: _Report) -> SyntaxMistake | None:
    if not ("flow sequence" in r.context or "flow mapping" in r.context) or r.where is None:
        return None
    opened = _char(r.text, r.where) or "["
    closer = {"[": "]", "{": "}"}.get(opened, "]")
    return SyntaxMistake(_pos(r.where),
                         _("the {opened} opened here is not closed with {closer}").format(
                             opened=Verbatim(opened), closer=Verbatim(closer)),
                         _("close it on the same line, e.g. `next: [a, b]`, or write one item per line "
                           "starting with `- `"))


def _colon_in_value(r: _Report) -> SyntaxMistake | None:
    """"mapping values are not allowed here": a second `: ` in a plain value, or a line
    indented under a key that already has a value."""
    if "mapping values are not allowed" not in r.problem or r.at is None:
        return None
    line = _line(r.text, r.at)
    before = line[: r.at.column]
    if ": " in before or before.rstrip().endswith(":"):
        return SyntaxMistake(r.pos,
                             _("a second colon in `{line}` (a value with `: ` in it must be in quotes)").format(
                                 line=Verbatim(_quoted(line))),
                             _("put the value in quotes, e.g. `title: \"Hours: 9 to 5\"`"))
    return SyntaxMistake(Pos(r.pos.line, len(line) - len(line.lstrip()) + 1),
                         _("this line is indented differently from the keys around it"),
                         _("line it up with the other keys of the same moment: the same number of spaces"))


def _bad_indent(r: _Report) -> SyntaxMistake | None:
    expected = ("expected '-' indicator", "expected key", "expected <block end>")
    if not any(words in r.problem for words in expected) or r.at is None:
        return None
    line = _line(r.text, r.at)
    return SyntaxMistake(Pos(r.pos.line, len(line) - len(line.lstrip()) + 1),
                         _("this line is indented differently from the lines around it"),
                         _("line it up with the keys of its item, or start a new item with `- `"))


def _documents(r: _Report) -> SyntaxMistake | None:
    if "single document" not in r.problem:
        return None
    return SyntaxMistake(r.pos, _("more than one document in the file (a `---` line)"),
                         _("keep one cycle per file (remove the `---` separators)"))


# The catalogue of mistakes, in the order they are tried (the first that fits is told):
# a tab first, since it explains whatever error it causes.
MISTAKES = (_tab, _no_colon, _unclosed_quote, _unclosed_bracket, _colon_in_value, _bad_indent, _documents)
