"""Running a stream of records on the reference engine in worker processes, in order
(`workers.in_order`: workers end with the run, results in input order)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection

from ..files.records import Outcome, Record
from .core import Assessor, Job
from .workers import bind_to_parent, context, in_order

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
    for outcomes in in_order(
        chunks(records, chunk),
        _work,
        jobs=jobs,
        mp=context("meanstest.batch.pool"),
        initializer=_start_worker,
        initargs=(job,),
        in_flight=3,
    ):
        yield from outcomes


_WORKER: Assessor | None = None


def _start_worker(job: Job, lifeline: Connection) -> None:
    global _WORKER  # noqa: PLW0603 - one assessor per worker process, by design
    bind_to_parent(lifeline)
    _WORKER = Assessor(job)


def _work(part: list[Record]) -> list[Outcome]:
    assert _WORKER is not None  # noqa: S101 - set by the pool initializer
    return _WORKER.process(part)
