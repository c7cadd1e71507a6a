"""taglint tags / stats: the usage table in text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from taglint.cli.main import main

TAXONOMY = "version: 1\ntags:\n  NLP:\n    aliases: [NaturalLanguage]\n  Old:\n    deprecated: true\n    replaced_by: NLP\n  Unused: {}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "a.md").write_text("---\ndate: 2021-03-04\ntags: [NLP, NaturalLanguage]\n---\n")
    (tmp_path / "b.md").write_text("---\ndate: 2023-01-02\ntags: [NLP, Old, NLPP]\n---\n")
    return tmp_path


def _json(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["tags", str(project), "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_counts_status_and_dates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["tag"]: r for r in _json(project, capsys)}
    assert (rows["NLP"]["count"], rows["NLP"]["status"], rows["NLP"]["first"], rows["NLP"]["last"]) == (
        2,
        "canonical",
        "2021-03-04",
        "2023-01-02",
    )
    assert (rows["NaturalLanguage"]["status"], rows["NaturalLanguage"]["canonical"]) == ("alias", "NLP")
    assert rows["Old"]["status"] == "deprecated"


def test_singleton_unknown_is_likely_typo(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["tag"]: r for r in _json(project, capsys)}
    assert rows["NLPP"]["status"] == "unknown"
    assert rows["NLPP"]["note"] == 'likely typo (did you mean "NLP"?)'


def test_unused_lists_canonical_tags_without_notes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert [r["tag"] for r in _json(project, capsys, "--unused")] == ["Unused"]


def test_csv_and_stats_alias(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(project), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["tag"] == "NLP" and rows[0]["count"] == "2"


def test_text_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["tags", str(project)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["tag", "count", "status", "first", "last", "note"]
    assert any(line.startswith("Old") and line.endswith("-> NLP") for line in lines)


def test_a_collection_without_tags_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "a.md").write_text("---\ntitle: no tags yet\n---\n")
    assert main(["tags", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"No tags in use: 1 note under {tmp_path}, none with a tag.\n"


def test_unused_when_every_tag_is_used_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text("version: 1\ntags:\n  NLP: {}\n")
    (tmp_path / "a.md").write_text("---\ntags: [NLP]\n---\n")
    (tmp_path / "b.md").write_text("---\ntags: [NLP]\n---\n")
    assert main(["tags", "--unused", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"Every canonical tag is used (2 notes under {tmp_path}).\n"


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_formats_of_an_empty_table_stay_parseable(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    assert main(["tags", str(tmp_path), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out == ("[]\n" if fmt == "json" else "tag,count,status,canonical,first,last,note\n")
