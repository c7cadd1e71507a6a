"""Which files to check: directories recursed, include/exclude patterns (gitignore-style)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import cached_property

from taglint.config import DEFAULT_EXCLUDE, Config


class FileSelector:
    def __init__(self, config: Config) -> None:
        self.config = config

    @cached_property
    def _include(self) -> object:
        import pathspec

        return pathspec.PathSpec.from_lines("gitwildmatch", self.config.include)

    @cached_property
    def _exclude(self) -> object:
        import pathspec

        return pathspec.PathSpec.from_lines("gitwildmatch", (*DEFAULT_EXCLUDE, *self.config.exclude))

    def relative(self, path: str) -> str:
        """``path`` relative to the config root, with forward slashes, for pattern matching."""
        rel = os.path.relpath(os.path.abspath(path), self.config.root)
        return rel.replace(os.sep, "/")

    def excluded(self, path: str, is_dir: bool = False) -> bool:
        rel = self.relative(path)
        if rel.startswith("../"):
            return False
        return bool(self._exclude.match_file(rel + ("/" if is_dir else "")))  # type: ignore[attr-defined]

    def included(self, path: str) -> bool:
        return bool(self._include.match_file(os.path.basename(path)) or self._include.match_file(self.relative(path)))  # type: ignore[attr-defined]

    def walk(self, paths: Sequence[str], force_exclude: bool = False) -> Iterator[str]:
        """Files to check, in a stable order: explicit files as given, directories recursed sorted."""
        seen: set[str] = set()
        for given in paths:
            if os.path.isdir(given) and not os.path.islink(given):
                for found in self._walk_dir(given):
                    if found not in seen:
                        seen.add(found)
                        yield found
            else:
                # An explicitly named file is checked even if excluded, unless forced (pre-commit passes every file).
                if (force_exclude or self.config.force_exclude) and self.excluded(given):
                    continue
                if given not in seen:
                    seen.add(given)
                    yield given

    def _walk_dir(self, top: str) -> Iterator[str]:
        stack = [top]
        while stack:
            directory = stack.pop()
            try:
                with os.scandir(directory) as entries:
                    items = sorted(entries, key=lambda e: e.name)
            except OSError:
                yield directory  # reported by the reader with the OS error
                continue
            subdirs: list[str] = []
            for entry in items:
                path = os.path.join(directory, entry.name) if directory != "." else entry.name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    is_dir = False
                if is_dir:
                    if not self.excluded(path, is_dir=True):
                        subdirs.append(path)
                elif self.included(path) and not self.excluded(path):
                    yield path
            stack.extend(reversed(subdirs))
