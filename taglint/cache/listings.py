"""Listing entries: a warm run does not list unchanged directories again.

Creating, removing or renaming an entry changes its directory's mtime and
ctime, so a listing stays true while the directory's stat stamp
(``fingerprint.stamp``) is the one stored, as in git's untracked cache. A
file's content changing does not touch its directory: each file is still
looked up on its own in the results. Listings live beside the results they
go with (``results-<key>/dirs/``), one per directory, with the
file-selection settings they were made under and the key of the git ignore
rules in force in the directory (a digest of every ``.gitignore`` from the top
of the work tree down to it, info/exclude and the global excludes file: git's
untracked cache likewise records the ignore files' hashes), and are stored
only once the directory's stamp is settled (the racy rule): an entry created
in the same mtime tick as the listing would otherwise go unseen.
"""

from __future__ import annotations

import os

from taglint.cache.fingerprint import digest, settled, stamp
from taglint.cache.store import Store

MIN_ENTRIES = 32  # listing a small directory costs less than reading its stored listing


class Listings:
    """The stored listings beside one results folder, for one set of file-selection settings."""

    def __init__(self, store: Store, folder: str, selection: str) -> None:
        self.store = store
        self.folder = os.path.join(folder, "dirs")
        self.selection = selection
        self.cwd = os.getcwd()

    def _absolute(self, directory: str) -> str:
        return directory if os.path.isabs(directory) else os.path.join(self.cwd, directory)

    def _file(self, absolute: str) -> str:
        return os.path.join(self.folder, f"{digest(absolute.encode('utf-8', 'surrogateescape'))[:24]}.json")

    def get(self, directory: str, rules: str = "") -> tuple[str | None, tuple[list[str], list[str]] | None]:
        """``(stamp, (file names, subdirectory names))`` of ``directory``; the listing is None when not stored or stale.

        The stamp is taken before anything else, so a change made while the caller
        lists the directory afterwards leaves a stamp that no longer matches.
        ``rules`` names the git ignore rules in force in the directory
        (``files.gitignore.IgnoreRules.key``): editing a ``.gitignore`` changes
        no directory's stamp, so a listing made under other rules is stale too.
        """
        try:
            found = stamp(os.stat(directory))
        except OSError:
            return None, None
        absolute = self._absolute(directory)
        stored = self.store.read(self._file(absolute))
        if (
            not isinstance(stored, dict)
            or stored.get("dir") != absolute
            or stored.get("stamp") != found
            or stored.get("selection") != self.selection
            or stored.get("rules", "") != rules
        ):
            return found, None
        files, subdirs = stored.get("files"), stored.get("subdirs")
        if not isinstance(files, list) or not isinstance(subdirs, list):
            return found, None
        return found, (files, subdirs)

    def put(self, directory: str, found: str | None, files: list[str], subdirs: list[str], rules: str = "") -> None:
        """Store the listing of ``directory`` made after ``get`` gave ``found``, if it is worth it and settled."""
        if found is None or len(files) + len(subdirs) < MIN_ENTRIES or not settled(found):
            return
        absolute = self._absolute(directory)
        entry = {"dir": absolute, "stamp": found, "selection": self.selection, "rules": rules, "files": files, "subdirs": subdirs}
        self.store.write(self._file(absolute), entry)
