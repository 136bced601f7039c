"""Unit tests of the assistance ladder (issue 3): top-ups, phase-out, tiers, rigid
expenditure, 特困 and unsupported children, their JSON and their messages.

The rules come from tests/fixtures/rules/ladder/ (see the comments at the top of each
file). Unless a test says otherwise, `ladder` applies on 2021-12-01:

- rural standard 4560 yuan/year = 380 a month; edge line 1.5 × 380 = 570 a month;
- 特困 basic 1.3 × 380 = 494.00; care 0.1 / 0.3 / 0.6 × 494 = 49.40 / 148.20 / 296.40;
- top-ups (highest of): seriously ill 0.2 × 380 = 76.00; elderly (60+) 0.1 × 380 =
  38.00; minor (under 18) 0.1 × 380 = 38.00; severe disability (grade 1–2) 0.15 × 380
  = 57.00;
- phase-out 6 months; medical costs deductible, education costs not;
- from 2025-01-01: rigid expenditure (medical, education, rehabilitation) above 0.5 of
  income, rural disposable income 20000 a year; valid 12 months;
- benefit rounded half up to the fen, on the household's amount.

Every expected value is worked by hand in the test or its comments.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from meanstest.api import assess_file
from meanstest.engine import assess
from meanstest.engine.context import Context, Tracer
from meanstest.engine.ladder import rigid_expenditure
from meanstest.errors import RuleNotInForce
from meanstest.model.contract import validate_assessment
from meanstest.model.household import Household, parse_household
from meanstest.model.result import Assessment, Reason
from meanstest.money import fmt
from meanstest.render.json import to_json
from meanstest.render.labels import MESSAGES, message
from meanstest.ruleset.load import RuleLibrary, load_rules, overlay
from meanstest.ruleset.model import RulesAt

ROOT = Path(__file__).resolve().parent.parent
LADDER_RULES = Path(__file__).resolve().parent / "fixtures" / "rules" / "ladder"
ON = dt.date(2021, 12, 1)
ON_2025 = dt.date(2025, 3, 1)


# ------------------------------------------------------------------ helpers


@functools.cache
def _library() -> RuleLibrary:
    return RuleLibrary(LADDER_RULES)


def rules(rule_id: str = "ladder", on: dt.date = ON) -> RulesAt:
    """Return the ladder fixture rule set ``rule_id`` in force on ``on``."""
    return _library().load(rule_id).at(on)


@functools.cache
def _yizhang() -> Any:
    return load_rules("431022")


def household(
    *members: dict[str, Any],
    incomes: tuple[dict[str, Any], ...] = (),
    expenses: tuple[dict[str, Any], ...] = (),
    assets: tuple[dict[str, Any], ...] = (),
    current: dict[str, Any] | None = None,
    area: str = "rural",
) -> Household:
    """Build a household; the first member is the applicant (ids p1, p2, … by position)."""
    listed = [
        {"id": f"p{i}", "relation": "applicant" if i == 1 else "other", **m}
        for i, m in enumerate(members, start=1)
    ]
    data: dict[str, Any] = {
        "area": area,
        "members": listed,
        "incomes": list(incomes),
        "expenses": list(expenses),
        "assets": list(assets),
    }
    if current is not None:
        data["current"] = current
    return parse_household(data)


def item(type_: str, amount: str, per: str = "month", member: str | None = "p1") -> dict[str, Any]:
    """Return an income or expense item."""
    out = {"type": type_, "amount": amount, "per": per}
    return out if member is None else {**out, "member": member}


def run(hh: Household, rule_id: str = "ladder", on: dt.date = ON) -> Assessment:
    """Assess a household under a ladder fixture rule set."""
    return assess(hh, rules(rule_id, on))


def member(result: Assessment, member_id: str) -> Any:
    """Return one member's result by id."""
    return next(m for m in result.members if m.id == member_id)


def codes(result: Assessment) -> list[str]:
    """Return the codes of the household's reasons."""
    return [r.code for r in result.reasons]


def test_ladder_fixture_rules_load() -> None:
    """Every rule file in tests/fixtures/rules/ladder loads and resolves without warnings."""
    ids = _library().ids()
    assert "ladder" in ids
    for rule_id in ids:
        at = _library().load(rule_id).at(ON)
        assert at.params
        assert not any(p.provisional for p in at.params.values())


# ---------------------------------------------------------------- 分类施保 top-ups

# A seriously ill 65-year-old p1 and p2 (40) with wage 300/month: per capita 150,
# gap (380 − 150) × 2 = 460. p1 is in two groups: elderly 38.00, seriously ill 76.00.
# 特困 plays no part: p2 (40, not disabled) is p1's able co-resident supporter.
_ILL_ELDER = ({"age": 65, "serious_illness": True}, {"age": 40, "employment": "employed"})
_ILL_ELDER_INCOME = (item("wage", "300", member="p2"),)


def test_top_up_combine_highest_pays_the_largest_group() -> None:
    """With `combine: highest`, a member in two groups gets only the larger top-up."""
    result = run(household(*_ILL_ELDER, incomes=_ILL_ELDER_INCOME))
    p1 = member(result, "p1")
    assert result.status == "dibao"
    assert p1.top_up.groups == ("serious_illness",)
    assert fmt(p1.top_up.monthly) == "76.00"  # max(38, 76)
    assert member(result, "p2").top_up is None
    assert fmt(result.benefit.top_ups) == "76.00"
    assert fmt(result.benefit_monthly) == "536.00"  # 460 + 76


def test_top_up_combine_sum_adds_every_group() -> None:
    """With `combine: sum`, a member in two groups gets both top-ups."""
    result = run(household(*_ILL_ELDER, incomes=_ILL_ELDER_INCOME), "ladder_sum")
    p1 = member(result, "p1")
    assert set(p1.top_up.groups) == {"elderly", "serious_illness"}
    assert fmt(p1.top_up.monthly) == "114.00"  # 38 + 76
    assert fmt(result.benefit_monthly) == "574.00"  # 460 + 114


def test_top_up_fixed_monthly_amount_instead_of_share() -> None:
    """A group with a fixed `monthly` amount pays that amount, not a share of the standard."""
    # ladder_monthly: seriously ill 100.00 a month (no share); elderly still 38.00.
    result = run(household(*_ILL_ELDER, incomes=_ILL_ELDER_INCOME), "ladder_monthly")
    p1 = member(result, "p1")
    assert p1.top_up.groups == ("serious_illness",)
    assert fmt(p1.top_up.monthly) == "100.00"  # max(38, 100)
    assert fmt(result.benefit_monthly) == "560.00"  # 460 + 100


def test_top_up_share_of_standard_for_severe_disability() -> None:
    """A grade-2 disabled member gets 0.15 × 380 = 57.00; a grade-3 one gets nothing."""
    # p1 physical grade 2, p2 physical grade 3, p3 (40) wage 300: per capita 100,
    # gap (380 − 100) × 3 = 840; top-up p1 57 → 897.00.
    result = run(
        household(
            {"age": 40, "disability": {"category": "physical", "grade": 2}},
            {"age": 40, "disability": {"category": "physical", "grade": 3}},
            {"age": 40, "employment": "employed"},
            incomes=(item("wage", "300", member="p3"),),
        )
    )
    assert result.status == "dibao"
    assert member(result, "p1").top_up.groups == ("severe_disability",)
    assert fmt(member(result, "p1").top_up.monthly) == "57.00"
    assert member(result, "p2").top_up is None
    assert fmt(result.benefit_monthly) == "897.00"


def test_top_up_not_paid_to_an_edge_household() -> None:
    """An edge household gets no benefit, so no top-up, even for an elderly member."""
    # p1 (65) wage 800: per capita 400 ≥ 380, < 570 → edge; nobody enrolled alone.
    result = run(household({"age": 65}, {"age": 40}, incomes=(item("wage", "800"),)))
    assert result.status == "edge"
    assert all(m.top_up is None for m in result.members)
    assert fmt(result.benefit.top_ups) == "0.00"
    assert fmt(result.benefit_monthly) == "0.00"


def test_top_up_only_for_the_member_enrolled_alone() -> None:
    """In a single-person enrolment only the enrolled member gets a top-up."""
    # p1 (65) wage 800: per capita 400 → edge. p2 (40) physical grade 2, no income →
    # enrolled alone (单人户施保): 380 − 0 = 380; severe-disability top-up 57;
    # benefit 380 + 57 = 437.00. p1 is elderly but not enrolled: no top-up.
    result = run(
        household(
            {"age": 65, "employment": "employed"},
            {"age": 40, "disability": {"category": "physical", "grade": 2}},
            incomes=(item("wage", "800"),),
        )
    )
    assert result.status == "dibao_single"
    assert member(result, "p1").top_up is None
    assert fmt(member(result, "p2").top_up.monthly) == "57.00"
    assert fmt(result.benefit_monthly) == "437.00"


def test_top_up_added_before_the_single_rounding() -> None:
    """Top-ups join the gap before the one rounding (to the yuan, half up)."""
    # ladder_round: unit 1 yuan, half up; elderly top-up 0.125 × 380 = 47.50.
    # p1 (65) alone, farming 1000/year = 83.333…/month; gap 380 − 83.333… = 296.666…
    # raw 296.666… + 47.50 = 344.1666… → 344.00. (Rounding each part first would give
    # 297 + 48 = 345.)
    result = run(
        household(
            {"age": 65, "supporters": [{"relation": "child", "able_to_support": True}]},
            incomes=(item("farming", "1000", "year"),),
        ),
        "ladder_round",
    )
    assert fmt(member(result, "p1").top_up.monthly) == "47.50"
    assert result.benefit.rounding is not None
    assert result.benefit.rounding.before.quantize(Decimal("0.0001")) == Decimal("344.1667")
    assert fmt(result.benefit_monthly) == "344.00"


# ---------------------------------------------------------------- 渐退 phase-out

# 3 persons, p1 employed: wage 1260/month → per capita 420 (≥ 380, < 570).
_FAMILY = (
    {"age": 37, "employment": "employed"},
    {"age": 12, "relation": "child"},
    {"age": 8, "relation": "child"},
)


def test_phase_out_current_period_paid_through_its_last_month() -> None:
    """A phase-out decided on 2022-01-10 pays 2022-02 to 2022-07, still paid on 2022-07-20."""
    result = run(
        household(
            *_FAMILY,
            incomes=(item("wage", "1260"),),
            current={"status": "phase_out", "monthly_benefit": "570", "since": "2022-01-10"},
        ),
        on=dt.date(2022, 7, 20),
    )
    assert result.status == "phase_out"
    assert result.eligible is True  # paid until the phase-out ends (benefit ≠ 0.00)
    assert result.phase_out is not None
    assert (result.phase_out.start, result.phase_out.until) == ("2022-02", "2022-07")
    assert result.phase_out.ended is False
    assert fmt(result.benefit_monthly) == "570.00"
    assert result.benefit.method == "phase_out"


def test_phase_out_ended_stops_the_benefit() -> None:
    """Assessed in 2022-08, after the last month 2022-07, the phase-out has ended."""
    # One person, wage 1000/month: per capita 1000 ≥ 570 → not eligible once ended.
    result = run(
        household(
            {"age": 37, "employment": "employed"},
            incomes=(item("wage", "1000"),),
            current={"status": "phase_out", "monthly_benefit": "300", "since": "2022-01-10"},
        ),
        on=dt.date(2022, 8, 1),
    )
    assert result.status == "not_eligible"
    assert result.eligible is False
    assert result.phase_out is not None
    assert result.phase_out.ended is True
    assert result.phase_out.until == "2022-07"
    assert "phase_out_ended" in codes(result)
    ended = next(r for r in result.reasons if r.code == "phase_out_ended")
    assert ended.params["until"] == "2022-07"
    assert fmt(result.benefit_monthly) == "0.00"


def test_phase_out_granted_from_the_month_after_across_a_year_end() -> None:
    """A job found on 2022-12-20 gives a phase-out from 2023-01 to 2023-06."""
    # 6 months from the month after the decision: 2023-01 … 2023-06.
    result = run(
        household(
            *_FAMILY,
            incomes=(item("wage", "1260"),),
            current={"status": "dibao", "monthly_benefit": "570", "since": "2021-12-01"},
        ),
        on=dt.date(2022, 12, 20),
    )
    assert result.status == "phase_out"
    assert result.phase_out is not None
    assert (result.phase_out.months, result.phase_out.start, result.phase_out.until) == (
        6,
        "2023-01",
        "2023-06",
    )
    assert fmt(result.phase_out.monthly) == "570.00"


def test_phase_out_not_granted_when_income_rose_without_work() -> None:
    """Income that rose through rent, not a job, gets no phase-out (S2 Art. 33)."""
    # rent 1260/month: per capita 420 → edge; p1 has no wage income.
    result = run(
        household(
            {"age": 37, "employment": "unemployed"},
            {"age": 12, "relation": "child"},
            {"age": 8, "relation": "child"},
            incomes=(item("rent", "1260"),),
            current={"status": "dibao", "monthly_benefit": "570", "since": "2021-12-01"},
        ),
        on=dt.date(2022, 3, 15),
    )
    assert result.phase_out is None
    assert result.status == "edge"
    assert fmt(result.benefit_monthly) == "0.00"


def test_phase_out_not_granted_to_a_household_not_on_dibao() -> None:
    """An edge household whose income rose through work has no dibao to phase out."""
    result = run(
        household(
            *_FAMILY,
            incomes=(item("wage", "1260"),),
            current={"status": "edge", "since": "2021-12-01"},
        ),
        on=dt.date(2022, 3, 15),
    )
    assert result.phase_out is None
    assert result.status == "edge"


def test_phase_out_not_applied_when_income_fell_back_below_standard() -> None:
    """In phase-out but back below the standard: plain dibao, paid the gap."""
    # p1 (37) wage 600, p2 (35): per capita 300 < 380 → dibao; (380 − 300) × 2 = 160.00.
    result = run(
        household(
            {"age": 37, "employment": "employed"},
            {"age": 35, "relation": "spouse", "employment": "unemployed"},
            incomes=(item("wage", "600"),),
            current={"status": "phase_out", "monthly_benefit": "570", "since": "2022-01-10"},
        ),
        on=dt.date(2022, 5, 1),
    )
    assert result.phase_out is None
    assert result.status == "dibao"
    assert result.benefit.method == "household_gap"
    assert fmt(result.benefit_monthly) == "160.00"


# ------------------------------------------------------------------- 分档 tiers

# ladder_tiered: per capita below 95 → 304 (0.8 × 380); below 190 → 220; below 285 → 140;
# nothing from 285 up.


def test_tiered_per_capita_at_a_bound_goes_to_the_next_tier() -> None:
    """Per capita exactly 0.5 × 380 = 190 is not below 190: the 140 tier, not 220."""
    result = run(household({"age": 40}, incomes=(item("wage", "190"),)), "ladder_tiered")
    assert result.status == "dibao"
    assert result.benefit.method == "tiered"
    assert fmt(result.benefit_monthly) == "140.00"  # 140 × 1
    assert {k: fmt(v) for k, v in result.benefit.alternatives.items()} == {
        "household_gap": "190.00",
        "tiered": "140.00",
    }  # gap 380 − 190


def test_tiered_per_capita_just_below_a_bound_stays_in_the_tier() -> None:
    """Per capita 189.99 is below 190: the 220 tier."""
    result = run(household({"age": 40}, incomes=(item("wage", "189.99"),)), "ladder_tiered")
    assert fmt(result.benefit_monthly) == "220.00"


def test_tiered_share_of_standard_tier() -> None:
    """A tier given as a share pays 0.8 × 380 = 304.00 per person."""
    # p1 (40) wage 100, p2 (40) none: per capita 50 < 95 → 304 × 2 = 608.00.
    result = run(
        household({"age": 40}, {"age": 40}, incomes=(item("wage", "100"),)), "ladder_tiered"
    )
    assert fmt(result.benefit_monthly) == "608.00"


def test_tiered_above_all_tiers_pays_nothing() -> None:
    """Per capita 300 (≥ 285, the highest bound) is in no tier: dibao, nothing to pay."""
    result = run(household({"age": 40}, incomes=(item("wage", "300"),)), "ladder_tiered")
    # 300 < 380: eligible for dibao on the exact figures (issue 12), but no tier pays
    # anything, so the benefit is 0.00 and a reason says the payment comes to nothing.
    assert result.status == "dibao"
    assert "gap_rounds_to_nothing" in [r.code for r in result.reasons]
    assert fmt(result.benefit_monthly) == "0.00"
    assert {k: fmt(v) for k, v in result.benefit.alternatives.items()} == {
        "household_gap": "80.00",
        "tiered": "0.00",
    }  # gap 380 − 300


def test_tiered_top_ups_added_to_the_tier() -> None:
    """Top-ups are added to the tiered amount, and to the gap alternative."""
    # p1 (40) wage 200, p2 (10): per capita 100 → 220 tier × 2 = 440; p2 minor 38.
    # tiered 440 + 38 = 478.00; gap 760 − 200 = 560 + 38 = 598.00.
    result = run(
        household(
            {"age": 40, "employment": "employed"},
            {"age": 10, "relation": "child"},
            incomes=(item("wage", "200"),),
        ),
        "ladder_tiered",
    )
    assert fmt(result.benefit_monthly) == "478.00"
    assert {k: fmt(v) for k, v in result.benefit.alternatives.items()} == {
        "household_gap": "598.00",
        "tiered": "478.00",
    }


def test_tiered_without_tiers_is_rule_not_in_force() -> None:
    """`benefit.method: tiered` with no tiers in force cannot be paid: RuleNotInForce."""
    with pytest.raises(RuleNotInForce) as caught:
        run(household({"age": 40}, incomes=(item("wage", "100"),)), "ladder_notiers")
    assert caught.value.key == "benefit.tiers"


# ------------------------------------------------------------ 刚性支出 rigid expenditure


def _rigid_direct(
    expenses: tuple[dict[str, Any], ...], size: int, counted: str, income: str
) -> Any:
    """Run the rigid-expenditure test alone, with annual counted and gross income."""
    ctx = Context(rules(on=ON_2025))
    members = [{"age": 40} for _ in range(size)]
    home = household(*members, expenses=expenses)
    return rigid_expenditure(
        home, ctx, Tracer(ctx), {m.id for m in home.members}, Decimal(counted), Decimal(income)
    )


def test_rigid_zero_income_with_expenditure_is_met() -> None:
    """Rigid spending against no income at all: the share is undefined (infinite), met."""
    rigid = _rigid_direct((item("medical", "1000", "year"),), 1, "0", "0")
    assert rigid.assessed is True
    assert rigid.met is True
    assert rigid.share is None
    assert rigid.reason.code == "rigid_met"


def test_rigid_zero_income_and_zero_expenditure_is_not_met() -> None:
    """No rigid spending at all is never above the ratio, even with no income."""
    # S4 Art. 4(4): rigid expenditure ÷ income above the local ratio. 0 spent has no
    # share above 0.5; a household that spends nothing on medical, school or
    # rehabilitation is not a rigid-expenditure household.
    rigid = _rigid_direct((), 1, "0", "0")
    assert rigid.met is False


def test_rigid_per_capita_at_disposable_income_is_not_met() -> None:
    """Per-capita income equal to last year's disposable income is not below it."""
    # 2 persons, wage 40000/year; education 25000 (not deductible here).
    # counted 40000 → per capita 20000/year = the 20000 limit → not below → not met.
    # (Per capita 1666.67/month > 570: neither dibao nor edge, so the test is made.)
    result = run(
        household(
            {"age": 44, "employment": "employed"},
            {"age": 42},
            incomes=(item("wage", "40000", "year"),),
            expenses=(item("education", "25000", "year", member="p2"),),
        ),
        on=ON_2025,
    )
    assert result.status == "not_eligible"
    assert result.rigid is not None
    assert (result.rigid.assessed, result.rigid.met) == (True, False)
    assert result.rigid.reason.code == "rigid_income_over"
    assert result.rigid.valid_until is None


def test_rigid_per_capita_just_below_disposable_income_is_tested_on_share() -> None:
    """Per capita one fen a year under the limit passes; then the share decides."""
    # wage 39999.98/year: per capita 19999.99 < 20000; share 25000 / 39999.98 = 62.5%
    # > 50% → met.
    result = run(
        household(
            {"age": 44, "employment": "employed"},
            {"age": 42},
            incomes=(item("wage", "39999.98", "year"),),
            expenses=(item("education", "25000", "year", member="p2"),),
        ),
        on=ON_2025,
    )
    assert result.status == "rigid_expenditure"
    assert result.rigid is not None
    assert result.rigid.met is True
    assert result.rigid.share is not None
    assert result.rigid.share.quantize(Decimal("0.0001")) == Decimal("0.6250")


def test_rigid_missing_disposable_income_is_not_assessed() -> None:
    """The shipped Yizhang rules in 2025 have no disposable income: rigid_not_set."""
    # wages 60000, medical 31000 deducted: per capita 805.56 > 570 → not eligible → test.
    hh = household(
        {"age": 44, "employment": "employed"},
        {"age": 42, "employment": "employed"},
        {"age": 13, "relation": "child", "education": "primary"},
        incomes=(item("wage", "36000", "year"), item("wage", "24000", "year", "p2")),
        expenses=(item("medical", "31000", "year", "p2"),),
    )
    result = assess(hh, _yizhang().at(ON_2025))
    assert result.status == "not_eligible"
    assert result.rigid is not None
    assert (result.rigid.assessed, result.rigid.met) == (False, False)
    assert result.rigid.reason.code == "rigid_not_set"
    assert result.rigid.reason.params["key"] == "rigid.disposable_income.rural"


def test_rigid_missing_ratio_is_not_assessed() -> None:
    """Without a ratio in force the test is not made, and the missing key is named."""
    result = run(
        household(
            {"age": 44, "employment": "employed"},
            {"age": 42},
            incomes=(item("wage", "40000", "year"),),
            expenses=(item("education", "25000", "year", member="p2"),),
        ),
        "ladder_noratio",
        on=ON_2025,
    )
    assert result.rigid is not None
    assert result.rigid.assessed is False
    assert result.rigid.reason.params["key"] == "rigid.expenditure_ratio"


def test_rigid_not_tested_for_an_edge_household() -> None:
    """An edge household is not a rigid-expenditure candidate (S4 Art. 4(1))."""
    # 2 persons, wage 9600/year = 800/month: per capita 400 → edge; education 8000
    # (83% of income, not deductible) does not matter.
    result = run(
        household(
            {"age": 44, "employment": "employed"},
            {"age": 42},
            incomes=(item("wage", "9600", "year"),),
            expenses=(item("education", "8000", "year", member="p2"),),
        ),
        on=ON_2025,
    )
    assert result.status == "edge"
    assert result.rigid is None


def test_rigid_not_tested_when_the_asset_test_fails() -> None:
    """A household that fails the property test is not tested for rigid expenditure."""
    result = run(
        household(
            {"age": 44, "employment": "employed"},
            {"age": 42},
            incomes=(item("wage", "40000", "year"),),
            expenses=(item("education", "30000", "year", member="p2"),),
            assets=({"type": "vehicle", "kind": "car", "value": "80000"},),
        ),
        on=ON_2025,
    )
    assert result.assets_ok is False
    assert result.status == "not_eligible"
    assert result.rigid is None


# ------------------------------------------------------------------------ 特困


def test_tekun_total_unknown_without_a_care_standard() -> None:
    """Without a care standard the 特困 total is unknown (None), not the basic alone."""
    # 431022 has tekun.basic (1.3 × 380 = 494.00) but no tekun.care.* key. Tekun's
    # total_monthly is documented as "basic plus care standard, when both are known";
    # 494.00 alone would understate the support of someone who needs care.
    result = assess(
        household({"age": 75, "supporters": [], "self_care_failed": ["bathing", "toileting"]}),
        _yizhang().at(ON),
    )
    tekun = member(result, "p1").tekun
    assert tekun.eligible is True
    assert fmt(tekun.basic_monthly) == "494.00"
    assert tekun.care_monthly is None
    assert [n.code for n in tekun.notes] == ["tekun_care_not_set"]
    assert tekun.total_monthly is None


def test_tekun_lone_member_household_income_is_own_income() -> None:
    """A person living alone owns the household-level income: it counts for 特困."""
    # 70, alone, no supporters; farming 6000/year declared for the household (no member)
    # = 500/month ≥ 380 → has a livelihood → not 特困 (S3 Art. 6). The engine already
    # treats household-level property as own property when alone; income must follow.
    # As a household: 500 ≥ 380 and < 570 → edge.
    result = run(
        household(
            {"age": 70, "supporters": []}, incomes=(item("farming", "6000", "year", member=None),)
        )
    )
    tekun = member(result, "p1").tekun
    livelihood = next(c for c in tekun.conditions if c.name == "no_livelihood")
    assert livelihood.met is False
    assert tekun.eligible is False
    assert result.status == "edge"


def test_tekun_student_rule_only_extends_past_18() -> None:
    """A 30-year-old at a secondary vocational school is not a minor past 18: can work."""
    # S3 Art. 24 (policy.md §2.2): 特困 minors keep their status until 18, and past 18
    # while still in compulsory education, senior high or secondary vocational school.
    # It continues a minor's status; it does not make every adult student unable to work.
    result = run(household({"age": 30, "education": "vocational_secondary"}))
    capacity = member(result, "p1").tekun.conditions[0]
    assert capacity.name == "no_work_capacity"
    assert capacity.met is False


def test_tekun_minor_with_unable_parents_and_no_outside_supporter_is_tekun() -> None:
    """A child whose co-resident parents are both severely disabled and who has no other
    supporter is 特困, and so are the parents: a `tekun` household of three."""
    # p1 physical 1, p2 intellectual 3 (both unable, S3 Art. 8(4)); p3 (7). Everyone
    # declared supporters: [] → all three 特困 → status tekun, household size 3 (the
    # members living in it), all_tekun. Each full self-care: basic 1.3 × 380 = 494.00
    # + care 0.1 × 494 = 49.40 = 543.40; support 3 × 543.40 = 1630.20; no dibao.
    result = run(
        household(
            {"age": 38, "disability": {"category": "physical", "grade": 1}, "supporters": []},
            {"age": 35, "disability": {"category": "intellectual", "grade": 3}, "supporters": []},
            {"age": 7, "relation": "child", "supporters": []},
        )
    )
    assert [member(result, p).tekun.eligible for p in ("p1", "p2", "p3")] == [True] * 3
    assert (result.status, result.household_size, result.eligible) == ("tekun", 3, False)
    assert codes(result) == ["all_tekun"]
    assert (fmt(result.benefit_monthly), fmt(result.support_monthly)) == ("0.00", "1630.20")


# ---------------------------------------------------------- 事实无人抚养儿童 children


def _child_with_imprisoned_parent(since: str) -> Household:
    # p1 grandparent (62); p2 the child's father, a declared member now in prison
    # (not counted); p3 the child (9): mother dead, father p2.
    return household(
        {"age": 62},
        {"age": 35, "status": "imprisoned"},
        {
            "age": 9,
            "relation": "grandchild",
            "parents": [{"condition": "dead"}, {"member": "p2", "since": since}],
        },
    )


def test_child_parent_member_imprisoned_long_enough_is_flagged() -> None:
    """Mother dead, father (a declared member) imprisoned since 2021-01-15: flagged."""
    # 2021-01-15 → 2021-12-01: 10 whole months ≥ 6 (S8 §1).
    result = run(_child_with_imprisoned_parent("2021-01-15"))
    assert member(result, "p3").child.flagged is True


def test_child_parent_member_imprisoned_recently_is_not_flagged() -> None:
    """Mother dead, father (a declared member) imprisoned only since 2021-10-01: not flagged."""
    # 2021-10-01 → 2021-12-01: 2 months < 6. S8 §1 requires detention of 6 months or
    # more; the date is given on the parent entry and must be used whether the parent
    # is described by a condition or by a member whose status is imprisoned.
    result = run(_child_with_imprisoned_parent("2021-10-01"))
    assert member(result, "p3").child.flagged is False


def test_child_aged_18_is_not_tested() -> None:
    """A person aged 18 is not a child: no unsupported-child result."""
    result = run(
        household(
            {"age": 62},
            {
                "age": 18,
                "relation": "grandchild",
                "parents": [{"condition": "dead"}, {"condition": "dead"}],
            },
        )
    )
    assert member(result, "p2").child is None


def test_child_both_parents_dead_is_not_this_test() -> None:
    """Two dead parents make an orphan (孤儿), not a de-facto unsupported child."""
    # S8 §1 lists both-parents 重残 and one dead/missing + the other 重残, imprisoned or
    # lost contact; two dead parents are not among them.
    result = run(
        household(
            {"age": 62},
            {
                "age": 9,
                "relation": "grandchild",
                "parents": [{"condition": "dead"}, {"condition": "dead"}],
            },
        )
    )
    assert member(result, "p2").child.flagged is False


# ------------------------------------------------------------------ JSON output

_LADDER_DIR = ROOT / "examples" / "ladder"
_DEMO = ROOT / "examples" / "rules" / "yizhang-ladder-demo.yaml"
_OUTPUTS = [(p.name, p, _DEMO) for p in sorted(_LADDER_DIR.glob("*.json"))] + [
    (
        "tiered:yizhang-four-person-farming-family.json",
        ROOT / "examples" / "yizhang-four-person-farming-family.json",
        ROOT / "examples" / "rules" / "yizhang-tiered-demo.yaml",
    )
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("name", "path", "rule_file"), _OUTPUTS, ids=[o[0] for o in _OUTPUTS])
def test_json_ladder_example_validates_against_schema(
    name: str, path: Path, rule_file: Path, lang: str
) -> None:
    """The JSON of each ladder example follows `meanstest.assessment/1` (AssessmentOut)."""
    data = to_json(assess_file(path, rules=rule_file), lang)  # type: ignore[arg-type]
    validate_assessment(data)


def test_json_rigid_fields_written_as_the_contract_says() -> None:
    """The rigid example's JSON: share to 4 places, threshold as written, money to the fen."""
    # share 31000 / 60000 = 0.51666… → "0.5167"; threshold 0.5; 12 months from the
    # decision month 2025-03: 2025-03 … 2026-02.
    data = to_json(assess_file(_LADDER_DIR / "yizhang-rigid-expenditure-2025.json", rules=_DEMO))
    assert data["status"] == "rigid_expenditure"
    assert data["eligible"] is False
    assert data["rigid_expenditure"] == {
        "assessed": True,
        "met": True,
        "code": "rigid_met",
        "message": data["rigid_expenditure"]["message"],
        "expenditure_annual": "31000.00",
        "income_annual": "60000.00",
        "share": "0.5167",
        "threshold": "0.5",
        "valid_until": "2026-02",
    }
    assert "51.7%" in data["rigid_expenditure"]["message"]


def test_json_phase_out_and_tekun_fields() -> None:
    """Phase-out and 特困 results appear in the JSON with money as two-decimal strings."""
    data = to_json(assess_file(_LADDER_DIR / "yizhang-phase-out-new-job.json", rules=_DEMO))
    assert data["phase_out"] == {
        "months": 6,
        "start": "2022-04",
        "until": "2022-09",
        "monthly_benefit": "570.00",
        "ended": False,
    }
    assert data["benefit_monthly"] == "570.00"
    alone = to_json(assess_file(_LADDER_DIR / "yizhang-tekun-elderly-alone.json", rules=_DEMO))
    tekun = alone["members"][0]["tekun"]
    assert (tekun["eligible"], tekun["self_care"]) == (True, "partial")
    assert (tekun["basic_monthly"], tekun["care_monthly"], tekun["total_monthly"]) == (
        "494.00",
        "148.20",
        "642.20",
    )
    assert [c["met"] for c in tekun["conditions"]] == [True, True, True]


# ---------------------------------------------------------------------- messages

NEW_CODES = (
    "all_tekun",
    "phase_out",
    "phase_out_ended",
    "tekun_elderly",
    "tekun_minor",
    "tekun_student",
    "tekun_disabled",
    "tekun_can_work",
    "tekun_income_over",
    "tekun_income_under",
    "tekun_property_over",
    "tekun_supporter_in_household",
    "tekun_supporter_outside",
    "tekun_supporters_unknown",
    "tekun_supporters_unable",
    "tekun_no_supporters",
    "tekun_care_not_set",
    "rigid_not_set",
    "rigid_income_over",
    "rigid_met",
    "rigid_share_under",
    "child_unsupported",
    "child_supported",
)


@pytest.mark.parametrize("code", NEW_CODES)
def test_i18n_new_reason_code_has_chinese_and_english(code: str) -> None:
    """Every reason code of the ladder has a Chinese and an English message."""
    assert code in MESSAGES, f"no message for {code}"
    zh, en = MESSAGES[code]
    assert zh.strip()
    assert en.strip()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), f"{code}: the zh text has no Chinese"
    assert zh != en


def _reasons_of(result: Assessment) -> list[Reason]:
    out = list(result.reasons)
    if result.rigid is not None:
        out.append(result.rigid.reason)
    for m in result.members:
        if m.tekun is not None:
            out += [c.reason for c in m.tekun.conditions] + list(m.tekun.notes)
        if m.child is not None:
            out.append(m.child.reason)
    return out


def test_i18n_ladder_messages_get_every_value_they_name() -> None:
    """Each ladder reason the examples produce carries every value its message names."""
    results = [assess_file(p, rules=_DEMO) for p in sorted(_LADDER_DIR.glob("*.json"))]
    seen: set[str] = set()
    missing = []
    for result in results:
        for reason in _reasons_of(result):
            seen.add(reason.code)
            for text in MESSAGES.get(reason.code, ("", "")):
                names = {f for _, f, _, _ in string.Formatter().parse(text) if f}
                if lacking := names - set(reason.params):
                    missing.append(f"{reason.code}: {sorted(lacking)}")
            for lang in ("zh", "en"):
                assert message(reason.code, reason.params, lang) != reason.code
    assert not missing, "\n".join(missing)
    # The examples show the main codes of each part of the ladder.
    assert {
        "all_tekun",
        "phase_out",
        "rigid_met",
        "child_unsupported",
        "tekun_supporters_unable",
        "tekun_supporter_outside",
    } <= seen


# ------------------------------------------- 特困: household-level means, dibao supporters

# An elderly couple, 75 and 76, no supporters outside (supporters: []). Each is the
# other's only co-resident adult, and both are 70+ (unable, S3 Art. 8(3)): the work and
# supporter conditions are met for both. The livelihood condition decides.
_COUPLE = ({"age": 75, "supporters": []}, {"age": 76, "relation": "spouse", "supporters": []})


def _livelihood(result: Assessment, member_id: str) -> Any:
    return next(c for c in member(result, member_id).tekun.conditions if c.name == "no_livelihood")


def test_tekun_household_income_not_attributed_is_to_verify() -> None:
    """Farming 20000 a year declared for the household: each member's share is unknown,
    and all of it (1666.67/month) is above the standard 380: to verify, not met."""
    result = run(household(*_COUPLE, incomes=(item("farming", "20000", "year", member=None),)))
    for p in ("p1", "p2"):
        livelihood = _livelihood(result, p)
        assert livelihood.met is None
        assert livelihood.reason.code == "tekun_household_means"
        assert fmt(livelihood.reason.params["income"]) == "1666.67"  # 20000 / 12
        assert livelihood.reason.params["count"] == 0
        assert member(result, p).tekun.eligible is None
    # Neither is set apart: the household is assessed whole. 20000 a year for 2 =
    # 833.33 a person a month ≥ 570 (edge line) → not eligible.
    assert result.household_size == 2
    assert fmt(result.income.per_capita_monthly) == "833.33"
    assert result.status == "not_eligible"
    assert "household income ¥1666.67/month and 0 property item(s)" in message(
        "tekun_household_means", _livelihood(result, "p1").reason.params, "en"
    )


def test_tekun_household_income_small_enough_whoever_holds_it_is_met() -> None:
    """Farming 2400 a year for the household: even all of it (200/month) is below 380,
    so the condition is met whatever each member's share."""
    result = run(household(*_COUPLE, incomes=(item("farming", "2400", "year", member=None),)))
    for p in ("p1", "p2"):
        assert _livelihood(result, p).met is True
        assert _livelihood(result, p).reason.code == "tekun_income_under"
        assert member(result, p).tekun.eligible is True
    # Both 特困: a tekun household of two, 2 × (494.00 + 49.40) = 1086.80 a month.
    assert (result.status, result.household_size) == ("tekun", 2)
    assert fmt(result.support_monthly) == "1086.80"


def test_tekun_household_deposit_over_the_limit_for_one_is_to_verify() -> None:
    """A deposit of 10000 for the household: held by one person it is above 24 × 380 =
    9120, so whose it is matters: to verify. 9000 would pass even for one: met."""
    big = run(household(*_COUPLE, assets=({"type": "deposit", "value": "10000"},)))
    assert _livelihood(big, "p1").met is None
    assert _livelihood(big, "p1").reason.params["count"] == 1
    assert fmt(_livelihood(big, "p1").reason.params["income"]) == "0.00"
    small = run(household(*_COUPLE, assets=({"type": "deposit", "value": "9000"},)))
    assert _livelihood(small, "p1").met is True


def test_tekun_own_income_over_the_standard_is_not_met_whatever_the_household_has() -> None:
    """Own pension 400/month ≥ 380: not met, whatever is declared for the household."""
    result = run(
        household(
            *_COUPLE,
            incomes=(
                item("pension", "400", member="p1"),
                item("farming", "20000", "year", member=None),
            ),
        )
    )
    assert _livelihood(result, "p1").met is False
    assert _livelihood(result, "p1").reason.code == "tekun_income_over"


def test_tekun_supporter_60_on_dibao_now_is_unable() -> None:
    """A co-resident adult of 65 is able to support a new applicant's household, but not
    one on dibao now: a dibao recipient aged 60+ is unable (S3 Art. 8(2))."""
    # p1 (8, a minor: no work capacity, no income) and p2 (65, the only co-resident
    # adult, a pension of 500/month ≥ 380: not 特困 herself). p1 declares no supporter
    # outside.
    members = ({"age": 8, "supporters": []}, {"age": 65, "relation": "grandparent"})
    pension = (item("pension", "500", member="p2"),)
    new = run(household(*members, incomes=pension))
    supporter = member(new, "p1").tekun.conditions[2]
    assert (supporter.met, supporter.reason.code) == (False, "tekun_supporter_in_household")
    assert supporter.reason.params == {"supporter": "p2"}
    renewal = run(
        household(*members, incomes=pension, current={"status": "dibao", "monthly_benefit": "760"})
    )
    supporter = member(renewal, "p1").tekun.conditions[2]
    assert (supporter.met, supporter.reason.code) == (True, "tekun_no_supporters")
    assert member(renewal, "p1").tekun.eligible is True


# --------------------------------------------- 特困: co-resident supporters who are 特困


def _supporter(result: Assessment, member_id: str) -> Any:
    return member(result, member_id).tekun.conditions[2]


def test_tekun_elderly_couple_with_nothing_are_both_tekun() -> None:
    """65 and 66, no income, no property, no supporter outside: each is the other's only
    supporter, and each is 特困, so unable (S3 Art. 8(1)). Both are 特困; the household
    has no member left for dibao (all_tekun): status tekun, size 2. Basic standard
    1.3 × 380 = 494.00 each, care 0.1 × 494 = 49.40: support 2 × 543.40 = 1086.80."""
    result = run(
        household(
            {"age": 65, "supporters": []}, {"age": 66, "relation": "spouse", "supporters": []}
        )
    )
    for p, other in (("p1", "p2"), ("p2", "p1")):
        assert member(result, p).tekun.eligible is True
        supporter = _supporter(result, p)
        assert (supporter.met, supporter.reason.code) == (True, "tekun_supporters_tekun")
        assert supporter.reason.params == {"supporter": other}
        assert fmt(member(result, p).tekun.basic_monthly) == "494.00"
    assert (result.status, result.household_size) == ("tekun", 2)
    assert codes(result) == ["all_tekun"]
    assert fmt(result.support_monthly) == "1086.80"


def test_tekun_couple_where_one_has_a_livelihood_neither_is_tekun() -> None:
    """The same couple, p2 with a pension of 500/month (≥ 380): p2 is not 特困, so p2 (66,
    under 70) is able to support p1, who is not 特困 either."""
    result = run(
        household(
            {"age": 65, "supporters": []},
            {"age": 66, "relation": "spouse", "supporters": []},
            incomes=(item("pension", "500", member="p2"),),
        )
    )
    assert _supporter(result, "p1").met is False
    assert _supporter(result, "p1").reason.params == {"supporter": "p2"}
    assert member(result, "p1").tekun.eligible is False
    assert member(result, "p2").tekun.eligible is False  # own income over the standard


def test_tekun_supporter_who_may_be_tekun_leaves_it_to_verify() -> None:
    """p2 (66, no income) has not declared supporters outside: p2 may be 特困, so p1's
    supporter condition is to verify too, naming p2."""
    result = run(household({"age": 65, "supporters": []}, {"age": 66, "relation": "spouse"}))
    assert member(result, "p2").tekun.eligible is None  # supporters not declared
    supporter = _supporter(result, "p1")
    assert (supporter.met, supporter.reason.code) == (None, "tekun_supporter_maybe_tekun")
    assert supporter.reason.params == {"supporter": "p2"}
    assert member(result, "p1").tekun.eligible is None
    assert message("tekun_supporter_maybe_tekun", supporter.reason.params, "en") == (
        "co-resident p2 may be 特困 too (to verify), and then cannot support"
    )


def test_child_both_parents_imprisoned_long_is_flagged() -> None:
    """Both parents imprisoned since 2021-01-15 (10 months ≥ 6): S8 §1 lists 服刑在押 for
    both parents, and the rules now hold the whole list, so the child is flagged (it was
    left "to verify" while the rule file held only both-parents 重残)."""
    result = run(
        household(
            {"age": 62},
            {
                "age": 9,
                "relation": "grandchild",
                "parents": [
                    {"condition": "imprisoned", "since": "2021-01-15"},
                    {"condition": "imprisoned", "since": "2021-01-15"},
                ],
            },
        )
    )
    child = member(result, "p2").child
    assert child.flagged is True
    assert child.reason.code == "child_unsupported"
    assert message(child.reason.code, child.reason.params, "en") == (
        "parents: imprisoned, imprisoned: a de-facto unsupported child"
    )


def test_child_parent_in_prison_for_an_unknown_time_is_to_verify() -> None:
    """Mother dead, father imprisoned with no date: whether it has lasted 6 months is
    unknown, so to verify (the reason said "not unsupported" before)."""
    result = run(
        household(
            {"age": 62},
            {
                "age": 9,
                "relation": "grandchild",
                "parents": [{"condition": "dead"}, {"condition": "imprisoned"}],
            },
        )
    )
    child = member(result, "p2").child
    assert (child.flagged, child.reason.code) == (None, "child_to_verify")
    assert child.reason.params == {"parents": "dead, imprisoned_unknown_since"}


# -------------------------------------- S5 §1(1): an adult, severely disabled, without work


def _couple_above_the_edge(on: dt.date) -> Assessment:
    # 431022: 380/month, edge line 570. p1 (50) employed, wage 1500/month; p2 (48)
    # unemployed, grade-1 physical disability. Per capita 1500 / 2 = 750 ≥ 570: above
    # the edge line, so not an edge household, and S2 Art. 8 does not apply.
    return assess(
        household(
            {"age": 50, "employment": "employed"},
            {
                "age": 48,
                "relation": "spouse",
                "employment": "unemployed",
                "disability": {"category": "physical", "grade": 1},
            },
            incomes=(item("wage", "1500"),),
        ),
        _yizhang().at(on),
    )


def test_adult_severely_disabled_without_work_is_named_from_the_2022_notice() -> None:
    """From 2022-10-20 (S5 §1(1)) such a member may apply alone in any household: the
    household stays not eligible, and the reasons name p2 for the caseworker."""
    result = _couple_above_the_edge(dt.date(2023, 3, 1))
    assert result.status == "not_eligible"
    assert fmt(result.benefit_monthly) == "0.00"
    named = [r for r in result.reasons if r.code == "single_person_may_apply"]
    assert [r.params for r in named] == [{"member": "p2"}]
    assert message("single_person_may_apply", named[0].params, "en") == (
        "p2, an adult severely disabled and without work, may apply alone as a "
        "single-person household (to verify)."
    )


def test_adult_severely_disabled_without_work_not_named_before_the_notice() -> None:
    """On 2022-06-01 the notice is not yet issued: no such reason."""
    result = _couple_above_the_edge(dt.date(2022, 6, 1))
    assert result.status == "not_eligible"
    assert "single_person_may_apply" not in codes(result)


def test_tekun_assistance_left_out_provisionally_and_said_only_when_used() -> None:
    """A man of 75 alone with no supporters and 400 a month of government assistance
    (≥ 380). Under 431022 assistance does not count for dibao (S2 Art. 13), so it does
    not count for 特困 either and the provisional 特困 rule decides nothing: no warning.
    Where a rule counts assistance for dibao (an overlay here), the provisional rule is
    what leaves it out: own income 0.00 < 380, 特困, and the result warns of the rule."""
    key = "tekun.income.excluded_assistance"
    man = household({"age": 75, "supporters": []}, incomes=(item("social_assistance", "400"),))
    shipped = assess(man, _yizhang().at(ON))
    assert member(shipped, "p1").tekun.eligible is True
    assert key not in [w.key for w in shipped.warnings]
    counted = overlay(_yizhang(), ["income.counted.social_assistance=true"])
    helped = assess(man, counted.at(ON))
    livelihood = member(helped, "p1").tekun.conditions[1]
    assert (livelihood.met, fmt(livelihood.reason.params["income"])) == (True, "0.00")
    assert key in [w.key for w in helped.warnings if w.code == "provisional_value"]


def test_tekun_co_resident_declared_other_owes_the_applicant_no_support() -> None:
    """75, no supporters outside, living with someone of 40 declared "other" (no tie to
    the applicant, so no statutory duty): the applicant is 特困. Declared a child, the
    40-year-old is an able supporter and the applicant is not."""
    lodger = run(household({"age": 75, "supporters": []}, {"age": 40, "relation": "other"}))
    supporter = member(lodger, "p1").tekun.conditions[2]
    assert (supporter.met, supporter.reason.code) == (True, "tekun_no_supporters")
    assert member(lodger, "p1").tekun.eligible is True
    son = run(household({"age": 75, "supporters": []}, {"age": 40, "relation": "child"}))
    supporter = member(son, "p1").tekun.conditions[2]
    assert (supporter.met, supporter.reason.params) == (False, {"supporter": "p2"})


def test_tekun_applicant_owes_a_member_declared_other_no_support() -> None:
    """The mirror: an applicant of 40 and a lodger of 75 declared "other" with no
    supporters outside: no tie either way, so the lodger is 特困."""
    result = run(
        household(
            {"age": 40, "employment": "employed"},
            {"age": 75, "relation": "other", "supporters": []},
        )
    )
    supporter = member(result, "p2").tekun.conditions[2]
    assert (supporter.met, supporter.reason.code) == (True, "tekun_no_supporters")
    assert member(result, "p2").tekun.eligible is True


def test_child_parents_dead_and_missing_is_an_orphans_case_not_to_verify() -> None:
    """One parent dead and the other declared missing: an orphan's case (孤儿), another
    scheme, so not a de-facto unsupported child; nor is it left to verify."""
    result = run(
        household(
            {"age": 62},
            {
                "age": 9,
                "relation": "grandchild",
                "parents": [{"condition": "dead"}, {"condition": "missing"}],
            },
        )
    )
    child = member(result, "p2").child
    assert (child.flagged, child.reason.code) == (False, "child_supported")


def test_may_apply_alone_not_said_to_one_just_assessed_alone_or_with_income() -> None:
    """Not named in a household of one (just assessed alone), nor when the member's own
    income reaches the standard (nothing to pay)."""
    on = dt.date(2023, 3, 1)
    alone = assess(
        household(
            {
                "age": 48,
                "employment": "unemployed",
                "disability": {"category": "physical", "grade": 1},
            },
            incomes=(item("wage", "900"),),
        ),
        _yizhang().at(on),
    )
    assert alone.status == "not_eligible"  # 900 ≥ 570
    assert "single_person_may_apply" not in codes(alone)
    # p2 (48, unemployed, grade 1) with a pension of 400 ≥ 380 of her own; p1's wage
    # 1500: (1500 + 400) / 2 = 950 ≥ 570, not eligible.
    earning = assess(
        household(
            {"age": 50, "employment": "employed"},
            {
                "age": 48,
                "relation": "spouse",
                "employment": "unemployed",
                "disability": {"category": "physical", "grade": 1},
            },
            incomes=(item("wage", "1500"), item("pension", "400", member="p2")),
        ),
        _yizhang().at(on),
    )
    assert earning.status == "not_eligible"
    assert "single_person_may_apply" not in codes(earning)
