"""Parquet in and out (``.parquet``), for pipelines that keep their rolls in columns.

**In**: one row per household, with the columns of `meanstest.household/1` (nested lists
of structs for ``members``, ``incomes``, …). A null is an absent field; money may be a
decimal or a string column, dates a date or a string column. Each row becomes the
household object it holds (`Record.payload`), so every check and error record is the
same as for JSON Lines; a record's ``line`` is its row number, from 1. A column that is
not a field of the contract is an unknown field (an error record, as in JSON). A file of
one text column holds each household as JSON text (a JSON Lines roll kept as Parquet),
as `batch.assess_table` reads such a table: no household can be one column.

**Out**: one row per record, the summary (`meanstest.summary/1`) in columns: money as
exact decimals (``decimal128(16, 2)``), the rule set as ``rules_id``, ``rules_name``,
``rules_as_of``, ``rules_digest``, the reason codes and warning keys as lists, and for
an error record ``status`` ``error`` and its ``errors`` (``loc``, ``msg``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import IO, Any

from .. import __version__
from ..errors import MeansTestError
from .inputs import Input
from .records import Record

_BATCH = 8192
_MONEY = (
    "standard_monthly",
    "gross_monthly",
    "exempt_monthly",
    "deductions_monthly",
    "counted_monthly",
    "per_capita_monthly",
    "benefit_monthly",
    "support_monthly",
)


def open_parquet(path: str, head: bytes, raw: IO[bytes], size: int | None) -> Input:
    """Read a Parquet file's rows as household records, a batch of rows at a time."""
    import pyarrow.parquet as pq  # noqa: PLC0415 - only for Parquet

    if path == "-":  # Parquet needs seeking: spool standard input to a file
        spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Input.close
        spool.write(head)
        shutil.copyfileobj(raw, spool)
        spool.seek(0)
        source: Any = spool
    else:
        raw.close()
        source = open(path, "rb")  # noqa: SIM115 - closed by Input.close
        if hasattr(raw, "whole"):
            raw.whole = False  # hashed by path (`inputs.Hashing`)
    try:
        book = pq.ParquetFile(source)
    except Exception as exc:  # pyarrow raises its own errors and OSError alike
        raise MeansTestError("parquet_unreadable", params={"reason": str(exc)}) from None
    done = [0]
    texts = json_text_column(book.schema_arrow)

    def records() -> Iterator[Record]:
        for batch in book.iter_batches(batch_size=_BATCH):
            if texts:  # JSON text, read as a line of JSON Lines is (a null: not an object)
                for text in batch.column(0).to_pylist():
                    done[0] += 1
                    line = text.encode("utf-8") if isinstance(text, str) else text
                    yield Record(done[0], line)
                continue
            for row in batch.to_pylist():
                done[0] += 1
                yield Record(done[0], row_household(row))

    def close() -> None:
        book.close()
        source.close()

    return Input(
        "parquet",
        None,
        None,
        None,
        records(),
        size=book.metadata.num_rows,
        position=lambda: done[0],
        close=close,
    )


def json_text_column(schema: Any) -> bool:
    """Whether a file's rows are JSON text: its only column is text, or bytes (UTF-8
    JSON as some writers store it, e.g. Spark's BinaryType or a `bytes` column)."""
    import pyarrow as pa  # noqa: PLC0415 - only for Parquet

    kinds = (
        pa.types.is_string,
        pa.types.is_large_string,
        pa.types.is_string_view,
        pa.types.is_binary,
        pa.types.is_large_binary,
        pa.types.is_binary_view,
    )
    return len(schema) == 1 and any(kind(schema[0].type) for kind in kinds)


def row_household(value: Any) -> Any:
    """A row as the household object it holds: nulls left out, dates as text."""
    if isinstance(value, Mapping):
        return {k: row_household(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [row_household(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def summary_schema() -> Any:
    """The Arrow schema of summary records in columns (Parquet output, `assess_table`)."""
    import pyarrow as pa  # noqa: PLC0415 - only for columns

    money = pa.decimal128(16, 2)
    words = pa.list_(pa.string())
    return pa.schema(
        [
            ("household_id", pa.string()),
            ("line", pa.int64()),
            ("status", pa.string()),
            ("eligible", pa.bool_()),
            ("household_size", pa.int64()),
            *((name, money) for name in _MONEY),
            ("temporary_type", pa.string()),
            ("temporary_eligible", pa.bool_()),
            ("temporary_suggested", money),
            ("temporary_approver", pa.string()),
            ("reason_codes", words),
            ("warning_keys", words),
            ("rules_id", pa.string()),
            ("rules_name", pa.string()),
            ("rules_as_of", pa.string()),
            ("rules_digest", pa.string()),
            ("meanstest_version", pa.string()),
            ("errors", pa.list_(pa.struct([("loc", pa.string()), ("msg", pa.string())]))),
        ]
    )


def summary_table(records: list[Mapping[str, Any]], lines: list[int]) -> Any:
    """Summary and error records (dicts) as an Arrow table of `summary_schema`."""
    import pyarrow as pa  # noqa: PLC0415 - only for columns

    return pa.Table.from_pylist(
        [_row(r, n) for r, n in zip(records, lines, strict=True)], schema=summary_schema()
    )


class ParquetSink:
    """Summary records (and error records) as the rows of a Parquet file."""

    def __init__(self, path: Any) -> None:
        import pyarrow as pa  # noqa: PLC0415 - only for Parquet output
        import pyarrow.parquet as pq  # noqa: PLC0415

        self.schema = summary_schema()
        self._pa = pa
        self.writer = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict[str, Any]] = []

    def add_records(self, records: list[Mapping[str, Any]], lines: list[int]) -> None:
        """Add records (summary or error dicts) and the input line of each."""
        self.rows += [_row(record, line) for record, line in zip(records, lines, strict=True)]
        if len(self.rows) >= _BATCH:
            self._flush()

    def add(self, outcome: Any) -> None:
        """Parquet is written a piece at a time (`add_piece`)."""
        raise NotImplementedError

    def add_piece(self, piece: Any) -> None:
        """Add a piece's records (summary or error dicts) with their input lines."""
        self.add_records(piece.output, piece.lines)

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self._pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def finish(self) -> None:
        """Write what is left and close the file."""
        self._flush()
        self.writer.close()


def _row(record: Mapping[str, Any], line: int) -> dict[str, Any]:
    if record.get("schema") == "meanstest.error/1":
        return {
            "household_id": record["household_id"],
            "line": line,
            "status": "error",
            "errors": record["errors"],
            "meanstest_version": __version__,  # as the CSV's error row says it
        }
    rules, income = record["rules"], record["income"]
    out = {
        "household_id": record["household_id"],
        "line": line,
        "status": record["status"],
        "eligible": record["eligible"],
        "household_size": record["household_size"],
        "reason_codes": record["reason_codes"],
        "warning_keys": record["warning_keys"],
        "rules_id": rules["id"],
        "rules_name": rules["name"],
        "rules_as_of": rules["as_of"],
        "rules_digest": rules["digest"],
        "meanstest_version": record["meanstest_version"],
        "errors": [],
    }
    for name in _MONEY:
        value = income[name] if name in income else record[name]
        out[name] = None if value is None else Decimal(value)  # a 特困 household's per capita
    temporary = record.get("temporary_assistance")
    if temporary is not None:  # the CSV's cells (`render.temporary.row`)
        suggested = temporary["suggested"]
        out.update(
            temporary_type=temporary["type"],
            temporary_eligible=temporary["eligible"],
            temporary_suggested=None if suggested is None else Decimal(suggested),
            temporary_approver=temporary["approver"],
        )
    return out
