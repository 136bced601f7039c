"""Housing acquired recently in the columnar engine (`batch.housing`): the same summary
records as the reference engine, decided by the columnar engine itself where it covers
them, sent to the reference where it does not (a date after the assessment date, the
household's housing without a date under the rule).

Rules: tests/fixtures/rules/ladder/blocks_housing.yaml (rural standard 380, one house at
most, recent_months 36 not_below) and blocks_housing_above.yaml (the same, ``above``),
and the example county 990018 (rural standard 550, recent_months 36, provisional).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import _acquired, households
from test_compare_columnar import _assert_same, _choosers
from test_compare_columnar import _both as _compare_both

from meanstest.batch.columnar_run import BlockRunner, Piece
from meanstest.batch.core import Assessor, Job
from meanstest.files.records import Record
from meanstest.ruleset.load import load_rules

ROOT = Path(__file__).resolve().parent.parent
LADDER = ROOT / "tests" / "fixtures" / "rules" / "ladder"
RULES = {
    "blocks_housing": LADDER / "blocks_housing.yaml",
    "blocks_housing_above": LADDER / "blocks_housing_above.yaml",
    "990018": ROOT / "examples" / "rules" / "990018-example-county-housing.yaml",
}
ON = dt.date(2025, 6, 1)


def _both(roll: list[Any], rules: str = "blocks_housing") -> tuple[Piece, list[Any]]:
    path = RULES[rules]
    job = Job(
        today=ON,
        rules=load_rules(str(path), path.parent if "fixtures" in path.parts else None),
        output="dict",
        detail="summary",
    )
    for i, h in enumerate(roll):
        h.setdefault("id", f"H{i}")
    data = b"".join(
        json.dumps(h, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for h in roll
    )
    piece = BlockRunner(job).run(data)
    reference = Assessor(job)
    expected = [
        reference.outcome(Record(i + 1, line)).output
        for i, line in enumerate(data.splitlines())
        if line.strip()
    ]
    return piece, expected


def _one(*houses: dict[str, Any], age: int = 50, **more: Any) -> dict[str, Any]:
    return {
        "area": "rural",
        "assessed_on": ON.isoformat(),
        "members": [{"id": "p1", "relation": "applicant", "age": age, **more}],
        "assets": list(houses),
    }


def _house(acquired_on: str | None = None, **more: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "housing", **more}
    if acquired_on is not None:
        item["acquired_on"] = acquired_on
    return item


@pytest.mark.parametrize("rules", ["blocks_housing", "blocks_housing_above"])
def test_columnar_decides_dated_housing_at_the_boundary(rules: str) -> None:
    """35, 36 and 37 whole months (2022-07-01, 2022-06-01, 2022-05-01 to 2025-06-01), a
    month end (2022-01-31 assessed 2025-01-30: 35; 2025-01-31: 36), two houses: all
    decided by the columnar engine, every record the reference's. Under not_below 36
    passes (dibao 380.00), under above it fails (not eligible)."""
    roll = [
        _one(_house("2022-07-01")),
        _one(_house("2022-06-01")),
        _one(_house("2022-05-01")),
        {**_one(_house("2022-01-31")), "assessed_on": "2025-01-30"},
        {**_one(_house("2022-01-31")), "assessed_on": "2025-01-31"},
        _one(_house("2010-01-01"), _house("2023-12-20")),
    ]
    piece, expected = _both(roll, rules)
    assert piece.output == expected
    assert piece.tally.paths["columnar"] == len(roll)
    statuses = [r["status"] for r in expected]
    at_36 = "dibao" if rules == "blocks_housing" else "not_eligible"
    assert statuses == ["not_eligible", at_36, "dibao", "not_eligible", at_36, "not_eligible"]


def test_columnar_undated_housing_and_a_date_after_the_assessment() -> None:
    """A date after the assessment date (an error record) goes to the reference; an
    undated house under the rule passes (its warning is data to check, in no summary
    field) and a dated house of an excluded member is not the household's: both decided."""
    excluded = _one(age=50)
    excluded["members"].append(
        {"id": "p2", "relation": "spouse", "age": 48, "status": "imprisoned"}
    )
    excluded["assets"] = [_house("2025-01-01", member="p2")]
    roll = [_one(_house("2025-07-01")), _one(_house()), excluded]
    piece, expected = _both(roll)
    assert piece.output == expected
    assert expected[0]["schema"] == "meanstest.error/1"
    assert expected[1]["status"] == "dibao"
    assert expected[2]["status"] == "dibao"
    assert piece.tally.paths["columnar"] == 2
    assert dict(piece.tally.routes) == {"housing date": 1}


def test_columnar_tekun_member_with_recent_housing() -> None:
    """An 80-year-old living alone with an able supporter is no 特困 candidate; without
    supporters declared the conditions are assessed, and recent housing fails her own
    property test: the same records either way (the rule's provisional warning in the
    990018 example comes where the reference first uses it)."""
    able = [{"relation": "child", "able_to_support": True}]
    roll = [
        _one(_house("2024-01-01"), age=80, supporters=able),
        _one(_house("2020-01-01"), age=80, supporters=able),
    ]
    for rules in ("blocks_housing", "990018"):
        piece, expected = _both(roll, rules)
        assert piece.output == expected
        assert piece.tally.paths["columnar"] == 2


def test_columnar_example_county_decides_a_dated_roll() -> None:
    """The example county 990018 on a synthetic roll whose housing is dated: decided by
    the columnar engine, every summary field the reference's."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth  # benchmarks/synth.py, on the path above

    roll = list(synth.households(200, seed=18))
    for i, h in enumerate(roll):
        h["assessed_on"] = "2026-03-01"
        for item in h.get("assets", ()):
            if item["type"] == "housing":
                item["acquired_on"] = f"{2022 + i % 4}-0{1 + i % 9}-{10 + i % 19}"
    piece, expected = _both(roll, "990018")
    assert piece.output == expected
    assert piece.tally.paths["columnar"] >= 0.95 * len(roll)
    assert any("assets_failed" in r.get("reason_codes", ()) for r in expected)


@st.composite
def _dated_roll(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Households of every field, each with one to three housing items dated near 36
    months (or not), some held by a member."""
    out = []
    for _ in range(draw(st.integers(1, 6))):
        h = draw(households(first_day=dt.date(2024, 1, 1), last_day=dt.date(2026, 12, 31)))
        on = dt.date.fromisoformat(h["assessed_on"])
        ids = [m["id"] for m in h["members"]]
        for _ in range(draw(st.integers(1, 3))):
            item: dict[str, Any] = {"type": "housing"}
            if draw(st.integers(0, 4)):
                item["acquired_on"] = draw(_acquired(on)).isoformat()
            if draw(st.booleans()):
                item["member"] = draw(st.sampled_from(ids))
            h.setdefault("assets", []).append(item)
        out.append(h)
    return out


@pytest.mark.parametrize("rules", sorted(RULES))
@settings(
    deadline=None,
    max_examples=examples(40),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_columnar_equality_dated_housing(rules: str, data: st.DataObject) -> None:
    """Every summary record the reference's, for rolls full of dated housing."""
    roll = data.draw(_dated_roll())
    piece, expected = _both(roll, rules)
    assert piece.output == expected


@pytest.mark.parametrize(
    ("base", "changes"),
    [
        # the rule added by a change: a comparison of the county without and with it
        ("ladder", ("assets.housing.recent_months=36",)),
        # the rule in both, its months changed
        ("blocks_housing", ("assets.housing.recent_months=24",)),
    ],
)
@settings(
    deadline=None,
    max_examples=examples(15),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_compare_columnar_with_the_rule_changed(
    base: str, changes: tuple[str, ...], data: st.DataObject
) -> None:
    """`compare` on the columnar route gives the reference route's changes, field by
    field, for rolls of dated housing, when a change adds the rule or changes its months."""
    roll = data.draw(_dated_roll())
    for i, h in enumerate(roll):
        h.setdefault("id", f"H{i}")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "roll.jsonl"
        path.write_text("".join(json.dumps(h) + "\n" for h in roll), encoding="utf-8")
        columnar, reference = _compare_both(path, _choosers(LADDER / f"{base}.yaml", None, changes))
    _assert_same(columnar, reference)
