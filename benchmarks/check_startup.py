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
import tempfile
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


def _median_ms(cmd: list[str], runs: int, env: dict[str, str], cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=cwd)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _time_all(py: str, example: str, runs: int, env: dict[str, str],
              cwd: Path) -> list[tuple[str, float]]:
    rows = [("floor: click + pydantic + rich, one model, one table",
             _median_ms([py, "-c", FLOOR], runs, env, cwd))]
    for label, extra in (("check (table)", []), ("check --format json", ["--format", "json"]),
                         ("check --format markdown", ["--format", "markdown"])):
        rows.append((label, _median_ms([py, "-m", "meanstest", "check", example, *extra],
                                       runs, env, cwd)))
    return rows


def main() -> None:
    """Run the timings and print a table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--example", default="examples/yizhang-widow-diabetes.json")
    args = parser.parse_args()
    # Bytecode caching as on any ordinary machine (some sandboxes turn it off), and a
    # working directory outside the repository, so the installed package is timed.
    env = dict(os.environ, COLUMNS="100")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = sys.executable
    example = str((ROOT / args.example).resolve())
    with tempfile.TemporaryDirectory() as cwd:
        here = Path(cwd)
        # Warm the rule cache, the bytecode cache and the OS file cache once.
        subprocess.run([py, "-m", "meanstest", "check", example], check=True,
                       stdout=subprocess.DEVNULL, env=env, cwd=here)
        rows = _time_all(py, example, args.runs, env, here)
    floor = rows[0][1]
    print(f"median of {args.runs} runs, {args.example}, {sys.executable}")
    for label, ms in rows:
        print(f"  {label:<52} {ms:7.1f} ms   {ms / floor:4.2f} × floor")


if __name__ == "__main__":
    main()
