"""What the columnar engine decides itself beyond the core fields (issue 14, point 2).

A county roll started from the roll template carries ``township`` and ``village`` in
every row; most of its households are renewals with a ``current`` status. Each test
here runs a roll through the columnar engine (`BlockRunner`, one block) and record by
record through the reference engine (`core.Assessor`): the records must be the same
bytes, in order, and the columnar engine must have decided the households it is meant
to cover (the path counts), so that the equality is about its own figures.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from meanstest.batch.columnar_run import BlockRunner
from meanstest.batch.core import Assessor, Job
from meanstest.batch.tally import Piece
from meanstest.cli import cli
from meanstest.files.records import Record
from meanstest.ruleset.load import load_rules

ROOT = Path(__file__).resolve().parent.parent
YIZHANG = ROOT / "rules" / "431022-yizhang.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402 - benchmarks/synth.py, on the path above


def _line(h: Any) -> bytes:
    return json.dumps(h, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _both(roll: list[Any], output: str = "dict") -> tuple[Piece, list[Any]]:
    """The columnar piece of a roll, and the reference engine's outputs record by record."""
    job = Job(
        today=dt.date(2022, 1, 1), rules=load_rules(str(YIZHANG)), output=output, detail="summary"
    )
    data = b"".join(_line(h) for h in roll)
    piece = BlockRunner(job).run(data)
    reference = Assessor(job)
    expected = [
        reference.outcome(Record(i + 1, line)).output
        for i, line in enumerate(data.splitlines())
        if line.strip()
    ]
    return piece, expected


def _placed(n: int, seed: int) -> list[dict[str, Any]]:
    """A synthetic roll with a township and a village in every household."""
    roll = list(synth.households(n, seed=seed))
    for i, h in enumerate(roll):
        h["township"] = ("梅田镇", "玉溪镇", "黄沙镇")[i % 3]
        h["village"] = ("新村", "东风村", "沙坪村,二组")[i % 3]
    return roll


@pytest.mark.parametrize("output", ["dict", "row"])
def test_columnar_coverage_township_and_village_are_decided(output: str) -> None:
    """Households with a township and a village (the roll template's columns) are decided
    by the columnar engine, their summary records and CSV/XLSX rows the reference's.

    Neither field changes a figure, and no summary record or row echoes them: the 400
    households are the same records as without them, and the columnar engine decides as
    many of them as it does without them (all but those on a rounding edge)."""
    placed, plain = _placed(400, 5), list(synth.households(400, seed=5))
    piece, expected = _both(placed, output)
    assert piece.output == expected
    bare, _ = _both(plain, output)
    assert piece.output == bare.output
    assert piece.tally.paths == bare.tally.paths
    assert piece.tally.paths["columnar"] >= 395
    assert "keys" not in piece.tally.routes
    assert "fields" not in piece.tally.routes


@pytest.mark.parametrize(
    ("value", "decided"),
    [
        ("梅田镇", True),
        ("镇" * 60, True),  # the longest allowed
        ("梅,田,镇", True),  # commas inside a value are no separators
        ("（城关）街道", True),
        ("镇" * 61, False),  # too long: the reference's error record
        ("", False),  # too short
        (" 梅田镇", False),  # pydantic strips it: the reference decides what it keeps
        ("\u3000梅田镇", False),
        ("梅田镇\n", False),  # an escape in the line
        ("\u200b梅田镇", False),  # a format character at an end
        (None, False),  # null is valid, and left to the reference
        (3, False),  # not text: the reference's error record
        (["梅田镇"], False),
        ({"name": "梅田镇"}, False),
    ],
)
@pytest.mark.parametrize("field", ["township", "village"])
def test_columnar_coverage_places_checked_as_the_household_model(
    field: str, value: Any, decided: bool
) -> None:
    """A township or village is decided when it is text the household model keeps as it
    is (1 to 60 characters, nothing stripped); any other goes to the reference engine,
    whose record (a summary or an error record) is the same bytes."""
    h = {
        "id": "P1",
        "region": "431022",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": [{"id": "p1", "relation": "applicant", "age": 40}],
        "incomes": [{"type": "wage", "amount": "300", "per": "month"}],
        field: value,
    }
    piece, expected = _both([h])
    assert piece.output == expected
    assert piece.tally.paths["columnar"] == (1 if decided else 0)


def test_columnar_coverage_batch_cli_places_roll(tmp_path: Path) -> None:
    """`meanstest batch` on a roll with places in every row: the columnar engine decides
    it (the run summary's counts), and the CSV equals that of the same roll without."""
    placed, plain = tmp_path / "placed.jsonl", tmp_path / "plain.jsonl"
    placed.write_bytes(b"".join(_line(h) for h in _placed(60, 3)))
    plain.write_bytes(b"".join(_line(h) for h in synth.households(60, seed=3)))
    runner = CliRunner()
    args = ["--format", "csv", "--lang", "en"]
    with_places = runner.invoke(cli, ["batch", str(placed), *args], env={"LC_ALL": None})
    without = runner.invoke(cli, ["batch", str(plain), *args], env={"LC_ALL": None})
    assert with_places.exit_code == without.exit_code == 0, with_places.stderr
    assert with_places.stdout_bytes == without.stdout_bytes
    assert "by the reference engine 0" in with_places.stderr


def _household(**more: Any) -> dict[str, Any]:
    """A one-person Yizhang household, 2021-12-01 (rural standard 380 yuan a month)."""
    return {
        "id": "R1",
        "region": "431022",
        "area": "rural",
        "assessed_on": "2021-12-01",
        "members": [{"id": "p1", "relation": "applicant", "age": 40, "employment": "employed"}],
        **more,
    }


def _wage(yuan: str) -> list[dict[str, Any]]:
    return [{"member": "p1", "type": "wage", "amount": yuan, "per": "month"}]


@pytest.mark.parametrize(
    ("current", "wage", "route"),
    [
        # Stays dibao (300 < 380 a month): phase-out never starts.
        ({"status": "dibao", "monthly_benefit": "80"}, "300", None),
        ({"status": "phase_out", "monthly_benefit": "80", "since": "2021-10-01"}, "300", None),
        # Above the standard but paid nothing now: nothing to phase out.
        ({"status": "dibao"}, "500", None),
        ({"status": "dibao", "monthly_benefit": 0}, "500", None),
        # Not paid now (edge, not eligible): phase-out is for dibao households.
        ({"status": "edge", "monthly_benefit": "80"}, "500", None),
        ({"status": "not_eligible", "since": "2021-01-01"}, "500", None),
        # Paid now and above the standard (500 > 380): phase-out may apply.
        ({"status": "dibao", "monthly_benefit": "80"}, "500", "current: phase-out"),
        ({"status": "dibao_single", "monthly_benefit": "80.5"}, "500", "current: phase-out"),
        (
            {"status": "phase_out", "monthly_benefit": 80, "since": "2021-10-01"},
            "500",
            "current: phase-out",
        ),
        # Yizhang's standard is a strict limit ("below"): 379.99 a month is below it,
        # still dibao and decided; 380 is not below it, and phase-out may apply.
        ({"status": "dibao", "monthly_benefit": "80"}, "379.99", None),
        ({"status": "dibao", "monthly_benefit": "80"}, "380", "current: phase-out"),
    ],
)
def test_columnar_coverage_renewals_decided_unless_phase_out_may_apply(
    current: dict[str, Any], wage: str, route: str | None
) -> None:
    """A renewal is decided by the columnar engine unless it is paid now and no longer
    dibao with its income above the standard (the reference computes phase-out); its
    summary record is the reference's either way."""
    piece, expected = _both([_household(incomes=_wage(wage), current=current)])
    assert piece.output == expected
    if route is None:
        assert piece.tally.paths["columnar"] == 1
    else:
        assert dict(piece.tally.routes) == {route: 1}


@pytest.mark.parametrize(
    "current",
    [
        {},
        {"status": "renewal"},
        {"status": " dibao"},
        {"status": "phase_out", "monthly_benefit": "80"},  # phase_out needs since
        {"status": "dibao", "monthly_benefit": "-80"},
        {"status": "dibao", "monthly_benefit": "80.123"},
        {"status": "dibao", "monthly_benefit": "about 80"},
        {"status": "dibao", "since": "2021-02-30"},
        {"status": "dibao", "since": 2021},
        {"status": 1},
        {"status": "dibao", "monthly_benefit": True},
        {"status": "dibao", "note": "x"},
        None,
        "dibao",
        ["dibao"],
        3,
    ],
)
def test_columnar_coverage_bad_current_gets_the_reference_record(current: Any) -> None:
    """A ``current`` the household model refuses (or reads otherwise) goes to the
    reference engine, whose error record (or summary) is the same bytes."""
    piece, expected = _both([_household(incomes=_wage("300"), current=current)])
    assert piece.output == expected
    assert piece.tally.paths["columnar"] == 0


def test_columnar_coverage_dibao_supporter_age() -> None:
    """On dibao now, a 65-year-old applicant is unable to support (national rules:
    from 60 on dibao, from 70 otherwise), so her 80-year-old father with no income
    may be 特困 and the 特困 standard is used (warned of); without a current status
    she can support him, he is not, and it is not used. She earns 600 a month, above
    the standard of 380, so she is no 特困 candidate herself; the household's 300 a
    person is below it, so it stays dibao (no phase-out). Both are decided by the
    columnar engine, each as the reference decides it."""
    members = [
        {"id": "p1", "relation": "applicant", "age": 65},
        {"id": "p2", "relation": "parent", "age": 80},
    ]
    renewal = _household(
        members=members, incomes=_wage("600"), current={"status": "dibao", "monthly_benefit": 80}
    )
    new = _household(members=members, incomes=_wage("600"))
    piece, expected = _both([renewal, new])
    assert piece.output == expected
    assert piece.tally.paths["columnar"] == 2
    renewed, applied = (r["warning_keys"] for r in expected)
    assert set(renewed) - set(applied)  # the 特困 standards, used only for the renewal


@pytest.mark.parametrize("output", ["dict", "row"])
def test_columnar_coverage_county_roll(output: str) -> None:
    """A county-like roll (`synth.households(optional=True)`: places in every row, 60%
    renewals, some supporters and single-parent families) is mostly decided by the
    columnar engine, every summary record and CSV/XLSX row the reference's."""
    roll = list(synth.households(600, seed=21, optional=True))
    piece, expected = _both(roll, output)
    assert piece.output == expected
    assert piece.tally.paths["columnar"] >= 0.75 * len(roll)
    assert set(piece.tally.routes) <= {"current: phase-out", "keys", "supporters", "rounding"}


COUNTY_A = ROOT / "examples" / "rules" / "990001-example-county-a.yaml"


@pytest.mark.parametrize(
    ("flag", "decided"),
    [(True, True), (False, True), ("absent", True), ("true", False), (1, False), (None, False)],
)
def test_columnar_coverage_single_parent_family(flag: Any, decided: bool) -> None:
    """Example county A tops up the children under 18 of single-parent families (a
    share of 0.15 of the standard). The example household (a parent earning 1,200 a
    month, children of 19 and 14) is decided by the columnar engine with the flag true,
    false or absent, its record the reference's (the 14-year-old's top-up only when
    true); a flag that is not a JSON boolean goes to the reference's record."""
    h = json.loads(
        (
            ROOT / "examples" / "rules" / "households" / "990001-single-parent-student.json"
        ).read_text(encoding="utf-8")
    )
    if flag == "absent":
        del h["single_parent_family"]
    else:
        h["single_parent_family"] = flag
    job = Job(
        today=dt.date(2025, 6, 1), rules=load_rules(str(COUNTY_A)), output="dict", detail="summary"
    )
    piece = BlockRunner(job).run(_line(h))
    expected = Assessor(job).outcome(Record(1, _line(h).rstrip(b"\n"))).output
    assert piece.output == [expected]
    assert piece.tally.paths["columnar"] == (1 if decided else 0)


def test_columnar_coverage_single_parent_top_up_differs() -> None:
    """The flag changes the figures: with it the family gets more than without (so the
    test above compares two different results, not one)."""
    h = json.loads(
        (
            ROOT / "examples" / "rules" / "households" / "990001-single-parent-student.json"
        ).read_text(encoding="utf-8")
    )
    job = Job(
        today=dt.date(2025, 6, 1), rules=load_rules(str(COUNTY_A)), output="dict", detail="summary"
    )
    runner = BlockRunner(job)
    flagged = runner.run(_line(h)).output[0]
    h["single_parent_family"] = False
    plain = runner.run(_line(h)).output[0]
    assert runner.engine is not None
    assert flagged["support_monthly"] != plain["support_monthly"]


def _elderly(**member: Any) -> dict[str, Any]:
    """An 80-year-old living alone with no income: 特困's first two conditions hold."""
    return _household(members=[{"id": "p1", "relation": "applicant", "age": 80, **member}])


@pytest.mark.parametrize(
    ("supporters", "decided"),
    [
        # An able supporter outside: the third condition fails, no 特困 candidate.
        ([{"relation": "child", "able_to_support": True}], True),
        (
            [
                {"relation": "child", "able_to_support": False, "reason": "病残"},
                {"relation": "child", "able_to_support": True, "reason": None},
            ],
            True,
        ),
        # None able, or an empty list: the member may be 特困 (the reference decides).
        ([{"relation": "child", "able_to_support": False}], False),
        ([], False),
        # Not as the model reads it: the reference's record.
        ([{"relation": "child", "able_to_support": "yes"}], False),
        ([{"relation": "child", "able_to_support": 1}], False),
        ([{"relation": "kid", "able_to_support": True}], False),
        ([{"relation": " child", "able_to_support": True}], False),
        ([{"able_to_support": True}], False),
        ([{"relation": "child", "able_to_support": True, "phone": "1"}], False),
        ([{"relation": "child", "able_to_support": True, "reason": 3}], False),
        ({"relation": "child", "able_to_support": True}, False),
        ("child", False),
        (None, False),
    ],
)
def test_columnar_coverage_supporters(supporters: Any, decided: bool) -> None:
    """A member with an able supporter outside the household is decided by the columnar
    engine; any other list goes to the reference engine; the records are the same
    bytes either way."""
    piece, expected = _both([_elderly(supporters=supporters)])
    assert piece.output == expected
    assert piece.tally.paths["columnar"] == (1 if decided else 0)


def test_columnar_coverage_able_supporter_changes_the_warnings() -> None:
    """Without supporters declared the 80-year-old may be 特困, so the 特困 standard is
    looked at (and warned of, provisional); with an able child outside he is no
    candidate and it is not. Both decided by the columnar engine, as the reference."""
    able = _elderly(supporters=[{"relation": "child", "able_to_support": True}])
    piece, expected = _both([able, _elderly()])
    assert piece.output == expected
    assert piece.tally.paths["columnar"] == 2
    with_able, unknown = (r["warning_keys"] for r in expected)
    assert set(unknown) - set(with_able)


def test_columnar_coverage_repeated_supporter_key() -> None:
    """A key repeated inside a supporter (which the parser would merge) goes to the
    reference engine, whose record is the same bytes."""
    text = _line(_elderly(supporters=[{"relation": "child", "able_to_support": True}]))
    text = text.replace(
        b'"able_to_support":true', b'"able_to_support":false,"able_to_support":true'
    )
    job = Job(
        today=dt.date(2022, 1, 1), rules=load_rules(str(YIZHANG)), output="dict", detail="summary"
    )
    piece = BlockRunner(job).run(text)
    assert piece.output == [Assessor(job).outcome(Record(1, text.rstrip(b"\n"))).output]
    assert piece.tally.paths["columnar"] == 0


@pytest.mark.parametrize(
    ("employment", "income", "member", "route"),
    [
        # Found work: employed with wage income, self-employed with business income.
        ("employed", "wage", "p1", True),
        ("self_employed", "business", "p1", True),
        # No work found: the phase-out never starts, the household is decided as a new
        # one would be (edge or not eligible at 500 a month against 380).
        ("unemployed", "wage", "p1", False),
        ("employed", "pension", "p1", False),
        ("self_employed", "wage", "p1", False),
        ("employed", "wage", None, False),  # the household's, no member's
    ],
)
def test_columnar_coverage_renewal_leaving_dibao_without_work(
    employment: str, income: str, member: str | None, route: bool
) -> None:
    """A dibao renewal (paid 80 a month) now at 500 a month, above the standard of 380:
    phase-out starts only when a counted member has found work (employed with wage
    income, self-employed with business income, `engine.ladder._found_work`); then
    the reference decides it, else the columnar engine does, as the reference would."""
    item: dict[str, Any] = {"type": income, "amount": "500", "per": "month"}
    if member is not None:
        item["member"] = member
    h = _household(
        members=[{"id": "p1", "relation": "applicant", "age": 40, "employment": employment}],
        incomes=[item],
        current={"status": "dibao", "monthly_benefit": "80"},
    )
    piece, expected = _both([h])
    assert piece.output == expected
    assert piece.tally.paths["columnar"] == (0 if route else 1)
    assert expected[0]["status"] == ("phase_out" if route else "edge")


def test_columnar_coverage_compare_keeps_place_groups(tmp_path: Path) -> None:
    """`compare` on the columnar engine over a county-like roll (places in every row):
    every change, its township and village groups included, is the reference route's
    (before, these households took the reference path in `compare` too)."""
    from meanstest.batch import compare_jobs, compare_run
    from meanstest.batch.compare_jobs import Comparer
    from meanstest.ruleset.choose import RuleChooser

    path = tmp_path / "roll.jsonl"
    path.write_bytes(b"".join(_line(h) for h in synth.households(200, seed=4, optional=True)))
    chooser = RuleChooser()
    proposal = chooser.changed(None, ("dibao.standard.rural=420/month",), dt.date(2021, 10, 1))
    comparer = Comparer(chooser, proposal, None, dt.date(2022, 1, 1))
    columnar = list(compare_run.compare_roll(str(path), None, comparer))
    reference = list(compare_jobs.compare_roll(str(path), None, comparer, 1))
    assert columnar == reference
    assert all(any(g.startswith("township:") for g in c.groups) for c in columnar)
    assert all(any(g.startswith("village:") for g in c.groups) for c in columnar)


def test_columnar_coverage_the_calendars_last_month_goes_to_the_reference() -> None:
    """A renewal decided on 9999-12-31 would change its payment from 10000-01, past the
    calendar: the reference writes the error record (month_beyond_calendar) and the
    columnar engine leaves every household of that month to it; one decided on
    9999-11-30 changes from 9999-12 and is the columnar engine's (found by the
    differential compare test under the ladder rules)."""
    renewal = {"current": {"status": "dibao", "monthly_benefit": "80"}, "incomes": _wage("300")}
    last = _household(**renewal, assessed_on="9999-12-31")
    before = _household(**renewal, assessed_on="9999-11-30")
    new = _household(incomes=_wage("300"), assessed_on="9999-12-01")
    piece, expected = _both([last, before, new])
    assert piece.output == expected
    assert expected[0]["schema"] == "meanstest.error/1"
    assert expected[0]["errors"][0]["code"] == "month_beyond_calendar"
    assert expected[1]["status"] == "dibao"
    assert expected[2]["status"] == "dibao"
    assert piece.tally.paths == {"columnar": 1, "reference": 2}
    assert piece.tally.routes == {"date: 9999-12": 2}
