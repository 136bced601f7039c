"""Households per second and peak memory of `meanstest batch`, on seeded synthetic rolls.

Generates N households with benchmarks/synth.py (once per N and seed, into a cache
directory), then runs ``python -m meanstest batch`` on them as a whole process for
each --jobs value, output to /dev/null, and prints:

- households per second (N / wall time, start-up included);
- peak RSS of the largest process (getrusage of the children), and on Linux the peak
  memory of the whole process tree (main + fork server + workers, summed as PSS so
  that shared pages count once), sampled every 0.1 s.

- how many households each engine path took (the run report's ``by_path``: the
  columnar engine, or the reference engine for what it does not cover).

With --openfisca it also runs the OpenFisca anchor (../shared/bench/openfisca-anchor:
JSON Lines -> numpy arrays -> one vectorised simulation, its README says how) on the
same households, converted once by its contract_to_anchor.py, alternating with
meanstest for --rounds rounds, and prints the medians and the ratios (meanstest's
households per second over OpenFisca's; both whole processes, start-up included).

With --differences it runs the roll through the columnar engine and, record by record,
through the reference engine in this process, and prints how many summary records
differ (issue 14: it must be 0).

With --stages it also times each step of one household in this process (decode,
validate, assess, to_json, encode), the costs that decide the throughput, and what the
fixed parts of the stack cost alone (orjson parsing, pydantic validating, orjson
encoding): the ceiling that no engine could pass.

With --columnar-stages it runs the whole roll through the columnar engine in this
process, as ``batch --jobs 1`` does (the same chunks, `BlockRunner`), with a clock
around each stage (read, split, DuckDB parse, flatten+check, rules/choose, subset,
compute, warnings, reasons, encode, reference fallback, the rest of the runner), and
prints each stage's own time (nested stages are not counted twice) in seconds and
microseconds a household, wall and CPU, and the start-up of a whole process. With
``--stage-rounds N`` it takes each stage's median over N passes.

Usage:
  python benchmarks/batch_throughput.py --households 100000 --jobs 1 2
  python benchmarks/batch_throughput.py --households 1000000 --jobs 1 --format csv
  python benchmarks/batch_throughput.py --households 20000 --stages
  python benchmarks/batch_throughput.py --households 200000 --jobs --columnar-stages \
      --stage-rounds 3
  python benchmarks/batch_throughput.py --households 200000 --jobs 1 2 \
      --openfisca /tmp/of/bin/python --rounds 3
  python benchmarks/batch_throughput.py --households 1000000 --jobs 1 --differences
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402 - the generator sits beside this script


def roll(n: int, seed: int, directory: Path) -> Path:
    """Return a JSONL file of n synthetic households, generating it if needed."""
    path = directory / f"synth-v{synth.VERSION}-{n}-{seed}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as out:
            out.writelines(synth.jsonl_lines(n, seed))
        partial.replace(path)
    return path


def _tree_pss_kb(root: int) -> int:
    """Memory of a process and its descendants (Linux /proc): the sum of their PSS.

    PSS shares each page among the processes that map it, so pages that forked
    workers share with the fork server are counted once, not once per process.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


ANCHOR = HERE.parent.parent / "shared" / "bench" / "openfisca-anchor"


def run_batch(path: Path, jobs: int, fmt: str) -> dict[str, Any]:
    """Run the command once, measured by a fresh helper process (see `_measure`); the
    run report says which engine path each household took."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "run.json"
        cmd = [
            sys.executable,
            "-m",
            "meanstest",
            "batch",
            str(path),
            "--jobs",
            str(jobs),
            "--format",
            fmt,
            "--quiet",
            "--report",
            str(report),
        ]
        helper = subprocess.run(
            [sys.executable, __file__, "--measure", json.dumps(cmd)],
            check=True,
            capture_output=True,
            text=True,
        )
        figures: dict[str, Any] = json.loads(helper.stdout)
        figures["paths"] = json.loads(report.read_text(encoding="utf-8"))["by_path"]
    return figures


def anchor_input(path: Path, anchor: Path) -> Path:
    """The roll converted for the OpenFisca anchor (once per roll, beside it)."""
    out = path.with_suffix(".anchor.jsonl")
    if not out.exists():
        partial = out.with_suffix(".partial")
        subprocess.run(
            [sys.executable, str(anchor / "contract_to_anchor.py"), str(path), str(partial)],
            check=True,
        )
        partial.replace(out)
    return out


def run_anchor(python: str, anchor: Path, converted: Path) -> dict[str, float]:
    """Run the OpenFisca anchor once as a whole process (wall time, its own figures)."""
    start = time.perf_counter()
    done = subprocess.run(
        [python, "of_from_jsonl.py", "--input", str(converted)],
        cwd=anchor,
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    said = dict(part.split("=", 1) for part in done.stdout.split() if "=" in part)
    return {
        "seconds": wall,
        "compute_s": float(said.get("compute_s", "nan")),
        "peak_mb": float(said.get("peak_rss_MB", "nan")),
    }


def differences(path: Path) -> tuple[int, int, dict[str, int]]:
    """Summary records of the columnar engine that differ from the reference engine's:
    (differences, records, households per engine path)."""
    from meanstest.batch.columnar_run import BlockRunner  # noqa: PLC0415
    from meanstest.batch.core import Assessor, Job  # noqa: PLC0415
    from meanstest.files.records import Record  # noqa: PLC0415

    job = Job(today=dt.date(2022, 1, 1), output="dict", detail="summary")
    runner, reference = BlockRunner(job), Assessor(job)
    differ = records = 0
    paths: dict[str, int] = {"columnar": 0, "reference": 0}
    with path.open("rb") as lines:
        first = 1
        while block := lines.readlines(8 << 20):
            piece = runner.run(b"".join(block), first_line=first)
            for name in paths:
                paths[name] += piece.tally.paths[name]
            numbered = [(first + i, line) for i, line in enumerate(block) if line.strip()]
            for record, (number, line) in zip(piece.output, numbered, strict=True):
                differ += record != reference.outcome(Record(number, line)).output
            records += len(numbered)
            first += len(block)
    return differ, records, paths


def _measure(cmd: list[str]) -> dict[str, float]:
    """Run ``cmd`` with stdout to /dev/null; report wall time and peak memory.

    Runs in its own process so that getrusage(RUSAGE_CHILDREN) holds this command
    alone: the peak RSS of the largest process among the command and its workers.
    """
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink)
        peak_tree = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak_tree[0] = max(peak_tree[0], _tree_pss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        if Path("/proc").is_dir():
            sampler.start()
        code = proc.wait()
        done.set()
    wall = time.perf_counter() - start
    if code not in (0, 3):
        raise SystemExit(f"meanstest batch failed with exit status {code}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": wall, "largest_mb": largest / 1024, "tree_mb": peak_tree[0] / 1024}


def stages(path: Path, limit: int) -> dict[str, float]:
    """Time each step per household in this process (microseconds, mean)."""
    from meanstest.engine import assess  # noqa: PLC0415
    from meanstest.files.json import decode_json, dumps_line  # noqa: PLC0415
    from meanstest.model.household import parse_household  # noqa: PLC0415
    from meanstest.render.json import to_json  # noqa: PLC0415
    from meanstest.ruleset.choose import RuleChooser, assessment_date  # noqa: PLC0415

    chooser, today = RuleChooser(), dt.date(2022, 1, 1)
    names = ("decode", "validate", "assess", "to_json", "encode (orjson)", "encode (json.dumps)")
    totals = dict.fromkeys(names, 0.0)
    count = 0
    with path.open("rb") as lines:
        for line in lines:
            if count == limit:
                break
            t0 = time.perf_counter()
            data = decode_json(line)
            t1 = time.perf_counter()
            household = parse_household(data)
            t2 = time.perf_counter()
            result = assess(
                household,
                chooser.for_household(household).at(assessment_date(household, None, today)),
            )
            t3 = time.perf_counter()
            record = to_json(result, "en")
            t4 = time.perf_counter()
            dumps_line(record)
            t5 = time.perf_counter()
            json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
            t6 = time.perf_counter()
            for name, took in zip(
                names, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True
            ):
                totals[name] += took
            count += 1
    return {name: total / count * 1e6 for name, total in totals.items()}


class _StageClock:
    """Each stage's own time (wall and CPU), nested stages left out of their callers."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._stack: list[list[float]] = []

    def wrap(self, name: str, work: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            w0, c0 = time.perf_counter(), time.process_time()
            self._stack.append([0.0, 0.0])
            try:
                return work(*args, **kwargs)
            finally:
                inner_w, inner_c = self._stack.pop()
                w, c = time.perf_counter() - w0, time.process_time() - c0
                self.wall[name] = self.wall.get(name, 0.0) + w - inner_w
                self.cpu[name] = self.cpu.get(name, 0.0) + c - inner_c
                if self._stack:
                    self._stack[-1][0] += w
                    self._stack[-1][1] += c

        return timed


# (stage, module, attribute): what each stage's clock wraps. A function is wrapped where
# its caller looks it up, so the engine runs unchanged.
_STAGES = (
    ("split", "meanstest.batch.columnar_run", "split"),
    ("DuckDB parse", "meanstest.batch.columnar", "transform"),
    ("DuckDB parse", "meanstest.batch.columnar", "parse"),  # before transform was its own
    ("flatten+check", "meanstest.batch.parse", "_roll"),
    ("rules/choose", "meanstest.batch.columnar.Columnar", "_choose"),
    ("subset", "meanstest.batch.columnar", "subset"),
    ("compute", "meanstest.batch.compute", "members"),
    ("compute", "meanstest.batch.compute", "incomes"),
    ("compute", "meanstest.batch.compute", "expenses"),
    ("compute", "meanstest.batch.compute", "assets"),
    ("compute", "meanstest.batch.compute", "totals"),
    ("compute", "meanstest.batch.tekun", "tekun"),
    ("compute", "meanstest.batch.status", "status"),
    ("compute", "meanstest.batch.benefit", "benefit"),
    ("warnings", "meanstest.batch.events", "warnings"),
    ("reasons", "meanstest.batch.columnar", "_reasons"),
    ("encode", "meanstest.batch.columnar", "_table"),
    ("encode", "meanstest.batch.columnar_run", "_jsonl"),
    ("reference fallback", "meanstest.batch.core.Assessor", "outcome"),
    ("runner (tally, merge)", "meanstest.batch.columnar_run.BlockRunner", "run"),
)


def _owner(dotted: str) -> Any:
    """The module, or the class inside a module, a dotted name names."""
    import importlib  # noqa: PLC0415

    try:
        return importlib.import_module(dotted)
    except ModuleNotFoundError:
        module, _, name = dotted.rpartition(".")
        return getattr(importlib.import_module(module), name)


def columnar_stages(path: Path) -> tuple[dict[str, float], dict[str, float], int]:
    """One pass of the roll through the columnar engine in this process, as
    ``batch --jobs 1`` runs it, timed by stage: (wall s, CPU s, households)."""
    from meanstest.batch.columnar_run import BlockRunner  # noqa: PLC0415
    from meanstest.batch.core import Job  # noqa: PLC0415
    from meanstest.batch.feed import chunks  # noqa: PLC0415
    from meanstest.files.inputs import open_input  # noqa: PLC0415

    clock = _StageClock()
    saved = []
    for stage, where, name in _STAGES:
        owner = _owner(where)
        if not hasattr(owner, name):  # an older version, to compare with
            continue
        original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        saved.append((owner, name, original))
        setattr(owner, name, clock.wrap(stage, original))
    try:
        runner = BlockRunner(Job(today=dt.date(2022, 1, 1), output="jsonl", detail="summary"))
        count = 0
        with open_input(str(path)) as source:
            feed = clock.wrap("read", lambda it: next(it, None))
            it = iter(chunks(source))
            while (chunk := feed(it)) is not None:
                piece = runner.run(chunk.data, chunk.first_line, chunk.lines, chunk.payloads)
                count += piece.tally.records
    finally:
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)
    return clock.wall, clock.cpu, count


def startup(path: Path) -> float:
    """Seconds for ``meanstest batch`` of the roll's first household (median of 3)."""
    with tempfile.TemporaryDirectory() as scratch:
        one = Path(scratch) / "one.jsonl"
        with path.open("rb") as lines:
            one.write_bytes(next(lines))
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "meanstest", "batch", str(one), "-o", os.devnull],
                check=True,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def print_columnar_stages(path: Path, households: int, rounds: int) -> None:
    """Print the columnar engine's time per stage (medians over ``rounds`` passes)."""
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    count = 0
    for _ in range(rounds):
        gc.collect()
        wall, cpu, count = columnar_stages(path)
        for name in wall:
            walls.setdefault(name, []).append(wall[name])
            cpus.setdefault(name, []).append(cpu[name])
    order = ["read", *dict.fromkeys(stage for stage, _, _ in _STAGES)]
    print(
        f"columnar engine by stage, one process, {count:,} records "
        f"(median of {rounds}; own time, wall and CPU):"
    )
    print(f"  {'stage':<24}{'wall s':>8}{'µs/hh':>8}{'CPU s':>8}{'µs/hh':>8}")
    total_w = total_c = 0.0
    for name in order:
        w = statistics.median(walls.get(name, [0.0]))
        c = statistics.median(cpus.get(name, [0.0]))
        total_w += w
        total_c += c
        print(f"  {name:<24}{w:8.2f}{w / households * 1e6:8.2f}{c:8.2f}{c / households * 1e6:8.2f}")
    print(
        f"  {'total':<24}{total_w:8.2f}{total_w / households * 1e6:8.2f}"
        f"{total_c:8.2f}{total_c / households * 1e6:8.2f}"
    )
    print(f"  start-up of a whole process (one household): {startup(path):.2f} s")


def floors(path: Path, limit: int) -> dict[str, float]:
    """What the fixed parts of the stack cost alone, per household (µs, mean).

    These bound the throughput whatever the engine does: the input line parsed by
    orjson (C), the household validated by pydantic from the line in one pass (its
    fastest path, Rust), and the result record encoded by orjson.
    """
    import orjson  # noqa: PLC0415

    from meanstest.batch.core import Assessor, Job  # noqa: PLC0415
    from meanstest.files.records import Record  # noqa: PLC0415
    from meanstest.model.household import Household  # noqa: PLC0415

    with path.open("rb") as lines:
        sample = [line for line, _ in zip(lines, range(limit), strict=False)]
    assessor = Assessor(Job(today=dt.date(2022, 1, 1)))
    records = [assessor.outcome(Record(i, line)).output for i, line in enumerate(sample)]
    Household.model_validate_json(sample[0])  # build the validator outside the timing
    # The records held for encoding are moved out of the collector's sight, so that
    # its passes over them are not charged to what is timed (results are not kept).
    gc.collect()
    gc.freeze()

    def loads() -> None:
        for line in sample:
            orjson.loads(line)

    def validate() -> None:
        for line in sample:
            Household.model_validate_json(line)

    def dumps() -> None:
        for record in records:
            orjson.dumps(record)

    out = {}
    for name, work in (
        ("orjson.loads (input line)", loads),
        ("pydantic validate_json (input line)", validate),
        ("orjson.dumps (result record)", dumps),
    ):
        start = time.perf_counter()
        work()
        out[name] = (time.perf_counter() - start) / len(sample) * 1e6
    gc.unfreeze()
    return out


def print_stages(path: Path, households: int) -> None:
    """Print the reference engine's steps per household and the fixed stack's floors."""
    for name, micros in stages(path, min(households, 20_000)).items():
        print(f"  {name:<20} {micros:8.1f} µs per household")
    fixed = floors(path, min(households, 10_000))
    print("  the fixed stack alone, with no assessment:")
    for name, micros in fixed.items():
        print(f"    {name:<36} {micros:6.1f} µs per household")
    least = fixed["pydantic validate_json (input line)"] + fixed["orjson.dumps (result record)"]
    print(
        f"    one process can do no more than {1e6 / least:,.0f} households/s "
        f"when validating and encoding are all it does"
    )


def main() -> None:
    """Parse the arguments, run the benchmark, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--jobs", type=int, nargs="*", default=[1, 2], help="none: no whole-process runs"
    )
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "meanstest-bench"
    )
    parser.add_argument("--stages", action="store_true", help="time each step in-process")
    parser.add_argument(
        "--columnar-stages",
        action="store_true",
        help="time each stage of the columnar engine in-process",
    )
    parser.add_argument(
        "--stage-rounds", type=int, default=1, help="passes for --columnar-stages (median)"
    )
    parser.add_argument(
        "--openfisca",
        metavar="PYTHON",
        help="also run the OpenFisca anchor with this Python (its venv)",
    )
    parser.add_argument(
        "--anchor", type=Path, default=ANCHOR, help="the OpenFisca anchor's directory"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternating rounds with --openfisca (medians are printed)",
    )
    parser.add_argument(
        "--differences",
        action="store_true",
        help="count summary records where the two engines differ",
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: see _measure
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(json.loads(args.measure))))
        return
    args.cache.mkdir(exist_ok=True)
    path = roll(args.households, args.seed, args.cache)
    size_mb = path.stat().st_size / 1e6
    print(
        f"input: {args.households:,} synthetic households (seed {args.seed}), "
        f"{size_mb:,.0f} MB JSONL; output: {args.format} to /dev/null; "
        f"{os.cpu_count()} cores; Python {sys.version.split()[0]}"
    )
    if args.stages:
        print_stages(path, args.households)
    if args.columnar_stages:
        print_columnar_stages(path, args.households, args.stage_rounds)
    if args.differences:
        differ, records, paths = differences(path)
        print(
            f"differences, columnar vs reference summary records: {differ} of {records:,} "
            f"(columnar {paths['columnar']:,}, reference {paths['reference']:,})"
        )
    converted = anchor_input(path, args.anchor) if args.openfisca else None
    rates: dict[str, list[float]] = {}
    for _ in range(args.rounds if converted else 1):
        for jobs in args.jobs:
            figures = run_batch(path, jobs, args.format)
            rate = args.households / figures["seconds"]
            rates.setdefault(f"--jobs {jobs}", []).append(rate)
            tree = f", whole tree {figures['tree_mb']:.0f} MB PSS" if figures["tree_mb"] else ""
            print(
                f"--jobs {jobs}: {rate:,.0f} households/s ({figures['seconds']:.1f} s); "
                f"peak RSS largest process {figures['largest_mb']:.0f} MB{tree}; paths: "
                f"columnar {figures['paths']['columnar']:,}, reference "
                f"{figures['paths']['reference']:,}"
            )
            if converted and args.openfisca:
                of = run_anchor(args.openfisca, args.anchor, converted)
                rates.setdefault("openfisca", []).append(args.households / of["seconds"])
                print(
                    f"  OpenFisca anchor: {args.households / of['seconds']:,.0f} "
                    f"households/s ({of['seconds']:.1f} s, compute {of['compute_s']:.1f} s); "
                    f"peak RSS {of['peak_mb']:.0f} MB"
                )
    if "openfisca" in rates:
        anchor = statistics.median(rates["openfisca"])
        print(f"medians over {args.rounds} alternating rounds: OpenFisca {anchor:,.0f}/s")
        for name, values in rates.items():
            if name != "openfisca":
                median = statistics.median(values)
                print(f"  meanstest {name}: {median:,.0f}/s, {median / anchor:.2f}x OpenFisca")


if __name__ == "__main__":
    main()
