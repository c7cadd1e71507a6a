"""Write a file so that it is always either its old bytes or its new bytes.

A temp file in the same directory is written, given the original owner
(where allowed), extended attributes and mode (``files.metadata``), flushed
to disk, then moved over the target with
``os.replace`` (atomic on POSIX). Just before the move, the target is read
again: if it no longer holds the bytes we fixed, someone edited it meanwhile
and we do not overwrite. ``replace_all`` does this for a batch of files and
makes their temp files durable together (one ``syncfs`` where the OS has it).

Refused, with a reason: a path that resolves (through any symlink) outside
the checked tree, a target that is not a regular file, a read-only file
(``os.replace`` would happily swap it, since only the directory's permission
counts, so read-only is checked by its mode bits, which root ignores too),
and a file with several hard links (the rename would split them).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Sequence

from taglint.files import flush, metadata
from taglint.files.read import inside as inside_resolved

TEMP_PREFIX = ".taglint-"
TEMP_SUFFIX = ".tmp"


class WriteRefused(Exception):
    pass


def inside(path: str, roots: Sequence[str]) -> bool:
    """True when ``path``, with every symlink resolved, lies in one of ``roots`` (already resolved)."""
    return inside_resolved(os.path.realpath(path), roots)


def write_if_unchanged(path: str, expected: bytes, data: bytes, roots: Sequence[str], sync_directory: bool = True) -> None:
    """Replace ``path``'s content ``expected`` with ``data``; raise WriteRefused or OSError.

    ``sync_directory=False`` leaves flushing the directory (which makes the rename
    itself survive a power cut) to the caller, who may do it once for many files
    with ``flush.sync_directory_of``; the file's content is flushed before the rename either way.
    """
    error = replace_all([Replacement(path, expected, data)], roots)[0]
    if error is not None:
        raise error
    if sync_directory:
        flush.sync_directory_of(path)


class Replacement:
    """One file to rewrite: its path, the bytes it must still hold, and its new bytes."""

    __slots__ = ("data", "expected", "path")

    def __init__(self, path: str, expected: bytes, data: bytes) -> None:
        self.path = path
        self.expected = expected
        self.data = data


def replace_all(
    replacements: Sequence[Replacement], roots: Sequence[str], split_hardlinks: bool = False
) -> list[WriteRefused | OSError | None]:
    """Rewrite every file as ``write_if_unchanged`` does; each one's error (or None), in order.

    A file with several hard links is refused unless ``split_hardlinks``: the
    rename would give this name a file of its own, leaving the old bytes under
    the other names (``taglint fix --allow-hardlinks`` asks for that).

    The temp files of a batch are written first, made durable together, and
    only then renamed over their targets, each after its own "still unchanged"
    test. Where the OS has ``syncfs`` (Linux), one call per filesystem flushes
    the whole batch: on a disk where an fsync costs ~1 ms, a file's fsync cost
    more than fixing it. The same idea as git's ``core.fsyncMethod=batch``.
    Elsewhere, and for a batch of one, each temp file is fsynced. Either way no
    rename happens before its file's new bytes are on disk, so a crash leaves
    each note whole: old bytes or new ones. Directories are not flushed here
    (see ``write_if_unchanged``).
    """
    errors: list[WriteRefused | OSError | None] = [None] * len(replacements)
    syncfs = flush.batch_syncfs() if len(replacements) > 1 else None
    staged: list[tuple[int, str, str, int]] = []  # (index, target, temp, device)
    directories: dict[str, str] = {}  # as written -> resolved, once per batch
    # Every temp file's name from just before it is created until it is renamed or removed:
    # whenever a Ctrl-C lands, what is left here is unlinked, and nothing else is.
    temps: set[str] = set()
    try:
        for index, replacement in enumerate(replacements):
            try:
                staged.append((index, *_stage(replacement, roots, syncfs is None, directories, temps, split_hardlinks)))
            except (WriteRefused, OSError) as exc:
                errors[index] = exc
        if syncfs is not None:
            staged = _flush(staged, syncfs, errors, temps)
        for index, target, temp, _ in staged:
            try:
                _commit(target, temp, replacements[index].expected, temps)
            except (WriteRefused, OSError) as exc:
                errors[index] = exc
    finally:
        for temp in temps:  # empty unless interrupted
            _unlink(temp)
    return errors


def _stage(
    replacement: Replacement, roots: Sequence[str], fsync: bool, directories: dict[str, str], temps: set[str], split_hardlinks: bool
) -> tuple[str, str, int]:
    """Write the new bytes to a temp file beside the target: ``(target, temp, device)``."""
    target, info = _resolve(replacement.path, directories)
    if not inside_resolved(target, roots):
        raise WriteRefused("resolves (through a symlink) to a file outside the checked tree; not written")
    try:
        if info is None:
            info = os.stat(target)
    except FileNotFoundError:
        raise WriteRefused("vanished while taglint was fixing it; not written") from None
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused("is not a regular file; not written")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise WriteRefused("is read-only; not written")
    if info.st_nlink > 1 and not split_hardlinks:
        # os.replace gives the path a new file: the note's other names would keep the old bytes.
        raise WriteRefused(f"the note has {info.st_nlink} hard links; writing would split them")
    fd, temp = _create_temp(os.path.dirname(target), temps)
    try:
        try:
            # Plain system calls on the descriptor: a file object would add an fstat, an
            # ioctl and seeks to every write, and fix writes thousands of notes.
            view = memoryview(replacement.data)
            while view:
                view = view[os.write(fd, view) :]
            try:
                mode = metadata.keep(fd, target, info)  # owner and extended attributes (ACLs); the mode comes last
            except metadata.MetadataNotKept as exc:
                raise WriteRefused(str(exc)) from None
            if _FCHMOD:
                os.fchmod(fd, mode)
            if fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
        if not _FCHMOD:
            os.chmod(temp, mode)
    except Exception:
        _unlink(temp, temps)
        raise
    return target, temp, info.st_dev


_FCHMOD = hasattr(os, "fchmod")  # not on Windows before Python 3.13


def _resolve(path: str, directories: dict[str, str]) -> tuple[str, os.stat_result | None]:
    """``os.path.realpath(path)``, and the target's stat when it came for free.

    A note that is no symlink itself resolves to its resolved directory plus its
    name: one ``lstat`` instead of one per path component, and each directory of
    a batch (``directories``) is resolved once.
    """
    head, tail = os.path.split(path)
    if tail and tail not in (".", ".."):
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISLNK(info.st_mode):
            real = directories.get(head)
            if real is None:
                real = directories[head] = os.path.realpath(head)
            return os.path.join(real, tail), info
    return os.path.realpath(path), None


# Like tempfile.mkstemp's: created here, never followed, readable and writable by us alone.
_TEMP_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _create_temp(directory: str, temps: set[str] | None = None) -> tuple[int, str]:
    """A new, empty temp file in ``directory``, open: ``(fd, path)``.

    The pid in the name lets the next run tell a killed run's leftovers from a
    live one's (staletemps); the random part keeps names unique, and O_EXCL
    makes sure no existing file is ever opened. tempfile.mkstemp would cost
    ~20 us more per note here. The name joins ``temps`` before the file
    exists, so an interrupt at any moment leaves no temp file unaccounted for.
    """
    prefix = os.path.join(directory, f"{TEMP_PREFIX}{os.getpid()}-")
    for _ in range(100):
        temp = f"{prefix}{os.urandom(6).hex()}{TEMP_SUFFIX}"
        if temps is not None:
            temps.add(temp)
        try:
            return os.open(temp, _TEMP_FLAGS, 0o600), temp
        except FileExistsError:
            if temps is not None:
                temps.discard(temp)  # someone else's file: never ours to remove
            continue
    raise FileExistsError(errno.EEXIST, "no unused temp file name", directory)


def _flush(
    staged: list[tuple[int, str, str, int]], syncfs: Callable[[int], None], errors: list[WriteRefused | OSError | None], temps: set[str]
) -> list[tuple[int, str, str, int]]:
    """Make every staged temp file durable, one ``syncfs`` per filesystem; what could not be flushed is dropped."""
    kept = []
    failed: dict[int, OSError] = {}
    done: set[int] = set()
    for item in staged:
        device, temp = item[3], item[2]
        if device not in done and device not in failed:
            try:
                fd = os.open(temp, os.O_RDONLY)
                try:
                    syncfs(fd)
                finally:
                    os.close(fd)
                done.add(device)
            except OSError as exc:
                failed[device] = exc
        if device in failed:
            errors[item[0]] = failed[device]
            _unlink(temp, temps)
        else:
            kept.append(item)
    return kept


def _commit(target: str, temp: str, expected: bytes, temps: set[str]) -> None:
    """Rename the temp file over the target, unless the target changed since it was read."""
    try:
        try:
            now = _read_up_to(target, len(expected) + 1)
        except FileNotFoundError:
            raise WriteRefused("vanished while taglint was fixing it; not written") from None
        if now != expected:
            raise WriteRefused("changed on disk while taglint was fixing it; not overwritten")
        os.replace(temp, target)
    except Exception:
        _unlink(temp, temps)
        raise
    temps.discard(temp)  # renamed: the name is gone (an interrupt before this line unlinks nothing)


def _read_up_to(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes from the start of ``path`` (enough to tell it from what we expect)."""
    # Non-blocking: if a FIFO took the note's place meanwhile, the read cannot hang.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        chunks = []
        total = 0
        while total < limit:
            chunk = os.read(fd, limit - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def _unlink(temp: str, temps: set[str] | None = None) -> None:
    try:
        os.unlink(temp)
    except FileNotFoundError:
        pass
    if temps is not None:
        temps.discard(temp)


def create_temp_beside(path: str) -> tuple[int, str]:
    """A new, empty temp file in the directory ``path`` names (symlinks not resolved), open: ``(fd, temp)``.

    For a file written whole and then renamed over ``path`` (a report file):
    the rename replaces whatever entry ``path`` is, a symlink included, and
    never writes through it. Same naming as the notes' temp files, so a killed
    run's leftover is recognised and cleaned the same way.
    """
    return _create_temp(os.path.dirname(path) or os.curdir)
