"""The columnar engine's faster paths give what the plain ones gave (issue 14).

Stage A reads presence, flags, integers, plain text and commas from the Arrow buffers
with numpy instead of through pyarrow.compute; each is compared here, on drawn arrays
(nulls, slices, chunks, ASCII, CJK and other text), with the pyarrow.compute expression
it replaces. ``batch --jobs 1`` parses the next block in a thread while it finishes the
one before (`BlockRunner.ahead`); its pieces are compared with `BlockRunner.run`'s.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from meanstest.batch import fields as f
from meanstest.batch.columnar_run import BlockRunner
from meanstest.batch.core import Job
from meanstest.batch.feed import Chunk

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import synth  # benchmarks/synth.py, on the path above

PROPERTY = settings(deadline=None, max_examples=examples(200))


def _flag(values: Any) -> Any:
    """The expression `fields.flag` replaced."""
    return np.array(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=np.bool_)


def _integers(values: Any, missing: int) -> Any:
    """The expression `fields.integers` replaced."""
    return np.array(
        pc.fill_null(pc.cast(values, pa.int64()), missing).to_numpy(zero_copy_only=False),
        dtype=np.int64,
    )


def _plain(values: Any, longest: int) -> Any:
    """The expression `fields.plain_text` replaced."""
    return _flag(
        pc.and_(
            pc.match_substring_regex(values, f._PLAIN_TEXT),
            pc.less_equal(pc.utf8_length(values), longest),
        )
    )


def _views(array: pa.Array, data: st.DataObject) -> list[Any]:
    """The array, a slice of it and the same values in two chunks."""
    n = len(array)
    start = data.draw(st.integers(0, n))
    length = data.draw(st.integers(0, n - start))
    return [
        array,
        array.slice(start, length),
        pa.chunked_array([array.slice(0, start), array.slice(start)], type=array.type),
    ]


@PROPERTY
@given(st.lists(st.one_of(st.none(), st.booleans()), max_size=70), st.data())
def test_flags_and_presence_read_from_the_bitmaps(values: list[bool | None], data: Any) -> None:
    for array in _views(pa.array(values, pa.bool_()), data):
        assert f.flag(array).tolist() == _flag(array).tolist()
        assert f.present(array).tolist() == _flag(pc.is_valid(array)).tolist()


@PROPERTY
@given(
    st.sampled_from([pa.int8(), pa.int32(), pa.int64()]),
    st.lists(st.one_of(st.none(), st.integers(-128, 127)), max_size=70),
    st.sampled_from([-1, 0]),
    st.data(),
)
def test_integers_read_from_the_buffers(
    kind: pa.DataType, values: list[int | None], missing: int, data: Any
) -> None:
    for array in _views(pa.array(values, kind), data):
        assert f.integers(array, missing).tolist() == _integers(array, missing).tolist()


# Characters that decide plain text: printable ASCII, white space and controls, CJK
# inside and outside U+4E00-U+9FA5, other letters, format and separator characters.
_ASCII = ["a", "Z", "0", ",", ".", " ", "\t", "\n", "\x7f", "\x00", '"']
_OTHER = ["张", "王", "龥", "鿿", "\u3400", "é", "\u3000", "\u200b", "\u2028", "\x85", "·"]
_CHARS = st.sampled_from([*_ASCII, *_OTHER, "\U00020000", "\ufeff"])


@PROPERTY
@given(
    st.lists(st.one_of(st.none(), st.text(_CHARS, max_size=8)), max_size=40),
    st.sampled_from([1, 3, 40]),
    st.data(),
)
def test_plain_text_and_commas_on_the_bytes(
    values: list[str | None], longest: int, data: Any
) -> None:
    for array in _views(pa.array(values, pa.string()), data):
        assert f.plain_text(array, longest).tolist() == _plain(array, longest).tolist()
        expected = _integers(pc.count_substring(array, ","), 0)
        assert f.commas(array).tolist() == expected.tolist()


@pytest.mark.parametrize("depth", [0, 1])
def test_reading_ahead_gives_the_pieces_of_one_block_at_a_time(depth: int) -> None:
    """`BlockRunner.ahead` (a thread parses the next chunk, or with depth 0 this one)
    gives the same outputs and tallies as `run`, chunk by chunk, with an error record
    and a blank line among them."""
    lines = list(synth.jsonl_lines(600, 5))
    lines[7] = lines[7].replace('"area":', '"areas":1,"area":')
    lines[300] = "\n"
    chunks, first = [], 1
    for start in range(0, len(lines), 97):
        text = "".join(lines[start : start + 97]).encode("utf-8")
        chunks.append(Chunk(text, first))
        first += 97
    job = Job(today=dt.date(2022, 1, 1), output="jsonl", detail="summary")
    ahead = list(BlockRunner(job).ahead(chunks, depth))
    plain = BlockRunner(job)
    one_by_one = [plain.run(c.data, c.first_line) for c in chunks]
    assert [p.output for p in ahead] == [p.output for p in one_by_one]
    assert [p.tally for p in ahead] == [p.tally for p in one_by_one]
    assert b"".join(p.output for p in ahead).count(b"\n") == len(lines) - 1
    assert sum(p.tally.errors for p in ahead) == 1
