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


def _can_fork() -> bool:
    import multiprocessing  # only here: a pre-commit batch of a few notes never needs it

    return "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def map_files(
    files: Iterable[str], job: Callable[[str], T], jobs: int | None = None, ready: Callable[[str], T | None] | None = None
) -> Iterator[tuple[str, T]]:
    """``(path, result)`` for every file, in order; in worker processes when there are many files.

    ``ready`` (run in this process) may answer a file at once, a cache hit say;
    only files it answers None for go to ``job``.
    """
    files = iter(files)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    head = list(itertools.islice(files, PARALLEL_THRESHOLD))
    if jobs == 1 or len(head) < PARALLEL_THRESHOLD or not _can_fork():
        for path in itertools.chain(head, files):
            answer = ready(path) if ready is not None else None
            yield path, answer if answer is not None else job(path)
        return
    yield from _parallel(itertools.chain(head, files), job, jobs, ready)


def _parallel(files: Iterator[str], job: Callable[[str], T], jobs: int, ready: Callable[[str], T | None] | None) -> Iterator[tuple[str, T]]:
    global _JOB
    _JOB = job
    import multiprocessing

    pool = None  # started at the first file that needs a worker: a fully cached run needs none
    pending: deque[tuple[list[str], list[T | None], Any]] = deque()
    try:
        while True:
            batch = list(itertools.islice(files, CHUNK))
            if batch:
                answers: list[T | None] = [ready(path) for path in batch] if ready is not None else [None] * len(batch)
                todo = [path for path, answer in zip(batch, answers) if answer is None]
                future = None
                if todo:
                    if pool is None:
                        pool = multiprocessing.get_context("fork").Pool(jobs)
                    future = pool.apply_async(_run_chunk, (todo,))
                pending.append((batch, answers, future))
                if len(pending) < 2 * jobs:
                    continue  # keep every worker fed before waiting on the oldest chunk
            if not pending:
                break
            batch, answers, future = pending.popleft()
            computed = iter(future.get() if future is not None else ())
            for path, answer in zip(batch, answers):
                yield path, answer if answer is not None else next(computed)
    finally:
        _JOB = None
        if pool is not None:
            pool.terminate()
            pool.join()


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
    # Cache look-ups happen here, in walk order; only misses go to the workers, and hits
    # keep their place, so output is identical with or without cache.
    keys: dict[str, str | None] = {}  # misses in flight, for storing their results

    def lookup(path: str) -> FileResult | None:
        key = stat_key(path)
        hit = cache.get(path, key)
        if hit is None:
            keys[path] = key
        return hit

    current = ""
    try:
        for path, found in map_files(files, job, jobs, lookup):
            # Walks finish one directory before the next: let the cache drop what it no longer needs.
            directory = cache.directory_of(path)
            if directory != current:
                if current:
                    cache.release(current)
                current = directory
            if path in keys:
                result = found if found is not None else FileResult(path, ())
                cache.put(path, keys.pop(path), result)
                yield result
            else:
                assert found is not None
                yield found
    finally:
        cache.save()
