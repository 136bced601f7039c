"""The Dask example (examples/batch/dask_caseroll.py) runs the sample roll on a local cluster.

Skipped unless the optional extra is installed (pip install "meanstest[dask]"), except
in CI, where it must run.
The sample roll's known results: 4 dibao, 1 dibao_single, 1 edge, 3 not_eligible,
total monthly benefit 2570.00 (tests/test_examples.py works each out by hand).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES

# Dask has its own extra ("meanstest[dask]"). Without it the test is skipped, except in
# CI (CI=true), which installs the extra: there a missing Dask is a broken install.
if os.environ.get("CI") != "true":
    pytest.importorskip("dask")
    pytest.importorskip("distributed")
import dask  # noqa: F401
import distributed  # noqa: F401

SAMPLES = EXAMPLES / "batch"


def _example() -> object:
    spec = importlib.util.spec_from_file_location("dask_caseroll", SAMPLES / "dask_caseroll.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KNOWN = {
    "statuses": {"dibao": 4, "dibao_single": 1, "edge": 1, "not_eligible": 3},
    "total_monthly_benefit": Decimal("2570.00"),
}


def _ids() -> list[str]:
    return [
        json.loads(line)["id"]
        for line in (SAMPLES / "caseroll.jsonl").read_text(encoding="utf-8").splitlines()
    ]


def test_dask_example_assesses_the_sample_roll_on_a_local_cluster(tmp_path: Path) -> None:
    """Worker processes get the pickled rule set, run JSON Lines partitions through the
    columnar engine and give the roll's known results, in order."""
    import pyarrow.parquet as pq

    summary = _example().assess_roll(
        str(SAMPLES / "caseroll.jsonl"), str(tmp_path), today=dt.date(2022, 1, 1)
    )
    assert summary == KNOWN
    written = [
        row
        for part in sorted(tmp_path.glob("part-*.parquet"))
        for row in pq.read_table(part).to_pylist()
    ]
    assert [r["household_id"] for r in written] == _ids()


def test_dask_example_assesses_parquet_shards(tmp_path: Path) -> None:
    """Parquet shards of households (fields as columns) give the same results."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    households = [
        json.loads(line)
        for line in (SAMPLES / "caseroll.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    for h in households:  # one Arrow type a column: money as text throughout
        for item in (*h.get("incomes", ()), *h.get("expenses", ()), *h.get("assets", ())):
            for key in ("amount", "value"):
                if key in item:
                    item[key] = str(item[key])
    shards = []
    for number, start in enumerate(range(0, len(households), 4)):
        shards.append(str(tmp_path / f"shard-{number}.parquet"))
        pq.write_table(pa.Table.from_pylist(households[start : start + 4]), shards[-1])
    assert _example().assess_shards(shards, today=dt.date(2022, 1, 1)) == KNOWN
