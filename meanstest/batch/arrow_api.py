"""The columnar engine for Arrow tables: what a Dask or Spark partition function calls.

`assess_table` takes an Arrow table or record batch of households and returns a table
of summary records, one row per household in order (`files.parquet.summary_schema`:
money as exact decimals, an error record as status ``error`` with its ``errors``). The
households may be one column of JSON text (a JSON Lines shard read as text) or the
household's fields as columns (a Parquet shard). Rule sets pickle: load them once on the
driver and pass them to every partition, with ``today`` (or ``on``) so that every
partition assesses on the same day.

    import dask.bag as db
    results = db.read_text("roll-*.jsonl").map_partitions(
        lambda lines: [assess_table(pa.table({"household": list(lines)}), rules=rules,
                                    today=day)])
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from ..files.parquet import json_text_column, row_household, summary_table
from .columnar_run import BlockRunner
from .core import Job
from .feed import NOT_JSON, json_line

if TYPE_CHECKING:
    from ..render.labels import Lang
    from ..ruleset.model import RuleSet

_RUNNERS: dict[tuple[Any, ...], BlockRunner] = {}


def assess_table(
    table: pa.Table | pa.RecordBatch,
    *,
    rules: str | Path | RuleSet | None = None,
    on: dt.date | None = None,
    today: dt.date | None = None,
    lang: Lang = "en",
    column: str | None = None,
    first_line: int = 1,
) -> pa.Table:
    """Assess the households of a table; return their summary records as a table.

    Args:
        table: households, one a row: a column of JSON text (``column``, or the table's
            only column), or the household's fields as columns.
        rules: a `RuleSet`, a rule set id or file, or None for each household's region.
        on: assess every household on this date.
        today: the date when neither ``on`` nor the household gives one; pass it in a
            distributed run so that every partition agrees. Default: today.
        lang: the language of the rule set's name in the records.
        column: the column of JSON text (default: the only column, if it is text).
        first_line: the ``line`` of the first row (an error record says it).

    Raises:
        MeansTestError: a rule file is broken (no record could be assessed).
    """
    day = today or dt.date.today()  # noqa: DTZ011 - the caller's day, as assess_records
    key = (id(rules) if not isinstance(rules, str | Path | None) else rules, on, day, lang)
    runner = _RUNNERS.get(key)
    if runner is None:
        runner = _RUNNERS[key] = BlockRunner(
            Job(today=day, rules=rules, on=on, lang=lang, output="dict", detail="summary")
        )
    rows = pa.Table.from_batches([table]) if isinstance(table, pa.RecordBatch) else table
    texts = _json_texts(rows, column)
    lines = [_one_line(text) for text in texts]
    payloads = [
        text if isinstance(text, dict) else text.encode("utf-8") if isinstance(text, str) else text
        for text in texts
    ]
    numbers = list(range(first_line, first_line + len(lines)))
    piece = runner.run(b"\n".join(lines) + b"\n" if lines else b"", first_line, numbers, payloads)
    return summary_table(piece.output, piece.lines)


def _json_texts(table: pa.Table, column: str | None) -> list[Any]:
    """Each row's household: JSON text, or the fields of a row as a dict."""
    if column is None and json_text_column(table.schema):
        column = table.schema.names[0]
    if column is not None:
        texts: list[Any] = table[column].to_pylist()
        return texts
    return [row_household(row) for row in table.to_pylist()]


def _one_line(text: Any) -> bytes:
    """A household as one JSON line (NOT_JSON when it is not one line of text)."""
    if isinstance(text, str):
        return NOT_JSON if "\n" in text or not text.strip() else text.encode("utf-8")
    if isinstance(text, bytes) and not text.strip():  # UTF-8 JSON as bytes: as a line is
        return NOT_JSON
    return json_line(text, None, None)
