"""`meanstest compare --jobs N`: the comparison in worker processes, in input order.

The roll's records are read in the main process and sent to the workers in chunks,
unparsed (validating a household costs about as much as assessing it); each worker
holds the two choosers and a reader (sent once), reads its records into households as
`batch.api.read_households` does and runs `compare.compare_households` on them, so the
changes are the same for any number of jobs. A worker also returns the
checks its proposed rule sets fail that the current ones do not (the main process loads
no rule set of its own when workers do the work). Workers end with the run, as
`batch.pool`'s do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import IO, NamedTuple

from .. import compare as comparing
from ..compare import Change
from ..files.records import Record
from ..render.labels import Lang
from ..ruleset.checks import Breach
from ..ruleset.choose import Chooser, ProposalChooser
from .api import Read, open_roll, read_households
from .core import Assessor, Job
from .pool import CHUNK, chunks
from .workers import bind_to_parent, context, in_order


class Comparer(NamedTuple):
    """Everything a worker needs, pickled once to each."""

    base: Chooser
    proposal: ProposalChooser
    on: dt.date | None
    today: dt.date
    reader: Job | None = None  # how the workers read records into households


def compare_roll(
    path: str,
    encoding: str | None,
    comparer: Comparer,
    jobs: int,
    *,
    stdin: IO[bytes] | None = None,
    note: Callable[[str], None] | None = None,
    breaches: list[Breach] | None = None,
    lang: Lang = "en",
) -> Iterator[Change]:
    """Compare every household of a case roll, in ``jobs`` processes, in input order.

    ``breaches`` receives what the workers' proposed rule sets break that the current
    ones do not (with one job, ask the proposal chooser itself afterwards).

    Raises:
        MeansTestError: the roll cannot be opened, or its header row is wrong.
    """
    if jobs <= 1:
        households = read_households(path, encoding, stdin=stdin, note=note, lang=lang)
        yield from comparing.compare_households(
            households, comparer.base, comparer.proposal, comparer.on, comparer.today
        )
        return
    source = open_roll(path, encoding, stdin=stdin, note=note, lang=lang)
    # Reading needs no date: the Job's is never used.
    reader = Job(dt.date.min, lang=lang, encoding=source.encoding or "utf-8", layout=source.layout)
    with source:
        yield from _in_workers(
            source.records,
            comparer._replace(reader=reader),
            jobs,
            [] if breaches is None else breaches,
        )


def _in_workers(
    records: Iterable[Record],
    comparer: Comparer,
    jobs: int,
    breaches: list[Breach],
    chunk: int = CHUNK,
) -> Iterator[Change]:
    """Compare records in ``jobs`` worker processes, keeping input order."""
    for changes, found in in_order(
        chunks(records, chunk),
        _work,
        jobs=jobs,
        mp=context("meanstest.batch.compare_jobs"),
        initializer=_start,
        initargs=(comparer,),
        in_flight=3,
    ):
        breaches.extend(b for b in found if b not in breaches)
        yield from changes


_COMPARER: Comparer | None = None
_READER: Assessor | None = None


def _start(comparer: Comparer, lifeline: Connection) -> None:
    global _COMPARER, _READER  # noqa: PLW0603 - one of each per worker process, by design
    bind_to_parent(lifeline)
    _COMPARER = comparer
    assert comparer.reader is not None  # noqa: S101 - set by compare_roll
    _READER = Assessor(comparer.reader)


def _work(part: list[Record]) -> tuple[list[Change], list[Breach]]:
    c, reader = _COMPARER, _READER
    assert c is not None  # noqa: S101 - set by the pool initializer
    assert reader is not None  # noqa: S101 - set by the pool initializer
    households: list[Read] = [(r.line, reader.household(r)) for r in part]
    changes = list(comparing.compare_households(households, c.base, c.proposal, c.on, c.today))
    return changes, c.proposal.new_breaches()
