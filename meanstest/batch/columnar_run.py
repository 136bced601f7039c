"""Blocks of JSON Lines through the columnar engine, with the reference engine beside it.

`BlockRunner.run` takes a block of bytes (whole lines) and gives back one `Piece`: the
output of every record of the block in input order (summary records, or error records,
as bytes; or summary rows for CSV and XLSX; or dicts), and a `Tally` of what happened
(records by status, by path, why households went to the reference engine, the rule
snapshots used, the total monthly benefit). Records the columnar engine does not decide
go to `core.Assessor`, the reference path, whose records are today's.

Everything here is per block; `pool` runs blocks in worker processes in order.
"""

from __future__ import annotations

import json
import signal
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from ..files.json import dumps_line
from ..files.records import Record
from ..render import temporary
from ..render.rows import stamp
from .blocks import split
from .columnar import Columnar
from .core import Assessor
from .tally import Piece, Tally

if TYPE_CHECKING:
    from ..ruleset.choose import Chooser
    from .blocks import Block
    from .core import Job
    from .feed import Chunk


@dataclass
class Read:
    """A block split into lines (`blocks.split`) and its plain lines parsed by DuckDB."""

    block: Block
    parsed: pa.StructArray


class BlockRunner:
    """Runs blocks through the columnar engine and the reference engine."""

    def __init__(self, job: Job, *, threads: int = 1, chooser: Chooser | None = None) -> None:
        self.job = job
        self.engine = Columnar(job, threads=threads, chooser=chooser)
        self.reference = Assessor(replace(job, output="dict", detail="summary"))
        self.rows = job.output == "row"
        self.row_reference = Assessor(replace(job, output="row"))

    def run(
        self,
        data: bytes,
        first_line: int = 1,
        lines: list[int] | None = None,
        payloads: list[Any] | None = None,
    ) -> Piece:
        """Assess every record of a block of whole lines.

        ``first_line`` numbers the lines from there on; or ``lines`` gives each line's
        number and ``payloads`` what the reference engine reads instead of each line
        (the record of a case roll, see `feed`).
        """
        return self.finish(self.read(data, first_line), lines, payloads)

    def read(self, data: bytes, first_line: int = 1) -> Read:
        """The first part of `run`: the block split into lines and parsed by DuckDB.
        `ahead` runs it in a thread, one block ahead of `finish`."""
        block = split(data, first_line)
        return Read(block, self.engine.transform(block))

    def finish(
        self, read: Read, lines: list[int] | None = None, payloads: list[Any] | None = None
    ) -> Piece:
        """The rest of `run`: a block read by `read` checked, assessed and written."""
        block, first_line = read.block, read.block.first_line
        numbers = lines or range(first_line, first_line + len(block))
        assessed = self.engine.assess(block, read.parsed)
        table = assessed.table
        tally = Tally(
            skipped=int(block.blank.sum()),
            paths=assessed.paths,
            routes=Counter(assessed.routed.values()),
        )
        columnar = table["rid"].to_pylist()
        routed = sorted(assessed.routed)
        tally.records = len(columnar) + len(routed)
        tally.by_status.update(_counts(table["status"]))
        tally.benefit_fen += int(pc.sum(table["benefit"]).as_py() or 0)
        tally.rules |= self._snapshots(table)
        outputs: dict[int, Any] = {}
        for index in routed:
            payload = block.text(index) if payloads is None else payloads[index]
            record = Record(numbers[index], payload)
            outcome = (self.row_reference if self.rows else self.reference).outcome(record)
            tally.count(outcome)
            outputs[index] = outcome.output
        return Piece(
            self._merge(table, columnar, outputs, numbers),
            tally,
            [numbers[i] for i in sorted({*columnar, *routed})],
        )

    def ahead(self, chunks: Iterable[Chunk], depth: int = 1) -> Iterator[Piece]:
        """`run` over chunks, in order, with each chunk's `read` in a second thread
        while the chunk before it is finished: DuckDB's parsing lets go of Python's
        lock, so one process keeps two cores busy (``batch --jobs 1`` of a file; a
        pipe's chunks go one at a time through `run`, so that each is written as soon as
        it has come). The thread alone uses the DuckDB connection; the output is the
        same as `run`'s, chunk by chunk. With ``depth`` 0 (a pipe) each chunk is
        finished as soon as it is read, but DuckDB still runs in the thread: run in the
        main thread, DuckDB would take a Ctrl-C that arrives while it parses for its own
        (it checks for signals and ends the statement, or lets the signal pass unseen).
        """
        with ThreadPoolExecutor(
            1, thread_name_prefix="meanstest-read", initializer=_no_signals
        ) as reader:
            pending: deque[tuple[Chunk, Future[Read]]] = deque()
            try:
                for chunk in chunks:
                    pending.append((chunk, reader.submit(self.read, chunk.data, chunk.first_line)))
                    if len(pending) > depth:
                        done, read = pending.popleft()
                        yield self.finish(read.result(), done.lines, done.payloads)
                while pending:
                    done, read = pending.popleft()
                    yield self.finish(read.result(), done.lines, done.payloads)
            finally:
                for _, waiting in pending:
                    waiting.cancel()

    def _snapshots(self, table: pa.Table) -> set[tuple[str, str, str]]:
        used = set(pc.unique(table["sid"]).to_pylist())
        return {self.engine.snapshot_ids[sid] for sid in used if sid is not None}

    def _merge(
        self, table: pa.Table, columnar: list[int], outputs: dict[int, Any], numbers: Sequence[int]
    ) -> Any:
        """Every record's output in input order."""
        if self.rows:
            rows = dict(zip(columnar, _rows(table, numbers, self.engine.snapshot_ids), strict=True))
            return [rows[i] if i in rows else outputs[i] for i in sorted({*rows, *outputs})]
        if self.job.output == "dict":
            import orjson  # noqa: PLC0415 - only where dicts are asked for

            done = dict(
                zip(columnar, (orjson.loads(j) for j in table["json"].to_pylist()), strict=True)
            )
            return [done[i] if i in done else outputs[i] for i in sorted({*done, *outputs})]
        return _jsonl(table["json"], columnar, {i: dumps_line(o) for i, o in outputs.items()})


def _no_signals() -> None:
    """Keep Ctrl-C and SIGTERM away from the reading thread: delivered there, they would
    not wake the main thread, which must stop the run (POSIX; elsewhere they go to the
    main thread anyway)."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _counts(column: pa.ChunkedArray) -> Counter[str]:
    counts = pc.value_counts(column)
    return Counter({v["values"].as_py(): v["counts"].as_py() for v in counts})


def _jsonl(lines: pa.ChunkedArray, columnar: list[int], others: dict[int, bytes]) -> bytes:
    """The columnar records' lines and the others', in order of their row ids.

    The columnar lines sit back to back in Arrow's buffer: each run of them between two
    other records is one slice of it, not one Python object a line.
    """
    array = lines.combine_chunks() if lines.num_chunks != 1 else lines.chunk(0)
    if not len(array):
        return b"".join(others[i] for i in sorted(others))
    offsets = memoryview(array.buffers()[1]).cast("i" if array.type == pa.string() else "q")
    data = array.buffers()[2]
    base = array.offset
    out: list[bytes | memoryview] = []
    start = 0  # index into columnar of the current run
    pending = sorted(others)
    for index in pending:
        # columnar records before this one
        end = start
        while end < len(columnar) and columnar[end] < index:
            end += 1
        if end > start:
            out.append(memoryview(data)[offsets[base + start] : offsets[base + end]])
        out.append(others[index])
        start = end
    if start < len(columnar):
        out.append(memoryview(data)[offsets[base + start] : offsets[base + len(columnar)]])
    return b"".join(out)


def _rows(
    table: pa.Table, numbers: Sequence[int], snapshots: dict[int, tuple[str, str, str]]
) -> list[tuple[Any, ...]]:
    """CSV/XLSX summary rows of the columnar records (`render.rows.SUMMARY_COLUMNS`),
    stamped with the rule set, digest and date of each record's snapshot."""

    def money(fen: int | None) -> str | None:
        return None if fen is None else f"{fen // 100}.{fen % 100:02d}"

    no_hardship = temporary.row(None)  # a household with a hardship takes the reference path
    out = []
    stamps = {sid: stamp(*used) for sid, used in snapshots.items()}
    for row in table.select(
        [
            "rid",
            "sid",
            "hid",
            "status",
            "eligible",
            "size",
            "per_capita",
            "standard",
            "benefit",
            "warnings",
        ]
    ).to_pylist():
        out.append(
            (
                row["hid"],
                numbers[row["rid"]],
                row["status"],
                row["eligible"],
                row["size"],
                money(row["per_capita"]),
                money(row["standard"]),
                # No member is 特困 on the columnar path: all paid is the benefit.
                money(row["benefit"]),
                money(row["benefit"]),
                *no_hardship,
                "; ".join(json.loads(row["warnings"])),
                "",
                *stamps[row["sid"]],
            )
        )
    return out
