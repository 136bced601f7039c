"""Each trace step cites the rule that decided it (issue 12, point 17).

For every kind of step, a few representative households and the rule key the step must
cite, reasoned from what decided it (see meanstest/engine/citations.py for the choices):

- membership, standard, income item, asset test, top-up, phase-out, rigid expenditure,
  minimum benefit, single-person enrolment: their own rule, as before;
- imputed income: ``minimum_wage``;
- a deduction: the rule that decided the amount deducted: the cap or threshold that
  bit last, the rule that refused it (not deductible, a condition), else
  ``deductible``; none when the member is not counted;
- counted and per-capita income: none (plain arithmetic over steps that cite theirs);
- status: the standard for dibao, the edge multiplier for edge or above it, the failed
  asset test, or the scheme's rule (single-person, phase-out, rigid expenditure, 特困);
- benefit: its method's rule (benefit.method, the tiers, single-person, phase-out);
- 特困: the rule of the first condition that failed, else of the first to verify, else
  of the last that held by a rule;
- unsupported child: the list that matched (both parents; the other parent's), the
  duration when it decided, else the list that would have had to hold the condition.

Rules: the `ladder` fixtures (rural standard 380 a month, edge 1.5 ×, 特困 at 60+ or
under 18, a supporter unable from 70, medical deductible without a cap, education not,
disability rehabilitation only for a disabled member, phase-out 6 months, minor top-up
0.1 × 380) assessed on 2021-12-01 unless a case says otherwise.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import pytest
from conftest import FIXTURES

from meanstest.engine import assess
from meanstest.errors import HouseholdInvalid
from meanstest.model.household import parse_household
from meanstest.model.result import Assessment, TraceStep
from meanstest.money import fmt
from meanstest.ruleset.load import RuleLibrary
from meanstest.ruleset.model import RuleSet

ON = dt.date(2021, 12, 1)


@functools.cache
def _rule_set(rule_id: str) -> RuleSet:
    return RuleLibrary(FIXTURES / "rules" / "ladder").load(rule_id)


def _run(
    members: list[dict[str, Any]], rule_id: str = "ladder", on: dt.date = ON, **fields: Any
) -> Assessment:
    listed = [
        {"id": f"p{i}", "relation": "applicant" if i == 1 else "spouse", **m}
        for i, m in enumerate(members, start=1)
    ]
    return assess(
        parse_household({"area": "rural", "members": listed, **fields}), _rule_set(rule_id).at(on)
    )


def _steps(result: Assessment, step: str, **match: object) -> list[TraceStep]:
    return [
        s
        for s in result.trace
        if s.step == step and all(s.inputs.get(k) == v for k, v in match.items())
    ]


def cited(result: Assessment, step: str, **match: object) -> str | None:
    """The key the one step of that kind (with those inputs) cites."""
    found = _steps(result, step, **match)
    assert len(found) == 1, [s.step for s in result.trace]
    return found[0].key


def _wage(amount: str, member: str = "p1") -> dict[str, Any]:
    return {"member": member, "type": "wage", "amount": amount, "per": "month"}


# A family on dibao: 40 (wage 600 a month), 38, and a child of 8; medical costs of 50 a
# month. Counted 600 − 50 = 550; 550 / 3 = 183.33 < 380 → dibao; gap 1140 − 550 = 590,
# the child's minor top-up 38 → 628.
def _family() -> Assessment:
    return _run(
        [{"age": 40, "employment": "employed"}, {"age": 38}, {"age": 8, "relation": "child"}],
        incomes=[_wage("600")],
        expenses=[{"member": "p2", "type": "medical", "amount": "50", "per": "month"}],
    )


def test_family_steps_cite_their_rules() -> None:
    result = _family()
    assert result.status == "dibao"
    assert fmt(result.benefit_monthly) == "628.00"
    assert cited(result, "membership") == "household.excluded_statuses"
    assert cited(result, "standard") == "dibao.standard.rural"
    assert cited(result, "income_item") == "income.counted.wage"
    assert cited(result, "deduction") == "deduction.medical.deductible"  # in full
    assert cited(result, "counted_income") is None  # 600 − 50: arithmetic
    assert cited(result, "per_capita_income") is None  # 550 / 3: arithmetic
    assert cited(result, "asset_test") == "assets.financial.limit_months"
    assert cited(result, "status") == "dibao.standard.rural"  # below the standard
    assert cited(result, "top_up") == "classified.groups.minor"
    assert cited(result, "benefit") == "benefit.method"  # the gap


def test_tekun_step_cites_the_first_condition_that_failed() -> None:
    """The 8-year-old has no capacity to work (a minor) and no income, but her father
    (40, neither 70 nor disabled) is able to support her: the supporter condition failed,
    decided by the age from which a supporter is unable. Not the elderly age, as before.
    The adults can work: their first failed condition is the capacity to work."""
    result = _family()
    assert cited(result, "tekun", member="p3") == "tekun.supporter.unable_age"
    assert cited(result, "tekun", member="p1") == "tekun.work_capacity.age_elderly"


def test_tekun_step_of_an_eligible_member_cites_the_last_condition_held_by_a_rule() -> None:
    """A lone 72-year-old with no income and no supporters is 特困: every condition held;
    the last (no supporter) is the caseworker's declaration, so the step cites the one
    before it, no livelihood: own income 0 below the standard. The household's status
    (all members 特困, supported apart) cites how 特困 members are treated."""
    result = _run([{"age": 72, "supporters": []}])
    assert result.members[0].tekun is not None
    assert result.members[0].tekun.eligible is True
    assert cited(result, "tekun", member="p1") == "dibao.standard.rural"
    assert cited(result, "status") == "tekun.in_dibao_household"


@pytest.mark.parametrize(
    ("member", "fields", "key"),
    [
        # 45, grade-1 physical disability (no capacity to work), wage 500 ≥ 380: income
        (
            {"age": 45, "disability": {"category": "physical", "grade": 1}, "supporters": []},
            {"incomes": [_wage("500")]},
            "dibao.standard.rural",
        ),
        # 72, no income, savings of 100,000 > 24 × 380 = 9120: property
        (
            {"age": 72, "supporters": []},
            {"assets": [{"type": "deposit", "value": "100000"}]},
            "assets.financial.limit_months",
        ),
        # 72, no income, a son outside who is able to support: the declaration decided
        ({"age": 72, "supporters": [{"relation": "child", "able_to_support": True}]}, {}, None),
        # 72, supporters not declared: to verify, decided by no rule
        ({"age": 72}, {}, None),
        # 10, alone, no supporters: a minor, eligible: last held by a rule is the income test
        ({"age": 10, "supporters": []}, {}, "dibao.standard.rural"),
    ],
)
def test_tekun_step_cites_the_deciding_condition(
    member: dict[str, Any], fields: dict[str, Any], key: str | None
) -> None:
    assert cited(_run([member], **fields), "tekun", member="p1") == key


@pytest.mark.parametrize(
    ("members", "fields", "status", "key"),
    [
        # 2 persons, wage 900: 450 ≥ 380, < 570 → edge
        (
            [{"age": 40, "employment": "employed"}, {"age": 38}],
            {"incomes": [_wage("900")]},
            "edge",
            "dibao.edge_multiplier",
        ),
        # 1 person, wage 1000 ≥ 570 → above the edge line
        (
            [{"age": 40, "employment": "employed"}],
            {"incomes": [_wage("1000")]},
            "not_eligible",
            "dibao.edge_multiplier",
        ),
        # 1 person, no income, savings of 100,000 > 9120 → the asset test
        (
            [{"age": 40}],
            {"assets": [{"type": "deposit", "value": "100000"}]},
            "not_eligible",
            "assets.financial.limit_months",
        ),
        # 2 persons, wage 900 (edge), the spouse grade-1 disabled: enrolled alone
        (
            [
                {"age": 40, "employment": "employed"},
                {"age": 38, "disability": {"category": "physical", "grade": 1}},
            ],
            {"incomes": [_wage("900")]},
            "dibao_single",
            "single_person.enabled",
        ),
    ],
)
def test_status_step_cites_what_decided_it(
    members: list[dict[str, Any]], fields: dict[str, Any], status: str, key: str
) -> None:
    result = _run(members, **fields)
    assert result.status == status
    assert cited(result, "status") == key


def test_household_with_every_member_excluded_is_an_error() -> None:
    """The only member in prison: nobody is counted, and there is no household to
    assess (an error that says so, not a status citing a rule)."""
    with pytest.raises(HouseholdInvalid, match="excluded by status"):
        _run([{"age": 40, "status": "imprisoned"}])


def test_single_person_steps() -> None:
    """Enrolled alone by the disability grades; the benefit Σ (380 − 0) = 380 by the
    single-person rule, with her severe-disability top-up 0.15 × 380 = 57: 437."""
    result = _run(
        [
            {"age": 40, "employment": "employed"},
            {"age": 38, "disability": {"category": "physical", "grade": 1}},
        ],
        incomes=[_wage("900")],
    )
    assert cited(result, "single_person") == "single_person.disability_grades"
    assert cited(result, "benefit") == "single_person.enabled"
    assert fmt(result.benefit_monthly) == "437.00"


def test_tiered_benefit_cites_the_tiers() -> None:
    """2 persons, wage 200: 100 a head < 0.5 × 380 = 190 → 220 a head = 440, by tiers."""
    result = _run(
        [{"age": 40, "employment": "employed"}, {"age": 38}],
        "ladder_tiered",
        incomes=[_wage("200")],
    )
    assert fmt(result.benefit_monthly) == "440.00"
    assert cited(result, "benefit") == "benefit.tiers"


def test_phase_out_steps_cite_the_phase_out_period() -> None:
    """On dibao since January, now employed at 456 a month alone (≥ 380): phase-out."""
    result = _run(
        [{"age": 40, "employment": "employed"}],
        incomes=[_wage("456")],
        current={"status": "dibao", "monthly_benefit": "380", "since": "2021-01-01"},
    )
    assert result.status == "phase_out"
    for step in ("phase_out", "status", "benefit"):
        assert cited(result, step) == "phase_out.months", step


def test_rigid_expenditure_steps() -> None:
    """2025: alone, wage 1000 a month (above the edge line 570); schooling costs of 600 a
    month, not deductible here (refused, by that rule), are 7200 / 12000 = 0.6 > 0.5 of
    income, under the disposable-income line (12000 < 20000): rigid expenditure."""
    result = _run(
        [{"age": 40, "employment": "employed"}],
        on=dt.date(2025, 3, 1),
        incomes=[_wage("1000")],
        expenses=[{"member": "p1", "type": "education", "amount": "600", "per": "month"}],
    )
    assert result.status == "rigid_expenditure"
    assert cited(result, "deduction") == "deduction.education.deductible"
    assert cited(result, "rigid_expenditure") == "rigid.expenditure_ratio"
    assert cited(result, "status") == "rigid.expenditure_ratio"


def test_minimum_benefit_cites_its_rule() -> None:
    """3 persons at 360 a head (wage 1080): gap 60, raised to 0.2 × 380 × 3 = 228."""
    result = _run(
        [{"age": 40, "employment": "employed"}, {"age": 38}, {"age": 36}],
        "blocks_minimum",
        incomes=[_wage("1080")],
    )
    assert fmt(result.benefit_monthly) == "228.00"
    assert cited(result, "minimum_benefit") == "benefit.minimum.per_person"


# ------------------------------------------------------------------ deductions


def test_deduction_steps_cite_the_rule_that_decided_the_amount() -> None:
    """blocks_income: wage 500 a month; threshold for schooling 2 × 500 = 1000 a month.

    - medical 300 for p2, at most 200 a person: the per-person cap;
    - schooling 1500 for p3: 500 above the threshold, under the 600 cap: the threshold;
    - rent 500 for the household: 400 above 100, then at most 300: the household cap;
    - rehabilitation 100 for p1, who is not disabled: refused by the condition;
    - medical 100 for p4, in prison (not counted): refused, no rule decides.
    """
    result = _run(
        [
            {"age": 40, "employment": "employed"},
            {"age": 38},
            {"age": 19, "relation": "child", "education": "undergraduate"},
            {"age": 45, "relation": "sibling", "status": "imprisoned"},
        ],
        "blocks_income",
        incomes=[_wage("500")],
        expenses=[
            {"member": "p2", "type": "medical", "amount": "300", "per": "month"},
            {"member": "p3", "type": "education", "amount": "1500", "per": "month"},
            {"type": "rent", "amount": "500", "per": "month"},
            {"member": "p1", "type": "disability_rehab", "amount": "100", "per": "month"},
            {"member": "p4", "type": "medical", "amount": "100", "per": "month"},
        ],
    )
    keys = [s.key for s in _steps(result, "deduction")]
    assert keys == [
        "deduction.medical.cap.per_person",
        "deduction.education.threshold",
        "deduction.rent.cap.per_household",
        "deduction.disability_rehab.requires",
        None,
    ]
    # 200 + 500 + 300 = 1000 deducted of 500 income: counted floored at 0
    assert fmt(result.income.deductions_monthly) == "1000.00"


def test_imputed_income_step_cites_the_minimum_wage() -> None:
    """A wage imputed at the minimum wage: a step citing minimum_wage, then the item."""
    result = _run(
        [{"age": 40}],
        "blocks_income",
        incomes=[{"member": "p1", "type": "wage", "basis": "minimum_wage"}],
    )
    assert cited(result, "imputed_income") == "minimum_wage"
    assert cited(result, "income_item") == "income.counted.wage"


# ------------------------------------------------------------ unsupported children


@pytest.mark.parametrize(
    ("parents", "key"),
    [
        (
            [{"condition": "severely_disabled"}, {"condition": "severely_disabled"}],
            "unsupported_child.both_parents",
        ),
        ([{"condition": "dead"}, {"condition": "seriously_ill"}], "unsupported_child.other_parent"),
        # in prison two months only (< 6): the duration decided
        (
            [{"condition": "dead"}, {"condition": "imprisoned", "since": "2021-10-01"}],
            "unsupported_child.min_months",
        ),
        # in prison since when? to verify: the duration decides
        ([{"condition": "dead"}, {"condition": "imprisoned"}], "unsupported_child.min_months"),
        # the other parent present: not in the other parent's list
        ([{"condition": "dead"}, {"condition": "present"}], "unsupported_child.other_parent"),
        ([{"condition": "present"}, {"condition": "present"}], "unsupported_child.both_parents"),
        # two dead parents: an orphan, the "one parent" list holds both
        ([{"condition": "dead"}, {"condition": "dead"}], "unsupported_child.one_parent"),
    ],
)
def test_unsupported_child_step_cites_the_deciding_list(
    parents: list[dict[str, Any]], key: str
) -> None:
    result = _run([{"age": 62}, {"age": 9, "relation": "grandchild", "parents": parents}])
    assert cited(result, "unsupported_child") == key
