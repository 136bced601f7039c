"""What the columnar engine reads: blocks of whole lines, the line limit, pausing pipes;
and the hostile rolls, whose error records are the same in summary and full runs."""

from __future__ import annotations

import io
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from meanstest.batch import feed
from meanstest.batch.feed import NOT_JSON, Chunk
from meanstest.cli import cli
from meanstest.files.inputs import MAX_LINE_BYTES
from meanstest.files.json import Refused

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"


def _lines(chunks: list[Chunk]) -> list[tuple[int, bytes]]:
    """Each line of the chunks with its number (a refused line as its reason)."""
    out: list[tuple[int, bytes]] = []
    for chunk in chunks:
        if chunk.lines is not None:
            assert chunk.payloads is not None
            for number, payload in zip(chunk.lines, chunk.payloads, strict=True):
                assert isinstance(payload, Refused)
                out.append((number, b"refused"))
            continue
        pieces = chunk.data.split(b"\n")
        if chunk.data.endswith(b"\n"):
            pieces.pop()
        out += [(chunk.first_line + i, piece) for i, piece in enumerate(pieces)]
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"")), max_size=40),
    st.integers(1, 100),
    st.booleans(),
)
def test_feed_blocks_are_whole_lines_numbered_as_read(
    lines: list[bytes], size: int, last_break: bool
) -> None:
    """Whatever the block size, the blocks hold every line whole, in order, numbered."""
    data = b"\n".join(lines) + (b"\n" if last_break and lines else b"")
    chunks = list(feed._blocks(io.BytesIO(data), size))
    for chunk in chunks[:-1]:
        assert chunk.data.endswith(b"\n")
    expected = list(enumerate(lines, start=1))
    if lines and not last_break and lines[-1] == b"":
        expected.pop()  # "a\n" + "" : no last line
    assert _lines(chunks) == expected


def test_feed_refuses_each_line_past_the_limit_and_reads_on() -> None:
    """A line past `MAX_LINE_BYTES` (its line break counted, as the reference reader
    counts it) is one refused record at its number; the lines around it are read."""
    at_limit = b"x" * (MAX_LINE_BYTES - 1)  # with its line break: the limit, allowed
    over = b"y" * MAX_LINE_BYTES  # with its line break: one byte past
    data = b"\n".join([b"a", at_limit, over, b"b", b"z" * (3 * MAX_LINE_BYTES), b"c"])
    for size in (10, MAX_LINE_BYTES // 2, 4 * MAX_LINE_BYTES):
        got = _lines(list(feed._blocks(io.BytesIO(data), size)))
        assert got == [
            (1, b"a"),
            (2, at_limit),
            (3, b"refused"),
            (4, b"b"),
            (5, b"refused"),
            (6, b"c"),
        ], size


def test_feed_refused_chunk_is_the_reference_readers_error() -> None:
    [chunk] = list(feed._lines_within_limit(b"q" * (MAX_LINE_BYTES + 5) + b"\n", 7))
    assert (chunk.data, chunk.first_line, chunk.lines) == (NOT_JSON + b"\n", 7, [7])
    assert chunk.payloads is not None
    # The code and parameters `files.inputs` gives a line past the limit.
    refused = chunk.payloads[0]
    assert (refused.code, refused.params) == ("line_too_long", {"max": MAX_LINE_BYTES})


@pytest.mark.skipif(os.name == "nt", reason="select() on pipes is POSIX")
def test_feed_assesses_what_a_pausing_pipe_has_sent() -> None:
    """From a pipe that pauses, the lines already sent make a block at once: a stream
    that is written slowly (or never closed) is not held back for a full block."""
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "rb") as reader:
        writer = os.fdopen(write_end, "wb")
        writer.write(b'{"a":1}\n{"b":2}\n{"c"')
        writer.flush()
        blocks = feed._blocks(reader, 1 << 20)
        started = time.monotonic()
        # Should the reader wait for a full block, closing the pipe ends the wait.
        safety = threading.Timer(10, writer.close)
        safety.start()
        first = next(blocks)
        assert time.monotonic() - started < 5
        assert (first.data, first.first_line) == (b'{"a":1}\n{"b":2}\n', 1)
        safety.cancel()
        writer.write(b":3}\n")
        writer.close()
        assert [(c.data, c.first_line) for c in blocks] == [(b'{"c":3}\n', 3)]


def _batch(path: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(cli, ["batch", str(path), "--quiet", *args])
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    "name", sorted(p.name for p in HOSTILE.iterdir() if p.suffix in (".jsonl", ".csv", ".xlsx"))
)
def test_feed_hostile_rolls_fail_the_same_records_in_summary_and_full_runs(name: str) -> None:
    """Every hostile roll: the same exit code, the same records failing with the same
    error records, whichever record kind is written."""
    code, summary = _batch(HOSTILE / name)
    full_code, full = _batch(HOSTILE / name, "--detail", "full")
    assert code == full_code
    assert len(summary) == len(full)
    for s, f in zip(summary, full, strict=True):
        if "meanstest.error/1" in (s["schema"], f["schema"]):
            assert s == f
        else:
            assert (s["schema"], f["schema"]) == ("meanstest.summary/1", "meanstest.assessment/1")
            assert (s["household_id"], s["status"]) == (f["household_id"], f["status"])


def test_feed_long_jsonl_line_is_one_error_record_in_a_summary_run(tmp_path: Path) -> None:
    """A JSON line past the limit, in a summary run (the columnar reader): one error
    record at its line, as the reference reader writes it; the others are assessed."""
    good = (ROOT / "examples" / "batch" / "caseroll.jsonl").read_text("utf-8").splitlines()
    roll = tmp_path / "long.jsonl"
    roll.write_text(
        "\n".join([good[0], '{"id": "' + "x" * MAX_LINE_BYTES + '"}', good[1]]) + "\n",
        encoding="utf-8",
    )
    code, summary = _batch(roll)
    full_code, full = _batch(roll, "--detail", "full")
    assert code == full_code == 3
    assert summary[1] == full[1]
    assert (summary[1]["schema"], summary[1]["line"]) == ("meanstest.error/1", 2)
    assert [r["schema"] for r in summary] == [
        "meanstest.summary/1",
        "meanstest.error/1",
        "meanstest.summary/1",
    ]
