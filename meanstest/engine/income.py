"""Household membership, income items, deductions and counted income."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from ..errors import HouseholdInvalid, Problem
from ..model.household import Household, Member
from ..model.household import Income as IncomeItem
from ..model.result import DeductionLine, IncomeLine
from ..money import CONTEXT, MONTHS_PER_YEAR, ZERO, monthly
from ..ruleset.model import RulesAt
from ..ruleset.views import Missing
from .context import Context, Tracer
from .deductions import annual, apply_deductions
from .housing import housing_date_problems


class Counted(NamedTuple):
    """The household's income, as exact annual amounts."""

    lines: tuple[IncomeLine, ...]
    deductions: tuple[DeductionLine, ...]
    accepted: dict[int, Decimal]
    gross: Decimal
    exempt: Decimal
    deducted: Decimal
    counted: Decimal

    def by_category(self) -> dict[str, Decimal]:
        """Counted income per month by category (工资性, 经营, 财产, 转移, 其他)."""
        # Exact annual sums divided once: adding monthly figures (a year's 0.01 is
        # 0.000833… to 34 digits) would make the last digit depend on the items' order.
        totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in self.lines:
            if line.counted:
                totals[line.category] += annual(line.amount, line.per)
        return {category: monthly(total) for category, total in sorted(totals.items())}

    @property
    def floored(self) -> bool:
        return self.gross - self.exempt < self.deducted


def count_income(household: Household, ctx: Context, trace: Tracer, members: set[str]) -> Counted:
    """Income items counted or not, then deductions, then counted income (floored at 0)."""
    lines = income_lines(household, ctx, members)
    counted_rules = ctx.rules.income.counted
    for line in lines:
        if line.key:
            if line.basis is not None:  # not declared: the amount is the minimum wage's
                trace.add(
                    "imputed_income",
                    ctx.rules.minimum_wage,
                    line.monthly,
                    item=line.item,
                    type=line.type,
                    basis=line.basis,
                )
            trace.add(
                "income_item",
                counted_rules[line.type],
                line.counted,
                item=line.item,
                type=line.type,
                monthly=line.monthly,
            )
    own_lines = [line for line in lines if line.reason != "not_member"]
    # Sums of the exact annual amounts (a year's 1000 is not 83.33… × 12).
    gross = sum((annual(line.amount, line.per) for line in own_lines), ZERO)
    exempt = sum((annual(line.amount, line.per) for line in own_lines if not line.counted), ZERO)
    deductions, accepted = apply_deductions(household, ctx, trace, members, gross - exempt)
    deducted = sum(accepted.values(), ZERO)
    counted = max(ZERO, gross - exempt - deducted)
    # Plain arithmetic over the items and deductions, whose own steps cite their rules.
    trace.add(
        "counted_income",
        None,
        monthly(counted),
        gross=monthly(gross),
        exempt=monthly(exempt),
        deductions=monthly(deducted),
        floored_at_zero=gross - exempt < deducted,
    )
    return Counted(lines, deductions, accepted, gross, exempt, deducted, counted)


def check_against_rules(household: Household, rules: RulesAt) -> None:
    income_types = rules.views.income.types
    expense_types = rules.views.income.expense_types
    problems = []
    for i, m in enumerate(household.members):
        if m.birth_date is not None and m.birth_date > rules.on:
            problems.append(
                Problem(
                    f"members.{i}.birth_date",
                    "after_assessment_date",
                    {"date": m.birth_date.isoformat(), "on": rules.on.isoformat()},
                )
            )
    problems += housing_date_problems(household, rules.on)
    for i, item in enumerate(household.incomes):
        if item.type not in income_types:
            problems.append(
                Problem(
                    f"incomes.{i}.type",
                    "unknown_income_type",
                    {"type": item.type, "known": list(income_types)},
                )
            )
        elif item.basis is not None and income_types[item.type].category != "wage":
            problems.append(
                Problem(
                    f"incomes.{i}.basis",
                    "basis_not_wage",
                    {
                        "basis": item.basis,
                        "type": item.type,
                        "category": income_types[item.type].category,
                    },
                )
            )
    for i, exp in enumerate(household.expenses):
        if exp.type not in expense_types:
            problems.append(
                Problem(
                    f"expenses.{i}.type",
                    "unknown_expense_type",
                    {"type": exp.type, "known": list(expense_types)},
                )
            )
    if problems:
        raise HouseholdInvalid(
            "household_does_not_fit", params={"rule_set": rules.id}, problems=tuple(problems)
        )


def membership(
    household: Household, ctx: Context, trace: Tracer
) -> list[tuple[Member, bool, str | None]]:
    rule = ctx.cite(ctx.rules.membership.excluded_statuses)
    out: list[tuple[Member, bool, str | None]] = []
    for m in household.members:
        counted = m.status not in rule.value
        out.append((m, counted, None if counted else m.status))
    trace.add(
        "membership",
        rule,
        sum(c for _, c, _ in out),
        declared=len(out),
        excluded=[m.id for m, c, _ in out if not c],
    )
    return out


def item_annual(item: IncomeItem, ctx: Context) -> Decimal:
    """An income item's amount for a year: as declared, or imputed on its basis (the
    minimum wage in force, used).

    Raises:
        RuleNotInForce: the item is imputed and no minimum wage is in force.
    """
    if item.amount is None:  # basis minimum_wage, the one basis there is
        return ctx.use(ctx.rules.minimum_wage)
    return annual(item.amount, item.per)


def _imputed(item: IncomeItem, ctx: Context, outside: bool) -> tuple[Decimal, str]:
    """An imputed item's amount and period as its line shows them: a month of the minimum
    wage (or a year, when asked, or when a twelfth of the year's is not whole fen).

    An item of a member outside the household does not count: the wage is looked at,
    not used (no warning), and shown as 0 when none is in force.
    """
    wage = ctx.rules.minimum_wage
    year = ctx.use(wage) if not outside else ZERO if isinstance(wage, Missing) else wage.value
    month = CONTEXT.divide(year, MONTHS_PER_YEAR)
    if item.per != "year" and month == month.quantize(Decimal("0.01")):
        return month, "month"
    return year, "year"


def income_lines(household: Household, ctx: Context, members: set[str]) -> tuple[IncomeLine, ...]:
    income = ctx.rules.income
    lines = []
    for i, item in enumerate(household.incomes):
        category = income.types[item.type].category
        outside = item.member is not None and item.member not in members
        if item.amount is None:
            amount, per = _imputed(item, ctx, outside)
        else:
            amount, per = item.amount, item.per or "year"
        month = monthly(annual(amount, per))
        if outside:
            lines.append(
                IncomeLine(
                    i,
                    item.member,
                    item.type,
                    category,
                    amount,
                    per,
                    month,
                    counted=False,
                    reason="not_member",
                    key=None,
                    basis=item.basis,
                )
            )
            continue
        rule = ctx.cite(income.counted[item.type])
        counted = rule.value
        lines.append(
            IncomeLine(
                i,
                item.member,
                item.type,
                category,
                amount,
                per,
                month,
                counted,
                "counted" if counted else "exempt",
                rule.key,
                item.basis,
            )
        )
    return tuple(lines)


def own_counted(
    household: Household,
    incomes: tuple[IncomeLine, ...],
    accepted: dict[int, Decimal],
    members: set[str],
) -> dict[str, Decimal]:
    """Each member's own counted income, annual, net of their own accepted deductions.

    In a household of one counted member, household-level items are that member's own.
    """
    own: dict[str, Decimal] = defaultdict(lambda: ZERO)
    alone = next(iter(members)) if len(members) == 1 else None
    for line in incomes:
        member = line.member or alone
        if line.counted and member is not None:
            own[member] += annual(line.amount, line.per)
    for i, exp in enumerate(household.expenses):
        member = exp.member or alone
        if member is not None:
            own[member] -= accepted[i]
    return {k: max(ZERO, v) for k, v in own.items()}
