"""`meanstest compare` on the columnar engine gives exactly what the reference gave.

The reference route (`batch.compare_jobs`: every household assessed twice by the
Decimal engine) stays reachable with ``MEANSTEST_COMPARE_ENGINE=reference``; these
tests hold the columnar route (`batch.compare_run`) to it:

- every `compare.Change`, field by field (issue 15's rule snapshots, groups and parts
  included), over hypothesis-drawn rolls under the shipped and fixture rule files
  (分类施保 groups and their top-ups, every rounding stage, tiers, 特困) with a ``--set``
  change, and over the synthetic roll (`benchmarks/synth.py`) and the example caseload
  with every example proposal;
- the JSON report and the --changes file (CSV and JSON Lines), byte for byte, between
  the two routes, with ``--jobs 1`` and ``--jobs 2`` (workers started by ``spawn``, as
  on Windows and macOS).

No expected figure is worked here by hand: the reference route is the oracle, and the
figures it gives are worked in tests/test_compare.py and tests/test_compare_report.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import examples
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_columnar_equality import FIXTURES, _line, rolls

from meanstest.batch import compare_jobs, compare_run
from meanstest.batch.compare_jobs import Comparer
from meanstest.batch.compare_run import CompareRunner, CompareSetup
from meanstest.batch.feed import Chunk
from meanstest.cli import cli
from meanstest.compare import Change
from meanstest.render.compare import change_row
from meanstest.ruleset.choose import RuleChooser

ROOT = Path(__file__).resolve().parent.parent
CASELOAD = ROOT / "examples" / "caseload" / "yizhang-caseload.jsonl"
PROPOSALS = sorted((ROOT / "examples" / "proposals").glob("*.yaml"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402 - benchmarks/synth.py, on the path above

# Rule files whose households the columnar engine decides in different ways: the
# county's own, and fixtures with 分类施保 groups (best group and sum), every rounding
# stage and mode, tiers, minimum benefits, single-person bands and 特困 standards.
RULE_FILES = [
    ROOT / "rules" / "431022-yizhang.yaml",
    *(
        FIXTURES / "ladder" / f"{name}.yaml"
        for name in (
            "blocks_groups",
            "blocks_minimum",
            "blocks_rounding",
            "blocks_single_bands",
            "blocks_tekun_places",
            "ladder",
            "ladder_sum",
            "ladder_tiered",
            "ladder_round",
        )
    ),
]
# A change every rule file takes: both standards, in force always.
SETTINGS = ("dibao.standard.rural=510/month", "dibao.standard.urban=640/month")
MID_YEAR = ("dibao.standard.rural=420/month",)
PROPERTY = settings(
    deadline=None,
    max_examples=examples(25),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


def _choosers(base: str | Path | None, proposal: Path | None, changes: tuple[str, ...]) -> Comparer:
    directory = Path(base).parent if base is not None and "fixtures" in Path(base).parts else None
    chooser = RuleChooser(base, search=(directory,) if directory else ())
    return Comparer(chooser, chooser.changed(proposal, changes), None, dt.date(2022, 1, 1))


def _both(
    path: Path,
    comparer: Comparer,
    *,
    on: dt.date | None = None,
    reference: Comparer | None = None,
) -> tuple[list[Change], list[Change]]:
    """The changes of a roll on the columnar route and on the reference route."""
    columnar = list(compare_run.compare_roll(str(path), None, comparer._replace(on=on)))
    again = (reference or comparer)._replace(on=on)
    return columnar, list(compare_jobs.compare_roll(str(path), None, again, 1))


def _assert_same(columnar: list[Change], reference: list[Change]) -> None:
    """Equal field by field, and rendered alike in both languages."""
    assert len(columnar) == len(reference)
    for ours, theirs in zip(columnar, reference, strict=True):
        for name in Change._fields:
            assert getattr(ours, name) == getattr(theirs, name), (ours.line, name)
        for lang in ("en", "zh"):
            assert change_row(ours, lang) == change_row(theirs, lang)


@functools.cache
def _comparer(path: Path) -> Comparer:
    return _choosers(path, None, SETTINGS)


@functools.cache
def _runner(path: Path) -> CompareRunner:
    """The columnar route's engines for a rule file, kept across examples (each run
    builds its engines and rule arrays anew, a third of a second)."""
    c = _choosers(path, None, SETTINGS)
    return CompareRunner(CompareSetup(c.base, c.proposal, None, c.today, "en", "utf-8", None))


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
@PROPERTY
@given(data=st.data())
def test_compare_columnar_changes_are_the_references_under_every_rule_file(
    path: Path, data: st.DataObject
) -> None:
    """Every change of a drawn roll (ordinary households, households at a line the rules
    draw, nearly valid ones) is the reference comparison's, field by field."""
    roll = data.draw(rolls(path))
    data = b"".join(_line(h) for h in roll)
    with _CountReference() as calls:
        columnar = _runner(path).run(Chunk(data, 1))  # one block, as compare_roll sends it
    with tempfile.TemporaryDirectory() as directory:
        file = Path(directory) / "roll.jsonl"
        file.write_bytes(data)
        reference = list(compare_jobs.compare_roll(str(file), None, _comparer(path), 1))
    _assert_same(columnar, reference)
    decided = len(columnar) - sum(calls)
    event(f"decided by the columnar engine: {'some' if decided else 'none'}")
    if decided and any(c.after_parts and c.after_parts.classified for c in columnar):
        event("a roll with 分类施保 top-ups, some of it decided by the columnar engine")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic roll of 600 households, with an error record, a blank line, a
    household with a township and village (the reference path) and one of another
    region (an error row on the proposal's side)."""
    lines = list(synth.jsonl_lines(600, 14))
    lines[100] = lines[100].replace('"area":"rural"', '"area":"rural","areaa":1')
    lines[200] = "\n"
    lines[300] = lines[300].replace(
        '"area":"rural"', '"area":"rural","township":"梅田镇","village":"新村"'
    )
    lines[400] = lines[400].replace('"region":"431022"', '"region":"431021"')
    path = tmp_path_factory.mktemp("roll") / "roll.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _mid_year() -> Comparer:
    """Yizhang's rural standard at 420 a month from 2021-10-01 (each route its own)."""
    chooser = RuleChooser()
    proposal = chooser.changed(None, MID_YEAR, dt.date(2021, 10, 1))
    return Comparer(chooser, proposal, None, dt.date(2022, 1, 1))


def test_compare_columnar_changes_on_the_synthetic_roll(synthetic: Path) -> None:
    """The synthetic roll under a mid-year change (its households assessed on their own
    dates, some before the change, the cost for the rest of the budget year), field by
    field; and the columnar engine decides nearly every household itself."""
    with _CountReference() as calls:
        columnar = list(compare_run.compare_roll(str(synthetic), None, _mid_year()))
    reference = list(compare_jobs.compare_roll(str(synthetic), None, _mid_year(), 1))
    _assert_same(columnar, reference)
    assert len(columnar) == 599
    assert {c.months for c in columnar if not c.error} > {12}
    assert sum(calls) <= 0.05 * len(columnar)  # the rest decided by the columnar engine


class _CountReference:
    """Count the records the columnar route leaves to the reference comparison."""

    def __enter__(self) -> list[int]:
        self.calls: list[int] = []
        self.original = compare_run.compare_households

        def counting(records: Any, *args: Any) -> Iterator[Change]:
            records = list(records)
            self.calls.append(len(records))
            return self.original(records, *args)

        compare_run.compare_households = counting  # type: ignore[assignment]
        return self.calls

    def __exit__(self, *exc: object) -> None:
        compare_run.compare_households = self.original  # type: ignore[assignment]


@pytest.mark.parametrize("proposal", PROPOSALS, ids=[p.stem for p in PROPOSALS])
def test_compare_columnar_changes_on_the_example_caseload(proposal: Path) -> None:
    """The example caseload under every example proposal, field by field."""
    columnar, reference = _both(
        CASELOAD,
        _choosers(None, proposal, ()),
        on=dt.date(2027, 1, 15),
        reference=_choosers(None, proposal, ()),
    )
    _assert_same(columnar, reference)


def _cli(args: list[str], tmp: Path, name: str, *, engine: str | None) -> tuple[bytes, bytes]:
    """The JSON report and the --changes file of one run, in process."""
    changes = tmp / name
    env = {"LANG": None, "LC_ALL": None, compare_run.ENGINE_VARIABLE: engine}
    result = CliRunner().invoke(cli, [*args, "--changes", str(changes), "-q"], env=env)
    assert result.exit_code in (0, 3), result.output
    return result.stdout_bytes, changes.read_bytes()


def _subprocess(
    args: list[str], tmp: Path, name: str, env: dict[str, str]
) -> tuple[bytes, bytes, bytes]:
    """The JSON report, the --changes file and standard error of one run, in its own
    process."""
    changes = tmp / name
    done = subprocess.run(
        [sys.executable, "-m", "meanstest", *args, "--changes", str(changes), "-q"],
        capture_output=True,
        check=False,
        env={**os.environ, **env},
    )
    assert done.returncode in (0, 3), done.stderr
    return done.stdout, changes.read_bytes(), done.stderr


def _runs(synthetic: Path) -> list[list[str]]:
    proposal = str(ROOT / "examples" / "proposals" / "standard-rise-2027.yaml")
    return [
        ["compare", str(CASELOAD), "--proposal", proposal, "--on", "2027-01-15"],
        ["compare", str(synthetic), "--proposal", proposal, "--on", "2027-01-15"],
        [
            "compare",
            str(synthetic),
            "--set",
            "dibao.standard.rural=420/month",
            "--from",
            "2021-10-01",
            "--lang",
            "zh",
        ],
    ]


@pytest.mark.parametrize(
    ("run", "suffix"),
    [(0, ".csv"), (1, ".jsonl"), (2, ".csv")],
    ids=["caseload-csv", "synthetic-jsonl", "mid-year-zh-csv"],
)
def test_compare_columnar_report_and_changes_are_the_references_bytes(
    synthetic: Path, tmp_path: Path, suffix: str, run: int
) -> None:
    """The JSON report and the --changes file, byte for byte, on both routes."""
    args = [*_runs(synthetic)[run], "--format", "json"]
    columnar = _cli(args, tmp_path, f"columnar{suffix}", engine=None)
    reference = _cli(args, tmp_path, f"reference{suffix}", engine="reference")
    assert columnar == reference
    assert json.loads(columnar[0])["records"] > 0


@pytest.mark.parametrize(
    ("roll", "extra"),
    [
        ("caseroll-zh.csv", ()),
        ("caseroll-gbk.csv", ("--encoding", "gbk")),
        ("caseroll.xlsx", ("--lang", "zh")),
        ("caseroll-en.csv", ()),
    ],
)
def test_compare_columnar_rolls_in_every_layout(
    tmp_path: Path, roll: str, extra: tuple[str, ...]
) -> None:
    """A roll in CSV (Chinese or English headers, GBK) or XLSX: the households are read
    into JSON lines for the columnar engine, the records kept for the reference engine
    (whose error messages name the roll's rows); the bytes are the reference route's."""
    args = [
        "compare",
        str(ROOT / "examples" / "batch" / roll),
        "--set",
        "dibao.standard.rural=520/month",
        "--set",
        "dibao.standard.urban=700/month",
        "--format",
        "json",
        *extra,
    ]
    columnar = _cli(args, tmp_path, "columnar.csv", engine=None)
    assert columnar == _cli(args, tmp_path, "reference.csv", engine="reference")
    assert json.loads(columnar[0])["records"] >= 9


def test_compare_columnar_jobs_give_the_references_bytes_under_spawn(
    synthetic: Path, tmp_path: Path
) -> None:
    """--jobs 2 on the columnar route, workers started by spawn, writes the bytes of
    --jobs 1 on the reference route, and says the same on standard error (the notices,
    and the proposed values below the province's minimum, found by the workers)."""
    args = [*_runs(synthetic)[2], "--format", "json"]
    spawn = {"MEANSTEST_START_METHOD": "spawn"}
    two = _subprocess([*args, "--jobs", "2"], tmp_path, "two.csv", spawn)
    one = _subprocess(args, tmp_path, "one.csv", {compare_run.ENGINE_VARIABLE: "reference"})
    assert two == one
    assert b"5040" in one[2]  # 420 a month (5040 a year) is below Hunan's 485
