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

import asyncio
import functools
import re
import time
from dataclasses import dataclass, field

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from cyclemap import __version__
from cyclemap.format.diagnostics import Severity
from cyclemap.format.i18n import LANGUAGES, _
from cyclemap.format.words import KIND
from cyclemap.outputs.lsp_text import WORDS, context_at, moment_ids, rule_markdown, token_end, word_at, word_items

SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
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


def inside(r: lsp.Range, p: lsp.Position) -> bool:
    return (r.start.line, r.start.character) <= (p.line, p.character) <= (r.end.line, r.end.character)


def as_sent(checked, lines: list[str]) -> list[tuple[lsp.Diagnostic, object]]:
    """Every finding with its own code, as check's machine formats give them (JSON, SARIF),
    spanning the word it points at; paired with the finding (hover and quick fixes read it)."""
    sent = []
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
    return sent


class Session:
    """One editor's session: the open files' states, and a method for each feature the
    server answers (pygls calls them with the request's params)."""

    def __init__(self, server: LanguageServer, pipeline) -> None:
        self.server = server
        self.pipeline = pipeline
        self.states: dict[str, State] = {}

    def lines_of(self, uri: str) -> list[str]:
        return [l.rstrip("\r\n") for l in self.server.workspace.get_text_document(uri).lines]

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic], version: int | None = None) -> None:
        self.server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, diagnostics, version))

    def judge(self, uri: str) -> None:
        """Check the file as the editor holds it, and publish its findings."""
        state = self.states.setdefault(uri, State())
        state.pending = None
        try:
            doc = self.server.workspace.get_text_document(uri)
        except KeyError:
            return  # closed meanwhile
        started = time.perf_counter()
        try:
            checked = self.pipeline.check(to_fs_path(uri) or "untitled.yaml",
                                          data=doc.source.encode("utf-8", "surrogateescape"))
            state.cost = time.perf_counter() - started
        except Exception as exc:  # a bad settings file next to the cycle: said at the top
            text = getattr(exc, "text", None)
            message = text(state.lang) if callable(text) else str(exc)
            state.sent = []
            self.publish(uri, [lsp.Diagnostic(lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1)), message,
                                              lsp.DiagnosticSeverity.Error, source="cyclemap")], doc.version)
            return
        state.checked = checked
        state.lang = checked.lang
        if not checked.loaded and self.pipeline.lang is None:
            # YAML that does not parse yet has no `language` the reader could see: the line says it.
            said = _LANGUAGE.search(doc.source)
            if said and said.group(1).lower() in LANGUAGES:
                state.lang = said.group(1).lower()
        if checked.cycle is not None:
            state.names = {m.id: m.name for m in checked.cycle.moments}
        state.sent = as_sent(checked, doc.lines)
        self.publish(uri, [s for s, _d in state.sent], doc.version)

    def did_open(self, params: lsp.DidOpenTextDocumentParams):
        self.judge(params.text_document.uri)

    def did_change(self, params: lsp.DidChangeTextDocumentParams):
        uri = params.text_document.uri
        state = self.states.setdefault(uri, State())
        if state.pending is not None:
            state.pending.cancel()
            state.pending = None
        if state.cost < QUICK_SECONDS:
            self.judge(uri)  # a file of ordinary size: at once, on every change
            return
        # A big file (a check takes longer than a keystroke): once typing pauses.
        state.pending = asyncio.get_running_loop().call_later(min(state.cost, 1.0), self.judge, uri)

    def did_save(self, params: lsp.DidSaveTextDocumentParams):
        self.judge(params.text_document.uri)

    def did_close(self, params: lsp.DidCloseTextDocumentParams):
        state = self.states.pop(params.text_document.uri, None)
        if state is not None and state.pending is not None:
            state.pending.cancel()
        self.publish(params.text_document.uri, [])

    def hover(self, params: lsp.HoverParams):
        """On a finding: its rule's documentation; elsewhere, on an id in `next:`, its moment."""
        state = self.states.get(params.text_document.uri)
        if state is None:
            return None
        hits = [(s, d) for s, d in state.sent if inside(s.range, params.position)]
        if not hits:
            return self.moment_hover(params, state)
        parts = []
        for _s, d in hits:
            doc = rule_markdown(d.code, state.lang)
            if doc and doc not in parts:
                parts.append(doc)
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)), hits[0][0].range)

    def moment_hover(self, params: lsp.HoverParams, state: State):
        """On an id in `next:`: the moment it names, as the last good check read it."""
        lines = self.lines_of(params.text_document.uri)
        row, col = params.position.line, params.position.character
        if row >= len(lines) or state.checked is None or state.checked.cycle is None:
            return None
        word = word_at(lines[row], col)
        if word is None or context_at(lines, row, word.start()) != "next":
            return None
        moment = state.checked.cycle.moment(word.group())
        if moment is None:
            return None
        text = f"**{moment.name}** ({KIND[moment.kind](state.lang)})"
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text),
                         lsp.Range(lsp.Position(row, word.start()), lsp.Position(row, word.end())))

    def completion(self, params: lsp.CompletionParams):
        state = self.states.get(params.text_document.uri) or State()
        lines = self.lines_of(params.text_document.uri)
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

    def definition(self, params: lsp.DefinitionParams):
        uri = params.text_document.uri
        lines = self.lines_of(uri)
        row, col = params.position.line, params.position.character
        if row >= len(lines):
            return None
        word = word_at(lines[row], col)
        if word is None or context_at(lines, row, word.start()) != "next":
            return None
        for moment_id, at_row, at_col in moment_ids(lines):
            if moment_id == word.group():
                return lsp.Location(uri, lsp.Range(lsp.Position(at_row, at_col),
                                                   lsp.Position(at_row, at_col + len(moment_id))))
        return None

    def code_action(self, params: lsp.CodeActionParams):
        """A quick fix for each finding in the range that carries a certain fix."""
        state = self.states.get(params.text_document.uri)
        if state is None:
            return None
        doc = self.server.workspace.get_text_document(params.text_document.uri)
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


# The features the server answers: (LSP method, Session's method, the feature's options).
FEATURES = [
    (lsp.TEXT_DOCUMENT_DID_OPEN, Session.did_open, None),
    (lsp.TEXT_DOCUMENT_DID_CHANGE, Session.did_change, None),
    (lsp.TEXT_DOCUMENT_DID_SAVE, Session.did_save, None),
    (lsp.TEXT_DOCUMENT_DID_CLOSE, Session.did_close, None),
    (lsp.TEXT_DOCUMENT_HOVER, Session.hover, None),
    (lsp.TEXT_DOCUMENT_COMPLETION, Session.completion, lsp.CompletionOptions(trigger_characters=[" ", "[", ","])),
    (lsp.TEXT_DOCUMENT_DEFINITION, Session.definition, None),
    (lsp.TEXT_DOCUMENT_CODE_ACTION, Session.code_action,
     lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])),
]


def make_server(pipeline) -> LanguageServer:
    """A language server judging files with `pipeline` (a cyclemap Pipeline)."""
    server = LanguageServer("cyclemap", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
    session = Session(server, pipeline)
    for method, handler, options in FEATURES:
        # A partial, not a bound method: pygls marks each handler with attributes, which a
        # bound method cannot hold.
        server.feature(method, options)(functools.partial(handler, session))
    return server
