"""safewrite.write_if_unchanged: atomic, mode-keeping, refuses what it must not touch."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from taglint.safewrite import TEMP_PREFIX, WriteRefused, inside, write_if_unchanged


def _temps(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_writes_new_bytes_and_keeps_mode(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_bytes(b"old")
    note.chmod(0o640)
    write_if_unchanged(str(note), b"old", b"new", [str(tmp_path.resolve())])
    assert note.read_bytes() == b"new"
    assert stat.S_IMODE(note.stat().st_mode) == 0o640
    assert _temps(tmp_path) == []


def test_replaces_the_file_rather_than_writing_into_it(tmp_path: Path) -> None:
    # A reader holding the old file keeps seeing the old bytes: the new ones arrive by rename.
    note = tmp_path / "n.md"
    note.write_bytes(b"old")
    before = note.stat().st_ino
    with open(note, "rb") as held:
        write_if_unchanged(str(note), b"old", b"new", [str(tmp_path.resolve())])
        assert held.read() == b"old"
    assert note.stat().st_ino != before


def test_refuses_when_the_file_changed_meanwhile(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_bytes(b"edited by someone")
    with pytest.raises(WriteRefused, match="changed on disk"):
        write_if_unchanged(str(note), b"old", b"new", [str(tmp_path.resolve())])
    assert note.read_bytes() == b"edited by someone"
    assert _temps(tmp_path) == []


def test_refuses_a_read_only_file(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_bytes(b"old")
    note.chmod(0o444)
    with pytest.raises(WriteRefused, match="read-only"):
        write_if_unchanged(str(note), b"old", b"new", [str(tmp_path.resolve())])
    assert note.read_bytes() == b"old"


def test_refuses_a_vanished_file(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="vanished"):
        write_if_unchanged(str(tmp_path / "gone.md"), b"old", b"new", [str(tmp_path.resolve())])


def test_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(WriteRefused, match="regular file"):
        write_if_unchanged(str(fifo), b"old", b"new", [str(tmp_path.resolve())])


def test_symlink_inside_the_tree_writes_through_to_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    write_if_unchanged(str(link), b"old", b"new", [str(tmp_path.resolve())])
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


@pytest.mark.parametrize("via", ["file", "directory"])
def test_never_follows_a_link_out_of_the_tree(tmp_path: Path, via: str) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    target = outside / "real.md"
    target.write_bytes(b"old")
    if via == "file":
        path = tree / "link.md"
        path.symlink_to(target)
    else:
        (tree / "sub").symlink_to(outside, target_is_directory=True)
        path = tree / "sub" / "real.md"
    with pytest.raises(WriteRefused, match="outside the checked tree"):
        write_if_unchanged(str(path), b"old", b"new", [str(tree.resolve())])
    assert target.read_bytes() == b"old"


def test_temp_file_is_removed_when_the_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    note = tmp_path / "n.md"
    note.write_bytes(b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_if_unchanged(str(note), b"old", b"new", [str(tmp_path.resolve())])
    assert note.read_bytes() == b"old"
    assert _temps(tmp_path) == []


@pytest.mark.parametrize(
    ("path", "roots", "expected"),
    [
        ("/a/b/c.md", ["/a/b"], True),
        ("/a/b", ["/a/b"], True),
        ("/a/bc/d.md", ["/a/b"], False),  # a sibling sharing a prefix is not inside
        ("/x.md", ["/"], True),
    ],
)
def test_inside(path: str, roots: list[str], expected: bool) -> None:
    assert inside(path, roots) is expected
