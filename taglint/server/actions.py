"""Code actions: each finding's fix, and "fix all safe fixes in this note".

A finding's fix is offered when ``taglint fix`` would apply it to this text
(``api.apply_fix``: the fix loop's own checks), as that fix's span edits;
safe fixes as preferred quick fixes, unsafe ones titled as such. The fix-all
action is ``taglint fix`` on the buffer (``api.fix_text``: every pass of the
fix loop, verified), sent as the edits between the buffer and that result,
so applying it gives the bytes ``taglint fix`` writes for the same text.
It is offered as a quick fix and as ``source.fixAll.taglint`` (for an
editor's fix-on-save setting).
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from taglint import api
from taglint.model import Applicability
from taglint.server.diagnostics import lsp_diagnostic
from taglint.server.positions import TextMap
from taglint.server.textedits import edits_between, text_edits

FIX_ALL = "source.fixAll.taglint"
FIX_ALL_TITLE = "taglint: fix all safe fixes in this note"


def workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    """Edits to one document, tied to its version when the client takes ``documentChanges``."""
    if not versioned:
        return types.WorkspaceEdit(changes={uri: edits})
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether ``kind`` is one the client asked for (kinds are hierarchical: ``source`` takes ``source.fixAll.taglint``)."""
    return only is None or any(kind == asked or kind.startswith(f"{asked}.") for asked in map(str, only))


def code_actions(
    buffer: str, path: str, project: api.Setup, params: types.CodeActionParams, version: int | None, versioned: bool, encoding: str
) -> list[types.CodeAction]:
    text_map = TextMap(buffer, encoding)
    uri = params.text_document.uri
    first, last = text_map.offset(params.range.start), text_map.offset(params.range.end)
    only = params.context.only
    actions: list[types.CodeAction] = []
    result = api.check_text(buffer, path, project)
    if _wanted(types.CodeActionKind.QuickFix, only):
        for diagnostic in result.diagnostics:
            fix = diagnostic.fix
            if fix is None or diagnostic.span.start > last or first > diagnostic.span.end:
                continue
            edits = api.apply_fix(buffer, path, fix, project)
            if edits is None:
                continue
            safe = fix.applicability is Applicability.SAFE
            actions.append(
                types.CodeAction(
                    title=f"taglint: {fix.message}" + ("" if safe else " (unsafe fix)"),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp_diagnostic(diagnostic, text_map)],
                    is_preferred=safe,
                    edit=workspace_edit(uri, version, text_edits(edits, text_map), versioned),
                )
            )
    offered = bool(actions)
    fixable = any(d.fix is not None and d.fix.applicability is Applicability.SAFE for d in result.diagnostics)
    if fixable and (offered or _wanted(FIX_ALL, only)):
        fixed = api.fix_text(buffer, path, project)
        if fixed.text != buffer:
            body = buffer[text_map.shift :]
            whole = text_edits(edits_between(body, fixed.text[text_map.shift :]), text_map)
            edit = workspace_edit(uri, version, whole, versioned)
            # Once per list: beside the quick fixes when there are some, else (or when asked by kind) as the source action.
            if offered:
                actions.append(types.CodeAction(title=FIX_ALL_TITLE, kind=types.CodeActionKind.QuickFix, edit=edit))
            if (only is not None and _wanted(FIX_ALL, only)) or not offered:
                actions.append(types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL, edit=edit))
    return actions
