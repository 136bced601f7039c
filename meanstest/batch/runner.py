"""A whole batch run: an opened input through the chosen engine, in pieces, in order.

`pieces` is what `meanstest batch` iterates: for summaries (the default) the chunks of
the input through the columnar engine (`feed`, `block_pool`), for full records
(``--detail full``) the records through the reference engine (`pool`), grouped into
pieces alike. Each `Piece` holds its records' outputs in order (encoded JSON Lines, CSV
or XLSX rows, or dicts for Parquet) and the `Tally` the run summary and report are
made of.
`paper_run` feeds the paperwork (``--format payroll`` or ``notice``) the full records,
outcome by outcome.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .tally import Piece, Tally

if TYPE_CHECKING:
    from ..files.inputs import Input
    from ..files.records import Outcome
    from .core import Job

_GROUP = 256  # reference outcomes a piece


def pieces(source: Input, job: Job, jobs: int = 1) -> Iterator[Piece]:
    """The run's output, piece by piece, in input order."""
    if job.detail == "full":
        from .pool import run  # noqa: PLC0415 - the reference path alone needs it

        group: list[Outcome] = []
        for outcome in run(source.records, job, jobs):
            group.append(outcome)
            if len(group) >= _GROUP:
                yield _piece(group, job)
                group = []
        if group:
            yield _piece(group, job)
        return
    from .block_pool import run_chunks  # noqa: PLC0415 - loads numpy, pyarrow, duckdb
    from .feed import chunks  # noqa: PLC0415

    # A file of some size never keeps a read waiting, so the next chunk may be parsed
    # ahead; a pipe's records are assessed as they come (`feed`), one chunk at a time.
    yield from run_chunks(chunks(source), job, jobs, ahead=bool(source.size))


def _piece(outcomes: list[Outcome], job: Job) -> Piece:
    """Reference outcomes as a piece: their outputs and tally."""
    tally = Tally(records=len(outcomes), paths=Counter({"reference": len(outcomes)}))
    for outcome in outcomes:
        tally.count(outcome)
    output = (
        [o.output for o in outcomes]
        if job.output != "jsonl"
        else b"".join(o.output for o in outcomes)
    )
    return Piece(output, tally)


def paper_run(
    source: Input, job: Job, jobs: int, sink: Any, tally: Tally, advance: Callable[[int], None]
) -> None:
    """The payment roll or publication list: every record through the reference
    engine (full records), each outcome to the paper sink and the tally."""
    from .pool import run  # noqa: PLC0415 - pydantic loads only when run

    for outcome in run(source.records, job, jobs):
        sink.add(outcome)
        tally.records += 1
        tally.paths["reference"] += 1
        tally.count(outcome)
        advance(1)
