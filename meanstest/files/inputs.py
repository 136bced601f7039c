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
import io
import os
import shutil
import string
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import ClosedStream, MeansTestError
from .json import Refused
from .records import Record
from .roll import Cell, Flawed, Layout, Row, blank, group_rows

FORMATS = ("jsonl", "csv", "xlsx")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
             ".tsv": "csv", ".xlsx": "xlsx"}
_HEAD = 65536
_ZIP = b"PK\x03\x04"
GBK_NOTE = "gbk_note"  # the code of the note that the input is read as GBK
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
        note: something the user should know about how it is read (the code of its
            message, `render.errors`), or None.
        layout: the case-roll columns (CSV and XLSX).
        records: the records, read lazily.
        skipped: blank lines or rows met so far.
        size: the size in bytes when the input is a file, for progress.
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

    def __enter__(self) -> Input:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_input(path: str, fmt: str | None = None, encoding: str | None = None,
               stdin: IO[bytes] | None = None) -> Input:
    """Open a file (or ``-`` for ``stdin``) and prepare to stream its records.

    Raises:
        MeansTestError: the file cannot be read, its format or encoding cannot be
            told, or a case roll's header row is wrong.
    """
    if encoding is not None:
        encoding = _text_encoding(encoding)
    raw = _open(path, stdin)
    try:
        return _prepare(path, raw, fmt, encoding)
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
        raise MeansTestError("encoding_unknown", params={"name": name}) from None
    if not getattr(info, "_is_text_encoding", True):
        raise MeansTestError("encoding_not_text", params={"name": name})
    if info.name.startswith(("utf-16", "utf-32")):
        raise MeansTestError("encoding_multibyte", params={"name": name})
    try:
        plain = string.printable.encode(info.name).removeprefix(codecs.BOM_UTF8)
    except (UnicodeError, LookupError, TypeError):
        plain = b""
    if plain != string.printable.encode("ascii"):
        raise MeansTestError("encoding_not_plain", params={"name": name})
    return info.name


def _prepare(path: str, raw: IO[bytes], fmt: str | None, encoding: str | None) -> Input:
    size = None if path == "-" else os.fstat(raw.fileno()).st_size
    close = raw.close if path != "-" else _nothing
    # From a pipe, look at what has arrived rather than wait for 64 KiB of it.
    head = raw.read1(_HEAD) if path == "-" and hasattr(raw, "read1") else raw.read(_HEAD)
    fmt = fmt or _format_of(path, head)
    if fmt == "xlsx":
        return _open_xlsx(path, head, raw, size)
    stream = io.BufferedReader(_Prefixed(head, raw), buffer_size=1 << 16)
    chosen, note, bom = _encoding_of(head, encoding)
    stream.read(bom)
    position = raw.tell if size is not None else _zero
    if fmt == "jsonl":
        if _spread_over_lines(head[bom:]):
            raise MeansTestError("json_over_lines")
        source = Input("jsonl", chosen, note, None, iter(()), size=size, position=position,
                       close=close)
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
            raise MeansTestError("no_stdin")
        return stdin
    try:
        return Path(path).open("rb")
    except ClosedStream as exc:
        raise MeansTestError(exc.code, path=path) from None
    except OSError as exc:
        raise MeansTestError("cannot_read", params={"what": "file", "reason": exc.strerror},
                             path=path) from None


def _format_of(path: str, head: bytes) -> str:
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix == ".xls":
        raise MeansTestError("xls_old", path=path)
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if head.startswith(_ZIP):
        return "xlsx"
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
        raise MeansTestError("input_utf16")
    if b"\x00" in head:  # no text of a roll holds NUL: two- or four-byte characters
        raise MeansTestError("input_nul_bytes")
    for name, note in (("utf-8", None), ("gbk", GBK_NOTE)):
        try:
            codecs.getincrementaldecoder(name)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return name, note, 0
    raise MeansTestError("input_not_utf8_nor_gbk")


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
            yield Record(number, Refused("line_too_long", {"max": MAX_LINE_BYTES}))
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
                Flawed(c[:MAX_CELL_CHARS], "cell_too_long",
                       {"length": len(c), "max": MAX_CELL_CHARS}) if len(c) > MAX_CELL_CHARS
                else c for c in cells)
            continue
        yield number, tuple(cells)


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
        code, params = "row_too_long", {"max": MAX_ROW_CHARS}
    elif fault is None:  # no quote to blame on this line: the row as a whole
        fault, code, params = 0, "row_not_csv", {}
    else:
        code, params = "quote_not_closed", {}
    cells[fault] = Flawed(str(cells[fault])[:MAX_CELL_CHARS], code, params)
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
        raise MeansTestError("roll_no_header")

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
        raise MeansTestError("openpyxl_missing") from None
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
    try:
        book = load_workbook(book_file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and XML errors alike
        raise MeansTestError("workbook_unreadable", params={"kind": type(exc).__name__,
                                                            "detail": str(exc)},
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
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
