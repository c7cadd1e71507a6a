"""Worker processes for large runs: forked once, one pipe each, stopped at once when the run is interrupted.

Why not ``multiprocessing.Pool``: its workers share one task pipe and one
result pipe, each guarded by a lock that the workers take too. Ctrl-C reaches
every process of the terminal's group; a worker interrupted just after taking
such a lock dies holding it, and ``Pool.terminate()`` then waits for it
forever (1 ``taglint fix`` of 2,000 notes in 5 hung so, needing SIGKILL,
while each worker printed a ``KeyboardInterrupt`` traceback). Killing a worker
in the middle of sending a result leaves half a message that the pool's result
thread waits on forever as well.

Here each worker has its own pipe and shares no lock with the parent. Workers
ignore SIGINT: a Ctrl-C interrupts the parent alone, which kills its workers
(SIGKILL: they never write a note, only the parent does) and waits on nothing
they hold. A worker that dies on its own (the OOM killer) is an error in the
parent, where a pool would wait for its answer forever. A worker whose parent
is gone sees its pipe close and exits without a word.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

# How long ``close`` waits for idle workers to exit before killing them; they exit at once.
_EXIT_SECONDS = 5.0


class WorkerDied(RuntimeError):
    """A worker process ended while it held a chunk (killed from outside)."""


def _serve(job: Callable[[list[str]], Any], conn: Connection, others: list[Connection]) -> None:
    """A worker's life: answer each chunk the parent sends until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the parent around the fork
    for other in others:  # the parent's ends and the other workers' ends: EOF must mean "parent gone"
        other.close()
    try:
        while (paths := conn.recv()) is not None:
            try:
                answer: tuple[bool, Any] = (True, job(paths))
            except Exception as exc:
                answer = (False, exc)
            try:
                conn.send(answer)
            except (EOFError, OSError):
                raise
            except Exception as exc:
                conn.send((False, RuntimeError(f"a worker's answer could not be sent: {exc!r}")))
    except (EOFError, OSError):
        pass  # the parent closed the pipe or exited: nobody is left to tell


class ChunkPool:
    """``processes`` forked workers running ``job`` on chunks of paths; answers by ticket, in any order.

    ``submit`` hands a chunk to an idle worker or queues it; one thread of the
    parent receives answers and gives each worker its next chunk. ``result``
    waits for one answer. ``close`` ends a finished run; ``kill`` an interrupted one.
    """

    def __init__(self, job: Callable[[list[str]], Any], processes: int) -> None:
        self._workers: list[Any] = []
        self._conns: list[Connection] = []
        self._lock = threading.Condition()
        self._todo: deque[tuple[int, list[str]]] = deque()
        self._idle: list[int] = []
        self._busy: dict[int, int] = {}  # worker index -> ticket
        self._answers: dict[int, tuple[bool, Any]] = {}
        self._failure: BaseException | None = None
        self._tickets = 0
        self._stopping = False
        self._receiver: threading.Thread | None = None
        try:
            self._start(job, processes)
        except BaseException:
            self.kill()
            raise

    def _start(self, job: Callable[[list[str]], Any], processes: int) -> None:
        context = multiprocessing.get_context("fork")
        pipes = [context.Pipe() for _ in range(processes)]
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # a forked worker flushes what it inherited when it exits: print nothing twice
        # A Ctrl-C between a fork and the worker's SIG_IGN would interrupt the worker: it waits, blocked, for the parent.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for index, (_, theirs) in enumerate(pipes):
                others = [mine for mine, _ in pipes] + [t for i, (_, t) in enumerate(pipes) if i != index]
                worker = context.Process(target=_serve, args=(job, theirs, others), daemon=True)
                worker.start()
                self._workers.append(worker)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            for _, theirs in pipes:
                theirs.close()
            self._conns = [mine for mine, _ in pipes]
        self._idle = list(range(processes))
        # Started after the forks: a fork copies locks, and none may be held then by another thread.
        self._receiver = threading.Thread(target=self._receive, name="taglint-workers", daemon=True)
        self._receiver.start()

    def submit(self, paths: list[str]) -> int:
        """Queue a chunk; its ticket for ``result``."""
        with self._lock:
            if self._failure is not None:
                raise self._failure
            ticket = self._tickets
            self._tickets += 1
            if not self._idle:
                self._todo.append((ticket, paths))
                return ticket
            index = self._idle.pop()
            self._busy[index] = ticket
        try:
            self._conns[index].send(paths)  # an idle worker is waiting for it: this returns at once
        except OSError as exc:
            raise WorkerDied("a worker process ended unexpectedly") from exc
        return ticket

    def result(self, ticket: int) -> Any:
        """The answer for ``ticket``; the job's exception is raised here, as a pool's ``get`` does."""
        with self._lock:
            while ticket not in self._answers:
                if self._failure is not None:
                    raise self._failure
                self._lock.wait()
            ok, answer = self._answers.pop(ticket)
        if not ok:
            raise answer
        return answer

    def _receive(self) -> None:
        """The receiving thread: store each answer, hand its worker the next chunk."""
        live = dict(enumerate(self._conns))
        by_conn = {id(conn): index for index, conn in live.items()}
        while live:
            for ready in wait(list(live.values())):
                index = by_conn[id(ready)]
                conn = live[index]
                try:
                    answer = conn.recv()
                except (EOFError, OSError):
                    del live[index]
                    with self._lock:
                        if not self._stopping:  # the run cannot count on its answers any more
                            self._failure = WorkerDied("a worker process ended unexpectedly")
                        self._lock.notify_all()
                    continue
                with self._lock:
                    self._answers[self._busy.pop(index)] = answer
                    following = self._todo.popleft() if self._todo else None
                    if following is None:
                        self._idle.append(index)
                    else:
                        self._busy[index] = following[0]
                    self._lock.notify_all()
                if following is not None:
                    try:
                        conn.send(following[1])
                    except OSError:
                        pass  # the worker is gone: its EOF comes next

    def close(self) -> None:
        """End a run whose answers have all been taken: workers exit, the thread ends."""
        if self._stopping:
            return
        self._stopping = True
        for conn in self._conns:
            try:
                conn.send(None)
            except OSError:
                pass
        for worker in self._workers:
            worker.join(_EXIT_SECONDS)
        self._finish()

    def kill(self) -> None:
        """Stop at once (the run was interrupted): kill every worker, wait on nothing they hold."""
        self._stopping = True
        self._finish()

    def _finish(self) -> None:
        for worker in self._workers:
            if worker.is_alive():
                worker.kill()
        for worker in self._workers:
            worker.join()  # a killed process is reaped at once
        if self._receiver is not None:
            self._receiver.join(_EXIT_SECONDS)  # every pipe is at EOF now
        for conn in self._conns:
            conn.close()
        self._workers, self._conns = [], []
