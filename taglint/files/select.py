"""Which files to check: directories recursed, include/exclude patterns (gitignore-style)."""

from __future__ import annotations

import json
import operator
import os
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from taglint.files.read import inside, names_a_link, tree_roots

if TYPE_CHECKING:
    from taglint.cache.listings import Listings
    from taglint.files.gitignore import IgnoreRules, WorkTree
    from taglint.project.config import Config

# Never notes: version control, dependencies, virtual environments, caches; Obsidian's
# configuration folder (.obsidian/: settings, plugin code and their READMEs; Obsidian Help,
# "Configuration folder") and its trash (.trash/: the notes deleted with Settings > Files and
# links > Deleted files set to "Obsidian trash"; Obsidian Help, "Manage notes"). For every
# dialect: Jekyll publishes no dot-directory (lib/jekyll/entry_filter.rb, ``special?``), and a
# folder called .trash holds deleted things wherever it is.
DEFAULT_EXCLUDE = (
    ".git/",
    ".hg/",
    ".svn/",
    "node_modules/",
    ".venv/",
    "venv/",
    ".taglint_cache/",
    "__pycache__/",
    ".obsidian/",
    ".trash/",
)

_NAME = operator.attrgetter("name")


class FileSelector:
    def __init__(self, config: Config) -> None:
        self.config = config

    @cached_property
    def _include(self) -> object:
        from taglint.files.globs import compile_globs

        return compile_globs(self.config.include)

    @cached_property
    def _exclude(self) -> object:
        from taglint.files.globs import compile_globs

        return compile_globs((*DEFAULT_EXCLUDE, *self.config.exclude))

    @cached_property
    def _work_tree(self) -> WorkTree | None:
        """The git work tree around the project root whose ignore rules the walk follows; None when not respected."""
        if not self.config.respect_gitignore:
            return None
        from taglint.files.gitignore import find_work_tree

        return find_work_tree(self.config.root)

    def git_ignored(self, path: str, top: str) -> bool:
        """Whether a walk of directory ``top`` skips the file ``path`` below it under git's ignore rules."""
        tree = self._work_tree
        if tree is None:
            return False
        top = os.path.abspath(top)
        directory, name = os.path.split(os.path.abspath(path))
        rules = tree.rules_below(tree.walk_rules(top), top, directory)
        if rules is None:
            return True
        ignored = rules.matcher(directory)
        return ignored is not None and ignored(name, False)

    def relative(self, path: str) -> str:
        """``path`` relative to the config root, with forward slashes, for pattern matching."""
        rel = os.path.relpath(os.path.abspath(path), self.config.root)
        return rel.replace(os.sep, "/")

    def excluded(self, path: str, is_dir: bool = False) -> bool:
        rel = self.relative(path)
        if rel.startswith("../"):
            return False
        return bool(self._exclude.match_file(rel + ("/" if is_dir else "")))  # type: ignore[attr-defined]

    @cached_property
    def _suffixes(self) -> tuple[str, ...] | None:
        """The include patterns as plain suffixes when they are all ``*.ext`` (the usual case)."""
        patterns = self.config.include
        if all(p.startswith("*.") and not any(c in p[1:] for c in "*?[]/!\\") for p in patterns):
            return tuple(p[1:] for p in patterns)
        return None

    @cached_property
    def _file_excludes(self) -> bool:
        # The default excludes all name directories, which the walk prunes; only user patterns can hit files.
        return bool(self.config.exclude)

    def _selected(self, directory_rel: str, name: str) -> bool:
        """Whether file ``name`` in a directory at ``directory_rel`` (relative to the root) is checked."""
        suffixes = self._suffixes
        if suffixes is not None:
            if not name.endswith(suffixes):
                return False
        else:
            rel = f"{directory_rel}/{name}" if directory_rel else name
            if not (self._include.match_file(name) or self._include.match_file(rel)):  # type: ignore[attr-defined]
                return False
        if not self._file_excludes or directory_rel.startswith("../"):
            return True
        rel = f"{directory_rel}/{name}" if directory_rel else name
        return not self._exclude.match_file(rel)  # type: ignore[attr-defined]

    def included(self, path: str) -> bool:
        return bool(self._include.match_file(os.path.basename(path)) or self._include.match_file(self.relative(path)))  # type: ignore[attr-defined]

    def selection(self) -> str:
        """The settings that decide which files a directory listing yields (for stored listings)."""
        config = self.config
        return json.dumps([config.root, config.include, DEFAULT_EXCLUDE, config.exclude])

    def walk(self, paths: Sequence[str], force_exclude: bool = False, listings: Listings | None = None) -> Iterator[str]:
        """Files to check, in a stable order: explicit files as given, directories recursed sorted.

        With ``listings``, a directory unchanged since a listing was stored is not listed again.

        A symlink to a directory named here (``notes`` or ``notes/`` alike) is
        walked when its target lies inside the checked tree (``files.read.tree_roots``),
        and otherwise yielded as it is named, without a trailing slash, so the reader
        reports it like a symlinked file that leads out. Symlinked directories met
        inside the walk are never descended into.
        """
        if len(paths) == 1 and os.path.isdir(paths[0]) and not names_a_link(paths[0]):
            yield from self._walk_dir(paths[0], listings)  # the big-collection case, without a layer per file
            return
        roots: list[str] | None = None
        seen: set[str] = set()
        # Remembering every path is only needed when arguments can overlap; one directory
        # (the big-collection case) streams without a set that grows with the collection.
        dedupe = len(paths) > 1
        for given in paths:
            directory = os.path.isdir(given)
            if directory and names_a_link(given):
                roots = tree_roots(paths, self.config.root) if roots is None else roots
                directory = inside(os.path.realpath(given), roots)
                if not directory:
                    given = os.path.normpath(given)  # "notes/" would open the target; "notes" is read as the link it is
            if directory:
                for found in self._walk_dir(given, listings):
                    if not dedupe:
                        yield found
                    elif found not in seen:
                        seen.add(found)
                        yield found
            else:
                # An explicitly named file is checked even if excluded, unless forced (pre-commit passes every file).
                if (force_exclude or self.config.force_exclude) and self.excluded(given):
                    continue
                if given not in seen:
                    seen.add(given)
                    yield given

    def _walk_dir(self, top: str, listings: Listings | None = None) -> Iterator[str]:
        # The hot loop of a big run's parent process: one string concatenation per
        # file, suffix tests inline; pattern matching only where patterns need it.
        # Git's ignore rules are found as the walk goes down: each directory's are
        # its parent's plus its own .gitignore; they are part of its stored listing's key.
        tree = self._work_tree
        rules = tree.walk_rules(os.path.abspath(top)) if tree is not None else None
        stack: list[tuple[str, IgnoreRules | None]] = [(top, rules)]
        suffixes = self._suffixes
        while stack:
            directory, rules = stack.pop()
            prefix = "" if directory == "." else os.path.join(directory, "")
            stamp = None
            if listings is not None:
                stamp, listed = listings.get(directory, rules.key if rules is not None else "")
                if listed is not None:
                    names, subdir_names = listed
                    yield from map(prefix.__add__, names)
                    stack.extend(reversed([(path, self._rules_in(path, rules)) for path in map(prefix.__add__, subdir_names)]))
                    continue
            try:
                with os.scandir(directory) as found:
                    entries = list(found)
            except OSError:
                yield directory  # reported by the reader with the OS error
                continue
            entries.sort(key=_NAME)
            subdirs: list[str] = []
            selected: list[str] = []  # names, for the stored listing
            directory_rel = self.relative(directory)
            if directory_rel == ".":
                directory_rel = ""
            by_suffix = suffixes is not None and (not self._file_excludes or directory_rel.startswith("../"))
            ignored = rules.matcher(os.path.abspath(directory)) if rules is not None else None
            for entry in entries:
                name = entry.name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    is_dir = False
                if is_dir:
                    if not self.excluded(prefix + name, is_dir=True) and (ignored is None or not ignored(name, True)):
                        subdirs.append(prefix + name)
                elif (name.endswith(suffixes) if by_suffix else self._selected(directory_rel, name)) and (  # type: ignore[arg-type]
                    ignored is None or not ignored(name, False)
                ):
                    selected.append(name)
                    yield prefix + name
            if listings is not None:
                listings.put(directory, stamp, selected, [path[len(prefix) :] for path in subdirs], rules.key if rules is not None else "")
            stack.extend(reversed([(path, self._rules_in(path, rules)) for path in subdirs]))

    def _rules_in(self, directory: str, parent: IgnoreRules | None) -> IgnoreRules | None:
        """The git ignore rules inside ``directory``, a subdirectory of one whose rules are ``parent``."""
        tree = self._work_tree
        return None if tree is None or parent is None else tree.enter(parent, os.path.abspath(directory))
