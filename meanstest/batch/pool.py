"""Running a stream of records in worker processes, keeping input order.

Workers end with the run: each holds the reading end of a pipe whose only writer is
the main process, and a thread in the worker waits on it. When the main process ends
in any way (``kill -9`` included), the pipe closes and the worker exits; then the fork
server and the resource tracker, which live only as long as someone holds them, end
too.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection

from ..errors import MeansTestError
from ..files.records import Outcome, Record
from .core import Assessor, Job

# Records per task sent to a worker: large enough that the cost of passing a task is
# small against assessing it, small enough that the records in flight stay few.
CHUNK = 200


def chunks(records: Iterable[Record], size: int = CHUNK) -> Iterator[list[Record]]:
    """Cut a stream of records into lists of ``size`` (the last may be shorter)."""
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(
    records: Iterable[Record], job: Job, jobs: int = 1, chunk: int = CHUNK
) -> Iterator[Outcome]:
    """Assess a stream of records, in ``jobs`` processes, keeping input order.

    With more than one job, at most ``3 × jobs`` chunks are in flight, so memory stays
    flat however long the input. The output does not depend on ``jobs``: every record
    is assessed by the same code from the same `Job`.
    """
    if jobs <= 1:
        assessor = Assessor(job)
        for part in chunks(records, chunk):
            yield from assessor.process(part)
        return
    context = _context()
    # The workers hold the reading end; only this process ever holds the writing end.
    lifeline, held = context.Pipe(duplex=False)
    try:
        # concurrent.futures rather than multiprocessing.Pool: its shutdown does not hang
        # when a run stops while workers are sending results, and a worker that dies
        # (killed, out of memory) fails the run instead of stalling it.
        with ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start_worker, initargs=(job, lifeline)
        ) as pool:
            window: deque[Future[list[Outcome]]] = deque()
            try:
                for part in chunks(records, chunk):
                    window.append(pool.submit(_work, part))
                    if len(window) >= 3 * jobs:
                        yield from window.popleft().result()
                while window:
                    yield from window.popleft().result()
            except BrokenProcessPool:
                raise MeansTestError("worker_stopped") from None
            finally:
                for pending in window:
                    pending.cancel()
    finally:
        # The workers have been joined; closing the pipe lets a straggler go as well.
        held.close()
        lifeline.close()


def _context() -> multiprocessing.context.BaseContext:
    """Fork server where there is one: workers never inherit the parent's threads."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["meanstest.batch.pool"])
        return context
    return multiprocessing.get_context("spawn")


_WORKER: Assessor | None = None


def _start_worker(job: Job, lifeline: Connection) -> None:
    global _WORKER  # noqa: PLW0603 - one assessor per worker process, by design
    bind_to_parent(lifeline)
    _WORKER = Assessor(job)


def bind_to_parent(lifeline: Connection) -> None:
    """Make a worker process its parent's: Ctrl-C is left to the parent, and the worker
    exits when the parent has gone (the lifeline reads as closed). Called first by the
    initializer of every pool (batch records, columnar blocks, compare)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(
        target=_outlive_no_parent, args=(lifeline,), name="lifeline", daemon=True
    ).start()


def _outlive_no_parent(lifeline: Connection) -> None:
    """Wait until the main process has gone (the pipe reads as closed), then exit.

    Nothing is ever sent: the read returns only when the last writer, the main
    process, has closed its end or died.
    """
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv_bytes()
    os._exit(1)


def _work(part: list[Record]) -> list[Outcome]:
    assert _WORKER is not None  # noqa: S101 - set by the pool initializer
    return _WORKER.process(part)
