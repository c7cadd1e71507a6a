"""Run a per-file job over many files: optional result cache, worker processes for large runs.

Output order is the walk order whatever the number of workers. Small runs (a
pre-commit batch) stay in one process: starting workers would cost more than
it saves. Large runs stream the walk in chunks to forked worker processes
(``lint.workers``, which a Ctrl-C stops at once) with a bounded number of
chunks in flight, so memory does not grow with the number of clean notes.
Each file is handled by exactly one worker.

The parent process shares the CPUs with the workers, so in a check it does as
little per file as it can: it walks, and hands whole chunks on. Workers send
back only the results that have findings; a clean file never becomes an
object in the parent (see ``engine.Batch``).
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from taglint.cache.results import ResultCache, decode_result, decode_stored, encode_result, stat_key
from taglint.files.read import tree_roots
from taglint.lint.check import findings_of, preload
from taglint.model import Batch, FileResult
from taglint.project.setup import Setup

T = TypeVar("T")
X = TypeVar("X")
# The largest chunk. Each chunk costs the parent about a millisecond of pool traffic, in
# threads that compete with its walk: 2048 files a chunk (not 256) took ~0.3 CPU-s off a 100k run.
CHUNK = 2048
# A look-up costs a tenth of a check, so a cached run's chunks are larger: with 4096 files a
# chunk (not 2048) a warm 100k run took ~10% less wall and CPU here; 16384 was slower again.
CACHED_CHUNK_FACTOR = 2
PARALLEL_THRESHOLD = 512  # fewer files than this are handled in-process

# Set in the parent before the pool forks: workers inherit the job instead of unpickling it per task.
_JOB: Callable[[list[str]], Any] | None = None


def _run_chunk(paths: list[str]) -> Any:
    assert _JOB is not None
    return _JOB(paths)


def _can_fork() -> bool:
    import multiprocessing  # only here: a pre-commit batch of a few notes never needs it

    return "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _chunks(files: Iterable[str], size: int) -> Iterator[list[str]]:
    """Consecutive runs of ``files``: an eighth of ``size`` at first, doubling up to ``size``.

    Small first chunks put every worker to work early (and a run of a few thousand
    files on all of them); large later ones keep the per-chunk cost down.
    """
    files = iter(files)
    step = max(1, size // 8)
    while chunk := list(itertools.islice(files, step)):
        yield chunk
        step = min(size, 2 * step)


class Wire:
    """How a job's answer crosses from a worker to the parent: ``pack`` there, ``unpack(paths, packed)`` here.

    Pickle rebuilds frozen dataclasses field by field in Python; the parent's
    result thread then competes for the GIL with the walk. Plain lists and
    strings cross several times cheaper.
    """

    def __init__(self, pack: Callable[[Any], Any], unpack: Callable[[list[str], Any], Any]) -> None:
        self.pack = pack
        self.unpack = unpack


def map_chunks(
    items: Iterable[tuple[X, list[str]]],
    job: Callable[[list[str]], T],
    jobs: int | None = None,
    parallel: bool = True,
    wire: Wire | None = None,
) -> Iterator[tuple[X, T]]:
    """``(context, job(paths))`` for each item in order; ``job`` runs in workers when ``parallel``.

    The pool starts at the first item. With a ``wire``, answers from workers
    travel packed (in-process ones need not).
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if not parallel or jobs == 1 or not _can_fork():
        for context, paths in items:
            yield context, job(paths)
        return
    global _JOB
    import gc

    from taglint.lint.workers import ChunkPool

    _JOB = job if wire is None else (lambda paths: wire.pack(job(paths)))
    unpack = (lambda paths, answer: answer) if wire is None else wire.unpack
    pool: ChunkPool | None = None
    pending: deque[tuple[X, list[str], int]] = deque()
    try:
        for context, paths in items:
            if pool is None:
                # Objects the workers inherit are never collected there: freezing them keeps the
                # workers' collector from walking (and copy-on-write faulting) the parent's heap.
                gc.freeze()
                pool = ChunkPool(_run_chunk, jobs)
            pending.append((context, paths, pool.submit(paths)))
            if len(pending) >= 8 * jobs:  # keep every worker fed before waiting on the oldest chunk
                done, sent, ticket = pending.popleft()
                yield done, unpack(sent, pool.result(ticket))
        while pending:
            done, sent, ticket = pending.popleft()
            yield done, unpack(sent, pool.result(ticket))  # type: ignore[union-attr]
    except BaseException:
        # Interrupted (Ctrl-C, an error, or the caller stopped early): the workers' work is
        # dropped, so they are killed rather than waited for.
        if pool is not None:
            pool.kill()
        raise
    finally:
        _JOB = None
        if pool is not None:
            pool.close()
            gc.unfreeze()


def _is_large(files: Iterator[str]) -> tuple[Iterator[str], bool]:
    """The same files, and whether there are enough of them for worker processes."""
    head = list(itertools.islice(files, PARALLEL_THRESHOLD))
    return itertools.chain(head, files), len(head) >= PARALLEL_THRESHOLD


def map_files(files: Iterable[str], job: Callable[[str], T], jobs: int | None = None) -> Iterator[tuple[str, T]]:
    """``(path, job(path))`` for every file, in order; in worker processes when there are many files."""
    stream, large = _is_large(iter(files))

    def run(paths: list[str]) -> list[T]:
        return [job(path) for path in paths]

    for chunk, results in map_chunks(((chunk, chunk) for chunk in _chunks(stream, CHUNK)), run, jobs, large):
        yield from zip(chunk, results, strict=False)


def run_batches(
    paths: Sequence[str], setup: Setup, force_exclude: bool = False, jobs: int | None = None, cache: ResultCache | None = None
) -> Iterator[Batch]:
    """Check every selected file, one batch of consecutive files at a time, in walk order.

    With a cache, unchanged files are not read at all: each chunk is looked up
    where it is checked, only misses are checked, and the parent stores what the
    misses gave, so output is identical with or without cache.
    """
    from taglint.files.select import FileSelector

    roots = tree_roots(paths, setup.config.root)
    selector = FileSelector(setup.config)
    stream, large = _is_large(selector.walk(paths, force_exclude, cache.listings(selector.selection()) if cache is not None else None))

    def job(chunk: list[str]) -> list[tuple[int, FileResult]]:
        # Only results with findings travel back: the parent knows the clean ones by their absence.
        found = []
        for index, path in enumerate(chunk):
            result = findings_of(path, setup, roots)
            if result is not None:
                found.append((index, result))
        return found

    if cache is None:
        if large:
            preload(setup)  # every file will be checked: load once, before the workers fork

        for chunk, found in map_chunks(((chunk, chunk) for chunk in _chunks(stream, CHUNK)), job, jobs, large, _FOUND):
            yield Batch(chunk, tuple(found))
        return

    def cached_job(chunk: list[str]) -> tuple[list[tuple[int, Any]], list[tuple[int, str | None]]]:
        # Looked up where the chunk is checked (a worker, in large runs): a warm run's
        # per-file work (stat, shard, compare) is spread over the workers, not done in the parent.
        # Stored findings travel on as stored; what is checked here is encoded the same way.
        found, misses = cache.scan(chunk)
        if misses:
            for index, _ in misses:
                result = findings_of(chunk[index], setup, roots)
                if result is not None:
                    found.append((index, encode_result(result)))
            found.sort(key=itemgetter(0))
        cache.trim(cache.directory_of(chunk[-1]))  # a worker's shards must not pile up over the run
        return found, misses

    current = ""
    try:
        for chunk, (stored, misses) in map_chunks(
            ((chunk, chunk) for chunk in _chunks(stream, CACHED_CHUNK_FACTOR * CHUNK)), cached_job, jobs, large
        ):
            found = []
            for index, data in stored:
                result = decode_stored(chunk[index], data)
                if result is None:  # a damaged entry: check the file here, and store it afresh
                    path = chunk[index]
                    result = findings_of(path, setup, roots)
                    misses.append((index, stat_key(path)))
                if result is not None and result.diagnostics:
                    found.append((index, result))
            with_findings = dict(found) if misses else {}
            # Only the parent writes the cache (shards are shared by chunks of one directory).
            # Walks finish one directory before the next: a directory's shards are written back
            # and dropped as soon as the misses move on to another.
            for index, key in misses:
                path = chunk[index]
                directory = cache.directory_of(path)
                if directory != current:
                    if current:
                        cache.release(current)
                    current = directory
                cache.put(path, key, with_findings.get(index) or FileResult(path, ()))
            yield Batch(chunk, tuple(found))
    finally:
        cache.save()


def _pack_found(found: list[tuple[int, FileResult]]) -> list[tuple[int, Any]]:
    return [(index, encode_result(result)) for index, result in found]


def _unpack_found(paths: list[str], packed: list[tuple[int, Any]]) -> list[tuple[int, FileResult]]:
    return [(index, decode_result(paths[index], data)) for index, data in packed]


_FOUND = Wire(_pack_found, _unpack_found)


def run_checks(
    paths: Sequence[str], setup: Setup, force_exclude: bool = False, jobs: int | None = None, cache: ResultCache | None = None
) -> Iterator[FileResult]:
    """Every selected file's result (clean ones included), in walk order."""
    for batch in run_batches(paths, setup, force_exclude, jobs, cache):
        yield from batch.results()
