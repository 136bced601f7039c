"""What the columnar engine reads: chunks of JSON lines, from any input.

JSON Lines in UTF-8 is read as it is, several megabytes of whole lines at a time (the
bytes are never split into Python strings). Any other input (a case roll in CSV or
XLSX, Parquet, JSON Lines in GBK) is read record by record as `meanstest batch` always
read it, and each household is written as a JSON line for the columnar engine, with
the record itself kept beside it: a household the reference engine assesses is read
from the record, so its error messages name the roll's columns and rows as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import select
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from ..errors import MeansTestError
from ..files.inputs import MAX_LINE_BYTES
from ..files.json import Refused

if TYPE_CHECKING:
    from ..files.inputs import Input
    from ..files.records import Record
    from ..files.roll import Layout

BLOCK = 8 << 20  # bytes of JSON Lines a chunk (4 MB: about 10 % more CPU a household)
RECORDS = 2000  # records a chunk, when read one by one
# A line the columnar engine leaves to the reference engine (it does not start with {).
NOT_JSON = b"-"
_NEWLINE = 10
_PAUSE = 0.05  # seconds a pipe may pause before what has come is assessed


@dataclass
class Chunk:
    """Whole JSON lines, and for each line its input line number and what the reference
    engine reads instead of the line (None: consecutive lines, read as they are)."""

    data: bytes
    first_line: int
    lines: list[int] | None = None
    payloads: list[Any] | None = None


def chunks(source: Input, block: int = BLOCK, records: int = RECORDS) -> Iterator[Chunk]:
    """The chunks of an input, in order."""
    utf8 = (source.encoding or "utf-8").replace("_", "-") in ("utf-8", "utf8")
    if source.format == "jsonl" and source.stream is not None and utf8:
        return _blocks(source.stream, block)
    return _converted(source.records, source.layout, source.encoding, records)


def _blocks(stream: IO[bytes], size: int) -> Iterator[Chunk]:
    """Blocks of whole lines of about ``size`` bytes; sooner when a pipe pauses.

    A line longer than `MAX_LINE_BYTES` is not kept: it becomes a one-line chunk whose
    record is refused (`files.json.Refused`), as the reference reader does.
    """
    read = getattr(stream, "read1", stream.read)
    more = _waiter(stream)
    number, rest = 1, b""  # rest: the start of a line still being read
    while True:
        parts, have, ended = [rest], len(rest), False
        while not ended and (have < size or len(parts) == 1):
            data = read(max(size - have, 1 << 16))
            ended = not data
            parts.append(data)
            have += len(data)
            if not more():
                break
        data = b"".join(parts)
        cut = len(data) if ended else data.rfind(b"\n") + 1
        whole, rest = data[:cut], data[cut:]
        for chunk in _lines_within_limit(whole, number):
            yield chunk
            number += chunk.data.count(b"\n") + (not chunk.data.endswith(b"\n"))
        if ended:
            return
        if len(rest) > MAX_LINE_BYTES:
            rest = _skip_line(read, rest)
            yield _refused(number)
            number += 1


def _lines_within_limit(data: bytes, first: int) -> Iterator[Chunk]:
    """``data`` as chunks, each line longer than the limit on its own, refused."""
    if len(data) <= MAX_LINE_BYTES:
        if data:
            yield Chunk(data, first)
        return
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == _NEWLINE) + 1
    starts = np.concatenate(([0], ends))
    ends = np.concatenate((ends, [len(data)]))
    long = np.flatnonzero(ends - starts > MAX_LINE_BYTES)  # with its line break
    start, number = 0, first
    for i in long.tolist():
        if starts[i] > start:
            yield Chunk(data[start : starts[i]], number)
        yield _refused(first + i)
        start, number = int(ends[i]), first + i + 1
    if start < len(data):
        yield Chunk(data[start:], number)


def _refused(number: int) -> Chunk:
    """A line past the limit: one record, refused with the reference reader's words."""
    return Chunk(
        NOT_JSON + b"\n", number, [number], [Refused("line_too_long", {"max": MAX_LINE_BYTES})]
    )


def _skip_line(read: Callable[[int], bytes], start: bytes) -> bytes:
    """Read past the rest of an over-long line; return what follows its end."""
    data = start
    while data:
        end = data.find(b"\n")
        if end >= 0:
            return data[end + 1 :]
        data = read(MAX_LINE_BYTES)
    return b""


def _waiter(stream: IO[bytes]) -> Callable[[], bool]:
    """Whether more input is ready: a file, always; a pipe, when some arrives within
    `_PAUSE` (else what has come is assessed now, as a pipe that pauses asks)."""
    try:
        fd = stream.fileno()
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except (OSError, AttributeError, ValueError):
        return _always  # in memory, or no descriptor: reading never waits
    if regular:
        return _always
    if os.name == "nt":  # select works on sockets only there: take each read as it comes
        return _never
    return lambda: bool(select.select([fd], [], [], _PAUSE)[0])


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def _converted(
    records: Iterable[Record], layout: Layout | None, encoding: str | None, size: int
) -> Iterator[Chunk]:
    lines: list[bytes] = []
    numbers: list[int] = []
    payloads: list[Any] = []
    for record in records:
        lines.append(json_line(record.payload, layout, encoding))
        numbers.append(record.line)
        payloads.append(record.payload)
        if len(lines) >= size:
            yield Chunk(b"\n".join(lines) + b"\n", numbers[0], numbers, payloads)
            lines, numbers, payloads = [], [], []
    if lines:
        yield Chunk(b"\n".join(lines) + b"\n", numbers[0], numbers, payloads)


def json_line(payload: Any, layout: Layout | None, encoding: str | None) -> bytes:
    """The household of a record as one JSON line; NOT_JSON when it cannot be read
    (the reference engine then reads the record and says why)."""
    try:
        if isinstance(payload, bytes):
            text = payload.decode(encoding or "utf-8")
            return text.encode("utf-8") if "\n" not in text else NOT_JSON
        data = (
            layout.household(payload).data if isinstance(payload, tuple) and layout else (payload)
        )
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain).encode(
            "utf-8"
        )
    except (MeansTestError, UnicodeError, TypeError, ValueError):
        return NOT_JSON


def _plain(value: object) -> str:
    """What JSON has no type for, as the text a household file would hold."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
