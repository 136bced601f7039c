"""Tests of `meanstest compare`: hand-made Yizhang case rolls under a proposal and --set.

Every household is rural Yizhang (431022), assessed on 2027-01-15. On that date the
shipped rules carry the 2021 standard forward provisionally: 4560 yuan/year = 380 a
month, edge line 1.5 × 380 = 570 a month. The test proposal
(tests/fixtures/proposals/standard-rise-420.yaml) sets 420 a month from 2027-01-01,
edge line 1.5 × 420 = 630 (below Hunan's 2025 minimum of 485 a month: it loads, and
warns, since the value is provisional). No household below has assets, disabilities or
illnesses, so only the income test decides: dibao when counted < standard × size, edge
when counted < 1.5 × standard × size, and the benefit is standard × size − counted.

The main roll (ROLL, lines 1–5), worked by hand:

  line  id  size  counted/month  before (380)                 after (420)
  1     H1  1     200            dibao, 380−200 = 180.00      dibao, 420−200 = 220.00   +40  gains
  2     H2  2     790            790 ≥ 760, < 1140: edge 0    790 < 840: dibao 50.00    +50  enters
  3     H3  1     600            600 ≥ 570: not eligible 0    600 < 630: edge 0.00        0  same
  4     H4  3     0              dibao 1140−0 = 1140.00       dibao 1260−0 = 1260.00    +120 gains
  5     H5  4     2000           2000 ≥ 1520, < 2280: edge    2000 ≥ 1680, < 2520: edge   0  same
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import meanstest.batch.api as batch_api
from meanstest.batch import compare_run
from meanstest.cli import cli
from meanstest.compare import BUCKET_LABELS, Change, Summary, compare_households
from meanstest.errors import MeansTestError
from meanstest.money import fmt
from meanstest.render.compare import CHANGE_FIELDS
from meanstest.ruleset.choose import RuleChooser

ROOT = Path(__file__).resolve().parent.parent
PROPOSALS = ROOT / "examples" / "proposals"
STANDARD_RISE = ROOT / "tests" / "fixtures" / "proposals" / "standard-rise-420.yaml"
EXAMPLE_ROLL = ROOT / "examples" / "caseload" / "yizhang-caseload.jsonl"
ON = dt.date(2027, 1, 15)
TODAY = dt.date(2027, 1, 20)

_CLEAN_ENV: dict[str, str | None] = {
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "LANGUAGE": None,
    "FORCE_COLOR": None,
}


# ------------------------------------------------------------------ hand-made households


def _adult(
    member_id: str, relation: str, employment: str = "farming", birth: str = "1980-05-01"
) -> dict[str, Any]:
    return {"id": member_id, "relation": relation, "birth_date": birth, "employment": employment}


def _household(hid: str, size: int, monthly_income: int, **extra: Any) -> dict[str, Any]:
    """A rural Yizhang household of ``size`` working-age adults with farming income."""
    relations = ["applicant", "spouse", "sibling", "sibling", "sibling", "sibling"]
    members = [_adult(f"p{i + 1}", relations[i], birth=f"{1975 + i}-05-01") for i in range(size)]
    incomes = (
        [{"type": "farming", "amount": str(monthly_income), "per": "month"}]
        if monthly_income
        else []
    )
    return {
        "id": hid,
        "region": "431022",
        "area": "rural",
        "assessed_on": ON.isoformat(),
        "members": members,
        "incomes": incomes,
        **extra,
    }


H1 = _household("H1", 1, 200)
H2 = _household("H2", 2, 790)
H3 = _household("H3", 1, 600)
H4 = _household("H4", 3, 0)
H5 = _household("H5", 4, 2000)
ROLL = [H1, H2, H3, H4, H5]


def _write_roll(path: Path, records: list[dict[str, Any] | str]) -> Path:
    """Write a JSON Lines case roll; a str record is written as the raw line."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def roll(tmp_path: Path) -> Path:
    """The five-household main roll."""
    return _write_roll(tmp_path / "roll.jsonl", ROLL)


def run(*args: object) -> Result:
    """Invoke the command line; exceptions are kept in ``result.exception``."""
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="meanstest", env=_CLEAN_ENV)


def _json(result: Result, status: int = 0) -> dict[str, Any]:
    assert result.exit_code == status, (result.stderr, result.exception)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _changes(roll_path: Path, proposal: Path | str = STANDARD_RISE) -> list[Change]:
    base, prop = RuleChooser(None), RuleChooser(str(proposal))
    records = batch_api.read_households(str(roll_path))
    return list(compare_households(records, base, prop, None, TODAY))


def _summary(changes: list[Change], top: int = 10) -> Summary:
    s = Summary(top=top)
    for c in changes:
        s.add(c)
    return s


def _bucket_counts(**named: int) -> list[int]:
    counts = [0] * len(BUCKET_LABELS)
    for name, n in named.items():
        counts[BUCKET_LABELS.index(name)] = n
    return counts


# ------------------------------------------------------------------ the library


def test_compare_households_standard_rise_each_household(roll: Path) -> None:
    """Each household's before/after status, benefit and movement under 380 → 420 a month."""
    changes = _changes(roll)
    got = [
        (
            c.line,
            c.household_id,
            c.before_status,
            c.after_status,
            fmt(c.before_benefit),
            fmt(c.after_benefit),
            fmt(c.delta),
            c.movement,
            c.error,
        )
        for c in changes
    ]
    assert got == [
        # 1 person, 200 counted: 380 − 200 = 180.00 → 420 − 200 = 220.00, +40.00
        (1, "H1", "dibao", "dibao", "180.00", "220.00", "40.00", "gains", None),
        # 2 persons, 790: 790 ≥ 2 × 380 = 760 but < 1140 → edge; 790 < 840 → 840 − 790 = 50
        (2, "H2", "edge", "dibao", "0.00", "50.00", "50.00", "enters", None),
        # 1 person, 600: ≥ 570 → not eligible; < 630 → edge, still nothing paid
        (3, "H3", "not_eligible", "edge", "0.00", "0.00", "0.00", "same", None),
        # 3 persons, no income: 3 × 380 = 1140 → 3 × 420 = 1260, +120.00
        (4, "H4", "dibao", "dibao", "1140.00", "1260.00", "120.00", "gains", None),
        # 4 persons, 2000: ≥ 1520 and ≥ 1680, < 2280 and < 2520 → edge both times
        (5, "H5", "edge", "edge", "0.00", "0.00", "0.00", "same", None),
    ]


def test_summary_standard_rise_counts_costs_and_buckets(roll: Path) -> None:
    """The summary of the main roll: caseload, transitions, movements, cost, largest, histogram."""
    s = _summary(_changes(roll))
    assert s.records == 5
    assert s.errors == 0
    # before: dibao H1 H4, edge H2 H5, not eligible H3; after: dibao H1 H2 H4, edge H3 H5
    assert dict(+s.before) == {"dibao": 2, "edge": 2, "not_eligible": 1}
    assert dict(+s.after) == {"dibao": 3, "edge": 2}
    assert dict(+s.transitions) == {
        ("dibao", "dibao"): 2,
        ("edge", "dibao"): 1,
        ("not_eligible", "edge"): 1,
        ("edge", "edge"): 1,
    }
    assert dict(+s.movements) == {"gains": 2, "enters": 1, "same": 2}
    # before 180 + 0 + 0 + 1140 + 0 = 1320; after 220 + 50 + 0 + 1260 + 0 = 1530
    assert fmt(s.total_before) == "1320.00"
    assert fmt(s.total_after) == "1530.00"
    assert fmt(s.difference) == "210.00"  # 1530 − 1320
    assert fmt(s.gained) == "210.00"  # 40 + 50 + 120
    assert s.lost == 0
    # largest first: H4 +120 (line 4), H2 +50 (line 2), H1 +40 (line 1); no zero changes
    assert [(c.line, c.household_id) for c in s.largest] == [(4, "H4"), (2, "H2"), (1, "H1")]
    # +40 < 50 → "0 … 50"; +50 is not below 50 → "50 … 100"; +120 → "100 … 200"; two zeros
    assert s.buckets == _bucket_counts(**{"0": 2, "0 … 50": 1, "50 … 100": 1, "100 … 200": 1})


def test_summary_largest_top_keeps_the_biggest(roll: Path) -> None:
    """With top=2 only H4 (+120) and H2 (+50) are listed, largest first."""
    s = _summary(_changes(roll), top=2)
    assert [c.household_id for c in s.largest] == ["H4", "H2"]


def test_summary_largest_ties_in_input_order(tmp_path: Path) -> None:
    """Three households with the same +40.00 change: top=2 lists lines 1 and 2, in that order."""
    # each: 1 person, 200 counted → 180.00 → 220.00, +40.00
    path = _write_roll(tmp_path / "ties.jsonl", [_household(f"T{i}", 1, 200) for i in (1, 2, 3)])
    s = _summary(_changes(path), top=2)
    assert [(c.line, c.household_id) for c in s.largest] == [(1, "T1"), (2, "T2")]


def test_change_movement_each_kind() -> None:
    """movement: enters, leaves, phase_out, gains, loses, same and error from hand-made changes."""

    def change(a: str, b: str, x: str, y: str, error: str | None = None) -> Change:
        return Change(1, "h", a, b, Decimal(x), Decimal(y), error)

    assert change("edge", "dibao", "0", "50").movement == "enters"
    assert change("not_eligible", "dibao_single", "0", "30").movement == "enters"
    assert change("dibao", "edge", "30", "0").movement == "leaves"
    assert change("dibao", "phase_out", "30", "30").movement == "phase_out"
    assert change("phase_out", "phase_out", "30", "30").movement == "same"
    assert change("dibao", "dibao", "180", "220").movement == "gains"
    assert change("dibao", "dibao", "180", "100").movement == "loses"
    assert change("edge", "edge", "0", "0").movement == "same"
    assert change("error", "error", "0", "0", "bad line").movement == "error"


# ------------------------------------------------------------------ --set: lowering the standard


def test_compare_set_lower_standard_leaves_loses_phase_out(tmp_path: Path) -> None:
    """--set dibao.standard.rural=300/month: one leaves, two lose, one goes into phase-out."""
    # Standard 380 → 300 a month, edge line 570 → 450.
    # L1: 1 person, 200: 180.00 → 300 − 200 = 100.00, −80 (loses)
    # L2: 1 person, 350 farming: 380 − 350 = 30.00 → 350 ≥ 300, < 450: edge 0.00, −30 (leaves)
    # L3: 1 employed person, 350 wages, now paid 30 as dibao: 30.00 → above 300 through work,
    #     so phase-out keeps the current 30.00 (delta 0)
    # L4: 2 persons, 0: 760.00 → 600.00, −160 (loses)
    l3 = {
        "id": "L3",
        "region": "431022",
        "area": "rural",
        "assessed_on": ON.isoformat(),
        "members": [_adult("p1", "applicant", "employed")],
        "incomes": [{"member": "p1", "type": "wage", "amount": "350", "per": "month"}],
        "current": {"status": "dibao", "monthly_benefit": "30", "since": "2026-06-01"},
    }
    path = _write_roll(
        tmp_path / "roll.jsonl",
        [_household("L1", 1, 200), _household("L2", 1, 350), l3, _household("L4", 2, 0)],
    )
    data = _json(
        run("compare", path, "--set", "dibao.standard.rural=300/month", "--format", "json")
    )
    assert data["caseload"] == {
        "dibao": {"before": 4, "after": 2},
        "phase_out": {"before": 0, "after": 1},
        "edge": {"before": 0, "after": 1},
    }
    assert data["transitions"] == [
        {"from": "dibao", "to": "dibao", "households": 2},
        {"from": "dibao", "to": "edge", "households": 1},
        {"from": "dibao", "to": "phase_out", "households": 1},
    ]
    assert data["movements"] == {
        "enters": 0,
        "leaves": 1,
        "phase_out": 1,
        "gains": 0,
        "loses": 2,
        "same": 0,
        "error": 0,
    }
    # before 180 + 30 + 30 + 760 = 1000; after 100 + 0 + 30 + 600 = 730; × 12
    assert data["cost"] == {
        "monthly_before": "1000.00",
        "monthly_after": "730.00",
        "monthly_difference": "-270.00",
        "annual_before": "12000.00",
        "annual_after": "8760.00",
        "annual_difference": "-3240.00",
        "gained_monthly": "0.00",
        "lost_monthly": "270.00",
    }
    # −160 → "−200 … −100"; −80 → "−100 … −50"; −30 → "−50 … 0"; phase-out 0 → "0"
    assert list(data["distribution"].values()) == _bucket_counts(
        **{"−200 … −100": 1, "−100 … −50": 1, "−50 … 0": 1, "0": 1}
    )
    assert [(r["household_id"], r["change"]) for r in data["largest"]] == [
        ("L4", "-160.00"),
        ("L1", "-80.00"),
        ("L2", "-30.00"),
    ]


def test_compare_set_unknown_key_exits_1_before_reading(
    roll: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unknown --set key exits 1 naming it; the case roll is never read, no file written."""

    def never(path: str) -> Iterator[Any]:
        raise AssertionError(f"the case roll {path} was read")

    monkeypatch.setattr(batch_api, "read_households", never)
    out = tmp_path / "out.csv"
    result = run("compare", roll, "--set", "dibao.standard.rurall=420/month", "--changes", out)
    assert result.exit_code == 1, (result.output, result.exception)
    assert "dibao.standard.rurall" in result.stderr
    assert result.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize(
    "setting",
    ["dibao.standard.rural=abc", "dibao.standard.rural=-5", "dibao.standard.rural=380.123/month"],
)
def test_compare_set_bad_value_exits_1_naming_key(
    roll: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    """A --set value of the wrong type exits 1 naming the key, before the roll is read."""

    def never(path: str) -> Iterator[Any]:
        raise AssertionError(f"the case roll {path} was read")

    monkeypatch.setattr(batch_api, "read_households", never)
    result = run("compare", roll, "--set", setting)
    assert result.exit_code == 1, (result.output, result.exception)
    assert "dibao.standard.rural" in result.stderr
    assert result.stdout == ""


def test_compare_set_without_equals_exits_1(roll: Path) -> None:
    """A --set without KEY=VALUE is refused with exit 1 and says what was expected."""
    result = run("compare", roll, "--set", "dibao.standard.rural")
    assert result.exit_code == 1, (result.output, result.exception)
    assert "KEY=VALUE" in result.stderr


def test_compare_set_breaking_a_check_warns(roll: Path) -> None:
    """--set dibao.edge_multiplier=1 fails the national check edge-above-standard: a --set
    value is provisional, so the run goes on (exit 0) and stderr says what it fails."""
    result = run("compare", roll, "--set", "dibao.edge_multiplier=1", "--format", "json")
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stderr == (
        "warning: dibao.edge_multiplier 1 is not above the national limit 1, which it must "
        "exceed (check: dibao.edge_multiplier > 1; source: the rule files' own check). The "
        "value is provisional: confirm it.\n"
    )


def test_compare_proposal_below_the_minimum_warns_once(roll: Path) -> None:
    """The 420-a-month test proposal is below Hunan's 485 a month (5820 a year) from
    2027-01-01: one warning on stderr; Yizhang's own 4560, below it already, is not
    repeated (the current rules have it too)."""
    result = run("compare", roll, "--proposal", STANDARD_RISE, "--format", "json")
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stderr.splitlines() == [
        "warning: dibao.standard.rural 420 yuan/month (= 5040 yuan/year) is below the "
        "provincial minimum 485 yuan/month (= 5820 yuan/year) in force since 2025-01-01 "
        "(check: dibao.standard.rural >= dibao.floor.rural; source: 中国新闻网报道"
        "（2025-11-18）). The value is provisional: confirm it. [2027-01-01 – …)"
    ]


def test_compare_example_proposal_meets_the_minimum(roll: Path) -> None:
    """The shipped example proposal (500 a month = 6000 a year ≥ 5820) warns of nothing."""
    result = run(
        "compare", roll, "--proposal", PROPOSALS / "standard-rise-2027.yaml", "--format", "json"
    )
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stderr == ""


def test_compare_set_breaking_a_regional_check_exits_1(
    roll: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--set dibao.floor.rural=400/month (4800 a year) is above Yizhang's 4560: exit 1."""

    # Under 431022 the rural standard is 4560 a year; a floor of 400 × 12 = 4800 breaks
    # rural-not-below-floor, so the run is refused before any household is read.
    def never(path: str) -> Iterator[Any]:
        raise AssertionError(f"the case roll {path} was read")

    monkeypatch.setattr(batch_api, "read_households", never)
    result = run("compare", roll, "--set", "dibao.floor.rural=400/month", "--format", "json")
    assert result.exit_code == 1, (result.output, result.exception)
    assert "rural-not-below-floor" in result.stderr
    assert result.stdout == ""


def test_compare_proposal_and_set_together(roll: Path) -> None:
    """--proposal (420 a month) with --set dibao.edge_multiplier=1.2: both apply to 'after'."""
    # After: standard 420, edge line 1.2 × 420 = 504 a month per person.
    # H1 dibao 220.00 (420 − 200); H2 dibao 50.00 (840 − 790);
    # H3 600 ≥ 504 → not eligible (with the proposal alone it would be edge);
    # H4 dibao 1260.00; H5 2000 ≥ 1680, < 4 × 504 = 2016 → edge.
    result = run(
        "compare",
        roll,
        "--proposal",
        STANDARD_RISE,
        "--set",
        "dibao.edge_multiplier=1.2",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, (result.stderr, result.exception)
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    assert [(r[1], r[3], r[5]) for r in rows] == [
        ("H1", "dibao", "220.00"),
        ("H2", "dibao", "50.00"),
        ("H3", "not_eligible", "0.00"),
        ("H4", "dibao", "1260.00"),
        ("H5", "edge", "0.00"),
    ]


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_compare_set_from_date_after_assessment_is_an_error_naming_the_dates(
    roll: Path, fmt: str
) -> None:
    """--set ...=420/month --from 2027-02-01, assessed 2027-01-15: no value differs on
    the date, so every household would show +0 (which reads as "costs nothing"). That
    is an error (exit 1) naming both dates and the --on that would cost it, and nothing
    is printed on stdout, not even the CSV header (issue 15, point 10)."""
    result = run(
        "compare",
        roll,
        "--set",
        "dibao.standard.rural=420/month",
        "--from",
        "2027-02-01",
        "--format",
        fmt,
    )
    assert result.exit_code == 1, (result.stderr, result.exception)
    assert result.stdout == ""
    assert "assessment date (2027-01-15)" in result.stderr
    assert "takes effect on 2027-02-01" in result.stderr
    assert "--on 2027-02-01" in result.stderr


def test_compare_set_from_date_in_force_on_the_date(roll: Path) -> None:
    """The same --set --from 2027-02-01 assessed --on 2027-02-01 gives the 420 results."""
    # Same arithmetic as the proposal: +40 (H1), +50 (H2), +120 (H4) = +210
    data = _json(
        run(
            "compare",
            roll,
            "--set",
            "dibao.standard.rural=420/month",
            "--from",
            "2027-02-01",
            "--on",
            "2027-02-01",
            "--format",
            "json",
        )
    )
    assert data["movements"]["gains"] == 2
    assert data["movements"]["enters"] == 1
    assert data["cost"]["monthly_difference"] == "210.00"


def test_compare_set_matches_the_proposal_file(roll: Path) -> None:
    """--set dibao.standard.rural=420/month --from 2027-01-01 gives the proposal's changes."""
    by_set = _json(
        run(
            "compare",
            roll,
            "--set",
            "dibao.standard.rural=420/month",
            "--from",
            "2027-01-01",
            "--format",
            "json",
        )
    )
    by_file = _json(run("compare", roll, "--proposal", STANDARD_RISE, "--format", "json"))
    for key in (
        "caseload",
        "transitions",
        "movements",
        "cost",
        "distribution",
        "schemes",
        "budget_year",
        "groups",
    ):
        assert by_set[key] == by_file[key], key
    # The same changes, the rules each side names apart (the proposal's id, --set's).
    naming = ("after_rules", "after_digest")
    assert [{k: v for k, v in row.items() if k not in naming} for row in by_set["largest"]] == [
        {k: v for k, v in row.items() if k not in naming} for row in by_file["largest"]
    ]


# ------------------------------------------------------------------ errors in the roll


def test_compare_malformed_lines_are_error_changes(tmp_path: Path) -> None:
    """Bad JSON and an invalid household each give an error change; blank lines are skipped."""
    no_area = {k: v for k, v in H1.items() if k != "area"} | {"id": "NOAREA"}
    path = _write_roll(tmp_path / "roll.jsonl", [H1, "", "{not json", "   ", no_area, H2])
    # non-blank lines: 1 (H1), 3 (bad JSON), 5 (no area), 6 (H2) → 4 changes
    out = tmp_path / "changes.jsonl"
    # Error rows: exit 3, as batch (issue 15, point 10); the report is still written.
    data = _json(
        run("compare", path, "--proposal", STANDARD_RISE, "--format", "json", "--changes", out),
        status=3,
    )
    assert data["records"] == 4
    assert data["errors"] == 2
    assert data["movements"]["error"] == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r["movement"]) for r in rows] == [
        (1, "gains"),
        (3, "error"),
        (5, "error"),
        (6, "enters"),
    ]
    for row in rows[1:3]:
        assert row["before_status"] == "error"
        assert row["after_status"] == "error"
        assert row["before_benefit"] == row["after_benefit"] == "0.00"
        assert row["error"]
    # errors are not counted in the caseload: H1 dibao → dibao, H2 edge → dibao
    assert data["caseload"] == {
        "dibao": {"before": 1, "after": 2},
        "edge": {"before": 1, "after": 0},
    }


def test_compare_households_count_equals_non_blank_lines(tmp_path: Path) -> None:
    """compare_households yields one change per non-blank line, errors included."""
    path = _write_roll(tmp_path / "roll.jsonl", ["", H1, "[1, 2]", "", H3, "null", ""])
    # non-blank: H1 (line 2), [1, 2] (line 3), H3 (line 5), null (line 6)
    changes = _changes(path)
    assert [(c.line, c.error is not None) for c in changes] == [
        (2, False),
        (3, True),
        (5, False),
        (6, True),
    ]


# ------------------------------------------------------------------ output formats


# The issue-15 fields of a change row that are not a household's own: the proposal is in
# force from 2027-01-01, so a change is paid the whole budget year (12 months).
_ISSUE15: dict[str, Any] = {
    "assessed_on": "2027-01-15",
    "months": 12,
    "before_rules": "431022",
    "after_rules": "yizhang-standard-rise-2027",
}


def _without_digests(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows without the digests and groups (tested in tests/test_compare_report.py)."""
    return [
        {
            k: v
            for k, v in row.items()
            if k not in ("before_digest", "after_digest", "groups", "change_budget_year")
        }
        for row in rows
    ]


def test_compare_json_shape_and_values(roll: Path) -> None:
    """--format json: schema meanstest.comparison/1 with every field, worked for the main roll."""
    data = _json(run("compare", roll, "--proposal", STANDARD_RISE, "--format", "json"))
    assert set(data) == {
        "schema",
        "base",
        "proposal",
        "records",
        "errors",
        "caseload",
        "transitions",
        "movements",
        "cost",
        "distribution",
        "largest",
        # issue 15 (tests/test_compare_report.py)
        "title",
        "stamp",
        "notices",
        "rule_changes",
        "schemes",
        "budget_year",
        "groups",
        "places",
    }
    assert data["schema"] == "meanstest.comparison/1"
    assert data["base"] == "region"
    assert data["proposal"] == str(STANDARD_RISE)
    assert data["records"] == 5
    assert data["errors"] == 0
    assert data["caseload"] == {
        "dibao": {"before": 2, "after": 3},
        "edge": {"before": 2, "after": 2},
        "not_eligible": {"before": 1, "after": 0},
    }
    assert data["transitions"] == [
        {"from": "dibao", "to": "dibao", "households": 2},
        {"from": "edge", "to": "dibao", "households": 1},
        {"from": "edge", "to": "edge", "households": 1},
        {"from": "not_eligible", "to": "edge", "households": 1},
    ]
    assert data["movements"] == {
        "enters": 1,
        "leaves": 0,
        "phase_out": 0,
        "gains": 2,
        "loses": 0,
        "same": 2,
        "error": 0,
    }
    # monthly 1320 → 1530 (+210); annual × 12: 15840, 18360, 2520
    assert data["cost"] == {
        "monthly_before": "1320.00",
        "monthly_after": "1530.00",
        "monthly_difference": "210.00",
        "annual_before": "15840.00",
        "annual_after": "18360.00",
        "annual_difference": "2520.00",
        "gained_monthly": "210.00",
        "lost_monthly": "0.00",
    }
    assert list(data["distribution"]) == list(BUCKET_LABELS)
    assert list(data["distribution"].values()) == _bucket_counts(
        **{"0": 2, "0 … 50": 1, "50 … 100": 1, "100 … 200": 1}
    )
    assert sum(data["distribution"].values()) == 5
    assert _without_digests(data["largest"]) == [
        {
            "line": 4,
            "household_id": "H4",
            "before_status": "dibao",
            "after_status": "dibao",
            "before_benefit": "1140.00",
            "after_benefit": "1260.00",
            "before_support": "1140.00",
            "after_support": "1260.00",
            "change": "120.00",
            "movement": "gains",
            "error": None,
            "before_temporary": None,
            "after_temporary": None,
            **_ISSUE15,
        },
        {
            "line": 2,
            "household_id": "H2",
            "before_status": "edge",
            "after_status": "dibao",
            "before_benefit": "0.00",
            "after_benefit": "50.00",
            "before_support": "0.00",
            "after_support": "50.00",
            "change": "50.00",
            "movement": "enters",
            "error": None,
            "before_temporary": None,
            "after_temporary": None,
            **_ISSUE15,
        },
        {
            "line": 1,
            "household_id": "H1",
            "before_status": "dibao",
            "after_status": "dibao",
            "before_benefit": "180.00",
            "after_benefit": "220.00",
            "before_support": "180.00",
            "after_support": "220.00",
            "change": "40.00",
            "movement": "gains",
            "error": None,
            "before_temporary": None,
            "after_temporary": None,
            **_ISSUE15,
        },
    ]


def test_compare_json_top_limits_largest(roll: Path) -> None:
    """--top 1 lists only H4 (+120.00)."""
    data = _json(
        run("compare", roll, "--proposal", STANDARD_RISE, "--format", "json", "--top", "1")
    )
    assert [r["household_id"] for r in data["largest"]] == ["H4"]


def test_compare_csv_header_and_rows_in_input_order(roll: Path) -> None:
    """--format csv: the header, then one row per household in input order."""
    result = run("compare", roll, "--proposal", STANDARD_RISE, "--format", "csv")
    assert result.exit_code == 0, (result.stderr, result.exception)
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(CHANGE_FIELDS)
    assert lines[0] == (
        "line,household_id,before_status,after_status,before_benefit,"
        "after_benefit,before_support,after_support,change,movement,error,"
        "before_temporary,after_temporary,assessed_on,months,"
        "change_budget_year,before_rules,before_digest,after_rules,"
        "after_digest,groups"
    )
    # No 特困 member: the support is the benefit. The budget year: the change × 12.
    tail = ",2027-01-15,12,{year},431022,{d1},yizhang-standard-rise-2027,{d2},size:{n}"
    rows = [re.sub(r"sha256:[0-9a-f]{32}", "D", line) for line in lines[1:]]
    assert rows == [
        "1,H1,dibao,dibao,180.00,220.00,180.00,220.00,40.00,gains,,,"
        + tail.format(year="480.00", d1="D", d2="D", n=1),
        "2,H2,edge,dibao,0.00,50.00,0.00,50.00,50.00,enters,,,"
        + tail.format(year="600.00", d1="D", d2="D", n=2),
        "3,H3,not_eligible,edge,0.00,0.00,0.00,0.00,0.00,same,,,"
        + tail.format(year="0.00", d1="D", d2="D", n=1),
        "4,H4,dibao,dibao,1140.00,1260.00,1140.00,1260.00,120.00,gains,,,"
        + tail.format(year="1440.00", d1="D", d2="D", n=3),
        "5,H5,edge,edge,0.00,0.00,0.00,0.00,0.00,same,,,"
        + tail.format(year="0.00", d1="D", d2="D", n=4),
    ]


def test_compare_table_shows_the_sections(roll: Path) -> None:
    """The default table output names each section and the cost difference 210.00 / 2520.00."""
    result = run("compare", roll, "--proposal", STANDARD_RISE, "--lang", "en")
    assert result.exit_code == 0, (result.stderr, result.exception)
    out = result.stdout
    for title in (
        "Caseload by status",
        "Transitions",
        "Cost (yuan)",
        "What changes",
        "Largest changes",
        "Distribution of changes",
    ):
        assert title in out, title
    assert re.search(r"^Difference\s+210\.00\s+2520\.00\s*$", out, re.MULTILINE), out


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_compare_changes_file_one_row_per_household(
    roll: Path, tmp_path: Path, suffix: str
) -> None:
    """--changes out.csv / out.jsonl: one row per household, in input order."""
    out = tmp_path / f"out{suffix}"
    result = run("compare", roll, "--proposal", STANDARD_RISE, "--format", "json", "--changes", out)
    assert result.exit_code == 0, (result.stderr, result.exception)
    text = out.read_text(encoding="utf-8")
    if suffix == ".csv":
        lines = text.splitlines()
        assert lines[0] == ",".join(CHANGE_FIELDS)
        rows = [dict(zip(CHANGE_FIELDS, line.split(","), strict=True)) for line in lines[1:]]
    else:
        rows = [json.loads(line) for line in text.splitlines()]
    assert [(str(r["line"]), r["household_id"], r["change"], r["movement"]) for r in rows] == [
        ("1", "H1", "40.00", "gains"),
        ("2", "H2", "50.00", "enters"),
        ("3", "H3", "0.00", "same"),
        ("4", "H4", "120.00", "gains"),
        ("5", "H5", "0.00", "same"),
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_compare_changes_file_atomic_on_failure(
    roll: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """A failure after 2 records leaves neither the --changes file nor a temporary file."""
    real = compare_run.compare_roll  # the route `meanstest compare` takes

    def failing(*args: Any, **kwargs: Any) -> Iterator[Change]:
        for i, change in enumerate(real(*args, **kwargs)):
            if i == 2:
                raise MeansTestError("simulated failure after 2 records")
            yield change

    monkeypatch.setattr(compare_run, "compare_roll", failing)
    out = tmp_path / f"out{suffix}"
    report = tmp_path / "report.html"
    result = run(
        "compare",
        roll,
        "--proposal",
        STANDARD_RISE,
        "--format",
        "json",
        "--changes",
        out,
        "--html",
        report,
    )
    assert result.exit_code == 1, (result.output, result.exception)
    assert "simulated failure" in result.stderr
    assert not out.exists()
    assert not report.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roll.jsonl"]


def test_compare_changes_file_atomic_replaces_only_when_done(
    roll: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An existing --changes file is left as it was when the run fails."""
    real = compare_run.compare_roll  # the route `meanstest compare` takes

    def failing(*args: Any, **kwargs: Any) -> Iterator[Change]:
        for i, change in enumerate(real(*args, **kwargs)):
            if i == 2:
                raise RuntimeError("crash after 2 records")
            yield change

    monkeypatch.setattr(compare_run, "compare_roll", failing)
    out = tmp_path / "out.csv"
    out.write_text("old contents\n", encoding="utf-8")
    result = run("compare", roll, "--proposal", STANDARD_RISE, "--changes", out)
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "old contents\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


def test_compare_html_report_self_contained_and_escaped(tmp_path: Path) -> None:
    """--html: one file with inline SVG, no script, nothing fetched, the id <b>x</b> escaped."""
    # <b>x</b>: 1 person, 200 counted → +40.00, so it is among the largest changes.
    path = _write_roll(tmp_path / "roll.jsonl", [_household("<b>x</b>", 1, 200), H2, H3])
    report = tmp_path / "report.html"
    result = run("compare", path, "--proposal", STANDARD_RISE, "--format", "json", "--html", report)
    assert result.exit_code == 0, (result.stderr, result.exception)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "roll.jsonl"]
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_compare_missing_case_roll_exits_1_with_message(tmp_path: Path) -> None:
    """A case roll that does not exist: exit 1 with a message naming it, not a traceback."""
    missing = tmp_path / "nowhere.jsonl"
    result = run("compare", missing, "--proposal", STANDARD_RISE, "--format", "json")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "nowhere.jsonl" in result.stderr


def test_compare_changes_into_missing_folder_exits_1_with_message(
    roll: Path, tmp_path: Path
) -> None:
    """--changes into a folder that does not exist: exit 1 naming the file, not a traceback."""
    out = tmp_path / "no-such-folder" / "out.csv"
    result = run("compare", roll, "--proposal", STANDARD_RISE, "--changes", out)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "out.csv" in result.stderr


def test_compare_csv_error_rows_stay_one_record_each(tmp_path: Path) -> None:
    """Error rows keep one record per household and name the household when its id can
    be read (as batch's error records do)."""
    no_area = {k: v for k, v in H1.items() if k != "area"} | {"id": "NOAREA"}
    bad_members = H1 | {"id": "BAD", "members": [{"id": "p1", "relation": "friend"}]}
    path = _write_roll(tmp_path / "roll.jsonl", [H1, no_area, bad_members, H2])
    result = run("compare", path, "--proposal", STANDARD_RISE, "--format", "csv")
    assert result.exit_code == 3, (result.stderr, result.exception)  # error rows: as batch
    records = list(csv.reader(io.StringIO(result.stdout)))
    assert records[0] == list(CHANGE_FIELDS)
    movement, error = CHANGE_FIELDS.index("movement"), CHANGE_FIELDS.index("error")
    assert [(r[0], r[1], r[movement]) for r in records[1:]] == [
        ("1", "H1", "gains"),
        ("2", "NOAREA", "error"),
        ("3", "BAD", "error"),
        ("4", "H2", "enters"),
    ]
    assert records[2][error] == "area: Field required"


@pytest.mark.parametrize(
    ("delta", "bucket"),
    [
        ("-500.01", "< −500"),
        ("-500.00", "−500 … −200"),
        ("-200.01", "−500 … −200"),
        ("-200.00", "−200 … −100"),
        ("-100.00", "−100 … −50"),
        ("-50.00", "−50 … 0"),
        ("-0.01", "−50 … 0"),
        ("0.00", "0"),
        ("0.01", "0 … 50"),
        ("49.99", "0 … 50"),
        ("50.00", "50 … 100"),
        ("100.00", "100 … 200"),
        ("200.00", "200 … 500"),
        ("499.99", "200 … 500"),
        ("500.00", "≥ 500"),
    ],
)
def test_summary_bucket_edges(delta: str, bucket: str) -> None:
    """A change falls in the bucket whose lower edge it reaches and whose upper edge it is below."""
    s = Summary()
    # before 1000.00 on dibao, after 1000 + delta
    s.add(Change(1, "h", "dibao", "dibao", Decimal(1000), Decimal(1000) + Decimal(delta)))
    assert s.buckets == _bucket_counts(**{bucket: 1})


def test_summary_error_changes_counted_apart() -> None:
    """An error change counts as a record and an error, not in the caseload, cost or buckets."""
    s = Summary()
    s.add(Change(1, None, "error", "error", Decimal(0), Decimal(0), "bad line"))
    s.add(Change(2, "h", "dibao", "dibao", Decimal(180), Decimal(220)))
    assert (s.records, s.errors) == (2, 1)
    assert dict(+s.movements) == {"error": 1, "gains": 1}
    assert dict(+s.before) == {"dibao": 1}
    assert sum(s.buckets) == 1
    assert fmt(s.difference) == "40.00"  # 220 − 180


def test_compare_no_proposal_and_no_set_is_a_usage_error(roll: Path) -> None:
    """Without --proposal or --set the command exits 2 and says what to give."""
    result = run("compare", roll)
    assert result.exit_code == 2
    assert "--proposal" in result.stderr


# ------------------------------------------------------------------ the example roll


@pytest.mark.parametrize("proposal", sorted(PROPOSALS.glob("*.yaml")), ids=lambda p: p.name)
def test_compare_example_roll_under_each_example_proposal(proposal: Path) -> None:
    """The 300-household example roll under each example proposal: exit 0, 300 records."""
    data = _json(
        run(
            "compare",
            EXAMPLE_ROLL,
            "--proposal",
            proposal,
            "--on",
            "2027-01-15",
            "--format",
            "json",
        )
    )
    assert data["records"] == 300
    assert data["errors"] == 0
    assert sum(v["before"] for v in data["caseload"].values()) == 300
    assert sum(v["after"] for v in data["caseload"].values()) == 300
    assert sum(data["movements"].values()) == 300
    assert sum(data["distribution"].values()) == 300
    assert sum(t["households"] for t in data["transitions"]) == 300


def test_compare_example_roll_line_count() -> None:
    """The example roll has 300 non-blank lines, one household each."""
    lines = [line for line in EXAMPLE_ROLL.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == 300


def test_compare_reads_a_gbk_roll_with_encoding_or_says_it_guessed() -> None:
    """The GBK sample roll: --encoding gbk reads it silently; without it, a note says it
    was read as GBK. The nine households are compared either way."""
    gbk = ROOT / "examples" / "batch" / "caseroll-gbk.csv"
    told = run(
        "compare",
        gbk,
        "--set",
        "dibao.standard.rural=4800/year",
        "--format",
        "csv",
        "--encoding",
        "gbk",
    )
    assert told.exit_code == 0, (told.stderr, told.exception)
    assert "note:" not in told.stderr
    assert len(list(csv.reader(io.StringIO(told.stdout)))) == 1 + 9
    guessed = run("compare", gbk, "--set", "dibao.standard.rural=4800/year", "--format", "csv")
    assert "reading it as GBK" in guessed.stderr
    assert guessed.stdout == told.stdout


def test_compare_changes_file_must_be_csv_or_jsonl(roll: Path, tmp_path: Path) -> None:
    """--changes x.xlsx would get CSV text under an Excel name: refused, exit 1."""
    out = tmp_path / "changes.xlsx"
    result = run("compare", roll, "--proposal", STANDARD_RISE, "--changes", out)
    assert result.exit_code == 1
    assert "changes.xlsx: --changes writes .csv or .jsonl" in result.stderr
    assert not out.exists()


def test_compare_proposal_for_other_rules_is_an_error_row_not_applied(roll: Path) -> None:
    """The Yizhang proposal extends 431022; under --base ladder (another rule set) it
    would replace the household's own rules wholesale, so each row says it does not
    apply instead of comparing two different rule sets."""
    ladder = ROOT / "tests" / "fixtures" / "rules" / "ladder" / "ladder.yaml"
    result = run("compare", roll, "--base", ladder, "--proposal", STANDARD_RISE, "--format", "csv")
    assert result.exit_code == 3, (result.stderr, result.exception)  # every row an error
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    assert rows
    movement, error = CHANGE_FIELDS.index("movement"), CHANGE_FIELDS.index("error")
    assert {row[movement] for row in rows} == {"error"}
    assert (
        rows[0][error] == "region: the proposal changes rule set 431022; this "
        "household's rules are ladder"
    )


def test_compare_education_cap_worked_by_hand(tmp_path: Path) -> None:
    """The education-cap proposal on one household, worked by hand (2027-01-15, 431022:
    380 a month a person). Three persons: wage 1300 a month; schooling 3600 a year for
    the child at junior secondary = 300 a month, deducted in full today: counted 1000,
    benefit 1140 − 1000 = 140.00. Capped at 200 a month: counted 1100, benefit 1140 −
    1100 = 40.00; a change of −100.00, so the household loses."""
    household = {
        "id": "EDU",
        "region": "431022",
        "area": "rural",
        "assessed_on": ON.isoformat(),
        "members": [
            _adult("p1", "applicant", "employed"),
            _adult("p2", "spouse"),
            {
                "id": "p3",
                "relation": "child",
                "birth_date": "2014-03-01",
                "education": "junior_secondary",
            },
        ],
        "incomes": [{"member": "p1", "type": "wage", "amount": "1300", "per": "month"}],
        "expenses": [{"member": "p3", "type": "education", "amount": "3600", "per": "year"}],
    }
    path = _write_roll(tmp_path / "edu.jsonl", [household])
    result = run(
        "compare", path, "--proposal", PROPOSALS / "education-deduction-cap.yaml", "--format", "csv"
    )
    assert result.exit_code == 0, (result.stderr, result.exception)
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["before_status"], row["after_status"]) == ("dibao", "dibao")
    assert (row["before_benefit"], row["after_benefit"]) == ("140.00", "40.00")
    assert (row["change"], row["movement"]) == ("-100.00", "loses")


def test_compare_unreadable_record_with_a_lone_surrogate_id_is_a_row(tmp_path: Path) -> None:
    """An id holding an unpaired surrogate escape in a record that cannot be read: the
    error row shows it escaped (X\\ud800), as batch's error records do; no traceback."""
    path = tmp_path / "sur.jsonl"
    path.write_text(
        '{"id": "X\\ud800", "area": "rural", "members": [{"id": "p1", '
        '"relation": "applicant", "age": "x"}]}\n',
        encoding="utf-8",
    )
    result = run("compare", path, "--proposal", STANDARD_RISE, "--format", "csv")
    assert result.exit_code == 3, (result.stderr, result.exception)  # an error row
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["household_id"] == "X\\ud800"
    assert row["movement"] == "error"


def test_compare_sigterm_leaves_no_partial_file(tmp_path: Path) -> None:
    """SIGTERM while --changes is being written: exit 143 and no file, whole or partial."""
    import signal
    import subprocess
    import sys
    import time

    path = _write_roll(
        tmp_path / "big.jsonl",
        [_household(f"H{i}", 1 + i % 4, 100 * (i % 9)) for i in range(20_000)],
    )
    out = tmp_path / "changes.csv"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "meanstest",
            "compare",
            str(path),
            "--proposal",
            str(STANDARD_RISE),
            "--changes",
            str(out),
            "--format",
            "json",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".changes.csv.*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # started once its temporary file exists
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, (proc.returncode, stderr[-2000:])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]
