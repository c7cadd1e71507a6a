"""taglint rename / remove: notes change only at the tag bytes, the taxonomy keeps its comments."""

from __future__ import annotations

import os
import subprocess
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


# --- case-only renames, exclusive groups, what changed ------------------------

CASELESS = """\
version: 1
tags:
  NLP: {}
  project/beta:
    parents: [NLP]
  ACL: {}
  EMNLP: {}
  NeurIPS: {}
exclusive:
  venue: [ACL, EMNLP]
"""


@pytest.mark.parametrize(
    ("old", "new", "note_before", "note_after"),
    [
        ("NLP", "nlp", "---\ntags: [NLP, Nlp]\n---\n", "---\ntags: [nlp]\n---\n"),
        ("project/beta", "Project/Beta", "---\ntags:\n  - project/beta\n  - NLP\n---\n", "---\ntags:\n  - Project/Beta\n  - NLP\n---\n"),
    ],
)
def test_case_only_rename_in_a_case_insensitive_taxonomy(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    note_before: str,
    note_after: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taxonomy.yaml").write_text(CASELESS)
    (tmp_path / "a.md").write_text(note_before)
    assert main(["rename", old, new, str(tmp_path)]) == 0
    assert (tmp_path / "a.md").read_text() == note_after
    text = (tmp_path / "taxonomy.yaml").read_text()
    assert f"  {new}:" in text and f"  {old}:" not in text and "aliases" not in text
    assert "not kept as an alias" in capsys.readouterr().err
    assert main(["check", "-q", str(tmp_path)]) == 0


def test_case_only_rename_in_a_case_sensitive_taxonomy_keeps_the_alias(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(CASELESS.replace("version: 1\n", "version: 1\ncase_sensitive: true\n"))
    (tmp_path / "a.md").write_text("---\ntags: [NLP]\n---\n")
    assert main(["rename", "NLP", "nlp", str(tmp_path)]) == 0
    assert (tmp_path / "a.md").read_text() == "---\ntags: [nlp]\n---\n"
    assert "  nlp:\n    aliases: [NLP]\n" in (tmp_path / "taxonomy.yaml").read_text()


def test_merge_into_a_group_member_keeps_the_group_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taxonomy.yaml").write_text(CASELESS)
    (tmp_path / "a.md").write_text("---\ntags: [ACL, EMNLP]\n---\n")
    assert main(["rename", "ACL", "EMNLP", str(tmp_path)]) == 0
    assert (tmp_path / "a.md").read_text() == "---\ntags: [EMNLP]\n---\n"
    assert "exclusive:\n  venue: [EMNLP]\n" in (tmp_path / "taxonomy.yaml").read_text()
    err = capsys.readouterr().err.splitlines()
    assert 'taxonomy.yaml: exclusive group "venue": "ACL" merged into "EMNLP", already a member' in err
    assert 'taxonomy.yaml: exclusive group "venue" now holds only "EMNLP": it excludes nothing until another tag joins it' in err


def test_a_kept_group_of_one_still_serves_rule_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text(CASELESS)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "venues.yaml").write_text(
        "version: 1\ncustom:\n  - id: venue-needs-url\n    message: A venue note needs a url\n    when:\n      tags: {any: ['@venue']}\n    require-fields: [url]\n"
    )
    (tmp_path / "a.md").write_text("---\ntags: [ACL]\n---\n")
    main(["rename", "ACL", "EMNLP", str(tmp_path)])
    capsys.readouterr()
    assert main(["check", "-q", str(tmp_path / "a.md")]) == 1
    assert "venue-needs-url" in capsys.readouterr().out


def test_merge_in_a_larger_group_drops_the_member(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taxonomy.yaml").write_text(CASELESS.replace("venue: [ACL, EMNLP]", "venue: [ACL, EMNLP, NeurIPS]"))
    assert main(["rename", "ACL", "EMNLP", str(tmp_path)]) == 0
    assert "venue: [EMNLP, NeurIPS]" in (tmp_path / "taxonomy.yaml").read_text()
    err = capsys.readouterr().err
    assert '"ACL" merged into "EMNLP", already a member' in err and "now holds only" not in err


def test_remove_a_group_member_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taxonomy.yaml").write_text(CASELESS)
    assert main(["remove", "ACL", str(tmp_path)]) == 0
    assert "venue: [EMNLP]" in (tmp_path / "taxonomy.yaml").read_text()
    assert 'taxonomy.yaml: exclusive group "venue": "ACL" removed' in capsys.readouterr().err.splitlines()


def test_merge_reports_moved_aliases_and_parents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taxonomy.yaml").write_text(CASELESS.replace("  ACL: {}\n", "  ACL:\n    aliases: [ACL2]\n    parents: [NLP]\n"))
    assert main(["rename", "ACL", "NeurIPS", str(tmp_path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert 'taxonomy.yaml: the aliases of "ACL" ("ACL2") are now aliases of "NeurIPS"' in err
    assert 'taxonomy.yaml: "NeurIPS" gains the parents of "ACL": "NLP"' in err


# --- --diff patches that git applies ------------------------------------------


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", HOME=str(root))
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("command", "where"),
    [
        (["rename", "ICML", "ICMLConf"], "."),
        (["rename", "Neural", "NeuralNetwork"], "notes"),  # from a subdirectory: headers stay repository-relative
        (["remove", "ICLR"], "."),
        (["split", "Neural", "NeuralNet", "Old"], "."),
    ],
)
def test_diff_is_a_patch_git_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str], where: str
) -> None:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_bytes(b"\xef\xbb\xbf---\ntags: [Neural, ICML]\n---\n")
    (tmp_path / "notes" / "b.md").write_bytes(b"---\r\ntags:\r\n  - ICLR\r\n  - Neural\r\n---\r\n")
    assert _git(tmp_path, "init", "-q").returncode == 0
    monkeypatch.chdir(tmp_path / where)
    assert main([*command, "--diff"]) == 0
    patch = capsys.readouterr().out
    headers = [line for line in patch.splitlines() if line.startswith(("--- ", "+++ "))]
    assert "--- a/taxonomy.yaml" in headers and any(h.startswith("--- a/notes/") for h in headers)
    assert all(h[4:6] in ("a/", "b/") and not h[6:].startswith(("/", "..")) for h in headers)
    (tmp_path / "change.diff").write_text(patch, newline="")
    applied = _git(tmp_path, "apply", "--check", "change.diff")
    assert applied.returncode == 0, applied.stderr
    assert _git(tmp_path, "apply", "change.diff").returncode == 0
    assert (tmp_path / "notes" / "a.md").read_bytes().startswith(b"\xef\xbb\xbf---\n")
