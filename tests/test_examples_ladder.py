"""The assistance-ladder examples (examples/ladder/*.json) give the hand-worked result.

Every expected value was worked out by hand from policy.md and the rule values, never
copied from program output. The ladder examples run under the demonstration overlay
examples/rules/yizhang-ladder-demo.yaml, which extends the shipped Yizhang rules
(431022 → 431000 → 430000 → 000000). The values in force:

- rural standard S = 4560 yuan/year = 380 yuan/month (2021; carried forward from 2022);
- edge line 1.5 × 380 = 570 a month per person;
- 特困 (000000): no work capacity at 60+, under 18, intellectual/mental 1–3, physical
  1–2, visual 1; students past 18 still count; own income below S, not counting
  basic_pension, veterans_benefit, social_assistance; a co-resident adult is a supporter
  unless 70+ or disabled {any 1–2, intellectual 3, mental 3}; a 特困 member is supported
  separately (not counted in the household);
- 特困 basic = 1.3 × 380 = 494.00 a month (000000); care (demo) full self-care
  0.1 × 494 = 49.40, partly lost 0.3 × 494 = 148.20, fully lost 0.6 × 494 = 296.40;
- 分类施保 (demo, highest of): seriously ill paid the full standard 380 instead of
  their share of the gap, plus 0.2 × 380 = 76.00; elderly (60+) their share plus
  0.1 × 380 = 38.00; minor (under 18) their share plus 0.1 × 380 = 38.00; no
  severe-disability group;
- phase-out 6 months (000000), from the month after the decision;
- rigid expenditure from 2025-01-01 (000000): medical, education, rehabilitation over
  12 months; demo: rural disposable income 20000 a year (1666.67 a month), ratio above
  0.5; valid 12 months;
- de-facto unsupported child (000000): under 18; both parents 重残 {any 1–2,
  intellectual 3–4, mental 3–4}, or one dead/missing and the other 重残, imprisoned or
  lost contact for 6+ months;
- medical costs deductible without a cap (431022); benefit rounded half up to the fen.

Expectations are dotted paths into the Assessment (``members.p1.tekun.eligible``); a
list of named tuples is stepped into by an item's ``id`` or ``name``. Money is compared
as the contract writes it: a string with two decimals.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from meanstest.api import assess_file
from meanstest.cases import is_missing, resolve
from meanstest.money import fmt

ROOT = Path(__file__).resolve().parent.parent
LADDER = ROOT / "examples" / "ladder"
DEMO = ROOT / "examples" / "rules" / "yizhang-ladder-demo.yaml"
TIERED = ROOT / "examples" / "rules" / "yizhang-tiered-demo.yaml"

# Which rules each ladder example is meant to be checked with.
RULES_FOR: dict[str, Path] = {
    "yizhang-classified-top-ups.json": DEMO,
    "yizhang-elderly-with-able-son.json": DEMO,
    "yizhang-phase-out-new-job.json": DEMO,
    "yizhang-rigid-expenditure-2025.json": DEMO,
    "yizhang-tekun-elderly-alone.json": DEMO,
    "yizhang-unsupported-child.json": DEMO,
}

EXPECTED: dict[str, dict[str, Any]] = {
    # 3 persons, 2021-12-01: p1 46 seriously ill, p2 69 (born 1952-08-09), p3 43.
    # income: p3 farming 7200/year = 600/month counted; per capita 600 / 3 = 200 < 380.
    # gap (380 − 200) × 3 = 540: a share of 180 each (policy.md §10 E7).
    # p1 seriously ill: the full standard 380 instead of 180 (+200), plus 0.2 × 380 =
    #   76.00 → 456; p2 elderly (69 ≥ 60): 180 + 0.1 × 380 = 38.00 → 218; p3 (43): 180.
    # top-ups 76 + 38 = 114.00; benefit 540 + 200 + 114 = 854.00 (one rounding, exact).
    # 特困: p1 46 and p3 43 can work (serious illness is not a work-capacity case);
    #   p2 is 69 (no work capacity), no own income (0 < 380), but co-resident p1 (46,
    #   not disabled) is able to support → not 特困.
    "yizhang-classified-top-ups.json": {
        "rules.id": "yizhang-ladder-demo",
        "status": "dibao",
        "eligible": True,
        "household_size": 3,
        "income.counted_monthly": "600.00",
        "income.per_capita_monthly": "200.00",
        "benefit.method": "household_gap",
        "benefit.top_ups": "114.00",
        "benefit.full_standard": "200.00",
        "benefit_monthly": "854.00",
        "support_monthly": "854.00",
        "members.p1.top_up.groups": ("serious_illness",),
        "members.p1.top_up.monthly": "76.00",
        "members.p1.top_up.full_standard": "200.00",
        "members.p2.top_up.full_standard": None,
        "members.p2.top_up.groups": ("elderly",),
        "members.p2.top_up.monthly": "38.00",
        "members.p3.top_up": None,
        "members.p1.tekun.eligible": False,
        "members.p1.tekun.conditions.no_work_capacity.met": False,
        "members.p2.tekun.eligible": False,
        "members.p2.tekun.conditions.no_work_capacity.met": True,
        "members.p2.tekun.conditions.no_livelihood.met": True,
        "members.p2.tekun.conditions.no_supporter.met": False,
        "members.p2.tekun.conditions.no_supporter.reason.code": "tekun_supporter_in_household",
        "members.p2.tekun.basic_monthly": None,
        "members.p3.tekun.eligible": False,
        "members.p1.child": None,
        "phase_out": None,
        "rigid": None,
    },
    # E8 (policy.md §10): one person, 72 on 2021-11-10 (born 1949-02-03), own farming
    # income 1800/year = 150/month < 380, only son able to support → NOT 特困
    # (S3 Arts. 4, 8). Tested for dibao instead: 150 < 380 → dibao;
    # gap 380 − 150 = 230; top-up elderly 0.1 × 380 = 38; benefit 230 + 38 = 268.00.
    "yizhang-elderly-with-able-son.json": {
        "status": "dibao",
        "eligible": True,
        "household_size": 1,
        "income.counted_monthly": "150.00",
        "income.per_capita_monthly": "150.00",
        "benefit.method": "household_gap",
        "benefit.top_ups": "38.00",
        "benefit_monthly": "268.00",
        "members.p1.age": 72,
        "members.p1.counted": True,
        "members.p1.top_up.groups": ("elderly",),
        "members.p1.top_up.monthly": "38.00",
        "members.p1.tekun.eligible": False,
        "members.p1.tekun.conditions.no_work_capacity.met": True,
        "members.p1.tekun.conditions.no_work_capacity.reason.code": "tekun_elderly",
        "members.p1.tekun.conditions.no_livelihood.met": True,
        "members.p1.tekun.conditions.no_supporter.met": False,
        "members.p1.tekun.conditions.no_supporter.reason.code": "tekun_supporter_outside",
        "members.p1.tekun.self_care": "full_self_care",
        "members.p1.tekun.basic_monthly": None,
        "members.p1.tekun.care_monthly": None,
        "phase_out": None,
        "rigid": None,
    },
    # E6 (policy.md §10): on dibao since 2021-12-01 at 570/month; assessed 2022-03-15.
    # 3 persons: p1 (37) employed, wage 1500/month; p2 12, p3 8.
    # per capita 1500 / 3 = 500 ≥ 380: no longer dibao (500 < 570 → edge on income).
    # Income rose through work (p1 employed, wage income) and the household is on dibao:
    # phase-out (S2 Art. 33; S5 §1(3)), 6 months from the month after the decision:
    # 2022-04 … 2022-09 at the previous 570.00. Not ended (2022-03 ≤ 2022-09).
    # Top-ups are not paid in phase-out (the minors p2, p3 would be 38 each on dibao).
    # Paid until the phase-out ends, so eligible (contract §2: 0.00 when not eligible).
    "yizhang-phase-out-new-job.json": {
        "status": "phase_out",
        "eligible": True,
        "household_size": 3,
        "income.counted_monthly": "1500.00",
        "income.per_capita_monthly": "500.00",
        "benefit.method": "phase_out",
        "benefit_monthly": "570.00",
        "phase_out.months": 6,
        "phase_out.start": "2022-04",
        "phase_out.until": "2022-09",
        "phase_out.monthly": "570.00",
        "phase_out.ended": False,
        "reason_codes": ("above_standard", "below_edge", "phase_out"),
        "members.p2.top_up": None,
        "members.p3.top_up": None,
        "members.p2.tekun.eligible": False,
        "members.p2.tekun.conditions.no_work_capacity.reason.code": "tekun_minor",
        "members.p2.tekun.conditions.no_supporter.met": False,
        "rigid": None,
    },
    # E11-like (policy.md §10), assessed 2025-03-01. 3 persons: p1 44, p2 42, p3 13.
    # wages 36000 + 24000 = 60000/year = 5000/month; medical (p2) 31000/year deducted
    # (431022: no cap) = 2583.33/month.
    # counted (60000 − 31000) / 12 = 2416.67; per capita 29000 / 36 = 805.56
    # > 570 edge line → neither dibao nor edge.
    # rigid (S4 Art. 4): per capita 29000 / 3 = 9666.67/year < 20000 (demo disposable
    # income); rigid share 31000 / 60000 = 51.67% > 50% → rigid-expenditure household.
    # No benefit (rigid-expenditure recognition pays no dibao): 0.00.
    "yizhang-rigid-expenditure-2025.json": {
        "status": "rigid_expenditure",
        "eligible": False,
        "household_size": 3,
        "income.gross_monthly": "5000.00",
        "income.deductions_monthly": "2583.33",
        "income.counted_monthly": "2416.67",
        "income.per_capita_monthly": "805.56",
        "benefit.method": "none",
        "benefit_monthly": "0.00",
        "reason_codes": ("above_standard", "above_edge", "rigid_met"),
        "rigid.assessed": True,
        "rigid.met": True,
        "rigid.reason.code": "rigid_met",
        "rigid.expenditure_annual": "31000.00",
        "rigid.income_annual": "60000.00",
        "rigid.share_4dp": "0.5167",
        "rigid.threshold": Decimal("0.5"),
        # S4 Art. 10: valid at most 12 months. Counted, as every assistance in §8,
        # 12 months counted from the decision month: 2025-03 … 2026-02.
        "rigid.valid_until": "2026-02",
        "members.p3.tekun.eligible": False,
        "members.p3.tekun.conditions.no_work_capacity.met": True,
        "phase_out": None,
    },
    # E9 (policy.md §10) and 特困: alone, 72 on 2021-11-10 (born 1949-04-18).
    # no work capacity: 72 ≥ 60. own income for 特困: basic pension 150/month excluded
    # (S3 Art. 6); farming 1200/year = 100/month < 380. own property: deposit 2000
    # ≤ 24 × 380 = 9120; 1 house ≤ 1. Only supporter (son) unable → 特困.
    # self-care: fails bathing, toileting, dressing = 3 ≤ 3 → partly lost.
    # basic 380 × 1.3 = 494.00; care 0.3 × 494 = 148.20; total 642.20.
    # Every member 特困: status tekun (not eligible for dibao), household size 1 (she
    # lives in it), reason all_tekun, no dibao benefit (0.00); support 642.20 a month
    # (at home: the demo has no standards by mode). Her income is not a dibao
    # household's.
    "yizhang-tekun-elderly-alone.json": {
        "status": "tekun",
        "eligible": False,
        "household_size": 1,
        "reason_codes": ("all_tekun",),
        "benefit.method": "none",
        "benefit_monthly": "0.00",
        "support_monthly": "642.20",
        "thresholds": (),
        "income.counted_monthly": "0.00",
        "members.p1.counted": False,
        "members.p1.excluded_because": "tekun",
        "members.p1.top_up": None,
        "members.p1.tekun.eligible": True,
        "members.p1.tekun.conditions.no_work_capacity.met": True,
        "members.p1.tekun.conditions.no_livelihood.met": True,
        "members.p1.tekun.conditions.no_livelihood.reason.code": "tekun_income_under",
        "members.p1.tekun.conditions.no_supporter.met": True,
        "members.p1.tekun.conditions.no_supporter.reason.code": "tekun_supporters_unable",
        "members.p1.tekun.self_care": "partial",
        "members.p1.tekun.basic_monthly": "494.00",
        "members.p1.tekun.care_monthly": "148.20",
        "members.p1.tekun.total_monthly": "642.20",
        "members.p1.tekun.support_mode": "at_home",
        "members.p1.tekun.notes": (),
        "phase_out": None,
        "rigid": None,
    },
    # E10 (policy.md §10), 2021-09-01: father p1 (38) physical grade 1, mother p2 (35)
    # intellectual grade 3, child p3 (7). Both parents 重残 (S8 §1) → p3 flagged.
    # income: p1 disability subsidy 110/month (social assistance, not counted);
    # household farming 3000/year = 250/month. gross 360, exempt 110, counted 250;
    # per capita 250 / 3 = 83.33 < 380 → dibao. gap 380 × 3 − 250 = 890.
    # top-up: p3 minor 0.1 × 380 = 38 (the demo has no severe-disability group);
    # benefit 890 + 38 = 928.00.
    # 特困: p1 (physical 1), p2 (intellectual 3), p3 (minor) have no work capacity and
    # no own income (the subsidy is excluded), the co-resident adults are each other's
    # unable supporters (grade 1; intellectual 3), but nobody declared supporters
    # outside the household → undetermined (null), so nobody is separated.
    # Undetermined still shows the standards: basic 494.00, care 0.1 × 494 = 49.40.
    "yizhang-unsupported-child.json": {
        "status": "dibao",
        "eligible": True,
        "household_size": 3,
        "income.gross_monthly": "360.00",
        "income.exempt_monthly": "110.00",
        "income.counted_monthly": "250.00",
        "income.per_capita_monthly": "83.33",
        "benefit.method": "household_gap",
        "benefit.top_ups": "38.00",
        "benefit_monthly": "928.00",
        "members.p3.child.flagged": True,
        "members.p3.child.reason.code": "child_unsupported",
        "members.p1.child": None,
        "members.p2.child": None,
        "members.p3.top_up.groups": ("minor",),
        "members.p3.top_up.monthly": "38.00",
        "members.p1.top_up": None,
        "members.p2.top_up": None,
        "members.p1.tekun.eligible": None,
        "members.p1.tekun.conditions.no_work_capacity.reason.code": "tekun_disabled",
        "members.p1.tekun.conditions.no_livelihood.met": True,
        "members.p1.tekun.conditions.no_supporter.met": None,
        "members.p1.tekun.conditions.no_supporter.reason.code": "tekun_supporters_unknown",
        "members.p1.tekun.basic_monthly": "494.00",
        "members.p1.tekun.care_monthly": "49.40",
        "members.p2.tekun.eligible": None,
        "members.p2.tekun.conditions.no_work_capacity.met": True,
        "members.p3.tekun.eligible": None,
        "members.p3.tekun.conditions.no_work_capacity.reason.code": "tekun_minor",
        "phase_out": None,
        "rigid": None,
    },
}

LADDER_FILES = sorted(p.name for p in LADDER.glob("*.json"))


def _value(result: Any, path: str) -> Any:
    """Return the value at a dotted path, shown as the expectations write it."""
    if path == "reason_codes":
        return tuple(r.code for r in result.reasons)
    if path == "rigid.share_4dp":
        share = result.rigid.share
        return None if share is None else f"{share.quantize(Decimal('0.0001'))}"
    obj = resolve(result, path)  # the same path language as the rule tests
    if is_missing(obj):
        return "<not a path in the result>"
    if isinstance(obj, Decimal) and path != "rigid.threshold":
        return fmt(obj)
    return obj


def _wrong(result: Any, expected: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    got = {path: _value(result, path) for path in expected}
    return {
        path: (want, got[path])
        for path, want in expected.items()
        if got[path] != want or type(got[path]) is not type(want)
    }


def test_examples_ladder_each_file_has_expectations() -> None:
    """Every examples/ladder/*.json has rules and hand-worked expectations here."""
    assert LADDER_FILES, "no examples in examples/ladder"
    missing = sorted(set(LADDER_FILES) - set(EXPECTED))
    no_rules = sorted(set(LADDER_FILES) - set(RULES_FOR))
    stale = sorted((set(EXPECTED) | set(RULES_FOR)) - set(LADDER_FILES))
    assert not missing, f"ladder examples without expectations: {missing}"
    assert not no_rules, f"ladder examples without rules in RULES_FOR: {no_rules}"
    assert not stale, f"expectations for ladder examples that do not exist: {stale}"


@pytest.mark.parametrize("name", LADDER_FILES)
def test_examples_ladder_assess_to_hand_worked_result(name: str) -> None:
    """A ladder example gets the status, benefit and ladder fields worked out by hand."""
    expected = EXPECTED.get(name)
    if expected is None:
        pytest.fail(f"{name}: no expectation in tests/test_examples_ladder.py EXPECTED")
    result = assess_file(LADDER / name, rules=RULES_FOR[name])
    wrong = _wrong(result, expected)
    assert not wrong, f"{name}: (expected, got) per path: {wrong}"


@pytest.mark.parametrize("name", LADDER_FILES)
def test_examples_ladder_use_demo_overlay_on_yizhang(name: str) -> None:
    """Each ladder example is a rural Yizhang household assessed under S = 380 a month."""
    result = assess_file(LADDER / name, rules=RULES_FOR[name])
    assert result.rules.id == "yizhang-ladder-demo"
    assert result.area == "rural"
    assert fmt(result.standard_monthly) == "380.00"  # 4560 / 12
    # The demo values are provisional, and the result says so.
    assert any(w.code == "provisional_value" for w in result.warnings)


def test_examples_ladder_rigid_never_before_2025() -> None:
    """The rigid-expenditure example assessed on 2024-12-01 gets no rigid test at all."""
    # S4 is effective 2025-01-01: rigid.enabled has no value before then, so the test
    # is not made (None, not "not met"). Same income: per capita 805.56 > 570 → the
    # household is simply not eligible.
    result = assess_file(
        LADDER / "yizhang-rigid-expenditure-2025.json", rules=DEMO, on=dt.date(2024, 12, 1)
    )
    assert result.rigid is None
    assert result.status == "not_eligible"
    assert fmt(result.income.per_capita_monthly) == "805.56"
    assert fmt(result.benefit_monthly) == "0.00"


def test_examples_ladder_tekun_alone_total_is_basic_plus_care() -> None:
    """The 特困 person's monthly support is basic 494.00 + care 148.20 = 642.20."""
    result = assess_file(LADDER / "yizhang-tekun-elderly-alone.json", rules=DEMO)
    tekun = result.members[0].tekun
    assert tekun is not None
    # 380 × 1.3 = 494; 494 × 0.3 = 148.2; 494 + 148.2 = 642.2 (exact, no rounding)
    assert tekun.basic_monthly == Decimal("494.00")
    assert tekun.care_monthly == Decimal("148.20")
    assert tekun.total_monthly == Decimal("642.20")
    assert tekun.notes == ()


def test_examples_tiered_demo_pays_by_tier() -> None:
    """Under the tiered demo the four-person family is paid 140 × 4 = 560.00, not 720.00."""
    # E2 household, 2021-09-01: counted 9600/year = 800/month; per capita 200.
    # 200 / 380 = 52.6% of the standard: not below 25% (95) or 50% (190), below 75%
    # (285) → the 140-yuan tier; 140 × 4 = 560.00.
    # The gap method would pay (380 − 200) × 4 = 720.00; both are shown.
    result = assess_file(
        ROOT / "examples" / "yizhang-four-person-farming-family.json", rules=TIERED
    )
    assert result.rules.id == "yizhang-tiered-demo"
    assert result.status == "dibao"
    assert fmt(result.income.per_capita_monthly) == "200.00"
    assert result.benefit.method == "tiered"
    assert fmt(result.benefit_monthly) == "560.00"
    assert {k: fmt(v) for k, v in result.benefit.alternatives.items()} == {
        "household_gap": "720.00",
        "tiered": "560.00",
    }
    # No 分类施保 keys in the tiered demo: no top-ups.
    assert fmt(result.benefit.top_ups) == "0.00"
    assert all(m.top_up is None for m in result.members)
