"""`taglint server` and the files around the notes: reloading the taxonomy, renaming a tag across the collection.

Each test starts its own server on its own project, since these tests change files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsp_support import SERVER, TAXONOMY, Published, apply, completion_edit, open_note, position_of, start, text_of, uri, write_project
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

import taglint

pytestmark = pytest.mark.asyncio

BROKEN = TAXONOMY + "  Orphan:\n    parents: [Nowhere]\n"
WITHOUT_ALIAS = TAXONOMY.replace("    aliases: [MulltiModal]\n", "") + "  MulltiModal: {description: a tag of its own now}\n"


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    yield
    await lsp_client.shutdown_session()


async def changed_on_disk(client: LanguageClient, path: Path, note: Path) -> list[types.Diagnostic]:
    """Tell the server ``path`` changed; the diagnostics the open ``note`` gets once the project reloaded."""
    published = Published(client, uri(note))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri(path), type=types.FileChangeType.Changed)])
    )
    return await published.wait()


async def test_the_server_asks_to_watch_the_project_files(client: LanguageClient, tmp_path: Path) -> None:
    root = write_project(tmp_path, {"a.md": "---\ntags: [MulltiModal]\n---\n"})
    registrations = await start(client, root, watch=True)
    await open_note(client, root / "a.md")
    [params] = registrations
    [registration] = params.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert registration.register_options == {"watchers": [{"globPattern": "**/*.{md,markdown,mdx,yaml,yml,toml,json}"}]}  # as sent: JSON


async def test_a_broken_taxonomy_shows_its_located_errors_in_taxonomy_yaml(client: LanguageClient, tmp_path: Path) -> None:
    root = write_project(tmp_path, {"a.md": "---\ntags: [MulltiModal]\n---\n"})
    await start(client, root, watch=True)
    assert [d.code for d in await open_note(client, root / "a.md")] == ["TG002"]
    (root / "taxonomy.yaml").write_text(BROKEN, encoding="utf-8")
    note = await changed_on_disk(client, root / "taxonomy.yaml", root / "a.md")
    with pytest.raises(taglint.ProjectError) as raised:
        taglint.load_project([str(root)])
    [error] = raised.value.errors
    [shown] = client.diagnostics[uri(root / "taxonomy.yaml")]
    assert (shown.message, shown.range.start.line, shown.range.start.character) == (error.message, error.line - 1, error.column - 1)
    assert [(d.severity, d.message) for d in note] == [
        (types.DiagnosticSeverity.Information, "not checked: the project does not load; see taxonomy.yaml")
    ]


async def test_a_repaired_taxonomy_clears_its_errors_and_rechecks_the_notes(client: LanguageClient, tmp_path: Path) -> None:
    root = write_project(tmp_path, {"a.md": "---\ntags: [MulltiModal]\n---\n"}, taxonomy=BROKEN)
    await start(client, root, watch=True)
    await open_note(client, root / "a.md")
    assert len(client.diagnostics[uri(root / "taxonomy.yaml")]) == 1
    (root / "taxonomy.yaml").write_text(WITHOUT_ALIAS, encoding="utf-8")
    note = await changed_on_disk(client, root / "taxonomy.yaml", root / "a.md")
    assert note == []  # MulltiModal is a canonical tag now
    assert list(client.diagnostics[uri(root / "taxonomy.yaml")]) == []


async def test_saving_the_taxonomy_reloads_without_file_watching(client: LanguageClient, tmp_path: Path) -> None:
    root = write_project(tmp_path, {"a.md": "---\ntags: [MulltiModal]\n---\n"})
    registrations = await start(client, root, watch=False)
    assert [d.code for d in await open_note(client, root / "a.md")] == ["TG002"]
    taxonomy = root / "taxonomy.yaml"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(taxonomy), language_id="yaml", version=1, text=TAXONOMY)
        )
    )
    taxonomy.write_text(WITHOUT_ALIAS, encoding="utf-8")  # as the editor saves it
    published = Published(client, uri(root / "a.md"))
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri(taxonomy))))
    assert await published.wait() == []
    assert registrations == []  # this client cannot watch files: saving is what reloads


RENAME_NOTES = {
    "a.md": "---\ntitle: A\ntags: [NLP, LanguageModel]\n---\n",
    "b.md": "---\r\ntitle: B 🚀\r\ntags:\r\n  - Café\r\n  - NLP\r\n---\r\n",
    "c.md": "---\ntags: [NLP]\n---\nSome #NLP prose.\n",
    "d.md": "---\ntags: [MultiModal]\n---\n",
}


async def test_rename_is_the_edit_taglint_rename_makes(client: LanguageClient, tmp_path: Path) -> None:
    root = write_project(tmp_path / "live", RENAME_NOTES, config="inline-tags = true\n")
    await start(client, root)
    unsaved = "---\ntitle: A\ntags: [NLP, LanguageModel, MultiModal]\n---\n"  # the buffer differs from the file
    await open_note(client, root / "a.md", unsaved)
    at = position_of(unsaved, "NLP")
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=types.TextDocumentIdentifier(uri=uri(root / "a.md")), position=at)
    )
    assert isinstance(prepared, types.PrepareRenamePlaceholder) and prepared.placeholder == "NLP"
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=types.TextDocumentIdentifier(uri=uri(root / "a.md")), position=at, new_name="NaturalLanguage")
    )
    assert edit is not None and edit.document_changes is not None
    edited = {}
    for change in edit.document_changes:
        assert isinstance(change, types.TextDocumentEdit)
        path = Path(change.text_document.uri.removeprefix("file://"))
        base = unsaved if path.name == "a.md" else text_of(path)
        assert change.text_document.version == (1 if path.name == "a.md" else None)
        edited[path.name] = apply(base, change.edits)  # type: ignore[arg-type]
    # `taglint rename` on a copy holding what the editor holds.
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    (copy / "a.md").write_text(unsaved, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "taglint", "rename", "NLP", "NaturalLanguage", str(copy)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(edited) == ["a.md", "b.md", "c.md", "taxonomy.yaml"]
    for name, text in edited.items():
        assert text.encode("utf-8") == (copy / name).read_bytes(), name


async def test_rename_of_an_alias_is_refused_as_taglint_rename_refuses_it(client: LanguageClient, tmp_path: Path) -> None:
    root = write_project(tmp_path, {"a.md": "---\ntags: [LLM]\n---\n"})
    await start(client, root)
    text = text_of(root / "a.md")
    await open_note(client, root / "a.md")
    with pytest.raises(JsonRpcException) as refused:
        await client.text_document_rename_async(
            types.RenameParams(
                text_document=types.TextDocumentIdentifier(uri=uri(root / "a.md")), position=position_of(text, "LLM"), new_name="BigModel"
            )
        )
    cli = subprocess.run([sys.executable, "-m", "taglint", "rename", "LLM", "BigModel", str(root)], capture_output=True, text=True)
    assert cli.returncode == 2
    assert refused.value.message.split(": ", 1)[1] in cli.stderr


async def test_a_client_without_list_defaults_gets_an_edit_on_every_item(client: LanguageClient, tmp_path: Path) -> None:
    root = write_project(tmp_path, {})
    await start(client, root, item_defaults=False)  # as Neovim 0.7 and other LSP 3.16 clients
    text = "---\ntags: [NLP, 'Mu']\n---\n"
    await open_note(client, root / "a.md", text)
    at = position_of(text, "'", text.index("Mu"))
    found = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri(root / "a.md")), position=at)
    )
    assert isinstance(found, types.CompletionList) and found.item_defaults is None
    assert all(isinstance(item.text_edit, types.TextEdit) for item in found.items)
    [alias] = [item for item in found.items if item.label == "MulltiModal"]
    assert apply(text, [completion_edit(found, alias)]) == "---\ntags: [NLP, 'MultiModal']\n---\n"
