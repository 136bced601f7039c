"""The assessment engine: a pure function from a household and rules to a result.

No file, clock, environment or printing: everything comes in as arguments. Amounts are
kept as exact annual equivalents (a monthly amount times 12), so the tests compare
exact sums (`counted income < standard × size`) and the one division by 12 happens at
the end, before the single rounding the rule file states. The benefit is computed on
the household, `standard × size − counted income`, never from a rounded per-capita
figure multiplied back.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..household import Household
from ..money import ZERO, divide, monthly
from ..result import Assessment, Income, MemberResult, RulesUsed, Threshold
from ..ruleset import RulesAt
from .assets import run_asset_tests
from .benefit import compute_benefit
from .context import RuleReader, Tracer, warnings_for
from .income import check_against_rules, count_income, membership, own_counted
from .status import classify

__all__ = ["assess"]


def assess(household: Household, rules: RulesAt) -> Assessment:
    """Assess one household under the rules in force on ``rules.on``.

    Raises:
        HouseholdInvalid: the household names a type the rules do not know, or a
            birth date after the assessment date.
        RuleNotInForce: a rule the assessment needs has no value on that date.
    """
    r = RuleReader(rules)
    trace = Tracer(r)
    check_against_rules(household, rules)

    members = membership(household, r, trace)
    counted_ids = {m.id for m, counted, _ in members if counted}
    size = len(counted_ids)
    income = count_income(household, r, trace, counted_ids)
    months = r.get("income.reference_months")

    standard_key = f"dibao.standard.{household.area}"
    standard = Decimal(r.get(standard_key))  # annual, per person
    trace.add("standard", standard_key, monthly(standard), annual=standard)
    per_capita = divide(monthly(income.counted), size) if size else ZERO
    if size:
        trace.add("per_capita_income", "income.reference_months", per_capita,
                  counted_monthly=monthly(income.counted), size=size, reference_months=months)

    asset_tests = run_asset_tests(household, r, size, standard)
    for test in asset_tests:
        if test.key:
            trace.add("asset_test", test.key, test.passed, test=test.name, **test.reason.params)

    multiplier = Decimal(r.get("dibao.edge_multiplier"))
    dibao_line = standard * size
    edge_line = dibao_line * multiplier
    own = own_counted(household, income.lines, income.accepted)
    outcome = classify(household, r, trace, income.counted, size, standard, multiplier,
                        asset_tests, own, counted_ids)
    trace.add("status", "dibao.edge_multiplier", outcome.status,
              counted=monthly(income.counted), dibao_line=monthly(dibao_line),
              edge_line=monthly(edge_line), assets_ok=all(t.passed for t in asset_tests))
    benefit = compute_benefit(outcome, r, trace, income.counted, dibao_line, size, standard)

    by_category: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in income.lines:
        if line.counted:
            by_category[line.category] += line.monthly
    return Assessment(
        household_id=household.id,
        rules=RulesUsed(rules.id, rules.name.zh, rules.name.en, rules.on, rules.digest),
        area=household.area,
        household_size=size,
        standard_monthly=monthly(standard),
        income=Income(months, monthly(income.gross), monthly(income.exempt),
                      monthly(income.deducted), monthly(income.counted), per_capita,
                      income.floored, dict(sorted(by_category.items()))),
        incomes=income.lines,
        deductions=income.deductions,
        assets_ok=all(t.passed for t in asset_tests),
        asset_tests=asset_tests,
        status=outcome.status,
        benefit=benefit,
        members=tuple(
            MemberResult(m.id, m.name, m.relation, m.age_on(rules.on), counted_flag, why,
                         monthly(own.get(m.id, ZERO)), m.id in outcome.single,
                         outcome.single.get(m.id), m.id_number)
            for m, counted_flag, why in members),
        thresholds=(
            Threshold("dibao", monthly(standard), monthly(dibao_line),
                      monthly(dibao_line - income.counted)),
            Threshold("edge", monthly(standard * multiplier), monthly(edge_line),
                      monthly(edge_line - income.counted)),
        ),
        reasons=outcome.reasons,
        trace=tuple(trace.steps),
        warnings=warnings_for(r.used),
        type_labels={
            **{i.type: rules.income_types[i.type].label for i in household.incomes},
            **{e.type: rules.expense_types[e.type].label for e in household.expenses}},
    )
