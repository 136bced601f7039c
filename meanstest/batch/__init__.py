"""Batch assessment of case rolls: the reference and columnar engines, the library API.

`assess_records` and `assess_partition` stream records through the reference engine
(full or summary records); `assess_table` runs an Arrow table (a Dask or Spark
partition) through the columnar engine; `read_households` reads a case roll into
households. `meanstest batch` wires files and the terminal to the same code (`core`,
`pool` for the reference engine; `columnar`, `block_pool` for the columnar one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .api import assess_partition, assess_records, read_households

if TYPE_CHECKING:
    from .arrow_api import assess_table

__all__ = ["assess_partition", "assess_records", "assess_table", "read_households"]


def __getattr__(name: str) -> Any:
    # The columnar engine loads numpy, pyarrow and DuckDB: only when asked for.
    if name == "assess_table":
        from .arrow_api import assess_table  # noqa: PLC0415

        return assess_table
    raise AttributeError(name)
