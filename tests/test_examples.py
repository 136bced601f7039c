"""Every household in examples/ validates, assesses, and gives the hand-worked result.

The expected figures were worked out by hand from policy.md and the shipped Yizhang
rules (rules/431022-yizhang.yaml and the files it extends), never copied from program
output. The rules in force for every example (assessed 2021-07-01 to 2021-12-31):

- rural standard S = 4560 yuan/year = 4560 / 12 = 380 yuan/month per person;
- edge line 1.5 × S = 570 yuan/month per person;
- income per year counts as amount / 12 a month (reference period 12 months);
- not counted: scholarship, veterans_benefit, basic_pension, social_assistance, …;
- medical expenses deductible without a cap; education only for a member in education;
- financial assets (deposit, securities, insurance) at most 24 × 380 = 9120 per person;
- vehicles allowed: motorcycle, tricycle, farm_machine (others only for a livelihood);
- benefit (S − per-capita income) × N, rounded half up to the fen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from meanstest.api import assess_file
from meanstest.money import fmt

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# file name -> expected result; money as the contract writes it (2 decimals).
EXPECTED: dict[str, dict[str, Any]] = {
    # E1 (policy.md §10), the published Yizhang case: 3 persons.
    # gross:      casual labour 900/month + scholarship 500/year = 900 + 41.666… = 941.67
    # exempt:     scholarship 500 / 12 = 41.67
    # deductions: medical 3960 / 12 = 330 (deductible in 431022, no cap, no condition)
    # counted:    900 − 330 = 570;  per capita 570 / 3 = 190
    # benefit:    (380 − 190) × 3 = 570.00
    # assets:     deposit 3000 / 3 = 1000 ≤ 9120
    "yizhang-widow-diabetes.json": {
        "status": "dibao",
        "eligible": True,
        "benefit_monthly": "570.00",
        "household_size": 3,
        "assets_ok": True,
        "gross_monthly": "941.67",
        "exempt_monthly": "41.67",
        "deductions_monthly": "330.00",
        "counted_monthly": "570.00",
        "per_capita_monthly": "190.00",
    },
    # E2: 4 persons, annual counted income 6000 (farming) + 300 × 12 (casual) = 9600.
    # counted:    9600 / 12 = 800 a month;  per capita 800 / 4 = 200 < 380
    # benefit:    (380 − 200) × 4 = 720.00
    # assets:     deposit 2000 / 4 = 500 ≤ 9120; one house ≤ 1
    "yizhang-four-person-farming-family.json": {
        "status": "dibao",
        "eligible": True,
        "benefit_monthly": "720.00",
        "household_size": 4,
        "assets_ok": True,
        "gross_monthly": "800.00",
        "exempt_monthly": "0.00",
        "deductions_monthly": "0.00",
        "counted_monthly": "800.00",
        "per_capita_monthly": "200.00",
    },
    # E3: 2 persons, wage 800/month.
    # per capita 800 / 2 = 400: not below 380 (not dibao), below 1.5 × 380 = 570 → edge.
    # No member is disabled or seriously ill, so nobody is enrolled alone: benefit 0.00.
    # assets: deposit 5000 / 2 = 2500 ≤ 9120; a motorcycle is an allowed kind.
    "yizhang-couple-edge-household.json": {
        "status": "edge",
        "eligible": False,
        "benefit_monthly": "0.00",
        "household_size": 2,
        "assets_ok": True,
        "gross_monthly": "800.00",
        "exempt_monthly": "0.00",
        "deductions_monthly": "0.00",
        "counted_monthly": "800.00",
        "per_capita_monthly": "400.00",
    },
    # E4: the E3 household, but the spouse holds a grade-2 physical disability
    # certificate, is an unemployed adult and has no income of her own.
    # Household: per capita 400 → edge (as E3). Grade 2 is in {any: [1, 2]}, and the
    # household is an edge household, so she is enrolled alone (单人户施保):
    # benefit (380 − 0) × 1 = 380.00.
    "yizhang-disabled-spouse-single-person.json": {
        "status": "dibao_single",
        "eligible": True,
        "benefit_monthly": "380.00",
        "household_size": 2,
        "assets_ok": True,
        "gross_monthly": "800.00",
        "exempt_monthly": "0.00",
        "deductions_monthly": "0.00",
        "counted_monthly": "800.00",
        "per_capita_monthly": "400.00",
    },
    # 3 persons: wage 3000/month + farming 2400/year (= 200/month).
    # counted 3000 + 200 = 3200; per capita 3200 / 3 = 1066.666… → 1066.67
    # 1066.67 ≥ 570 (1.5 × 380): not dibao, not edge → not_eligible, benefit 0.00.
    # assets: deposit 12000 / 3 = 4000 ≤ 9120 (passes; income alone decides).
    "yizhang-migrant-worker-not-eligible.json": {
        "status": "not_eligible",
        "eligible": False,
        "benefit_monthly": "0.00",
        "household_size": 3,
        "assets_ok": True,
        "gross_monthly": "3200.00",
        "exempt_monthly": "0.00",
        "deductions_monthly": "0.00",
        "counted_monthly": "3200.00",
        "per_capita_monthly": "1066.67",
    },
    # 3 persons: casual labour 600/month; per capita 600 / 3 = 200 < 380 on income,
    # but the household owns a car not used for a livelihood: a car is not an allowed
    # kind and the livelihood exemption does not apply → asset test fails →
    # not_eligible, benefit 0.00 (and not edge: edge also needs the assets to pass).
    "yizhang-private-car-fails-asset-test.json": {
        "status": "not_eligible",
        "eligible": False,
        "benefit_monthly": "0.00",
        "household_size": 3,
        "assets_ok": False,
        "gross_monthly": "600.00",
        "exempt_monthly": "0.00",
        "deductions_monthly": "0.00",
        "counted_monthly": "600.00",
        "per_capita_monthly": "200.00",
    },
    # 2 persons: farming 2400/year = 200/month counted; basic pension 113 × 2 = 226/month
    # not counted (S2 Art. 13, 2021–2025).
    # gross 200 + 226 = 426; exempt 226; counted 200; per capita 100 < 380 on income.
    # financial assets: deposit 16000 + insurance 4000 = 20000; per person 20000 / 2 =
    # 10000 > 9120 → asset test fails → not_eligible, benefit 0.00.
    "yizhang-elderly-couple-savings-over-limit.json": {
        "status": "not_eligible",
        "eligible": False,
        "benefit_monthly": "0.00",
        "household_size": 2,
        "assets_ok": False,
        "gross_monthly": "426.00",
        "exempt_monthly": "226.00",
        "deductions_monthly": "0.00",
        "counted_monthly": "200.00",
        "per_capita_monthly": "100.00",
    },
    # 2 persons: farming 3600/year = 300/month counted; veterans' benefit 400, basic
    # pension 143 and a disability subsidy (social assistance) 110 a month are not counted.
    # gross 300 + 400 + 143 + 110 = 953; exempt 400 + 143 + 110 = 653; counted 300.
    # per capita 300 / 2 = 150 < 380 → dibao; benefit (380 − 150) × 2 = 460.00.
    # (Were they counted, per capita 953 / 2 = 476.50 ≥ 380: not dibao.)
    # assets: deposit 6000 / 2 = 3000 ≤ 9120; one house. Visual grade 3 does not matter
    # here: the whole household is on dibao.
    "yizhang-veteran-exempt-income.json": {
        "status": "dibao",
        "eligible": True,
        "benefit_monthly": "460.00",
        "household_size": 2,
        "assets_ok": True,
        "gross_monthly": "953.00",
        "exempt_monthly": "653.00",
        "deductions_monthly": "0.00",
        "counted_monthly": "300.00",
        "per_capita_monthly": "150.00",
    },
    # E5: 3 persons, wage 12000/year, out-of-pocket medical 3600/year (no cap in 431022).
    # before the deduction: 12000 / 12 = 1000 a month, per capita 333.33, benefit 140.
    # deduction 3600 / 12 = 300; counted (12000 − 3600) / 12 = 700; per capita 233.33
    # benefit 380 × 3 − 700 = 1140 − 700 = 440.00.
    "yizhang-medical-expense-deduction.json": {
        "status": "dibao",
        "eligible": True,
        "benefit_monthly": "440.00",
        "household_size": 3,
        "assets_ok": True,
        "gross_monthly": "1000.00",
        "exempt_monthly": "0.00",
        "deductions_monthly": "300.00",
        "counted_monthly": "700.00",
        "per_capita_monthly": "233.33",
    },
}

EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.json"))
INCOME_FIELDS = (
    "gross_monthly",
    "exempt_monthly",
    "deductions_monthly",
    "counted_monthly",
    "per_capita_monthly",
)


def test_examples_each_file_has_expectations() -> None:
    """Every examples/*.json has hand-worked expectations here, and every entry a file."""
    missing = sorted(set(EXAMPLE_FILES) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(EXAMPLE_FILES))
    assert not missing, f"examples without expectations in tests/test_examples.py: {missing}"
    assert not stale, f"expectations for example files that do not exist: {stale}"


def test_examples_cover_every_status_but_rigid_expenditure() -> None:
    """The examples show each status a 2021 Yizhang household can get."""
    statuses = {e["status"] for e in EXPECTED.values()}
    assert statuses == {"dibao", "dibao_single", "edge", "not_eligible"}


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_examples_assess_to_hand_worked_result(name: str) -> None:
    """An example household gets the status, benefit and income figures worked out by hand."""
    expected = EXPECTED.get(name)
    if expected is None:
        pytest.fail(f"{name}: no expectation in tests/test_examples.py EXPECTED")
    result = assess_file(EXAMPLES / name)
    got = {
        "status": result.status,
        "eligible": result.eligible,
        "benefit_monthly": fmt(result.benefit_monthly),
        "household_size": result.household_size,
        "assets_ok": result.assets_ok,
        **{f: fmt(getattr(result.income, f)) for f in INCOME_FIELDS},
    }
    wrong = {k: (v, got[k]) for k, v in expected.items() if got[k] != v}
    assert not wrong, f"{name}: (expected, got) per field: {wrong}"


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_examples_use_sourced_2021_yizhang_standard(name: str) -> None:
    """Each example is a rural 431022 household assessed in H2 2021, under S = 380 a month."""
    result = assess_file(EXAMPLES / name)
    assert result.rules.id == "431022"
    assert result.area == "rural"
    assert "2021-07-01" <= result.rules.as_of.isoformat() <= "2021-12-31"
    assert fmt(result.standard_monthly) == "380.00"  # 4560 / 12
