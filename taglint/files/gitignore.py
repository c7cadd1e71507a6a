"""Git's ignore rules for a directory walk, as ``git status`` applies them to untracked files.

Sources, from the lowest precedence to the highest (https://git-scm.com/docs/gitignore):
the global excludes file (``core.excludesFile``, by default ``$XDG_CONFIG_HOME/git/ignore``),
``$GIT_DIR/info/exclude``, then the ``.gitignore`` of each directory from the top of the work
tree down to the one being listed, deeper files overriding higher ones. Within one source the
last matching line decides; ``!`` re-includes. Sources based at the same directory are one
list of lines (lower precedence first), which gives the same answers with one match per path.

Rules apply only inside a git work tree: the nearest directory above the project root holding
``.git`` (a directory, or a file pointing at one: linked worktrees, submodules). As in git and
ruff, a file inside an ignored directory is never reached (the walk prunes the directory), so
``!`` cannot re-include it. Not read: the index (a tracked file matching a pattern is skipped
too, as ruff skips it), ``include``/``includeIf`` in git config files, the system config,
``GIT_DIR`` and the other ``GIT_*`` variables.

Patterns are matched by pathspec's ``GitIgnoreSpec`` on RE2 (``files.globs``): a ``.gitignore``
arrives in pull requests, and RE2 matches any pattern in linear time.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

try:
    # The C module behind hashlib.blake2b, without the OpenSSL that importing hashlib loads (see cache.fingerprint).
    from _blake2 import blake2b
except ImportError:  # an interpreter built without its own BLAKE2
    from hashlib import blake2b

# git refuses pattern files of 100 MB and more (dir.c, PATTERN_MAX_FILE_SIZE).
MAX_PATTERN_FILE_BYTES = 100 * 1024 * 1024
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # git does not follow a symlinked .gitignore (2.32+); neither do we
_NON_BLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO named .gitignore must not hang the walk

Matcher = Callable[[str, bool], bool]  # (entry name, is a directory) -> ignored


def read_patterns(path: str) -> list[str]:
    """The lines of a pattern file as git reads them; none when it is missing, not a regular file, or too large."""
    try:
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW | _NON_BLOCK)
    except OSError:
        return []
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size >= MAX_PATTERN_FILE_BYTES:
            return []
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
    except OSError:
        return []
    finally:
        os.close(fd)
    # git skips a UTF-8 BOM and drops the CR of CRLF line ends (dir.c, add_patterns_from_buffer).
    text = b"".join(chunks).removeprefix(b"\xef\xbb\xbf").decode("utf-8", "surrogateescape")
    return [line.removesuffix("\r") for line in text.split("\n")]


def _compile(lines: list[str]) -> Any:
    from taglint.files.globs import compile_globs

    try:
        return compile_globs(lines)
    except Exception:
        # git skips a line it cannot read ("!", a trailing "\", a bad range) and keeps the others.
        return compile_globs([line for line in lines if _compiles(line)])


def _compiles(line: str) -> bool:
    from taglint.files.globs import compile_globs

    try:
        compile_globs([line])
    except Exception:
        return False
    return True


@dataclass(frozen=True)
class _Level:
    """The patterns of the sources based at one directory (absolute, normalised)."""

    base: str
    lines: tuple[str, ...]

    @cached_property
    def spec(self) -> Any:
        return _compile(list(self.lines))

    def prefix(self, directory: str) -> str:
        """``directory`` (inside ``base``) relative to ``base``, with a trailing slash; empty for ``base`` itself."""
        return "" if directory == self.base else os.path.relpath(directory, self.base).replace(os.sep, "/") + "/"


def _meaningful(lines: list[str]) -> bool:
    return any(line.strip() and not line.startswith("#") for line in lines)


class IgnoreRules:
    """The ignore rules in force inside one directory of a work tree; ``key`` names them (for stored listings)."""

    def __init__(self, levels: tuple[_Level, ...], key: str) -> None:
        self.levels = levels
        self.key = key

    def child(self, directory: str) -> IgnoreRules:
        """The rules inside ``directory`` (absolute), a subdirectory: these plus its ``.gitignore``, if it has one."""
        lines = read_patterns(os.path.join(directory, ".gitignore"))
        if not _meaningful(lines):
            return self
        return self._with(directory, lines)

    def _with(self, base: str, lines: list[str]) -> IgnoreRules:
        key = blake2b(f"{self.key}\0{base}\0{chr(10).join(lines)}".encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
        if self.levels and self.levels[-1].base == base:  # the same base: one list, the later source last
            return IgnoreRules((*self.levels[:-1], _Level(base, self.levels[-1].lines + tuple(lines))), key)
        return IgnoreRules((*self.levels, _Level(base, tuple(lines))), key)

    def matcher(self, directory: str) -> Matcher | None:
        """Whether an entry of ``directory`` (absolute, normalised) is ignored; None when nothing can be."""
        # The deepest source that matches decides (git: lower-level files override higher ones).
        pairs = [(level.spec, level.prefix(directory)) for level in reversed(self.levels)]
        if not pairs:
            return None
        # Paths are built with "/" already: no separators for pathspec to normalise (a third of a match's cost).
        if len(pairs) == 1:
            spec, prefix = pairs[0]
            return lambda name, is_dir: bool(spec.match_file(prefix + name + "/" if is_dir else prefix + name, ()))

        def ignored(name: str, is_dir: bool) -> bool:
            for spec, prefix in pairs:
                verdict = spec.check_file(prefix + name + "/" if is_dir else prefix + name, ()).include
                if verdict is not None:
                    return bool(verdict)
            return False

        return ignored


OUTSIDE = IgnoreRules((), "")  # no rules: outside a work tree, or gitignore not respected


@dataclass(frozen=True)
class WorkTree:
    """A git work tree: its top directory and the rules in force there (global excludes, info/exclude, .gitignore)."""

    root: str
    rules: IgnoreRules

    def enter(self, rules: IgnoreRules, directory: str) -> IgnoreRules:
        """The rules inside ``directory`` (absolute), a subdirectory of one whose rules are ``rules``."""
        if rules is OUTSIDE:  # a walk that started above the work tree reaches its top, or passes elsewhere
            return self.rules if directory == self.root else OUTSIDE
        return rules.child(directory)

    def rules_inside(self, directory: str) -> IgnoreRules | None:
        """The rules inside ``directory`` (absolute), where a walk starts; None when it or a directory above it is ignored.

        As ruff (through the ``ignore`` crate) does, a directory named on the command line
        that lies in an ignored directory yields nothing. Outside the work tree: ``OUTSIDE``.
        """
        if directory != self.root and not directory.startswith(os.path.join(self.root, "")):
            return OUTSIDE
        rules, current = self.rules, self.root
        for name in os.path.relpath(directory, self.root).split(os.sep):
            if name == os.curdir:
                continue
            matcher = rules.matcher(current)
            if matcher is not None and matcher(name, True):
                return None
            current = os.path.join(current, name)
            rules = rules.child(current)
        return rules


def find_work_tree(start: str) -> WorkTree | None:
    """The work tree holding ``start`` (a directory), with its top rules; None outside any."""
    directory = os.path.abspath(start)
    while not os.path.lexists(os.path.join(directory, ".git")):
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent
    common = _common_dir(os.path.join(directory, ".git"))
    sources = [_global_excludes_file(common), os.path.join(common, "info", "exclude") if common else None]
    rules = IgnoreRules((), "top")
    for source in sources:
        lines = read_patterns(source) if source else []
        if _meaningful(lines):
            rules = rules._with(directory, lines)
    return WorkTree(directory, rules.child(directory))


def _common_dir(dot_git: str) -> str | None:
    """The repository directory that holds ``info/`` and ``config`` for the work tree whose ``.git`` is ``dot_git``."""
    if os.path.isdir(dot_git):
        git_dir = dot_git
    else:  # "gitdir: <path>", relative to the .git file's directory
        lines = read_patterns(dot_git)
        found = lines[0].strip() if lines else ""
        if not found.startswith("gitdir:"):
            return None
        git_dir = os.path.join(os.path.dirname(dot_git), found[len("gitdir:") :].strip())
    # A linked worktree's git dir names the main one in "commondir" (git rev-parse --git-common-dir).
    common = read_patterns(os.path.join(git_dir, "commondir"))
    if common and common[0].strip():
        git_dir = os.path.join(git_dir, common[0].strip())
    return os.path.normpath(git_dir)


_SECTION = re.compile(r'^\s*\[\s*([A-Za-z0-9.-]+)\s*("(?:[^"\\]|\\.)*")?\s*\]')
_EXCLUDES_FILE = re.compile(r"^\s*excludesfile\s*=\s*(.*)$", re.IGNORECASE)


def _global_excludes_file(common: str | None) -> str:
    """``core.excludesFile`` from the user's git config files and the repository's, else git's default place.

    A plain ``[core]`` section with ``excludesFile = path`` is read (``~/`` expanded,
    double quotes removed, ``#``/``;`` comments dropped); ``include`` is not followed.
    """
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    found = os.path.join(xdg, "git", "ignore")
    configs = [os.path.join(xdg, "git", "config"), os.path.join(home, ".gitconfig")]
    for config in [*configs, *([os.path.join(common, "config")] if common else [])]:
        section = ""
        for line in read_patterns(config):
            header = _SECTION.match(line)
            if header:
                section = header.group(1).lower() + (header.group(2) or "")
                continue
            value = _EXCLUDES_FILE.match(line) if section == "core" else None
            if value:
                found = os.path.expanduser(_config_value(value.group(1)))  # later files win, as in git
    return found


def _config_value(raw: str) -> str:
    value, quoted = [], False
    for char in raw.strip():
        if char == '"':
            quoted = not quoted
        elif char in "#;" and not quoted:
            break
        else:
            value.append(char)
    return "".join(value).strip()
