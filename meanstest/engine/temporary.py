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

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from ..errors import HouseholdInvalid, Problem
from ..model.household import Hardship, Household
from ..model.result import (
    ELIGIBLE,
    Assessment,
    Reason,
    TemporaryAssistance,
    Warning,
)
from ..money import MONTHS_PER_YEAR, ZERO, monthly
from ..ruleset.amounts import Amount, Share, scale
from ..ruleset.views import Missing, Rule, TemporaryTier, TemporaryView
from .context import Context, Tracer, warnings_for, within
from .temporary_means import (
    Means,
    Verdicts,
    burden_share,
    emergency,
    expenditure,
    not_income,
    payments,
)

_TWELVE = Decimal(MONTHS_PER_YEAR)

__all__ = ["Means", "check_dates", "with_temporary"]


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
        problems.append(
            Problem(
                "hardship.date",
                "after_assessment_date",
                {"date": hardship.date.isoformat(), "on": on.isoformat()},
            )
        )
    for i, payment in enumerate(hardship.payments):
        if payment.date > on:
            problems.append(
                Problem(
                    f"hardship.payments.{i}.date",
                    "payment_in_future",
                    {"date": payment.date.isoformat(), "on": on.isoformat()},
                )
            )
    if problems:
        raise HouseholdInvalid("hardship_dates_after", problems=tuple(problems))


def with_temporary(
    result: Assessment, household: Household, ctx: Context, trace: Tracer, means: Means
) -> Assessment:
    """Return the assessment with its temporary-assistance section (and its trace steps
    and warnings); the household has a hardship."""
    hardship = household.hardship
    if hardship is None:
        return result
    on_dibao = result.eligible or (
        household.current is not None and household.current.status in ELIGIBLE
    )
    persons = sum(1 for m in result.members if m.excluded_because in (None, "tekun"))
    section, extra = _assess(
        hardship,
        ctx,
        trace,
        means,
        on_dibao=on_dibao,
        persons=persons,
        assets_failed=tuple(t.name for t in result.asset_tests if not t.passed),
    )
    return result._replace(
        temporary_assistance=section,
        trace=tuple(trace.steps),
        warnings=(*warnings_for(ctx.used, household.area), *extra),
    )


def _assess(
    hardship: Hardship,
    ctx: Context,
    trace: Tracer,
    means: Means,
    *,
    on_dibao: bool,
    persons: int,
    assets_failed: tuple[str, ...],
) -> tuple[TemporaryAssistance, tuple[Warning, ...]]:
    """The whole test: conditions, payments, amounts, approval, paying first."""
    view = ctx.rules.temporary
    covered = hardship.covered.total
    empty = _empty(hardship, covered, persons)
    if view is None:
        return empty._replace(reasons=(Reason("temp_not_in_force", {"date": ctx.on}),)), ()
    v = Verdicts()
    if hardship.type == "emergency":
        emergency(hardship, ctx, trace, view, v, on_dibao=on_dibao)
        gross = hardship.loss + hardship.expense_total
    else:
        gross = expenditure(hardship, ctx, trace, view, v, means, assets_failed)
    burden = max(ZERO, gross - covered)
    share = burden_share(hardship, v, gross, covered, burden, means)
    counted, window_from = payments(hardship, ctx, trace, view, v)
    not_income(ctx, v, on_dibao=on_dibao)
    amounts = (
        _amounts(hardship, ctx, trace, view, v, means, persons, burden)
        if v.eligible is not False
        else _Amounts(None, None, None, None, None, None)
    )
    section = empty._replace(
        burden=burden,
        burden_share=share,
        payments_counted=counted,
        payments_limit=None if view.max_per_cause is None else view.max_per_cause.value,
        window_from=window_from,
        per=amounts.per,
        minimum=amounts.minimum,
        maximum=amounts.maximum,
        suggested=amounts.suggested,
        tier=amounts.tier,
    )
    extra: tuple[Warning, ...] = ()
    if v.eligible is not False and amounts.maximum is not None:
        section, extra = _approval(hardship, ctx, trace, view, v, means, burden, amounts, section)
    trace.add(
        "temporary",
        view.enabled,
        v.eligible,
        type=hardship.type,
        cause=hardship.cause,
        burden=burden,
    )
    return section._replace(eligible=v.eligible, reasons=tuple(v.reasons)), extra


def _empty(hardship: Hardship, covered: Decimal, persons: int) -> TemporaryAssistance:
    """The section before any test: the hardship as declared, nothing decided."""
    return TemporaryAssistance(
        hardship.type,
        hardship.cause,
        hardship.date,
        None,
        (),
        ZERO,
        covered,
        None,
        None,
        persons,
        None,
        None,
        None,
        None,
        None,
        None,
        False,
        None,
        (),
        None,
        None,
    )


def _approval(
    hardship: Hardship,
    ctx: Context,
    trace: Tracer,
    view: TemporaryView,
    v: Verdicts,
    means: Means,
    burden: Decimal,
    amounts: _Amounts,
    section: TemporaryAssistance,
) -> tuple[TemporaryAssistance, tuple[Warning, ...]]:
    """Who approves and what is paid first, for a household that may get an amount."""
    approver, township, extra = _approver(ctx, trace, view, v, means, burden, amounts)
    paid_first, fund = _paid_first(hardship, ctx, trace, view, v, means, amounts)
    section = section._replace(
        approver=approver, township_limit=township, paid_first=paid_first, reserve_fund=fund
    )
    return section, extra


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


def _amounts(
    hardship: Hardship,
    ctx: Context,
    trace: Tracer,
    view: TemporaryView,
    v: Verdicts,
    means: Means,
    persons: int,
    burden: Decimal,
) -> _Amounts:
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
    v.note("temp_range", minimum=low / _TWELVE, maximum=high / _TWELVE, per=per, persons=persons)
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
    trace.add(
        "temporary_amount",
        view.tiers or view.maximum,
        None if suggested is None else suggested / _TWELVE,
        minimum=low / _TWELVE,
        maximum=high / _TWELVE,
        per=per,
        persons=persons,
        standard=monthly(means.standard),
        tier=tier,
    )
    return _Amounts(
        per,
        low / _TWELVE,
        high / _TWELVE,
        None if suggested is None else suggested / _TWELVE,
        tier,
        high if suggested is None else suggested,
    )


def _tier(
    hardship: Hardship, tiers: tuple[TemporaryTier, ...], means: Means, burden: Decimal
) -> tuple[int, Decimal]:
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


def _approver(
    ctx: Context,
    trace: Tracer,
    view: TemporaryView,
    v: Verdicts,
    means: Means,
    burden: Decimal,
    amounts: _Amounts,
) -> tuple[str, Decimal | None, tuple[Warning, ...]]:
    """Case by case (一事一议) above the burden limit, else the township within its
    limit when approval is delegated, else the county (S1 Art. 48)."""
    amount = amounts.twelfths or ZERO
    if view.case_by_case_above is not None:
        rule = ctx.cite(view.case_by_case_above)
        limit = _twelfths(rule.value, means)
        if within(burden * _TWELVE, limit, rule):
            v.note("temp_case_by_case", burden=burden, limit=limit / _TWELVE)
            trace.add(
                "temporary_approver", rule, "case_by_case", burden=burden, limit=limit / _TWELVE
            )
            return "case_by_case", None, ()
    elif amounts.maximum is not None and burden > amounts.maximum:
        v.note("temp_larger_case", burden=burden, maximum=amounts.maximum)
    if isinstance(view.delegated, Missing) or not ctx.use(view.delegated):
        v.note("temp_approver_county")
        trace.add(
            "temporary_approver",
            None if isinstance(view.delegated, Missing) else view.delegated,
            "county",
            amount=amount / _TWELVE,
        )
        return "county", None, ()
    if view.township_limit is None:
        # Delegated, but the township's limit is not known: the county approves, and
        # the result says that the limit needs a source.
        v.note("temp_township_limit_unknown")
        trace.add("temporary_approver", view.delegated, "county", amount=amount / _TWELVE)
        source = view.delegated.source
        return (
            "county",
            None,
            (Warning("township_limit_unsourced", "temporary.approval.township_limit", source),),
        )
    rule = ctx.cite(view.township_limit)
    limit = _twelfths(rule.value, means)
    township = within(amount, limit, rule)
    v.note(
        "temp_approver_township" if township else "temp_approver_over_township",
        amount=amount / _TWELVE,
        limit=limit / _TWELVE,
    )
    trace.add(
        "temporary_approver",
        rule,
        "township" if township else "county",
        amount=amount / _TWELVE,
        limit=limit / _TWELVE,
    )
    return ("township" if township else "county"), limit / _TWELVE, ()


def _paid_first(
    hardship: Hardship,
    ctx: Context,
    trace: Tracer,
    view: TemporaryView,
    v: Verdicts,
    means: Means,
    amounts: _Amounts,
) -> tuple[bool, Decimal | None]:
    """先行救助: the types the rules allow, within a limit if one is set (S7 §2(2))."""
    types = view.paid_first_types
    if isinstance(types, Missing):  # the procedure, not eligibility: a note, not a verdict
        v.note("temp_not_set", key=types.key)
        return False, None
    allowed = hardship.type in ctx.use(types)
    rule_used: Rule[object] = types
    if allowed and view.paid_first_limit is not None:
        limit_rule = ctx.cite(view.paid_first_limit)
        allowed = within(amounts.twelfths or ZERO, _twelfths(limit_rule.value, means), limit_rule)
        rule_used = limit_rule
    fund = None
    if allowed and view.reserve_fund is not None:
        fund = _twelfths(ctx.use(view.reserve_fund), means) / _TWELVE
        v.note("temp_paid_first_reserve", fund=fund)
    else:
        v.note("temp_paid_first" if allowed else "temp_not_paid_first", type=hardship.type)
    trace.add("temporary_paid_first", rule_used, allowed, type=hardship.type)
    return allowed, fund
