"""Taxonomy quality checks TG101-TG106, located in taxonomy.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from taglint.checks.taxonomy import hugo_slug, jekyll_slug, lint_static, lint_usage
from taglint.cli.main import main
from taglint.files.text import LineIndex
from taglint.project.taxonomy import load_taxonomy


def _static(text: str) -> list[tuple[str, int, str]]:
    lines = LineIndex(text)
    return [
        (d.rule, lines.position(d.span.start)[0], text[d.span.start : d.span.end]) for d in lint_static(load_taxonomy("t.yaml", text), text)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "tags:\n  A: {description: a}\n  B: {description: b, parents: [A]}\n  C:\n    description: c\n    parents: [B, A]\n",
            [("redundant-parent", 6, "A")],
        ),
        ("tags:\n  A: {description: a}\n  B: {}\n", [("missing-description", 3, "B")]),
        ("tags:\n  A: {description: a}\n  B: {description: b, parents: [A]}\nexclusive:\n  g: [A, B]\n", [("exclusive-hierarchy", 5, "B")]),
        ("tags:\n  AI Detector: {description: a}\n  AI-Detector: {description: b}\n", [("slug-collision", 3, "AI-Detector")]),
        ("tags:\n  Old: {deprecated: true}\n  A: {description: a}\n", []),
    ],
    ids=["redundant-parent", "missing-description", "exclusive-hierarchy", "slug-collision", "clean"],
)
def test_static_lints(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert _static(text) == expected


def test_usage_lints() -> None:
    text = "tags:\n  A:\n    description: a\n    aliases: [AA, Ay]\n  B: {description: b}\n"
    found = lint_usage(load_taxonomy("t.yaml", text), text, {"aa"})
    assert [(d.code, d.rule, d.message) for d in found] == [
        ("TG104", "unused-alias", 'alias "Ay" of "A" is never used in the notes'),
        ("TG103", "unused-tag", 'no note uses "B" (nor any of its aliases)'),
    ]


@pytest.mark.parametrize(
    "name, jekyll, hugo", [("Selected Papers/Blogs", "selected-papers-blogs", "selected-papers/blogs"), ("C++", "c", "c++")]
)
def test_slugs(name: str, jekyll: str, hugo: str) -> None:
    assert (jekyll_slug(name), hugo_slug(name)) == (jekyll, hugo)


def test_check_reports_taxonomy_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text(
        "tags:\n  A: {description: a}\n  B: {description: b, parents: [A]}\n  C: {description: c, parents: [A, B]}\n"
    )
    (tmp_path / "n.md").write_text("---\ntags: [A]\n---\n")
    assert main(["check", str(tmp_path)]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "taxonomy.yaml:4:33: TG101 redundant-parent" in out
    assert "unused-tag" not in out  # needs the notes scan of `taglint taxonomy check`


def test_check_reports_missing_descriptions_only_when_selected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A fresh `taglint init` taxonomy has no descriptions: one warning per tag on every check would bury the rest.
    (tmp_path / "taxonomy.yaml").write_text("tags:\n  A: {description: a}\n  B: {}\n")
    (tmp_path / "n.md").write_text("---\ntags: [A]\n---\n")
    assert main(["check", str(tmp_path)]) == 0
    assert "missing-description" not in capsys.readouterr().out
    assert main(["check", str(tmp_path), "--select", "TG102"]) == 0
    assert "taxonomy.yaml:3:3: TG102 missing-description" in capsys.readouterr().out


def test_taxonomy_check_includes_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text("tags:\n  A: {description: a}\n  B: {description: b}\n")
    (tmp_path / "n.md").write_text("---\ntags: [A]\n---\n")
    assert main(["taxonomy", "check", str(tmp_path)]) == 0
    assert 'TG103 unused-tag no note uses "B"' in capsys.readouterr().out


def test_bundled_taxonomy_is_clean_for_check(repo: Path) -> None:
    text = (repo / "taxonomy.yaml").read_text(encoding="utf-8")
    assert lint_static(load_taxonomy("taxonomy.yaml", text), text) == []
