"""Deductions of the kinds Hunan counties write, and imputed income (issue 12, points 11
and 12).

The rules are the `blocks_income` fixture (tests/fixtures/rules/ladder/blocks_income.yaml,
extending `ladder`): rural standard 380 a month, edge 1.5 × (570); minimum wage 1700 a
month; schooling costs deducted only above 2 × the household's income before deductions,
then at most 600 a month a household; medical costs at most 200 a month a person; rent
(a type the file declares) deducted above 1200 a year (100 a month), then at most 300 a
month a household. The disability-subsidy case uses the shipped Yizhang rules. Every
expected figure is worked by hand in the test.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from meanstest.engine import assess
from meanstest.errors import HouseholdInvalid, RuleFileError, RuleNotInForce
from meanstest.model.household import Household, parse_household
from meanstest.model.result import Assessment
from meanstest.money import fmt
from meanstest.ruleset.load import RuleLibrary, load_rules, overlay
from meanstest.ruleset.model import RuleSet

ON = dt.date(2021, 12, 1)
LADDER = FIXTURES / "rules" / "ladder"


@functools.cache
def _rule_set(rule_id: str) -> RuleSet:
    return RuleLibrary(LADDER).load(rule_id)


def household(
    *members: dict[str, Any],
    incomes: tuple[dict[str, Any], ...] = (),
    expenses: tuple[dict[str, Any], ...] = (),
) -> Household:
    """A rural household; the first member is the applicant."""
    listed = [
        {"id": f"p{i}", "relation": "applicant" if i == 1 else "spouse", **m}
        for i, m in enumerate(members, start=1)
    ]
    return parse_household(
        {"area": "rural", "members": listed, "incomes": list(incomes), "expenses": list(expenses)}
    )


def run(
    hh: Household, rule_id: str = "blocks_income", changes: list[str] | None = None
) -> Assessment:
    rule_set = _rule_set(rule_id)
    if changes:
        rule_set = overlay(rule_set, changes)
    return assess(hh, rule_set.at(ON))


def wage(amount: str, member: str = "p1", per: str = "month") -> dict[str, Any]:
    return {"member": member, "type": "wage", "amount": amount, "per": per}


def imputed(member: str = "p1", **extra: str) -> dict[str, Any]:
    return {"member": member, "type": "wage", "basis": "minimum_wage", **extra}


def expense(
    kind: str, amount: str, member: str | None = None, per: str = "month"
) -> dict[str, Any]:
    item: dict[str, Any] = {"type": kind, "amount": amount, "per": per}
    if member is not None:
        item["member"] = member
    return item


_PARENT = {"age": 45, "employment": "employed"}
_STUDENT = {"age": 19, "education": "undergraduate"}


# ------------------------------------------------------------ 11. deduction thresholds


def test_schooling_costs_above_twice_the_income_deduct_the_excess() -> None:
    """Wage 500 a month; threshold 2 × 500 = 1000 a month; schooling costs 18000 a year
    = 1500 a month: 1500 − 1000 = 500 deducted (under the 600 cap). Counted 500 − 500 =
    0; benefit 380 × 2 − 0 = 760.00."""
    result = run(
        household(
            _PARENT,
            _STUDENT,
            incomes=(wage("500"),),
            expenses=(expense("education", "18000", "p2", "year"),),
        )
    )
    line = result.deductions[0]
    assert (line.status, fmt(line.claimed_monthly), fmt(line.accepted_monthly)) == (
        "capped",
        "1500.00",
        "500.00",
    )
    assert [r.code for r in line.reasons] == ["above_threshold"]
    assert fmt(line.reasons[0].params["start"]) == "1000.00"
    assert fmt(result.income.counted_monthly) == "0.00"
    assert fmt(result.benefit_monthly) == "760.00"


def test_schooling_costs_within_the_threshold_deduct_nothing() -> None:
    """Schooling 6000 a year = 500 a month, within 1000: nothing deducted. Counted 500;
    per capita 250; benefit 760 − 500 = 260.00."""
    result = run(
        household(
            _PARENT,
            _STUDENT,
            incomes=(wage("500"),),
            expenses=(expense("education", "6000", "p2", "year"),),
        )
    )
    line = result.deductions[0]
    assert fmt(line.accepted_monthly) == "0.00"
    assert [r.code for r in line.reasons] == ["below_threshold"]
    assert fmt(result.benefit_monthly) == "260.00"


def test_the_threshold_is_the_households_for_all_its_claims_of_the_type() -> None:
    """Two students at 750 a month each; the one threshold of 1000 takes the first 750
    and 250 of the second: 0 + 500 deducted, as for one claim of 1500."""
    result = run(
        household(
            _PARENT,
            _STUDENT,
            _STUDENT,
            incomes=(wage("500"),),
            expenses=(expense("education", "750", "p2"), expense("education", "750", "p3")),
        )
    )
    assert [fmt(d.accepted_monthly) for d in result.deductions] == ["0.00", "500.00"]
    assert fmt(result.income.deductions_monthly) == "500.00"


def test_the_cap_applies_to_the_excess() -> None:
    """Schooling 3000 a month: 3000 − 1000 = 2000 above the threshold, capped at 600."""
    result = run(
        household(
            _PARENT,
            _STUDENT,
            incomes=(wage("500"),),
            expenses=(expense("education", "3000", "p2"),),
        )
    )
    line = result.deductions[0]
    assert fmt(line.accepted_monthly) == "600.00"
    assert [r.code for r in line.reasons] == ["above_threshold", "capped_per_household_monthly"]


def test_a_threshold_in_yuan_a_year_then_the_cap() -> None:
    """Rent 500 a month for the household: above 1200 a year (100 a month) 400, capped
    at 300 a month."""
    result = run(household(_PARENT, incomes=(wage("500"),), expenses=(expense("rent", "500"),)))
    line = result.deductions[0]
    assert (line.type, fmt(line.accepted_monthly)) == ("rent", "300.00")
    assert fmt(line.reasons[0].params["allowed"]) == "400.00"


def test_deductions_of_several_types_add_up_each_with_its_caps() -> None:
    """3 persons, wage 2000 a month (threshold 2 × 2000 = 4000):
    medical 300 for p2 → per-person cap 200; rent 500 → above 100: 400 → cap 300;
    schooling 5000 for p3 → above 4000: 1000 → cap 600. Deducted 200 + 300 + 600 = 1100;
    counted 2000 − 1100 = 900; per capita 300 < 380; benefit 1140 − 900 = 240.00."""
    result = run(
        household(
            _PARENT,
            {"age": 43},
            _STUDENT,
            incomes=(wage("2000"),),
            expenses=(
                expense("medical", "300", "p2"),
                expense("rent", "500"),
                expense("education", "5000", "p3"),
            ),
        )
    )
    assert [fmt(d.accepted_monthly) for d in result.deductions] == ["200.00", "300.00", "600.00"]
    assert fmt(result.income.deductions_monthly) == "1100.00"
    assert fmt(result.income.counted_monthly) == "900.00"
    assert fmt(result.benefit_monthly) == "240.00"


def test_deductions_of_several_types_add_up_without_caps_too() -> None:
    """Under `ladder` (no thresholds, no caps): medical 300 for p2, rehabilitation 100
    for the disabled p2, employment costs 50 for the employed p1 add up: 450."""
    result = run(
        household(
            _PARENT,
            {"age": 43, "disability": {"category": "physical", "grade": 3}},
            incomes=(wage("2000"),),
            expenses=(
                expense("medical", "300", "p2"),
                expense("disability_rehab", "100", "p2"),
                expense("employment_cost", "50", "p1"),
            ),
        ),
        "ladder",
    )
    assert [d.status for d in result.deductions] == ["accepted"] * 3
    assert fmt(result.income.deductions_monthly) == "450.00"


def test_a_disability_subsidy_is_not_counted_and_nothing_is_deducted_for_it() -> None:
    """Shipped Yizhang rules: the disability subsidies are government social assistance
    (social_assistance), not counted (S2 Art. 13), so they are not deducted again as the
    衡阳 model does for income that counts them. 2 persons: wage 600 + subsidy 200 a
    month: gross 800, not counted 200, deductions 0, counted 600; per capita 300 < 380;
    benefit 760 − 600 = 160.00."""
    hh = household(
        {"age": 40, "employment": "employed"},
        {"age": 38, "disability": {"category": "physical", "grade": 1}},
        incomes=(
            wage("600"),
            {"member": "p2", "type": "social_assistance", "amount": "200", "per": "month"},
        ),
    )
    result = assess(hh, load_rules("431022").at(ON))
    inc = result.income
    assert [
        fmt(v)
        for v in (
            inc.gross_monthly,
            inc.exempt_monthly,
            inc.deductions_monthly,
            inc.counted_monthly,
        )
    ] == ["800.00", "200.00", "0.00", "600.00"]
    assert result.deductions == ()
    assert [line.reason for line in result.incomes] == ["counted", "exempt"]
    assert fmt(result.benefit_monthly) == "160.00"


def _rule_file(tmp_path: Path, threshold: str) -> Path:
    path = tmp_path / "county.yaml"
    path.write_text(
        f"""schema: meanstest.rules/1
id: county
name: {{zh: 县, en: County}}
level: county
extends: ladder
parameters:
  deduction.education.threshold:
    description: {{zh: 扣减起点, en: Threshold}}
{threshold}
    values:
      - {{from: 2021-07-01, value: 2, provisional: true, note: test}}
""",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("unit", "says"),
    [
        ("", "give the unit of the amount"),
        ("    unit: share of standard", "'share of standard' is not a unit of this amount"),
    ],
)
def test_a_threshold_without_a_unit_it_allows_is_a_load_error_at_its_line(
    tmp_path: Path, unit: str, says: str
) -> None:
    """A threshold needs yuan/month, yuan/year or a share of household_income; the error
    names the file, the key and its line."""
    _rule_file(tmp_path, unit)
    for name in ("ladder.yaml",):
        (tmp_path / name).write_text((LADDER / name).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        RuleLibrary(tmp_path).load("county")
    problem = info.value.problems[0]
    assert info.value.path is not None
    assert info.value.path.endswith("county.yaml")
    assert problem.loc == "parameters.deduction.education.threshold.unit"
    assert says in problem.msg
    assert "share of household_income" in problem.msg
    assert problem.line is not None
    assert problem.line >= 7


# ------------------------------------------------------------------ 12. imputed income


def test_imputed_wage_counts_the_minimum_wage() -> None:
    """4 adults; p1's migrant wage cannot be established: 1700 a month counted. Per
    capita 1700 / 4 = 425 ≥ 380, < 570 → edge; the line shows 1700.00 a month, imputed."""
    result = run(household(_PARENT, {"age": 43}, {"age": 20}, {"age": 22}, incomes=(imputed(),)))
    line = result.incomes[0]
    assert (fmt(line.amount), line.per, fmt(line.monthly), line.basis, line.counted) == (
        "1700.00",
        "month",
        "1700.00",
        "minimum_wage",
        True,
    )
    assert fmt(result.income.counted_monthly) == "1700.00"
    assert result.status == "edge"


def test_the_real_amount_entered_instead_is_used() -> None:
    """The caseworker establishes the wage, 1200 a month: 1200 / 4 = 300 < 380 → dibao,
    1520 − 1200 = 320.00; no imputation step in the trace."""
    result = run(household(_PARENT, {"age": 43}, {"age": 20}, {"age": 22}, incomes=(wage("1200"),)))
    assert result.incomes[0].basis is None
    assert fmt(result.benefit_monthly) == "320.00"
    assert "imputed_income" not in [s.step for s in result.trace]


def test_imputed_wage_is_traced_citing_the_minimum_wage() -> None:
    result = run(household(_PARENT, incomes=(imputed(),)))
    step = next(s for s in result.trace if s.step == "imputed_income")
    assert (step.key, fmt(step.value), step.inputs["basis"]) == (
        "minimum_wage",
        "1700.00",
        "minimum_wage",
    )
    assert step.source is not None
    assert step.source.article == "第七十条"


def test_imputed_item_asked_per_year_shows_a_year() -> None:
    """per: year shows the year's amount: 1700 × 12 = 20400.00 a year, 1700.00 a month."""
    line = run(household(_PARENT, incomes=(imputed(per="year"),))).incomes[0]
    assert (fmt(line.amount), line.per, fmt(line.monthly)) == ("20400.00", "year", "1700.00")


def test_a_yearly_minimum_wage_that_is_not_whole_fen_a_month_is_shown_per_year() -> None:
    """A minimum wage of 20000 a year is 1666.666… a month: the line keeps the exact year
    (20000.00 a year, 1666.67 a month) and the test is on the exact figure: 4 persons at
    20000 a year < 4 × 4560 × 1.5 = 27360 but not < 18240 → edge."""
    result = run(
        household(_PARENT, {"age": 43}, {"age": 20}, {"age": 22}, incomes=(imputed(),)),
        changes=["minimum_wage=20000/year"],
    )
    line = result.incomes[0]
    assert (fmt(line.amount), line.per, fmt(line.monthly)) == ("20000.00", "year", "1666.67")
    assert result.status == "edge"


def test_no_minimum_wage_in_force_names_the_key() -> None:
    """`ladder` has no minimum wage: an imputed item cannot be counted."""
    with pytest.raises(RuleNotInForce) as info:
        run(household(_PARENT, incomes=(imputed(),)), "ladder")
    assert info.value.key == "minimum_wage"
    assert "minimum_wage" in str(info.value)


def test_imputed_income_of_a_member_not_counted_is_shown_not_counted() -> None:
    """p2 is in prison (not counted): the imputed item is shown at 1700 but not counted;
    p1 alone with no income: per capita 0, benefit 380.00."""
    result = run(household(_PARENT, {"age": 40, "status": "imprisoned"}, incomes=(imputed("p2"),)))
    line = result.incomes[0]
    assert (line.reason, fmt(line.amount), line.basis) == ("not_member", "1700.00", "minimum_wage")
    assert fmt(result.income.gross_monthly) == "0.00"
    assert fmt(result.benefit_monthly) == "380.00"


def test_imputed_wage_counts_in_the_tekun_own_income_test() -> None:
    """A 62-year-old alone with an imputed wage of 1700 ≥ 380: own income too high for
    特困 (no livelihood fails)."""
    tekun = run(household({"age": 62, "supporters": []}, incomes=(imputed(),))).members[0].tekun
    assert tekun is not None
    assert tekun.eligible is False
    assert (tekun.conditions[1].met, tekun.conditions[1].reason.code) == (
        False,
        "tekun_income_over",
    )


def test_imputation_is_for_wage_income_only() -> None:
    """basis minimum_wage on a pension: an error at incomes.0.basis."""
    hh = household(_PARENT, incomes=({"member": "p1", "type": "pension", "basis": "minimum_wage"},))
    with pytest.raises(HouseholdInvalid) as info:
        run(hh)
    assert info.value.problems[0].loc == "incomes.0.basis"
    assert "not wage income" in info.value.problems[0].msg


@pytest.mark.parametrize(
    ("item", "loc", "says"),
    [
        ({"type": "wage", "per": "month"}, "incomes.0", "exactly one of amount"),
        (
            {"type": "wage", "amount": "1", "per": "month", "basis": "minimum_wage"},
            "incomes.0",
            "exactly one of amount",
        ),
        ({"type": "wage", "amount": "1"}, "incomes.0.per", "give month or year"),
        ({"type": "wage", "basis": "average_wage"}, "incomes.0.basis", "minimum_wage"),
    ],
)
def test_an_item_gives_exactly_one_of_amount_and_basis(
    item: dict[str, Any], loc: str, says: str
) -> None:
    with pytest.raises(HouseholdInvalid) as info:
        household(_PARENT, incomes=(item,))
    assert info.value.problems[0].loc == loc
    assert says in info.value.problems[0].msg


def test_household_says_when_an_item_is_imputed() -> None:
    """For an engine that computes only from declared amounts (the columnar one)."""
    assert household(_PARENT, incomes=(imputed(),)).has_imputed_income is True
    assert household(_PARENT, incomes=(wage("1"),)).has_imputed_income is False
