"""Directory listings remembered between runs: a warm run does not list unchanged directories.

Creating, removing or renaming an entry changes its directory's mtime, so a
listing stays true while the directory's mtime and inode are what they were
(git's untracked cache relies on the same). A file's content changing does
not touch its directory: each file is still looked up on its own in the
result cache. Listings are stored per directory, with the file-selection
settings they were made under, and only for directories whose mtime was
older than the racy window when listed (as for results): an entry created in
the same mtime tick as the listing would otherwise go unseen.
"""

from __future__ import annotations

import hashlib
import json
import os
import time

RACY_NS = 2_000_000_000
MIN_ENTRIES = 32  # listing a small directory costs less than reading its stored listing


class Listings:
    """The stored listings of one cache folder, for one set of file-selection settings."""

    def __init__(self, folder: str, selection: str) -> None:
        self.folder = os.path.join(folder, "dirs")
        self.selection = selection
        self.cwd = os.getcwd()

    def _absolute(self, directory: str) -> str:
        return directory if os.path.isabs(directory) else os.path.join(self.cwd, directory)

    def _file(self, absolute: str) -> str:
        digest = hashlib.sha256(absolute.encode("utf-8", "surrogateescape")).hexdigest()[:24]
        return os.path.join(self.folder, f"{digest}.json")

    def get(self, directory: str) -> tuple[list[int] | None, tuple[list[str], list[str]] | None]:
        """``(stamp, (file names, subdirectory names))`` of ``directory``; the listing is None when not stored or stale.

        The stamp is read before anything else, so a change made while the caller
        lists the directory afterwards leaves a stamp that no longer matches.
        """
        try:
            info = os.stat(directory)
        except OSError:
            return None, None
        stamp = [info.st_mtime_ns, info.st_ino]
        absolute = self._absolute(directory)
        try:
            with open(self._file(absolute), encoding="utf-8") as handle:
                stored = json.load(handle)
        except (OSError, ValueError):
            return stamp, None
        if not isinstance(stored, dict) or stored.get("dir") != absolute or stored.get("stamp") != stamp or stored.get("selection") != self.selection:
            return stamp, None
        files, subdirs = stored.get("files"), stored.get("subdirs")
        if not isinstance(files, list) or not isinstance(subdirs, list):
            return stamp, None
        return stamp, (files, subdirs)

    def put(self, directory: str, stamp: list[int] | None, files: list[str], subdirs: list[str]) -> None:
        if stamp is None or len(files) + len(subdirs) < MIN_ENTRIES or time.time_ns() - stamp[0] < RACY_NS:
            return
        from taglint.cache.setup import store_json  # atomic, and an unwritable cache only costs time

        absolute = self._absolute(directory)
        store_json(self._file(absolute), {"dir": absolute, "stamp": stamp, "selection": self.selection, "files": files, "subdirs": subdirs})
