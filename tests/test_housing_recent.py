"""Housing bought, built or decorated recently refuses (郴州: 近3年内购买、新建或装修住房的，
不予纳入): the household field ``assets[].acquired_on`` and the rule key
``assets.housing.recent_months``.

Rules: tests/fixtures/rules/ladder/blocks_housing.yaml (the ladder, rural standard 380
a month, one house at most, and ``recent_months: 36``, comparison ``not_below``: the
whole months since the housing was acquired pass when not below 36), and
blocks_housing_above.yaml (the same with ``comparison: above``). Whole months are
counted as `engine.context.whole_months` counts them: (years × 12 + months), less
one when the day of the month is not yet reached.

The household used throughout: one rural applicant aged 50, no income, one house; on
its own it is dibao (0 < 380), so the asset test alone decides.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from meanstest.engine import assess
from meanstest.engine.context import whole_months
from meanstest.errors import HouseholdInvalid, RuleFileError
from meanstest.model.household import parse_household
from meanstest.model.result import Assessment
from meanstest.ruleset.load import RuleLibrary, load_rules

ON = dt.date(2025, 6, 1)
BAD = FIXTURES / "rules" / "housing_bad"


@functools.cache
def _rules(rule_id: str) -> Any:
    return RuleLibrary(FIXTURES / "rules" / "ladder").load(rule_id)


def _household(*assets: dict[str, Any], on: dt.date = ON) -> dict[str, Any]:
    return {
        "area": "rural",
        "assessed_on": on.isoformat(),
        "members": [{"id": "p1", "relation": "applicant", "age": 50}],
        "assets": list(assets),
    }


def house(acquired_on: str | None = None, count: int = 1) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "housing", "count": count, "value": "50000"}
    if acquired_on is not None:
        item["acquired_on"] = acquired_on
    return item


def run(*assets: dict[str, Any], rule_id: str = "blocks_housing", on: dt.date = ON) -> Assessment:
    return assess(parse_household(_household(*assets, on=on)), _rules(rule_id).at(on))


def recent_test(result: Assessment) -> Any:
    [test] = [t for t in result.asset_tests if t.name == "housing_recent"]
    return test


# ------------------------------------------------------------ the months, the boundary


def test_bought_35_months_before_fails() -> None:
    """2022-07-01 to 2025-06-01: 3 × 12 + (6 − 7) = 35 whole months (day 1 reached);
    35 is below 36: refused, not dibao although income 0 < 380."""
    result = run(house("2022-07-01"))
    test = recent_test(result)
    assert not test.passed
    assert test.key == "assets.housing.recent_months"
    assert test.reason.code == "housing_recent"
    assert dict(test.reason.params) == {"date": "2022-07-01", "months": 35, "limit": 36}
    assert not result.assets_ok
    assert result.status == "not_eligible"
    assert next(r.code for r in result.reasons) == "assets_failed"


def test_bought_exactly_36_months_before_passes_not_below() -> None:
    """2022-06-01 to 2025-06-01: 36 whole months; not below 36: passes, dibao 380.00."""
    result = run(house("2022-06-01"))
    test = recent_test(result)
    assert test.passed
    assert test.reason.code == "housing_recent_ok"
    assert dict(test.reason.params) == {"date": "2022-06-01", "months": 36, "limit": 36}
    assert result.status == "dibao"
    assert str(result.benefit.monthly) == "380.00"


def test_bought_exactly_36_months_before_fails_when_the_rule_says_above() -> None:
    """comparison: above (满3年以上): 36 is not above 36, refused; 37 is."""
    assert not recent_test(run(house("2022-06-01"), rule_id="blocks_housing_above")).passed
    assert recent_test(run(house("2022-05-01"), rule_id="blocks_housing_above")).passed


def test_bought_37_months_before_passes() -> None:
    """2022-05-01 to 2025-06-01: 3 × 12 + 1 = 37 whole months: passes."""
    test = recent_test(run(house("2022-05-01")))
    assert test.passed
    assert test.reason.params["months"] == 37


def test_decoration_date_counts_as_acquisition() -> None:
    """A house bought long ago and decorated on 2024-01-10 gives the decoration date:
    12 + (6 − 1) − 1 (day 10 not reached on the 1st) = 16 whole months: refused."""
    test = recent_test(run(house("2024-01-10")))
    assert not test.passed
    assert test.reason.params["months"] == 16


def test_acquired_on_the_assessment_day_is_zero_months() -> None:
    test = recent_test(run(house("2025-06-01")))
    assert not test.passed
    assert test.reason.params["months"] == 0


# ------------------------------------------------------------ no date, two items


def test_no_date_passes_with_a_warning() -> None:
    """Housing without acquired_on is not refused: the test passes, and a warning naming
    the rule asks the caseworker to check the date."""
    result = run(house())
    test = recent_test(result)
    assert test.passed
    assert test.reason.code == "housing_recent_undated"
    assert dict(test.reason.params) == {"count": 1, "limit": 36}
    assert result.status == "dibao"
    [warning] = [w for w in result.warnings if w.code == "housing_date_missing"]
    # data to check (no key, as the ID-number checks), naming the rule in its params
    assert warning.key is None
    assert warning.source is None
    assert dict(warning.params) == {"count": 1, "limit": 36, "rule": "assets.housing.recent_months"}


def test_no_warning_when_every_house_is_dated() -> None:
    result = run(house("2010-01-01"))
    assert not [w for w in result.warnings if w.code == "housing_date_missing"]


def test_two_houses_one_recent_refuses_naming_the_recent_one() -> None:
    """2015-03-01 (122 months) and 2023-12-20: 24 + (6 − 12) − 1 = 17 months: refused,
    the reason names 2023-12-20. Two houses is also more than the ladder's one."""
    result = run(house("2015-03-01"), house("2023-12-20"))
    test = recent_test(result)
    assert not test.passed
    assert dict(test.reason.params) == {"date": "2023-12-20", "months": 17, "limit": 36}
    assert [t.name for t in result.asset_tests if not t.passed] == ["housing", "housing_recent"]


def test_two_old_houses_pass_naming_the_latest() -> None:
    """2015-03-01 and 2020-08-15: 5 × 12 + (6 − 8) − 1 (day 15 not reached) = 57 months,
    the latest: passes."""
    test = recent_test(run(house("2015-03-01"), house("2020-08-15")))
    assert test.passed
    assert dict(test.reason.params) == {"date": "2020-08-15", "months": 57, "limit": 36}


def test_an_old_house_and_an_undated_one_pass_with_the_warning() -> None:
    result = run(house("2015-03-01"), house())
    test = recent_test(result)
    assert test.passed
    assert dict(test.reason.params) == {"count": 1, "limit": 36}
    assert [w.code for w in result.warnings].count("housing_date_missing") == 1


def test_no_rule_no_test() -> None:
    """The ladder has no recent_months: a dated house is only counted."""
    result = run(house("2025-01-01"), rule_id="ladder")
    assert [t.name for t in result.asset_tests] == ["financial", "housing"]
    assert not [w for w in result.warnings if w.code == "housing_date_missing"]


def test_no_housing_no_test() -> None:
    result = run({"type": "deposit", "value": "100"})
    assert "housing_recent" not in [t.name for t in result.asset_tests]


def test_the_trace_cites_the_rule() -> None:
    """The asset_test step of the test cites the key and the source fx, 第十一条."""
    result = run(house("2022-07-01"))
    [step] = [s for s in result.trace if s.inputs.get("test") == "housing_recent"]
    assert step.key == "assets.housing.recent_months"
    assert step.value is False
    assert step.source is not None
    assert step.source.article == "第十一条"
    assert step.inputs["months"] == 35


# ------------------------------------------------------------ month ends


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        # 31 January: a month later is 28 February, not yet a whole month (28 < 31)
        (dt.date(2022, 1, 31), dt.date(2022, 2, 28), 0),
        (dt.date(2022, 1, 31), dt.date(2022, 3, 31), 2),
        # 36 months ends on 31 January 2025; the 30th is one day short
        (dt.date(2022, 1, 31), dt.date(2025, 1, 30), 35),
        (dt.date(2022, 1, 31), dt.date(2025, 1, 31), 36),
        # 29 February 2020: on 28 February 2023 the day 29 is not reached; 1 March it is
        # counted with the month: 36 + 0 − 1 = 35, then 36 + 1 − 1 = 36
        (dt.date(2020, 2, 29), dt.date(2023, 2, 28), 35),
        (dt.date(2020, 2, 29), dt.date(2023, 3, 1), 36),
        # 30 April to 30 April three years on: 36
        (dt.date(2022, 4, 30), dt.date(2025, 4, 30), 36),
    ],
)
def test_whole_months_at_month_ends(start: dt.date, end: dt.date, months: int) -> None:
    assert whole_months(start, end) == months


def test_month_end_through_the_engine() -> None:
    """Bought 2022-01-31, assessed 2025-01-30 (35 months) refuses, 2025-01-31 (36) passes."""
    assert not recent_test(run(house("2022-01-31"), on=dt.date(2025, 1, 30))).passed
    assert recent_test(run(house("2022-01-31"), on=dt.date(2025, 1, 31))).passed


# ------------------------------------------------------------ bad input


def test_date_after_the_assessment_date_is_an_error_naming_the_field() -> None:
    with pytest.raises(HouseholdInvalid) as info:
        run(house("2015-01-01"), house("2025-06-02"))
    [problem] = info.value.problems
    assert problem.loc == "assets.1.acquired_on"
    assert problem.code == "after_assessment_date"
    assert "2025-06-02 is after the assessment date 2025-06-01" in problem.msg


def test_date_after_the_assessment_date_is_an_error_without_the_rule_too() -> None:
    """As a birth date after it: the date is wrong whatever the rules test."""
    with pytest.raises(HouseholdInvalid) as info:
        run(house("2025-07-01"), rule_id="ladder")
    assert [p.loc for p in info.value.problems] == ["assets.0.acquired_on"]


@pytest.mark.parametrize("text", ["2023-02-30", "2023/02/01", "last year", "20230201"])
def test_a_date_that_is_not_one_names_the_field(text: str) -> None:
    with pytest.raises(HouseholdInvalid) as info:
        parse_household(_household(house(text)))
    assert [p.loc for p in info.value.problems] == ["assets.0.acquired_on"]


def test_acquired_on_is_only_for_housing() -> None:
    """A date on a vehicle is an error: only housing has a rule that reads it."""
    with pytest.raises(HouseholdInvalid) as info:
        parse_household(
            _household(
                {"type": "vehicle", "kind": "car", "value": "1", "acquired_on": "2024-01-01"}
            )
        )
    [problem] = info.value.problems
    assert problem.loc == "assets.0.acquired_on"
    assert problem.code == "acquired_on_only_for_housing"


# ------------------------------------------------------------ rule-file errors

BAD_FILES = {
    "recent-months-negative.yaml": "expected a whole number of months from 1 to 600",
    "recent-months-text.yaml": "expected a whole number of months from 1 to 600",
    "recent-months-zero.yaml": "expected a whole number of months from 1 to 600",
    "recent-months-too-long.yaml": "expected a whole number of months from 1 to 600",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_recent_months_names_file_key_and_line(name: str) -> None:
    with pytest.raises(RuleFileError) as info:
        load_rules(BAD / name)
    assert Path(str(info.value.path)).resolve() == (BAD / name).resolve()
    assert BAD_FILES[name] in str(info.value)
    loc = "parameters.assets.housing.recent_months.values.0.value"
    assert (loc, 12) in [(p.loc, p.line) for p in info.value.problems]


def test_bad_files_all_covered() -> None:
    assert {p.name for p in BAD.iterdir()} == set(BAD_FILES)


def test_the_guides_example_loads(tmp_path: Path) -> None:
    """docs/rules.md's example of the key loads on top of Yizhang's rules, and sets 36."""
    guide = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(
        encoding="utf-8"
    )
    blocks = [b.split("```", 1)[0] for b in guide.split("```yaml\n")[1:]]
    [snippet] = [b for b in blocks if "assets.housing.recent_months:" in b]
    path = tmp_path / "guide.yaml"
    path.write_text(
        "schema: meanstest.rules/1\nid: guide\nname: {zh: 示例, en: Example}\nlevel: proposal\n"
        f'extends: "431022"\n{snippet}',
        encoding="utf-8",
    )
    rules = load_rules(path).at(dt.date(2025, 6, 1))
    assert rules.views.assets.housing_recent_months is not None
    assert rules.views.assets.housing_recent_months.value == 36
