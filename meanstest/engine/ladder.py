"""The help around dibao: extra support, phase-out, rigid expenditure (the flag for
unsupported children is in `children.py`).

Each test reads its own scheme's rule view, and does nothing when the scheme is not in
force; a test whose local values are not in the rules is reported as not assessed (with
the missing key), never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from ..model.household import Household, Member
from ..model.result import PhaseOut, Reason, Rigid, Status, TopUp
from ..money import ZERO, divide, monthly
from ..ruleset.amounts import monthly_amount
from ..ruleset.blocks import Conditions
from ..ruleset.views import ClassifiedGroup, Missing, RigidView, Rule
from .change import month_after
from .children import unsupported_children
from .context import Context, Tracer, within
from .status import disability_qualifies

# unsupported_children moved to children.py; still importable from here.
__all__ = ["member_groups", "pay_groups", "phase_out", "rigid_expenditure", "unsupported_children"]

# The rigid-expenditure reasons, by outcome and whether the limit is strict (低于 /
# 高于) or inclusive (不高于 / 不低于).
_RIGID_CODES = {
    ("income_over", True): "rigid_income_over",
    ("income_over", False): "rigid_income_above",
    ("met", True): "rigid_met",
    ("met", False): "rigid_met_not_below",
    ("under", True): "rigid_share_under",
    ("under", False): "rigid_share_below",
}

# Income that shows a member found work: wages, or business income of the self-employed.
_WORK_CATEGORIES = {"employed": frozenset({"wage"}), "self_employed": frozenset({"business"})}


def _month(day: dt.date, add: int = 0) -> str:
    return month_after(day, add)


# ---------------------------------------------------------------- 分类施保


def member_groups(
    household: Household, ctx: Context, members: Iterable[str], living: int
) -> dict[str, tuple[ClassifiedGroup, ...]]:
    """The 分类施保 groups each of ``members`` is in (only members in some group).

    ``living`` is the number of co-resident members not excluded by status (a member
    lives alone when it is 1). A group's rule counts as used for each member tested
    against it: it decides whether they get more.
    """
    rules = ctx.rules.classified
    if rules is None:
        return {}
    wanted = set(members)
    out: dict[str, tuple[ClassifiedGroup, ...]] = {}
    for m in household.members:
        if m.id not in wanted:
            continue
        age = m.age_on(ctx.on)
        found = tuple(
            g for g in rules.groups if _in_group(m, ctx.use(g.rule).members, age, household, living)
        )
        if found:
            out[m.id] = found
    return out


def _in_group(m: Member, who: Conditions, age: int, household: Household, living: int) -> bool:
    """Whether the member meets every condition the group sets."""
    # One condition after another, as a county's text lists them: any unmet one is a no.
    if who.age_from is not None and age < who.age_from:
        return False
    if who.age_below is not None and age >= who.age_below:
        return False
    if who.education is not None and m.education not in who.education:
        return False
    if who.disability is not None and not disability_qualifies(m, who.disability):
        return False
    if who.employment is not None and m.employment not in who.employment:
        return False
    if who.relation is not None and m.relation not in who.relation:
        return False
    if who.serious_illness and not m.serious_illness:
        return False
    if who.single_parent_family and not household.single_parent_family:
        return False
    return not who.living_alone or living == 1


def pay_groups(
    ctx: Context,
    trace: Tracer,
    shares: dict[str, Decimal],
    groups: Mapping[str, tuple[ClassifiedGroup, ...]],
    standard: Decimal,
) -> dict[str, TopUp]:
    """Pay the members of 分类施保 groups: the full standard instead of their share when a
    group says so (``shares`` is updated, monthly), and the top-ups on top.

    A member in several groups gets the one that gives them the most (its pay and its
    top-up), or, when the rules say ``sum``, the full standard if any group pays it and
    the sum of the top-ups.
    """
    rules = ctx.rules.classified
    if rules is None or not groups:
        return {}
    combine = ctx.use(rules.combine)
    full = monthly(standard)
    bases = {"standard": full}
    out: dict[str, TopUp] = {}
    for member, found in groups.items():
        if member not in shares:
            continue
        share = shares[member]
        options = [(g, ctx.use(g.rule)) for g in found]
        paid = [
            (
                g,
                rule.pay == "full_standard",
                ZERO if rule.top_up is None else monthly_amount(rule.top_up, bases),
            )
            for g, rule in options
        ]
        if combine == "sum":
            chosen = paid
        else:  # the group that gives the most: its pay, then its top-up
            worth = [(full if pays_full else share) + top for _, pays_full, top in paid]
            chosen = [paid[worth.index(max(worth))]]
        top = sum((p[2] for p in chosen), ZERO)
        extra = max(ZERO, full - share) if any(p[1] for p in chosen) else None
        if extra is not None:
            shares[member] = share + extra
        names = tuple(p[0].name for p in chosen)
        out[member] = TopUp(names, top, extra, tuple(p[0].label for p in chosen))
        trace.add(
            "top_up",
            chosen[0][0].rule,
            top,
            member=member,
            groups=list(names),
            **({"full_standard": full} if extra is not None else {}),
        )
    return out


# ---------------------------------------------------------------- 渐退


def phase_out(
    household: Household,
    ctx: Context,
    trace: Tracer,
    status: Status,
    above_standard: bool,
    members: set[str],
    counted: Decimal,
    standard: Decimal,
) -> PhaseOut | None:
    """Keep paying a dibao household whose income rose through work, for the rule's months.

    The period starts the month after the decision that begins it and lasts
    ``phase_out.months`` months; a household already in phase-out (``current.status``
    ``phase_out`` since a date) is paid until the period ends, then the benefit stops.
    A ceiling (``phase_out.ceiling``, a multiple of the standard) stops it at once when
    the per-capita income reaches it (``counted`` and ``standard`` are annual).
    """
    rules = ctx.rules.phase_out
    current = household.current
    started = None if rules is None else _started(household, ctx, status, above_standard, members)
    if rules is None or current is None or started is None:
        return None
    on = ctx.on
    months = ctx.use(rules.months)
    until = _month(started, months)
    ended = _month(on) > until
    size = len(members)
    if rules.ceiling is not None and size:
        ceiling = ctx.use(rules.ceiling)
        line = standard * size * ceiling
        if not within(counted, line, rules.ceiling):
            trace.add(
                "phase_out",
                rules.ceiling,
                False,
                ceiling=ceiling,
                per_capita=monthly(divide(counted, size)),
                limit=monthly(standard * ceiling),
            )
            return PhaseOut(
                months,
                _month(started, 1),
                until,
                current.monthly_benefit,
                True,
                monthly(standard * ceiling),
            )
    result = PhaseOut(months, _month(started, 1), until, current.monthly_benefit, ended)
    trace.add(
        "phase_out",
        rules.months,
        not ended,
        months=months,
        until=until,
        monthly=current.monthly_benefit,
    )
    return result


def _started(
    household: Household, ctx: Context, status: Status, above_standard: bool, members: set[str]
) -> dt.date | None:
    """The day a phase-out started (or starts now), or None when there is none."""
    current = household.current
    if (
        current is None
        or status in ("dibao", "dibao_single")
        or not above_standard
        or current.monthly_benefit <= 0
    ):  # nothing paid now, nothing to phase out
        return None
    if current.status == "phase_out":
        return current.since or ctx.on
    if current.status in ("dibao", "dibao_single") and _found_work(household, members, ctx):
        return ctx.on
    return None


def _found_work(household: Household, members: set[str], ctx: Context) -> bool:
    """A counted member is employed and has counted wage income."""
    types = ctx.rules.income.types
    work = {
        m.id: _WORK_CATEGORIES[m.employment]
        for m in household.members
        if m.id in members and m.employment in _WORK_CATEGORIES
    }
    return any(
        item.member in work
        and (item.amount is None or item.amount > 0)
        and types[item.type].category in work[item.member]
        for item in household.incomes
    )


# ---------------------------------------------------------------- 刚性支出困难家庭


def rigid_expenditure(
    household: Household,
    ctx: Context,
    trace: Tracer,
    members: set[str],
    counted: Decimal,
    income_before_deductions: Decimal,
) -> Rigid | None:
    """Test a household that is not dibao or edge for 刚性支出困难家庭 (from 2025).

    Amounts are annual: 12 months of rigid expenditure against 12 months of income.
    """
    rules = ctx.rules.rigid
    size = len(members)
    if rules is None or not ctx.use(rules.enabled) or size == 0:
        return None
    disposable_rule = rules.disposable_income[household.area]
    for rule in (disposable_rule, rules.expenditure_ratio):
        if isinstance(rule, Missing):
            return Rigid(False, False, Reason("rigid_not_set", {"key": rule.key}))
    disposable_rule = ctx.cite(disposable_rule)
    ratio_rule = ctx.cite(rules.expenditure_ratio)
    disposable = disposable_rule.value
    threshold = ratio_rule.value
    spent = _rigid_spent(household, ctx.use(rules.expense_types), members)
    per_capita = divide(counted, size)
    disposable_strict = disposable_rule.comparison == "below"
    if not within(counted, disposable * size, disposable_rule):
        return Rigid(
            True,
            False,
            Reason(
                _RIGID_CODES["income_over", disposable_strict],
                {"per_capita": monthly(per_capita), "limit": monthly(disposable)},
            ),
            spent,
            income_before_deductions,
            None,
            threshold,
        )
    return _rigid_share(ctx, trace, rules, ratio_rule, spent, income_before_deductions)


def _rigid_spent(household: Household, types: frozenset[str], members: set[str]) -> Decimal:
    """The household's rigid expenditure of the types the rules list, annual."""
    return sum(
        (
            e.amount * 12 if e.per == "month" else e.amount
            for e in household.expenses
            if e.type in types and (e.member is None or e.member in members)
        ),
        ZERO,
    )


def _rigid_share(
    ctx: Context,
    trace: Tracer,
    rules: RigidView,
    ratio_rule: Rule[Decimal],
    spent: Decimal,
    income_before_deductions: Decimal,
) -> Rigid:
    """The rigid-expenditure test of a household within the income limit: its spending's
    share of its income against the ratio."""
    threshold = ratio_rule.value
    share = divide(spent, income_before_deductions) if income_before_deductions else None
    # The share against the ratio, cross-multiplied: exact at the boundary.
    met = (
        spent > 0
        if share is None
        else within(spent, income_before_deductions * threshold, ratio_rule)
    )
    # Valid for the decision month and the months after it, validity_months in all.
    valid = _month(ctx.on, ctx.use(rules.validity_months) - 1) if met else None
    outcome = "met" if met else "under"
    code = _RIGID_CODES[outcome, ratio_rule.comparison == "above"]
    reason = Reason(
        code,
        {
            "share": share if share is not None else "∞",
            "threshold": threshold,
            "spent": monthly(spent),
            "income": monthly(income_before_deductions),
        },
    )
    trace.add(
        "rigid_expenditure",
        ratio_rule,
        met,
        share=share if share is not None else "∞",
        threshold=threshold,
    )
    return Rigid(True, met, reason, spent, income_before_deductions, share, threshold, valid)
