"""Fix files on disk: read, fix in memory, verify, write atomically, report."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from taglint.engine import FileResult, Setup, apply_per_file_ignores, read_bytes, result_for, _io_error
from taglint.fixing import fix_note
from taglint.notes import parse_note
from taglint.safewrite import WriteRefused, write_if_unchanged


@dataclass(frozen=True)
class FileFix:
    path: str
    applied: int  # fixes applied (or that would be, with write=False)
    written: bool
    result: FileResult  # what remains
    before: str = ""
    after: str = ""
    error: str | None = None  # why the file was not fixed

    def diff(self) -> str:
        if self.before == self.after:
            return ""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True), f"a/{self.path}", f"b/{self.path}"
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def fix_file(path: str, setup: Setup, unsafe: bool, write: bool, roots: list[str]) -> FileFix:
    try:
        data = read_bytes(path)
    except OSError as exc:
        return FileFix(path, 0, False, _io_error(path, exc))
    note = parse_note(path, data, setup.config.tag_fields, setup.config.inline_tags)
    outcome = fix_note(note, setup, unsafe)
    remaining = result_for(outcome.note, outcome.remaining, setup)
    if outcome.refused or not outcome.changed:
        return FileFix(path, 0, False, remaining, error=outcome.refused)
    new_bytes = outcome.note.source.encode()
    if not write:
        return FileFix(path, outcome.applied, False, remaining, note.text, outcome.note.text)
    try:
        write_if_unchanged(path, data, new_bytes, roots)
    except WriteRefused as exc:
        return FileFix(path, 0, False, result_for(note, list(_original(note, setup)), setup), error=str(exc))
    except OSError as exc:
        return FileFix(path, 0, False, result_for(note, list(_original(note, setup)), setup), error=f"cannot write: {exc.strerror or exc}")
    return FileFix(path, outcome.applied, True, remaining, note.text, outcome.note.text)


def _original(note, setup):  # type: ignore[no-untyped-def]
    from taglint.engine import check_note

    return apply_per_file_ignores(note.path, check_note(note, setup), setup)


def fix_paths(paths: Sequence[str], setup: Setup, unsafe: bool = False, write: bool = True, force_exclude: bool = False) -> Iterator[FileFix]:
    from taglint.discovery import FileSelector

    roots = [os.path.realpath(setup.config.root)] + [os.path.realpath(p) for p in paths if os.path.isdir(p)]
    for path in FileSelector(setup.config).walk(paths, force_exclude):
        yield fix_file(path, setup, unsafe, write, roots)
