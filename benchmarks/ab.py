"""Paired A/B timing of two versions of meanstest, in one run, alternating.

Each version (a git ref) is installed as users install it — `pip install .` into a
virtual environment of its own, byte-compiled — and timed as a whole process from a
directory outside the repository, so the installed package is what runs. The two
versions alternate run by run, so that a machine getting busier or quieter affects
both alike; the figure to quote is the ratio of the medians (B / A: below 1 means B
is faster).

Benchmarks:
  batch     `meanstest batch ROLL --quiet [ARGS]` on N seeded synthetic households
  startup   `meanstest check EXAMPLE [ARGS]` (table output unless ARGS say otherwise)

Each run is timed by the wall clock and by the CPU time (user + system) of the process;
on a shared machine the CPU time moves less with the load. With --instructions each
run is counted instead under valgrind's cachegrind (``--cache-sim=no``, hash seed 0):
the instructions executed, which do not depend on the load at all (a run takes ~50×
longer, so use it for start-up, with a few runs).

Usage (options before the benchmark's name; what follows ``--`` goes to meanstest):
  python benchmarks/ab.py --base d95062d --head HEAD --runs 5 batch --households 20000
  python benchmarks/ab.py --base d95062d --runs 21 startup
  python benchmarks/ab.py --base d95062d --runs 21 startup -- --format json
  python benchmarks/ab.py --base d95062d --runs 3 --instructions startup

Environments are kept under --cache (default: the temp directory), by commit, so a
second comparison against the same base installs nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402 - the generator sits beside this script


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def install(ref: str, cache: Path) -> Path:
    """Return the python of a virtual environment with meanstest at ``ref`` installed."""
    sha = _git("rev-parse", "--verify", f"{ref}^{{commit}}")
    env = cache / f"env-{sha[:12]}"
    python = env / "bin" / "python"
    if python.exists():
        return python
    source = cache / f"src-{sha[:12]}"
    if not source.exists():
        source.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", sha], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(source)], check=True)
    return python


def roll(n: int, seed: int, cache: Path) -> Path:
    """Return a JSONL file of n synthetic households, generating it if needed."""
    path = cache / f"synth-v{synth.VERSION}-{n}-{seed}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as out:
            out.writelines(synth.jsonl_lines(n, seed))
        partial.replace(path)
    return path


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _measure(cmd: list[str], cwd: Path, *, instructions: bool = False) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run; with ``instructions``, (instructions, 0)."""
    env = None
    if instructions:
        cmd = [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            *cmd,
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
    start, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=env
    )
    took, cpu = time.perf_counter() - start, _cpu() - cpu
    if done.returncode not in (0, 3):
        raise SystemExit(
            f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}"
        )
    if instructions:  # "==123== I   refs:      948,077,440"
        line = next(ln for ln in done.stderr.decode().splitlines() if "I   refs:" in ln)
        return float(line.split(":")[1].replace(",", "")), 0.0
    return took, cpu


def _seconds(cmd: list[str], cwd: Path) -> float:
    return _measure(cmd, cwd)[0]


def main() -> None:
    """Parse the arguments, time both versions alternately, print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="git ref of version A")
    parser.add_argument("--head", default="HEAD", help="git ref of version B (default HEAD)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "meanstest-ab")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--example", default=str(ROOT / "examples" / "yizhang-widow-diabetes.json"))
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions under valgrind instead of timing (deterministic)",
    )
    parser.add_argument("bench", choices=["batch", "startup"])
    parser.add_argument("extra", nargs="*", help="arguments passed on to meanstest")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    pythons = {"A": install(args.base, args.cache), "B": install(args.head, args.cache)}
    work = Path(tempfile.mkdtemp(prefix="ab-", dir=args.cache))  # outside the repository
    if args.bench == "batch":
        data = roll(args.households, args.seed, args.cache)
        command = ["batch", str(data), "--quiet", *args.extra]
    else:
        command = ["check", str(Path(args.example).resolve()), *args.extra]
    for python in pythons.values():  # warm up: byte-compile, fill the rule cache
        _seconds([str(python), "-m", "meanstest", *command], work)
    runs: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    for i in range(args.runs):
        order = ("A", "B") if i % 2 == 0 else ("B", "A")
        for name in order:
            cmd = [str(pythons[name]), "-m", "meanstest", *command]
            runs[name].append(_measure(cmd, work, instructions=args.instructions))
    print(
        f"meanstest {' '.join(command[:1] + args.extra)}; {args.runs} runs each, "
        f"alternating; A = {args.base}, B = {args.head}"
    )
    if args.instructions:
        counts = {name: statistics.median(r[0] for r in values) for name, values in runs.items()}
        for name, count in counts.items():
            print(f"  {name}: median {count / 1e6:,.1f} million instructions")
        print(f"  ratio B / A: {counts['B'] / counts['A']:.3f} (instructions)")
        return
    wall = {name: statistics.median(r[0] for r in values) for name, values in runs.items()}
    cpu = {name: statistics.median(r[1] for r in values) for name, values in runs.items()}
    for name in runs:
        if args.bench == "batch":
            rate = args.households / wall[name]
            print(
                f"  {name}: median {wall[name]:.3f} s ({rate:,.0f} households/s), "
                f"CPU {cpu[name]:.3f} s"
            )
        else:
            print(f"  {name}: median {wall[name] * 1000:.1f} ms, CPU {cpu[name] * 1000:.1f} ms")
    print(f"  ratio B / A: {wall['B'] / wall['A']:.3f} (wall), {cpu['B'] / cpu['A']:.3f} (CPU)")


if __name__ == "__main__":
    main()
