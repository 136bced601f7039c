"""Write batch results: JSON Lines, CSV or XLSX, to a stream or atomically to a file.

A file is written under a temporary name in its own directory and renamed over the
target only when the run has finished, so an interrupted or failed run leaves the old
file (or no file) and never half of a new one. Standard output streams as it goes.

The same results give the same bytes in every format: a workbook carries no time of
its own (its document properties and zip entries hold one fixed time), so pipelines
can compare outputs.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Protocol

from ..render.rows import SUMMARY_COLUMNS, labelled_columns, with_labels
from .placing import atomic_file, written_in_place
from .records import Outcome

_SUFFIX_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}
_MONEY = frozenset(
    {
        "per_capita_monthly",
        "standard_monthly",
        "benefit_monthly",
        "temporary_suggested",
        "support_monthly",
    }
)


def format_for(path: str | None) -> str | None:
    """Return the output format a file name implies, or None when it implies none."""
    if path is None or path == "-":
        return None
    return _SUFFIX_FORMATS.get(Path(path).suffix.lower())


def same_file(output: str | Path, other: str | Path) -> bool:
    """Whether writing ``output`` would overwrite ``other``: the same path, or the same
    file through a symbolic or hard link.

    For a command to refuse an output path that is one of its inputs (issue 10, kind 14;
    `batch` compares resolved paths, `compare` is to use this).
    """
    target, source = Path(output), Path(other)
    with contextlib.suppress(OSError):
        if target.exists() and source.exists():
            return os.path.samefile(target, source)
    return target.resolve() == source.resolve()


class Sink(Protocol):
    """Where outcomes go, one by one (or a piece of them at a time), in order."""

    def add(self, outcome: Outcome) -> None:
        """Write one outcome."""

    def add_piece(self, piece: Any) -> None:
        """Write a piece of records (`batch.columnar_run.Piece`: ``output``, ``lines``)."""

    def finish(self) -> None:
        """Flush what is buffered (called once, after the last outcome)."""


class JsonlSink:
    """One compact JSON line per record (outcomes arrive already encoded)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def add(self, outcome: Outcome) -> None:
        """Write one JSON line."""
        self.stream.write(outcome.output)

    def add_piece(self, piece: Any) -> None:
        """Write a piece's lines (already encoded, one bytes object).

        In slices: a pipe whose reader goes away during one large write may take part
        of it without an error, and only the next write says the reader has gone.
        """
        data = memoryview(piece.output)
        for start in range(0, len(data), 1 << 16):
            self.stream.write(data[start : start + (1 << 16)])

    def finish(self) -> None:
        """Flush the stream."""
        self.stream.flush()


def header(lang: str) -> list[str]:
    """Return the summary header row, in Chinese (with label columns) or English."""
    return [text for _, text in labelled_columns(SUMMARY_COLUMNS, lang)]


class CsvSink:
    """One row per household (UTF-8, no BOM: for Excel, write .xlsx)."""

    def __init__(self, stream: IO[bytes], lang: str) -> None:
        self.text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=False)
        self.writer = csv.writer(self.text)
        self.lang = lang
        self.writer.writerow(header(lang))

    def add(self, outcome: Outcome) -> None:
        """Write one row, every text as given: ids must match the input's (contract §2).

        A spreadsheet would run a cell such as =1+2 as a formula; that is why results
        for people to open are written as .xlsx, where text is always text.
        """
        cells = with_labels(SUMMARY_COLUMNS, outcome.output, self.lang)
        self.writer.writerow(
            [
                "" if v is None else "true" if v is True else "false" if v is False else v
                for v in cells
            ]
        )

    def add_piece(self, piece: Any) -> None:
        """Write a piece's rows."""
        for row in piece.output:
            self.add(Outcome("", "", row))

    def finish(self) -> None:
        """Flush the text layer, leaving the byte stream open."""
        self.text.flush()
        self.text.detach()


class XlsxSink:
    """One row per household in a streamed (write-only) workbook; money as numbers."""

    def __init__(self, lang: str) -> None:
        from openpyxl import Workbook  # noqa: PLC0415 - only for Excel output
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
        from openpyxl.styles import Font  # noqa: PLC0415

        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("results" if lang == "en" else "核算结果")
        self.sheet.freeze_panes = "A2"
        self._cell = WriteOnlyCell
        self.lang = lang
        self.columns = [name for name, _ in labelled_columns(SUMMARY_COLUMNS, lang)]
        bold = Font(bold=True)
        cells = []
        for text in header(lang):
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.font = bold
            cells.append(cell)
        self.sheet.append(cells)

    def add(self, outcome: Outcome) -> None:
        """Append one row; money cells hold the exact decimal, shown to the fen."""
        row: list[Any] = []
        cells = with_labels(SUMMARY_COLUMNS, outcome.output, self.lang)
        for name, given in zip(self.columns, cells, strict=True):
            # A figure not computed (a 特困 household's per capita) is a blank cell.
            value = None if name in _MONEY and given == "" else given
            if name in _MONEY and value is not None:
                # openpyxl writes a Decimal's digits as they are (its stubs omit Decimal).
                cell = self._cell(self.sheet, value=Decimal(value))  # type: ignore[arg-type]
                cell.number_format = "0.00"
                row.append(cell)
            elif isinstance(value, str):
                # Text stays text: openpyxl would store "=1+2" as a live formula.
                cell = self._cell(self.sheet, value=value)
                cell.data_type = "s"
                row.append(cell)
            else:
                row.append(value)
        self.sheet.append(row)

    def add_piece(self, piece: Any) -> None:
        """Append a piece's rows."""
        for row in piece.output:
            self.add(Outcome("", "", row))

    def finish(self) -> None:
        """Nothing to flush: `save` writes the workbook."""

    def abandon(self) -> None:
        """Drop a workbook whose writing failed (its scratch file on a full disk, say).

        openpyxl streams the sheet's rows through generators into a scratch file; left
        suspended, they would try to end the file again when collected and report that
        as an ignored exception after the run's own message. They are closed here, and
        whatever closing them raises is let go: the failure has been said once.
        """
        writer = getattr(self.sheet, "_writer", None)
        for stream in (getattr(self.sheet, "_rows", None), getattr(writer, "xf", None)):
            with contextlib.suppress(Exception):
                if stream is not None:
                    stream.close()
        with contextlib.suppress(Exception):
            if writer is not None:
                writer.cleanup()  # the scratch file

    def save(self, path: Path) -> None:
        """Write the workbook to a file: the same rows give the same bytes.

        If writing fails (a full disk), the archive is closed before the error goes on,
        so that nothing complains about it again when the process ends.
        """
        from openpyxl.writer.excel import ExcelWriter  # noqa: PLC0415 - only for Excel output

        self.book.properties.created = self.book.properties.modified = FIXED_TIME
        archive = _Reproducible(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        try:
            ExcelWriter(self.book, archive).save()
        except BaseException:
            with contextlib.suppress(Exception):
                archive.close()
            raise


# The time a workbook says it was made and each of its parts was changed: the earliest a
# zip can hold, the same on every run.
FIXED_TIME = dt.datetime(1980, 1, 1)  # noqa: DTZ001 - the document properties are naive UTC
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _Reproducible(zipfile.ZipFile):
    """A zip whose entries carry a fixed time and mode, not the moment they were written.

    Written to a FIFO, it opens the FIFO once, for writing: zipfile's own first try
    (``w+b``, then ``wb``) would open and close it, and the program reading the other
    end would take that for the end of the file.
    """

    def __init__(self, file: Any, mode: Any = "r", *args: Any, **kwargs: Any) -> None:
        self._fifo: IO[bytes] | None = None
        if mode == "w" and isinstance(file, str | os.PathLike) and written_in_place(Path(file)):
            file = self._fifo = Path(file).open("wb")  # noqa: SIM115 - closed by close()
        super().__init__(file, mode, *args, **kwargs)

    def close(self) -> None:
        """Finish the zip (and close the FIFO it was written to)."""
        try:
            super().close()
        finally:
            if self._fifo is not None:
                self._fifo.close()

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """Write an entry from memory."""
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = self._entry(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """Write an entry from a file (openpyxl's streamed sheet), a block at a time."""
        entry = self._entry(os.fspath(arcname if arcname is not None else filename))
        entry.file_size = os.path.getsize(filename)  # for the zip64 decision, as write does
        if compress_type is not None:
            entry.compress_type = compress_type
        with Path(filename).open("rb") as source, self.open(entry, "w") as target:
            shutil.copyfileobj(source, target, 1 << 16)

    def _entry(self, name: str) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        entry.compress_type = self.compression
        entry.external_attr = 0o600 << 16  # what ZipFile.writestr gives a file entry
        return entry


@contextlib.contextmanager
def open_sink(fmt: str, lang: str, path: str | None, stdout: IO[bytes]) -> Iterator[Sink]:
    """Yield a sink for the format, writing to ``path`` atomically or to ``stdout``."""
    if fmt == "xlsx":
        if path is None:
            xlsx = XlsxSink(lang)
            with _abandoned_on_failure(xlsx):
                yield xlsx
                with tempfile.TemporaryDirectory() as scratch:
                    book = Path(scratch) / "results.xlsx"
                    xlsx.save(book)
                    with book.open("rb") as done:
                        shutil.copyfileobj(done, stdout)
            stdout.flush()
            return
        # The temporary file first: an unwritable place fails before any record is read.
        with atomic_file(path) as temp:
            xlsx = XlsxSink(lang)
            with _abandoned_on_failure(xlsx):
                yield xlsx
                xlsx.save(temp)
        return
    if fmt == "parquet":
        yield from _parquet_sink(path, stdout)
        return
    if path is None:
        sink = _text_sink(fmt, lang, stdout)
        yield sink
        sink.finish()
        return
    with atomic_file(path) as temp, temp.open("wb", buffering=1 << 20) as out:
        sink = _text_sink(fmt, lang, out)
        yield sink
        sink.finish()


def _parquet_sink(path: str | None, stdout: IO[bytes]) -> Iterator[Sink]:
    from .parquet import ParquetSink  # noqa: PLC0415 - only for Parquet output

    if path is None:  # a Parquet file is written whole, then copied to standard output
        with tempfile.TemporaryDirectory() as scratch:
            done = Path(scratch) / "results.parquet"
            sink = ParquetSink(done)
            yield sink
            sink.finish()
            with done.open("rb") as written:
                shutil.copyfileobj(written, stdout)
        stdout.flush()
        return
    with atomic_file(path) as temp:
        if written_in_place(temp):  # a FIFO: Parquet's writer seeks, so copy it over whole
            with temp.open("wb") as out:
                yield from _parquet_sink(None, out)
            return
        sink = ParquetSink(temp)
        yield sink
        sink.finish()


@contextlib.contextmanager
def _abandoned_on_failure(xlsx: XlsxSink) -> Iterator[None]:
    try:
        yield
    except BaseException:
        xlsx.abandon()
        raise


def _text_sink(fmt: str, lang: str, stream: IO[bytes]) -> Sink:
    return JsonlSink(stream) if fmt == "jsonl" else CsvSink(stream, lang)
