"""What the language-server tests share: a project on disk, a client that speaks LSP to `taglint server`, edits applied as an editor applies them."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, default_converter, register_lsp_features


def record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    """pytest-lsp's handler (the last list per document), and every publication in order, for ``Published``."""
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)  # type: ignore[attr-defined]


def make_client() -> LanguageClient:
    """pytest-lsp's test client, recording each diagnostics publication (two empty lists look alike)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: record_diagnostics})
    return client


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "taglint", "server"], client_factory=make_client)

# Tags with non-ASCII and emoji names, an alias, a deprecated tag and a parent, to see every position case.
TAXONOMY = """\
version: 1
tags:
  NLP:
    description: Natural language processing
  LanguageModel:
    description: Language models
    parents: [NLP]
    aliases: [LLM]
  MultiModal:
    description: Several modalities
    aliases: [MulltiModal]
  Neural:
    description: Old name
    deprecated: true
    replaced_by: NeuralNetwork
  NeuralNetwork:
    description: Neural networks
  Café:
    description: Coffee places
  🚀Launch:
    description: Rocket launches
  "@Home":
    description: Written at home
"""


def write_project(root: Path, notes: dict[str, str | bytes], taxonomy: str = TAXONOMY, config: str | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "taxonomy.yaml").write_text(taxonomy, encoding="utf-8")
    if config is not None:
        (root / "taglint.toml").write_text(config, encoding="utf-8")
    for name, text in notes.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def capabilities(watch: bool = False, item_defaults: bool = True) -> types.ClientCapabilities:
    """An editor's capabilities: versioned workspace edits, Markdown hovers, completion list defaults (LSP 3.17), file watching when ``watch``."""
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]),
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch),
        ),
        text_document=types.TextDocumentClientCapabilities(
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(documentation_format=[types.MarkupKind.Markdown]),
                completion_list=types.CompletionListCapabilities(item_defaults=["editRange", "data"]) if item_defaults else None,
            ),
        ),
    )


async def start(client: LanguageClient, root: Path, watch: bool = False, item_defaults: bool = True) -> list[types.RegistrationParams]:
    """Initialize a session rooted at ``root``; the capability registrations the server asks for are collected."""
    registrations: list[types.RegistrationParams] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.append(params)

    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(watch, item_defaults),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="notes")],
        )
    )
    return registrations


def uri(path: Path) -> str:
    return path.as_uri()


def text_of(path: Path) -> str:
    """What an editor shows for a file: the text without its BOM (VS Code and Neovim keep the BOM aside too)."""
    data = path.read_bytes()
    return data.decode("utf-8-sig")


class Published:
    """The next diagnostics published for one document after this point."""

    def __init__(self, client: LanguageClient, target: str) -> None:
        self.client, self.target = client, target
        self.seen = len(client.published)  # type: ignore[attr-defined]

    async def wait(self, timeout: float = 10.0) -> list[types.Diagnostic]:
        deadline = time.monotonic() + timeout
        published: list[types.PublishDiagnosticsParams] = self.client.published  # type: ignore[attr-defined]
        while True:
            for params in published[self.seen :]:
                if params.uri == self.target:
                    return list(params.diagnostics)
            self.seen = len(published)
            if time.monotonic() > deadline:
                raise TimeoutError(f"no diagnostics published for {self.target}")
            await asyncio.sleep(0.0005)


async def open_note(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> list[types.Diagnostic]:
    """Open ``path`` (with ``text``, else its contents as an editor shows them) and wait for its diagnostics."""
    published = Published(client, uri(path))
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(path), language_id="markdown", version=version, text=text_of(path) if text is None else text
            )
        )
    )
    return await published.wait()


async def change_note(client: LanguageClient, path: Path, text: str, version: int) -> tuple[list[types.Diagnostic], float]:
    """Send the buffer's new text; its diagnostics and the seconds from sending to receiving them."""
    published = Published(client, uri(path))
    started = time.perf_counter()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    found = await published.wait()
    return found, time.perf_counter() - started


def utf16_offset(text: str, position: types.Position) -> int:
    """The index into ``text`` of an LSP position, counted as the protocol says, one character at a time (independently of the server's code)."""
    line = units = index = 0
    while index < len(text):
        char = text[index]
        if line == position.line:
            if units >= position.character or char in "\r\n":
                return index
            units += 2 if ord(char) > 0xFFFF else 1
            index += 1
        elif char == "\r" and text.startswith("\n", index + 1):
            line, index = line + 1, index + 2
        else:
            line, index = line + (char in "\r\n"), index + 1
    return index


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply LSP edits to ``text`` as an editor does: all positions refer to the text before any edit."""
    located = sorted(((utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in located:
        text = text[:start] + new + text[end:]
    return text


def position_of(text: str, needle: str, skip: int = 0) -> types.Position:
    """The UTF-16 position of the first ``needle`` in ``text`` at or after index ``skip``."""
    target = text.index(needle, skip)
    line = units = index = 0
    while index < target:
        char = text[index]
        if char == "\r" and text.startswith("\n", index + 1):
            line, units, index = line + 1, 0, index + 2
        elif char in "\r\n":
            line, units, index = line + 1, 0, index + 1
        else:
            units, index = units + (2 if ord(char) > 0xFFFF else 1), index + 1
    return types.Position(line=line, character=units)


def completion_edit(found: types.CompletionList, item: types.CompletionItem) -> types.TextEdit:
    """The edit choosing ``item`` makes, as a client reads it: its own edit, else the list's default range with its text."""
    if isinstance(item.text_edit, types.TextEdit):
        return item.text_edit
    assert found.item_defaults is not None and isinstance(found.item_defaults.edit_range, types.Range)
    return types.TextEdit(range=found.item_defaults.edit_range, new_text=item.text_edit_text or item.insert_text or item.label)
