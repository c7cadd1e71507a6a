"""The JSON output contract of `taglint check --output-format json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import notes_project, research_taxonomy, write_file

from taglint.cli.main import main

TAXONOMY = research_taxonomy()

KEYS = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "fix"}
FIX_KEYS = {"applicability", "message", "edits"}
EDIT_KEYS = {"start", "end", "content"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return notes_project(tmp_path, monkeypatch, TAXONOMY)


def check_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]], str]:
    code = main(["check", "--output-format", "json", *argv])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_every_item_has_exactly_the_contract_keys(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(
        project / "notes" / "a.md", "---\ntags: [MultiModel, MulltiModal, Neural, NLP, NLP, ACL, EMNLP, LanguageModel, Zebra]\n---\n"
    )
    write_file(project / "notes" / "b.md", "---\ntitle: a: b\n---\n")
    write_file(project / "notes" / "c.md", "---\ntags:\n  - LanguageModel\n---\n")
    code, items, _ = check_json(capsys, "notes")
    assert code == 1
    assert isinstance(items, list) and len(items) == 8
    for item in items:
        assert set(item) == KEYS
        assert isinstance(item["path"], str)
        for key in ("line", "column", "end_line", "end_column"):
            assert isinstance(item[key], int) and item[key] >= 1
        assert (item["end_line"], item["end_column"]) >= (item["line"], item["column"])
        assert item["severity"] in ("error", "warning")
        assert isinstance(item["code"], str) and isinstance(item["rule"], str) and isinstance(item["message"], str)
        fix = item["fix"]
        if fix is not None:
            assert set(fix) == FIX_KEYS
            assert fix["applicability"] in ("safe", "unsafe")
            assert isinstance(fix["message"], str) and fix["edits"]
            for edit in fix["edits"]:
                assert set(edit) == EDIT_KEYS
                assert set(edit["start"]) == {"line", "column"} and set(edit["end"]) == {"line", "column"}
                assert isinstance(edit["content"], str)
    assert {i["rule"] for i in items} == {
        "unknown-tag",
        "alias-tag",
        "deprecated-tag",
        "duplicate-tag",
        "conflicting-tags",
        "missing-parent",
        "parse-error",
    }


def test_exact_item_for_an_unknown_tag(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", "---\ntitle: A\ntags: [NLP, MultiModel]\n---\n")
    _, items, _ = check_json(capsys, "notes")
    assert items == [
        {
            "path": "notes/a.md",
            "line": 3,
            "column": 13,
            "end_line": 3,
            "end_column": 23,
            "code": "TG001",
            "rule": "unknown-tag",
            "severity": "error",
            "message": 'Unknown tag "MultiModel"; did you mean "MultiModal"?',
            "fix": {
                "applicability": "unsafe",
                "message": 'Replace with "MultiModal"',
                "edits": [{"start": {"line": 3, "column": 13}, "end": {"line": 3, "column": 23}, "content": "MultiModal"}],
            },
        }
    ]


def test_removal_fix_spans_lines(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", "---\ntags:\n  - NLP\n  - NLP\n---\n")
    _, items, _ = check_json(capsys, "notes")
    (item,) = items
    assert (item["rule"], item["severity"], item["line"], item["column"]) == ("duplicate-tag", "error", 4, 5)
    assert item["fix"]["applicability"] == "safe"
    assert item["fix"]["edits"] == [{"start": {"line": 4, "column": 1}, "end": {"line": 5, "column": 1}, "content": ""}]


def test_warning_severity_and_null_fix(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", "---\ntags: [ACL, EMNLP, Neural]\n---\n")
    code, items, _ = check_json(capsys, "notes")
    assert code == 1
    assert [(i["rule"], i["severity"], i["fix"] is None) for i in items] == [
        ("conflicting-tags", "error", True),
        ("deprecated-tag", "warning", False),
    ]


def test_positions_are_characters_after_bom_and_crlf(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", "\ufeff---\r\ntitle: Über 🎉\r\ntags: [Straße, MulltiModal]\r\n---\r\n")
    _, items, _ = check_json(capsys, "--select", "alias-tag", "notes")
    (item,) = items
    assert (item["line"], item["column"], item["end_line"], item["end_column"]) == (3, 16, 3, 27)


def test_clean_run_is_an_empty_array_and_exit_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", "---\ntags: [NLP]\n---\n")
    code, items, _ = check_json(capsys, "notes")
    assert (code, items) == (0, [])


def test_stdout_is_nothing_but_the_json_document(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", "---\ntags: [Zebra]\n---\n")
    code = main(["check", "--output-format", "json", "notes"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("[") and out.endswith("]\n")
    assert len(json.loads(out)) == 1


def test_non_ascii_is_written_as_is(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "a.md", "---\ntags: [Straße]\n---\n")
    main(["check", "--output-format", "json", "-q", "notes"])
    out = capsys.readouterr().out
    assert "Straße" in out
    assert json.loads(out)[0]["message"].startswith('Unknown tag "Straße"')


def test_items_follow_file_then_position_order(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "notes" / "b.md", "---\ntags: [Zebra, Yak]\n---\n")
    write_file(project / "notes" / "a.md", "---\ntags: [Xeno]\n---\n")
    _, items, _ = check_json(capsys, "notes")
    assert [(i["path"], i["line"], i["column"]) for i in items] == [("notes/a.md", 2, 8), ("notes/b.md", 2, 8), ("notes/b.md", 2, 15)]
