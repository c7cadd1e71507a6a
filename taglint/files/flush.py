"""Making writes survive a power cut: a batch's temp files with one ``syncfs``, a directory's renames with one fsync.

``files.write`` flushes each batch's new bytes before any rename; the renames
themselves live in the directories, which ``DirectoryFlusher`` flushes once per
directory of a run, when the run's writes have moved on from it, instead of
once per file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

_SYNCFS: list[Callable[[int], None] | None] = []


def batch_syncfs() -> Callable[[int], None] | None:
    """``syncfs(2)`` as a function that raises OSError, or None where the C library lacks it."""
    if not _SYNCFS:
        _SYNCFS.append(load_syncfs())
    return _SYNCFS[0]


def load_syncfs() -> Callable[[int], None] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes  # only here: Python's os module has sync() for every disk, not syncfs()

        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int

    def syncfs(fd: int) -> None:
        if function(fd) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))

    return syncfs


def sync_directory_of(path: str) -> None:
    """Flush the directory holding the file ``path`` (after renames into it)."""
    _sync_directory(os.path.dirname(os.path.realpath(path)))


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


class DirectoryFlusher:
    """Flushes each directory a run wrote into once, after the run has moved on from it.

    A walk finishes one directory before the next, so the files written into a
    directory come together: ``written`` is told of each, in order, and
    ``passed`` of the last file the run looked at. ``close`` flushes the last one.
    """

    def __init__(self) -> None:
        self._unsynced = ""  # a file written into a directory whose renames are not flushed yet

    def written(self, path: str) -> None:
        if self._unsynced and os.path.dirname(path) != os.path.dirname(self._unsynced):
            sync_directory_of(self._unsynced)
        self._unsynced = path

    def passed(self, path: str) -> None:
        if self._unsynced and os.path.dirname(path) != os.path.dirname(self._unsynced):
            sync_directory_of(self._unsynced)
            self._unsynced = ""

    def close(self) -> None:
        if self._unsynced:
            sync_directory_of(self._unsynced)
            self._unsynced = ""
