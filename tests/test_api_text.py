"""The library API on one text at a time (``taglint.tools.buffer``, re-exported by ``taglint.api``): what an editor's unsaved buffer gets."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from lsp_support import TAXONOMY, write_project

import taglint
from taglint import api
from taglint.model import Applicability, Edit, Fix, Span, TagStyle

NOTE = "\ufeff---\r\ntitle: Ünï 🚀\r\ntags: [MulltiModal, Neural, Mystery, MulltiModal]\r\n---\r\nBody\r\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(
        tmp_path,
        {"note.md": NOTE.encode("utf-8"), "other.md": "---\ntags: [NLP, LLM]\n---\n", "drafts/d.md": "---\ntags: [NLP]\n---\n"},
        config='exclude = ["drafts/"]\nper-file-ignores = { "ignored/**" = ["unknown-tag"] }\n',
    )


def setup(root: Path) -> api.Setup:
    return api.load_project([str(root)])


def test_check_text_reports_what_check_reports_for_the_same_bytes(project: Path) -> None:
    path = str(project / "note.md")
    [on_disk] = list(taglint.check([path], taglint.Options(cache=False)).results())
    assert api.check_text(NOTE, path, setup(project)) == on_disk


def test_check_text_applies_per_file_ignores_by_the_path_given(project: Path) -> None:
    codes = [d.code for d in api.check_text(NOTE, str(project / "ignored" / "n.md"), setup(project)).diagnostics]
    assert "TG001" not in codes and "TG002" in codes


def test_fix_text_gives_the_bytes_taglint_fix_writes(project: Path) -> None:
    path = project / "note.md"
    fixed = api.fix_text(NOTE, str(path), setup(project))
    [outcome] = list(taglint.fix([str(path)]).outcomes())
    assert fixed.text.encode("utf-8") == path.read_bytes()
    assert (fixed.fixed, fixed.remaining, fixed.refused) == (outcome.fixed, outcome.result.diagnostics, None)
    assert [d.code for d in fixed.remaining] == ["TG001"]


def test_apply_fix_gives_the_fixs_edits_when_fix_would_apply_them(project: Path) -> None:
    project_setup = setup(project)
    [alias, *_] = api.check_text(NOTE, str(project / "note.md"), project_setup).diagnostics
    assert alias.fix is not None
    assert api.apply_fix(NOTE, str(project / "note.md"), alias.fix, project_setup) == alias.fix.edits


def test_apply_fix_refuses_an_edit_outside_the_tags(project: Path) -> None:
    title = NOTE.index("Ünï") - 1  # offsets count after the BOM
    outside = Fix((Edit(Span(title, title + 3), "Uni"),), Applicability.SAFE, "rewrite the title")
    assert api.apply_fix(NOTE, str(project / "note.md"), outside, setup(project)) is None


def test_tag_occurrences_are_spans_after_the_bom(project: Path) -> None:
    [first, *_] = api.tag_occurrences(NOTE, str(project / "note.md"), setup(project))
    assert (first.name, NOTE[1 + first.span.start : 1 + first.span.end]) == ("MulltiModal", "MulltiModal")


@pytest.mark.parametrize(
    ("name", "style", "quote", "written"),
    [
        ("NLP", TagStyle.FLOW, "", "NLP"),
        ("@Home", TagStyle.FLOW, "", '"@Home"'),
        ("It's", TagStyle.BLOCK, "'", "'It''s'"),
        ("two words", TagStyle.INLINE, "", None),
        ("a b", TagStyle.STRING, "", None),
        ("a b", TagStyle.STRING, ",", "a b"),
    ],
)
def test_render_tag_writes_a_name_as_fix_writes_it(name: str, style: TagStyle, quote: str, written: str | None) -> None:
    assert api.render_tag(name, style, quote) == written


def test_did_you_mean_is_unknown_tags_suggestion(project: Path) -> None:
    assert api.did_you_mean("LanguageModels", setup(project)) == "LanguageModel"
    assert api.did_you_mean("Zzzyx", setup(project)) is None


def test_selects_follows_include_and_exclude(project: Path) -> None:
    project_setup = setup(project)
    assert api.selects(str(project / "note.md"), project_setup)
    assert not api.selects(str(project / "drafts" / "d.md"), project_setup)
    assert not api.selects(str(project / "taxonomy.yaml"), project_setup)


def test_tag_counts_count_notes_by_canonical_tag(project: Path) -> None:
    counts = api.tag_counts(setup(project))
    assert (counts["NLP"], counts["LanguageModel"], counts["MultiModal"]) == (1, 1, 1)  # drafts/ is excluded


def test_retag_text_renames_as_taglint_rename_does(project: Path) -> None:
    path = project / "other.md"
    renamed = api.retag_text(path.read_text(encoding="utf-8"), str(path), "NLP", "Language", setup(project))
    run = api.rename_tag(setup(project), "NLP", "Language")
    for _ in run.notes():
        pass
    run.finish()
    assert renamed == path.read_text(encoding="utf-8") == "---\ntags: [Language, LLM]\n---\n"


def test_rename_of_an_alias_raises_rename_error(project: Path) -> None:
    with pytest.raises(api.RenameError, match='"LLM" is an alias of "LanguageModel"'):
        api.rename_tag(setup(project), "LLM", "Big", write=False)


def test_taxonomy_findings_name_the_taxonomy_by_absolute_path(tmp_path: Path) -> None:
    root = write_project(tmp_path, {}, taxonomy=TAXONOMY + "  Lonely: {}\n", config='select = ["ALL"]\n')
    result = api.taxonomy_findings(setup(root))
    assert result is not None and result.path == str(root / "taxonomy.yaml")
    assert "TG102" in {d.code for d in result.diagnostics}


def test_suggested_tags_are_empty_without_a_suggest_model(project: Path) -> None:
    assert api.suggested_tags(NOTE, str(project / "note.md"), setup(project)) == ()


def test_suggested_tags_come_from_the_suggest_hook_when_it_exists(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hook = types.ModuleType("taglint.tools.suggest")
    hook.ranked_for_text = lambda project, path, text, limit: ["NLP", "MultiModal"][:limit]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "taglint.tools.suggest", hook)
    assert api.suggested_tags(NOTE, str(project / "note.md"), setup(project), limit=1) == ("NLP",)
