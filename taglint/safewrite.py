"""Write a file so that it is always either its old bytes or its new bytes.

A temp file in the same directory is written, flushed to disk, given the
original mode (and owner, where allowed), then moved over the target with
``os.replace`` (atomic on POSIX). Just before the move, the target is read
again: if it no longer holds the bytes we fixed, someone edited it meanwhile
and we do not overwrite.

Refused, with a reason: a path that resolves (through any symlink) outside
the checked tree, a target that is not a regular file, and a read-only file
(``os.replace`` would happily swap it, since only the directory's permission
counts, so read-only is checked by its mode bits, which root ignores too).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence

TEMP_PREFIX = ".taglint-"
TEMP_SUFFIX = ".tmp"


class WriteRefused(Exception):
    pass


def inside(path: str, roots: Sequence[str]) -> bool:
    """True when ``path``, with every symlink resolved, lies in one of ``roots`` (already resolved)."""
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def write_if_unchanged(path: str, expected: bytes, data: bytes, roots: Sequence[str], sync_directory: bool = True) -> None:
    """Replace ``path``'s content ``expected`` with ``data``; raise WriteRefused or OSError.

    ``sync_directory=False`` leaves flushing the directory (which makes the rename
    itself survive a power cut) to the caller, who may do it once for many files
    with ``sync_directory_of``; the file's content is flushed before the rename either way.
    """
    target = os.path.realpath(path)
    if not inside(target, roots):
        raise WriteRefused("resolves (through a symlink) to a file outside the checked tree; not written")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        raise WriteRefused("vanished while taglint was fixing it; not written") from None
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused("is not a regular file; not written")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise WriteRefused("is read-only; not written")
    directory = os.path.dirname(target)
    # The pid in the name lets the next run tell a killed run's leftovers from a live one's (staletemps).
    fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        _keep_owner(temp, info)
        try:
            with open(target, "rb") as current:
                now = current.read()
        except FileNotFoundError:
            raise WriteRefused("vanished while taglint was fixing it; not written") from None
        if now != expected:
            raise WriteRefused("changed on disk while taglint was fixing it; not overwritten")
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    if sync_directory:
        _sync_directory(directory)


def sync_directory_of(path: str) -> None:
    """Flush the directory holding the file ``path`` (after renames into it)."""
    _sync_directory(os.path.dirname(os.path.realpath(path)))


def _keep_owner(temp: str, info: os.stat_result) -> None:
    """Give the temp file the target's owner when we may (as root, or when it is ours already)."""
    if (info.st_uid, info.st_gid) == (os.getuid(), os.getgid()):
        return
    try:
        os.chown(temp, info.st_uid, info.st_gid)
    except OSError:
        pass  # not permitted: the file becomes ours, as with any editor that saves by rename


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable; not every platform lets a directory be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
