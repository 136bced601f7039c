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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from ..errors import MeansTestError

if TYPE_CHECKING:
    from ..files.inputs import Input
    from ..files.records import Record
    from ..files.roll import Layout

BLOCK = 4 << 20  # bytes of JSON Lines a chunk
RECORDS = 2000  # records a chunk, when read one by one
# A line the columnar engine leaves to the reference engine (it does not start with {).
NOT_JSON = b"-"


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
    line = 1
    while True:
        data = stream.read(size)
        if not data:
            return
        if not data.endswith(b"\n"):
            data += stream.readline()
        yield Chunk(data, line)
        line += data.count(b"\n")


def _converted(records: Iterable[Record], layout: Layout | None, encoding: str | None,
               size: int) -> Iterator[Chunk]:
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
        data = layout.household(payload).data if isinstance(payload, tuple) and layout else (
            payload)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                          default=_plain).encode("utf-8")
    except (MeansTestError, UnicodeError, TypeError, ValueError):
        return NOT_JSON


def _plain(value: object) -> str:
    """What JSON has no type for, as the text a household file would hold."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
