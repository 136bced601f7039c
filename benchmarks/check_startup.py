"""Time `meanstest check` on an example as a whole process, against the import floor.

Prints the median wall time of N runs of:
  - floor: a Python process that imports click, pydantic and rich, validates one tiny
    model and prints one tiny table (what any click + pydantic + rich tool pays);
  - check (table), check --format json, and python -m meanstest --version.

Usage: python benchmarks/check_startup.py [--runs 31] [--example PATH]
The figures go in the issue note; machines are shared and noisy, so quote the medians
and the ratio to the floor from one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What any click + pydantic + rich command pays before doing its own work: the
# imports, one small model built and used, and one table printed.
FLOOR = """
import io, click
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table
class M(BaseModel):
    x: int
M.model_validate({"x": 1})
t = Table("a", "b")
t.add_row("1", "2")
Console(file=io.StringIO()).print(t)
"""


def _median_ms(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Run the timings and print a table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--example", default="examples/yizhang-widow-diabetes.json")
    args = parser.parse_args()
    env = dict(os.environ, COLUMNS="100")
    py = sys.executable
    # Warm the rule cache and the OS file cache once.
    subprocess.run([py, "-m", "meanstest", "check", args.example], check=True,
                   stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    floor = _median_ms([py, "-c", FLOOR], args.runs, env)
    rows = [("floor: click + pydantic + rich, one model, one table", floor)]
    for label, extra in (("check (table)", []), ("check --format json", ["--format", "json"]),
                         ("check --format markdown", ["--format", "markdown"])):
        rows.append((label, _median_ms([py, "-m", "meanstest", "check", args.example, *extra],
                                       args.runs, env)))
    print(f"median of {args.runs} runs, {args.example}")
    for label, ms in rows:
        print(f"  {label:<52} {ms:7.1f} ms   {ms / floor:4.2f} × floor")


if __name__ == "__main__":
    main()
