"""Temporary assistance (临时救助): who qualifies, how much, who approves, what is paid first.

Runs after the means test, only for a household with a ``hardship``; the dibao result
stands as it is (a household may be on dibao and get temporary assistance, which is
not income for dibao: government assistance is not counted, S2 Art. 13).

One-off amounts are compared exactly: every figure is kept as twelve times itself
(``twelfths``), since the bases are annual figures (the standard, the household's
income) over 12, and a sum in yuan times 12 stays exact. A test whose local value the
rules do not set is reported as undecided with the missing key, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from ..errors import HouseholdInvalid, Problem
from ..model.household import Hardship, Household
from ..model.result import (
    ELIGIBLE,
    Assessment,
    PaymentCounted,
    Reason,
    TemporaryAssistance,
    Warning,
)
from ..money import MONTHS_PER_YEAR, ZERO, divide, monthly
from ..ruleset.amounts import Amount, Share, scale
from ..ruleset.views import Missing, Rule, TemporaryTier, TemporaryView
from .context import Context, Tracer, warnings_for, within

_TWELVE = Decimal(MONTHS_PER_YEAR)
# The income-line reasons by the line's comparison: (met, not met).
_INCOME_CODES = {"below": ("temp_income_below", "temp_income_not_below"),
                 "not_above": ("temp_income_not_above", "temp_income_above")}


class Means(NamedTuple):
    """What the means test found that temporary assistance reads (exact, annual)."""

    area: str
    standard: Decimal  # the dibao standard of the area, per person
    income: Decimal  # the household's income before deductions (gross − not counted)
    counted: Decimal  # the income counted for dibao
    size: int  # the members counted for dibao
    assets_ok: bool


class _Verdicts:
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


def check_dates(household: Household, on: dt.date) -> None:
    """Refuse a hardship dated after the assessment date, or a payment dated after it.

    Raises:
        HouseholdInvalid: naming the field.
    """
    hardship = household.hardship
    if hardship is None:
        return
    problems = []
    if hardship.date > on:
        problems.append(Problem("hardship.date", "after_assessment_date",
                                {"date": hardship.date.isoformat(), "on": on.isoformat()}))
    for i, payment in enumerate(hardship.payments):
        if payment.date > on:
            problems.append(Problem(f"hardship.payments.{i}.date", "payment_in_future",
                                    {"date": payment.date.isoformat(), "on": on.isoformat()}))
    if problems:
        raise HouseholdInvalid("hardship_dates_after", problems=tuple(problems))


def with_temporary(result: Assessment, household: Household, ctx: Context, trace: Tracer,
                   means: Means) -> Assessment:
    """Return the assessment with its temporary-assistance section (and its trace steps
    and warnings); the household has a hardship."""
    hardship = household.hardship
    if hardship is None:
        return result
    on_dibao = result.eligible or (household.current is not None
                                   and household.current.status in ELIGIBLE)
    persons = sum(1 for m in result.members if m.excluded_because in (None, "tekun"))
    section, extra = _assess(hardship, ctx, trace, means, on_dibao=on_dibao,
                             persons=persons, assets_failed=tuple(
                                 t.name for t in result.asset_tests if not t.passed))
    return result._replace(temporary_assistance=section, trace=tuple(trace.steps),
                           warnings=(*warnings_for(ctx.used), *extra))


def _assess(hardship: Hardship, ctx: Context, trace: Tracer, means: Means, *,
            on_dibao: bool, persons: int, assets_failed: tuple[str, ...]
            ) -> tuple[TemporaryAssistance, tuple[Warning, ...]]:
    """The whole test: conditions, payments, amounts, approval, paying first."""
    view = ctx.rules.temporary
    covered = hardship.covered.total
    empty = TemporaryAssistance(
        hardship.type, hardship.cause, hardship.date, None, (), ZERO, covered, None, None,
        persons, None, None, None, None, None, None, False, None, (), None, None)
    if view is None:
        return empty._replace(reasons=(Reason("temp_not_in_force", {"date": ctx.on}),)), ()
    v = _Verdicts()
    if hardship.type == "emergency":
        _emergency(hardship, ctx, trace, view, v, on_dibao=on_dibao)
        gross = hardship.loss + hardship.expense_total
    else:
        gross = _expenditure(hardship, ctx, trace, view, v, means, assets_failed)
    burden = max(ZERO, gross - covered)
    share = _burden(hardship, v, gross, covered, burden, means)
    counted, window_from = _payments(hardship, ctx, trace, view, v)
    _not_income(ctx, v, on_dibao=on_dibao)
    amounts = (_amounts(hardship, ctx, trace, view, v, means, persons, burden)
               if v.eligible is not False else _Amounts(None, None, None, None, None, None))
    section = empty._replace(
        burden=burden, burden_share=share, payments_counted=counted,
        payments_limit=None if view.max_per_cause is None else view.max_per_cause.value,
        window_from=window_from, per=amounts.per, minimum=amounts.minimum,
        maximum=amounts.maximum, suggested=amounts.suggested, tier=amounts.tier)
    extra: tuple[Warning, ...] = ()
    if v.eligible is not False and amounts.maximum is not None:
        approver, township, extra = _approver(ctx, trace, view, v, means, burden, amounts)
        paid_first, fund = _paid_first(hardship, ctx, trace, view, v, means, amounts)
        section = section._replace(approver=approver, township_limit=township,
                                   paid_first=paid_first, reserve_fund=fund)
    trace.add("temporary", view.enabled, v.eligible, type=hardship.type,
              cause=hardship.cause, burden=burden)
    return section._replace(eligible=v.eligible, reasons=tuple(v.reasons)), extra


# ---------------------------------------------------------------- who qualifies


def _emergency(hardship: Hardship, ctx: Context, trace: Tracer, view: TemporaryView,
               v: _Verdicts, *, on_dibao: bool) -> None:
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
        needed = [r for r in (rules.min_months, rules.insured_excluded, rules.dibao_excluded)
                  if isinstance(r, Missing)]
        if needed:
            v.add(None, "temp_not_set", key=needed[0].key)
            return
        least = ctx.use(rules.min_months)
        months = hardship.unemployment.months_without_income
        v.add(months >= least, "temp_unemployed_months" if months >= least
              else "temp_unemployed_too_short", months=months, min=least)
        if hardship.unemployment.insured and ctx.use(rules.insured_excluded):
            v.add(False, "temp_unemployed_insured")
        if on_dibao and ctx.use(rules.dibao_excluded):
            v.add(False, "temp_unemployed_on_dibao")
        trace.add("temporary_unemployment", rules.min_months, v.met[-1] is not False,
                  months=months, insured=hardship.unemployment.insured, on_dibao=on_dibao)


def _expenditure(hardship: Hardship, ctx: Context, trace: Tracer, view: TemporaryView,
                 v: _Verdicts, means: Means, assets_failed: tuple[str, ...]) -> Decimal:
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
        v.add(below, met_code if below else failed_code,
              per_capita=monthly(divide(means.counted, size)), limit=monthly(line_rule.value))
        trace.add("temporary_income", line_rule, below,
                  per_capita=monthly(divide(means.counted, size)),
                  limit=monthly(line_rule.value))
    test = rules.property_test
    if isinstance(test, Missing):
        v.add(None, "temp_not_set", key=test.key)
    elif ctx.use(test):
        v.add(not assets_failed, "temp_property_failed" if assets_failed
              else "temp_property_ok", tests=", ".join(assets_failed))
    return spent


def _burden(hardship: Hardship, v: _Verdicts, gross: Decimal, covered: Decimal,
            burden: Decimal, means: Means) -> Decimal | None:
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
    v.note("temp_burden", burden=burden, gross=gross, covered=covered,
           months=hardship.period_months, share="∞" if share is None else share)
    return share


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _payments(hardship: Hardship, ctx: Context, trace: Tracer, view: TemporaryView,
              v: _Verdicts) -> tuple[tuple[PaymentCounted, ...], dt.date | None]:
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
    counted = tuple(PaymentCounted(i, p.date, p.amount)
                    for i, p in enumerate(hardship.payments)
                    if p.cause == hardship.cause and p.date < hardship.date
                    and _add_months(p.date, months) >= hardship.date)
    start = _first_counted_day(hardship.date, months)
    ok = len(counted) < most
    v.add(ok, "temp_payments_within" if ok else "temp_payments_limit", count=len(counted),
          max=most, months=months, since=start)
    trace.add("temporary_payments", limit, len(counted), window_months=months,
              since=start, dates=[p.date.isoformat() for p in counted])
    return counted, start


def _first_counted_day(hardship_date: dt.date, months: int) -> dt.date:
    """The earliest payment date that still counts (see `_payments`)."""
    day = _add_months(hardship_date, -months)
    # A hardship on the last day of a longer month: earlier days of a shorter month's
    # end reach it too (2023-02-28 + 12 months = 2024-02-28 < 2024-02-29).
    while _add_months(day - dt.timedelta(days=1), months) >= hardship_date:
        day -= dt.timedelta(days=1)
    while _add_months(day, months) < hardship_date:
        day += dt.timedelta(days=1)
    return day


def _not_income(ctx: Context, v: _Verdicts, *, on_dibao: bool) -> None:
    """Say, citing the rule, that the assistance is not counted as income for dibao."""
    rule = ctx.rules.income.counted.get("social_assistance")
    if on_dibao and rule is not None and not isinstance(rule, Missing):
        v.note("temp_not_income" if not ctx.use(rule) else "temp_counted_as_income",
               key=rule.key)


# ---------------------------------------------------------------- how much


class _Amounts(NamedTuple):
    per: str | None
    minimum: Decimal | None
    maximum: Decimal | None
    suggested: Decimal | None
    tier: int | None
    twelfths: Decimal | None  # 12 × the amount that is approved (suggested, else maximum)


def _twelfths(value: Amount, means: Means) -> Decimal:
    """Twelve times a one-off amount: a sum in yuan, or a share of a monthly base."""
    if not isinstance(value, Share):
        return value * _TWELVE
    base = means.standard if value.of == "standard" else means.income  # annual bases
    return scale(base, value.ratio)


def _amounts(hardship: Hardship, ctx: Context, trace: Tracer, view: TemporaryView,
             v: _Verdicts, means: Means, persons: int, burden: Decimal) -> _Amounts:
    """The range (minimum and maximum, capped) and the amount the tiers suggest."""
    missing = [r for r in (view.per, view.minimum, view.maximum) if isinstance(r, Missing)]
    if missing:
        v.note("temp_amount_not_set", key=missing[0].key)
        return _Amounts(None, None, None, None, None, None)
    per = ctx.use(view.per)
    times = Decimal(persons if per == "person" else 1)
    low = _twelfths(ctx.use(view.minimum), means) * times
    high = _twelfths(ctx.use(view.maximum), means) * times
    if view.cap is not None:
        cap = _twelfths(ctx.use(view.cap), means)
        if cap < high:
            high = cap
            v.note("temp_capped", cap=cap / _TWELVE)
    low = min(low, high)
    v.note("temp_range", minimum=low / _TWELVE, maximum=high / _TWELVE, per=per,
           persons=persons)
    suggested: Decimal | None = None
    tier: int | None = None
    if view.tiers is not None and v.eligible is not False:
        tier, before = _tier(hardship, ctx.use(view.tiers), means, burden)
        amount = before * times
        suggested = min(max(amount, low), high)
        v.note("temp_tier", tier=tier, suggested=suggested / _TWELVE)
        if suggested != amount:
            v.note("temp_clamped", before=amount / _TWELVE, after=suggested / _TWELVE)
    elif v.eligible is not False:
        v.note("temp_caseworker_choice")
    trace.add("temporary_amount", view.tiers or view.maximum,
              None if suggested is None else suggested / _TWELVE,
              minimum=low / _TWELVE, maximum=high / _TWELVE, per=per, persons=persons,
              standard=monthly(means.standard), tier=tier)
    return _Amounts(per, low / _TWELVE, high / _TWELVE,
                    None if suggested is None else suggested / _TWELVE, tier,
                    high if suggested is None else suggested)


def _tier(hardship: Hardship, tiers: tuple[TemporaryTier, ...], means: Means,
          burden: Decimal) -> tuple[int, Decimal]:
    """The last tier whose ``burden_from`` the burden reaches (the first tier at least),
    and twelve times its amount.

    The burden is compared with its share of the period's income, cross-multiplied:
    burden ≥ from × income × months / 12.
    """
    period_income = means.income * hardship.period_months
    chosen, found = 1, _twelfths(tiers[0].amount, means)
    if burden == 0:  # nothing given to weigh: the first tier, whatever the income
        return chosen, found
    for i, tier in enumerate(tiers[1:], start=2):
        if burden * _TWELVE >= tier.burden_from * period_income:
            chosen, found = i, _twelfths(tier.amount, means)
    return chosen, found


# ---------------------------------------------------------------- who approves


def _approver(ctx: Context, trace: Tracer, view: TemporaryView, v: _Verdicts, means: Means,
              burden: Decimal, amounts: _Amounts
              ) -> tuple[str, Decimal | None, tuple[Warning, ...]]:
    """Case by case (一事一议) above the burden limit, else the township within its
    limit when approval is delegated, else the county (S1 Art. 48)."""
    amount = amounts.twelfths or ZERO
    if view.case_by_case_above is not None:
        rule = ctx.cite(view.case_by_case_above)
        limit = _twelfths(rule.value, means)
        if within(burden * _TWELVE, limit, rule):
            v.note("temp_case_by_case", burden=burden, limit=limit / _TWELVE)
            trace.add("temporary_approver", rule, "case_by_case", burden=burden,
                      limit=limit / _TWELVE)
            return "case_by_case", None, ()
    elif amounts.maximum is not None and burden > amounts.maximum:
        v.note("temp_larger_case", burden=burden, maximum=amounts.maximum)
    if isinstance(view.delegated, Missing) or not ctx.use(view.delegated):
        v.note("temp_approver_county")
        trace.add("temporary_approver", None if isinstance(view.delegated, Missing)
                  else view.delegated, "county", amount=amount / _TWELVE)
        return "county", None, ()
    if view.township_limit is None:
        # Delegated, but the township's limit is not known: the county approves, and
        # the result says that the limit needs a source.
        v.note("temp_township_limit_unknown")
        trace.add("temporary_approver", view.delegated, "county", amount=amount / _TWELVE)
        source = view.delegated.source
        return "county", None, (Warning("township_limit_unsourced",
                                        "temporary.approval.township_limit", source),)
    rule = ctx.cite(view.township_limit)
    limit = _twelfths(rule.value, means)
    township = within(amount, limit, rule)
    v.note("temp_approver_township" if township else "temp_approver_over_township",
           amount=amount / _TWELVE, limit=limit / _TWELVE)
    trace.add("temporary_approver", rule, "township" if township else "county",
              amount=amount / _TWELVE, limit=limit / _TWELVE)
    return ("township" if township else "county"), limit / _TWELVE, ()


def _paid_first(hardship: Hardship, ctx: Context, trace: Tracer, view: TemporaryView,
                v: _Verdicts, means: Means, amounts: _Amounts) -> tuple[bool, Decimal | None]:
    """先行救助: the types the rules allow, within a limit if one is set (S7 §2(2))."""
    types = view.paid_first_types
    if isinstance(types, Missing):  # the procedure, not eligibility: a note, not a verdict
        v.note("temp_not_set", key=types.key)
        return False, None
    allowed = hardship.type in ctx.use(types)
    rule_used: Rule[object] = types
    if allowed and view.paid_first_limit is not None:
        limit_rule = ctx.cite(view.paid_first_limit)
        allowed = within(amounts.twelfths or ZERO, _twelfths(limit_rule.value, means),
                         limit_rule)
        rule_used = limit_rule
    fund = None
    if allowed and view.reserve_fund is not None:
        fund = _twelfths(ctx.use(view.reserve_fund), means) / _TWELVE
        v.note("temp_paid_first_reserve", fund=fund)
    else:
        v.note("temp_paid_first" if allowed else "temp_not_paid_first", type=hardship.type)
    trace.add("temporary_paid_first", rule_used, allowed, type=hardship.type)
    return allowed, fund
