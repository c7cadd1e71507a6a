"""Rename a tag across the collection: the workspace edit ``taglint rename`` would make.

The tag under the cursor names what is renamed: a canonical tag as written,
or the canonical tag a case or Unicode-form variant stands for (``taglint
rename`` takes canonical names); an alias gets ``rename``'s own answer (it
is not a canonical tag). The notes and the taxonomy are rewritten by
``api.rename_tag`` without writing (``taglint rename --diff`` computes the
same), and each file's change is sent as the edits between its text and the
result. An open note is renamed in its buffer (``api.retag_text``), since
the editor applies the edit there; an open taxonomy with unsaved changes is
refused, since the taxonomy edit is made on the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lsprotocol import types

from taglint import api
from taglint.server.positions import TextMap
from taglint.server.textedits import edits_between, text_edits


@dataclass(frozen=True)
class OpenDocument:
    uri: str
    version: int | None
    text: str


class RenameRefused(Exception):
    """The rename cannot be made; the message says why (shown by the editor)."""


def old_name(written: str, project: api.Setup) -> str:
    """The name ``taglint rename`` is given for the tag written as ``written``."""
    resolution = project.taxonomy.resolve(written)
    if resolution is not None and resolution.kind in ("case", "form"):
        return resolution.canonical
    return written


def rename_edit(
    old: str,
    new: str,
    project: api.Setup,
    open_documents: Mapping[str, OpenDocument],  # by absolute path
    uri_of: Callable[[str], str],
    versioned: bool,
    encoding: str,
) -> tuple[types.WorkspaceEdit, list[str]]:
    """The workspace edit, and the notes left unchanged with the reason (as ``rename`` reports them)."""
    new = new.strip()
    if not new:
        raise RenameRefused("a tag needs a name")
    try:
        run = api.rename_tag(project, old, new, write=False)
    except api.RenameError as exc:
        raise RenameRefused(str(exc)) from None
    changes: dict[str, tuple[int | None, str, str]] = {}  # path -> (version, buffer text, new text)
    skipped: list[str] = []
    for outcome in run.notes():
        path = os.path.abspath(outcome.path)
        if outcome.error:
            skipped.append(f"{outcome.path}: {outcome.error}")
        elif path not in open_documents:
            changes[path] = (None, outcome.before, outcome.after)
    for path, document in open_documents.items():
        if not api.selects(path, project) or not _inside(path, project.config.root):
            continue
        try:
            after = api.retag_text(document.text, path, old, new, project)
        except api.RenameError as exc:
            skipped.append(f"{path}: {exc}")
            continue
        if after != document.text:
            changes[path] = (document.version, document.text, after)
    taxonomy = run.taxonomy
    if taxonomy.changed:
        path = os.path.abspath(taxonomy.path)
        open_taxonomy = open_documents.get(path)
        if open_taxonomy is not None and open_taxonomy.text != taxonomy.before:
            raise RenameRefused(f"{taxonomy.path} has unsaved changes; save it first")
        changes[path] = (open_taxonomy.version if open_taxonomy else None, taxonomy.before, taxonomy.after)
    edits: dict[str, tuple[int | None, list[types.TextEdit]]] = {}
    for path, (version, before, after) in sorted(changes.items()):
        # Both texts hold a BOM or neither (verify keeps it); the edits are offsets after it.
        text_map = TextMap(before, encoding)
        edits[uri_of(path)] = (version, text_edits(edits_between(before[text_map.shift :], after[text_map.shift :]), text_map))
    if versioned:
        document_changes = [
            types.TextDocumentEdit(text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=list(found))
            for uri, (version, found) in edits.items()
        ]
        return types.WorkspaceEdit(document_changes=document_changes), skipped
    return types.WorkspaceEdit(changes={uri: list(found) for uri, (_, found) in edits.items()}), skipped


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([os.path.abspath(path), os.path.abspath(root)]) == os.path.abspath(root)
