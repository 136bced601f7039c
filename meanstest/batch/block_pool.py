"""Chunks through the columnar engine in worker processes, in order.

As `pool` does for records: with ``jobs`` > 1, chunks go to worker processes, at most
``2 × jobs`` in flight (memory stays flat however long the input), and the pieces come
back in submission order, so the output is byte for byte the same for any number of
workers. Each worker builds its own engine (a DuckDB connection does not cross
processes) from the pickled `Job`, so the pool works under any start method: fork
server where there is one, ``spawn`` on Windows and macOS (forced with the
environment variable ``MEANSTEST_START_METHOD``, as the tests do).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection

from ..errors import MeansTestError
from .columnar_run import BlockRunner, Piece
from .core import Job
from .feed import Chunk
from .pool import bind_to_parent


def run_chunks(
    chunks: Iterable[Chunk],
    job: Job,
    jobs: int = 1,
    start_method: str | None = None,
    *,
    ahead: bool = False,
) -> Iterator[Piece]:
    """Assess chunks in ``jobs`` processes (in this one with 1), keeping their order.

    With one process, DuckDB parses in a thread (`BlockRunner.ahead`); with ``ahead``
    (chunks that never keep a read waiting: a file) the next chunk is parsed there while
    one is finished.
    """
    if jobs <= 1:
        yield from BlockRunner(job).ahead(chunks, 1 if ahead else 0)
        return
    mp = context(start_method)
    # The workers hold the reading end; only this process ever holds the writing end
    # (`pool`: a worker exits when the main process has gone, kill -9 included).
    lifeline, held = mp.Pipe(duplex=False)
    try:
        with ProcessPoolExecutor(
            jobs, mp_context=mp, initializer=_start_worker, initargs=(job, lifeline)
        ) as pool:
            for _ in range(jobs):  # every worker starts now, while the input is read
                pool.submit(_started)
            yield from _in_order(pool, chunks, jobs)
    finally:
        held.close()
        lifeline.close()


def _in_order(pool: ProcessPoolExecutor, chunks: Iterable[Chunk], jobs: int) -> Iterator[Piece]:
    window: deque[Future[Piece]] = deque()
    try:
        for chunk in chunks:
            window.append(pool.submit(_work, chunk))
            if len(window) >= 2 * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    except BrokenProcessPool:
        raise MeansTestError("worker_stopped") from None
    finally:
        for pending in window:
            pending.cancel()


def context(start_method: str | None = None) -> multiprocessing.context.BaseContext:
    """The start method asked for, else the fork server where there is one, else spawn."""
    method = start_method or os.environ.get("MEANSTEST_START_METHOD")
    if method:
        return multiprocessing.get_context(method)
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(["meanstest.batch.block_pool"])
        return forkserver
    return multiprocessing.get_context("spawn")


_RUNNER: BlockRunner | None = None


def _start_worker(job: Job, lifeline: Connection) -> None:
    global _RUNNER  # noqa: PLW0603 - one engine per worker process, by design
    bind_to_parent(lifeline)
    _RUNNER = BlockRunner(job)


def _started() -> None:
    """A first task, that starts a worker process (the executor starts them on demand)."""


def _work(chunk: Chunk) -> Piece:
    assert _RUNNER is not None  # noqa: S101 - set by the pool initializer
    return _RUNNER.run(chunk.data, chunk.first_line, chunk.lines, chunk.payloads)
