"""The building blocks of rule files that counties write (issue 12): units on every
amount, exact eligibility, per-member rounding, minimum benefits, comparisons and the
phase-out ceiling.

The rules are the `ladder` fixture (tests/fixtures/rules/ladder/ladder.yaml: rural
standard 380 a month, urban 500, edge 1.5 ×, 特困 basic 1.3 × the standard, care 0.1 /
0.3 / 0.6 of it, top-ups for the elderly, minors, the ill and the severely disabled,
phase-out 6 months) and the `blocks_*` files beside it, each changing one thing; and
the shipped Yizhang rules for the exactness cases. Every expected figure is worked by
hand in the test.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

from conftest import FIXTURES

from meanstest.engine import assess
from meanstest.model.household import Household, parse_household
from meanstest.model.result import Assessment
from meanstest.money import fmt
from meanstest.ruleset.load import RuleLibrary, load_rules, overlay
from meanstest.ruleset.model import RuleSet

ON = dt.date(2021, 12, 1)
ON_2025 = dt.date(2025, 3, 1)


@functools.cache
def _rule_set(rule_id: str) -> RuleSet:
    return RuleLibrary(FIXTURES / "rules" / "ladder").load(rule_id)


def household(
    *members: dict[str, Any],
    incomes: tuple[dict[str, Any], ...] = (),
    expenses: tuple[dict[str, Any], ...] = (),
    area: str = "rural",
    current: dict[str, Any] | None = None,
) -> Household:
    """A household; the first member is the applicant, the others spouse or child."""
    listed = []
    for i, m in enumerate(members, start=1):
        relation = "applicant" if i == 1 else "child" if m.get("age", 40) < 18 else "spouse"
        listed.append({"id": f"p{i}", "relation": relation, **m})
    data: dict[str, Any] = {
        "area": area,
        "members": listed,
        "incomes": list(incomes),
        "expenses": list(expenses),
    }
    if current is not None:
        data["current"] = current
    return parse_household(data)


def wage(amount: str, per: str = "month", member: str = "p1") -> dict[str, Any]:
    """A wage income item."""
    return {"member": member, "type": "wage", "amount": amount, "per": per}


def run(
    hh: Household, rule_id: str = "ladder", on: dt.date = ON, changes: list[str] | None = None
) -> Assessment:
    """Assess a household under a fixture rule set (with --set changes, if any)."""
    rule_set = _rule_set(rule_id)
    if changes:
        rule_set = overlay(rule_set, changes)
    return assess(hh, rule_set.at(on))


def codes(result: Assessment) -> list[str]:
    """The codes of the household's reasons."""
    return [r.code for r in result.reasons]


_ALONE_72 = {"age": 72, "supporters": []}


# ------------------------------------------------------------------ 1. units


def test_blocks_yearly_tekun_basic_is_a_twelfth_a_month() -> None:
    """特困 basic 5100 yuan a year is 425.00 a month, not 5100 (5100 / 12 = 425)."""
    result = run(household(_ALONE_72), "blocks_units")
    tekun = result.members[0].tekun
    assert tekun is not None
    assert tekun.eligible is True
    assert fmt(tekun.basic_monthly) == "425.00"
    # full self-care: 0.1 of the basic standard = 42.50
    assert fmt(tekun.care_monthly) == "42.50"


def test_blocks_yearly_top_up_is_a_twelfth_a_month() -> None:
    """A minor's top-up of 5280 a year adds 440.00 a month: urban standard 1100, three
    persons at 700 per capita (wage 2100) → gap (1100 − 700) × 3 = 1200 + 440 = 1640."""
    hh = household(
        {"age": 40, "employment": "employed"},
        {"age": 40},
        {"age": 10},
        incomes=(wage("2100"),),
        area="urban",
    )
    result = run(hh, "blocks_units")
    assert result.status == "dibao"
    assert fmt(result.standard_monthly) == "1100.00"
    assert fmt(result.members[2].top_up.monthly) == "440.00"
    assert fmt(result.benefit_monthly) == "1640.00"


def test_blocks_care_is_an_exact_fraction_of_last_years_minimum_wage() -> None:
    """Care for a partly lost self-care (2 of 6 failed) at 1/6 of a 1700 minimum wage:
    1700 / 6 = 283.333… → 283.33; basic 1.3 × 380 = 494.00; together 777.33."""
    hh = household({**_ALONE_72, "self_care_failed": ["bathing", "dressing"]})
    tekun = run(hh, "blocks_minimum").members[0].tekun
    assert tekun is not None
    assert tekun.self_care == "partial"
    assert fmt(tekun.basic_monthly) == "494.00"
    assert fmt(tekun.care_monthly) == "283.33"
    assert tekun.total_monthly is not None
    assert fmt(tekun.total_monthly) == "777.33"


def test_blocks_set_keeps_the_unit_of_the_rule_it_changes() -> None:
    """--set tekun.basic=1.4 stays a share of the standard: 1.4 × 380 = 532.00."""
    tekun = run(household(_ALONE_72), changes=["tekun.basic=1.4"]).members[0].tekun
    assert tekun is not None
    assert fmt(tekun.basic_monthly) == "532.00"


def test_blocks_set_with_a_unit_changes_it() -> None:
    """--set tekun.basic=6000/year is 500.00 a month."""
    tekun = run(household(_ALONE_72), changes=["tekun.basic=6000/year"]).members[0].tekun
    assert tekun is not None
    assert fmt(tekun.basic_monthly) == "500.00"


# ------------------------------------------------------------------ 2. exactness


def _yizhang(*members: dict[str, Any], income: str) -> Assessment:
    hh = household(*members, incomes=(wage(income, "year"),))
    return assess(hh, load_rules("431022").at(ON))


_SPOUSE_GRADE_1 = {
    "age": 36,
    "disability": {"category": "physical", "grade": 1},
    "employment": "unemployed",
}


def test_blocks_two_persons_a_fen_below_the_line_are_dibao_with_nothing_to_pay() -> None:
    """9119.99 a year for two at 380: per capita 379.9996 < 380 → dibao, eligible; the gap
    (9120 − 9119.99) / 12 = 0.00083 rounds to 0.00, and the reason says so (never the
    single-person route on a rounded figure)."""
    result = _yizhang({"age": 40, "employment": "employed"}, _SPOUSE_GRADE_1, income="9119.99")
    assert (result.status, result.eligible, fmt(result.benefit_monthly)) == ("dibao", True, "0.00")
    assert "gap_rounds_to_nothing" in codes(result)
    assert not any(m.single_person for m in result.members)


def test_blocks_gap_of_a_fraction_of_a_fen_is_still_dibao() -> None:
    """9119.95 a year: gap 0.05 / 12 = 0.0042 → 0.00, dibao (it used to pay 380.00 as
    dibao_single); 9119.94: gap 0.06 / 12 = 0.005 → half up → 0.01."""
    at_95 = _yizhang({"age": 40, "employment": "employed"}, _SPOUSE_GRADE_1, income="9119.95")
    assert (at_95.status, fmt(at_95.benefit_monthly)) == ("dibao", "0.00")
    at_94 = _yizhang({"age": 40, "employment": "employed"}, _SPOUSE_GRADE_1, income="9119.94")
    assert (at_94.status, fmt(at_94.benefit_monthly)) == ("dibao", "0.01")
    assert "gap_rounds_to_nothing" not in codes(at_94)


def test_blocks_one_person_a_fen_below_the_line_is_dibao() -> None:
    """4559.99 a year alone: below 4560 → dibao, eligible, 0.00 (it used to be edge)."""
    result = _yizhang({"age": 40, "employment": "employed"}, income="4559.99")
    assert (result.status, result.eligible, fmt(result.benefit_monthly)) == ("dibao", True, "0.00")


# ------------------------------------------------------------------ 3. per-member rounding


def test_blocks_rounding_up_per_member_then_added() -> None:
    """Three persons, counted 83.33 a month: gap 3 × 380 − 83.33 = 1056.67; per member
    352.2233 → up to the yuan 353 → 3 × 353 = 1059.00 (on the household: 1057.00)."""
    hh = household(
        {"age": 40, "employment": "employed"}, {"age": 40}, {"age": 40}, incomes=(wage("83.33"),)
    )
    per_member = run(hh, "blocks_rounding")
    assert fmt(per_member.benefit_monthly) == "1059.00"
    assert per_member.benefit.rounding is not None
    assert fmt(per_member.benefit.rounding.before) == "1056.67"
    once = run(hh, "blocks_rounding", changes=["rounding.stage=household_benefit"])
    assert fmt(once.benefit_monthly) == "1057.00"


# ------------------------------------------------------------------ 4. minimum benefit


def test_blocks_minimum_benefit_per_person() -> None:
    """Standard 380, three persons at 360 per capita: gap 60; at least 20% of the
    standard per person, 76 × 3 = 228.00."""
    hh = household(
        {"age": 40, "employment": "employed"}, {"age": 40}, {"age": 40}, incomes=(wage("1080"),)
    )
    result = run(hh, "blocks_minimum")
    assert result.status == "dibao"
    assert fmt(result.benefit_monthly) == "228.00"
    assert "minimum_benefit" in codes(result)
    assert [s.step for s in result.trace].count("minimum_benefit") == 1


def test_blocks_minimum_benefit_not_applied_above_it() -> None:
    """At 200 per capita the gap (380 − 200) × 3 = 540 is above 228: 540.00, no note."""
    hh = household(
        {"age": 40, "employment": "employed"}, {"age": 40}, {"age": 40}, incomes=(wage("600"),)
    )
    result = run(hh, "blocks_minimum")
    assert fmt(result.benefit_monthly) == "540.00"
    assert "minimum_benefit" not in codes(result)


def test_blocks_minimum_benefit_per_household() -> None:
    """A minimum of 100 a household: a gap of (380 − 370) × 1 = 10 is raised to 100.00."""
    hh = household({"age": 40, "employment": "employed"}, incomes=(wage("370"),))
    result = run(hh, changes=["benefit.minimum.per_household=100/month"])
    assert fmt(result.benefit_monthly) == "100.00"
    assert "minimum_benefit" in codes(result)


# ------------------------------------------------------------------ 9. comparisons


def _rigid_household() -> Household:
    # wage 150000 a year; medical costs 120000 a year (deducted: counted 30000, per
    # capita 833.33 a month, above the edge line 570): rigid share 120000 / 150000 = 0.8.
    return household(
        {"age": 40, "employment": "employed"},
        {"age": 40},
        {"age": 40},
        incomes=(wage("150000", "year"),),
        expenses=({"member": "p1", "type": "medical", "amount": "120000", "per": "year"},),
    )


def test_blocks_rigid_not_below_80_percent_is_met_at_exactly_80() -> None:
    """A ratio "not lower than 80%" is met at exactly 120000 of 150000."""
    result = run(_rigid_household(), "blocks_thresholds", ON_2025)
    assert result.status == "rigid_expenditure"
    assert result.rigid is not None
    assert result.rigid.share == Decimal("0.8")


def test_blocks_rigid_above_80_percent_is_not_met_at_exactly_80() -> None:
    """The national wording "above 80%" (the default) is not met at exactly 80%."""
    result = run(
        _rigid_household(), "blocks_thresholds", ON_2025, changes=["rigid.expenditure_ratio=0.8"]
    )
    # --set keeps the value's comparison; the ladder's own rule says "above".
    plain = run(
        _rigid_household(),
        "ladder",
        ON_2025,
        changes=["rigid.expenditure_ratio=0.8", "rigid.disposable_income.rural=60000/year"],
    )
    assert plain.status == "not_eligible"
    assert plain.rigid is not None
    assert plain.rigid.met is False
    assert result.status == "rigid_expenditure"


# ------------------------------------------------------------------ 10. phase-out ceiling


def _renewal(monthly_wage: str) -> Household:
    return household(
        {"age": 40, "employment": "employed"},
        incomes=(wage(monthly_wage),),
        current={"status": "dibao", "monthly_benefit": "380", "since": "2021-01-01"},
    )


def test_blocks_phase_out_below_the_ceiling() -> None:
    """Per capita 456 = 1.2 × 380, below the 1.5 × ceiling: phase-out for 6 months."""
    result = run(_renewal("456"), "blocks_thresholds")
    assert result.status == "phase_out"
    assert result.phase_out is not None
    assert result.phase_out.months == 6
    assert fmt(result.benefit_monthly) == "380.00"


def test_blocks_phase_out_stopped_at_the_ceiling() -> None:
    """Per capita 760 = 2 × 380, at or above the 1.5 × ceiling (570): no phase-out."""
    result = run(_renewal("760"), "blocks_thresholds")
    assert result.status == "not_eligible"
    assert fmt(result.benefit_monthly) == "0.00"
    assert "phase_out_ceiling" in codes(result)
    assert "phase_out" not in codes(result)
