"""Run a JSON Lines case roll through Dask on a local cluster, with the streaming API.

    pip install "meanstest[dask]"
    python examples/batch/dask_caseroll.py examples/batch/caseroll.jsonl out/

Each partition of lines goes through `meanstest.batch.assess_partition`, the list form
of `meanstest.assess_records`, which `meanstest batch` itself runs. The rule set is
loaded once here and pickled to the workers with the tasks, so they read no rule files.
`today` is fixed once, so that every partition assesses undated households on the same
day. tests/test_batch_dask.py runs this file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from decimal import Decimal
from typing import Any

import dask.bag as db
from dask.distributed import Client, LocalCluster

from meanstest import load_rules
from meanstest.batch import assess_partition


def assess_roll(path: str, out_dir: str | None = None, *, rules: str = "431022",
                workers: int = 2, today: dt.date | None = None) -> dict[str, Any]:
    """Assess every household of a JSONL roll on a local Dask cluster.

    Returns the households counted by status ("error" for error records) and the
    total monthly benefit; with ``out_dir``, also writes the result records there as
    JSON Lines, one file per partition, in input order.
    """
    rule_set = load_rules(rules)
    day = today or dt.date.today()  # noqa: DTZ011 - the caller's day, fixed once per run
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        lines = db.read_text(path, blocksize="2kB")  # small blocks: several partitions
        results = lines.map_partitions(assess_partition, rules=rule_set, today=day).persist()
        statuses = results.pluck("status", "error").frequencies().compute()
        total = results.pluck("benefit_monthly", "0.00").map(Decimal).sum().compute()
        if out_dir is not None:
            dump = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
            results.map(dump).to_textfiles(f"{out_dir}/part-*.jsonl", last_endline=True)
    return {"statuses": dict(statuses), "total_monthly_benefit": Decimal(total)}


if __name__ == "__main__":
    summary = assess_roll(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    print(summary["statuses"], f"total monthly benefit {summary['total_monthly_benefit']}")
