"""Open a batch input: find its format and encoding, and stream its records.

JSON Lines, CSV and XLSX are read as streams, a record at a time, whatever the size
of the file. The encoding is read from a BOM, else guessed from the start (64 KiB of a
file, what has arrived of a pipe): UTF-8, else GBK with a note, or it is given with
``--encoding``. Blank lines and blank rows are not records: they are counted and
skipped. Nothing here prints: a note for the user is returned with the input.

Reading is bounded, so that no input can fill the memory, and a record that cannot be
read never takes others with it: a JSON line past `MAX_LINE_BYTES`, a CSV row past
`MAX_ROW_CHARS`, a cell past `MAX_CELL_CHARS` or a quote that never closes becomes an
error record at its line or row, and reading goes on from the next (CSV rows are read
by `csv_rows`).
"""

from __future__ import annotations

import codecs
import io
import os
import shutil
import string
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from ..errors import STANDARD_INPUT, ClosedStream, MeansTestError
from .csv_rows import csv_rows, dialect
from .json import Refused
from .records import Record
from .roll import Layout, Row, blank, group_rows

# The raw streams under an input live in `streams`; `Hashing` is named here too.
from .streams import Hashing
from .streams import Prefixed as _Prefixed

FORMATS = ("jsonl", "csv", "xlsx", "parquet")
_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}
_HEAD = 65536
_ZIP = b"PK\x03\x04"
GBK_NOTE = "gbk_note"  # the code of the note that the input is read as GBK
# One household as a JSON line is a few KB (50 members and their items, some 100 KB).
MAX_LINE_BYTES = 1 << 20


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


def open_input(
    path: str,
    fmt: str | None = None,
    encoding: str | None = None,
    stdin: IO[bytes] | None = None,
    *,
    digest: bool = False,
) -> Input:
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
            exc.path = path if path != "-" else STANDARD_INPUT
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
    if fmt == "parquet":
        from .parquet import open_parquet  # noqa: PLC0415 - only for Parquet input

        return open_parquet(path, head, raw, size)
    stream = io.BufferedReader(_Prefixed(head, raw), buffer_size=1 << 16)
    chosen, note, bom = _encoding_of(head, encoding)
    stream.read(bom)
    position = raw.tell if size is not None else _zero
    if fmt == "jsonl":
        if _spread_over_lines(head[bom:]):
            raise MeansTestError("json_over_lines")
        source = Input(
            "jsonl",
            chosen,
            note,
            None,
            iter(()),
            size=size,
            position=position,
            close=close,
            stream=stream,
        )
        source.records = _jsonl_records(stream, source)
        return source
    text = io.TextIOWrapper(stream, encoding=chosen, errors="surrogateescape", newline="")
    rows = csv_rows(text, dialect(head))
    return _tabular(
        Input("csv", chosen, note, None, iter(()), size=size, position=position, close=close),
        rows,
        path,
    )


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
        raise MeansTestError(
            "cannot_read", params={"what": "file", "reason": exc.strerror}, path=path
        ) from None


def _format_of(path: str, head: bytes) -> str:
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix == ".xls":
        raise MeansTestError("xls_old", path=path)
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
            exc.path = exc.path or (path if path != "-" else STANDARD_INPUT)
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
        if isinstance(raw, Hashing):
            raw.whole = False
    try:
        book = load_workbook(book_file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and XML errors alike
        raise MeansTestError(
            "workbook_unreadable",
            params={"kind": type(exc).__name__, "detail": str(exc)},
            path=None if path == "-" else path,
        ) from None
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
    source = Input(
        "xlsx",
        None,
        None,
        None,
        iter(()),
        size=sheet.stated_rows,
        position=lambda: done[0],
        close=close,
    )
    try:
        return _tabular(source, rows(), path)
    except BaseException:
        close()
        raise
