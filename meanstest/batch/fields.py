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


def flag(values: pa.Array | pa.ChunkedArray) -> NDArray[np.bool_]:
    """An Arrow boolean array as numpy, null as false."""
    out: NDArray[np.bool_] = np.array(
        pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=np.bool_
    )
    return out


def present(values: pa.Array) -> NDArray[np.bool_]:
    """Whether each value was given (not null)."""
    return flag(pc.is_valid(values))


def integers(values: pa.Array, missing: int = -1) -> NDArray[np.int64]:
    """An Arrow integer array as numpy int64, null as ``missing``."""
    out: NDArray[np.int64] = np.array(
        pc.fill_null(pc.cast(values, pa.int64()), missing).to_numpy(zero_copy_only=False),
        dtype=np.int64,
    )
    return out


def code(values: pa.Array, words: Sequence[str]) -> NDArray[np.int64]:
    """Each word's index in ``words``; -1 when absent or not one of them."""
    return integers(pc.index_in(values, value_set=pa.array(list(words), type=pa.string())))


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


def plain_text(inner: pa.Array, longest: int) -> NDArray[np.bool_]:
    """Free text pydantic would keep as it is, of at most ``longest`` characters."""
    return flag(
        pc.and_(
            pc.match_substring_regex(inner, _PLAIN_TEXT),
            pc.less_equal(pc.utf8_length(inner), longest),
        )
    )


def commas(inner: pa.Array) -> NDArray[np.int64]:
    """The commas inside each text (they are no separators of the JSON)."""
    return integers(pc.count_substring(inner, ","), 0)


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
