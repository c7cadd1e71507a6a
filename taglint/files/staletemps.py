"""Remove temp files left behind by a ``taglint fix`` that was killed mid-write.

``files.write`` names its temp files ``.taglint-<pid>-<random>.tmp`` beside the
note. A killed run (SIGKILL, power loss) cannot remove its own, so the next
``fix`` removes, in each directory it writes to, those whose process is gone,
and any older than ``STALE_AFTER`` seconds whatever their name says. A temp
file of a ``fix`` running at the same time is kept: its process is alive.
Removing a temp file never touches a note: a note only ever changes by
``os.replace`` of a complete temp file.
"""

from __future__ import annotations

import os
import re
import time

from taglint.files.write import TEMP_PREFIX, TEMP_SUFFIX

# No write holds its temp file for more than a moment; after this long it is garbage.
STALE_AFTER = 600.0
_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(?:(\d+)-)?[^/\\]*" + re.escape(TEMP_SUFFIX) + r"\Z")


def _process_gone(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # exists, owned by someone else
    return False


def stale(name: str, mtime: float, now: float) -> bool:
    """Whether the directory entry ``name`` is a temp file no running taglint will use."""
    match = _NAME.match(name)
    if match is None:
        return False
    if now - mtime > STALE_AFTER:
        return True
    return match.group(1) is not None and _process_gone(int(match.group(1)))


def remove_stale(directory: str) -> list[str]:
    """Delete the stale temp files in ``directory``; return their paths. Errors are ignored."""
    removed: list[str] = []
    now = time.time()
    try:
        entries = list(os.scandir(directory or "."))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or not stale(entry.name, entry.stat(follow_symlinks=False).st_mtime, now):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(entry.path)
    return removed
