"""The store's files: where entries live, how they are named, the one invalidation rule, the one writer.

An entry is named by ``key(kind, material)``: a digest of the store's format,
taglint's version, the kind and the settings it was made under. A *record*
(``<kind>-<key>.json``: the compiled setup, the pre-commit plan) also lists
the ``[path, digest]`` of every input file it was built from and is used only
while all of them digest the same (``Store.get``). That is the one rule: same
version, same settings, same bytes in every input. Results are too many for a
record each, so their folder's key folds the input digests in instead
(``taglint.cache.results``).

Everything is JSON, written to a temp file and renamed over the entry, never
pickle: a cache file planted in a repository must not be able to run code,
and a run killed mid-write leaves the old entry or the new one.
"""

from __future__ import annotations

import json
import os

from taglint._version import __version__
from taglint.cache.fingerprint import digest, unchanged

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see taglint.cli.fast)
if TYPE_CHECKING:
    from typing import Any

FORMAT = 3  # the layout of every entry (3: a compiled taxonomy stores no ancestor sets); a new one retires all the old entries at once
IGNORE = "# Created by taglint: the cache is never worth committing.\n*\n"


def key(kind: str, material: object) -> str:
    """The key of a ``kind`` entry made under ``material`` (settings, digests), by this store format and taglint version."""
    return digest(json.dumps([FORMAT, __version__, kind, material], default=str, sort_keys=True).encode("utf-8", "surrogateescape"))


class Store:
    """One cache directory: ``.taglint_cache`` beside the config, or the per-user one."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._ready = False  # whether this process made sure of the directory and its .gitignore

    def path(self, name: str) -> str:
        return os.path.join(self.root, name)

    def read(self, name: str) -> Any:
        """The JSON stored as ``name``, or None when absent or damaged."""
        try:
            with open(self.path(name), encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def write(self, name: str, data: object) -> None:
        """Store ``data`` as ``name`` (subfolders made as needed), atomically; a failure only costs time."""
        target = self.path(name)
        try:
            if not self._ready:
                self._prepare()
            temp = os.path.join(os.path.dirname(target), f".{os.getpid()}-{os.urandom(6).hex()}.tmp")
            try:
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except FileNotFoundError:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle, separators=(",", ":"))
                os.replace(temp, target)  # replaces a link at the target, never writes through it
            except BaseException:
                _remove(temp)
                raise
        except (OSError, ValueError):
            pass  # an unwritable cache (or a value JSON cannot hold) only costs speed next time

    def _prepare(self) -> None:
        os.makedirs(self.root, exist_ok=True)
        try:
            # O_EXCL: an existing .gitignore is kept, and a planted symlink there is never followed.
            fd = os.open(self.path(".gitignore"), os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(IGNORE)
        self._ready = True

    def get(self, kind: str, material: object, inputs: list[list[str | None]] | None = None) -> tuple[Any, list[list[str | None]]] | None:
        """``(data, inputs)`` of the ``kind`` record for ``material``, while it holds; else None.

        It holds while every input it lists digests as recorded. A caller that
        has just fingerprinted the same inputs passes them as ``inputs``: then the
        record must list exactly those, and nothing is read again.
        """
        entry_key = key(kind, material)
        record = self.read(f"{kind}-{entry_key}.json")
        if not isinstance(record, dict) or record.get("key") != entry_key:
            return None
        recorded = record.get("inputs")
        if not isinstance(recorded, list) or not all(isinstance(item, list) and len(item) == 2 for item in recorded):
            return None
        if not (recorded == inputs if inputs is not None else unchanged(recorded)):
            return None
        return record.get("data"), recorded

    def put(self, kind: str, material: object, inputs: list[list[str | None]], data: object) -> None:
        """Store ``data`` as the ``kind`` record for ``material``, built from ``inputs`` (fingerprinted before it was built)."""
        entry_key = key(kind, material)
        self.write(f"{kind}-{entry_key}.json", {"key": entry_key, "inputs": inputs, "data": data})


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
