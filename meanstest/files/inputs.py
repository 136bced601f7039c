"""Open a batch input: find its format and encoding, and stream its records.

JSON Lines, CSV and XLSX are read as streams, a record at a time, whatever the size
of the file. The encoding is read from a BOM, else guessed from the start (64 KiB of a
file, what has arrived of a pipe): UTF-8, else GBK with a note, or it is given with
``--encoding``. Blank lines and blank rows are not records: they are counted and
skipped. Nothing here prints: a note for the user is returned with the input.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from ..errors import MeansTestError
from .records import Record
from .roll import Cell, Layout, Row, blank, group_rows

FORMATS = ("jsonl", "csv", "xlsx", "parquet")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
             ".tsv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
_HEAD = 65536
_ZIP = b"PK\x03\x04"
GBK_NOTE = ("note: the input is not UTF-8; reading it as GBK (give --encoding to choose "
            "another)")


@dataclass
class Input:
    """An opened input.

    Attributes:
        format: ``jsonl``, ``csv`` or ``xlsx``.
        encoding: the text encoding (None for XLSX).
        note: something the user should know about how it is read, or None.
        layout: the case-roll columns (CSV and XLSX).
        records: the records, read lazily.
        skipped: blank lines or rows met so far.
        size: the size in bytes when the input is a file, for progress.
        stream: JSON Lines: the bytes after a BOM, for a reader of whole blocks (the
            columnar engine) instead of ``records``.
        digest: the SHA-256 of the input's bytes read so far (with ``digest=True``).
    """

    format: str
    encoding: str | None
    note: str | None
    layout: Layout | None
    records: Iterator[Record] = field(repr=False)
    skipped: int = 0
    size: int | None = None
    position: Callable[[], int] = field(default=lambda: 0, repr=False)
    close: Callable[[], None] = field(default=lambda: None, repr=False)
    stream: IO[bytes] | None = field(default=None, repr=False)
    digest: Callable[[], str] | None = field(default=None, repr=False)

    def __enter__(self) -> Input:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_input(path: str, fmt: str | None = None, encoding: str | None = None,
               stdin: IO[bytes] | None = None, *, digest: bool = False) -> Input:
    """Open a file (or ``-`` for ``stdin``) and prepare to stream its records.

    With ``digest``, the input's bytes are hashed as they are read (`Input.digest`).

    Raises:
        MeansTestError: the file cannot be read, its format or encoding cannot be
            told, or a case roll's header row is wrong.
    """
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise MeansTestError(f"'{encoding}' is not an encoding Python knows") from None
    raw = _open(path, stdin)
    hashing = Hashing(raw, path) if digest else None
    try:
        source = _prepare(path, cast("IO[bytes]", hashing) if hashing else raw, fmt, encoding)
        if hashing is not None:
            source.digest = hashing.hexdigest
        return source
    except BaseException as exc:
        if path != "-":
            raw.close()
        if isinstance(exc, MeansTestError) and exc.path is None:
            exc.path = path if path != "-" else "standard input"
        raise


def _prepare(path: str, raw: IO[bytes], fmt: str | None, encoding: str | None) -> Input:
    size = None if path == "-" else os.fstat(raw.fileno()).st_size
    close = raw.close if path != "-" else _nothing
    # From a pipe, look at what has arrived rather than wait for 64 KiB of it.
    head = raw.read1(_HEAD) if path == "-" and hasattr(raw, "read1") else raw.read(_HEAD)
    fmt = fmt or _format_of(path, head)
    if fmt == "xlsx":
        return _open_xlsx(path, head, raw, size)
    if fmt == "parquet":
        from .parquet import open_parquet  # noqa: PLC0415 - only for Parquet input

        return open_parquet(path, head, raw, size)
    stream = io.BufferedReader(_Prefixed(head, raw), buffer_size=1 << 16)
    chosen, note, bom = _encoding_of(head, encoding)
    stream.read(bom)
    position = raw.tell if size is not None else _zero
    if fmt == "jsonl":
        if _spread_over_lines(head[bom:]):
            raise MeansTestError(
                "this is one JSON document written over several lines, not JSON Lines: "
                "batch reads one household per line. For one household use `meanstest "
                "check FILE`; for a roll, write each household on a line of its own")
        source = Input("jsonl", chosen, note, None, iter(()), size=size, position=position,
                       close=close, stream=stream)
        source.records = _jsonl_records(stream, source)
        return source
    text = io.TextIOWrapper(stream, encoding=chosen, errors="surrogateescape", newline="")
    rows = _numbered(csv.reader(text, dialect=_dialect(head)), path)
    return _tabular(Input("csv", chosen, note, None, iter(()), size=size,
                          position=position, close=close), rows)


def _nothing() -> None:
    """Standard input is not ours to close."""


def _zero() -> int:
    return 0


def _open(path: str, stdin: IO[bytes] | None) -> IO[bytes]:
    if path == "-":
        if stdin is None:
            raise MeansTestError("no standard input to read")
        return stdin
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise MeansTestError(f"cannot read the file ({exc.strerror})", path=path) from None


def _format_of(path: str, head: bytes) -> str:
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix == ".xls":
        raise MeansTestError("old .xls workbooks cannot be read; save the roll as .xlsx or "
                             "CSV", path=path)
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if head.startswith(_ZIP):
        return "xlsx"
    if head.startswith(b"PAR1"):
        return "parquet"
    text = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return "jsonl" if text.startswith(b"{") else "csv"


def _encoding_of(head: bytes, given: str | None) -> tuple[str, str | None, int]:
    """Return (encoding, note, length of a BOM to skip).

    The head may end inside a character, so a cut-off sequence at its end is allowed.
    """
    bom = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    if given is not None:
        return given, None, bom if given == "utf-8" else 0
    if bom:
        return "utf-8", None, bom
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise MeansTestError("the input is UTF-16; save it as UTF-8 (or CSV UTF-8 in Excel)")
    for name, note in (("utf-8", None), ("gbk", GBK_NOTE)):
        try:
            codecs.getincrementaldecoder(name)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return name, note, 0
    raise MeansTestError("the input is neither UTF-8 nor GBK; give its encoding with "
                         "--encoding")


def _dialect(head: bytes) -> type[csv.Dialect]:
    """Comma, unless the header line is clearly tab- or semicolon-separated."""
    first = head.split(b"\n", 1)[0]
    counts = {b",": first.count(b","), b"\t": first.count(b"\t"), b";": first.count(b";")}
    if max(counts, key=counts.__getitem__) == b"\t" and counts[b"\t"]:
        return csv.excel_tab
    if max(counts, key=counts.__getitem__) == b";" and counts[b";"]:
        return _Semicolon
    return csv.excel


class _Semicolon(csv.excel):
    delimiter = ";"


def _spread_over_lines(head: bytes) -> bool:
    """Whether the input opens with a lone { or [: a JSON line never does, a pretty-printed
    household (a .json file) or array always does."""
    first = next((line.strip() for line in head.splitlines() if line.strip()), b"")
    return first in (b"{", b"[")


def _jsonl_records(stream: IO[bytes], source: Input) -> Iterator[Record]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            source.skipped += 1
            continue
        yield Record(number, line.rstrip(b"\r\n"))


def _numbered(rows: Iterator[list[str]], path: str) -> Iterator[Row]:
    """Number rows as a spreadsheet shows them (a quoted line break stays in its row)."""
    number = 0
    while True:
        number += 1
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a cell past the csv module's 131,072 characters
            raise MeansTestError(f"row {number} cannot be read as CSV ({exc})",
                                 path=path if path != "-" else "standard input") from None
        yield number, tuple(cells)


def _tabular(source: Input, rows: Iterator[Row]) -> Input:
    """Read the header row, then group member rows into household records."""
    for number, cells in rows:
        if all(blank(c) for c in cells):
            source.skipped += 1
            continue
        source.layout = Layout.from_header(cells, number)
        break
    else:
        raise MeansTestError("the case roll has no header row")

    def records() -> Iterator[Record]:
        for first, group in group_rows(_counting(rows, source), source.layout):  # type: ignore[arg-type]
            yield Record(first, group)

    source.records = records()
    return source


def _counting(rows: Iterator[Row], source: Input) -> Iterator[Row]:
    for row in rows:
        if all(blank(c) for c in row[1]):
            source.skipped += 1
            continue
        yield row


def _open_xlsx(path: str, head: bytes, raw: IO[bytes], size: int | None) -> Input:
    """Read the first sheet in openpyxl's streaming (read-only) mode."""
    try:
        from openpyxl import load_workbook  # noqa: PLC0415 - only for Excel input
    except ImportError:
        raise MeansTestError("reading .xlsx needs openpyxl (pip install openpyxl)") from None
    if path == "-":
        # A workbook needs seeking: spool stdin to a file that Input.close() closes.
        spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        spool.write(head)
        shutil.copyfileobj(raw, spool)
        spool.seek(0)
        book_file: Any = spool
    else:
        raw.close()
        book_file = path
        if isinstance(raw, Hashing):
            raw.whole = False
    try:
        book = load_workbook(book_file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and XML errors alike
        raise MeansTestError(f"the workbook cannot be read ({type(exc).__name__}: {exc})",
                             path=None if path == "-" else path) from None
    sheet = book.worksheets[0]
    done = [0]

    def rows() -> Iterator[Row]:
        # Ask for rows from the first one numbered, so that the numbers are the sheet's
        # (iter_rows alone starts at row 1 whatever min_row says).
        start = sheet.min_row or 1
        for number, cells in enumerate(sheet.iter_rows(min_row=start, values_only=True),
                                       start=start):
            done[0] = number
            # Other cell types (times, rich text) are read through str(), as text.
            yield number, cast("tuple[Cell, ...]", tuple(cells))

    def close() -> None:
        book.close()
        if not isinstance(book_file, str):
            book_file.close()

    source = Input("xlsx", None, None, None, iter(()), size=sheet.max_row,
                   position=lambda: done[0], close=close)
    try:
        return _tabular(source, rows())
    except BaseException:
        close()
        raise


class _Prefixed(io.RawIOBase):
    """A raw stream that gives the bytes already read (the head), then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class Hashing(io.RawIOBase):
    """A raw stream that hashes (SHA-256) every byte read through it."""

    def __init__(self, raw: IO[bytes], path: str) -> None:
        self._raw = raw
        self._path = path
        self._hash = hashlib.sha256()
        self.whole = True  # false once the file is read by path instead (a workbook)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._hash.update(data)
        return len(data)

    def read1(self, size: int = -1) -> bytes:
        data = self._raw.read1(size) if hasattr(self._raw, "read1") else self._raw.read(size)
        self._hash.update(data)
        return data

    def fileno(self) -> int:
        return self._raw.fileno()

    def tell(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        self._raw.close()
        super().close()

    def hexdigest(self) -> str:
        """The SHA-256 of the input (of the whole file, when it was read by path)."""
        if not self.whole and self._path != "-":
            whole = hashlib.sha256()
            with Path(self._path).open("rb") as again:
                for piece in iter(lambda: again.read(1 << 20), b""):
                    whole.update(piece)
            return whole.hexdigest()
        return self._hash.hexdigest()
