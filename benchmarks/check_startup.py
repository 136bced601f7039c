"""Time `meanstest check` on an example as a whole process, against the import floor.

Prints the median wall time of N runs of:
  - floor: a Python process that imports click, pydantic and rich, validates one tiny
    model and prints one tiny table (what any click + pydantic + rich tool pays);
  - check (table), check --format json, and python -m meanstest --version.

With ``--openfisca PYTHON`` it also times OpenFisca's one-household process
(../shared/bench/openfisca-anchor/of_single.py, run by that interpreter), paired: each
round runs OpenFisca, check (table) and check --format json back to back, in an order
that alternates, and the ratios are of the medians of the same rounds (issue 14's
start-up target: table output at most 0.7 × OpenFisca's process).

Usage: python benchmarks/check_startup.py [--runs 31] [--example PATH]
           [--openfisca /tmp/of/bin/python] [--python PATH]
Time a regular install (``pip install .`` into a venv, then ``--python venv/bin/python``):
an editable install without bytecode is slower. The figures go in the issue note;
machines are shared and noisy, so quote the medians and ratios from one run.
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


def _time_all(
    py: str, example: str, runs: int, env: dict[str, str], cwd: Path
) -> list[tuple[str, float]]:
    rows = [
        (
            "floor: click + pydantic + rich, one model, one table",
            _median_ms([py, "-c", FLOOR], runs, env, cwd),
        )
    ]
    for label, extra in (
        ("check (table)", []),
        ("check --format json", ["--format", "json"]),
        ("check --format markdown", ["--format", "markdown"]),
    ):
        rows.append(
            (label, _median_ms([py, "-m", "meanstest", "check", example, *extra], runs, env, cwd))
        )
    return rows


ANCHOR = ROOT.parent / "shared" / "bench" / "openfisca-anchor"


def _paired(
    py: str, openfisca: str, example: str, runs: int, env: dict[str, str], cwd: Path
) -> list[tuple[str, float]]:
    """Medians of OpenFisca's one-household process and of check, run in alternating
    order round by round, so that a busy spell of the machine weighs on all alike."""
    commands = {
        "OpenFisca of_single.py (one household)": ([openfisca, "of_single.py"], ANCHOR),
        "check (table)": ([py, "-m", "meanstest", "check", example], cwd),
        "check --format json": ([py, "-m", "meanstest", "check", example, "--format", "json"], cwd),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd, where in commands.values():  # warm every cache once
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=where)
    for round_ in range(runs):
        order = list(commands.items())
        for name, (cmd, where) in order if round_ % 2 == 0 else reversed(order):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=where)
            times[name].append((time.perf_counter() - start) * 1000)
    return [(name, statistics.median(values)) for name, values in times.items()]


def main() -> None:
    """Run the timings and print a table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--example", default="examples/yizhang-widow-diabetes.json")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter whose meanstest is timed (a regular install)",
    )
    parser.add_argument(
        "--openfisca",
        metavar="PYTHON",
        help="time OpenFisca's one-household process with this interpreter",
    )
    args = parser.parse_args()
    # Bytecode caching as on any ordinary machine (some sandboxes turn it off), and a
    # working directory outside the repository, so the installed package is timed.
    env = dict(os.environ, COLUMNS="100")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = args.python
    example = str((ROOT / args.example).resolve())
    with tempfile.TemporaryDirectory() as cwd:
        here = Path(cwd)
        # Warm the rule cache, the bytecode cache and the OS file cache once.
        subprocess.run(
            [py, "-m", "meanstest", "check", example],
            check=True,
            stdout=subprocess.DEVNULL,
            env=env,
            cwd=here,
        )
        rows = _time_all(py, example, args.runs, env, here)
        pairs = _paired(py, args.openfisca, example, args.runs, env, here) if args.openfisca else []
    floor = rows[0][1]
    print(f"median of {args.runs} runs, {args.example}, {py}")
    for label, ms in rows:
        print(f"  {label:<52} {ms:7.1f} ms   {ms / floor:4.2f} × floor")
    if pairs:
        anchor = pairs[0][1]
        print(f"paired with OpenFisca ({args.openfisca}), median of {args.runs} rounds")
        for label, ms in pairs:
            print(f"  {label:<52} {ms:7.1f} ms   {ms / anchor:4.2f} × OpenFisca")


if __name__ == "__main__":
    main()
