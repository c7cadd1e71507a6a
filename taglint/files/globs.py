"""Gitignore-style globs (include, exclude, per-file-ignores, a custom rule's ``path``), matched in linear time.

pathspec turns each glob into a regular expression; on Python's ``re`` a glob
such as ``*a*a*a*a*a*a*a*a*a*a*b`` against a long file name backtracks for
minutes, and globs come from config files a pull request can change. pathspec's
RE2 backend matches in time linear in the path, whatever the glob.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any


def compile_globs(lines: Iterable[str]) -> Any:
    """A ``pathspec.GitIgnoreSpec`` for ``lines``, matched with RE2 (last matching line wins, ``!`` negates)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(lines), backend="re2")


def glob_matches(glob: str, relative_path: str) -> bool:
    """Whether one glob matches a path relative to the project root (forward slashes)."""
    return bool(_one(glob).match_file(relative_path))


@lru_cache(maxsize=256)
def _one(glob: str) -> Any:
    return compile_globs([glob])
