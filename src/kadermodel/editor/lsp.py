"""The kadertaal language server (``kadermodel lsp``), built on pygls (extra ``kadermodel[lsp]``).

Over stdio, for ``.kader`` files (kaders and uitbreidingen):

* diagnostics as you type: the same codes and Dutch messages as ``kadermodel check``
  (hint and "bedoelde je ...?" appended), errors and warnings;
* hover: a bouwsteen's text, bron and requirements, a fact's type and question, a
  parameter's value and every step of where it comes from (which uitbreiding changed it);
* go to definition, also from an uitbreiding into its base (a bundled kader or a file
  beside it);
* formatting: the canonical layout of ``kadermodel fmt`` (nothing when the text does not
  parse);
* completion of names (facts, parameters, bouwstenen, thema's, words of the language) and,
  after a comparison or ``in (`` on a keuze or verzameling, of its values.

The analysis itself is protocol-free (:mod:`kadermodel.editor.analysis`); this module only
translates between it and the protocol. The last kader that checked is kept per document,
so hover and completion keep working while the text is broken.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from kadermodel import model as m
from kadermodel.editor import analysis
from kadermodel.errors import Diagnostic, Span

NAME = "kadermodel"

_SEVERITY = {
    "fout": lsp.DiagnosticSeverity.Error,
    "waarschuwing": lsp.DiagnosticSeverity.Warning,
}
_KIND = {
    "waarde": lsp.CompletionItemKind.EnumMember,
    "feit": lsp.CompletionItemKind.Variable,
    "parameter": lsp.CompletionItemKind.Constant,
    "bouwsteen": lsp.CompletionItemKind.Function,
    "thema": lsp.CompletionItemKind.Module,
    "woord": lsp.CompletionItemKind.Keyword,
}


class KaderServer(LanguageServer):
    """A pygls server that remembers the last good kader of every open document."""

    def __init__(self, version: str) -> None:
        super().__init__(NAME, version)
        self.last_good: dict[str, m.Kader] = {}


def _range(span: Span | None) -> lsp.Range:
    if span is None:
        return lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1))
    return lsp.Range(
        lsp.Position(span.line - 1, span.column - 1),
        lsp.Position(span.end_line - 1, span.end_column - 1),
    )


def _diagnostic(diagnostic: Diagnostic, path: str) -> lsp.Diagnostic:
    message = diagnostic.message
    span = diagnostic.span
    if span is not None and span.file != path:
        message = f"{span}: {message}"
        span = None
    if diagnostic.hint:
        message += f"\ntip: {diagnostic.hint}"
    if diagnostic.suggestion:
        message += f"\nbedoelde je '{diagnostic.suggestion}'?"
    return lsp.Diagnostic(
        range=_range(span),
        message=message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=NAME,
    )


def _path(uri: str) -> str:
    return to_fs_path(uri) or uri


def _check(server: KaderServer, uri: str) -> None:
    document = server.workspace.get_text_document(uri)
    path = _path(uri)
    found = analysis.analyse(document.source, path)
    if found.kader is not None:
        server.last_good[uri] = found.kader
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(
            uri=uri,
            version=document.version,
            diagnostics=[_diagnostic(d, path) for d in found.diagnostics],
        )
    )


def _target(
    server: KaderServer, uri: str, position: lsp.Position
) -> tuple[m.Kader, analysis.Target] | None:
    kader = server.last_good.get(uri)
    if kader is None:
        return None
    document = server.workspace.get_text_document(uri)
    lines = document.lines
    if position.line >= len(lines):
        return None
    word = analysis.word_at(lines[position.line], position.character)
    if word is None:
        return None
    thema = analysis.thema_at(document.source, position.line + 1)
    target = analysis.resolve(kader, word, thema)
    return (kader, target) if target is not None else None


def build_server(version: str) -> KaderServer:
    """A language server with every feature registered (start it with ``start_io()``)."""
    server = KaderServer(version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: KaderServer, params: lsp.DidOpenTextDocumentParams) -> None:
        _check(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: KaderServer, params: lsp.DidChangeTextDocumentParams) -> None:
        _check(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: KaderServer, params: lsp.DidSaveTextDocumentParams) -> None:
        _check(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: KaderServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.last_good.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: KaderServer, params: lsp.HoverParams) -> lsp.Hover | None:
        found = _target(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        kader, target = found
        return lsp.Hover(
            contents=lsp.MarkupContent(
                kind=lsp.MarkupKind.Markdown, value=analysis.hover_text(kader, target)
            )
        )

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: KaderServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        found = _target(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        kader, target = found
        span = analysis.declaration(kader, target)
        if span is None:
            return None
        own = _path(params.text_document.uri)
        if span.file == own:
            uri = params.text_document.uri
        else:
            path = analysis.source_path(span.file)
            if path is None:
                return None
            uri = from_fs_path(str(path)) or str(path)
        return lsp.Location(uri=uri, range=_range(span))

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=[".", "(", " "]),
    )
    def completion(ls: KaderServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        uri = params.text_document.uri
        kader = ls.last_good.get(uri)
        if kader is None:
            return lsp.CompletionList(is_incomplete=False, items=[])
        document = ls.workspace.get_text_document(uri)
        lines = document.lines
        line = lines[params.position.line] if params.position.line < len(lines) else ""
        before = line[: params.position.character]
        thema = analysis.thema_at(document.source, params.position.line + 1)
        items = [
            lsp.CompletionItem(label=c.label, kind=_KIND[c.kind], detail=c.detail)
            for c in analysis.completions(kader, before, thema)
        ]
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: KaderServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
        document = ls.workspace.get_text_document(params.text_document.uri)
        result = analysis.formatted(document.source, _path(params.text_document.uri))
        if result is None or result == document.source:
            return []
        end = lsp.Position(len(document.lines), 0)
        return [lsp.TextEdit(range=lsp.Range(lsp.Position(0, 0), end), new_text=result)]

    return server


def serve(version: str) -> None:
    """Run the language server on stdin/stdout until the client says exit."""
    build_server(version).start_io()


__all__ = ["Path", "build_server", "serve"]
