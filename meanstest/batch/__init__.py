"""Batch assessment of case rolls: the streaming core and the process pool.

`assess_records` and `assess_partition` are the library API for pipelines (Dask,
Spark); `meanstest batch` wires files and the terminal to the same code.
"""

from .core import assess_partition, assess_records

__all__ = ["assess_partition", "assess_records"]
