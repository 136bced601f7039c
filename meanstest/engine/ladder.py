"""The help around dibao: extra support, phase-out, rigid expenditure, unsupported children.

Each test reads its own rule keys; a test whose local values are not in the rules is
reported as not assessed (with the missing key), never guessed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..model.household import Household, Member
from ..model.result import ChildFlag, PhaseOut, Reason, Rigid, Status, TopUp
from ..money import ZERO, divide, monthly
from ..ruleset.keys import CLASSIFIED_GROUPS
from .context import RuleReader, Tracer
from .status import disability_qualifies

# Income that shows a member found work: wages, or business income of the self-employed.
_WORK_CATEGORIES = {"employed": frozenset({"wage"}), "self_employed": frozenset({"business"})}


def _month(day: dt.date, add: int = 0) -> str:
    index = day.year * 12 + day.month - 1 + add
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (a month counts once the day is reached)."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


# ---------------------------------------------------------------- 分类施保


def top_ups(household: Household, r: RuleReader, trace: Tracer, members: set[str],
            standard: Decimal) -> dict[str, TopUp]:
    """Per-member extra support (分类施保) for the members given, monthly and exact.

    A member in several groups gets the highest top-up, or the sum, as the rules say.
    Groups with no amount in the rules are not paid.
    """
    configured = [g for g in CLASSIFIED_GROUPS
                  if f"classified.{g}.share_of_standard" in r.rules.params
                  or f"classified.{g}.monthly" in r.rules.params]
    if not configured or not members:
        return {}
    combine = r.get("classified.combine")
    on = r.rules.on
    out: dict[str, TopUp] = {}
    for m in household.members:
        if m.id not in members:
            continue
        amounts = {g: _group_amount(r, g, standard) for g in configured
                   if _in_group(m, g, r, m.age_on(on))}
        if not amounts:
            continue
        if combine == "sum":
            total, groups = sum(amounts.values(), ZERO), tuple(amounts)
        else:
            best = max(amounts, key=lambda g: amounts[g])
            total, groups = amounts[best], (best,)
        out[m.id] = TopUp(groups, total)
        trace.add("top_up", f"classified.{groups[0]}.share_of_standard"
                  if f"classified.{groups[0]}.share_of_standard" in r.rules.params
                  else f"classified.{groups[0]}.monthly", total, member=m.id,
                  groups=list(groups))
    return out


def _in_group(m: Member, group: str, r: RuleReader, age: int) -> bool:
    if group == "elderly":
        return age >= int(r.get("classified.elderly.age_from"))
    if group == "minor":
        return age < int(r.get("classified.minor.age_below"))
    if group == "severe_disability":
        return disability_qualifies(m, r.get("classified.severe_disability.grades"))
    return m.serious_illness


def _group_amount(r: RuleReader, group: str, standard: Decimal) -> Decimal:
    share = r.optional(f"classified.{group}.share_of_standard")
    if share is not None:
        return monthly(standard) * Decimal(share)
    return Decimal(r.get(f"classified.{group}.monthly"))


# ---------------------------------------------------------------- 渐退


def phase_out(household: Household, r: RuleReader, trace: Tracer, status: Status,
              above_standard: bool, members: set[str]) -> PhaseOut | None:
    """Keep paying a dibao household whose income rose through work, for the rule's months.

    The period starts the month after the decision that begins it and lasts
    ``phase_out.months`` months; a household already in phase-out (``current.status``
    ``phase_out`` since a date) is paid until the period ends, then the benefit stops.
    """
    current = household.current
    if (current is None or status in ("dibao", "dibao_single") or not above_standard
            or current.monthly_benefit <= 0):  # nothing paid now, nothing to phase out
        return None
    on = r.rules.on
    if current.status == "phase_out":
        started = current.since or on
    elif current.status in ("dibao", "dibao_single") and _found_work(household, members, r):
        started = on
    else:
        return None
    months = r.get("phase_out.months")
    until = _month(started, months)
    ended = _month(on) > until
    result = PhaseOut(months, _month(started, 1), until, current.monthly_benefit, ended)
    trace.add("phase_out", "phase_out.months", not ended, months=months, until=until,
              monthly=current.monthly_benefit)
    return result


def _found_work(household: Household, members: set[str], r: RuleReader) -> bool:
    """A counted member is employed and has counted wage income."""
    work = {m.id: _WORK_CATEGORIES[m.employment] for m in household.members
            if m.id in members and m.employment in _WORK_CATEGORIES}
    return any(item.member in work and item.amount > 0
               and r.rules.income_types[item.type].category in work[item.member]
               for item in household.incomes)


# ---------------------------------------------------------------- 刚性支出困难家庭


def rigid_expenditure(household: Household, r: RuleReader, trace: Tracer, members: set[str],
                      counted: Decimal, income_before_deductions: Decimal) -> Rigid | None:
    """Test a household that is not dibao or edge for 刚性支出困难家庭 (from 2025).

    Amounts are annual: 12 months of rigid expenditure against 12 months of income.
    """
    size = len(members)
    if "rigid.enabled" not in r.rules.params or not r.get("rigid.enabled") or size == 0:
        return None
    income_key = f"rigid.disposable_income.{household.area}"
    for key in (income_key, "rigid.expenditure_ratio"):
        if key not in r.rules.params:
            return Rigid(False, False, Reason("rigid_not_set", {"key": key}))
    disposable = Decimal(r.get(income_key))
    threshold = Decimal(r.get("rigid.expenditure_ratio"))
    types = set(r.get("rigid.expense_types"))
    spent = sum((e.amount * 12 if e.per == "month" else e.amount
                 for e in household.expenses
                 if e.type in types and (e.member is None or e.member in members)), ZERO)
    per_capita = divide(counted, size)
    if per_capita >= disposable:
        return Rigid(True, False, Reason("rigid_income_over", {
            "per_capita": monthly(per_capita), "limit": monthly(disposable)}), spent,
            income_before_deductions, None, threshold)
    share = divide(spent, income_before_deductions) if income_before_deductions else None
    met = spent > 0 if share is None else share > threshold  # no income: any cost is too much
    # Valid for the decision month and the months after it, validity_months in all.
    valid = _month(r.rules.on, r.get("rigid.validity_months") - 1) if met else None
    reason = Reason("rigid_met" if met else "rigid_share_under", {
        "share": share if share is not None else "∞", "threshold": threshold,
        "spent": monthly(spent), "income": monthly(income_before_deductions)})
    trace.add("rigid_expenditure", "rigid.expenditure_ratio", met,
              share=share if share is not None else "∞", threshold=threshold)
    return Rigid(True, met, reason, spent, income_before_deductions, share, threshold, valid)


# ---------------------------------------------------------------- 事实无人抚养儿童


def unsupported_children(household: Household, r: RuleReader,
                         trace: Tracer) -> dict[str, ChildFlag]:
    """Flag children whose parents cannot support them (事实无人抚养儿童)."""
    on = r.rules.on
    by_id = {m.id: m for m in household.members}
    below = r.get("unsupported_child.age_below")
    out: dict[str, ChildFlag] = {}
    for child in household.members:
        if child.parents is None or child.age_on(on) >= below:
            continue
        conditions = [_parent_condition(by_id[p.member] if p.member else None, p.condition,
                                        p.since, r) for p in child.parents]
        flagged = _qualifies(conditions, r)
        code = ("child_unsupported" if flagged else "child_to_verify" if flagged is None
                else "child_supported")
        out[child.id] = ChildFlag(flagged, Reason(code, {"parents": ", ".join(conditions)
                                                         or "-"}))
        trace.add("unsupported_child", "unsupported_child.both_parents", flagged,
                  member=child.id, parents=conditions)
    return out


def _parent_condition(member: Member | None, condition: str | None,
                      since: dt.date | None, r: RuleReader) -> str:
    """The parent's condition; one that must last is ``_too_recent`` or ``_unknown_since``."""
    if member is not None:
        if member.status in ("imprisoned", "compulsory_rehab"):
            condition = "imprisoned"
        elif member.status == "missing":
            condition = "missing"
        else:
            grades = r.get("unsupported_child.severe_disability")
            return "severely_disabled" if disability_qualifies(member, grades) else "present"
    assert condition is not None  # noqa: S101 - the model requires member or condition
    if condition in ("lost_contact", "imprisoned"):
        if since is None:
            return f"{condition}_unknown_since"
        if _months_between(since, r.rules.on) < r.get("unsupported_child.min_months"):
            return f"{condition}_too_recent"
    return condition


def _qualifies(conditions: list[str], r: RuleReader) -> bool | None:
    """Whether the parents' conditions qualify; None when only an unknown duration decides."""
    if len(conditions) != 2:
        return False
    both = set(r.get("unsupported_child.both_parents"))
    one = set(r.get("unsupported_child.one_parent"))
    other = set(r.get("unsupported_child.other_parent"))

    def meets(assume_lasting: bool) -> bool:
        a, b = (c.removesuffix("_unknown_since") if assume_lasting else c for c in conditions)
        return (a in both and b in both) or (a in one and b in other) or (b in one and a in other)

    if meets(assume_lasting=False):
        return True
    if meets(assume_lasting=True):
        return None
    # Both parents in conditions the rules name, paired in a way they do not confirm
    # (both imprisoned, both lost contact): the opinion is recalled to list more
    # pairings than the rule file holds, so it is for the caseworker, not a "no". Two
    # parents dead or missing make an orphan (孤儿), another scheme.
    settled = {c.removesuffix("_unknown_since") for c in conditions}
    if settled <= one:  # both dead or missing: an orphan's case
        return False
    return None if settled <= both | one | other else False
