"""Reading CSV rows, bounded: a row that cannot be read never takes others with it.

A CSV row past `MAX_ROW_CHARS` (with the line breaks of its quoted cells), a cell past
`MAX_CELL_CHARS` or a quote that never closes is yielded as a row whose cell at fault
is `Flawed` (`files.roll_cells`), and reading goes on from the next line, so the rows
that a runaway quote would have swallowed are still read. `files.inputs` opens the
input and finds its dialect (`dialect`); `files.roll` builds households from the rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from .roll_cells import Cell, Flawed, Row

# One CSV row, with the line breaks of its quoted cells, and one cell: far above any
# real row or value, so that a quote that never closes cannot swallow the file.
MAX_ROW_CHARS = 100_000
MAX_CELL_CHARS = 10_000


def dialect(head: bytes) -> type[csv.Dialect]:
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
            yield (
                number,
                tuple(
                    Flawed(
                        c[:MAX_CELL_CHARS],
                        "cell_too_long",
                        {"length": len(c), "max": MAX_CELL_CHARS},
                    )
                    if len(c) > MAX_CELL_CHARS
                    else c
                    for c in cells
                ),
            )
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
        closing = (
            _closing_quote(text, at + 1, delimiter)
            if fault is None and text.startswith('"', at)
            else None
        )
        if closing is not None:
            cells.append(text[at + 1 : closing].replace('""', '"'))
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
