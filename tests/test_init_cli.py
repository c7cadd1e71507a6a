"""The first five minutes: `taglint init PATH`, then `taglint check`, on a fresh collection."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from taglint.cli.main import main


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "vault"
    root.mkdir()
    (root / "a.md").write_text("---\ntags: [MultiModal, NLP]\n---\n")
    (root / "b.md").write_text("---\ntags: [MultiModal]\n---\n")
    (root / "c.md").write_text("---\ntags: [MulltiModal]\n---\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return root


def test_init_writes_into_the_directory_given_and_prints_the_path(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(vault)]) == 0
    assert (vault / "taxonomy.yaml").is_file()
    assert not Path("taxonomy.yaml").exists()  # not the current directory
    assert capsys.readouterr().out.startswith(f"Wrote {vault / 'taxonomy.yaml'}: 3 notes, 3 spellings, 2 canonical tags, 1 with aliases")


def test_init_writes_beside_the_projects_config(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (vault / "taglint.toml").write_text('taxonomy = "meta/tags.yaml"\n')
    (vault / "notes").mkdir()
    (vault / "a.md").rename(vault / "notes" / "a.md")
    assert main(["init", str(vault / "notes")]) == 0
    assert (vault / "meta" / "tags.yaml").is_file()
    assert f"Wrote {vault / 'meta' / 'tags.yaml'}:" in capsys.readouterr().out


def test_init_prints_a_relative_path_below_the_current_directory(
    vault: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(vault.parent)
    assert main(["init", "vault"]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {os.path.join('vault', 'taxonomy.yaml')}: ")


def test_init_refuses_to_overwrite(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (vault / "taxonomy.yaml").write_text("keep")
    assert main(["init", str(vault)]) == 2
    assert (vault / "taxonomy.yaml").read_text() == "keep"
    assert "exists; use --force" in capsys.readouterr().err
    assert main(["init", str(vault), "--force"]) == 0


def test_init_then_check_reports_the_variant(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(vault)]) == 0
    capsys.readouterr()
    assert main(["check", str(vault)]) == 1
    assert '"MulltiModal" is an alias of "MultiModal"' in capsys.readouterr().out


def test_a_collection_without_tags_gets_a_taxonomy_check_accepts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "note.md").write_text("---\ntitle: First note\n---\nNo tags yet.\n")
    assert main(["init", str(tmp_path)]) == 0
    assert "tags: {}" in (tmp_path / "taxonomy.yaml").read_text()
    assert main(["check", str(tmp_path)]) == 0


def test_check_after_init_is_quiet_about_missing_descriptions(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["init", str(vault)])
    (vault / "c.md").write_text("---\ntags: [MultiModal]\n---\n")
    capsys.readouterr()
    assert main(["check", str(vault)]) == 0
    assert "missing-description" not in capsys.readouterr().out


def test_missing_description_stays_in_taxonomy_check_and_when_selected(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["init", str(vault)])
    capsys.readouterr()
    main(["taxonomy", "check", str(vault)])
    assert 'TG102 missing-description tag "MultiModal" has no description' in capsys.readouterr().out
    main(["check", str(vault), "--select", "missing-description"])
    assert 'TG102 missing-description tag "MultiModal" has no description' in capsys.readouterr().out


def test_after_init_the_pre_commit_fast_path_has_a_plan(
    vault: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from taglint.cli import fast

    monkeypatch.setenv("XDG_CACHE_HOME", str(vault.parent / "cache"))
    monkeypatch.chdir(vault)
    main(["init", "."])
    main(["check", "a.md"])  # the full path stores the plan: no taxonomy warning stops it any more
    capsys.readouterr()
    assert fast.run(["check", "a.md"]) == 0
    assert "All checks passed" in capsys.readouterr().out


def test_a_missing_taxonomy_suggests_init(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tags", str(vault)]) == 2
    assert "write a starting one from your notes with `taglint init`" in capsys.readouterr().err


def test_a_taxonomy_the_config_names_must_exist(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (vault / "taglint.toml").write_text('taxonomy = "tags.yaml"\n')
    assert main(["check", str(vault)]) == 2
    assert "tags.yaml:1:1: no taxonomy here; write a starting one from your notes with `taglint init`" in capsys.readouterr().err
