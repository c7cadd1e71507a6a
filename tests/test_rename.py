"""taglint rename / remove: notes change only at the tag bytes, the taxonomy keeps its comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from taglint.cli.main import main

TAXONOMY = """\
# The vocabulary (this comment must survive)
version: 1
tags:
  # networks
  NeuralNetwork:
    description: Neural networks  # trailing comment
  Neural:
    description: old name
  # --- Venues ---
  ICLR: {}
  ICML:
    parents: [Neural]
exclusive:
  venue: [ICLR, ICML]
"""

RENAME_CASES = [
    ("flow", "---\ntags: [Neural, NLP]\n---\nbody Neural\n", "---\ntags: [NeuralNetwork, NLP]\n---\nbody Neural\n"),
    ("flow quoted", "---\ntags: ['Neural', \"NLP\"]\n---\n", "---\ntags: ['NeuralNetwork', \"NLP\"]\n---\n"),
    ("block", "---\ntags:\n  - NLP\n  - Neural\n---\n", "---\ntags:\n  - NLP\n  - NeuralNetwork\n---\n"),
    ("comma string", "---\ntags: NLP, Neural\n---\n", "---\ntags: NLP, NeuralNetwork\n---\n"),
    ("space string", "---\ntags: Neural NLP\n---\n", "---\ntags: NeuralNetwork NLP\n---\n"),
    ("case variant", "---\ntags: [neural]\n---\n", "---\ntags: [NeuralNetwork]\n---\n"),
    ("crlf", "---\r\ntitle: x\r\ntags:\r\n  - Neural\r\n---\r\n", "---\r\ntitle: x\r\ntags:\r\n  - NeuralNetwork\r\n---\r\n"),
    ("merge flow", "---\ntags: [Neural, NLP, NeuralNetwork]\n---\n", "---\ntags: [NLP, NeuralNetwork]\n---\n"),
    ("merge block", "---\ntags:\n  - NeuralNetwork\n  - Neural\n  - NLP\n---\n", "---\ntags:\n  - NeuralNetwork\n  - NLP\n---\n"),
    ("merge repeated", "---\ntags: [Neural, Neural, NLP]\n---\n", "---\ntags: [NeuralNetwork, NLP]\n---\n"),
    ("untouched", "---\ntags: [NLP]\n---\nNeural\n", "---\ntags: [NLP]\n---\nNeural\n"),
]


def _project(tmp_path: Path, notes: dict[str, bytes], config: str = "") -> Path:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    if config:
        (tmp_path / "taglint.toml").write_text(config)
    for name, data in notes.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


@pytest.mark.parametrize("label, before, after", RENAME_CASES, ids=[c[0] for c in RENAME_CASES])
def test_rename_changes_only_tag_bytes(tmp_path: Path, label: str, before: str, after: str) -> None:
    root = _project(tmp_path, {"note.md": before.encode()})
    assert main(["rename", "Neural", "NeuralNetwork", str(root)]) == 0
    assert (root / "note.md").read_bytes() == after.encode()


def test_rename_keeps_bom(tmp_path: Path) -> None:
    root = _project(tmp_path, {"note.md": b"\xef\xbb\xbf---\ntags: [Neural]\n---\n"})
    main(["rename", "Neural", "NeuralNetwork", str(root)])
    assert (root / "note.md").read_bytes() == b"\xef\xbb\xbf---\ntags: [NeuralNetwork]\n---\n"


def test_rename_inline_tags(tmp_path: Path) -> None:
    root = _project(tmp_path, {"note.md": b"---\ntitle: t\n---\nSee #Neural and `#Neural` here.\n"}, "inline-tags = true\n")
    main(["rename", "Neural", "NeuralNetwork", str(root)])
    assert (root / "note.md").read_text() == "---\ntitle: t\n---\nSee #NeuralNetwork and `#Neural` here.\n"


def test_merge_makes_old_an_alias_and_keeps_comments(tmp_path: Path) -> None:
    root = _project(tmp_path, {})
    main(["rename", "Neural", "NeuralNetwork", str(root)])
    text = (root / "taxonomy.yaml").read_text()
    assert text == (
        "# The vocabulary (this comment must survive)\n"
        "version: 1\n"
        "tags:\n"
        "  # networks\n"
        "  NeuralNetwork:\n"
        "    description: Neural networks  # trailing comment\n"
        "    aliases: [Neural]\n"
        "  # --- Venues ---\n"
        "  ICLR: {}\n"
        "  ICML:\n"
        "    parents: [NeuralNetwork]\n"
        "exclusive:\n"
        "  venue: [ICLR, ICML]\n"
    )


def test_merge_drop_alias(tmp_path: Path) -> None:
    root = _project(tmp_path, {})
    main(["rename", "Neural", "NeuralNetwork", "--drop-alias", str(root)])
    assert "aliases" not in (root / "taxonomy.yaml").read_text()


def test_plain_rename_keeps_position(tmp_path: Path) -> None:
    root = _project(tmp_path, {})
    main(["rename", "ICML", "ICMLConf", str(root)])
    text = (root / "taxonomy.yaml").read_text()
    assert "  ICMLConf:\n    parents: [Neural]\n    aliases: [ICML]\n" in text
    assert "venue: [ICLR, ICMLConf]" in text


def test_remove_from_notes_and_taxonomy(tmp_path: Path) -> None:
    root = _project(tmp_path, {"a.md": b"---\ntags: [NLP, Neural, X]\n---\n", "b.md": b"---\ntags:\n  - Neural\n  - NLP\n---\n"})
    assert main(["remove", "Neural", str(root)]) == 0
    assert (root / "a.md").read_bytes() == b"---\ntags: [NLP, X]\n---\n"
    assert (root / "b.md").read_bytes() == b"---\ntags:\n  - NLP\n---\n"
    text = (root / "taxonomy.yaml").read_text()
    assert "\n  Neural:\n" not in text and "  ICML: {}\n" in text  # its only parent went with it
    assert "# --- Venues ---" in text


def test_remove_replace_with(tmp_path: Path) -> None:
    root = _project(tmp_path, {"a.md": b"---\ntags: [Neural, NLP]\n---\n"})
    main(["remove", "Neural", "--replace-with", "NeuralNetwork", str(root)])
    assert (root / "a.md").read_bytes() == b"---\ntags: [NeuralNetwork, NLP]\n---\n"
    assert "aliases" not in (root / "taxonomy.yaml").read_text()


@pytest.mark.parametrize("flag", ["--dry-run", "--diff"])
def test_preview_writes_nothing(tmp_path: Path, flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, {"a.md": b"---\ntags: [Neural]\n---\n"})
    assert main(["rename", "Neural", "NeuralNetwork", flag, str(root)]) == 0
    assert (root / "a.md").read_bytes() == b"---\ntags: [Neural]\n---\n"
    assert (root / "taxonomy.yaml").read_text() == TAXONOMY
    out = capsys.readouterr().out
    assert ("+tags: [NeuralNetwork]" in out) if flag == "--diff" else ("1 change" in out)


def test_rename_to_an_alias_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path, {})
    (root / "taxonomy.yaml").write_text(TAXONOMY.replace("description: old name", "aliases: [Old]"))
    assert main(["rename", "ICML", "Old", str(root)]) == 2
