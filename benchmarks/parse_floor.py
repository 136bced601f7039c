"""The ceiling DuckDB's JSON parsing puts on `batch`'s throughput (issue 14).

The columnar engine has DuckDB read each household line into the contract's structure
(`meanstest.batch.parse.STRUCTURE`, one ``json_transform`` a line). That parse alone is a
floor under any engine built on it: however fast the rest, ``batch`` cannot do more
households a second than DuckDB parses. This script times, on the same seeded synthetic
roll as benchmarks/batch_throughput.py, alternating for --rounds rounds:

- DuckDB parsing the whole file into the structure, in this process, with 1 and with 2
  threads (``read_ndjson_objects`` + ``json_transform``: DuckDB's own reader, the
  fastest way it has, faster than the engine's block-by-block route);
- for scale, DuckDB reading two fields only (``id`` and ``members`` as raw JSON);
- the other columnar JSON reader, pyarrow's (``pyarrow.json.read_json``, 1 and 2
  threads). It cannot read the contract as is: a column must keep one JSON type, and
  the contract lets money be a number or a string (``977`` and ``"977.00"``). It reads a
  copy with every money number put in quotes, an easier file than the engine gets, so
  its time is a lower bound for that route;
- with --openfisca, the OpenFisca anchor's whole route (a whole process: JSON Lines →
  numpy arrays → one vectorised simulation) on the same households;

and prints the medians in microseconds a household, and the best ratio any engine
parsing with DuckDB could reach against OpenFisca: OpenFisca's time over the parse's.

Usage:
  python benchmarks/parse_floor.py --households 200000 --rounds 3 \
      --openfisca /tmp/of/bin/python
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from batch_throughput import anchor_input, roll, run_anchor  # noqa: E402 - beside this script

ANCHOR = HERE.parent.parent / "shared" / "bench" / "openfisca-anchor"


def parse_seconds(path: Path, threads: int, *, light: bool = False) -> float:
    """Wall seconds DuckDB takes to parse every line of ``path`` into the structure (or,
    ``light``, into two raw JSON fields)."""
    import duckdb  # noqa: PLC0415 - the measured library

    from meanstest.batch.parse import STRUCTURE  # noqa: PLC0415

    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    source = str(path).replace("'", "''")
    if light:
        query = (
            f"SELECT count(*) FROM read_json('{source}', format = 'newline_delimited', "  # noqa: S608 - our own file
            "columns = {'id': 'JSON', 'members': 'JSON'})"
        )
    else:
        query = (
            f"SELECT count(h) FROM (SELECT TRY(json_transform(json, '{STRUCTURE}')) AS h "  # noqa: S608
            f"FROM read_ndjson_objects('{source}'))"
        )
    start = time.perf_counter()
    con.sql(query).fetchall()
    seconds = time.perf_counter() - start
    con.close()
    return seconds


def quoted_copy(path: Path) -> Path:
    """A copy of ``path`` with every money number in quotes (``"amount":977`` →
    ``"amount":"977"``), so that pyarrow's reader sees one type a column."""
    import re  # noqa: PLC0415

    target = path.with_suffix(".quoted.jsonl")
    if not target.exists():
        number = re.compile(rb'"(amount|value)":(-?[0-9][0-9.eE+-]*)')
        with path.open("rb") as source, target.open("wb") as out:
            for line in source:
                out.write(number.sub(rb'"\1":"\2"', line))
    return target


def pyarrow_seconds(path: Path, threads: int) -> float:
    """Wall seconds pyarrow's JSON reader takes to read ``path`` into Arrow columns (the
    schema inferred on a first, untimed read; 8 MB blocks as the engine uses)."""
    import pyarrow as pa  # noqa: PLC0415 - the measured library
    import pyarrow.json as pj  # noqa: PLC0415

    pa.set_cpu_count(threads)
    block = 8 << 20
    schema = pj.read_json(path, read_options=pj.ReadOptions(block_size=64 << 20)).schema
    options = pj.ReadOptions(use_threads=threads > 1, block_size=block)
    parse = pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="error")
    start = time.perf_counter()
    table = pj.read_json(path, read_options=options, parse_options=parse)
    seconds = time.perf_counter() - start
    del table
    return seconds


def main() -> None:
    """Run the rounds and print the medians and the ceiling ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--openfisca", metavar="PYTHON", help="the anchor's interpreter")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(os.environ.get("MEANSTEST_BENCH_CACHE", tempfile.gettempdir()))
        / "meanstest-bench",
    )
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    path = roll(args.households, args.seed, args.cache)
    converted = anchor_input(path, ANCHOR) if args.openfisca else None
    quoted = quoted_copy(path)
    times: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for threads in (1, 2):
            times.setdefault(f"DuckDB parse, {threads} thread(s)", []).append(
                parse_seconds(path, threads)
            )
        times.setdefault("DuckDB two raw fields, 1 thread", []).append(
            parse_seconds(path, 1, light=True)
        )
        for threads in (1, 2):
            times.setdefault(f"pyarrow.json, {threads} thread(s) *", []).append(
                pyarrow_seconds(quoted, threads)
            )
        if args.openfisca and converted is not None:
            said = run_anchor(args.openfisca, ANCHOR, converted)
            times.setdefault("OpenFisca whole route", []).append(said["seconds"])
    n = args.households
    print(f"{n} households ({path.name}), median of {args.rounds} rounds, alternating")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, seconds in medians.items():
        print(f"  {name:<36} {seconds:8.3f} s  {seconds / n * 1e6:6.2f} µs/household")
    print("  * money numbers quoted first: pyarrow's reader refuses a column of mixed types")
    openfisca = medians.get("OpenFisca whole route")
    if openfisca:
        for threads in (1, 2):
            parse = medians[f"DuckDB parse, {threads} thread(s)"]
            print(
                f"  ceiling with {threads} thread(s): OpenFisca / parse alone = "
                f"{openfisca / parse:.2f}× (issue 14's target: {2 * threads}×)"
            )


if __name__ == "__main__":
    main()
