"""safewrite: atomic, mode-keeping writes that refuse what they must not touch, one at a time or in batches."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from taglint.files import flush as flushing
from taglint.files import write as safewrite
from taglint.files.write import TEMP_PREFIX, Replacement, WriteRefused, inside, replace_all, write_if_unchanged


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


def _batch(tmp_path: Path, count: int) -> list[Path]:
    notes = []
    for i in range(count):
        note = tmp_path / f"n{i}.md"
        note.write_bytes(b"old %d" % i)
        notes.append(note)
    return notes


def test_a_batch_writes_every_file(tmp_path: Path) -> None:
    notes = _batch(tmp_path, 5)
    errors = replace_all([Replacement(str(n), b"old %d" % i, b"new %d" % i) for i, n in enumerate(notes)], [str(tmp_path.resolve())])
    assert errors == [None] * 5
    assert [n.read_bytes() for n in notes] == [b"new %d" % i for i in range(5)]
    assert _temps(tmp_path) == []


def test_a_refused_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    notes = _batch(tmp_path, 3)
    notes[1].write_bytes(b"edited by someone")
    errors = replace_all([Replacement(str(n), b"old %d" % i, b"new %d" % i) for i, n in enumerate(notes)], [str(tmp_path.resolve())])
    assert errors[0] is None and errors[2] is None
    assert isinstance(errors[1], WriteRefused) and "changed on disk" in str(errors[1])
    assert [n.read_bytes() for n in notes] == [b"new 0", b"edited by someone", b"new 2"]
    assert _temps(tmp_path) == []


def test_no_rename_happens_before_the_batch_is_flushed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_replace = os.replace

    def flush(fd: int) -> None:
        events.append("flush")

    def replace(src: str, dst: str) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(flushing, "batch_syncfs", lambda: flush)
    monkeypatch.setattr(os, "replace", replace)
    notes = _batch(tmp_path, 3)
    assert replace_all([Replacement(str(n), b"old %d" % i, b"new") for i, n in enumerate(notes)], [str(tmp_path.resolve())]) == [None] * 3
    assert events == ["flush", "rename", "rename", "rename"]  # one flush for the filesystem, before any rename


def test_a_failed_flush_writes_nothing_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(flushing, "batch_syncfs", lambda: failing)
    notes = _batch(tmp_path, 3)
    errors = replace_all([Replacement(str(n), b"old %d" % i, b"new") for i, n in enumerate(notes)], [str(tmp_path.resolve())])
    assert all(isinstance(e, OSError) and e.errno == 5 for e in errors)
    assert [n.read_bytes() for n in notes] == [b"old 0", b"old 1", b"old 2"]
    assert _temps(tmp_path) == []


def test_without_syncfs_each_file_is_fsynced_before_its_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(flushing, "batch_syncfs", lambda: None)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    notes = _batch(tmp_path, 2)
    assert replace_all([Replacement(str(n), b"old %d" % i, b"new") for i, n in enumerate(notes)], [str(tmp_path.resolve())]) == [None, None]
    assert events == ["fsync", "fsync", "rename", "rename"]


def test_a_single_file_is_fsynced_not_the_whole_filesystem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def unwanted(fd: int) -> None:
        raise AssertionError("syncfs for one file")

    monkeypatch.setattr(flushing, "batch_syncfs", lambda: unwanted)
    (note,) = _batch(tmp_path, 1)
    write_if_unchanged(str(note), b"old 0", b"new", [str(tmp_path.resolve())])
    assert note.read_bytes() == b"new"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs(2) is Linux's")
def test_syncfs_is_found_and_works_on_linux(tmp_path: Path) -> None:
    syncfs = flushing.load_syncfs()
    assert syncfs is not None
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        syncfs(fd)
        with pytest.raises(OSError):
            syncfs(-1)  # EBADF comes back as an exception, not a silent -1
    finally:
        os.close(fd)


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tree with a plain note, a linked note, a linked directory and a dangling name."""
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "note.md").write_bytes(b"x")
    (tmp_path / "real" / "link.md").symlink_to("note.md")
    (tmp_path / "via").symlink_to("real", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "path",
    [
        "real/note.md",
        "via/note.md",
        "real/link.md",
        "via/link.md",
        "real/missing.md",
        "real/../real/note.md",
        "real/.",
        "note.md",
        "./real/note.md",
    ],
)
def test_resolve_answers_like_realpath(paths: Path, path: str) -> None:
    for given in (path, str(paths / path)):
        directories: dict[str, str] = {}
        for _ in range(2):  # the second time from the directories already resolved
            resolved, info = safewrite._resolve(given, directories)
            assert resolved == os.path.realpath(given)
            if info is not None:
                assert os.path.samestat(info, os.stat(resolved))


def test_temp_names_carry_the_pid_and_never_open_an_existing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from taglint.files import staletemps

    fd, temp = safewrite._create_temp(str(tmp_path))
    os.close(fd)
    name = os.path.basename(temp)
    match = staletemps._NAME.match(name)
    assert match is not None and match.group(1) == str(os.getpid())
    assert stat.S_IMODE(os.stat(temp).st_mode) == 0o600
    taken = Path(temp).read_bytes()
    # Every name the random part can give is taken: the file already there is never opened.
    monkeypatch.setattr(os, "urandom", lambda n: bytes.fromhex(name.split("-")[-1].removesuffix(".tmp")))
    with pytest.raises(FileExistsError):
        safewrite._create_temp(str(tmp_path))
    assert Path(temp).read_bytes() == taken
