"""taglint graph: DOT, Mermaid and JSON exports of the taxonomy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from taglint.cli.main import main

TAXONOMY = 'version: 1\ntags:\n  Article: {}\n  Blog:\n    parents: [Article]\n  "Say \\"hi\\"": {}\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "a.md").write_text("---\ntags: [Blog]\n---\n")
    return tmp_path


def _run(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["graph", str(project), "--taxonomy", str(project / "taxonomy.yaml"), *args]) == 0
    return capsys.readouterr().out


def test_mermaid(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(project, capsys, "--format", "mermaid")
    assert out == 'graph BT\n  t0["Article (1)"]\n  t1["Blog (1)"]\n  t2["Say #quot;hi#quot; (0)"]\n  t1 --> t0\n'


def test_dot(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(project, capsys, "--format", "dot")
    assert '  "Blog" -> "Article";' in out and '"Say \\"hi\\"" [label="Say \\"hi\\" (0)"];' in out


def test_json_root(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_run(project, capsys, "--format", "json", "--root", "Article"))
    assert [n["id"] for n in data["nodes"]] == ["Article", "Blog"]
    assert data["edges"] == [{"source": "Blog", "target": "Article"}]


def test_graph_takes_the_collection_paths_like_tags_and_tree(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    assert main(["graph", ".", "--format", "mermaid"]) == 0
    assert '  t1["Blog (1)"]' in capsys.readouterr().out


def test_graph_counts_the_current_directory_by_default(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    assert main(["graph", "--format", "mermaid"]) == 0
    assert '  t0["Article (1)"]' in capsys.readouterr().out


def test_graph_notes_option_still_works_but_is_deprecated(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "--taxonomy", str(project / "taxonomy.yaml"), "--notes", str(project), "--format", "mermaid"]) == 0
    captured = capsys.readouterr()
    assert '  t1["Blog (1)"]' in captured.out
    assert "deprecated" in captured.err and "PATHS" in captured.err


def test_a_format_given_as_a_path_says_where_the_format_goes(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    assert main(["graph", "mermaid"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "Error: path 'mermaid' does not exist (for the output format, use --format mermaid)"
