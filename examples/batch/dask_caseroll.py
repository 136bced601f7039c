"""Run a case roll through Dask on a local cluster, with the columnar engine.

    pip install "meanstest[dask]"
    python examples/batch/dask_caseroll.py examples/batch/caseroll.jsonl out/

Each partition of JSON lines (or each Parquet shard, `assess_shards`) goes through
`meanstest.batch.assess_table`, the columnar engine `meanstest batch` runs: an Arrow
table of households in, an Arrow table of summary records out (money as exact
decimals). The rule set is loaded once here and pickled to the workers with the tasks,
so they read no rule files; `today` is fixed once, so that every partition assesses
undated households on the same day. A record's ``line`` is its line in the file, as
`meanstest batch` says it: the lines of each partition are counted first, so that each
partition knows the number of its first line (blank lines are skipped, not renumbered).
tests/test_batch_dask.py runs this file.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import dask.bag as db
import pyarrow as pa
import pyarrow.parquet as pq
from dask.distributed import Client, LocalCluster

from meanstest import load_rules
from meanstest.batch import assess_table
from meanstest.files.parquet import summary_schema
from meanstest.ruleset.model import RuleSet


def summaries(
    lines: list[str], starts: list[int], *, rules: RuleSet, today: dt.date
) -> list[dict[str, Any]]:
    """A partition of JSON lines through the columnar engine: its summary rows.

    ``starts`` holds the line number of the partition's first line in the file; each
    run of lines between blank ones is assessed from its own first line.
    """
    rows: list[dict[str, Any]] = []
    run: list[str] = []
    first = starts[0]
    for number, line in enumerate(lines, start=starts[0]):
        if line.strip():
            if not run:
                first = number
            run.append(line.rstrip("\r\n"))
            continue
        rows += _assessed(run, first, rules, today)
        run = []
    return rows + _assessed(run, first, rules, today)


def _assessed(run: list[str], first: int, rules: RuleSet, today: dt.date) -> list[dict[str, Any]]:
    if not run:
        return []
    table = pa.table({"household": pa.array(run, pa.string())})
    return assess_table(table, rules=rules, today=today, first_line=first).to_pylist()


def shard(path: str, *, rules: RuleSet, today: dt.date) -> list[dict[str, Any]]:
    """A Parquet shard of households (their fields as columns): its summary rows."""
    return assess_table(pq.read_table(path), rules=rules, today=today).to_pylist()


def assess_roll(
    path: str,
    out_dir: str | None = None,
    *,
    rules: str = "431022",
    workers: int = 2,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Assess every household of a JSON Lines roll on a local Dask cluster.

    Returns the households counted by status ("error" for error records) and the
    total monthly benefit; with ``out_dir``, also writes the summary records there as
    Parquet, one file per partition, in input order.
    """
    rule_set = load_rules(rules)
    day = today or dt.date.today()  # noqa: DTZ011 - the caller's day, fixed once per run
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        lines = db.read_text(path, blocksize="2kB")  # small blocks: several partitions
        counts = lines.map_partitions(lambda part: [sum(1 for _ in part)]).compute()
        starts = list(itertools.accumulate([1, *counts[:-1]]))  # each partition's first line
        results = lines.map_partitions(
            summaries, db.from_sequence(starts, npartitions=len(starts)), rules=rule_set, today=day
        ).persist()
        return _finish(results, out_dir)


def assess_shards(
    paths: list[str],
    out_dir: str | None = None,
    *,
    rules: str = "431022",
    workers: int = 2,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The same for Parquet shards of households (one partition a shard)."""
    rule_set = load_rules(rules)
    day = today or dt.date.today()  # noqa: DTZ011 - the caller's day, fixed once per run
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        results = (
            db.from_sequence(paths, npartitions=len(paths))
            .map(shard, rules=rule_set, today=day)
            .flatten()
            .persist()
        )
        return _finish(results, out_dir)


def _finish(results: db.Bag, out_dir: str | None) -> dict[str, Any]:
    statuses = results.pluck("status").frequencies().compute()
    total = results.pluck("benefit_monthly").map(lambda v: v or Decimal(0)).sum().compute()
    if out_dir is not None:
        parts = results.map_partitions(
            lambda rows: [pa.Table.from_pylist(list(rows), schema=summary_schema())]
        ).compute()
        for number, table in enumerate(parts):
            pq.write_table(table, Path(out_dir) / f"part-{number:04d}.parquet")
    return {"statuses": dict(statuses), "total_monthly_benefit": Decimal(total)}


if __name__ == "__main__":
    summary = assess_roll(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    print(summary["statuses"], f"total monthly benefit {summary['total_monthly_benefit']}")
