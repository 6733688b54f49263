"""`cyclemap lsp`: a language server for cycle files (pygls, over stdio).

What an editor gets while the file is being typed, all from the one pipeline `check`
uses (`cyclemap.engine.pipeline`), so the editor and CI never disagree:

- diagnostics: every finding of `check`, at its `line:col`, in the file's language,
  published on open and on every change (a 50-moment file is checked in a few
  milliseconds, benchmarks/bench_lsp.py; a file whose check takes over 0.1 s is checked
  again once typing pauses, so keystrokes never queue up behind it);
- hover on a finding: its rule's documentation (what it checks, why it matters, how to
  fix); on an id in `next:`, the moment it names;
- completion: moment ids in `next:` (plain, `[a, b]` or `- to:`), and the format's
  words — kinds, channels, who carries a moment, dimensions — in the file's language,
  each offered only in a spelling the reader accepts;
- go to definition: from an id named in `next:` to the moment with that id;
- quick fixes where the fix is certain: the finding carries it (`Diagnostic.fix`: a
  misspelt key or value, an unknown id with one close match).

The buffer may not parse while someone types, so completion and definition read ids
and keys from the text itself (a line-based look, forgiving), and the last good check
names the moments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from cyclemap import __version__
from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import LANGUAGES, _
from cyclemap.format.words import (
    CARRIER, CARRIER_ALIASES, CHANNEL, CHANNEL_ALIASES, DIMENSION, DIMENSION_ALIASES, KIND, KIND_ALIASES,
    normalise_word,
)

SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
# The enumerated values a key takes: (names through the catalogue, accepted spellings).
WORDS = {
    "kind": (KIND, KIND_ALIASES),
    "channel": (CHANNEL, CHANNEL_ALIASES),
    "carried_by": (CARRIER, CARRIER_ALIASES),
    "dimensions": (DIMENSION, DIMENSION_ALIASES),
}
_ID = re.compile(r"(?:^\s*(?:-\s+)?|[{,]\s*)id:\s*[\"']?([A-Za-z0-9_-]+)")
_NAME = re.compile(r"(?:^\s*(?:-\s+)?|[{,]\s*)name:\s*(?:\"([^\"]*)\"|'([^']*)'|([^,}#\n]*))")
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+):(.*)$")
_STOP = set(",]}\n\r")
QUICK_SECONDS = 0.1  # a check that takes less runs on every change; a longer one waits for a pause
_LANGUAGE = re.compile(r"^language:\s*[\"']?([A-Za-z]+)", re.MULTILINE)


@dataclass
class State:
    """What the server knows of one open file: its last check, and its diagnostics as sent."""

    checked: object | None = None
    lang: str = "en"
    sent: list[tuple[lsp.Diagnostic, object]] = field(default_factory=list)  # (as sent, the finding)
    names: dict[str, str] = field(default_factory=dict)  # moment id -> name, from the last check that loaded
    cost: float = 0.0  # seconds the last check took
    pending: object | None = None  # the timer of a check waiting for typing to pause (big files)


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


def make_server(pipeline) -> LanguageServer:
    """A language server judging files with `pipeline` (a cyclemap Pipeline)."""
    server = LanguageServer("cyclemap", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
    states: dict[str, State] = {}

    def path_of(uri: str) -> str:
        from pygls.uris import to_fs_path

        return to_fs_path(uri) or "untitled.yaml"

    def judge(uri: str) -> None:
        import time

        state = states.setdefault(uri, State())
        state.pending = None
        try:
            doc = server.workspace.get_text_document(uri)
        except KeyError:
            return  # closed meanwhile
        path = path_of(uri)
        started = time.perf_counter()
        try:
            checked = pipeline.check(path, data=doc.source.encode("utf-8", "surrogateescape"))
            state.cost = time.perf_counter() - started
        except Exception as exc:  # a bad settings file next to the cycle: said at the top
            text = getattr(exc, "text", None)
            message = text(state.lang) if callable(text) else str(exc)
            state.sent = []
            server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, [lsp.Diagnostic(
                lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1)), message, lsp.DiagnosticSeverity.Error,
                source="cyclemap")], doc.version))
            return
        state.checked = checked
        state.lang = checked.lang
        if not checked.loaded and pipeline.lang is None:
            # YAML that does not parse yet has no `language` the reader could see: the line says it.
            said = _LANGUAGE.search(doc.source)
            if said and said.group(1).lower() in LANGUAGES:
                state.lang = said.group(1).lower()
        if checked.cycle is not None:
            state.names = {m.id: m.name for m in checked.cycle.moments}
        lines = doc.lines
        sent = []
        # Every finding with its own code, as check's machine formats give them (JSON, SARIF).
        for d in checked.diagnostics:
            row = max(d.pos.line - 1, 0)
            col = max(d.pos.col - 1, 0)
            text = lines[row].rstrip("\r\n") if row < len(lines) else ""
            end = token_end(text, col)
            message = d.message(checked.lang)
            if d.hint is not None:
                message += "\n" + d.hint(checked.lang)
            sent.append((lsp.Diagnostic(
                lsp.Range(lsp.Position(row, col), lsp.Position(row, end)), message, SEVERITY[d.severity],
                code=d.code, source="cyclemap", data={"fix": d.fix} if d.fix else None), d))
        state.sent = sent
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, [s for s, _d in sent], doc.version))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: lsp.DidOpenTextDocumentParams):
        judge(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: lsp.DidChangeTextDocumentParams):
        uri = params.text_document.uri
        state = states.setdefault(uri, State())
        if state.pending is not None:
            state.pending.cancel()
            state.pending = None
        if state.cost < QUICK_SECONDS:
            judge(uri)  # a file of ordinary size: at once, on every change
            return
        # A big file (a check takes longer than a keystroke): once typing pauses.
        import asyncio

        state.pending = asyncio.get_running_loop().call_later(min(state.cost, 1.0), judge, uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: lsp.DidSaveTextDocumentParams):
        judge(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: lsp.DidCloseTextDocumentParams):
        state = states.pop(params.text_document.uri, None)
        if state is not None and state.pending is not None:
            state.pending.cancel()
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(params.text_document.uri, []))

    def inside(r: lsp.Range, p: lsp.Position) -> bool:
        return (r.start.line, r.start.character) <= (p.line, p.character) <= (r.end.line, r.end.character)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls, params: lsp.HoverParams):
        state = states.get(params.text_document.uri)
        if state is None:
            return None
        hits = [(s, d) for s, d in state.sent if inside(s.range, params.position)]
        if not hits:
            return moment_hover(params, state)
        parts = []
        for s, d in hits:
            doc = rule_markdown(d.code, state.lang)
            if doc and doc not in parts:
                parts.append(doc)
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)), hits[0][0].range)

    def moment_hover(params: lsp.HoverParams, state: State):
        """On an id in `next:`: the moment it names, as the last good check read it."""
        lines = [l.rstrip("\r\n") for l in server.workspace.get_text_document(params.text_document.uri).lines]
        row, col = params.position.line, params.position.character
        if row >= len(lines) or state.checked is None or state.checked.cycle is None:
            return None
        word = next((m for m in _WORD.finditer(lines[row]) if m.start() <= col <= m.end()), None)
        if word is None or context_at(lines, row, word.start()) != "next":
            return None
        moment = state.checked.cycle.moment(word.group())
        if moment is None:
            return None
        from cyclemap.format.words import KIND as kinds

        text = f"**{moment.name}** ({kinds[moment.kind](state.lang)})"
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text),
                         lsp.Range(lsp.Position(row, word.start()), lsp.Position(row, word.end())))

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" ", "[", ","]))
    def completion(ls, params: lsp.CompletionParams):
        state = states.get(params.text_document.uri) or State()
        lines = [l.rstrip("\r\n") for l in server.workspace.get_text_document(params.text_document.uri).lines]
        where = context_at(lines, params.position.line, params.position.character)
        if where == "next":
            seen: dict[str, None] = {}
            for moment_id, _row, _col in moment_ids(lines):
                seen.setdefault(moment_id)
            return lsp.CompletionList(False, [
                lsp.CompletionItem(label=i, kind=lsp.CompletionItemKind.Reference, detail=state.names.get(i))
                for i in seen])
        if where in WORDS:
            return lsp.CompletionList(False, word_items(where, state.lang))
        return None

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls, params: lsp.DefinitionParams):
        uri = params.text_document.uri
        lines = [l.rstrip("\r\n") for l in server.workspace.get_text_document(uri).lines]
        row, col = params.position.line, params.position.character
        if row >= len(lines):
            return None
        line = lines[row]
        word = next((m for m in _WORD.finditer(line) if m.start() <= col <= m.end()), None)
        if word is None or context_at(lines, row, word.start()) != "next":
            return None
        for moment_id, at_row, at_col in moment_ids(lines):
            if moment_id == word.group():
                return lsp.Location(uri, lsp.Range(lsp.Position(at_row, at_col),
                                                   lsp.Position(at_row, at_col + len(moment_id))))
        return None

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls, params: lsp.CodeActionParams):
        state = states.get(params.text_document.uri)
        if state is None:
            return None
        doc = server.workspace.get_text_document(params.text_document.uri)
        actions = []
        for sent, d in state.sent:
            if not d.fix:
                continue
            r = params.range
            if not (inside(sent.range, r.start) or inside(sent.range, r.end) or inside(r, sent.range.start)):
                continue
            line = doc.lines[sent.range.start.line] if sent.range.start.line < len(doc.lines) else ""
            old = line[sent.range.start.character:sent.range.end.character]
            title = _("Change `{old}` to `{new}`").format(old=old, new=d.fix)(state.lang)
            actions.append(lsp.CodeAction(
                title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[sent], is_preferred=True,
                edit=lsp.WorkspaceEdit(changes={params.text_document.uri: [lsp.TextEdit(sent.range, d.fix)]})))
        return actions

    return server
