"""`meanstest compare --jobs N`: the comparison in worker processes, in input order.

The households are read in the main process and sent to the workers in chunks; each
worker holds the two choosers (sent once) and runs `compare.compare_households` on its
chunk, so the changes are the same for any number of jobs. A worker also returns the
checks its proposed rule sets fail that the current ones do not (the main process loads
no rule set of its own when workers do the work). Workers end with the run, as
`batch.pool`'s do.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from typing import NamedTuple

from .. import compare as comparing
from ..compare import Change
from ..errors import MeansTestError
from ..ruleset.checks import Breach
from ..ruleset.choose import Chooser, ProposalChooser
from .api import Read
from .pool import CHUNK, _context, _outlive_no_parent


class Comparer(NamedTuple):
    """Everything a worker needs, pickled once to each."""

    base: Chooser
    proposal: ProposalChooser
    on: dt.date | None
    today: dt.date


def compare_records(records: Iterable[Read], comparer: Comparer, jobs: int,
                    breaches: list[Breach], chunk: int = CHUNK) -> Iterator[Change]:
    """Compare a stream of households in ``jobs`` processes, keeping input order.

    ``breaches`` receives what each worker's proposed rule sets break that the current
    ones do not (with one job, ask the proposal chooser itself afterwards).
    """
    if jobs <= 1:
        yield from comparing.compare_households(records, comparer.base, comparer.proposal,
                                      comparer.on, comparer.today)
        return
    context = _context()
    lifeline, held = context.Pipe(duplex=False)
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start,
                                 initargs=(comparer, lifeline)) as pool:
            window: deque[Future[tuple[list[Change], list[Breach]]]] = deque()
            try:
                for part in _chunks(records, chunk):
                    window.append(pool.submit(_work, part))
                    if len(window) >= 3 * jobs:
                        yield from _take(window.popleft(), breaches)
                while window:
                    yield from _take(window.popleft(), breaches)
            except BrokenProcessPool:
                raise MeansTestError("a worker process stopped unexpectedly (killed, or out "
                                     "of memory?); the comparison is incomplete") from None
            finally:
                for pending in window:
                    pending.cancel()
    finally:
        held.close()
        lifeline.close()


def _chunks(records: Iterable[Read], size: int) -> Iterator[list[Read]]:
    part: list[Read] = []
    for record in records:
        part.append(record)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def _take(done: Future[tuple[list[Change], list[Breach]]],
          breaches: list[Breach]) -> list[Change]:
    changes, found = done.result()
    breaches.extend(b for b in found if b not in breaches)
    return changes


_COMPARER: Comparer | None = None


def _start(comparer: Comparer, lifeline: Connection) -> None:
    global _COMPARER  # noqa: PLW0603 - one comparer per worker process, by design
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    threading.Thread(target=_outlive_no_parent, args=(lifeline,), name="lifeline",
                     daemon=True).start()
    _COMPARER = comparer


def _work(part: list[Read]) -> tuple[list[Change], list[Breach]]:
    c = _COMPARER
    assert c is not None  # noqa: S101 - set by the pool initializer
    changes = list(comparing.compare_households(part, c.base, c.proposal, c.on, c.today))
    return changes, c.proposal.new_breaches()
