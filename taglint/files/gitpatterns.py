"""A gitignore line as the question a directory walk asks of each entry: is this file or directory itself ignored?

pathspec's ``GitIgnoreSpec`` (``files.globs``) answers another question: is this
path, or a directory above it, ignored? Asked about one entry of a walk, its
answer differs from git's in patterns people write: after ``*``, ``!*/`` does not
re-include directories, so the whitelist ``*`` / ``!*/`` / ``!*.md`` walks no
subdirectory; and ``X/**`` ignores ``X`` itself, so ``!X/keep.md`` cannot bring
the note back (pathspec issues 133 and 137; tests/test_gitignore.py holds both
layouts against real git). So the shape of a line is read here, by git's rules
(gitignore(5); git's dir.c, ``parse_path_pattern`` and ``match_pathname``), and
the glob of each path segment (``*``, ``?``, ``[...]``, backslash escapes) is
translated by pathspec. git matches bytes, so the expressions run on RE2 in
Latin-1 mode over a path's UTF-8 bytes; RE2 matches in linear time whatever a
``.gitignore`` from a pull request holds.
"""

from __future__ import annotations

import re
from typing import Any

# How pathspec ends the expression of an anchored one-segment pattern ("/seg").
_PATHSPEC_TAIL = "(?:(?P<ps_d>/)|$)"


def _trim_trailing_spaces(line: str) -> str:
    """``line`` without its trailing spaces, except one escaped with a backslash (git's ``trim_trailing_spaces``)."""
    last_space = None
    index = 0
    while index < len(line):
        char = line[index]
        if char == " ":
            if last_space is None:
                last_space = index
        else:
            last_space = None
            if char == "\\":
                index += 1  # the escaped character, a space included, stays
        index += 1
    return line if last_space is None else line[:last_space]


def _segment(glob: str) -> str | None:
    """The expression of one path segment's glob (no ``/``), or None when git cannot use it."""
    if glob and set(glob) == {"*"}:
        return "[^/]*"  # "*", and "**" inside a name, is any name
    # The package before the submodule: importing a submodule first holds its lock while the
    # package loads, and another thread importing the package (files.globs) then deadlocks
    # (the language server loads lazily from several threads).
    import pathspec  # noqa: F401
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    try:
        found, _ = GitIgnoreSpecPattern.pattern_to_regex("/" + glob)
    except ValueError:  # a trailing backslash
        return None
    if not isinstance(found, str) or not found.startswith("^") or not found.endswith(_PATHSPEC_TAIL):
        return None  # a range git discards ([z-a]) or a shape this module does not know
    body = found[1 : -len(_PATHSPEC_TAIL)]
    try:
        re.compile(body)  # a bad range: git drops the line; caught here, before RE2 (which logs to stderr)
    except re.error:
        return None
    return body


def entry_pattern(line: str) -> tuple[str, bool, bool] | None:
    """``(expression, ignores, directories only)`` for one line of a gitignore file; None for a comment, a blank or unusable line.

    The expression matches the path of an entry relative to the file's directory;
    ``ignores`` is False for a ``!`` line; a line ending in ``/`` matches directories only.
    """
    if line.startswith("#"):
        return None
    pattern = _trim_trailing_spaces(line)
    ignores = not pattern.startswith("!")
    if not ignores:
        pattern = pattern[1:]
    must_be_dir = pattern.endswith("/")
    if must_be_dir:
        pattern = pattern[:-1]
    if not pattern:
        return None
    if "/" not in pattern:  # no slash: the name, at any depth below the file's directory
        body = _segment(pattern)
        return None if body is None else (rf"^(?:.+/)?{body}\z", ignores, must_be_dir)
    segments = pattern.removeprefix("/").split("/")  # a slash anywhere anchors the pattern to the file's directory
    segments = [seg for i, seg in enumerate(segments) if not (seg == "**" and i and segments[i - 1] == "**")]
    last = len(segments) - 1
    expression, slash = "^", ""
    for i, seg in enumerate(segments):
        if seg != "**":
            body = _segment(seg)
            if body is None:
                return None
            expression, slash = expression + slash + body, "/"
        elif i == 0:
            expression += ".+" if i == last else "(?:.+/)?"  # leading "**/": any directories, or none
        elif i == last:
            expression += "/.+"  # trailing "/**": everything inside, not the directory itself
        else:
            expression += "(?:/.+)?"  # "/**/": any directories between, or none
    return rf"{expression}\z", ignores, must_be_dir


class _Set:
    """Expressions matched at once (an RE2 set); the last one that matches decides."""

    def __init__(self, fold_case: bool) -> None:
        import re2

        options = re2.Options()
        options.encoding = re2.Options.Encoding.LATIN1  # bytes, as git matches them
        options.case_sensitive = not fold_case  # core.ignoreCase
        self._set: Any = re2.Set.SearchSet(options)
        self._ignores: list[bool] = []

    def add(self, expression: str, ignores: bool) -> None:
        import re2

        try:
            self._set.Add(expression.encode("utf-8", "surrogateescape"))
        except re2.error:
            return
        self._ignores.append(ignores)

    def compile(self) -> None:
        if self._ignores:
            self._set.Compile()

    def verdict(self, path: str) -> bool | None:
        if not self._ignores:
            return None
        found = self._set.Match(path.encode("utf-8", "surrogateescape"))
        return self._ignores[max(found)] if found else None


class PatternSet:
    """The lines of one source: the last line that matches an entry decides whether it is ignored."""

    def __init__(self, lines: tuple[str, ...], fold_case: bool = False) -> None:
        # Two sets, as a line ending in "/" matches directories only.
        self._files, self._dirs = _Set(fold_case), _Set(fold_case)
        self.empty = True
        for line in lines:
            found = entry_pattern(line)
            if found is None:
                continue
            expression, ignores, dirs_only = found
            self._dirs.add(expression, ignores)
            if not dirs_only:
                self._files.add(expression, ignores)
            self.empty = False
        self._files.compile()
        self._dirs.compile()

    def verdict(self, path: str, is_dir: bool) -> bool | None:
        """True: the entry at ``path`` is ignored; False: a ``!`` line re-includes it; None: no line matches."""
        return (self._dirs if is_dir else self._files).verdict(path)
