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

from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection

from .columnar_run import BlockRunner
from .core import Job
from .feed import Chunk
from .tally import Piece
from .workers import bind_to_parent, context, in_order


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
    yield from in_order(
        chunks,
        _work,
        jobs=jobs,
        mp=context("meanstest.batch.block_pool", start_method),
        initializer=_start_worker,
        initargs=(job,),
        warm=True,  # every worker starts now, while the input is read
    )


_RUNNER: BlockRunner | None = None


def _start_worker(job: Job, lifeline: Connection) -> None:
    global _RUNNER  # noqa: PLW0603 - one engine per worker process, by design
    bind_to_parent(lifeline)
    _RUNNER = BlockRunner(job)


def _work(chunk: Chunk) -> Piece:
    assert _RUNNER is not None  # noqa: S101 - set by the pool initializer
    return _RUNNER.run(chunk.data, chunk.first_line, chunk.lines, chunk.payloads)
