"""`meanstest compare` against `meanstest batch` on the same synthetic roll (issue 14).

The roll is benchmarks/synth.py's (generated once per N and seed into the cache that
batch_throughput.py uses). For each --jobs value, alternating for --rounds rounds,
it runs as whole processes (start-up included, output to /dev/null):

- ``meanstest batch ROLL`` (summary JSON Lines, the default);
- ``meanstest compare ROLL --proposal P --on DATE --format json`` (base + proposal:
  each household parsed once and decided under both rule sets by the columnar engine);

and prints each run's wall time, CPU time (user + system) and peak RSS, then the
medians and compare's ratio to batch (issue 14's target: under 2). The machine may be
shared: with --jobs 1 the CPU-time ratio is the steadier figure. (With more jobs the
workers are the fork server's children, whose CPU time the command's rusage does not
hold: only wall times are compared then.)

With --reference it also times compare on the reference route
(``MEANSTEST_COMPARE_ENGINE=reference``: every household assessed twice by the Decimal
engine, as before issue 14), for the speed-up; keep N small for it.

Usage:
  python benchmarks/compare_throughput.py --households 1000000 --jobs 1
  python benchmarks/compare_throughput.py --households 100000 --jobs 1 2 --rounds 3
  python benchmarks/compare_throughput.py --households 20000 --jobs 1 --reference
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from batch_throughput import roll  # noqa: E402 - the script beside this one

PROPOSAL = HERE.parent / "examples" / "proposals" / "standard-rise-2027.yaml"
ON = "2027-01-15"  # the proposal's value is in force from 2027-01-01


def _measure(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``cmd`` (stdout to /dev/null) in this process's only child: its wall time,
    CPU time (it and its workers, RUSAGE_CHILDREN) and peak RSS of the largest process."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        code = subprocess.run(cmd, stdout=sink, check=False, env={**os.environ, **env}).returncode
    wall = time.perf_counter() - start
    if code not in (0, 3):
        raise SystemExit(f"{' '.join(cmd[2:4])} failed with exit status {code}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "largest_mb": usage.ru_maxrss / 1024,
    }


def run(kind: str, path: Path, jobs: int, proposal: Path, on: str) -> dict[str, Any]:
    """Time one command in a fresh helper process (so RUSAGE_CHILDREN is its alone)."""
    command = kind.partition(":")[0]
    cmd = [sys.executable, "-m", "meanstest", command, str(path), "--jobs", str(jobs)]
    if kind.startswith("compare"):
        cmd += ["--proposal", str(proposal), "--on", on, "--format", "json"]
    cmd.append("--quiet")
    env = {"MEANSTEST_COMPARE_ENGINE": "reference"} if kind == "compare:reference" else {}
    helper = subprocess.run(
        [sys.executable, __file__, "--measure", json.dumps([cmd, env])],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, Any] = json.loads(helper.stdout)
    return figures


def main() -> None:
    """Parse the arguments, run the benchmark, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1])
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds (medians)")
    parser.add_argument("--proposal", type=Path, default=PROPOSAL)
    parser.add_argument("--on", default=ON, help="the assessment date of every household")
    parser.add_argument(
        "--reference", action="store_true", help="also time compare on the reference route"
    )
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "meanstest-bench"
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: see _measure
    args = parser.parse_args()
    if args.measure:
        cmd, env = json.loads(args.measure)
        print(json.dumps(_measure(cmd, env)))
        return
    args.cache.mkdir(exist_ok=True)
    path = roll(args.households, args.seed, args.cache)
    print(
        f"input: {args.households:,} synthetic households (seed {args.seed}), "
        f"{path.stat().st_size / 1e6:,.0f} MB JSONL; proposal {args.proposal.name} on "
        f"{args.on}; output to /dev/null; {os.cpu_count()} cores; "
        f"Python {sys.version.split()[0]}"
    )
    kinds = ["batch", "compare", *(["compare:reference"] if args.reference else [])]
    figures: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for _ in range(args.rounds):
        for jobs in args.jobs:
            for kind in kinds:
                f = run(kind, path, jobs, args.proposal, args.on)
                figures.setdefault((kind, jobs), []).append(f)
                cpu = f"{f['cpu']:7.1f} s CPU" if jobs == 1 else "    (CPU n/a)"
                print(
                    f"--jobs {jobs} {kind:<17} {f['seconds']:7.1f} s wall, {cpu}, "
                    f"{args.households / f['seconds']:>9,.0f} households/s, "
                    f"peak RSS {f['largest_mb']:.0f} MB"
                )
    print(f"medians over {args.rounds} round(s):")
    for jobs in args.jobs:
        wall = {k: statistics.median(f["seconds"] for f in figures[(k, jobs)]) for k in kinds}
        cpu = {k: statistics.median(f["cpu"] for f in figures[(k, jobs)]) for k in kinds}
        by_cpu = f", {cpu['compare'] / cpu['batch']:.2f} CPU" if jobs == 1 else ""
        print(
            f"  --jobs {jobs}: batch {wall['batch']:.1f} s, compare {wall['compare']:.1f} s: "
            f"compare / batch {wall['compare'] / wall['batch']:.2f} wall{by_cpu} "
            "(target: under 2)"
        )
        if args.reference:
            ref = wall["compare:reference"]
            print(
                f"  --jobs {jobs}: compare on the reference route {ref:.1f} s: the columnar "
                f"route is {ref / wall['compare']:.1f} times faster"
            )


if __name__ == "__main__":
    main()
