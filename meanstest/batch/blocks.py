"""JSON Lines in blocks: split a block of bytes into lines, and say which are doubtful.

The columnar engine reads JSON Lines a block (some megabytes) at a time, never a line at
a time: the block is cut into lines at its newlines (numpy), and the lines become one
Arrow string array without a copy. What the columnar parser (DuckDB's) reads more
leniently than the reference's is found here, on the raw bytes, in a few vector passes;
such a line goes to the reference engine (`meanstest.batch.core`), which writes its own
result or error record:

- a backslash: an escape, which the reference decodes; the columnar path keeps to plain
  strings, so that no string needs escaping again on the way out. A line whose only
  escapes are ``\\uXXXX`` of characters beyond ASCII (not surrogates) is the exception:
  it is what Python's ``json.dumps`` and pandas write by default for every Chinese name,
  and JSON allows such a character unescaped anywhere in a string, so the columnar
  parser reads the line with each one written out (`unescaped`). Outside a string the
  line is not JSON either way, and the reference still reads the line as it came;
- a dot followed by three digits: a number with more than two decimals, which the
  parser would round to a float before it could be checked;
- ``e-`` or ``E-``: an exponent that could underflow a float to 0;
- a line that does not start with ``{``, or that is not valid UTF-8.

It also counts the quotes and commas of each line (``marks``): `parse` compares them
with what the keys and values it read account for, which finds an unknown or repeated
key (which the parser would ignore or merge), a value of the wrong JSON kind, and a
trailing comma (which the parser accepts and the reference does not). A false alarm
only costs time: the reference engine then assesses the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

if TYPE_CHECKING:
    from numpy.typing import NDArray

_NEWLINE, _CR, _QUOTE, _COMMA, _MINUS, _DOT, _BRACE = 10, 13, 34, 44, 45, 46, 123
_BACKSLASH, _ZERO, _NINE, _E, _SMALL_E = 92, 48, 57, 69, 101
_BLANK = b" \t\n\r\x0b\x0c"
_CHUNK = 1 << 20


@dataclass
class Block:
    """The lines of one block of JSON Lines.

    Attributes:
        data: the block's bytes (whole lines; the last may lack its newline).
        first_line: the 1-based line number of the block's first line.
        lines: one Arrow string per line, the line ending included (a JSON parser
            ignores it); meaningful only where ``plain``.
        starts, ends: where each line's text starts and ends in ``data``, without
            carriage returns and newline (what the reference engine reads).
        plain: the line may go to the columnar engine.
        blank: the line is blank (skipped and counted, not a record).
        marks: the number of quotes and commas in each line.
    """

    data: bytes
    first_line: int
    lines: pa.StringArray
    starts: NDArray[np.int64]
    ends: NDArray[np.int64]
    plain: NDArray[np.bool_]
    blank: NDArray[np.bool_]
    marks: NDArray[np.int32]

    def __len__(self) -> int:
        return len(self.starts)

    def text(self, index: int) -> bytes:
        """The line as the reference engine reads it (no line ending)."""
        return self.data[int(self.starts[index]) : int(self.ends[index])]


def split(data: bytes, first_line: int = 1) -> Block:
    """Cut a block into lines and mark the doubtful and the blank ones."""
    if len(data) >= 2**31:
        raise ValueError("a block must be smaller than 2 GiB")
    buf = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(buf == _NEWLINE)
    if len(buf) and (not len(newlines) or newlines[-1] != len(buf) - 1):
        newlines = np.append(newlines, len(buf))  # a last line without a newline
    starts = np.zeros(len(newlines), dtype=np.int64)
    starts[1:] = newlines[:-1] + 1
    ends = newlines.astype(np.int64)
    _drop_carriage_returns(buf, starts, ends)
    plain = ends > starts
    plain[plain] &= buf[starts[plain]] == _BRACE
    escaped, doubtful = _doubtful_lines(buf, newlines)
    plain[doubtful] = False
    written_out: dict[int, bytes] = {}
    for index in np.setdiff1d(escaped, doubtful).tolist():
        if plain[index]:
            line = unescaped(data[int(starts[index]) : int(ends[index])])
            if line is not None:
                written_out[index] = line
    plain[escaped] = False
    plain[list(written_out)] = True
    blank = np.zeros(len(starts), dtype=np.bool_)
    for index in np.flatnonzero(~plain).tolist():
        blank[index] = not data[int(starts[index]) : int(ends[index])].strip(_BLANK)
    offsets = np.zeros(len(starts) + 1, dtype=np.int32)
    offsets[1:] = np.minimum(newlines + 1, len(buf))
    marks = _marks(buf, offsets)
    lines = _string_array(data, offsets, plain)
    if written_out:  # the unescaped lines in place of theirs (the reference reads `data`)
        texts = lines.to_pylist()
        for index, line in written_out.items():
            texts[index] = line.decode("utf-8") if plain[index] else ""
        lines = pa.array(texts, type=pa.string())
    return Block(data, first_line, lines, starts, ends, plain, blank, marks)


_ESCAPE = re.compile(rb"\\u([0-9a-fA-F]{4})")


def unescaped(line: bytes) -> bytes | None:
    """A line with each ``\\uXXXX`` of a character beyond ASCII written out, or None when
    the line has another escape (of ASCII, a surrogate, ``\\n``, ``\\\\``, …)."""

    def character(found: re.Match[bytes]) -> bytes:
        code = int(found.group(1), 16)
        if code < 0x80 or 0xD800 <= code <= 0xDFFF:
            raise ValueError(code)
        return chr(code).encode("utf-8")

    try:
        line = _ESCAPE.sub(character, line)
    except ValueError:
        return None
    return None if b"\\" in line else line


def _drop_carriage_returns(
    buf: NDArray[np.uint8], starts: NDArray[np.int64], ends: NDArray[np.int64]
) -> None:
    """Move each line's end before its trailing carriage returns (CRLF files)."""
    while True:
        more = (ends > starts) & (buf[np.maximum(ends - 1, 0)] == _CR)
        if not more.any():
            return
        ends[more] -= 1


def _doubtful_lines(
    buf: NDArray[np.uint8], newlines: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The indexes of the lines with a backslash, and of those with three decimals or
    ``e-``."""
    escaped = np.unique(np.searchsorted(newlines, np.flatnonzero(buf == _BACKSLASH), side="left"))
    found = []
    dots = np.flatnonzero(buf == _DOT)
    dots = dots[dots + 3 < len(buf)]
    digits = np.ones(len(dots), dtype=np.bool_)
    for k in (1, 2, 3):
        after = buf[dots + k]
        digits &= (after >= _ZERO) & (after <= _NINE)
    found.append(dots[digits])
    minus = np.flatnonzero(buf == _MINUS)
    minus = minus[minus > 0]
    before = buf[minus - 1]
    found.append(minus[(before == _E) | (before == _SMALL_E)])
    return escaped, np.unique(np.searchsorted(newlines, np.concatenate(found), side="left"))


def _marks(buf: NDArray[np.uint8], offsets: NDArray[np.int32]) -> NDArray[np.int32]:
    """The quotes and commas of each line.

    A megabyte of lines at a time: summing bytes into 32-bit counts makes a temporary
    four times the size of what it sums, and small temporaries reuse their memory.
    """
    counts = np.zeros(len(offsets) - 1, dtype=np.int32)
    first = 0
    while first < len(counts):
        last = int(np.searchsorted(offsets, offsets[first] + _CHUNK, side="right")) - 1
        last = min(max(last, first + 1), len(counts))
        piece = buf[offsets[first] : offsets[last]]
        starts = offsets[first:last] - offsets[first]
        if len(piece):
            marked = ((piece == _QUOTE) | (piece == _COMMA)).view(np.uint8)
            counts[first:last] = np.add.reduceat(
                marked, np.minimum(starts, len(piece) - 1), dtype=np.int32
            )
            counts[first:last][offsets[first + 1 : last + 1] == offsets[first:last]] = 0
        first = last
    return counts


def _string_array(
    data: bytes, offsets: NDArray[np.int32], plain: NDArray[np.bool_]
) -> pa.StringArray:
    """The lines as one Arrow string array over ``data`` (no copy), checked as UTF-8.

    A line that is not valid UTF-8 is marked not plain (the reference engine names the
    byte) and becomes empty here, since Arrow refuses the whole array otherwise.
    """
    lines = pa.StringArray.from_buffers(len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(data))
    try:
        lines.validate(full=True)
    except pa.ArrowInvalid:
        keep = []
        for i in range(len(offsets) - 1):
            text = data[int(offsets[i]) : int(offsets[i + 1])]
            try:
                text.decode("utf-8")
            except UnicodeDecodeError:
                plain[i] = False
                text = b""
            keep.append(text)
        return pa.array(keep, type=pa.binary()).cast(pa.string())
    return lines
