"""taglint split OLD NEW1 NEW2...: one tag replaced by several, in every note style and in the taxonomy."""

from __future__ import annotations

from pathlib import Path

import pytest

from taglint.cli.main import main

TAXONOMY = """\
version: 1
tags:
  AI: {}
  # vision and language together
  VisionLanguage:
    parents: [AI]
    aliases: [VL]
  Captioning:
    parents: [VisionLanguage]
  Vision: {}
"""

SPLIT_CASES = [
    ("flow", "---\ntags: [VisionLanguage, AI]\n---\n", "---\ntags: [Vision, Language, AI]\n---\n"),
    ("flow quoted", "---\ntags: ['VisionLanguage']\n---\n", "---\ntags: ['Vision', 'Language']\n---\n"),
    ("block", "---\ntags:\n  - AI\n  - VisionLanguage\n---\n", "---\ntags:\n  - AI\n  - Vision\n  - Language\n---\n"),
    (
        "block crlf",
        "---\r\ntags:\r\n  - VisionLanguage\r\n  - AI\r\n---\r\n",
        "---\r\ntags:\r\n  - Vision\r\n  - Language\r\n  - AI\r\n---\r\n",
    ),
    ("comma string", "---\ntags: AI, VisionLanguage\n---\n", "---\ntags: AI, Vision, Language\n---\n"),
    ("space string", "---\ntags: VisionLanguage AI\n---\n", "---\ntags: Vision Language AI\n---\n"),
    ("one new already there", "---\ntags: [Vision, VisionLanguage]\n---\n", "---\ntags: [Vision, Language]\n---\n"),
    ("all new already there", "---\ntags: [Vision, VisionLanguage, Language]\n---\n", "---\ntags: [Vision, Language]\n---\n"),
    ("repeated", "---\ntags: [VisionLanguage, AI, VisionLanguage]\n---\n", "---\ntags: [Vision, Language, AI]\n---\n"),
    ("alias spelling", "---\ntags: [VL]\n---\n", "---\ntags: [Vision, Language]\n---\n"),
    ("case variant", "---\ntags: [visionlanguage]\n---\n", "---\ntags: [Vision, Language]\n---\n"),
    ("untouched", "---\ntags: [AI]\n---\nVisionLanguage\n", "---\ntags: [AI]\n---\nVisionLanguage\n"),
]


def _project(tmp_path: Path, notes: dict[str, str], taxonomy: str = TAXONOMY) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(taxonomy)
    for name, text in notes.items():
        (tmp_path / name).write_bytes(text.encode())
    return tmp_path


@pytest.mark.parametrize(("label", "before", "after"), SPLIT_CASES, ids=[c[0] for c in SPLIT_CASES])
def test_split_changes_only_tag_bytes(tmp_path: Path, label: str, before: str, after: str) -> None:
    root = _project(tmp_path, {"note.md": before})
    assert main(["split", "VisionLanguage", "Vision", "Language", "--in", str(root)]) == 0
    assert (root / "note.md").read_bytes() == after.encode()


def test_split_inline_tags(tmp_path: Path) -> None:
    root = _project(tmp_path, {"note.md": "---\ntitle: t\n---\nSee #VisionLanguage here and `#VisionLanguage`.\n"})
    (root / "taglint.toml").write_text("inline-tags = true\n")
    assert main(["split", "VisionLanguage", "Vision", "Language", "--in", str(root)]) == 0
    assert (root / "note.md").read_text() == "---\ntitle: t\n---\nSee #Vision #Language here and `#VisionLanguage`.\n"


def test_split_taxonomy_adds_the_new_tags_and_reparents_the_children(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, {})
    assert main(["split", "VisionLanguage", "Vision", "Language", "--in", str(root)]) == 0
    assert (root / "taxonomy.yaml").read_text() == (
        "version: 1\ntags:\n  AI: {}\n  Language:\n    parents: [AI]\n  Captioning:\n    parents: [Vision, Language]\n  Vision: {}\n"
    )
    err = capsys.readouterr().err
    assert 'taxonomy.yaml: "Language" added with the parents of "VisionLanguage" ("AI")' in err
    assert 'taxonomy.yaml: the aliases of "VisionLanguage" ("VL") are removed with it; notes using them are split too' in err
    assert 'taxonomy.yaml: "Captioning" now has the parents "Vision", "Language"' in err


def test_split_check_passes_afterwards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, {"a.md": "---\ntags: [Captioning, VisionLanguage, AI]\n---\n"})
    main(["split", "VisionLanguage", "Vision", "Language", "--in", str(root)])
    capsys.readouterr()
    assert main(["check", "-q", str(root)]) == 0
    assert capsys.readouterr().out == ""


def test_split_of_an_exclusive_member_is_refused_with_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = TAXONOMY + "  Audio: {}\nexclusive:\n  modality: [VisionLanguage, Audio]\n"
    root = _project(tmp_path, {"a.md": "---\ntags: [VisionLanguage]\n---\n"}, taxonomy)
    assert main(["split", "VisionLanguage", "Vision", "Language", "--in", str(root)]) == 2
    assert 'member of the exclusive group "modality"' in capsys.readouterr().err
    assert (root / "a.md").read_text() == "---\ntags: [VisionLanguage]\n---\n"
    assert (root / "taxonomy.yaml").read_text() == taxonomy


def test_split_of_a_replacement_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = TAXONOMY + "  VisLang:\n    deprecated: true\n    replaced_by: VisionLanguage\n"
    root = _project(tmp_path, {}, taxonomy)
    assert main(["split", "VisionLanguage", "Vision", "Language", "--in", str(root)]) == 2
    assert '"VisLang" is replaced_by "VisionLanguage"' in capsys.readouterr().err


def test_split_needs_two_new_tags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, {})
    assert main(["split", "VisionLanguage", "Vision", "--in", str(root)]) == 2
    assert "use `taglint rename`" in capsys.readouterr().err


def test_split_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, {"a.md": "---\ntags: [VisionLanguage]\n---\n"})
    assert main(["split", "VisionLanguage", "Vision", "Language", "--in", str(root), "--diff"]) == 0
    out = capsys.readouterr().out
    assert "+tags: [Vision, Language]\n" in out and "+  Language:\n" in out
    assert (root / "a.md").read_text() == "---\ntags: [VisionLanguage]\n---\n"
    assert (root / "taxonomy.yaml").read_text() == TAXONOMY
