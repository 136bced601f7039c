"""Open a batch input: find its format and encoding, and stream its records.

JSON Lines, CSV and XLSX are read as streams, a record at a time, whatever the size
of the file. The encoding is read from a BOM, else guessed from the start (64 KiB of a
file, what has arrived of a pipe): UTF-8, else GBK with a note, or it is given with
``--encoding``. Blank lines and blank rows are not records: they are counted and
skipped. Nothing here prints: a note for the user is returned with the input.

Reading is bounded, so that no input can fill the memory, and a record that cannot be
read never takes others with it: a JSON line past `MAX_LINE_BYTES`, a CSV row past
`MAX_ROW_CHARS`, a cell past `MAX_CELL_CHARS` or a quote that never closes becomes an
error record at its line or row, and reading goes on from the next.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import shutil
import string
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from ..errors import MeansTestError
from .json import Refused
from .records import Record
from .roll import Cell, Flawed, Layout, Row, blank, group_rows

FORMATS = ("jsonl", "csv", "xlsx", "parquet")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
             ".tsv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
_HEAD = 65536
_ZIP = b"PK\x03\x04"
GBK_NOTE = ("note: the input is not UTF-8; reading it as GBK (give --encoding to choose "
            "another)")
# One household as a JSON line is a few KB (50 members and their items, some 100 KB).
MAX_LINE_BYTES = 1 << 20
# One CSV row, with the line breaks of its quoted cells, and one cell: far above any
# real row or value, so that a quote that never closes cannot swallow the file.
MAX_ROW_CHARS = 100_000
MAX_CELL_CHARS = 10_000


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
        encoding = _text_encoding(encoding)
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


def _text_encoding(name: str) -> str:
    """The codec name of an encoding a roll can be read in, else an error that says why.

    A roll is text whose plain characters (digits, letters, commas, line breaks) are
    single ASCII bytes: UTF-8, GBK, GB18030, Big5, Latin-1 and the like. Byte codecs
    (rot13, hex, base64) are not text encodings, and UTF-16 and UTF-32 write every
    character in two or four bytes, which lines of JSON cannot be split on.
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise MeansTestError(f"'{name}' is not an encoding Python knows") from None
    if not getattr(info, "_is_text_encoding", True):
        raise MeansTestError(f"'{name}' is not a text encoding (it turns bytes into other "
                             "bytes); give the encoding the roll is written in, such as utf-8 "
                             "or gbk")
    if info.name.startswith(("utf-16", "utf-32")):
        raise MeansTestError(f"'{name}' writes each character in several bytes and cannot "
                             "be read here; save the roll as UTF-8 (or CSV UTF-8 in Excel)")
    try:
        plain = string.printable.encode(info.name).removeprefix(codecs.BOM_UTF8)
    except (UnicodeError, LookupError, TypeError):
        plain = b""
    if plain != string.printable.encode("ascii"):
        raise MeansTestError(f"'{name}' does not write plain text (digits, letters, commas) as "
                             "itself and cannot be read here; give an encoding such as utf-8, "
                             "gbk or gb18030")
    return info.name


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
    rows = csv_rows(text, _dialect(head))
    return _tabular(Input("csv", chosen, note, None, iter(()), size=size,
                          position=position, close=close), rows, path)


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
    if b"\x00" in head:  # no text of a roll holds NUL: two- or four-byte characters
        raise MeansTestError("the input holds NUL bytes, as UTF-16 or UTF-32 without a "
                             "byte-order mark does; save it as UTF-8 (or CSV UTF-8 in Excel)")
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
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES:
            _skip_line(stream, line)
            yield Record(number, Refused(f"the line is longer than {MAX_LINE_BYTES:,} bytes, "
                                         "the limit for one household; it was not read"))
            continue
        if not line.strip():
            source.skipped += 1
            continue
        yield Record(number, line.rstrip(b"\r\n"))


def _skip_line(stream: IO[bytes], start: bytes) -> None:
    """Read past the rest of an over-long line, a chunk at a time."""
    chunk = start
    while chunk and not chunk.endswith(b"\n"):
        chunk = stream.readline(MAX_LINE_BYTES)


class _RowTooLong(Exception):
    """A CSV row runs past `MAX_ROW_CHARS` (raised from within csv.reader)."""


class _Cut(str):
    """The start of a physical line longer than any row may be (the rest was skipped)."""

    __slots__ = ()


class _Lines:
    """The physical lines of a CSV text, as csv.reader takes them: bounded, and with the
    lines of a row that cannot be read kept to be read again.

    ``taken`` holds the lines of the row being read and ``size`` their characters; the
    reader empties both at the start of each row.
    """

    def __init__(self, text: IO[str]) -> None:
        self._readline = text.readline
        self._again: list[str] = []  # lines to read again, the next one last
        self.taken: list[str] = []
        self.size = 0

    def __iter__(self) -> _Lines:
        return self

    def again(self, lines: list[str]) -> None:
        """Read these lines again, in order, before the rest of the text."""
        self._again.extend(reversed(lines))

    def __next__(self) -> str:
        if self._again:
            line = self._again.pop()
        else:
            line = self._readline(MAX_ROW_CHARS + 1)
            if not line:
                raise StopIteration
            if line[0] == "\ufeff":  # the BOM of a second file joined to the first
                line = line[1:]
            if len(line) > MAX_ROW_CHARS:
                line = self._cut(line)
        self.taken.append(line)
        self.size += len(line)
        if self.size > MAX_ROW_CHARS or type(line) is _Cut:
            raise _RowTooLong
        return line

    def _cut(self, line: str) -> _Cut:
        """Keep the start of a line longer than any row may be; skip the rest of it."""
        rest = line
        while rest and not rest.endswith(("\n", "\r")):
            rest = self._readline(MAX_ROW_CHARS)
        return _Cut(line[:MAX_ROW_CHARS])


def csv_rows(text: IO[str], dialect: type[csv.Dialect] = csv.excel) -> Iterator[Row]:
    """Read CSV rows, numbered as a spreadsheet shows them (a quoted line break stays
    in its row), each a `Row`.

    A row that cannot be read (a quote that never closes or closes before other text,
    a row past `MAX_ROW_CHARS`) is yielded with its cells read literally and the cell
    at fault as a `Flawed` one; reading goes on from the line after the row's first,
    so the rows that a runaway quote would have swallowed are still read. A cell past
    `MAX_CELL_CHARS` is `Flawed` too.
    """
    lines = _Lines(text)
    reader = csv.reader(lines, dialect, strict=True)
    number = 0
    taken = lines.taken
    while True:
        taken.clear()
        lines.size = 0
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, _RowTooLong) as exc:
            number += 1
            first = taken[0]
            lines.again(taken[1:])
            yield number, _unread_row(first, dialect, too_long=isinstance(exc, _RowTooLong))
            continue
        number += 1
        if lines.size > MAX_CELL_CHARS and any(len(c) > MAX_CELL_CHARS for c in cells):
            yield number, tuple(
                Flawed(c[:MAX_CELL_CHARS], f"the cell holds {len(c):,} characters, more than "
                       f"the {MAX_CELL_CHARS:,} a cell may hold") if len(c) > MAX_CELL_CHARS
                else c for c in cells)
            continue
        yield number, tuple(cells)


_QUOTE_PROBLEM = ("the quote (\") that opens this cell is not closed where the cell ends; "
                  "the cell is not read, and the rows after it are read on their own")


def _unread_row(line: str, dialect: type[csv.Dialect], *, too_long: bool) -> tuple[Cell, ...]:
    """The cells of a row's first line, read literally, the one at fault `Flawed`.

    A cell in quotes that close where it ends is read as CSV reads it; the first cell
    whose opening quote does not (it never closes on this line, or text follows the
    closing quote) is the one at fault, read without that quote up to the next
    delimiter, and the cells after it are split at each delimiter, as written. One pass
    over the line, whatever it holds.
    """
    text = line.rstrip("\r\n")
    delimiter = dialect.delimiter
    cells: list[Cell] = []
    fault: int | None = None
    at = 0
    while True:
        closing = (_closing_quote(text, at + 1, delimiter)
                   if fault is None and text.startswith('"', at) else None)
        if closing is not None:
            cells.append(text[at + 1:closing].replace('""', '"'))
            end = closing + 1
        else:
            if fault is None and text.startswith('"', at):
                fault = len(cells)
                at += 1  # the stray quote: the rest is likely the cell as meant
            end = text.find(delimiter, at)
            end = len(text) if end < 0 else end
            cells.append(text[at:end])
        if end >= len(text):
            break
        at = end + 1
    if too_long and (type(line) is _Cut or fault is None):
        fault = len(cells) - 1
        problem = (f"the row is longer than {MAX_ROW_CHARS:,} characters, more than any row "
                   "of a case roll; it is not read")
    elif fault is None:  # no quote to blame on this line: the row as a whole
        fault, problem = 0, "the row cannot be read as CSV; it is not read"
    else:
        problem = _QUOTE_PROBLEM
    cells[fault] = Flawed(str(cells[fault])[:MAX_CELL_CHARS], problem)
    return tuple(cells)


def _closing_quote(text: str, start: int, delimiter: str) -> int | None:
    """Where the quote closes that opened a cell just before ``start``: a quote (not a
    doubled one) followed by the delimiter or the end; None when there is none."""
    at = start
    while True:
        quote = text.find('"', at)
        if quote < 0:
            return None
        if text.startswith('"', quote + 1):
            at = quote + 2
            continue
        after = quote + 1
        return quote if after == len(text) or text.startswith(delimiter, after) else None


def _tabular(source: Input, rows: Iterator[Row], path: str) -> Input:
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
        try:
            for first, group in group_rows(_counting(rows, source), source.layout):  # type: ignore[arg-type]
                yield Record(first, group)
        except MeansTestError as exc:  # the rest of the roll cannot be read: say which file
            exc.path = exc.path or (path if path != "-" else "standard input")
            raise

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

        from .sheet import SheetReader  # noqa: PLC0415 - it needs openpyxl
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
    sheet = SheetReader(book)
    done = [0]

    def rows() -> Iterator[Row]:
        # Every row and column present, whatever size the sheet states; numbered as the
        # sheet numbers them. Other cell types (times) are read through str(), as text.
        for number, cells in sheet.rows():
            done[0] = number
            yield number, cells

    def close() -> None:
        book.close()
        if not isinstance(book_file, str):
            book_file.close()

    # The size the sheet states serves only the progress bar (a wrong one ends it early).
    source = Input("xlsx", None, None, None, iter(()), size=sheet.stated_rows,
                   position=lambda: done[0], close=close)
    try:
        return _tabular(source, rows(), path)
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
        data = _read1(self._rest, len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def fileno(self) -> int:
        return self._rest.fileno()


def _read1(stream: IO[bytes], size: int) -> bytes:
    """What has arrived, up to ``size`` bytes (from a pipe, without waiting for more)."""
    read1 = getattr(stream, "read1", None)
    return read1(size) if read1 is not None else stream.read(size)


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
        data = _read1(self._raw, len(buffer))
        buffer[: len(data)] = data
        self._hash.update(data)
        return len(data)

    def read1(self, size: int = -1) -> bytes:
        data = _read1(self._raw, size)
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
