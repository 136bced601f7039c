"""Deductions: the claimed expenses the rules deduct from income, in part or in full.

Each claimed expense is refused (not deductible, a condition not met, the member's
disability not of a grade the type is limited to), or deducted: the part above its
type's threshold, if the rules set one (衡阳's model deducts schooling costs above 2× the
household's income, only the excess), then capped per item, per person, per household
and as a share of income. Each type has its own threshold and
caps, and the deductions of all types add up.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..model.household import Expense, Household, Member
from ..model.result import DeductionLine, Reason
from ..model.vocabulary import DeductionStatus
from ..money import MONTHS_PER_YEAR, ZERO, monthly
from ..ruleset.amounts import Amount, Share, scale
from ..ruleset.views import DeductionView, Grades, Missing, Rule
from .context import Context, Tracer
from .status import disability_qualifies

_EMPLOYED = frozenset({"employed", "self_employed"})
# The reason each cap gives when it bites (the codes results have always used).
_CAPPED = {
    "per_item": "capped_per_item_monthly",
    "per_person": "capped_per_person_monthly",
    "per_household": "capped_per_household_monthly",
    "share_of_income": "capped_share_of_income",
}
_CAP_ORDER = ("per_item", "per_person", "per_household", "share_of_income")

Decider = Rule[object] | None  # the rule a deduction's trace step cites


def annual(amount: Decimal, per: str | None) -> Decimal:
    """An amount per month or year as a year's (a year's is as given)."""
    return amount * MONTHS_PER_YEAR if per == "month" else amount


class _Used:
    """What the items listed so far have taken of each shared threshold and cap."""

    def __init__(self) -> None:
        self.threshold: dict[str, Decimal] = defaultdict(lambda: ZERO)  # by type
        self.person: dict[tuple[str, str | None], Decimal] = defaultdict(lambda: ZERO)
        self.household: dict[str, Decimal] = defaultdict(lambda: ZERO)  # by type


def apply_deductions(
    household: Household, ctx: Context, trace: Tracer, members: set[str], income: Decimal
) -> tuple[tuple[DeductionLine, ...], dict[int, Decimal]]:
    """Apply each claimed expense against the rules: refuse it, or deduct the part above
    its threshold (all of it when there is none), capped.

    ``income`` is the household's counted income before deductions, annual (the base
    of a threshold or cap that is a share of income). A threshold is the household's,
    for its claims of the type together; caps apply in a fixed order: per item, per
    person, per household, share of income. Items share a threshold or cap in the order
    they were listed. Each trace step cites the rule that decided the amount deducted.
    """
    by_id = {m.id: m for m in household.members}
    rules = ctx.rules.deductions
    accepted: dict[int, Decimal] = {}
    reasons: dict[int, list[Reason]] = defaultdict(list)
    decided: dict[int, Decider] = {}
    refused: set[int] = set()
    used = _Used()
    for i, exp in enumerate(household.expenses):
        view = rules[exp.type]
        why = refusal(exp, ctx, view, by_id, members)
        if why is not None:
            reasons[i].append(why)
            refused.add(i)
            accepted[i] = ZERO
            decided[i] = _refused_by(why, view)
            continue
        decided[i] = None if isinstance(view.deductible, Missing) else view.deductible
        amount = _above_threshold(
            ctx, view, exp.type, annual(exp.amount, exp.per), income, used, reasons[i], decided, i
        )
        amount = _capped(ctx, view, exp, amount, income, used, reasons[i], decided, i)
        used.person[(exp.type, exp.member)] += amount
        used.household[exp.type] += amount
        accepted[i] = amount
    return _lines(household, ctx, trace, refused, accepted, reasons, decided), accepted


def _lines(
    household: Household,
    ctx: Context,
    trace: Tracer,
    refused: set[int],
    accepted: dict[int, Decimal],
    reasons: dict[int, list[Reason]],
    decided: dict[int, Decider],
) -> tuple[DeductionLine, ...]:
    """Each claim's line of the result, with its status, and its trace step."""
    rules = ctx.rules.deductions
    lines = []
    for i, exp in enumerate(household.expenses):
        claim = annual(exp.amount, exp.per)
        kind = rules[exp.type].kind
        status: DeductionStatus
        if i in refused:
            status = "refused"
        elif accepted[i] < claim:
            status = "capped"
        else:
            status = "accepted"
            reasons[i].append(Reason("netted" if kind == "transfer_expenditure" else "accepted"))
        lines.append(
            DeductionLine(
                i,
                exp.member,
                exp.type,
                kind,
                monthly(claim),
                monthly(accepted[i]),
                status,
                tuple(reasons[i]),
            )
        )
        trace.add(
            "deduction",
            decided[i],
            status,
            item=i,
            type=exp.type,
            claimed=monthly(claim),
            accepted=monthly(accepted[i]),
        )
    return tuple(lines)


def _above_threshold(
    ctx: Context,
    view: DeductionView,
    expense_type: str,
    claim: Decimal,
    income: Decimal,
    used: _Used,
    reasons: list[Reason],
    decided: dict[int, Decider],
    i: int,
) -> Decimal:
    """The part of a claim above what is left of its type's threshold (annual)."""
    rule = view.threshold
    if rule is None:
        return claim
    threshold = _threshold(ctx.use(rule), income)
    left = max(threshold - used.threshold[expense_type], ZERO)
    under = min(claim, left)  # the part of the claim the threshold takes
    used.threshold[expense_type] += under
    if under == ZERO:
        return claim
    decided[i] = rule
    code = "above_threshold" if claim > under else "below_threshold"
    reasons.append(
        Reason(
            code, {"start": monthly(threshold), "key": rule.key, "allowed": monthly(claim - under)}
        )
    )
    return claim - under


def _threshold(value: Amount, income: Decimal) -> Decimal:
    """A threshold as annual yuan: an amount, or a share of the household's income."""
    if isinstance(value, Share):  # of household_income, the one base a threshold has
        return scale(income, value.ratio)
    return value


def _capped(
    ctx: Context,
    view: DeductionView,
    exp: Expense,
    amount: Decimal,
    income: Decimal,
    used: _Used,
    reasons: list[Reason],
    decided: dict[int, Decider],
    i: int,
) -> Decimal:
    """The amount within every cap of the type, in order; the last cap that bites decides."""
    for cap_name in _CAP_ORDER:
        rule = view.caps.get(cap_name)
        if rule is None:
            continue
        cap = ctx.use(rule)  # annual yuan, or a share of income
        if cap is None:  # unlimited
            continue
        already = {"per_item": ZERO, "per_person": used.person[(exp.type, exp.member)]}.get(
            cap_name, used.household[exp.type]
        )
        whole = income * cap if cap_name == "share_of_income" else cap
        limit = max(whole - already, ZERO)
        if amount > limit:
            shown = {"share": cap} if cap_name == "share_of_income" else {"cap": monthly(cap)}
            reasons.append(
                Reason(_CAPPED[cap_name], {**shown, "key": rule.key, "allowed": monthly(limit)})
            )
            amount = limit
            decided[i] = rule
    return amount


def _refused_by(why: Reason, view: DeductionView) -> Decider:
    """The rule that refused a claim: not deductible, a condition it requires, or the
    disability grades it is limited to; none when the rules say nothing of the type or
    the member is not counted."""
    if why.code == "not_deductible" and not isinstance(view.deductible, Missing):
        return view.deductible
    if why.code in ("needs_member", "condition_not_met"):
        return view.requires
    if why.code in ("grades_need_member", "grade_not_allowed"):
        return view.disability_grades
    return None


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


def refusal(
    exp: Expense, ctx: Context, rules: DeductionView, by_id: dict[str, Member], members: set[str]
) -> Reason | None:
    if exp.member is not None and exp.member not in members:
        return Reason("not_member", {"member": exp.member})
    if isinstance(rules.deductible, Missing):
        return Reason("no_rule", {"key": rules.deductible.key})
    if not ctx.use(rules.deductible):
        return Reason("not_deductible", {"key": rules.deductible.key})
    requires = () if rules.requires is None else ctx.use(rules.requires)
    grades = None if rules.disability_grades is None else ctx.use(rules.disability_grades)
    member = by_id.get(exp.member) if exp.member else None
    for condition in requires:
        if exp.member is None:
            return Reason("needs_member", {"condition": condition})
        if not meets(member, condition):
            return Reason("condition_not_met", {"member": exp.member, "condition": condition})
    if grades is None:
        return None
    # Only for a member with a disability certificate of one of the grades (衡阳's model).
    if exp.member is None:
        return Reason("grades_need_member", {"grades": grade_words(grades)})
    if member is None or not disability_qualifies(member, grades):
        return Reason("grade_not_allowed", {"member": exp.member, "grades": grade_words(grades)})
    return None


def grade_words(grades: Grades) -> str:
    """Disability grades as the words a sentence shows them from (``any:1, any:2,
    intellectual:3``: category, or ``any``, and grade, in order)."""
    return ", ".join(f"{c}:{g}" for c in sorted(grades) for g in sorted(grades[c]))
