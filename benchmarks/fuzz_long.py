"""A long fuzzing run of the household boundary, with the strategies of tests/strategies.py.

tests/test_fuzz.py runs a few hundred inputs in seconds on every test run; this script
runs the same checks for as long as you like, for a night or before a release:

- ``valid``: valid Yizhang households parse (from JSON text) and assess, no error at all;
- ``nearly``: a valid household with one mutation raises nothing but a MeansTestError,
  and a mutation that breaks the contract (unknown field, NaN, a dangling member, ...)
  is refused;
- ``texts``: damaged files (truncated, duplicate keys, bare NaN, deep nesting, GBK,
  ...) and random bytes raise nothing but a MeansTestError;
- ``cli`` (slower; only when named): ``meanstest check FILE --format json`` on all of
  the above exits 0 or 1, never shows a traceback, and on 1 writes ``error:`` to stderr
  and nothing to stdout.

Each check prints how many inputs it ran (shrinking included) and, on a failure, the
smallest failing input hypothesis found. The exit status is 1 when any check failed.

Usage:
  python benchmarks/fuzz_long.py                        # 20000 inputs per check
  python benchmarks/fuzz_long.py --examples 100000 --seed 7
  python benchmarks/fuzz_long.py --examples 5000 --checks nearly cli
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from strategies import REFUSED, bad_texts, households, nearly_valid  # noqa: E402

from meanstest.api import assess_household  # noqa: E402
from meanstest.errors import MeansTestError  # noqa: E402
from meanstest.files.json import decode_json  # noqa: E402
from meanstest.model.household import parse_household  # noqa: E402
from meanstest.ruleset.choose import RuleChooser  # noqa: E402

TODAY = dt.date(2022, 1, 1)
CHECKS = ("valid", "nearly", "texts", "cli")


class Crash(AssertionError):
    """A check failed: an error that is not a MeansTestError, or a wrong outcome."""


def _assess(text: str | bytes) -> None:
    household = parse_household(decode_json(text))
    assess_household(household, RuleChooser(), None, TODAY)


def _only_means_test_errors(run: Callable[[], object], data: Any) -> bool:
    """Run; return True when it refused the input with a MeansTestError."""
    try:
        run()
    except MeansTestError:
        return True
    except Exception as exc:
        raise Crash(f"{type(exc).__name__}: {exc}\ninput: {str(data)[:3000]}") from exc
    return False


def check_valid(data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False)
    try:
        _assess(text)
    except Exception as exc:
        raise Crash(
            f"a valid household raised {type(exc).__name__}: {exc}\ninput: {text[:3000]}"
        ) from exc


def check_nearly(case: tuple[str, Any]) -> None:
    name, data = case
    text = json.dumps(data, ensure_ascii=False)
    refused = _only_means_test_errors(lambda: _assess(text), text)
    _only_means_test_errors(
        lambda: assess_household(parse_household(data), RuleChooser(), None, TODAY), data
    )
    if name in REFUSED and not refused:
        raise Crash(f"the mutation {name!r} was accepted\ninput: {text[:3000]}")


def check_texts(case: tuple[str, bytes]) -> None:
    _only_means_test_errors(lambda: _assess(case[1]), case[1][:3000])


class CliCheck:
    """`check FILE --format json` through click's CliRunner, one file rewritten per input."""

    def __init__(self, directory: Path) -> None:
        from click.testing import CliRunner  # noqa: PLC0415

        from meanstest.cli import cli  # noqa: PLC0415

        self.runner, self.cli = CliRunner(), cli
        self.path = directory / "household.json"

    def __call__(self, content: bytes) -> None:
        self.path.write_bytes(content)
        result = self.runner.invoke(
            self.cli, ["check", str(self.path), "--format", "json"], prog_name="meanstest"
        )
        shown = repr(content[:3000])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise Crash(
                f"uncaught {type(result.exception).__name__}: {result.exception}\ninput: {shown}"
            )
        if result.exit_code not in (0, 1):
            raise Crash(f"exit status {result.exit_code}\ninput: {shown}")
        if "Traceback" in result.stdout + result.stderr:
            raise Crash(f"a traceback was printed\ninput: {shown}")
        if result.exit_code == 1 and (not result.stderr.startswith("error: ") or result.stdout):
            raise Crash(
                f"exit 1 without 'error:' on stderr only: stderr={result.stderr!r} "
                f"stdout={result.stdout[:200]!r}\ninput: {shown}"
            )


def _cli_inputs() -> st.SearchStrategy[bytes]:
    return st.one_of(
        households().map(lambda h: json.dumps(h, ensure_ascii=False).encode()),
        nearly_valid().map(lambda case: json.dumps(case[1], ensure_ascii=False).encode()),
        bad_texts().map(lambda case: case[1]),
        st.binary(max_size=400),
        st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    )


def run_check(
    name: str,
    strategy: st.SearchStrategy[Any],
    check: Callable[[Any], None],
    examples: int,
    seed: int | None,
) -> bool:
    """Run one check for ``examples`` inputs; print the count and any failure."""
    count = 0

    def body(value: Any) -> None:
        nonlocal count
        count += 1
        check(value)

    test = settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )(given(strategy)(body))
    if seed is not None:
        test = hypothesis_seed(seed)(test)
    start = time.perf_counter()
    failure: BaseException | None = None
    try:
        test()
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        failure = exc
    took = time.perf_counter() - start
    status = "ok" if failure is None else "FAILED"
    print(f"{name:7} {status:6} {count} inputs in {took:.1f} s ({count / took:.0f}/s)", flush=True)
    if failure is not None:
        print("".join(traceback.format_exception_only(failure)).rstrip(), flush=True)
    return failure is None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--examples", type=int, default=20_000, help="inputs per check (default 20000)"
    )
    parser.add_argument("--seed", type=int, help="hypothesis seed, for a repeatable run")
    parser.add_argument(
        "--checks",
        nargs="+",
        choices=CHECKS,
        default=["valid", "nearly", "texts"],
        help="which checks to run (default: valid nearly texts; add cli)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        plan: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
            "valid": (households(), check_valid),
            "nearly": (nearly_valid(), check_nearly),
            "texts": (
                st.one_of(bad_texts(), st.binary(max_size=400).map(lambda b: ("random", b))),
                check_texts,
            ),
            "cli": (_cli_inputs(), CliCheck(Path(tmp))),
        }
        results = [run_check(name, *plan[name], args.examples, args.seed) for name in args.checks]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
