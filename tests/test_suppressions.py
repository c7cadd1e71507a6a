"""Suppressions in notes: the front-matter `taglint` key, HTML comments, per-file-ignores, unused-suppression."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import NLP_LLM

from taglint.lint.check import check_file
from taglint.lint.setup import load_setup
from taglint.parse.notes import parse_note
from taglint.project.config import Config
from taglint.project.setup import Setup
from taglint.rewrite.note import fix_note

TAXONOMY = NLP_LLM


def make_setup(tmp_path: Path, inline: bool = True, **config: object) -> Setup:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    return load_setup(Config(root=str(tmp_path), inline_tags=inline, **config))  # type: ignore[arg-type]


def rules_found(tmp_path: Path, text: str, **config: object) -> list[str]:
    setup = make_setup(tmp_path, **config)
    note = tmp_path / "note.md"
    note.write_text(text, encoding="utf-8")
    return [d.rule for d in check_file(str(note), setup).diagnostics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Without a suppression: the finding is there.
        ("---\ntags: [Nope, NLP]\n---\n", ["unknown-tag"]),
        # Front-matter key, by name and by code, flow and block style.
        ("---\ntaglint: {ignore: [unknown-tag]}\ntags: [Nope, NLP]\n---\n", []),
        ("---\ntaglint:\n  ignore:\n    - TG001\ntags: [Nope, NLP]\n---\n", []),
        ("---\ntaglint: {ignore: unknown-tag}\ntags: [Nope, NLP]\n---\n", []),
        # It silences only the rules it names.
        ("---\ntaglint: {ignore: [unknown-tag]}\ntags: [Nope, LLM, NLP]\n---\n", ["alias-tag"]),
        # HTML comment on the line before an inline tag.
        ("---\ntags: [NLP]\n---\n<!-- taglint: ignore unknown-tag -->\nSee #Nope here.\n", []),
        ("---\ntags: [NLP]\n---\n<!--taglint: ignore alias-tag, unknown-tag-->\n#Nope #LLM\n", []),
        # The comment covers only the next line.
        (
            "---\ntags: [NLP]\n---\n<!-- taglint: ignore unknown-tag -->\n\n#Nope\n",
            ["unused-suppression", "unknown-tag"],
        ),
        # A comment inside fenced code is an example, not a suppression.
        ("---\ntags: [NLP]\n---\n```\n<!-- taglint: ignore unknown-tag -->\n```\n#Nope\n", ["unknown-tag"]),
        # Code is found as inline tags find it: indented code too; a line with a backtick
        # in its info string is no fence, so the comment after it counts.
        ("---\ntags: [NLP]\n---\nIntro\n\n    <!-- taglint: ignore unknown-tag -->\n#Nope\n", ["unknown-tag"]),
        ("---\ntags: [NLP]\n---\n``` a`b\n<!-- taglint: ignore unknown-tag -->\nsee #Nope\n", []),
        # CRLF line endings.
        ("---\r\ntags: [NLP]\r\n---\r\n<!-- taglint: ignore unknown-tag -->\r\n#Nope\r\n", []),
    ],
)
def test_suppression_forms(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert rules_found(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\ntaglint: {ignore: [alias-tag]}\ntags: [NLP]\n---\n",
            'Unused suppression: "alias-tag" finds nothing to suppress in this note',
        ),
        (
            "---\ntags: [NLP]\n---\n<!-- taglint: ignore unknown-tag -->\n#NLP\n",
            'Unused suppression: "unknown-tag" finds nothing to suppress on the next line',
        ),
        ("---\ntaglint: {ignore: [no-such-rule]}\ntags: [NLP]\n---\n", 'Suppression names unknown rule "no-such-rule"'),
        ("---\ntaglint: [unknown-tag]\ntags: [NLP]\n---\n", '"taglint" must be a mapping'),
        ("---\ntaglint: {skip: [unknown-tag]}\ntags: [NLP]\n---\n", '"taglint" knows only the key "ignore"'),
    ],
)
def test_unused_and_malformed_suppressions_are_reported(tmp_path: Path, text: str, message: str) -> None:
    setup = make_setup(tmp_path)
    (tmp_path / "n.md").write_text(text, encoding="utf-8")
    found = check_file(str(tmp_path / "n.md"), setup).diagnostics
    assert [d.code for d in found] == ["TG010"]
    assert found[0].message.startswith(message)


def test_unused_suppression_points_at_the_entry(tmp_path: Path) -> None:
    text = "---\ntaglint: {ignore: [unknown-tag, alias-tag]}\ntags: [Nope]\n---\n"
    setup = make_setup(tmp_path)
    (tmp_path / "n.md").write_text(text, encoding="utf-8")
    (found,) = check_file(str(tmp_path / "n.md"), setup).diagnostics
    assert text[found.span.start : found.span.end] == "alias-tag"


def test_unused_suppression_can_itself_be_suppressed(tmp_path: Path) -> None:
    text = "---\ntaglint: {ignore: [alias-tag, unused-suppression]}\ntags: [NLP]\n---\n"
    assert rules_found(tmp_path, text) == []


def test_suppressing_unused_suppression_without_need_is_unused(tmp_path: Path) -> None:
    text = "---\ntaglint: {ignore: [unused-suppression]}\ntags: [NLP]\n---\n"
    assert rules_found(tmp_path, text) == ["unused-suppression"]


def test_unused_suppression_off_means_plain_filtering(tmp_path: Path) -> None:
    text = "---\ntaglint: {ignore: [alias-tag]}\ntags: [NLP]\n---\n"
    assert rules_found(tmp_path, text, ignore=("unused-suppression",)) == []


def test_suppression_of_a_disabled_rule_is_unused(tmp_path: Path) -> None:
    text = "---\ntaglint: {ignore: [unknown-tag]}\ntags: [Nope]\n---\n"
    assert rules_found(tmp_path, text, ignore=("unknown-tag",)) == ["unused-suppression"]


def test_taglint_key_is_not_a_tag_field(tmp_path: Path) -> None:
    text = "---\ntaglint: {ignore: [alias-tag]}\ntags: [LLM]\n---\n"
    setup = make_setup(tmp_path, tag_fields=("tags", "tag"))
    note = parse_note("n.md", text.encode(), setup.config.tag_fields)
    assert [o.name for o in note.tags] == ["LLM"]


def test_strict_note_schema_allows_the_taglint_key(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    schema = {"type": "object", "properties": {"tags": {"type": "array"}}, "additionalProperties": False}
    (rules / "note.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (rules / "base.yaml").write_text("version: 1\nnote-schema: note.schema.json\n", encoding="utf-8")
    text = "---\ntaglint: {ignore: [unknown-tag]}\ntags: [Nope]\n---\n"
    assert rules_found(tmp_path, text) == []
    assert rules_found(tmp_path, "---\nother: 1\ntags: [NLP]\n---\n") == ["invalid-field"]


def test_per_file_ignores_from_config(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    setup = make_setup(tmp_path, per_file_ignores=(("archive/**", ("unknown-tag",)),))
    for name in ("archive/old.md", "new.md"):
        (tmp_path / name).write_text("---\ntags: [Nope]\n---\n", encoding="utf-8")
    assert check_file(str(tmp_path / "archive/old.md"), setup).diagnostics == ()
    assert [d.rule for d in check_file(str(tmp_path / "new.md"), setup).diagnostics] == ["unknown-tag"]


def test_fix_leaves_suppressed_findings_alone(tmp_path: Path) -> None:
    setup = make_setup(tmp_path)
    text = "---\ntaglint: {ignore: [alias-tag]}\ntags: [LLM, NLP]\n---\n"
    outcome = fix_note(parse_note("n.md", text.encode(), setup.config.tag_fields, True), setup)
    assert outcome.note.text == text
    assert outcome.remaining == []
