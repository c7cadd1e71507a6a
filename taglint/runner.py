"""Run a per-file job over many files: optional result cache, worker processes for large runs.

Output order is the walk order whatever the number of workers. Small runs (a
pre-commit batch) stay in one process: starting workers would cost more than
it saves. Large runs stream the walk in chunks to a fork-started pool with a
bounded number of chunks in flight, so memory does not grow with the number
of clean notes. Each file is handled by exactly one worker, so ``fix`` can
write from the workers.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from taglint.cache import ResultCache, stat_key
from taglint.engine import FileResult, Setup, check_file
from taglint.reading import tree_roots

T = TypeVar("T")
CHUNK = 256
PARALLEL_THRESHOLD = 2 * CHUNK  # fewer files than this are handled in-process

# Set in the parent before the pool forks: workers inherit the job instead of unpickling it per task.
_JOB: Callable[[str], Any] | None = None


def _run_chunk(paths: list[str]) -> list[Any]:
    assert _JOB is not None
    return [_JOB(path) for path in paths]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def map_files(files: Iterable[str], job: Callable[[str], T], jobs: int | None = None) -> Iterator[tuple[str, T]]:
    """``(path, job(path))`` for every file, in order; in worker processes when there are many files."""
    files = iter(files)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    head = list(itertools.islice(files, PARALLEL_THRESHOLD))
    import multiprocessing  # only now: a pre-commit batch of a few notes never needs it

    if jobs == 1 or len(head) < PARALLEL_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        for path in itertools.chain(head, files):
            yield path, job(path)
        return
    yield from _parallel(itertools.chain(head, files), job, jobs)


def _parallel(files: Iterator[str], job: Callable[[str], T], jobs: int) -> Iterator[tuple[str, T]]:
    global _JOB
    _JOB = job
    pending: deque[tuple[list[str], Any]] = deque()
    try:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            while True:
                batch = list(itertools.islice(files, CHUNK))
                if batch:
                    pending.append((batch, pool.apply_async(_run_chunk, (batch,))))
                    if len(pending) < 2 * jobs:
                        continue  # keep every worker fed before waiting on the oldest chunk
                if not pending:
                    break
                paths, future = pending.popleft()
                yield from zip(paths, future.get())
    finally:
        _JOB = None


def run_checks(
    paths: Sequence[str], setup: Setup, force_exclude: bool = False, jobs: int | None = None, cache: ResultCache | None = None
) -> Iterator[FileResult]:
    """Check every selected file; with a cache, unchanged files are not read at all."""
    from taglint.discovery import FileSelector

    roots = tree_roots(paths, setup.config.root)
    files = FileSelector(setup.config).walk(paths, force_exclude)

    def job(path: str) -> FileResult | None:
        # None stands for "clean": most results, and not worth pickling back from a worker.
        result = check_file(path, setup, roots)
        return result if result.diagnostics else None

    if cache is None:
        for path, found in map_files(files, job, jobs):
            yield found if found is not None else FileResult(path, ())
        return
    # Cache look-ups happen here, in walk order; only misses go to the workers, and
    # hits are merged back in their place, so output is identical with or without cache.
    order: deque[tuple[str, FileResult | None, list[int] | None]] = deque()

    def misses() -> Iterator[str]:
        for path in files:
            key = stat_key(path)
            hit = cache.get(path, key)
            order.append((path, hit, key))
            if hit is None:
                yield path

    current = ""

    def passing(path: str) -> None:
        # Walks finish one directory before the next: let the cache drop what it no longer needs.
        nonlocal current
        directory = cache.directory_of(path)
        if directory != current:
            if current:
                cache.release(current)
            current = directory

    try:
        for path, found in map_files(misses(), job, jobs):
            result = found if found is not None else FileResult(path, ())
            while True:
                queued, hit, key = order.popleft()
                passing(queued)
                if hit is not None:
                    yield hit
                    continue
                cache.put(path, key, result)
                yield result
                break
        while order:
            queued, hit, _ = order.popleft()
            passing(queued)
            assert hit is not None
            yield hit
    finally:
        cache.save()
