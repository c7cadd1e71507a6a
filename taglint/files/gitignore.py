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
``!`` cannot re-include it. A repository inside the work tree (a submodule, a clone) has its
own rules alone, as git reading it would. Not read: the index (a tracked file matching a pattern is skipped
too, as ruff skips it), ``include``/``includeIf`` in git config files, the system config,
``GIT_DIR`` and the other ``GIT_*`` variables.

Each line is matched as ``files.gitpatterns`` reads it: per entry, as git does, on RE2.
``core.ignoreCase`` folds case, as git does on a case-insensitive filesystem.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from taglint.files.gitpatterns import PatternSet

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


@dataclass(frozen=True)
class _Level:
    """The patterns of the sources based at one directory (absolute, normalised)."""

    base: str
    lines: tuple[str, ...]
    fold_case: bool

    @cached_property
    def patterns(self) -> PatternSet:
        return PatternSet(self.lines, self.fold_case)

    def prefix(self, directory: str) -> str:
        """``directory`` (inside ``base``) relative to ``base``, with a trailing slash; empty for ``base`` itself."""
        return "" if directory == self.base else os.path.relpath(directory, self.base).replace(os.sep, "/") + "/"


def _meaningful(lines: list[str]) -> bool:
    return any(line.strip() and not line.startswith("#") for line in lines)


class IgnoreRules:
    """The ignore rules in force inside one directory of a work tree; ``key`` names them (for stored listings)."""

    def __init__(self, levels: tuple[_Level, ...], key: str, fold_case: bool = False) -> None:
        self.levels = levels
        self.key = key
        self.fold_case = fold_case  # core.ignoreCase

    def child(self, directory: str) -> IgnoreRules:
        """The rules inside ``directory`` (absolute), a subdirectory: these plus its ``.gitignore``, if it has one."""
        lines = read_patterns(os.path.join(directory, ".gitignore"))
        if not _meaningful(lines):
            return self
        return self._with(directory, lines)

    def _with(self, base: str, lines: list[str]) -> IgnoreRules:
        key = blake2b(f"{self.key}\0{base}\0{chr(10).join(lines)}".encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
        if self.levels and self.levels[-1].base == base:  # the same base: one list, the later source last
            level = _Level(base, self.levels[-1].lines + tuple(lines), self.fold_case)
            return IgnoreRules((*self.levels[:-1], level), key, self.fold_case)
        return IgnoreRules((*self.levels, _Level(base, tuple(lines), self.fold_case)), key, self.fold_case)

    def matcher(self, directory: str) -> Matcher | None:
        """Whether an entry of ``directory`` (absolute, normalised) is ignored; None when nothing can be."""
        # The deepest source that matches decides (git: lower-level files override higher ones).
        pairs = [(level.patterns, level.prefix(directory)) for level in reversed(self.levels) if not level.patterns.empty]
        if not pairs:
            return None
        if len(pairs) == 1:
            patterns, prefix = pairs[0]
            return lambda name, is_dir: patterns.verdict(prefix + name, is_dir) is True

        def ignored(name: str, is_dir: bool) -> bool:
            for patterns, prefix in pairs:
                verdict = patterns.verdict(prefix + name, is_dir)
                if verdict is not None:
                    return verdict
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
        if os.path.lexists(os.path.join(directory, ".git")):
            # A repository inside the work tree (a submodule, a clone): git reads it with its own rules alone.
            return _top_rules(directory)
        return rules.child(directory)

    def walk_rules(self, top: str) -> IgnoreRules:
        """The rules a walk of ``top`` (absolute), a directory named on the command line, starts with.

        A named directory that git ignores, or that lies in one, is walked in full, as a
        named file is checked: git reads no .gitignore inside an ignored directory, so it
        has nothing finer to say there. (ruff finds nothing in it; a project kept in an
        ignored folder of a larger repository, such as bench/out/ here, would be skipped
        whole, without a word.) Outside the work tree: ``OUTSIDE``.
        """
        if top != self.root and not top.startswith(os.path.join(self.root, "")):
            return OUTSIDE
        rules = self.rules_below(self.rules, self.root, top)
        return OUTSIDE if rules is None else rules

    def rules_below(self, rules: IgnoreRules, start: str, directory: str) -> IgnoreRules | None:
        """The rules inside ``directory`` (absolute, at or below ``start``, whose rules are ``rules``).

        None when a directory on the way down from ``start``, ``directory`` included, is ignored.
        """
        current = start
        for name in os.path.relpath(directory, start).split(os.sep):
            if name == os.curdir:
                continue
            matcher = rules.matcher(current)
            if matcher is not None and matcher(name, True):
                return None
            current = os.path.join(current, name)
            rules = self.enter(rules, current)
        return rules


def find_work_tree(start: str) -> WorkTree | None:
    """The work tree holding ``start`` (a directory), with its top rules; None outside any."""
    directory = os.path.abspath(start)
    while not os.path.lexists(os.path.join(directory, ".git")):
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent
    return WorkTree(directory, _top_rules(directory))


def _top_rules(directory: str) -> IgnoreRules:
    """The rules inside the top ``directory`` of a work tree: the global excludes file, info/exclude, its .gitignore."""
    common = _common_dir(os.path.join(directory, ".git"))
    excludes_file, fold_case = _core_settings(common)
    sources = [excludes_file, os.path.join(common, "info", "exclude") if common else None]
    rules = IgnoreRules((), f"top:{fold_case}", fold_case)
    for source in sources:
        lines = read_patterns(source) if source else []
        if _meaningful(lines):
            rules = rules._with(directory, lines)
    return rules.child(directory)


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
_CORE_SETTING = re.compile(r"^\s*(excludesfile|ignorecase)\s*(?:=\s*(.*))?$", re.IGNORECASE)


def _core_settings(common: str | None) -> tuple[str, bool]:
    """``core.excludesFile`` (else git's default place) and ``core.ignoreCase``, from the user's git config files and the repository's.

    Plain ``[core]`` sections are read (``~/`` expanded, double quotes removed,
    ``#``/``;`` comments dropped), later files winning as in git; ``include`` is
    not followed and the system config is not read.
    """
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    excludes_file, fold_case = os.path.join(xdg, "git", "ignore"), False
    configs = [os.path.join(xdg, "git", "config"), os.path.join(home, ".gitconfig")]
    for config in [*configs, *([os.path.join(common, "config")] if common else [])]:
        section = ""
        for line in read_patterns(config):
            header = _SECTION.match(line)
            if header:
                section = header.group(1).lower() + (header.group(2) or "")
                continue
            setting = _CORE_SETTING.match(line) if section == "core" else None
            if setting is None:
                continue
            value = _config_value(setting.group(2) or "")
            if setting.group(1).lower() == "excludesfile":
                excludes_file = os.path.expanduser(value)
            else:
                fold_case = value.lower() in ("true", "yes", "on", "1", "")  # a key alone means true
    return excludes_file, fold_case


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
