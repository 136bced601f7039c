"""Batch assessment of case rolls: the streaming core, the process pool, the library API.

`assess_records` and `assess_partition` are the library API for pipelines (Dask,
Spark), and `read_households` reads a case roll into households; `meanstest batch`
wires files and the terminal to the same code (`core`, `pool`).
"""

from .api import assess_partition, assess_records, read_households

__all__ = ["assess_partition", "assess_records", "read_households"]
