"""Stored directory listings: reused only while a directory is unchanged, never a different walk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_cache_and_workers import age_files, make_tree, run_json

from taglint.cache import listings as walkcache
from taglint.cache.store import Store
from taglint.files import select as discovery
from taglint.lint import runner


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_tree(tmp_path, 120)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(walkcache, "MIN_ENTRIES", 1)  # the test directories are small
    monkeypatch.setattr(runner, "CHUNK", 8)
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 16)
    return tmp_path


def stored(tree: Path) -> list[Path]:
    return sorted(tree.glob(".taglint_cache/results-*/dirs/*.json"))


def test_a_warm_run_lists_no_unchanged_directory(tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cold = run_json(capsys)
    assert len(stored(tree)) == 8  # notes and its seven subdirectories

    def refuse(*_: object) -> object:
        raise AssertionError("an unchanged directory was listed again")

    monkeypatch.setattr(discovery.os, "scandir", refuse)
    assert run_json(capsys) == cold


def test_a_new_file_is_found(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys)
    (tree / "notes" / "d3" / "new.md").write_text("---\ntitle: New\ntags: [Nope]\n---\n", encoding="utf-8")
    warm = run_json(capsys)
    assert any(d["path"].endswith("new.md") for d in warm)
    assert warm == run_json(capsys, "--no-cache")


def test_a_removed_file_is_gone(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys)
    (tree / "notes" / "d2" / "n0002.md").unlink()
    warm = run_json(capsys)
    assert not any(d["path"].endswith("n0002.md") for d in warm)
    assert warm == run_json(capsys, "--no-cache")


def test_a_new_subdirectory_is_walked(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys)
    (tree / "notes" / "d1" / "deeper").mkdir()
    (tree / "notes" / "d1" / "deeper" / "x.md").write_text("---\ntitle: X\ntags: [Nope]\n---\n", encoding="utf-8")
    warm = run_json(capsys)
    assert any(d["path"].endswith("deeper/x.md") for d in warm)


def test_other_selection_settings_do_not_reuse_a_listing(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys)
    (tree / "taglint.toml").write_text('exclude = ["d4/"]\n', encoding="utf-8")
    age_files(tree)
    warm = run_json(capsys)
    assert warm and not any("/d4/" in d["path"] for d in warm)
    assert warm == run_json(capsys, "--no-cache")


def test_a_directory_changed_within_the_racy_window_is_not_stored(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "notes" / "d5" / "fresh.md").write_text("---\ntitle: F\ntags: [NLP]\n---\n", encoding="utf-8")  # d5's mtime: now
    run_json(capsys)
    assert len(stored(tree)) == 7


def test_a_listing_of_another_directory_is_not_taken(tree: Path) -> None:
    listings = walkcache.Listings(Store(str(tree / "cache")), "results-x", "selection")
    old = os.stat(tree / "notes").st_mtime_ns
    stamp, _ = listings.get("notes")
    listings.put("notes", stamp, ["a.md"] * 40, [])
    assert listings.get("notes") == (stamp, (["a.md"] * 40, []))
    assert listings.get("notes/d0")[1] is None
    assert walkcache.Listings(Store(str(tree / "cache")), "results-x", "other selection").get("notes")[1] is None
    os.utime(tree / "notes", ns=(old + 10**9, old + 10**9))
    assert listings.get("notes")[1] is None  # the directory's mtime moved on


@pytest.fixture
def work_tree(tree: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tree as a git work tree, with a .gitignore in notes/d3 that ignores nothing yet."""
    monkeypatch.setenv("HOME", str(tree / "home"))  # no global excludes file of the user's
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tree / "home" / ".config"))
    (tree / ".git").mkdir()
    (tree / "notes" / "d3" / ".gitignore").write_text("# nothing ignored yet\n", encoding="utf-8")
    age_files(tree)
    return tree


def paths_of(found: list[dict[str, object]]) -> set[str]:
    return {str(finding["path"]) for finding in found}


def test_a_warm_run_in_a_work_tree_lists_no_unchanged_directory(
    work_tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (work_tree / ".gitignore").write_text("n0005.md\n", encoding="utf-8")
    cold = run_json(capsys)
    assert "notes/d0/n0000.md" in paths_of(cold) and "notes/d5/n0005.md" not in paths_of(cold)

    def refuse(*_: object) -> object:
        raise AssertionError("an unchanged directory was listed again")

    monkeypatch.setattr(discovery.os, "scandir", refuse)
    assert run_json(capsys) == cold


def test_editing_a_directorys_gitignore_makes_its_listing_stale(work_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d3 = work_tree / "notes" / "d3"
    stamp = os.stat(d3).st_mtime_ns
    assert "notes/d3/n0003.md" in paths_of(run_json(capsys))
    (d3 / ".gitignore").write_text("n0003.md\n", encoding="utf-8")  # an edit: the directory's stamp stays
    assert os.stat(d3).st_mtime_ns == stamp
    warm = run_json(capsys)
    assert "notes/d3/n0003.md" not in paths_of(warm)
    assert warm == run_json(capsys, "--no-cache")


def test_editing_a_gitignore_above_makes_the_listings_below_stale(work_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work_tree / ".gitignore").write_text("# nothing ignored yet\n", encoding="utf-8")
    assert "notes/d5/n0005.md" in paths_of(run_json(capsys))
    (work_tree / ".gitignore").write_text("d5/\n", encoding="utf-8")
    warm = run_json(capsys)
    assert warm and not any("/d5/" in path for path in paths_of(warm))
    assert warm == run_json(capsys, "--no-cache")
