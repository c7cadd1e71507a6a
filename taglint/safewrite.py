"""Write a file so that it is always either its old bytes or its new bytes.

A temp file in the same directory is written, flushed to disk, given the
original mode, then moved over the target with ``os.replace`` (atomic on
POSIX). Just before the move, the target is read again: if it no longer holds
the bytes we fixed, someone edited it meanwhile and we do not overwrite.
"""

from __future__ import annotations

import os
import stat
import tempfile

TEMP_PREFIX = ".taglint-"
TEMP_SUFFIX = ".tmp"


class WriteRefused(Exception):
    pass


def inside(path: str, roots: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def write_if_unchanged(path: str, expected: bytes, data: bytes, roots: list[str]) -> None:
    """Replace ``path``'s content ``expected`` with ``data``; raise WriteRefused or OSError."""
    target = path
    if os.path.islink(path):
        target = os.path.realpath(path)
        if not inside(target, roots):
            raise WriteRefused("is a symlink to a file outside the checked tree; not written")
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused("is not a regular file; not written")
    directory = os.path.dirname(os.path.abspath(target))
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        with open(target, "rb") as current:
            if current.read() != expected:
                raise WriteRefused("changed on disk while taglint was fixing it; not overwritten")
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
