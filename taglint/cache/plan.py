"""The pre-commit plan's storage: what the fast path needs to prove notes clean, stored by a full run.

The plan is valid while every input of the setup (config, taxonomy, rule
files, the rules directory's listing, files the rule sets name) has the same
size and CRC-32 as when it was stored, and the taglint version is the same.
It lives next to the compiled setup in the user's cache directory. This
module is imported by the fast path: it must stay light (json, os, zlib).
"""

from __future__ import annotations

import json
import os
import zlib

from taglint._version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: it alone costs the fast path ~10%
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

FORMAT = 1


def identity(source: str | None, root: str) -> str:
    return f"file:{source}" if source is not None else f"dir:{root}"


def _plan_path(identity: str) -> str:
    from taglint.project.locations import user_cache_dir

    return os.path.join(user_cache_dir(), f"quick-{zlib.crc32(identity.encode('utf-8', 'surrogateescape')):08x}.json")


def fingerprint(path: str) -> list[Any]:
    """``[path, size, crc32]`` of a file, ``[path, None, None]`` when it does not exist."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return [path, None, None]
    return [path, len(data), zlib.crc32(data)]


def listing(path: str) -> list[Any]:
    try:
        return [path, sorted(os.listdir(path))]
    except NotADirectoryError:
        return [path, "file"]
    except FileNotFoundError:
        return [path, None]


def _current(stored: dict[str, Any]) -> bool:
    return (
        stored.get("format") == FORMAT
        and stored.get("version") == __version__
        and all(fingerprint(path) == [path, size, crc] for path, size, crc in stored["inputs"])
        and all(listing(path) == [path, names] for path, names in stored["listings"])
    )


def read_plan(identity: str, decode: Callable[[dict[str, Any]], Any]) -> Any:
    """``decode(stored)`` for the stored plan of ``identity`` while it is current, else None.

    A plan ``decode`` cannot read (a part missing, another layout) is None too:
    the next full run stores a new one.
    """
    try:
        with open(_plan_path(identity), encoding="utf-8") as handle:
            stored = json.load(handle)
    except (OSError, ValueError):
        return None
    try:
        if not isinstance(stored, dict) or stored.get("identity") != identity or not _current(stored):
            return None
        return decode(stored)
    except (KeyError, TypeError, ValueError):
        return None


def write_plan(identity: str, stored: dict[str, Any]) -> None:
    """Store ``stored`` (built by ``taglint.lint.precommit.remember``) as the plan for ``identity``."""
    from taglint.cache.setup import store_json

    store_json(_plan_path(identity), {"format": FORMAT, "version": __version__, "identity": identity, **stored})

