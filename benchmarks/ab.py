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

Usage:
  python benchmarks/ab.py --base d95062d --head HEAD batch --households 20000 --runs 5
  python benchmarks/ab.py --base d95062d startup --runs 21
  python benchmarks/ab.py --base d95062d startup --runs 21 -- --format json

Environments are kept under --cache (default: the temp directory), by commit, so a
second comparison against the same base installs nothing.
"""

from __future__ import annotations

import argparse
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


def _seconds(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    took = time.perf_counter() - start
    if done.returncode not in (0, 3):
        raise SystemExit(
            f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}"
        )
    return took


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
    times: dict[str, list[float]] = {"A": [], "B": []}
    for i in range(args.runs):
        order = ("A", "B") if i % 2 == 0 else ("B", "A")
        for name in order:
            times[name].append(_seconds([str(pythons[name]), "-m", "meanstest", *command], work))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"meanstest {' '.join(command[:1] + args.extra)}; {args.runs} runs each, "
        f"alternating; A = {args.base}, B = {args.head}"
    )
    for name, median in medians.items():
        if args.bench == "batch":
            rate = args.households / median
            print(f"  {name}: median {median:.3f} s ({rate:,.0f} households/s)")
        else:
            print(f"  {name}: median {median * 1000:.1f} ms")
    print(f"  ratio B / A: {medians['B'] / medians['A']:.3f}")


if __name__ == "__main__":
    main()
