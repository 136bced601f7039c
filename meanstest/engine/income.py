"""Household membership, income items, deductions and counted income."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Literal, NamedTuple

from ..errors import HouseholdInvalid, Problem
from ..model.household import Expense, Household, Member
from ..model.result import DeductionLine, IncomeLine, Reason
from ..money import MONTHS_PER_YEAR, ZERO, monthly
from ..ruleset.model import RulesAt
from ..ruleset.views import DeductionView, Missing
from .context import Context, Tracer

_EMPLOYED = frozenset({"employed", "self_employed"})
# The reason each cap gives when it bites (the codes results have always used).
_CAPPED = {"per_item": "capped_per_item_monthly", "per_person": "capped_per_person_monthly",
           "per_household": "capped_per_household_monthly",
           "share_of_income": "capped_share_of_income"}


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


def count_income(household: Household, ctx: Context, trace: Tracer,
                 members: set[str]) -> Counted:
    """Income items counted or not, then deductions, then counted income (floored at 0)."""
    lines = income_lines(household, ctx, members)
    counted_rules = ctx.rules.income.counted
    for line in lines:
        if line.key:
            trace.add("income_item", counted_rules[line.type], line.counted, item=line.item,
                      type=line.type, monthly=line.monthly)
    own_lines = [line for line in lines if line.reason != "not_member"]
    # Sums of the exact annual amounts (a year's 1000 is not 83.33… × 12).
    gross = sum((annual(line.amount, line.per) for line in own_lines), ZERO)
    exempt = sum((annual(line.amount, line.per) for line in own_lines if not line.counted),
                 ZERO)
    deductions, accepted = apply_deductions(household, ctx, trace, members, gross - exempt)
    deducted = sum(accepted.values(), ZERO)
    counted = max(ZERO, gross - exempt - deducted)
    trace.add("counted_income", ctx.rules.income.reference_months, monthly(counted),
              gross=monthly(gross), exempt=monthly(exempt), deductions=monthly(deducted),
              floored_at_zero=gross - exempt < deducted)
    return Counted(lines, deductions, accepted, gross, exempt, deducted, counted)


def check_against_rules(household: Household, rules: RulesAt) -> None:
    income_types = rules.views.income.types
    expense_types = rules.views.income.expense_types
    problems = []
    for i, m in enumerate(household.members):
        if m.birth_date is not None and m.birth_date > rules.on:
            problems.append(Problem(f"members.{i}.birth_date",
                                    f"{m.birth_date} is after the assessment date {rules.on}"))
    for i, item in enumerate(household.incomes):
        if item.type not in income_types:
            problems.append(Problem(f"incomes.{i}.type", f"unknown income type '{item.type}' "
                                    f"(known: {', '.join(income_types)})"))
    for i, exp in enumerate(household.expenses):
        if exp.type not in expense_types:
            problems.append(Problem(f"expenses.{i}.type", f"unknown expense type '{exp.type}' "
                                    f"(known: {', '.join(expense_types)})"))
    if problems:
        raise HouseholdInvalid(f"the household does not fit rule set {rules.id}",
                               problems=tuple(problems))


def membership(household: Household, ctx: Context,
               trace: Tracer) -> list[tuple[Member, bool, str | None]]:
    rule = ctx.cite(ctx.rules.membership.excluded_statuses)
    out: list[tuple[Member, bool, str | None]] = []
    for m in household.members:
        counted = m.status not in rule.value
        out.append((m, counted, None if counted else m.status))
    trace.add("membership", rule, sum(c for _, c, _ in out),
              declared=len(out), excluded=[m.id for m, c, _ in out if not c])
    return out


def annual(amount: Decimal, per: str) -> Decimal:
    return amount * MONTHS_PER_YEAR if per == "month" else amount


def income_lines(household: Household, ctx: Context,
                 members: set[str]) -> tuple[IncomeLine, ...]:
    income = ctx.rules.income
    lines = []
    for i, item in enumerate(household.incomes):
        category = income.types[item.type].category
        month = monthly(annual(item.amount, item.per))
        if item.member is not None and item.member not in members:
            lines.append(IncomeLine(i, item.member, item.type, category, item.amount, item.per,
                                    month, counted=False, reason="not_member", key=None))
            continue
        rule = ctx.cite(income.counted[item.type])
        counted = rule.value
        lines.append(IncomeLine(i, item.member, item.type, category, item.amount, item.per,
                                month, counted, "counted" if counted else "exempt", rule.key))
    return tuple(lines)


def meets(member: Member | None, condition: str) -> bool:
    if member is None:
        return False
    if condition == "employed":
        return member.employment in _EMPLOYED
    if condition == "disabled":
        return member.disability is not None
    if condition == "serious_illness":
        return member.serious_illness
    return member.education not in (None, "none")  # in_education


def apply_deductions(household: Household, ctx: Context, trace: Tracer, members: set[str],
                     income: Decimal) -> tuple[tuple[DeductionLine, ...], dict[int, Decimal]]:
    """Apply each claimed expense against the rules: refuse, cap or accept it.

    Caps apply in a fixed order: per item, per person, per household, share of income;
    items share a person's or household's cap in the order they were listed.
    """
    by_id = {m.id: m for m in household.members}
    rules = ctx.rules.deductions
    accepted: dict[int, Decimal] = {}
    reasons: dict[int, list[Reason]] = defaultdict(list)
    refused: set[int] = set()
    used_person: dict[tuple[str, str | None], Decimal] = defaultdict(lambda: ZERO)
    used_household: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for i, exp in enumerate(household.expenses):
        claim = annual(exp.amount, exp.per)
        why = refusal(exp, ctx, rules[exp.type], by_id, members)
        if why is not None:
            reasons[i].append(why)
            refused.add(i)
            accepted[i] = ZERO
            continue
        amount = claim
        caps = rules[exp.type].caps
        for cap_name in ("per_item", "per_person", "per_household", "share_of_income"):
            rule = caps.get(cap_name)
            if rule is None:
                continue
            cap = ctx.use(rule)  # annual yuan, or a share of income
            if cap is None:  # unlimited
                continue
            already = {"per_item": ZERO,
                       "per_person": used_person[(exp.type, exp.member)]}.get(
                           cap_name, used_household[exp.type])
            whole = income * cap if cap_name == "share_of_income" else cap
            limit = max(whole - already, ZERO)
            if amount > limit:
                shown = {"share": cap} if cap_name == "share_of_income" else {
                    "cap": monthly(cap)}
                reasons[i].append(Reason(_CAPPED[cap_name], {
                    **shown, "key": rule.key, "allowed": monthly(limit)}))
                amount = limit
        used_person[(exp.type, exp.member)] += amount
        used_household[exp.type] += amount
        accepted[i] = amount
    lines = []
    for i, exp in enumerate(household.expenses):
        claim = annual(exp.amount, exp.per)
        kind = rules[exp.type].kind
        status: Literal["accepted", "capped", "refused"]
        if i in refused:
            status = "refused"
        elif accepted[i] < claim:
            status = "capped"
        else:
            status = "accepted"
            reasons[i].append(Reason("netted" if kind == "transfer_expenditure"
                                     else "accepted"))
        lines.append(DeductionLine(i, exp.member, exp.type, kind, monthly(claim),
                                   monthly(accepted[i]), status, tuple(reasons[i])))
        deductible = rules[exp.type].deductible
        trace.add("deduction", None if isinstance(deductible, Missing) else deductible, status,
                  item=i, type=exp.type, claimed=monthly(claim), accepted=monthly(accepted[i]))
    return tuple(lines), accepted


def refusal(exp: Expense, ctx: Context, rules: DeductionView, by_id: dict[str, Member],
            members: set[str]) -> Reason | None:
    if exp.member is not None and exp.member not in members:
        return Reason("not_member", {"member": exp.member})
    if isinstance(rules.deductible, Missing):
        return Reason("no_rule", {"key": rules.deductible.key})
    if not ctx.use(rules.deductible):
        return Reason("not_deductible", {"key": rules.deductible.key})
    requires = () if rules.requires is None else ctx.use(rules.requires)
    member = by_id.get(exp.member) if exp.member else None
    for condition in requires:
        if exp.member is None:
            return Reason("needs_member", {"condition": condition})
        if not meets(member, condition):
            return Reason("condition_not_met", {"member": exp.member, "condition": condition})
    return None


def own_counted(household: Household, incomes: tuple[IncomeLine, ...],
                 accepted: dict[int, Decimal], members: set[str]) -> dict[str, Decimal]:
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

