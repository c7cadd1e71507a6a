"""`taglint server` end to end: a pytest-lsp client starts it as a subprocess and speaks LSP to it.

One server for the module (its project is only read); each test opens its own
documents. Positions are checked against an independent UTF-16 count
(``lsp_support``), on notes with CRLF, a BOM, non-ASCII and emoji before the tag.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsp_support import SERVER, apply, completion_edit, open_note, position_of, start, text_of, uri, write_project
from lsprotocol import types
from pytest_lsp import LanguageClient

import taglint

pytestmark = pytest.mark.asyncio(loop_scope="module")

CONFIG = "inline-tags = true\n"
NOTES = {
    # BOM, CRLF, emoji and accents before the alias and the deprecated tag.
    "crlf.md": b"\xef\xbb\xbf---\r\ntitle: \xc3\x9cn\xc3\xaf \xf0\x9f\x9a\x80 note\r\ntags: [Caf\xc3\xa9, \xf0\x9f\x9a\x80Launch, MulltiModal, Neural]\r\n---\r\nBody \xf0\x9f\x9a\x80 text #LLM here\r\n",
    "suppressed.md": "---\ntitle: S\ntags: [Mystery]\ntaglint: {ignore: [unknown-tag]}\n---\n",
    "unknown.md": "---\ntitle: U\ntags: [LanguageModels, NLP]\n---\n",
    "clean.md": "---\ntitle: C\ntags: [NLP]\n---\nA #NLP note.\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("notes"), NOTES, config=CONFIG)


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient, project: Path):  # type: ignore[no-untyped-def]
    await start(lsp_client, project)
    yield
    await lsp_client.shutdown_session()


def expected(path: Path, bom_in_buffer: bool = False) -> list[tuple[str, str, int, int, int]]:
    """What `taglint check` reports for the file: (code, message, severity, line, UTF-16 column), 0-based."""
    [result] = list(taglint.check([str(path)], taglint.Options(cache=False)).results())
    text = text_of(path)
    lines = text.replace("\r\n", "\n").split("\n")
    found = []
    for d in result.diagnostics:
        line, column = result.position(d.span.start)
        units = len(lines[line - 1][: column - 1].encode("utf-16-le")) // 2
        shift = 1 if bom_in_buffer and line == 1 else 0
        severity = types.DiagnosticSeverity.Error if str(d.severity) == "error" else types.DiagnosticSeverity.Warning
        found.append((d.code, d.message, severity, line - 1, units + shift))
    return found


def seen(diagnostics: list[types.Diagnostic]) -> list[tuple[str, str, int, int, int]]:
    return [(str(d.code), d.message, d.severity, d.range.start.line, d.range.start.character) for d in diagnostics]  # type: ignore[misc]


async def test_diagnostics_on_open_are_checks_findings_with_utf16_positions(client: LanguageClient, project: Path) -> None:
    path = project / "crlf.md"
    found = await open_note(client, path)
    assert seen(found) == expected(path)
    assert [str(d.code) for d in found] == ["TG002", "TG003", "TG002", "TG006"]  # MulltiModal, Neural, #LLM (and its parent NLP missing)
    # The emoji before MulltiModal counts two UTF-16 units: the range covers exactly the tag.
    alias = found[0]
    line = text_of(path).split("\r\n")[alias.range.start.line]
    start, end = alias.range.start.character, alias.range.end.character
    assert line.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le") == "MulltiModal"


async def test_a_bom_kept_in_the_buffer_moves_only_the_first_line(client: LanguageClient, project: Path) -> None:
    path = project / "crlf.md"
    found = await open_note(client, project / "bom-in-buffer.md", "\ufeff" + text_of(path))
    assert seen(found) == expected(path, bom_in_buffer=True)


async def test_suppressions_apply_as_in_check(client: LanguageClient, project: Path) -> None:
    found = await open_note(client, project / "suppressed.md")
    assert found == []
    assert expected(project / "suppressed.md") == []


async def test_the_unsaved_buffer_is_checked_not_the_file(client: LanguageClient, project: Path) -> None:
    found = await open_note(client, project / "clean.md", "---\ntitle: C\ntags: [LLM]\n---\n")
    assert [(str(d.code), d.range.start.line, d.range.start.character, d.range.end.character) for d in found] == [
        ("TG002", 2, 7, 10),
        ("TG006", 2, 7, 10),
    ]


async def test_quick_fix_applies_the_findings_own_edits(client: LanguageClient, project: Path) -> None:
    path = project / "crlf.md"
    text = text_of(path)
    found = await open_note(client, path, text, version=3)
    alias = found[0]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(path)),
            range=alias.range,
            context=types.CodeActionContext(diagnostics=[alias]),
        )
    )
    assert actions is not None
    quick = [a for a in actions if isinstance(a, types.CodeAction) and a.diagnostics]
    assert [(a.title, a.kind, a.is_preferred) for a in quick] == [
        ('taglint: Replace with "MultiModal"', types.CodeActionKind.QuickFix, True)
    ]
    assert [a.title for a in actions if isinstance(a, types.CodeAction) and not a.diagnostics] == [
        "taglint: fix all safe fixes in this note"
    ]  # once
    [change] = quick[0].edit.document_changes  # type: ignore[union-attr,misc]
    assert change.text_document.version == 3  # type: ignore[union-attr]
    fixed = apply(text, change.edits)  # type: ignore[union-attr]
    assert fixed == text.replace("MulltiModal", "MultiModal", 1)


async def test_unsafe_fixes_are_offered_marked_as_such(client: LanguageClient, project: Path) -> None:
    path = project / "unknown.md"
    found = await open_note(client, path)
    [unknown] = [d for d in found if d.code == "TG001"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(path)),
            range=unknown.range,
            context=types.CodeActionContext(diagnostics=[unknown]),
        )
    )
    assert [(a.title, a.is_preferred) for a in actions or [] if isinstance(a, types.CodeAction)] == [
        ('taglint: Replace with "LanguageModel" (unsafe fix)', False)
    ]


async def test_fix_all_gives_the_bytes_taglint_fix_writes(client: LanguageClient, project: Path, tmp_path: Path) -> None:
    path = project / "crlf.md"
    text = text_of(path)
    await open_note(client, path, text, version=4)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(path)),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    [fix_all] = [a for a in actions or [] if isinstance(a, types.CodeAction)]
    assert fix_all.kind == "source.fixAll.taglint"
    [change] = fix_all.edit.document_changes  # type: ignore[union-attr,misc]
    in_editor = apply(text, change.edits)  # type: ignore[union-attr]
    # `taglint fix` on a copy of the same bytes; the editor writes the BOM it kept aside.
    copy = write_project(tmp_path / "copy", {"crlf.md": path.read_bytes()}, config=CONFIG) / "crlf.md"
    for _ in taglint.fix([str(copy)]).outcomes():
        pass
    assert ("\ufeff" + in_editor).encode("utf-8") == copy.read_bytes()
    assert b"\r\n" in copy.read_bytes() and in_editor != text


async def test_completion_offers_canonical_tags_not_yet_on_the_note(client: LanguageClient, project: Path) -> None:
    path = project / "complete-flow.md"
    text = "---\ntitle: F\ntags: [NLP, La]\n---\n"
    await open_note(client, path, text)
    at = position_of(text, "]")
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri(path)), position=at)
    )
    assert isinstance(result, types.CompletionList)
    labels = {item.label: item for item in result.items}
    assert "NLP" not in labels  # on the note already
    assert "Neural" not in labels  # deprecated
    assert (
        apply(text, [completion_edit(result, labels["LLM"])]) == "---\ntitle: F\ntags: [NLP, LanguageModel]\n---\n"
    )  # an alias inserts its canonical tag
    assert apply(text, [completion_edit(result, labels["Café"])]) == "---\ntitle: F\ntags: [NLP, Café]\n---\n"
    assert (
        apply(text, [completion_edit(result, labels["@Home"])]) == '---\ntitle: F\ntags: [NLP, "@Home"]\n---\n'
    )  # YAML would misread it plain


async def test_a_completion_item_resolves_to_its_description_parents_and_aliases(client: LanguageClient, project: Path) -> None:
    path = project / "complete-doc.md"
    text = "---\ntags: [La]\n---\n"
    await open_note(client, path, text)
    found = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, "]"))
    )
    assert isinstance(found, types.CompletionList)
    [item] = [i for i in found.items if i.label == "LanguageModel"]
    resolved = await client.completion_item_resolve_async(item)
    assert resolved.documentation.value == "Language models\n\nParents: NLP\n\nAliases: LLM"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "cursor_after", "pick", "result"),
    [
        ("---\ntags:\n  - NLP\n  - Mu\n---\n", "  - Mu", "MultiModal", "---\ntags:\n  - NLP\n  - MultiModal\n---\n"),
        ("---\ntags: NLP, Mu\n---\n", "NLP, Mu", "MultiModal", "---\ntags: NLP, MultiModal\n---\n"),
        ("---\ntags: [NLP, 'Mu']\n---\n", "'Mu", "MultiModal", "---\ntags: [NLP, 'MultiModal']\n---\n"),
        ("---\ntags: [NLP, Mu\n---\n", "NLP, Mu", "MultiModal", "---\ntags: [NLP, MultiModal\n---\n"),  # a flow list still open
        ("---\ntags: [NLP]\n---\nSee #Mu\n", "#Mu", "MultiModal", "---\ntags: [NLP]\n---\nSee #MultiModal\n"),
        ("---\ntags: [NLP]\n---\nSee 🚀 #Mu\n", "#Mu", "MulltiModal", "---\ntags: [NLP]\n---\nSee 🚀 #MultiModal\n"),
    ],
    ids=["block", "comma-string", "quoted-flow", "open-flow", "inline", "inline-after-emoji-alias"],
)
async def test_completion_in_every_tag_style(
    client: LanguageClient, project: Path, text: str, cursor_after: str, pick: str, result: str
) -> None:
    path = project / f"complete-{abs(hash(text))}.md"
    await open_note(client, path, text)
    at = position_of(text, cursor_after)
    at = types.Position(line=at.line, character=at.character + len(cursor_after.encode("utf-16-le")) // 2)
    found = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri(path)), position=at)
    )
    assert isinstance(found, types.CompletionList)
    [item] = [i for i in found.items if i.label == pick]
    assert apply(text, [completion_edit(found, item)]) == result


async def test_no_completion_outside_tag_fields(client: LanguageClient, project: Path) -> None:
    path = project / "complete-none.md"
    text = "---\ntitle: Mu\ntags: [NLP]\n---\n```\n#Mu\n```\n"
    await open_note(client, path, text)
    for needle in ("Mu\ntags", "Mu\n```"):
        at = position_of(text, needle)
        at = types.Position(line=at.line, character=at.character + 2)
        found = await client.text_document_completion_async(
            types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri(path)), position=at)
        )
        assert found is None or (isinstance(found, types.CompletionList) and found.items == [])


async def test_hover_on_a_tag_tells_what_the_taxonomy_says(client: LanguageClient, project: Path) -> None:
    path = project / "clean.md"
    text = "---\ntitle: H\ntags: [LLM, LanguageModels]\n---\n"
    await open_note(client, path, text, version=7)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, "LM,"))
    )
    assert hover is not None
    assert hover.contents.value == (  # type: ignore[union-attr]
        "`LLM` is an alias of `LanguageModel`\n\nLanguage models\n\nParents: `NLP`\n\nAliases: `LLM`\n\nUsed by 1 note"  # crlf.md: #LLM
    )
    unknown = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, "Models"))
    )
    assert unknown is not None
    assert unknown.contents.value == "`LanguageModels` is not in the taxonomy; did you mean `LanguageModel`?"  # type: ignore[union-attr]


async def test_hover_counts_the_notes_carrying_a_tag(client: LanguageClient, project: Path) -> None:
    path = project / "clean.md"
    text = text_of(path)
    await open_note(client, path, text, version=8)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri(path)), position=position_of(text, "NLP"))
    )
    assert hover is not None
    # NLP: clean.md and unknown.md on disk (crlf.md carries LanguageModel via #LLM, not NLP itself).
    assert hover.contents.value.endswith("Used by 2 notes")  # type: ignore[union-attr]
