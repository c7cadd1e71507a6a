"""Read a note's bytes defensively: regular files only, bounded size, no symlink out of the tree.

Every refusal is an ``OSError`` (``NoteUnreadable``), so each reader reports it
like any other unreadable file: as a located parse-error, while the run goes
on with the other files.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence

# A note is a text file people edit by hand; 10 MB is far beyond any real one,
# and reading more would only cost time and memory (a 50 MB file is refused
# after one fstat, without reading it).
MAX_NOTE_BYTES = 10 * 1024 * 1024
# Front matter larger than this is refused (parse-error), never parsed: ~16,000 tags.
# Here, not in frontmatter, so the quick reader can share it without the full parser's imports.
MAX_FRONT_MATTER_CHARS = 128 * 1024


class NoteUnreadable(OSError):
    """A file taglint refuses to read; ``strerror`` says why, in words for the user."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(code, reason)


def inside(real: str, roots: Sequence[str]) -> bool:
    """Whether the resolved path ``real`` lies in one of the resolved ``roots``."""
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def read_note(path: str, roots: Sequence[str] | None = None) -> bytes:
    """The bytes of the note at ``path``; raise OSError (often NoteUnreadable) when it must not be read.

    ``roots`` are the resolved directories of the checked tree: a symlink whose
    target lies outside all of them is reported, not followed. None skips that check.
    """
    fd = _open(path, roots)
    try:
        info = os.fstat(fd)
        if not _S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a directory, not a note")
            raise NoteUnreadable(errno.EINVAL, "is not a regular file (a FIFO, socket or device); not read")
        size = info.st_size
        if size > MAX_NOTE_BYTES:
            raise NoteUnreadable(errno.EFBIG, _too_large(size))
        data = os.read(fd, size + 1)
        if len(data) > size:  # the file grew after fstat: read on, up to the limit
            data = _read_bounded(fd, data)
    finally:
        os.close(fd)
    if len(data) > MAX_NOTE_BYTES:
        raise NoteUnreadable(errno.EFBIG, _too_large(len(data)))
    return data


_S_ISREG = stat.S_ISREG
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _open(path: str, roots: Sequence[str] | None) -> int:
    """Open ``path`` for reading, following a symlink only when it stays inside ``roots``."""
    # Non-blocking, so a FIFO named *.md cannot hang the run before fstat sees it.
    if _NOFOLLOW and roots is not None:
        # Nearly every note is no symlink: O_NOFOLLOW proves it in the open itself (no lstat,
        # no window between a check and the open); only a refusal needs a closer look.
        try:
            return os.open(path, _FLAGS | _NOFOLLOW)
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.EMLINK):  # EMLINK: the BSDs' answer
                raise
    if roots is not None and os.path.islink(path):
        real = os.path.realpath(path)
        if not inside(real, roots):
            raise NoteUnreadable(errno.EXDEV, "is a symlink pointing outside the checked tree; not followed")
    return os.open(path, _FLAGS)


def _read_bounded(fd: int, data: bytes) -> bytes:
    """``data`` and the rest of the file after it, at most MAX_NOTE_BYTES + 1 bytes in all.

    ``read_note`` asks for one byte more than fstat reported, so the usual case
    is a single read; a short read is end of file. A buffered ``read(limit)``
    would allocate the whole limit for every note. The file may grow after
    fstat, so this loop still stops at the limit.
    """
    parts = [data]
    total = len(data)
    while total <= MAX_NOTE_BYTES:
        chunk = os.read(fd, min(1 << 20, MAX_NOTE_BYTES + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def _too_large(size: int) -> str:
    return f"file is {size / 1024 / 1024:.1f} MB, over the {MAX_NOTE_BYTES // 1024 // 1024} MB limit for a note; not read"


def names_a_link(given: str) -> bool:
    """Whether a command-line path names a symlink, however it is spelled: ``notes``, ``notes/``, ``./notes/.``.

    A trailing slash makes the system follow the link, so ``os.path.islink("notes/")``
    is false for a symlinked directory; the path is normalised first.
    """
    return os.path.islink(os.path.normpath(given))


def tree_roots(paths: Sequence[str], config_root: str) -> list[str]:
    """The resolved directories that make up "the checked tree" for these command-line paths.

    The project (config root), every directory named, and the directory of each
    file named outside the project (pre-commit names files one by one). The
    command line names places; what lies there may come from a pull request,
    so a symlink named (to a file or a directory, with a trailing slash or not)
    counts by where it stands, not by its target, which must itself lie inside.
    """
    root = os.path.realpath(config_root)
    roots = [root]
    for given in paths:
        if os.path.isdir(given) and not names_a_link(given):
            roots.append(os.path.realpath(given))
            continue
        parent = os.path.realpath(os.path.dirname(os.path.abspath(given)))
        if not inside(parent, [root]):
            roots.append(parent)
    return roots
