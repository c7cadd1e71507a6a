"""Fix files on disk: read, fix in memory, verify, write atomically, report.

A file is written only when its bytes change. A symlinked note is written
(through to its target) only when the target lies inside the checked tree
(the project root and every directory named, as ``check`` reads it);
taglint never follows a link out of it, neither to read nor to write.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from taglint.lint import clean_proof
from taglint.lint.check import _io_error, internal_error, preload, result_for
from taglint.model import Batch, FileResult
from taglint.project.setup import Setup
from taglint.fix.note import findings, fix_note
from taglint.parse.notes import parse_note
from taglint.files.read import read_note, tree_roots
from taglint.files.write import Replacement, WriteRefused, replace_all, sync_directory_of
from taglint.files.staletemps import remove_stale
from taglint.files.text import decode_text

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
        import difflib

        lines = difflib.unified_diff(_LINES.findall(self.before), _LINES.findall(self.after), f"a/{self.path}", f"b/{self.path}")
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def fix_file(path: str, setup: Setup, unsafe: bool, write: bool, roots: Sequence[str]) -> FileFix | PendingWrite | None:
    """Fix one file in memory; every failure becomes a reported ``error`` so the other files go on.

    A fixed file that is to be written comes back as a ``PendingWrite``:
    ``write_fixes`` writes a whole batch of them at once. A clean note (nothing
    to fix, nothing remains) is None: most notes are, and an object each would
    cost a fix run more than checking them.
    """
    try:
        data = read_note(path, roots)
    except OSError as exc:
        # Reported as a parse-error finding ("cannot read file: ..."), which is an error.
        return FileFix(path, 0, False, False, _io_error(path, exc))
    plan = clean_proof.plan_of(setup)
    if plan is not None and clean_proof.is_clean(path, data, plan):
        return None
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
    return PendingWrite(Replacement(path, data, new_bytes), outcome.fixed, remaining)


@dataclass(frozen=True)
class PendingWrite:
    """A fixed note whose new bytes are still to be written: plain data, so a worker can hand it to the parent."""

    replacement: Replacement  # path, the bytes read, the fixed bytes (the texts are derived from them)
    fixed: int
    remaining: FileResult

    def outcome(self, setup: Setup, error: Exception | None) -> FileFix:
        path = self.replacement.path
        if error is None:
            return FileFix(path, self.fixed, True, True, self.remaining, decode_text(self.replacement.expected), decode_text(self.replacement.data))
        note = parse_note(path, self.replacement.expected, setup.config.tag_fields, setup.config.inline_tags)
        reason = str(error) if isinstance(error, WriteRefused) else f"cannot write: {getattr(error, 'strerror', None) or error}"
        # Not written: what remains is everything the unfixed file has.
        return FileFix(path, 0, False, False, result_for(note, findings(note, setup), setup), error=reason)


def write_fixes(pending: Sequence[PendingWrite], setup: Setup, roots: Sequence[str]) -> list[FileFix]:
    """Write a batch of fixed notes (``safewrite.replace_all``); each one's outcome, in order.

    Directories are not flushed here: ``fix_batches`` flushes each directory once after its files.
    """
    errors = replace_all([item.replacement for item in pending], roots)
    return [item.outcome(setup, error) for item, error in zip(pending, errors)]


@dataclass(frozen=True)
class FixBatch:
    """Consecutive files of a fix run: ``found`` holds the files that were fixed, failed or keep findings."""

    paths: Sequence[str]
    found: tuple[tuple[int, FileFix], ...]  # (index into paths, outcome), in order

    def remaining(self) -> Batch:
        """What remains to report, as a check batch."""
        return Batch(self.paths, tuple((index, item.result) for index, item in self.found if item.result.diagnostics))

    def items(self) -> Iterator[FileFix]:
        """Every file's outcome, untouched clean files included, in order."""
        found = dict(self.found)
        for index, path in enumerate(self.paths):
            yield found.get(index) or FileFix(path, 0, False, False, FileResult(path, ()))


def _directories(chunk: Sequence[str]) -> set[str]:
    """The directories holding the files of ``chunk``."""
    if os.altsep is not None:
        return {os.path.dirname(path) for path in chunk}
    # os.path.dirname depends only on the text up to the last separator: one str
    # method per path, and os.path.dirname once per directory.
    sep = os.sep
    one_each = {path[: path.rfind(sep) + 1]: path for path in chunk}
    return {os.path.dirname(path) for path in one_each.values()}


def _untouched(item: FileFix) -> bool:
    return not (item.changed or item.written or item.fixed or item.error or item.result.diagnostics or item.before != item.after)


def fix_batches(
    paths: Sequence[str], setup: Setup, unsafe: bool = False, write: bool = True, force_exclude: bool = False, jobs: int | None = None
) -> Iterator[FixBatch]:
    """Fix every selected file, in walk order, a batch at a time; large runs use worker processes (see runner)."""
    from taglint.files.select import FileSelector
    from taglint.lint.runner import CHUNK, Wire, _chunks, _is_large, default_jobs, map_chunks

    # The same "checked tree" as `check` reads: links out of it are neither read nor written.
    roots = tree_roots(paths, setup.config.root)
    cleaned: set[str] = set()

    def prepared(chunk: list[str]) -> tuple[list[str], list[str]]:
        if write:
            for directory in _directories(chunk) - cleaned:
                cleaned.add(directory)
                remove_stale(directory)  # temp files of an earlier, killed run
        return chunk, chunk

    def failed(path: str, exc: Exception) -> FileFix:
        return FileFix(path, 0, False, False, internal_error(path, exc), error="internal error; not fixed")

    def job(chunk: list[str]) -> list[tuple[int, FileFix | PendingWrite]]:
        # Clean notes (None) are dropped at once: they stay behind in the worker, as in a check.
        found: list[tuple[int, FileFix | PendingWrite]] = []
        for index, path in enumerate(chunk):
            try:
                item = fix_file(path, setup, unsafe, write, roots)
            except Exception as exc:  # noqa: BLE001 - last resort: one bad file must never stop the run
                item = failed(path, exc)
            if item is not None and not (isinstance(item, FileFix) and _untouched(item)):
                found.append((index, item))
        return found

    def written(found: list[tuple[int, FileFix | PendingWrite]]) -> list[tuple[int, FileFix]]:
        # The parent writes, while the workers go on fixing: a worker writing itself would
        # leave its CPU idle through the chunk's flush and renames (~0.2 ms per rename over a
        # note here). A chunk's fixed notes are written together: their new bytes reach the disk in one flush.
        pending = [item for _, item in found if isinstance(item, PendingWrite)]
        try:
            outcomes = iter(write_fixes(pending, setup, roots) if pending else ())
        except Exception as exc:  # noqa: BLE001 - as above
            outcomes = iter([failed(item.replacement.path, exc) for item in pending])
        return [(index, item if isinstance(item, FileFix) else next(outcomes)) for index, item in found]  # in order

    if jobs is None:
        # One per CPU, as for check: workers never wait for the disk (the parent writes), and
        # two per CPU cost ~10% more wall and CPU in alternating 100k runs here.
        jobs = default_jobs()
    stream, large = _is_large(FileSelector(setup.config).walk(paths, force_exclude))
    if large:
        preload(setup)
    unsynced = ""  # a file written into a directory whose renames are not flushed yet
    try:
        for chunk, started in map_chunks((prepared(chunk) for chunk in _chunks(stream, CHUNK)), job, jobs, large, Wire(_pack, _unpack)):  # outcomes travel as tuples (runner.Wire)
            found = written(started)
            for _, item in found:
                if item.written:
                    if unsynced and os.path.dirname(item.path) != os.path.dirname(unsynced):
                        sync_directory_of(unsynced)
                    unsynced = item.path
            yield FixBatch(chunk, tuple(found))
            # The walk has left the directory: flush its renames once.
            if unsynced and os.path.dirname(chunk[-1]) != os.path.dirname(unsynced):
                sync_directory_of(unsynced)
                unsynced = ""
    finally:
        if unsynced:
            sync_directory_of(unsynced)


def _pack(found: list[tuple[int, FileFix | PendingWrite]]) -> list[tuple[int, bool, tuple[object, ...]]]:
    """(index, is a pending write, fields) per item."""
    from taglint.cache.results import encode_result

    packed: list[tuple[int, bool, tuple[object, ...]]] = []
    for index, f in found:
        if isinstance(f, PendingWrite):
            r = f.replacement
            packed.append((index, True, (r.path, r.expected, r.data, f.fixed, encode_result(f.remaining))))
        else:
            packed.append((index, False, (f.path, f.fixed, f.changed, f.written, encode_result(f.result), f.before, f.after, f.error)))
    return packed


def _unpack(paths: list[str], packed: list[tuple[int, bool, tuple[object, ...]]]) -> list[tuple[int, FileFix | PendingWrite]]:
    from taglint.cache.results import decode_result

    found: list[tuple[int, FileFix | PendingWrite]] = []
    for index, pending, fields in packed:
        if pending:
            path, expected, data, fixed, remaining = fields
            found.append((index, PendingWrite(Replacement(path, expected, data), fixed, decode_result(path, remaining))))  # type: ignore[arg-type]
        else:
            path, fixed, changed, written, result, before, after, error = fields
            found.append((index, FileFix(path, fixed, changed, written, decode_result(path, result), before, after, error)))  # type: ignore[arg-type]
    return found


def fix_paths(
    paths: Sequence[str], setup: Setup, unsafe: bool = False, write: bool = True, force_exclude: bool = False, jobs: int | None = None
) -> Iterator[FileFix]:
    """Fix every selected file, in walk order; one outcome per file (see ``fix_batches``)."""
    for batch in fix_batches(paths, setup, unsafe, write, force_exclude, jobs):
        yield from batch.items()
