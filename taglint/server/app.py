"""``taglint server``: the language server, over stdio, on pygls.

Documents are synced whole (``TextDocumentSyncKind.Full``): a note is small,
and applying incremental changes would need pygls's line splitting, which
cuts at every ``str.splitlines`` break (U+2028, form feed) where LSP cuts
only at CR, LF and CRLF. Everything a request answers comes from the buffer's
text through ``taglint.api``; positions go through ``positions.TextMap``.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from taglint import api
from taglint._version import __version__
from taglint.model import TagOccurrence
from taglint.server import actions, completion, hover, rename
from taglint.server.diagnostics import Throttle, data_file_diagnostics, lsp_diagnostic, not_checked
from taglint.server.positions import TextMap
from taglint.server.state import Project, Projects

# A burst of keystrokes is checked at most once per window; a change after a quiet spell at once.
WINDOW = 0.1
# What a project is built from and what its notes are: the client is asked to report changes to these.
WATCHED = "**/*.{md,markdown,mdx,yaml,yml,toml,json}"
NOTE_SUFFIXES = (".md", ".markdown", ".mdx")


class RequestFailed(JsonRpcException):
    """LSP's RequestFailed: the request was valid but cannot be done; the message says why."""

    CODE = -32803


class TaglintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("taglint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.projects = Projects()
        self.throttle = Throttle(WINDOW, self.publish)
        self.shown: set[str] = set()  # data files (taxonomy, rule sets, config) given diagnostics so far
        self.known: set[int] = set()  # projects whose data files were published and counts started
        self.completed: api.Setup | None = None  # the project of the last completion

    # Documents and projects

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return getattr(encoding, "value", encoding)  # str() of the enum would be its name

    def capability(self, field: str) -> bool:
        return bool(get_capability(self.client_capabilities, field, False))

    def document(self, uri: str) -> TextDocument | None:
        document = self.workspace.text_documents.get(uri)
        return document if document is not None and uri.startswith("file:") else None

    def project(self, path: str) -> Project:
        project = self.projects.for_path(path)
        if id(project) not in self.known:
            self.known.add(id(project))
            self.publish_data_files()
            if project.counts is not None:
                self.thread_pool.submit(project.counts.build)  # hover's note counts, ready before they are asked for
        return project

    def setup_for(self, document: TextDocument) -> api.Setup | None:
        return self.project(document.path).setup

    # Diagnostics

    def publish(self, uri: str) -> None:
        """Check the buffer's text and send its diagnostics."""
        document = self.document(uri)
        if document is None:
            return
        project = self.project(document.path)
        found: list[types.Diagnostic] = []
        if project.setup is None:
            if not document.path.endswith(NOTE_SUFFIXES):
                return  # the taxonomy or another data file: its diagnostics are its errors (publish_data_files)
            where = sorted(
                {os.path.relpath(getattr(error, "path", ""), project.root) for error in project.errors if getattr(error, "path", "")}
            )
            found.append(not_checked("the project does not load; see " + (", ".join(where) or "its config")))
        elif api.selects(document.path, project.setup):
            text_map = TextMap(document.source, self.encoding)
            result = api.check_text(document.source, document.path, project.setup)
            found.extend(lsp_diagnostic(diagnostic, text_map) for diagnostic in result.diagnostics)
        elif not document.path.endswith(NOTE_SUFFIXES):
            return  # not a note this project checks, nor one an editor calls Markdown: leave its diagnostics alone
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=document.version))

    def text_of(self, path: str) -> str:
        """A file's text as the editor has it: the open buffer, else the file (line endings kept)."""
        document = self.workspace.text_documents.get(from_fs_path(path) or "")
        if document is not None:
            return document.source
        try:
            with open(path, encoding="utf-8", errors="replace", newline="") as handle:
                return handle.read()
        except OSError:
            return ""

    def publish_data_files(self) -> None:
        """Each project's located load errors, or its taxonomy findings, in the files they name; clear the rest."""
        found = data_file_diagnostics(self.projects.loaded(), lambda path: TextMap(self.text_of(path), self.encoding))
        for path in sorted(self.shown | set(found)):
            uri = from_fs_path(path)
            if uri is not None:
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found.get(path, [])))
        self.shown = set(found)

    def reload(self) -> None:
        """The taxonomy, a rule set or the config changed: load every project afresh and check the open notes again."""
        self.projects.forget()
        self.known.clear()
        self.publish_data_files()  # clears what no longer applies; the loads below publish what does
        for uri in list(self.workspace.text_documents):
            if self.document(uri) is not None and uri.endswith(NOTE_SUFFIXES):
                self.publish(uri)

    def note_changed(self, path: str, text: str | None) -> None:
        """A note was saved or changed on disk (None: deleted): keep hover's counts current."""
        project = self.projects.for_path(path)
        if project.setup is None or project.counts is None:
            return
        tags = None if text is None else api.canonical_tags((o.name for o in api.tag_occurrences(text, path, project.setup)), project.setup)
        project.counts.update(path, tags)

    def files_changed(self, changes: Iterable[tuple[str, bool]]) -> None:
        """(path, deleted) for each file the client saw change."""
        data = False
        for path, deleted in changes:
            if path.endswith(NOTE_SUFFIXES):
                self.note_changed(path, None if deleted else self.text_of(path))
            elif self.projects.is_data_file(path):
                data = True
        if data:
            self.reload()


server = TaglintServer()


@server.feature(types.INITIALIZED)
async def initialized(ls: TaglintServer, params: types.InitializedParams) -> None:
    if not ls.capability("workspace.did_change_watched_files.dynamic_registration"):
        return  # such a client gets a reload on saving a data file (didSave)
    watcher = types.FileSystemWatcher(glob_pattern=WATCHED)
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=[watcher])
    registration = types.Registration(id="taglint-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
    except Exception as exc:
        ls.window_log_message(
            types.LogMessageParams(type=types.MessageType.Warning, message=f"taglint: file watching not registered: {exc}")
        )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: TaglintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: TaglintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.throttle.touch(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: TaglintServer, params: types.DidSaveTextDocumentParams) -> None:
    document = ls.document(params.text_document.uri)
    if document is None:
        return
    if ls.projects.is_data_file(document.path) and not document.path.endswith(NOTE_SUFFIXES):
        ls.reload()
        return
    ls.note_changed(document.path, document.source)
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: TaglintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.throttle.cancel(uri)
    if uri.endswith(NOTE_SUFFIXES):
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: TaglintServer, params: types.DidChangeWatchedFilesParams) -> None:
    changes = [(to_fs_path(c.uri), c.type == types.FileChangeType.Deleted) for c in params.changes if c.uri.startswith("file:")]
    ls.files_changed((path, deleted) for path, deleted in changes if path)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL])
)
def code_action(ls: TaglintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    document = ls.document(params.text_document.uri)
    setup = ls.setup_for(document) if document is not None else None
    if document is None or setup is None or not api.selects(document.path, setup):
        return None
    versioned = ls.capability("workspace.workspace_edit.document_changes")
    return actions.code_actions(document.source, document.path, setup, params, document.version, versioned, ls.encoding) or None


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=completion.TRIGGERS, resolve_provider=True))
def complete(ls: TaglintServer, params: types.CompletionParams) -> types.CompletionList | None:
    document = ls.document(params.text_document.uri)
    setup = ls.setup_for(document) if document is not None else None
    if document is None or setup is None:
        return None
    ls.completed = setup  # resolve requests name no document: they belong to the last completion
    text_map = TextMap(document.source, ls.encoding)
    defaults = get_capability(ls.client_capabilities, "text_document.completion.completion_list.item_defaults", None) or []
    return completion.completions(
        document.source, text_map.offset(params.position), document.path, setup, text_map, "editRange" in defaults
    )


@server.feature(types.COMPLETION_ITEM_RESOLVE)
def resolve_completion(ls: TaglintServer, item: types.CompletionItem) -> types.CompletionItem:
    return completion.resolve(item, ls.completed.taxonomy) if ls.completed is not None else item


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def on_hover(ls: TaglintServer, params: types.HoverParams) -> types.Hover | None:
    document = ls.document(params.text_document.uri)
    project = ls.project(document.path) if document is not None else None
    if document is None or project is None or project.setup is None:
        return None
    text_map = TextMap(document.source, ls.encoding)
    occurrence = hover.occurrence_at(document.source, text_map.offset(params.position), document.path, project.setup)
    if occurrence is None:
        return None
    notes = None
    canonical = hover.canonical_of(occurrence.name, project.setup)
    if canonical is not None and project.counts is not None:
        await asyncio.get_running_loop().run_in_executor(ls.thread_pool, project.counts.build)  # at once when built
        notes = project.counts.count(canonical)
    markdown = hover.describe(occurrence.name, project.setup, notes)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown), range=text_map.range(occurrence.span))


def _tag_at(ls: TaglintServer, uri: str, position: types.Position) -> tuple[api.Setup, TextMap, TagOccurrence | None] | None:
    """The setup, position map and tag under ``position`` (None: no tag there); None when the note is not checked."""
    document = ls.document(uri)
    setup = ls.setup_for(document) if document is not None else None
    if document is None or setup is None:
        return None
    text_map = TextMap(document.source, ls.encoding)
    return setup, text_map, hover.occurrence_at(document.source, text_map.offset(position), document.path, setup)


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: TaglintServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
    found = _tag_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    setup, text_map, occurrence = found
    if occurrence is None:
        return None
    return types.PrepareRenamePlaceholder(range=text_map.range(occurrence.span), placeholder=rename.old_name(occurrence.name, setup))


@server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
async def on_rename(ls: TaglintServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    found = _tag_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    setup, _, occurrence = found
    if occurrence is None:
        raise RequestFailed("no tag here to rename")
    open_documents = {
        os.path.abspath(d.path): rename.OpenDocument(d.uri, d.version, d.source)
        for d in ls.workspace.text_documents.values()
        if d.uri.startswith("file:")
    }
    old = rename.old_name(occurrence.name, setup)
    versioned = ls.capability("workspace.workspace_edit.document_changes")

    def uri_of(path: str) -> str:
        return from_fs_path(path) or path

    def run() -> tuple[types.WorkspaceEdit, list[str]]:
        return rename.rename_edit(old, params.new_name, setup, open_documents, uri_of, versioned, ls.encoding)

    try:
        # The whole collection is read: in a thread, so the open notes keep their diagnostics meanwhile.
        edit, skipped = await asyncio.get_running_loop().run_in_executor(ls.thread_pool, run)
    except rename.RenameRefused as exc:
        raise RequestFailed(str(exc)) from None
    if skipped:
        message = f"taglint rename left {len(skipped)} note{'s' if len(skipped) != 1 else ''} unchanged: " + "; ".join(skipped[:5])
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))
    return edit


def run() -> None:
    """Serve over stdin/stdout until the client says exit."""
    server.start_io()
