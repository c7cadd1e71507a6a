"""Fix files on disk: read, fix in memory, verify, write atomically, report.

A file is written only when its bytes change. A symlinked note is written
(through to its target) only when the target lies inside the tree that was
named on the command line; taglint never follows a link out of it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from taglint.engine import FileResult, Setup, _io_error, internal_error, read_bytes, result_for
from taglint.fixing import findings, fix_note
from taglint.notes import parse_note
from taglint.safewrite import WriteRefused, write_if_unchanged
from taglint.staletemps import remove_stale

_LINES = re.compile(r"[^\n]*\n|[^\n]+")


@dataclass(frozen=True)
class FileFix:
    path: str
    fixed: int  # findings resolved (or that would be, with write=False)
    changed: bool  # the file was (or would be) rewritten
    written: bool
    result: FileResult  # what remains
    before: str = ""
    after: str = ""
    error: str | None = None  # why the file was not fixed

    def diff(self) -> str:
        if self.before == self.after:
            return ""
        # Split on "\n" only: str.splitlines would also cut at \x0b, \x1c, U+2028 and friends.
        lines = difflib.unified_diff(_LINES.findall(self.before), _LINES.findall(self.after), f"a/{self.path}", f"b/{self.path}")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def fix_file(path: str, setup: Setup, unsafe: bool, write: bool, roots: Sequence[str]) -> FileFix:
    """Fix one file; every failure becomes a reported ``error`` so the other files go on."""
    try:
        data = read_bytes(path, roots)
    except OSError as exc:
        # Reported as a parse-error finding ("cannot read file: ..."), which is an error.
        return FileFix(path, 0, False, False, _io_error(path, exc))
    note = parse_note(path, data, setup.config.tag_fields, setup.config.inline_tags)
    outcome = fix_note(note, setup, unsafe)
    remaining = result_for(outcome.note, outcome.remaining, setup)
    if outcome.refused or not outcome.changed:
        return FileFix(path, 0, False, False, remaining, error=outcome.refused)
    new_bytes = outcome.note.source.encode()
    if new_bytes == data:  # cannot happen after a change, but never rewrite identical bytes
        return FileFix(path, 0, False, False, remaining)
    if not write:
        return FileFix(path, outcome.fixed, True, False, remaining, note.text, outcome.note.text)
    try:
        write_if_unchanged(path, data, new_bytes, roots)
    except WriteRefused as exc:
        reason = str(exc)
    except OSError as exc:
        reason = f"cannot write: {exc.strerror or exc}"
    else:
        return FileFix(path, outcome.fixed, True, True, remaining, note.text, outcome.note.text)
    # Not written: what remains is everything the unfixed file has.
    return FileFix(path, 0, False, False, result_for(note, findings(note, setup), setup), error=reason)


def checked_root(given: str, config_root: str) -> str:
    """The tree a command-line path opens: a directory itself, or for a file the project it lies in.

    A file named on its own (as pre-commit passes them) belongs to the config
    root when it lies under it, else only to its own directory.
    """
    absolute = os.path.abspath(given)
    if os.path.isdir(given) and not os.path.islink(given):
        return os.path.realpath(absolute)
    parent = os.path.dirname(absolute)
    root = os.path.realpath(config_root)
    real_parent = os.path.realpath(parent)
    if real_parent == root or real_parent.startswith(root.rstrip(os.sep) + os.sep):
        return root
    return real_parent


def fix_paths(paths: Sequence[str], setup: Setup, unsafe: bool = False, write: bool = True, force_exclude: bool = False) -> Iterator[FileFix]:
    from taglint.discovery import FileSelector

    selector = FileSelector(setup.config)
    seen: set[str] = set()
    cleaned: set[str] = set()
    # Each file may be written only inside the tree of the argument it was found under.
    for given in paths:
        roots = [checked_root(given, setup.config.root)]
        for path in selector.walk([given], force_exclude):
            if path in seen:
                continue
            seen.add(path)
            directory = os.path.dirname(path)
            if write and directory not in cleaned:
                cleaned.add(directory)
                remove_stale(directory)  # temp files of an earlier, killed run
            try:
                item = fix_file(path, setup, unsafe, write, roots)
            except Exception as exc:  # noqa: BLE001 - last resort: one bad file must never stop the run
                item = FileFix(path, 0, False, False, internal_error(path, exc), error="internal error; not fixed")
            yield item
