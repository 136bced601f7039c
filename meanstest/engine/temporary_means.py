"""Who qualifies for temporary assistance (临时救助): the cause, the household's means,
the burden it bears, and the payments already made for the same cause.

The conditions are decided into `Verdicts` (each met, not met, or undecided, with its
reason); `temporary.py` then works out how much, who approves and what is paid first.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from ..model.household import Hardship
from ..model.result import PaymentCounted, Reason
from ..money import MONTHS_PER_YEAR, ZERO, divide, monthly
from ..ruleset.views import Missing, TemporaryView
from .context import Context, Tracer, within

_TWELVE = Decimal(MONTHS_PER_YEAR)
# The income-line reasons by the line's comparison: (met, not met).
_INCOME_CODES = {
    "below": ("temp_income_below", "temp_income_not_below"),
    "not_above": ("temp_income_not_above", "temp_income_above"),
}


class Means(NamedTuple):
    """What the means test found that temporary assistance reads (exact, annual)."""

    area: str
    standard: Decimal  # the dibao standard of the area, per person
    income: Decimal  # the household's income before deductions (gross − not counted)
    counted: Decimal  # the income counted for dibao
    size: int  # the members counted for dibao
    assets_ok: bool


class Verdicts:
    """The conditions of eligibility as they are decided, with their reasons."""

    def __init__(self) -> None:
        self.met: list[bool | None] = []
        self.reasons: list[Reason] = []

    def add(self, met: bool | None, code: str, **params: object) -> None:
        self.met.append(met)
        self.reasons.append(Reason(code, params))

    def note(self, code: str, **params: object) -> None:
        self.reasons.append(Reason(code, params))

    @property
    def eligible(self) -> bool | None:
        if False in self.met:
            return False
        return None if None in self.met else True


def emergency(
    hardship: Hardship,
    ctx: Context,
    trace: Tracer,
    view: TemporaryView,
    v: Verdicts,
    *,
    on_dibao: bool,
) -> None:
    """急难型: the cause must be one the rules name (S1 Art. 47; S7 §2(1))."""
    rule = view.emergency.get(hardship.cause)
    if rule is None or not ctx.use(rule):
        key = f"temporary.emergency.{hardship.cause}"
        v.add(False, "temp_cause_not_accepted", cause=hardship.cause, key=key)
        trace.add("temporary_cause", rule, False, cause=hardship.cause, key=key)
        return
    trace.add("temporary_cause", rule, True, cause=hardship.cause)
    v.add(True, "temp_cause_accepted", cause=hardship.cause)
    if hardship.cause == "unemployment" and hardship.unemployment is not None:
        rules = view.unemployment
        needed = [
            r
            for r in (rules.min_months, rules.insured_excluded, rules.dibao_excluded)
            if isinstance(r, Missing)
        ]
        if needed:
            v.add(None, "temp_not_set", key=needed[0].key)
            return
        least = ctx.use(rules.min_months)
        months = hardship.unemployment.months_without_income
        v.add(
            months >= least,
            "temp_unemployed_months" if months >= least else "temp_unemployed_too_short",
            months=months,
            min=least,
        )
        if hardship.unemployment.insured and ctx.use(rules.insured_excluded):
            v.add(False, "temp_unemployed_insured")
        if on_dibao and ctx.use(rules.dibao_excluded):
            v.add(False, "temp_unemployed_on_dibao")
        trace.add(
            "temporary_unemployment",
            rules.min_months,
            v.met[-1] is not False,
            months=months,
            insured=hardship.unemployment.insured,
            on_dibao=on_dibao,
        )


def expenditure(
    hardship: Hardship,
    ctx: Context,
    trace: Tracer,
    view: TemporaryView,
    v: Verdicts,
    means: Means,
    assets_failed: tuple[str, ...],
) -> Decimal:
    """支出型: income below the local disposable-income line and property as for dibao
    (S7 §2(1)); returns the essential expenses that count."""
    rules = view.expenditure
    if rules is None:
        v.add(None, "temp_expenditure_not_in_force", date=ctx.on)
        return hardship.expense_total
    types = rules.expense_types
    if isinstance(types, Missing):
        v.add(None, "temp_not_set", key=types.key)
        spent = hardship.expense_total
    else:
        kinds = ctx.use(types)
        spent = sum((e.amount for e in hardship.expenses if e.type in kinds), ZERO)
        if not spent:
            v.add(False, "temp_no_expense", expense_types=", ".join(sorted(kinds)))
    line = rules.disposable_income[means.area]
    if isinstance(line, Missing):
        v.add(None, "temp_not_set", key=line.key)
    else:
        line_rule = ctx.cite(line)
        size = max(means.size, 1)
        below = within(means.counted, line_rule.value * size, line_rule)
        met_code, failed_code = _INCOME_CODES[line_rule.comparison]
        v.add(
            below,
            met_code if below else failed_code,
            per_capita=monthly(divide(means.counted, size)),
            limit=monthly(line_rule.value),
        )
        trace.add(
            "temporary_income",
            line_rule,
            below,
            per_capita=monthly(divide(means.counted, size)),
            limit=monthly(line_rule.value),
        )
    test = rules.property_test
    if isinstance(test, Missing):
        v.add(None, "temp_not_set", key=test.key)
    elif ctx.use(test):
        v.add(
            not assets_failed,
            "temp_property_failed" if assets_failed else "temp_property_ok",
            tests=", ".join(assets_failed),
        )
    return spent


def burden_share(
    hardship: Hardship, v: Verdicts, gross: Decimal, covered: Decimal, burden: Decimal, means: Means
) -> Decimal | None:
    """What the household bears itself, and its share of the income over the period."""
    if gross == 0:
        if hardship.type == "emergency":
            v.note("temp_no_amounts")
        return None
    if burden == 0:
        v.add(False, "temp_fully_covered", gross=gross, covered=covered)
        return ZERO
    income = means.income * hardship.period_months  # twelfths of the period's income
    share = divide(burden * _TWELVE, income) if income else None
    v.note(
        "temp_burden",
        burden=burden,
        gross=gross,
        covered=covered,
        months=hardship.period_months,
        share="∞" if share is None else share,
    )
    return share


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def payments(
    hardship: Hardship, ctx: Context, trace: Tracer, view: TemporaryView, v: Verdicts
) -> tuple[tuple[PaymentCounted, ...], dt.date | None]:
    """Count the payments for the same cause in the window before the hardship date.

    A payment counts when the hardship falls within ``window_months`` of it, the last
    day included: the period starts the day after the payment and ends on the same day
    ``window_months`` later (a year from 2020-11-20 ends on 2021-11-20). Payments on or
    after the hardship date are this hardship's own (paid first) and do not count.
    """
    limit = view.max_per_cause
    if limit is None:
        return (), None
    window = view.window_months
    if isinstance(window, Missing):
        v.add(None, "temp_not_set", key=window.key)
        return (), None
    months = ctx.use(window)
    most = ctx.use(limit)
    counted = tuple(
        PaymentCounted(i, p.date, p.amount)
        for i, p in enumerate(hardship.payments)
        if p.cause == hardship.cause
        and p.date < hardship.date
        and _add_months(p.date, months) >= hardship.date
    )
    start = _first_counted_day(hardship.date, months)
    ok = len(counted) < most
    v.add(
        ok,
        "temp_payments_within" if ok else "temp_payments_limit",
        count=len(counted),
        max=most,
        months=months,
        since=start,
    )
    trace.add(
        "temporary_payments",
        limit,
        len(counted),
        window_months=months,
        since=start,
        dates=[p.date.isoformat() for p in counted],
    )
    return counted, start


def _first_counted_day(hardship_date: dt.date, months: int) -> dt.date:
    """The earliest payment date that still counts (see `payments`)."""
    day = _add_months(hardship_date, -months)
    # A hardship on the last day of a longer month: earlier days of a shorter month's
    # end reach it too (2023-02-28 + 12 months = 2024-02-28 < 2024-02-29).
    while _add_months(day - dt.timedelta(days=1), months) >= hardship_date:
        day -= dt.timedelta(days=1)
    while _add_months(day, months) < hardship_date:
        day += dt.timedelta(days=1)
    return day


def not_income(ctx: Context, v: Verdicts, *, on_dibao: bool) -> None:
    """Say, citing the rule, that the assistance is not counted as income for dibao."""
    rule = ctx.rules.income.counted.get("social_assistance")
    if on_dibao and rule is not None and not isinstance(rule, Missing):
        v.note("temp_not_income" if not ctx.use(rule) else "temp_counted_as_income", key=rule.key)
