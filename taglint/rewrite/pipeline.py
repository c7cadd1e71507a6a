"""The one rewrite pipeline: read → transform → verify → write, for fix, check --add-ignore, rename and remove.

read       ``files.read.read_note`` inside the run's tree (``files.read.tree_roots``,
           computed once per run, as ``check`` computes it): regular files only,
           so a FIFO named ``*.md`` is reported, never waited on; no symlink out
           of the tree; bounded size.
transform  the command's ``Rewriter.transform``: the parsed note → a ``Change``
           (the rewritten note, parsed from its new text, and what changed), or
           None when there is nothing to do or report.
verify     ``fix.verify.verify`` between the note read and the rewritten one, with
           the command's ``Allowance``: nothing that fails it is ever written.
write      ``files.write.replace_all``, a chunk of notes at once, in the parent
           process: atomic (temp file + rename), never over a file that changed
           since it was read, one ``syncfs`` per chunk; stale temp files of a
           killed run removed from each directory first, each directory's renames
           flushed once (``files.flush.DirectoryFlusher``).

Large runs transform in worker processes (``lint.runner.map_chunks``) while the
parent writes: a worker writing itself would leave its CPU idle through the
chunk's flush and renames (~0.2 ms per rename over a note here).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from taglint.files.flush import DirectoryFlusher
from taglint.files.read import read_note, tree_roots
from taglint.files.staletemps import remove_stale
from taglint.files.text import decode_text
from taglint.files.write import Replacement, WriteRefused, replace_all
from taglint.lint.check import internal_error
from taglint.model import FileResult
from taglint.parse.notes import Note, parse_note
from taglint.project.config import Config
from taglint.rewrite.outcome import Outcome, Pending, RewriteBatch, pack, unpack
from taglint.rewrite.verify import TAGS_ONLY, Allowance, verify


@dataclass(frozen=True)
class Change:
    """What a transform made of one note."""

    after: Note  # the rewritten note, parsed from its new text (the note read, when nothing changes)
    changes: int = 0  # what changed, counted the command's way
    result: FileResult | None = None  # what remains to report on ``after`` (fix: the findings left)
    refused: str | None = None  # why the transform leaves the note as it was


def _cannot_read(path: str, error: OSError) -> Outcome:
    return Outcome(path, 0, False, False, FileResult(path, ()), error=f"cannot read: {error.strerror or error}")


@dataclass(frozen=True)
class Rewriter:
    """One command's part in the pipeline: its transform, and how it reports a note it leaves alone."""

    config: Config  # the notes' tag fields and inline-tag setting, the project root, the file selection
    transform: Callable[[Note], Change | None]
    allow: Allowance = TAGS_ONLY  # what verify lets this command change besides tags
    skip: Callable[[str, bytes], bool] | None = None  # bytes certainly needing nothing, left unparsed (fix: the clean proof)
    unreadable: Callable[[str, OSError], Outcome] = _cannot_read  # fix reports a parse-error finding instead
    unchanged: Callable[[Note], FileResult] | None = None  # what remains on a note left as it was (fix: its findings)
    preload: Callable[[], None] | None = None  # loaded once before worker processes fork
    split_hardlinks: bool = False  # write a note that has other hard links (fix --allow-hardlinks): this name gets a file of its own


def prepare(path: str, roots: Sequence[str], rewriter: Rewriter, write: bool) -> Outcome | Pending | None:
    """Read, transform and verify one file: what to write (``Pending``), what to report (``Outcome``), or None."""
    try:
        data = read_note(path, roots)
    except OSError as exc:
        return rewriter.unreadable(path, exc)
    if rewriter.skip is not None and rewriter.skip(path, data):
        return None
    config = rewriter.config
    before = parse_note(path, data, config.tag_fields, config.inline_tags, config.dialect)
    change = rewriter.transform(before)
    if change is None:
        return None
    after = change.after
    result = change.result if change.result is not None else FileResult(path, ())
    if change.refused is not None or after is before:
        return Outcome(path, 0, False, False, result, error=change.refused)
    problem = verify(before, after, config.tag_fields, rewriter.allow)
    if problem is not None:
        return Outcome(path, 0, False, False, _left_as_is(before, rewriter), error=problem)
    new = after.source.encode()
    if new == data:  # a transform that changed nothing: never rewrite identical bytes
        return Outcome(path, 0, False, False, result)
    if not write:
        return Outcome(path, change.changes, True, False, result, before.text, after.text)
    return Pending(Replacement(path, data, new), change.changes, result)


def _left_as_is(note: Note, rewriter: Rewriter) -> FileResult:
    return rewriter.unchanged(note) if rewriter.unchanged is not None else FileResult(note.path, ())


def write_pending(pending: Sequence[Pending], roots: Sequence[str], rewriter: Rewriter) -> list[Outcome]:
    """Write a chunk's rewritten notes together (``files.write.replace_all``); each one's outcome, in order.

    Directories are not flushed here: ``rewrite_batches`` flushes each once, after its files.
    """
    errors = replace_all([item.replacement for item in pending], roots, rewriter.split_hardlinks)
    return [_written(item, error, rewriter) for item, error in zip(pending, errors, strict=False)]


def _written(item: Pending, error: Exception | None, rewriter: Rewriter) -> Outcome:
    r = item.replacement
    if error is None:
        return Outcome(r.path, item.changes, True, True, item.result, decode_text(r.expected), decode_text(r.data))
    reason = str(error) if isinstance(error, WriteRefused) else f"cannot write: {getattr(error, 'strerror', None) or error}"
    # Not written: what remains is everything the file as read has.
    result = FileResult(r.path, ())
    if rewriter.unchanged is not None:
        result = rewriter.unchanged(
            parse_note(r.path, r.expected, rewriter.config.tag_fields, rewriter.config.inline_tags, rewriter.config.dialect)
        )
    return Outcome(r.path, 0, False, False, result, error=reason)


def _failed(path: str, exc: Exception) -> Outcome:
    return Outcome(path, 0, False, False, internal_error(path, exc), error="internal error; left unchanged")


def _directories(chunk: Sequence[str]) -> set[str]:
    """The directories holding the files of ``chunk``."""
    if os.altsep is not None:
        return {os.path.dirname(path) for path in chunk}
    # os.path.dirname depends only on the text up to the last separator: one str
    # method per path, and os.path.dirname once per directory.
    sep = os.sep
    one_each = {path[: path.rfind(sep) + 1]: path for path in chunk}
    return {os.path.dirname(path) for path in one_each.values()}


def rewrite_batches(
    paths: Sequence[str], rewriter: Rewriter, write: bool = True, force_exclude: bool = False, jobs: int | None = None
) -> Iterator[RewriteBatch]:
    """Run every selected file through the pipeline, in walk order, a batch of consecutive files at a time."""
    from taglint.files.select import FileSelector
    from taglint.lint.runner import CHUNK, Wire, _chunks, _is_large, default_jobs, map_chunks

    config = rewriter.config
    roots = tree_roots(paths, config.root)  # the tree `check` reads: links out of it are neither read nor written
    cleaned: set[str] = set()

    def started(chunk: list[str]) -> tuple[list[str], list[str]]:
        if write:
            for directory in _directories(chunk) - cleaned:
                cleaned.add(directory)
                remove_stale(directory)  # temp files of an earlier, killed run
        return chunk, chunk

    def job(chunk: list[str]) -> list[tuple[int, Outcome | Pending]]:
        # Files with nothing to report are dropped at once: they stay behind in the worker, as in a check.
        found: list[tuple[int, Outcome | Pending]] = []
        for index, path in enumerate(chunk):
            try:
                item = prepare(path, roots, rewriter, write)
            except Exception as exc:
                item = _failed(path, exc)
            if item is not None and not (isinstance(item, Outcome) and item.untouched()):
                found.append((index, item))
        return found

    def written(found: list[tuple[int, Outcome | Pending]]) -> list[tuple[int, Outcome]]:
        # A chunk's rewritten notes are written together: their new bytes reach the disk in one flush.
        pending = [item for _, item in found if isinstance(item, Pending)]
        try:
            outcomes = iter(write_pending(pending, roots, rewriter) if pending else ())
        except Exception as exc:
            outcomes = iter([_failed(item.replacement.path, exc) for item in pending])
        return [(index, item if isinstance(item, Outcome) else next(outcomes)) for index, item in found]  # in order

    if jobs is None:
        # One per CPU, as for check: workers never wait for the disk (the parent writes), and
        # two per CPU cost ~10% more wall and CPU in alternating 100k fix runs here.
        jobs = default_jobs()
    stream, large = _is_large(FileSelector(config).walk(paths, force_exclude))
    if large and rewriter.preload is not None:
        rewriter.preload()
    flusher = DirectoryFlusher()
    try:
        for chunk, found in map_chunks((started(chunk) for chunk in _chunks(stream, CHUNK)), job, jobs, large, Wire(pack, unpack)):
            settled = written(found)
            for _, item in settled:
                if item.written:
                    flusher.written(item.path)
            yield RewriteBatch(chunk, tuple(settled))
            flusher.passed(chunk[-1])  # the walk has left the directory: flush its renames once
    finally:
        flusher.close()


def rewrite_paths(
    paths: Sequence[str], rewriter: Rewriter, write: bool = True, force_exclude: bool = False, jobs: int | None = None
) -> Iterator[Outcome]:
    """The outcome of every file with something to report (rewritten, refused, unreadable, findings left), in walk order."""
    for batch in rewrite_batches(paths, rewriter, write, force_exclude, jobs):
        for _, item in batch.found:
            yield item
