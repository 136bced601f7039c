"""Running a stream of records in worker processes, keeping input order.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

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


def run(records: Iterable[Record], job: Job, jobs: int = 1,
        chunk: int = CHUNK) -> Iterator[Outcome]:
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
    # concurrent.futures rather than multiprocessing.Pool: its shutdown does not hang
    # when a run stops while workers are sending results, and a worker that dies
    # (killed, out of memory) fails the run instead of stalling it.
    with ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker,
                             initargs=(job,)) as pool:
        window: deque[Future[list[Outcome]]] = deque()
        try:
            for part in chunks(records, chunk):
                window.append(pool.submit(_work, part))
                if len(window) >= 3 * jobs:
                    yield from window.popleft().result()
            while window:
                yield from window.popleft().result()
        except BrokenProcessPool:
            raise MeansTestError("a worker process stopped unexpectedly (killed, or out "
                                 "of memory?); the run is incomplete") from None
        finally:
            for pending in window:
                pending.cancel()


def _context() -> multiprocessing.context.BaseContext:
    """Fork server where there is one: workers never inherit the parent's threads."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["meanstest.batch.pool"])
        return context
    return multiprocessing.get_context("spawn")


_WORKER: Assessor | None = None


def _start_worker(job: Job) -> None:
    global _WORKER  # noqa: PLW0603 - one assessor per worker process, by design
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _WORKER = Assessor(job)


def _work(part: list[Record]) -> list[Outcome]:
    assert _WORKER is not None  # noqa: S101 - set by the pool initializer
    return _WORKER.process(part)

