"""The rule keys of temporary assistance (临时救助), declared apart from the means test's.

`keys` merges them into its tables (`STATIC_KEYS`, `THRESHOLDS`, the amount keys), so
the loader checks them like any other key. They live here so that the scheme can grow
without touching the vocabulary of dibao. Import them through `keys` (which merges
this module's tables into its own), never directly.

Amounts of temporary assistance are **one-off** sums: a payment, a cap on one, an
approval limit. They are written in ``yuan`` (a sum, not a rate) or as a share of a
monthly base (``{amount: 6, unit: share of standard}`` is six times the monthly dibao
standard of the household's area).
"""

from __future__ import annotations

from typing import Any

from ..errors import Invalid
from ..model import vocabulary as V
from . import amounts
from .amounts import Amount
from .value_types import Checker, boolean, count, list_of, money, months, one_of, ratio

# The vocabulary of the household's `hardship` object, which rule files name.
HARDSHIP_TYPES = V.codes(V.HardshipType)
CAUSES = V.codes(V.HardshipCause)
HARDSHIP_EXPENSES = V.codes(V.HardshipExpenseType)


def tiers(value: Any) -> tuple[tuple[Any, Amount], ...]:
    """Amount tiers by the burden (the loss or expense not covered, as a share of the
    household's income over the same period), ascending::

        [{burden_from: 0, amount: {amount: 1, unit: share of standard}},
         {burden_from: 1, amount: {amount: 3, unit: share of standard}}]

    A household whose burden is at least ``burden_from`` (the last such tier) is
    suggested that tier's amount.
    """
    if not isinstance(value, list) or not value:
        raise Invalid("burden_tiers_expected")
    out: list[tuple[Any, Amount]] = []
    for i, tier in enumerate(value):
        if not isinstance(tier, dict) or set(tier) != {"burden_from", "amount"}:
            raise Invalid("tier_keys", at=(i,), keys=["burden_from", "amount"])
        try:
            bound = ratio(tier["burden_from"])
        except Invalid as exc:
            raise exc.inside(i, "burden_from") from None
        if out and bound <= out[-1][0]:
            raise Invalid("tier_increase", at=(i, "burden_from"), key="burden_from")
        try:
            amount = amounts.structured(tier["amount"], ("standard",), money, one_off=True)
        except Invalid as exc:
            raise exc.inside(i, "amount") from None
        out.append((bound, amount))
    return tuple(out)


PREFIX = "temporary."

TEMPORARY_KEYS: dict[str, Checker] = {
    "temporary.enabled": boolean,
    # 急难型: the causes that qualify, one key each (a provisional cause warns only
    # when a household names it)
    **{f"temporary.emergency.{cause}": boolean for cause in CAUSES},
    "temporary.unemployment.min_months": count,
    "temporary.unemployment.insured_excluded": boolean,
    "temporary.unemployment.dibao_excluded": boolean,
    # 支出型
    "temporary.expenditure.enabled": boolean,
    "temporary.expenditure.disposable_income.urban": money,
    "temporary.expenditure.disposable_income.rural": money,
    "temporary.expenditure.property_test": boolean,
    "temporary.expenditure.expense_types": list_of(*HARDSHIP_EXPENSES),
    # the amount
    "temporary.amount.per": one_of(*V.codes(V.AmountPer)),
    "temporary.amount.minimum": money,
    "temporary.amount.maximum": money,
    "temporary.amount.tiers": tiers,
    "temporary.amount.cap": money,
    # how often
    "temporary.payments.max_per_cause": count,
    "temporary.payments.window_months": months,
    # who approves, and what may be paid first
    "temporary.approval.delegated": boolean,
    "temporary.approval.township_limit": money,
    "temporary.approval.case_by_case_above": money,
    "temporary.paid_first.types": list_of(*HARDSHIP_TYPES),
    "temporary.paid_first.limit": money,
    "temporary.reserve_fund.township": money,
}

# Rates (yuan a month or a year, like the standard): the disposable-income line.
RATE_KEYS: dict[str, tuple[str, ...]] = {
    "temporary.expenditure.disposable_income.urban": (),
    "temporary.expenditure.disposable_income.rural": (),
}

# One-off amounts: the bases each may be a share of (none: yuan only).
ONE_OFF_KEYS: dict[str, tuple[str, ...]] = {
    "temporary.amount.minimum": ("standard",),
    "temporary.amount.maximum": ("standard",),
    "temporary.amount.cap": ("standard",),
    "temporary.approval.township_limit": ("standard",),
    # the uncovered loss or expense: may be a share of the household's monthly income
    # (12 = a year's income)
    "temporary.approval.case_by_case_above": ("standard", "household_income"),
    "temporary.paid_first.limit": ("standard",),
    "temporary.reserve_fund.township": (),
}

TEMPORARY_THRESHOLDS: dict[str, tuple[str, str]] = {
    # S7 §2(1): 原则上低于当地上年度城乡居民人均可支配收入
    "temporary.expenditure.disposable_income.urban": ("upper", "below"),
    "temporary.expenditure.disposable_income.rural": ("upper", "below"),
    # a township approves amounts up to its limit (不超过)
    "temporary.approval.township_limit": ("upper", "not_above"),
    # a case whose uncovered loss or expense is above this is decided case by case
    "temporary.approval.case_by_case_above": ("lower", "above"),
    "temporary.paid_first.limit": ("upper", "not_above"),
}

__all__ = [
    "CAUSES",
    "HARDSHIP_EXPENSES",
    "HARDSHIP_TYPES",
    "ONE_OFF_KEYS",
    "RATE_KEYS",
    "TEMPORARY_KEYS",
    "TEMPORARY_THRESHOLDS",
]
