"""`taglint check --add-ignore`: suppress every current finding with byte-minimal edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import NLP_LLM_DESCRIBED

from taglint.cli.main import main

TAXONOMY = NLP_LLM_DESCRIBED


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    (tmp_path / "taglint.toml").write_text("inline-tags = true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # No taglint key yet: one line appended to the front matter.
        (
            "---\ntitle: A\ntags: [Nope, NLP]\n---\nBody\n",
            "---\ntitle: A\ntags: [Nope, NLP]\ntaglint: {ignore: [unknown-tag]}\n---\nBody\n",
        ),
        # CRLF kept.
        ("---\r\ntags: [Nope, NLP]\r\n---\r\n", "---\r\ntags: [Nope, NLP]\r\ntaglint: {ignore: [unknown-tag]}\r\n---\r\n"),
        # Extending a flow list, a block list, a single value.
        ("---\ntaglint: {ignore: [duplicate-tag]}\ntags: [Nope, NLP, NLP]\n---\n", None),
        (
            "---\ntaglint: {ignore: [alias-tag]}\ntags: [Nope, LLM, NLP]\n---\n",
            "---\ntaglint: {ignore: [alias-tag, unknown-tag]}\ntags: [Nope, LLM, NLP]\n---\n",
        ),
        (
            "---\ntaglint:\n  ignore:\n    - alias-tag\ntags: [Nope, LLM, NLP]\n---\n",
            "---\ntaglint:\n  ignore:\n    - alias-tag\n    - unknown-tag\ntags: [Nope, LLM, NLP]\n---\n",
        ),
        (
            "---\ntaglint: {ignore: alias-tag}\ntags: [Nope, LLM, NLP]\n---\n",
            "---\ntaglint: {ignore: [alias-tag, unknown-tag]}\ntags: [Nope, LLM, NLP]\n---\n",
        ),
        # Inline tags: an HTML comment on the line before, keeping the indent.
        (
            "---\ntags: [NLP]\n---\nText\n  see #Nope\n",
            "---\ntags: [NLP]\n---\nText\n  <!-- taglint: ignore unknown-tag -->\n  see #Nope\n",
        ),
        # An existing comment on the line before is extended, not doubled.
        (
            "---\ntags: [NLP]\n---\n<!-- taglint: ignore alias-tag -->\n#LLM #Nope\n",
            "---\ntags: [NLP]\n---\n<!-- taglint: ignore alias-tag unknown-tag -->\n#LLM #Nope\n",
        ),
        # Code is code as CommonMark reads it: no comment goes into a fence under a list item,
        # and a line with a backtick in its info string opens no fence.
        (
            "---\ntags: [NLP]\n---\n- a\n    ```\n    #Nope\n    ```\n  after #Nope\n",
            "---\ntags: [NLP]\n---\n- a\n    ```\n    #Nope\n    ```\n  <!-- taglint: ignore unknown-tag -->\n  after #Nope\n",
        ),
        (
            "---\ntags: [NLP]\n---\n``` a`b\nsee #Nope\n",
            "---\ntags: [NLP]\n---\n``` a`b\n<!-- taglint: ignore unknown-tag -->\nsee #Nope\n",
        ),
        # No front matter at all: a block is created for the note-wide finding.
        ("Just text #LanguageModel\n", "<!-- taglint: ignore missing-parent -->\nJust text #LanguageModel\n"),
    ],
)
def test_add_ignore_edits(root: Path, capsys: pytest.CaptureFixture[str], before: str, after: str | None) -> None:
    note = root / "note.md"
    note.write_bytes(before.encode())
    assert main(["check", "--add-ignore", "note.md"]) == 0
    written = note.read_bytes().decode()
    if after is not None:
        assert written == after
    capsys.readouterr()
    # Afterwards the note is clean: every finding suppressed, no suppression unused.
    assert main(["check", "note.md", "--fail-on", "warning"]) == 0, capsys.readouterr().out


def test_add_ignore_creates_front_matter_for_note_wide_findings(root: Path) -> None:
    (root / "rules").mkdir()
    (root / "rules" / "base.yaml").write_text("version: 1\nrequired-fields: [title]\n", encoding="utf-8")
    note = root / "note.md"
    note.write_text("No front matter here.\n", encoding="utf-8")
    assert main(["check", "--add-ignore", "note.md"]) == 0
    assert note.read_text(encoding="utf-8") == "---\ntaglint: {ignore: [missing-field]}\n---\nNo front matter here.\n"
    assert main(["check", "note.md"]) == 0


def test_add_ignore_reports_counts_and_leaves_clean_notes_alone(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "a.md").write_text("---\ntags: [Nope, LLM, NLP]\n---\n", encoding="utf-8")
    (root / "clean.md").write_bytes(b"---\ntags: [NLP]\n---\n")
    assert main(["check", "--add-ignore"]) == 0
    out = capsys.readouterr().out
    assert "a.md: added 2 suppressions" in out
    assert out.rstrip().endswith("Added 2 suppressions to 1 file.")
    assert (root / "clean.md").read_bytes() == b"---\ntags: [NLP]\n---\n"


def test_add_ignore_refuses_a_malformed_taglint_key(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "---\ntaglint: [alias-tag]\ntags: [Nope]\n---\n"
    (root / "a.md").write_text(text, encoding="utf-8")
    assert main(["check", "--add-ignore", "a.md"]) == 1
    assert "not a mapping" in capsys.readouterr().err
    assert (root / "a.md").read_text(encoding="utf-8") == text


def test_add_ignore_keeps_bom(root: Path) -> None:
    (root / "a.md").write_bytes(b"\xef\xbb\xbf---\ntags: [Nope]\n---\n")
    assert main(["check", "--add-ignore", "a.md"]) == 0
    assert (root / "a.md").read_bytes() == b"\xef\xbb\xbf---\ntags: [Nope]\ntaglint: {ignore: [unknown-tag]}\n---\n"
