"""`meanstest compare` on the columnar engine: each block parsed once, decided twice.

The case roll is read in chunks (`feed`) as `batch` reads it, each block parsed once
(stage A) and decided under the base rules and under the proposal by two columnar
engines (each with its own chooser, so a proposal still applies only to the rule set
it extends). A household that either engine leaves to the reference engine, or that
is an error on either side, is compared by `compare.compare_households` itself, so its
change (and error text) is exactly today's. The changes come out in input order, one
per record, as `compare.Change` values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from ..compare import Change, compare_households
from ..errors import ClosedStream, MeansTestError
from ..files.inputs import open_input
from ..files.records import Record
from ..money import FEN
from ..render.errors import message
from .blocks import split
from .columnar import Assessed, Columnar
from .core import Assessor, Job
from .feed import Chunk, chunks

if TYPE_CHECKING:
    from ..render.labels import Lang
    from ..ruleset.choose import Chooser


def compare_roll(
    path: str,
    encoding: str | None,
    base: Chooser,
    proposal: Chooser,
    on: dt.date | None,
    today: dt.date,
    *,
    stdin: IO[bytes] | None = None,
    note: Callable[[str], None] | None = None,
    lang: Lang = "en",
) -> Iterator[Change]:
    """One change per record of the roll at ``path``, in order (see the module docstring).
    ``note`` and the messages of a record that cannot be read are in ``lang``.

    Raises:
        MeansTestError: the roll cannot be opened, its header row is wrong, or a rule
            file is broken.
    """
    try:
        source = open_input(path, None, encoding, stdin=stdin)
    except ClosedStream as exc:
        raise MeansTestError(exc.code, path=path) from None
    except OSError as exc:
        raise MeansTestError(
            "cannot_read", params={"what": "case_roll", "reason": exc.strerror}, path=path
        ) from None
    if source.note and note is not None:
        note(message(source.note, {}, lang))
    job = Job(
        today=today,
        on=on,
        encoding=source.encoding or "utf-8",
        layout=source.layout,
        output="dict",
        detail="summary",
    )
    before, after = Columnar(job, chooser=base), Columnar(job, chooser=proposal)
    reader = Assessor(
        Job(dt.date.min, lang=lang, encoding=source.encoding or "utf-8", layout=source.layout)
    )
    with source:
        for chunk in chunks(source):
            block = split(chunk.data, chunk.first_line)
            roll = before.parse(block)
            a, b = before.decide(block, roll), after.decide(block, roll)
            for index, change in _changes(a, b, chunk):
                if change is not None:
                    yield change
                    continue
                line = chunk.lines[index] if chunk.lines else chunk.first_line + index
                payload = chunk.payloads[index] if chunk.payloads else block.text(index)
                yield from compare_households(
                    [(line, reader.household(Record(line, payload)))], base, proposal, on, today
                )


def _changes(a: Assessed, b: Assessed, chunk: Chunk) -> Iterator[tuple[int, Change | None]]:
    """Each record of the block, with its change when both engines decided it."""
    ours = dict(zip(a.table["rid"].to_pylist(), _rows(a), strict=True))
    theirs = dict(zip(b.table["rid"].to_pylist(), _rows(b), strict=True))
    for index in sorted({*ours, *a.routed}):
        first, second = ours.get(index), theirs.get(index)
        if first is None or second is None:
            yield index, None
            continue
        line = chunk.lines[index] if chunk.lines else chunk.first_line + index
        yield index, Change(line, first[0], first[1], second[1], first[2], second[2])


def _rows(assessed: Assessed) -> list[tuple[Any, str, Decimal]]:
    table = assessed.table
    return [
        (hid, status, Decimal(fen) * FEN)
        for hid, status, fen in zip(
            table["hid"].to_pylist(),
            table["status"].to_pylist(),
            table["benefit"].to_pylist(),
            strict=True,
        )
    ]
