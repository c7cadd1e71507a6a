"""variant-tag (TG011): `taglint check` in a collection with no taxonomy checks the spellings against each other."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from taglint.checks import variant_tag
from taglint.cli.main import main


def _notes(root: Path, *tag_lists: str) -> None:
    for index, tags in enumerate(tag_lists):
        (root / f"n{index:03d}.md").write_text(f"---\ntitle: Note {index}\ntags: [{tags}]\n---\n")


def test_docstring_example_is_what_check_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The example block: one line per kind of note, "# on N notes" says how many.
    block = variant_tag.__doc__.split("**Example.**", 1)[1].split("reports", 1)[0]  # type: ignore[union-attr]
    lists = []
    for tags, count in re.findall(r"tags: \[(.*?)\]\s+# on (\d+) notes", block):
        lists += [tags] * int(count)
    assert len(lists) == 15
    _notes(tmp_path, *lists)
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0  # warnings only
    out = capsys.readouterr().out
    found = [line for line in out.splitlines() if "TG011" in line]
    assert len(found) == 3
    assert all('"Postgres" (3 notes) and "postgresql" (12 notes) look like one tag' in line for line in found)


def test_readme_line_is_real(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"notes/db.md:3:8: (TG011 .*)", readme)
    assert shown is not None
    notes = tmp_path / "notes"
    notes.mkdir()
    _notes(notes, *["postgresql"] * 12, "Postgres, performance", "Postgres")
    (notes / "db.md").write_text("---\ntitle: db\ntags: [Postgres]\n---\n")
    monkeypatch.chdir(tmp_path)
    main(["check", "notes"])
    assert f"notes/db.md:3:8: {shown.group(1)}" in capsys.readouterr().out


def test_no_taxonomy_check_reports_duplicates_missing_fields_and_ends_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.yaml").write_text("version: 1\nrequired-fields: [title, tags]\n")
    (tmp_path / "a.md").write_text("---\ntitle: A\ntags: [NLP, nlp]\n---\n")
    (tmp_path / "b.md").write_text("---\ntags: [NLP]\n---\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert 'a.md:3:13: TG004 duplicate-tag [*] "nlp" duplicates "NLP"' in out
    assert 'b.md:1:1: TG007 missing-field Missing required field "title"' in out
    assert "TG001" not in out  # with no taxonomy every tag would be unknown
    assert (
        out.rstrip()
        .splitlines()[-1]
        .startswith("No taxonomy (taxonomy.yaml does not exist): checked the spellings against each other. Run `taglint init`")
    )


def test_no_taxonomy_check_exits_zero_on_warnings_and_one_with_fail_on_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _notes(tmp_path, "yaml", "yaml", "yml")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q"]) == 0
    assert main(["check", "-q", "--fail-on", "warning"]) == 1


def test_variant_tag_can_be_deselected(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _notes(tmp_path, "yaml", "yaml", "yml")
    monkeypatch.chdir(tmp_path)
    main(["check", "--ignore", "variant-tag", "--output-format", "json", "-q"])
    assert json.loads(capsys.readouterr().out) == []


def test_weaker_pairs_are_listed_after_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in range(5):
        (tmp_path / f"old{day}.md").write_text(f"---\ndate: 2018-01-0{day + 1}\ntags: [Neural]\n---\n")
        (tmp_path / f"new{day}.md").write_text(f"---\ndate: 2024-01-0{day + 1}\ntags: [NeuralNetwork]\n---\n")
    (tmp_path / "new9.md").write_text("---\ndate: 2024-01-09\ntags: [NeuralNetwork]\n---\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "TG011" not in out
    assert (
        '1 more pair of spellings may be one tag (weaker evidence, not reported above):\n  "Neural" (5 notes) and "NeuralNetwork" (6 notes): "Neural" is the first word of "NeuralNetwork"'
        in out
    )


def test_a_json_report_keeps_the_closing_lines_out_of_the_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _notes(tmp_path, "yaml", "yaml", "yml")
    monkeypatch.chdir(tmp_path)
    main(["check", "--output-format", "json"])
    captured = capsys.readouterr()
    assert [item["code"] for item in json.loads(captured.out)] == ["TG011"]
    assert "Run `taglint init`" in captured.err


def test_fix_without_a_taxonomy_removes_duplicates_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("---\ntags: [yml, NLP, nlp]\n---\n")
    (tmp_path / "b.md").write_text("---\ntags: [yaml]\n---\n")
    (tmp_path / "c.md").write_text("---\ntags: [yaml]\n---\n")
    monkeypatch.chdir(tmp_path)
    assert main(["fix"]) == 1  # a file changed
    assert (tmp_path / "a.md").read_text() == "---\ntags: [yml, NLP]\n---\n"


def test_bundled_example_without_its_taxonomy_reports_its_variant_groups(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(repo / "examples" / "paper-notes", tmp_path / "paper-notes")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "paper-notes"]) == 1  # the duplicates
    out = capsys.readouterr().out
    variants = set(re.findall(r'TG011 variant-tag "([^"]+)" \(\d+ notes?\) and "([^"]+)"', out))
    # A misspelling and the renames whose dates show one spelling retired for the other (taglint/tools/infer/renames.py).
    assert variants == {
        ("MulltiModal", "MultiModal"),
        ("Neural", "NeuralNetwork"),
        ("Efficiency/SpeedUp", "EfficiencyImprovement"),
        ("CoT", "Chain-of-Thought"),
    }
    # A rename of the hand-made taxonomy with too few notes to tell is listed as a weaker pair.
    closing = out.split("may be one tag", 1)[1]
    assert '"Embeddings" (2 notes) and "Embed"' in closing
