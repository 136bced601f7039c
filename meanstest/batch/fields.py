"""Vectorised checks of household fields, as the reference's pydantic model checks them.

Each function takes Arrow arrays of the values the JSON parser read (text for words,
dates and integers; JSON text for the fields whose JSON kind matters) and returns
numpy arrays: the value in the form the engine computes with, and whether it is valid
in `meanstest.household/1`. A value that the reference would read differently from
here (white space pydantic strips, a string where a number was expected) is not valid
here, and its household goes to the reference engine, which says what it says.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from numpy.typing import NDArray

NO_DATE = np.iinfo(np.int64).min
# Free text that pydantic keeps as it is: no white space, control or format character
# at either end (it would strip the white space; the rest are sent away to be safe).
_PLAIN_TEXT = r"^[^\s\p{Z}\p{C}](?:.*[^\s\p{Z}\p{C}])?$"
_MONEY = r"^[0-9]{1,12}(\.[0-9]{1,2}0*)?$"
_ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_ID_CHECK = np.frombuffer(b"10X98765432", dtype=np.uint8)


def _one(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One array (a chunked array's chunks joined)."""
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    return values


def _bits(buffer: pa.Buffer, offset: int, n: int) -> NDArray[np.bool_]:
    """``n`` bits of an Arrow bitmap from bit ``offset``, as numpy booleans (one pass
    over the buffer; pyarrow.compute would take two calls and two copies)."""
    raw = np.frombuffer(buffer, dtype=np.uint8)
    out: NDArray[np.bool_] = np.unpackbits(raw, count=offset + n, bitorder="little")[offset:].view(
        np.bool_
    )
    return out


def flag(values: pa.Array | pa.ChunkedArray) -> NDArray[np.bool_]:
    """An Arrow boolean array as numpy, null as false."""
    array = _one(values)
    if array.type != pa.bool_() or not len(array):
        out: NDArray[np.bool_] = np.array(
            pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=np.bool_
        )
        return out
    validity, data = array.buffers()[:2]
    got = _bits(data, array.offset, len(array))
    if array.null_count:
        got = got & _bits(validity, array.offset, len(array))
    return got


def present(values: pa.Array | pa.ChunkedArray) -> NDArray[np.bool_]:
    """Whether each value was given (not null)."""
    array = _one(values)
    if array.type == pa.null() or array.null_count == len(array):
        return np.zeros(len(array), dtype=np.bool_)
    if not array.null_count:
        return np.ones(len(array), dtype=np.bool_)
    return _bits(array.buffers()[0], array.offset, len(array)).copy()


_INTEGER_TYPES = {
    pa.int8(): np.int8,
    pa.int16(): np.int16,
    pa.int32(): np.int32,
    pa.int64(): np.int64,
}


def integers(values: pa.Array | pa.ChunkedArray, missing: int = -1) -> NDArray[np.int64]:
    """An Arrow integer array as numpy int64, null as ``missing``."""
    array = _one(values)
    kind = _INTEGER_TYPES.get(array.type)
    if kind is None or not len(array):
        out: NDArray[np.int64] = np.array(
            pc.fill_null(pc.cast(array, pa.int64()), missing).to_numpy(zero_copy_only=False),
            dtype=np.int64,
        )
        return out
    raw = np.frombuffer(array.buffers()[1], dtype=kind)[array.offset : array.offset + len(array)]
    got: NDArray[np.int64] = raw.astype(np.int64)
    if array.null_count:
        got[~present(array)] = missing
    return got


def code(values: pa.Array, words: Sequence[str]) -> NDArray[np.int64]:
    """Each word's index in ``words``; -1 when absent or not one of them."""
    return integers(pc.index_in(values, value_set=pa.array(list(words), type=pa.string())))


class _Text:
    """A string array's bytes seen by numpy, without a copy: each row's start and end in
    ``data``, and whether it is given. Lets several checks of one field share one look
    at the buffers instead of one pyarrow.compute call (and its copies) each."""

    def __init__(self, values: pa.Array | pa.ChunkedArray) -> None:
        array = _one(values)
        if array.type != pa.string():
            array = pc.cast(array, pa.string())
        self.array = array
        n = len(array)
        self.valid = present(array)
        if n:
            offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)
            bounds = offsets[array.offset : array.offset + n + 1].astype(np.int64)
        else:
            bounds = np.zeros(1, dtype=np.int64)
        self.starts, self.ends = bounds[:-1], bounds[1:]
        data = array.buffers()[2] if n else None
        self.data = (
            np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
        )

    def counts(self, mask: NDArray[np.bool_]) -> NDArray[np.int64]:
        """How many of each row's bytes are marked (``mask`` over ``data``)."""
        total = np.zeros(len(self.data) + 1, dtype=np.int64)
        np.cumsum(mask, out=total[1:])
        out: NDArray[np.int64] = total[self.ends] - total[self.starts]
        return out


def json_string(values: pa.Array) -> tuple[NDArray[np.bool_], pa.Array]:
    """Whether each JSON value is a string, and its text without the quotes.

    No string here holds an escape (`blocks` sent those lines away), so the text
    between the quotes is the string.
    """
    is_string = flag(pc.starts_with(values, '"'))
    inner = pc.if_else(
        pa.array(is_string), pc.utf8_slice_codeunits(values, 1, -1), pa.scalar(None, pa.string())
    )
    return is_string, inner


# The first and last characters that are surely plain, whatever Unicode tables the
# regular expression library has: printable ASCII, and the CJK ideographs of Unicode 1.1
# (U+4E00-U+9FA5, three bytes in UTF-8). Any other text is judged by the expression.
_CJK = (0x4E00, 0x9FA5)


def plain_text(inner: pa.Array, longest: int) -> NDArray[np.bool_]:
    """Free text pydantic would keep as it is, of at most ``longest`` characters.

    The expression `_PLAIN_TEXT` looks at the first and last characters only (and at
    line breaks between). Rows whose ends are printable ASCII or common CJK ideographs
    and that hold no control byte are judged here on the bytes; the others by the
    expression itself.
    """
    text = _Text(inner)
    n = len(text.starts)
    size = text.ends - text.starts
    has = text.valid & (size > 0)
    data = text.data
    control = (data < 0x20) | (data == 0x7F)
    chars = text.counts((data & 0xC0) != 0x80)
    sure_first = np.zeros(n, dtype=np.bool_)
    sure_last = np.zeros(n, dtype=np.bool_)
    rows = np.flatnonzero(has)
    if len(rows):
        first = data[text.starts[rows]].astype(np.int64)
        last = data[text.ends[rows] - 1].astype(np.int64)
        sure_first[rows] = (first >= 0x21) & (first <= 0x7E)
        sure_last[rows] = (last >= 0x21) & (last <= 0x7E)
        three = rows[size[rows] >= 3]
        if len(three):
            sure_first[three] |= _cjk(data, text.starts[three])
            sure_last[three] |= _cjk(data, text.ends[three] - 3)
    judged = ~has | (sure_first & sure_last & (text.counts(control) == 0))
    out: NDArray[np.bool_] = has & (chars <= longest)
    doubtful = np.flatnonzero(~judged)
    if len(doubtful):
        picked = text.array.take(pa.array(doubtful))
        out[doubtful] = flag(
            pc.and_(
                pc.match_substring_regex(picked, _PLAIN_TEXT),
                pc.less_equal(pc.utf8_length(picked), longest),
            )
        )
    return out


def _cjk(data: NDArray[np.uint8], at: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Whether the three bytes at each position are one ideograph in `_CJK`."""
    b0, b1, b2 = (data[at + k].astype(np.int64) for k in range(3))
    whole = ((b0 & 0xF0) == 0xE0) & ((b1 & 0xC0) == 0x80) & ((b2 & 0xC0) == 0x80)
    point = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)
    out: NDArray[np.bool_] = whole & (point >= _CJK[0]) & (point <= _CJK[1])
    return out


def commas(inner: pa.Array) -> NDArray[np.int64]:
    """The commas inside each text (they are no separators of the JSON)."""
    text = _Text(inner)
    out: NDArray[np.int64] = np.where(text.valid, text.counts(text.data == ord(",")), 0)
    return out


def dates(values: pa.Array) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Dates written YYYY-MM-DD (a real day from year 1), as days since 1970-01-01."""
    rows, chars = _chars(values, 10)
    days = np.full(len(values), NO_DATE, dtype=np.int64)
    ok = np.zeros(len(values), dtype=np.bool_)
    if not len(rows):
        return days, ok
    digit = (chars >= 48) & (chars <= 57)
    shaped = (
        digit[:, [0, 1, 2, 3, 5, 6, 8, 9]].all(axis=1) & (chars[:, 4] == 45) & (chars[:, 7] == 45)
    )
    d = chars.astype(np.int64) - 48
    year = d[:, 0] * 1000 + d[:, 1] * 100 + d[:, 2] * 10 + d[:, 3]
    month, day = d[:, 5] * 10 + d[:, 6], d[:, 8] * 10 + d[:, 9]
    real = (
        shaped
        & (year >= 1)
        & (month >= 1)
        & (month <= 12)
        & (day >= 1)
        & (day <= _days_in_month(year, np.clip(month, 1, 12)))
    )
    start = (
        (np.clip(year, 1, 9999) - 1970).astype("datetime64[Y]").astype("datetime64[M]")
        + (np.clip(month, 1, 12) - 1)
    ).astype("datetime64[D]")
    counted = (start + np.clip(day - 1, 0, 30)).astype(np.int64)
    days[rows[real]] = counted[real]
    ok[rows[real]] = True
    return days, ok


def _days_in_month(year: NDArray[np.int64], month: NDArray[np.int64]) -> NDArray[np.int64]:
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    lengths = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    out: NDArray[np.int64] = lengths[month - 1] + (leap & (month == 2))
    return out


def _chars(values: pa.Array, width: int) -> tuple[NDArray[np.int64], NDArray[np.uint8]]:
    """The rows of a string array that are ``width`` bytes long, and their bytes."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if values.type != pa.string():
        values = pc.cast(values, pa.string())
    lengths = integers(pc.binary_length(values), -1)
    rows = np.flatnonzero(lengths == width)
    if not len(rows):
        return rows, np.zeros((0, width), dtype=np.uint8)
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32)[values.offset :]
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8)
    chars: NDArray[np.uint8] = data[offsets[rows][:, None] + np.arange(width)]
    return rows, chars


def small_integers(values: pa.Array, digits: int) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Whole numbers written with at most ``digits`` digits (JSON integers)."""
    ok = flag(pc.match_substring_regex(values, rf"^[0-9]{{1,{digits}}}$"))
    text = pc.if_else(pa.array(ok), values, pa.scalar(None, pa.string()))
    return integers(pc.cast(text, pa.int64())), ok


def booleans(values: pa.Array) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """JSON true or false (absent counts as valid and false)."""
    ok = flag(pc.or_(pc.is_null(values), pc.is_in(values, value_set=pa.array(["true", "false"]))))
    return flag(pc.equal(values, "true")), ok


def money(values: pa.Array) -> tuple[NDArray[np.int64], NDArray[np.bool_], NDArray[np.bool_]]:
    """Money given as a JSON number or string: fen, valid, and whether a string."""
    is_string, inner = json_string(values)
    text = pc.if_else(pa.array(is_string), inner, values)
    ok = flag(pc.match_substring_regex(text, _MONEY))
    kept = pc.if_else(
        pa.array(ok),
        pc.replace_substring_regex(text, r"(\.[0-9]{1,2})0+$", r"\1"),
        pa.scalar(None, pa.string()),
    )
    fen = pc.cast(pc.multiply(pc.cast(kept, pa.decimal128(18, 2)), pa.scalar(100)), pa.int64())
    return integers(fen, 0), ok, is_string


def id_numbers(inner: pa.Array) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
    """Resident ID numbers (GB 11643): valid, and the birth date inside (days)."""
    ok = np.zeros(len(inner), dtype=np.bool_)
    birth = np.full(len(inner), NO_DATE, dtype=np.int64)
    rows, chars = _chars(inner, 18)
    if not len(rows):
        return ok, birth
    digits = chars[:, :17].astype(np.int64) - 48
    shaped = ((digits >= 0) & (digits <= 9)).all(axis=1) & (
        ((chars[:, 17] >= 48) & (chars[:, 17] <= 57)) | (chars[:, 17] == 88)
    )
    expected = _ID_CHECK[(np.where(shaped[:, None], digits, 0) @ _ID_WEIGHTS) % 11]
    dashed = np.full((len(rows), 10), 45, dtype=np.uint8)
    dashed[:, [0, 1, 2, 3, 5, 6, 8, 9]] = chars[:, 6:14]
    days, real = dates(
        pa.StringArray.from_buffers(
            len(rows),
            pa.py_buffer(np.arange(0, 10 * len(rows) + 1, 10, dtype=np.int32)),
            pa.py_buffer(dashed.tobytes()),
        )
    )
    ok[rows] = shaped & (expected == chars[:, 17]) & real
    birth[rows] = days
    return ok, birth
