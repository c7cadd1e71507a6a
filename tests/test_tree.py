"""taglint tree: indented hierarchy with rolled-up usage counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from taglint.cli.main import main

TAXONOMY = """\
version: 1
tags:
  Article: {}
  Blog:
    parents: [Article]
    aliases: [Post]
  Slide:
    parents: [Article]
  NLP: {}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "a.md").write_text("---\ntags: [Post]\n---\n")
    (tmp_path / "b.md").write_text("---\ntags: [Slide, Article]\n---\n")
    (tmp_path / "c.md").write_text("---\ntags: [NLP]\n---\n")
    return tmp_path


def test_tree_counts_descendants(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tree", str(project)]) == 0
    assert capsys.readouterr().out == "Article (2)\n  Blog (1) aka Post\n  Slide (1)\nNLP (1)\n"


def test_tree_root(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["tree", str(project), "--root", "Blog"])
    assert capsys.readouterr().out == "Blog (1) aka Post\n"


def test_tree_unknown_root(project: Path) -> None:
    assert main(["tree", str(project), "--root", "Nope"]) == 2
