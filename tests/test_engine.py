"""Unit tests of each step of the assessment engine, with hand-worked values.

The rules come from the purpose-built files in tests/fixtures/rules/engine/ (see the
comments at the top of each). Unless a test says otherwise, `base` applies on
2021-12-01:

- rural standard 4560 yuan/year = 380 a month; urban 6000/year = 500 a month;
- edge multiplier 1.5 (rural edge line 570 a month per person);
- financial assets at most 24 months of the standard per person (rural 9120);
- allowed vehicles motorcycle, tricycle, farm machine; livelihood vehicles exempt;
- at most one house; no registered business unless it is the livelihood;
- benefit rounded half up to the fen, on the household's amount.

Every expected value below is worked by hand in the test or its comments.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from meanstest.engine import assess
from meanstest.errors import HouseholdInvalid, RuleNotInForce
from meanstest.model.household import Household, parse_household
from meanstest.model.result import Assessment
from meanstest.money import fmt
from meanstest.ruleset.load import RuleLibrary, load_rules
from meanstest.ruleset.model import RulesAt

RULES_DIR = Path(__file__).resolve().parent / "fixtures" / "rules" / "engine"
ON = dt.date(2021, 12, 1)


# ------------------------------------------------------------------ helpers


@functools.cache
def _library() -> RuleLibrary:
    return RuleLibrary(RULES_DIR)


def rules(rule_id: str = "base", on: dt.date = ON) -> RulesAt:
    """Return the fixture rule set ``rule_id`` in force on ``on``."""
    return _library().load(rule_id).at(on)


def household(
    size: int = 1,
    *,
    incomes: tuple[dict[str, Any], ...] = (),
    expenses: tuple[dict[str, Any], ...] = (),
    assets: tuple[dict[str, Any], ...] = (),
    area: str = "rural",
    **member_fields: dict[str, Any],
) -> Household:
    """Build a household of members p1 (the applicant) to p<size>, aged 40.

    ``p2={"status": "imprisoned"}`` adds fields to one member.
    """
    members = [
        {"id": f"p{i}", "relation": "applicant" if i == 1 else "other", "age": 40}
        for i in range(1, size + 1)
    ]
    for member_id, fields in member_fields.items():
        members[int(member_id[1:]) - 1].update(fields)
    return parse_household(
        {
            "area": area,
            "members": members,
            "incomes": list(incomes),
            "expenses": list(expenses),
            "assets": list(assets),
        }
    )


def income(
    type_: str, amount: str, per: str = "month", member: str | None = "p1"
) -> dict[str, Any]:
    """Return an income item."""
    item = {"type": type_, "amount": amount, "per": per}
    return item if member is None else {**item, "member": member}


def expense(
    type_: str, amount: str, per: str = "month", member: str | None = "p1"
) -> dict[str, Any]:
    """Return an expense item."""
    return income(type_, amount, per, member)


def run(hh: Household, rule_id: str = "base", on: dt.date = ON) -> Assessment:
    """Assess a household under a fixture rule set."""
    return assess(hh, rules(rule_id, on))


def codes(reasons: tuple[Any, ...]) -> list[str]:
    """Return the codes of a tuple of reasons."""
    return [r.code for r in reasons]


def test_fixture_rules_load() -> None:
    """Every fixture rule file in tests/fixtures/rules/engine loads and resolves."""
    ids = _library().ids()
    assert "base" in ids
    for rule_id in ids:
        assert _library().load(rule_id).at(ON).params


def test_fixture_rules_load_by_path() -> None:
    """`load_rules` with a file path resolves `extends` from the file's own directory."""
    rule_set = load_rules(RULES_DIR / "caps.yaml", directory=RULES_DIR)
    assert rule_set.id == "caps"
    assert rule_set.at(ON).value("deduction.care.cap.share_of_income") == Decimal("0.5")


# --------------------------------------------------------------- membership


def test_membership_excluded_status_not_counted() -> None:
    """An imprisoned member is declared but not counted in the household size."""
    result = run(household(3, p3={"status": "imprisoned"}))
    assert result.household_size == 2
    assert [m.counted for m in result.members] == [True, True, False]
    assert result.members[2].excluded_because == "imprisoned"
    assert result.members[0].excluded_because is None


def test_membership_excluded_member_income_ignored() -> None:
    """An excluded member's income is neither gross nor counted income."""
    # p1 wage 300 counts; p2 (imprisoned) wage 1000 is ignored: gross 300, size 1.
    result = run(
        household(
            2,
            p2={"status": "imprisoned"},
            incomes=(income("wage", "300"), income("wage", "1000", member="p2")),
        )
    )
    assert result.income.gross_monthly == Decimal(300)
    assert result.income.exempt_monthly == Decimal(0)
    assert result.income.counted_monthly == Decimal(300)
    assert [(line.counted, line.reason) for line in result.incomes] == [
        (True, "counted"),
        (False, "not_member"),
    ]
    # 1 person: benefit 380 − 300 = 80
    assert fmt(result.benefit_monthly) == "80.00"


@pytest.mark.parametrize(
    ("status", "counted_in_base", "counted_in_narrow"),
    [
        ("resident", True, True),
        ("imprisoned", False, False),
        ("compulsory_rehab", False, True),
        ("missing", False, True),
        ("clergy_away", False, True),
    ],
)
def test_membership_excluded_statuses_come_from_rules(
    status: str, counted_in_base: bool, counted_in_narrow: bool
) -> None:
    """Which statuses are excluded is the rule file's list, not fixed in the engine."""
    hh = household(2, p2={"status": status})
    assert run(hh).members[1].counted is counted_in_base
    assert run(hh, "narrow_exclusion").members[1].counted is counted_in_narrow
    assert run(hh, "narrow_exclusion").household_size == (2 if counted_in_narrow else 1)


def test_membership_every_member_excluded_is_an_error() -> None:
    """A household whose every member is excluded by status (here missing and in prison)
    has nobody to assess: an error naming the members and why, never a household of 0
    divided into its income (issue 12, point 8)."""
    with pytest.raises(HouseholdInvalid) as info:
        run(household(2, p1={"status": "missing"}, p2={"status": "imprisoned"}))
    (problem,) = info.value.problems
    assert problem.loc == "members"
    assert "every member is excluded by status (p1 missing, p2 imprisoned" in problem.msg


# -------------------------------------------------------------------- income


def test_income_year_amount_is_exact_twelfth() -> None:
    """1000 a year is 1000/12 a month, kept exact: three such items make exactly 250."""
    one = run(household(1, incomes=(income("wage", "1000", "year"),)))
    assert fmt(one.income.gross_monthly) == "83.33"
    # 1 person: (4560 − 1000) / 12 = 3560 / 12 = 296.666… → 296.67
    assert fmt(one.benefit_monthly) == "296.67"

    three = run(
        household(
            3,
            incomes=(
                income("wage", "1000", "year"),
                income("farming", "1000", "year", member="p2"),
                income("rent", "1000", "year", member=None),
            ),
        )
    )
    # 3000 / 12 = 250 exactly, not 3 × 83.33 = 249.99
    assert three.income.counted_monthly == Decimal(250)
    # 380 × 3 − 250 = 890.00 (rounding each item first would give 890.01)
    assert fmt(three.benefit_monthly) == "890.00"


def test_income_month_and_year_amounts_are_equivalent() -> None:
    """600 a month and 7200 a year give the same counted income and benefit."""
    monthly = run(household(2, incomes=(income("wage", "600", "month"),)))
    yearly = run(household(2, incomes=(income("wage", "7200", "year"),)))
    assert monthly.income.counted_monthly == yearly.income.counted_monthly == Decimal(600)
    # (380 − 300) × 2 = 160
    assert monthly.benefit_monthly == yearly.benefit_monthly == Decimal("160.00")


def test_income_status_compares_exact_amounts() -> None:
    """The dibao test compares exact annual sums, not a per capita rounded to the fen."""
    # 4560 a year for one person is the annual standard exactly: not below it.
    at = run(household(1, incomes=(income("wage", "4560", "year"),)))
    assert at.status == "edge"
    # 4559.94 a year: 379.995 a month, shown as 380.00, but below 4560 a year.
    below = run(household(1, incomes=(income("wage", "4559.94", "year"),)))
    assert fmt(below.income.per_capita_monthly) == "380.00"
    assert below.status == "dibao"
    # benefit (4560 − 4559.94) / 12 = 0.005 → half up to the fen → 0.01
    assert fmt(below.benefit_monthly) == "0.01"
    # 4559.99 a year: the gap (4560 − 4559.99) / 12 = 0.00083… rounds to 0.00, but the
    # exact income is below the standard: dibao, eligible, nothing to pay, and a reason
    # that says so (issue 12: a status is never decided on a rounded figure).
    tiny = run(household(1, incomes=(income("wage", "4559.99", "year"),)))
    assert tiny.status == "dibao"
    assert tiny.eligible
    assert fmt(tiny.benefit_monthly) == "0.00"
    assert "gap_rounds_to_nothing" in [r.code for r in tiny.reasons]


def test_income_exempt_type_not_counted() -> None:
    """Income types the rules mark not counted are in gross and exempt, not counted."""
    # wage 300 counted; scholarship 1200/yr = 100 and social assistance 110 exempt.
    result = run(
        household(
            1,
            incomes=(
                income("wage", "300"),
                income("scholarship", "1200", "year"),
                income("social_assistance", "110"),
            ),
        )
    )
    assert result.income.gross_monthly == Decimal(510)  # 300 + 100 + 110
    assert result.income.exempt_monthly == Decimal(210)  # 100 + 110
    assert result.income.counted_monthly == Decimal(300)
    assert [(line.counted, line.reason, line.key) for line in result.incomes] == [
        (True, "counted", "income.counted.wage"),
        (False, "exempt", "income.counted.scholarship"),
        (False, "exempt", "income.counted.social_assistance"),
    ]


def test_income_by_category_sums_counted_items() -> None:
    """Counted income is summed by Art. 13 category; exempt items are left out."""
    result = run(
        household(
            2,
            incomes=(
                income("wage", "100"),
                income("farming", "1200", "year", member="p2"),
                income("rent", "50", member=None),
                income("pension", "200", member="p2"),
                income("scholarship", "999"),
            ),
        )
    )
    # farming 1200 / 12 = 100 (business); scholarship not counted, so no transfer from it
    assert dict(result.income.by_category) == {
        "wage": Decimal(100),
        "business": Decimal(100),
        "property": Decimal(50),
        "transfer": Decimal(200),
    }


def test_income_unknown_type_rejected() -> None:
    """An income type the rule set does not declare is an input error naming the item."""
    hh = household(1, incomes=(income("wage", "100"), income("basic_pension", "100")))
    with pytest.raises(HouseholdInvalid) as info:
        run(hh)
    assert [p.loc for p in info.value.problems] == ["incomes.1.type"]


def test_income_birth_date_after_assessment_rejected() -> None:
    """A member born after the assessment date is an input error."""
    hh = household(2, p2={"age": None, "birth_date": "2022-01-05"})
    with pytest.raises(HouseholdInvalid) as info:
        run(hh)
    assert [p.loc for p in info.value.problems] == ["members.1.birth_date"]


# ---------------------------------------------------------------- deductions


def test_deduction_uncapped_accepted_in_full() -> None:
    """A deductible expense with no caps is accepted in full, with reason `accepted`."""
    # wage 1000, medical 300: counted 700; 2 persons: 760 − 700 = 60
    result = run(
        household(2, incomes=(income("wage", "1000"),), expenses=(expense("medical", "300"),))
    )
    line = result.deductions[0]
    assert (line.status, line.claimed_monthly, line.accepted_monthly) == (
        "accepted",
        Decimal(300),
        Decimal(300),
    )
    assert codes(line.reasons) == ["accepted"]
    assert result.income.deductions_monthly == Decimal(300)
    assert result.income.counted_monthly == Decimal(700)
    assert fmt(result.benefit_monthly) == "60.00"


def test_deduction_transfer_expenditure_netted() -> None:
    """Transfer expenditure (support paid, social insurance) is netted, reason `netted`."""
    # wage 1000 − support 1200/yr (100) − social insurance 80 = 820
    result = run(
        household(
            1,
            incomes=(income("wage", "1000"),),
            expenses=(expense("support_paid", "1200", "year"), expense("social_insurance", "80")),
        )
    )
    assert [(d.kind, d.status, codes(d.reasons)) for d in result.deductions] == [
        ("transfer_expenditure", "accepted", ["netted"]),
        ("transfer_expenditure", "accepted", ["netted"]),
    ]
    assert result.income.counted_monthly == Decimal(820)


def test_deduction_not_deductible_refused() -> None:
    """An expense type the rules say is not deductible is refused (`not_deductible`)."""
    result = run(
        household(
            1,
            p1={"education": "primary"},
            incomes=(income("wage", "500"),),
            expenses=(expense("education", "100"),),
        )
    )
    line = result.deductions[0]
    assert (line.status, line.accepted_monthly) == ("refused", Decimal(0))
    assert codes(line.reasons) == ["not_deductible"]
    assert line.reasons[0].params["key"] == "deduction.education.deductible"
    assert result.income.counted_monthly == Decimal(500)


def test_deduction_without_rule_refused() -> None:
    """A declared expense type with no `deductible` key is refused (`no_rule`), not an error."""
    result = run(
        household(1, incomes=(income("wage", "500"),), expenses=(expense("other_cost", "100"),))
    )
    line = result.deductions[0]
    assert (line.status, codes(line.reasons)) == ("refused", ["no_rule"])
    assert result.income.counted_monthly == Decimal(500)


@pytest.mark.parametrize(
    ("employment", "status"),
    [
        ("employed", "accepted"),
        ("self_employed", "accepted"),
        ("farming", "refused"),
        ("unemployed", "refused"),
        (None, "refused"),
    ],
)
def test_deduction_employed_condition(employment: str | None, status: str) -> None:
    """Employment costs (requires: employed) count only for an employed or self-employed member."""
    hh = household(
        1,
        p1={"employment": employment},
        incomes=(income("wage", "500"),),
        expenses=(expense("employment_cost", "50"),),
    )
    line = run(hh).deductions[0]
    assert line.status == status
    if status == "refused":
        assert codes(line.reasons) == ["condition_not_met"]
        assert dict(line.reasons[0].params) == {"member": "p1", "condition": "employed"}


@pytest.mark.parametrize(
    ("disability", "status"),
    [
        ({"category": "hearing", "grade": 4}, "accepted"),
        ({"category": "physical", "grade": 1}, "accepted"),
        (None, "refused"),
    ],
)
def test_deduction_disabled_condition(disability: dict[str, Any] | None, status: str) -> None:
    """Rehabilitation costs (requires: disabled) count only for a member with a certificate."""
    hh = household(
        2,
        p2={"disability": disability},
        incomes=(income("wage", "900"),),
        expenses=(expense("disability_rehab", "100", member="p2"),),
    )
    assert run(hh).deductions[0].status == status


@pytest.mark.parametrize(
    ("education", "status"),
    [
        ("preschool", "accepted"),
        ("undergraduate", "accepted"),
        ("none", "refused"),
        (None, "refused"),
    ],
)
def test_deduction_in_education_condition(education: str | None, status: str) -> None:
    """Schooling costs (requires: in_education) count only for a member in education."""
    hh = household(
        2,
        p2={"education": education},
        incomes=(income("wage", "900"),),
        expenses=(expense("education", "100", member="p2"),),
    )
    assert run(hh, "caps").deductions[0].status == status


def test_deduction_condition_needs_a_member() -> None:
    """An expense with a member condition but no member is refused (`needs_member`)."""
    hh = household(
        1,
        p1={"employment": "employed"},
        incomes=(income("wage", "500"),),
        expenses=(expense("employment_cost", "50", member=None),),
    )
    line = run(hh).deductions[0]
    assert (line.status, codes(line.reasons)) == ("refused", ["needs_member"])


def test_deduction_excluded_member_refused() -> None:
    """An excluded member's expense is refused (`not_member`) and not deducted."""
    hh = household(
        2,
        p2={"status": "imprisoned"},
        incomes=(income("wage", "500"),),
        expenses=(expense("medical", "200", member="p2"),),
    )
    result = run(hh)
    assert (result.deductions[0].status, codes(result.deductions[0].reasons)) == (
        "refused",
        ["not_member"],
    )
    assert result.income.counted_monthly == Decimal(500)


# ---------------------------------------------------------------------- caps


def test_cap_per_item_caps_each_item_separately() -> None:
    """A per-item cap (medical 100) limits each item on its own; at the cap is accepted."""
    result = run(
        household(
            1,
            incomes=(income("wage", "2000"),),
            expenses=(
                expense("medical", "150"),
                expense("medical", "1200", "year"),  # 100 a month
                expense("medical", "80"),
            ),
        ),
        "caps",
    )
    first, second, third = result.deductions
    assert (first.status, first.accepted_monthly) == ("capped", Decimal(100))
    assert codes(first.reasons) == ["capped_per_item_monthly"]
    assert first.reasons[0].params["cap"] == Decimal(100)
    assert first.reasons[0].params["key"] == "deduction.medical.cap.per_item"
    assert first.reasons[0].params["allowed"] == Decimal(100)
    assert (second.status, second.accepted_monthly) == ("accepted", Decimal(100))
    assert (third.status, third.accepted_monthly) == ("accepted", Decimal(80))
    # 100 + 100 + 80 = 280; counted 2000 − 280 = 1720
    assert result.income.deductions_monthly == Decimal(280)
    assert result.income.counted_monthly == Decimal(1720)


@pytest.mark.parametrize(
    ("claims", "accepted", "statuses"),
    [
        # p1 100 then 80: 100 fits the 150 cap; 80 gets what is left, 150 − 100 = 50
        ((("p1", "100"), ("p1", "80")), ("100", "50"), ("accepted", "capped")),
        # listed the other way round: 80 fits; 100 gets 150 − 80 = 70
        ((("p1", "80"), ("p1", "100")), ("80", "70"), ("accepted", "capped")),
        # p2 has a cap of its own: 100 for p1 and 120 for p2 both fit
        ((("p1", "100"), ("p2", "120")), ("100", "120"), ("accepted", "accepted")),
        # p1 150 uses the whole cap; a second item gets 0 (capped to nothing)
        (
            (("p1", "150"), ("p1", "10"), ("p2", "10")),
            ("150", "0", "10"),
            ("accepted", "capped", "accepted"),
        ),
    ],
)
def test_cap_per_person_shared_in_listed_order(
    claims: tuple[tuple[str, str], ...], accepted: tuple[str, ...], statuses: tuple[str, ...]
) -> None:
    """Items of one person share the per-person cap (education 150) in the order listed."""
    hh = household(
        2,
        p1={"education": "primary"},
        p2={"education": "primary"},
        incomes=(income("wage", "2000"),),
        expenses=tuple(expense("education", amount, member=m) for m, amount in claims),
    )
    result = run(hh, "caps")
    assert tuple(d.accepted_monthly for d in result.deductions) == tuple(
        Decimal(a) for a in accepted
    )
    assert tuple(d.status for d in result.deductions) == statuses
    for line in result.deductions:
        if line.status == "capped":
            assert codes(line.reasons) == ["capped_per_person_monthly"]


def test_cap_per_household_shared_across_members() -> None:
    """A per-household cap (rehabilitation 200) is shared by all members' items in order."""
    hh = household(
        3,
        incomes=(income("wage", "2000"),),
        expenses=(
            expense("disability_rehab", "150", member="p1"),
            expense("disability_rehab", "100", member="p2"),
            expense("disability_rehab", "30", member="p3"),
        ),
    )
    result = run(hh, "caps")
    # 150 fits; p2 gets 200 − 150 = 50; p3 gets 200 − 200 = 0
    assert [d.accepted_monthly for d in result.deductions] == [
        Decimal(150),
        Decimal(50),
        Decimal(0),
    ]
    assert [d.status for d in result.deductions] == ["accepted", "capped", "capped"]
    assert codes(result.deductions[1].reasons) == ["capped_per_household_monthly"]
    assert result.deductions[1].reasons[0].params["allowed"] == Decimal(50)
    assert result.deductions[2].reasons[0].params["allowed"] == Decimal(0)
    assert result.income.deductions_monthly == Decimal(200)


def test_cap_share_of_income_limits_to_counted_income_before_deductions() -> None:
    """A share-of-income cap (employment cost 25%) applies to counted income, not exempt."""
    # counted before deductions: wage 1200 (the scholarship 400 is exempt);
    # 25% × 1200 = 300 a month allowed: 200 fits, then 300 − 200 = 100 for the next
    hh = household(
        1,
        p1={"employment": "employed"},
        incomes=(income("wage", "1200"), income("scholarship", "400")),
        expenses=(expense("employment_cost", "200"), expense("employment_cost", "200")),
    )
    result = run(hh, "caps")
    first, second = result.deductions
    assert (first.status, first.accepted_monthly) == ("accepted", Decimal(200))
    assert (second.status, second.accepted_monthly) == ("capped", Decimal(100))
    assert codes(second.reasons) == ["capped_share_of_income"]
    assert second.reasons[0].params["share"] == Decimal("0.25")
    assert second.reasons[0].params["allowed"] == Decimal(100)
    assert result.income.counted_monthly == Decimal(900)  # 1200 − 300


def test_cap_unlimited_accepts_any_amount() -> None:
    """Caps set to `unlimited` never limit an item."""
    # support paid 5000 of a 6000 wage: all netted; counted 1000
    result = run(
        household(
            1, incomes=(income("wage", "6000"),), expenses=(expense("support_paid", "5000"),)
        ),
        "caps",
    )
    assert (result.deductions[0].status, result.deductions[0].accepted_monthly) == (
        "accepted",
        Decimal(5000),
    )
    assert result.income.counted_monthly == Decimal(1000)


def test_cap_kinds_apply_per_item_person_household_share_in_order() -> None:
    """Caps apply per item, person, household, then share; each cap that bites is a reason."""
    # care: 100/item, 150/person, 200/household, 50% of income; wage 360 → 180 allowed
    hh = household(
        2,
        incomes=(income("wage", "360"),),
        expenses=(
            expense("care", "120", member="p1"),
            expense("care", "120", member="p1"),
            expense("care", "120", member="p2"),
        ),
    )
    result = run(hh, "caps")
    first, second, third = result.deductions
    # item 1: 120 → 100 (item); person 150, household 200, share 180 all leave 100
    assert first.accepted_monthly == Decimal(100)
    assert codes(first.reasons) == ["capped_per_item_monthly"]
    # item 2: 120 → 100 (item) → 150 − 100 = 50 (person); household 100 left, share 80 left
    assert second.accepted_monthly == Decimal(50)
    assert codes(second.reasons) == ["capped_per_item_monthly", "capped_per_person_monthly"]
    # item 3 (p2): 120 → 100 (item); p2's person cap 150 leaves 100; household
    # 200 − 150 = 50; share 180 − 150 = 30
    assert third.accepted_monthly == Decimal(30)
    assert codes(third.reasons) == [
        "capped_per_item_monthly",
        "capped_per_household_monthly",
        "capped_share_of_income",
    ]
    # 100 + 50 + 30 = 180; counted 360 − 180 = 180
    assert result.income.deductions_monthly == Decimal(180)
    assert result.income.counted_monthly == Decimal(180)


# --------------------------------------------------------- floor, per capita


def test_counted_income_floored_at_zero() -> None:
    """Deductions above income leave counted income at 0, never below, and say so."""
    # wage 100, medical 300: 100 − 300 < 0 → 0; 2 persons: benefit 380 × 2 = 760
    result = run(
        household(2, incomes=(income("wage", "100"),), expenses=(expense("medical", "300"),))
    )
    assert result.income.deductions_monthly == Decimal(300)
    assert result.income.counted_monthly == Decimal(0)
    assert result.income.floored_at_zero is True
    assert result.income.per_capita_monthly == Decimal(0)
    assert fmt(result.benefit_monthly) == "760.00"


def test_counted_income_equal_to_deductions_not_floored() -> None:
    """Deductions exactly equal to income give 0 without flooring."""
    result = run(
        household(1, incomes=(income("wage", "300"),), expenses=(expense("medical", "300"),))
    )
    assert result.income.counted_monthly == Decimal(0)
    assert result.income.floored_at_zero is False


def test_per_capita_is_counted_income_over_size() -> None:
    """Per capita is counted income ÷ members counted; the benefit uses the exact household sum."""
    result = run(household(3, incomes=(income("wage", "1000"),)))
    # 1000 / 3 = 333.333…
    assert fmt(result.income.per_capita_monthly) == "333.33"
    assert abs(result.income.per_capita_monthly * 3 - 1000) < Decimal("1e-20")
    # 380 × 3 − 1000 = 140.00, not 3 × (380 − 333.33) = 140.01
    assert fmt(result.benefit_monthly) == "140.00"


def test_per_capita_ignores_excluded_members() -> None:
    """Excluded members are not in the divisor."""
    # 900 over 2 counted members (p3 missing) = 450
    result = run(household(3, p3={"status": "missing"}, incomes=(income("wage", "900"),)))
    assert result.income.per_capita_monthly == Decimal(450)


# -------------------------------------------------------------------- assets


def _assets_result(
    *assets: dict[str, Any], size: int = 2, rule_id: str = "base", area: str = "rural"
) -> Assessment:
    return run(household(size, assets=assets, area=area), rule_id)


def _test(result: Assessment, name: str) -> Any:
    matches = [t for t in result.asset_tests if t.name == name]
    assert len(matches) == 1, f"expected one {name} test, got {result.asset_tests}"
    return matches[0]


def test_assets_financial_at_limit_passes() -> None:
    """Financial assets of exactly 24 months of the standard per person pass."""
    # 18240 / 2 = 9120 = 24 × 380
    test = _test(_assets_result({"type": "deposit", "value": "18240"}), "financial")
    assert test.passed is True
    assert test.reason.code == "financial_ok"
    assert test.reason.params["limit"] == Decimal(9120)
    assert test.reason.params["per_capita"] == Decimal(9120)


def test_assets_financial_above_limit_fails() -> None:
    """One fen per person above the limit fails."""
    # 18240.02 / 2 = 9120.01 > 9120
    result = _assets_result({"type": "deposit", "value": "18240.02"})
    test = _test(result, "financial")
    assert (test.passed, test.reason.code) == (False, "financial_over")
    assert result.assets_ok is False


def test_assets_financial_sums_listed_types_only() -> None:
    """Deposits, securities and insurance add up; other property is not a financial asset."""
    # 9000 + 5000 + 4240 = 18240 → 9120 each: passes; the 100000 "other" is not counted
    result = _assets_result(
        {"type": "deposit", "value": "9000"},
        {"type": "securities", "value": "5000"},
        {"type": "insurance", "value": "4240"},
        {"type": "other", "value": "100000"},
    )
    assert _test(result, "financial").passed is True
    assert _test(result, "other").reason.code == "not_tested"
    assert result.assets_ok is True
    # one fen more insurance: 18240.01 / 2 = 9120.005 > 9120 → fails
    over = _assets_result(
        {"type": "deposit", "value": "9000"},
        {"type": "securities", "value": "5000"},
        {"type": "insurance", "value": "4240.01"},
    )
    assert _test(over, "financial").passed is False


def test_assets_financial_limit_follows_area_standard() -> None:
    """The limit is months of the household's own standard: urban 24 × 500 = 12000."""
    deposit = {"type": "deposit", "value": "12000"}
    assert _test(_assets_result(deposit, size=1, area="urban"), "financial").passed is True
    # rural: 12000 > 9120
    assert _test(_assets_result(deposit, size=1, area="rural"), "financial").passed is False


def test_assets_financial_unlimited_passes() -> None:
    """With the limit `unlimited`, any amount passes."""
    test = _test(
        _assets_result({"type": "deposit", "value": "1000000"}, rule_id="lenient_assets"),
        "financial",
    )
    assert (test.passed, test.reason.code) == (True, "financial_unlimited")


@pytest.mark.parametrize(
    ("kind", "passed"),
    [
        ("car", False),
        ("truck", False),
        ("motorcycle", True),
        ("tricycle", True),
        ("farm_machine", True),
    ],
)
def test_assets_vehicle_allowed_kinds(kind: str, passed: bool) -> None:
    """Only the allowed kinds of vehicle pass when not used for a livelihood."""
    result = _assets_result({"type": "vehicle", "kind": kind})
    assert _test(result, "vehicle").passed is passed
    assert result.assets_ok is passed


@pytest.mark.parametrize(("rule_id", "passed"), [("base", True), ("lenient_assets", False)])
def test_assets_vehicle_livelihood_exemption(rule_id: str, passed: bool) -> None:
    """A car used for a livelihood passes only where the rules exempt livelihood vehicles."""
    result = _assets_result(
        {"type": "vehicle", "kind": "car", "for_livelihood": True}, rule_id=rule_id
    )
    assert _test(result, "vehicle").passed is passed


def test_assets_no_vehicle_no_vehicle_test() -> None:
    """Tests of vehicles, housing and businesses appear only when there is such property."""
    result = _assets_result()
    assert [t.name for t in result.asset_tests] == ["financial"]
    assert result.assets_ok is True


@pytest.mark.parametrize(
    ("houses", "rule_id", "passed"),
    [
        ((1,), "base", True),
        ((2,), "base", False),
        ((1, 1), "base", False),  # two items of one house each: 2 houses
        ((5,), "lenient_assets", True),
    ],
)
def test_assets_housing_count(houses: tuple[int, ...], rule_id: str, passed: bool) -> None:
    """Houses are counted across items and compared with the most allowed."""
    result = _assets_result(*({"type": "housing", "count": n} for n in houses), rule_id=rule_id)
    test = _test(result, "housing")
    assert test.passed is passed
    assert test.reason.params["count"] == sum(houses)


@pytest.mark.parametrize(
    ("for_livelihood", "rule_id", "passed"),
    [
        (False, "base", False),
        (True, "base", True),
        (True, "lenient_assets", False),
    ],
)
def test_assets_business(for_livelihood: bool, rule_id: str, passed: bool) -> None:
    """A registered business fails unless it is the livelihood and the rules exempt that."""
    result = _assets_result(
        {"type": "business", "value": "50000", "for_livelihood": for_livelihood}, rule_id=rule_id
    )
    assert _test(result, "business").passed is passed


def test_assets_failed_test_makes_low_income_household_not_eligible() -> None:
    """A household below the standard on income is not eligible when an asset test fails."""
    # 600 / 3 = 200 < 380, but a car
    result = run(
        household(3, incomes=(income("wage", "600"),), assets=({"type": "vehicle", "kind": "car"},))
    )
    assert result.status == "not_eligible"
    assert result.eligible is False
    assert codes(result.reasons) == ["assets_failed"]
    assert result.reasons[0].params["tests"] == "vehicle"
    assert result.benefit_monthly == Decimal(0)


# -------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("area", "wage", "status"),
    [
        # 2 persons, rural: dibao line 760 a month, edge line 1140
        ("rural", "0", "dibao"),
        ("rural", "759.98", "dibao"),  # 379.99 each
        ("rural", "760", "edge"),  # 380 each: not below the standard
        ("rural", "1139.98", "edge"),  # 569.99 each
        ("rural", "1140", "not_eligible"),  # 570 each: not below 1.5 × 380
        # 2 persons, urban: standard 500, dibao line 1000, edge line 1500
        ("urban", "999.98", "dibao"),
        ("urban", "1000", "edge"),
        ("urban", "1499.98", "edge"),
        ("urban", "1500", "not_eligible"),
    ],
)
def test_status_boundaries_are_strictly_below(area: str, wage: str, status: str) -> None:
    """Dibao needs income below the standard, edge below 1.5 × it: equal is not below."""
    result = run(household(2, area=area, incomes=(income("wage", wage),)))
    assert result.status == status
    assert result.eligible is (status == "dibao")


def test_status_dibao_benefit_is_household_gap() -> None:
    """A dibao household's benefit is standard × size − counted income."""
    # E2 with the fixture standard: 9600 / 12 = 800; 380 × 4 − 800 = 720
    result = run(household(4, incomes=(income("farming", "9600", "year", member=None),)))
    assert result.status == "dibao"
    assert fmt(result.benefit_monthly) == "720.00"
    assert fmt(result.standard_monthly) == "380.00"


# ------------------------------------------------------------- single person


def test_single_person_benefit_is_standard_minus_own_income() -> None:
    """A qualifying member of an edge household gets the standard less own counted income."""
    # household 700 + 100 = 800 → 400 each → edge; p2 own 100 → 380 − 100 = 280
    result = run(
        household(
            2,
            p2={"disability": {"category": "physical", "grade": 2}},
            incomes=(income("wage", "700"), income("wage", "100", member="p2")),
        )
    )
    assert result.status == "dibao_single"
    assert result.eligible is True
    assert fmt(result.benefit_monthly) == "280.00"
    p2 = result.members[1]
    assert (p2.single_person, p2.own_counted_monthly, p2.single_person_benefit) == (
        True,
        Decimal(100),
        Decimal(280),
    )
    assert result.members[0].single_person is False
    assert "single_person" in codes(result.reasons)


@pytest.mark.parametrize(
    ("disability", "ill", "qualifies"),
    [
        ({"category": "physical", "grade": 1}, False, True),
        ({"category": "visual", "grade": 2}, False, True),
        ({"category": "physical", "grade": 3}, False, False),
        ({"category": "intellectual", "grade": 3}, False, True),
        ({"category": "mental", "grade": 3}, False, True),
        ({"category": "mental", "grade": 4}, False, False),
        ({"category": "hearing", "grade": 3}, False, False),
        (None, True, True),
        (None, False, False),
    ],
)
def test_single_person_qualifying_members(
    disability: dict[str, Any] | None, ill: bool, qualifies: bool
) -> None:
    """Grades 1–2 of any category, grade-3 intellectual or mental, or serious illness qualify."""
    result = run(
        household(
            2,
            p2={"disability": disability, "serious_illness": ill},
            incomes=(income("wage", "800"),),
        )
    )
    assert result.status == ("dibao_single" if qualifies else "edge")
    # own income 0: 380 − 0 = 380
    assert fmt(result.benefit_monthly) == ("380.00" if qualifies else "0.00")


def test_single_person_needs_edge_household() -> None:
    """Above the edge line no member is enrolled alone (single_person.requires_edge)."""
    # 1200 / 2 = 600 ≥ 570
    result = run(
        household(
            2,
            p2={"disability": {"category": "physical", "grade": 1}},
            incomes=(income("wage", "1200"),),
        )
    )
    assert result.status == "not_eligible"
    assert result.members[1].single_person is False


def test_single_person_own_deductions_lower_own_income() -> None:
    """A member's own accepted deductions come off her own income for the gap."""
    # household 700 + 200 − 100 = 800 → edge; p2 own 200 − 100 = 100 → 280
    result = run(
        household(
            2,
            p2={"serious_illness": True},
            incomes=(income("wage", "700"), income("wage", "200", member="p2")),
            expenses=(expense("medical", "100", member="p2"),),
        )
    )
    assert result.members[1].own_counted_monthly == Decimal(100)
    assert fmt(result.benefit_monthly) == "280.00"


def test_single_person_household_level_income_is_not_own() -> None:
    """Income that names no member is not any member's own income."""
    # farming 800 for the household → edge; p2 has no own income → 380
    result = run(
        household(2, p2={"serious_illness": True}, incomes=(income("farming", "800", member=None),))
    )
    assert result.members[1].own_counted_monthly == Decimal(0)
    assert fmt(result.benefit_monthly) == "380.00"


def test_single_person_no_gap_not_enrolled() -> None:
    """A qualifying member whose own income reaches the standard is not enrolled alone."""
    # p2 own 380: 380 − 380 = 0; household 420 + 380 = 800 → edge
    result = run(
        household(
            2,
            p2={"serious_illness": True},
            incomes=(income("wage", "420"), income("wage", "380", member="p2")),
        )
    )
    assert result.status == "edge"
    assert result.members[1].single_person is False


def test_single_person_benefits_add_up() -> None:
    """Two qualifying members are each enrolled alone and their benefits add up."""
    # 3 persons, wage 1500 by p1 → 500 each → edge; p2, p3 own 0: 380 + 380 = 760
    result = run(
        household(
            3,
            p2={"serious_illness": True},
            p3={"disability": {"category": "visual", "grade": 1}},
            incomes=(income("wage", "1500"),),
        )
    )
    assert fmt(result.benefit_monthly) == "760.00"
    assert [m.single_person for m in result.members] == [False, True, True]


# ------------------------------------------------------------------ rounding


@pytest.mark.parametrize(
    ("rule_id", "wage", "raw", "benefit"),
    [
        # 1 person: raw benefit = 380 − wage
        ("round_up", "100.50", "279.50", "280"),
        ("round_up", "100.99", "279.01", "280"),
        ("round_up", "100", "280", "280"),
        ("round_half_up", "100.50", "279.50", "280"),
        ("round_half_up", "100.51", "279.49", "279"),
        # 278.50 is where half up and half to even part: 279 against 278 (8 is even)
        ("round_half_up", "101.50", "278.50", "279"),
        ("round_half_even", "101.50", "278.50", "278"),
        ("round_half_even", "100.50", "279.50", "280"),  # 0 is even: up
        ("round_half_even", "100.51", "279.49", "279"),
        ("round_down", "100.01", "279.99", "279"),
        ("round_down", "100.50", "279.50", "279"),
        ("base", "100.50", "279.50", "279.50"),  # to the fen: unchanged
    ],
)
def test_rounding_unit_and_mode(rule_id: str, wage: str, raw: str, benefit: str) -> None:
    """The household benefit is rounded once, to the rule's unit with the rule's mode."""
    result = run(household(1, incomes=(income("wage", wage),)), rule_id)
    assert result.benefit_monthly == Decimal(benefit)
    assert result.benefit.rounding is not None
    assert result.benefit.rounding.before == Decimal(raw)
    assert result.benefit.rounding.after == Decimal(benefit)


@pytest.mark.parametrize(
    ("rule_id", "benefit"),
    [
        ("base", "296.67"),  # (4560 − 1000) / 12 = 296.666… → half up to the fen
        ("round_up", "297"),
        ("round_half_up", "297"),
        ("round_down", "296"),
    ],
)
def test_rounding_repeating_decimal(rule_id: str, benefit: str) -> None:
    """A benefit that is a repeating decimal (1000 a year of income) rounds as the rule says."""
    result = run(household(1, incomes=(income("wage", "1000", "year"),)), rule_id)
    assert result.benefit_monthly == Decimal(benefit)


@pytest.mark.parametrize(
    ("rule_id", "benefit"),
    [
        # two members each 380 − 100.60 = 279.40 a month
        ("base", "558.80"),  # 279.40 + 279.40, to the fen
        ("round_up", "559"),  # household stage: 558.80 rounded up once
        ("round_member", "560"),  # member stage: 280 + 280
    ],
)
def test_rounding_stage_for_single_person_benefits(rule_id: str, benefit: str) -> None:
    """At stage member_benefit each single-person benefit is rounded before they are added."""
    # p1 grade 1, p2 grade 2, each own 100.60; p3 1148.80: household 1350 → 450 each → edge
    hh = household(
        3,
        p1={"disability": {"category": "physical", "grade": 1}},
        p2={"disability": {"category": "mental", "grade": 2}},
        incomes=(
            income("wage", "100.60"),
            income("wage", "100.60", member="p2"),
            income("wage", "1148.80", member="p3"),
        ),
    )
    result = run(hh, rule_id)
    assert result.status == "dibao_single"
    assert fmt(result.income.per_capita_monthly) == "450.00"
    assert result.benefit_monthly == Decimal(benefit)
    assert result.benefit.rounding is not None
    assert result.benefit.rounding.before == Decimal("558.80")


def test_rounding_absent_when_not_eligible() -> None:
    """A household that gets nothing has benefit 0 and no rounding step."""
    result = run(household(1, incomes=(income("wage", "1000"),)))
    assert result.benefit_monthly == Decimal(0)
    assert result.benefit.rounding is None


# ---------------------------------------------------------------- thresholds


@pytest.mark.parametrize(
    ("wage", "dibao_margin", "edge_margin"),
    [
        ("600", "160.00", "540.00"),  # 760 − 600; 1140 − 600
        ("1200", "-440.00", "-60.00"),  # 760 − 1200; 1140 − 1200
        ("760", "0.00", "380.00"),
    ],
)
def test_thresholds_margins(wage: str, dibao_margin: str, edge_margin: str) -> None:
    """Each threshold gives its line per person and per household and the margin below it."""
    result = run(household(2, incomes=(income("wage", wage),)))
    dibao, edge = result.thresholds
    assert (dibao.name, fmt(dibao.per_capita_monthly), fmt(dibao.household_monthly)) == (
        "dibao",
        "380.00",
        "760.00",
    )
    assert (edge.name, fmt(edge.per_capita_monthly), fmt(edge.household_monthly)) == (
        "edge",
        "570.00",
        "1140.00",
    )
    assert fmt(dibao.margin_monthly) == dibao_margin
    assert fmt(edge.margin_monthly) == edge_margin


# ------------------------------------------------------------------ warnings


def test_warnings_none_when_every_value_is_sourced() -> None:
    """Rules whose values all cite an official source give no warnings."""
    result = run(
        household(
            2,
            incomes=(income("wage", "600"),),
            expenses=(expense("medical", "50"),),
            assets=({"type": "housing", "count": 1},),
        )
    )
    assert result.warnings == ()


def test_warnings_list_provisional_and_unofficial_keys_used() -> None:
    """Warnings name each provisional or unofficially sourced key the assessment used."""
    result = run(household(2, incomes=(income("wage", "600"),)), "provisional")
    assert sorted((w.code, w.key) for w in result.warnings) == [
        ("provisional_value", "dibao.standard.rural"),
        ("unofficial_source", "dibao.edge_multiplier"),
    ]
    # the provisional housing limit is not used without a house, so it is not listed


def test_warnings_include_key_only_when_used() -> None:
    """A provisional key appears once the household makes the engine read it."""
    result = run(
        household(2, incomes=(income("wage", "600"),), assets=({"type": "housing", "count": 1},)),
        "provisional",
    )
    assert ("provisional_value", "assets.housing.max_count") in {
        (w.code, w.key) for w in result.warnings
    }


def test_warnings_follow_the_assessment_date() -> None:
    """Before the provisional values start (2021-10-01) the sourced ones apply, unwarned."""
    result = run(
        household(2, incomes=(income("wage", "600"),)), "provisional", dt.date(2021, 9, 30)
    )
    assert result.warnings == ()


# ----------------------------------------------------------- rule not in force


def test_rule_not_in_force_after_series_ends() -> None:
    """A key whose series ended (value null) raises RuleNotInForce naming key and date."""
    on = dt.date(2022, 1, 1)
    with pytest.raises(RuleNotInForce) as info:
        run(household(1, area="urban"), on=on)
    assert info.value.key == "dibao.standard.urban"
    assert info.value.on == on
    assert info.value.rule_set == "base"
    # the day before, the urban standard is still in force: 500 a month
    assert fmt(run(household(1, area="urban"), on=dt.date(2021, 12, 31)).standard_monthly) == (
        "500.00"
    )
    # and the rural standard has not ended
    assert run(household(1), on=on).status == "dibao"


def test_rule_not_in_force_before_first_value() -> None:
    """Before any value of a needed key starts (2021-07-01) the assessment raises."""
    with pytest.raises(RuleNotInForce) as info:
        run(household(1), on=dt.date(2021, 6, 30))
    assert info.value.on == dt.date(2021, 6, 30)


# --------------------------------------------------------------------- trace


def test_trace_steps_in_order() -> None:
    """The trace steps follow the pipeline: membership, income, deductions, … status, benefit."""
    result = run(
        household(2, incomes=(income("wage", "600"),), expenses=(expense("medical", "50"),))
    )
    assert [s.step for s in result.trace] == [
        "membership",
        "standard",
        "income_item",
        "deduction",
        "counted_income",
        "per_capita_income",
        "asset_test",
        "status",
        "benefit",
    ]


def test_trace_steps_name_keys_and_sources() -> None:
    """Each trace step names the rule key it used, that key's source and article."""
    result = run(
        household(2, incomes=(income("wage", "600"),), expenses=(expense("medical", "50"),))
    )
    by_step = {s.step: s for s in result.trace}
    expected_keys = {
        "membership": ("household.excluded_statuses", "第一条"),
        "income_item": ("income.counted.wage", "第三条"),
        "deduction": ("deduction.medical.deductible", "第四条"),
        "standard": ("dibao.standard.rural", "第六条"),
        # dibao: below the standard decided it (issue 12, point 17)
        "status": ("dibao.standard.rural", "第六条"),
    }
    # Plain arithmetic cites no rule; the fixture states no benefit method (gap by default).
    assert [by_step[s].key for s in ("counted_income", "per_capita_income", "benefit")] == [
        None,
        None,
        None,
    ]
    for step, (key, article) in expected_keys.items():
        assert by_step[step].key == key, step
        assert by_step[step].source is not None, step
        assert (by_step[step].source.id, by_step[step].source.article) == ("fx", article), step
    for s in result.trace:
        assert s.key is None or s.source is not None
    # the standard step shows 4560 / 12 = 380 a month and the annual figure
    assert by_step["standard"].value == Decimal(380)
    assert by_step["standard"].inputs["annual"] == Decimal(4560)
    # counted income: 600 − 50 = 550
    assert by_step["counted_income"].value == Decimal(550)
    assert by_step["status"].value == "dibao"
    # benefit 760 − 550 = 210
    assert by_step["benefit"].value == Decimal(210)


def test_trace_marks_provisional_source() -> None:
    """A trace step that used a provisional value carries a provisional source."""
    result = run(household(1), "provisional")
    standard = next(s for s in result.trace if s.step == "standard")
    assert standard.source is not None
    assert standard.source.provisional is True
