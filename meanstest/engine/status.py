"""The status: dibao, edge with single-person enrolment, or not eligible."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..model.household import Household, Member
from ..model.result import AssetTest, Reason, Status
from ..money import ZERO, divide, monthly
from ..ruleset.views import Grades
from .context import Context, Tracer, within

# The edge reasons, by whether the edge is a strict limit (低于) and whether it is met.
_EDGE_CODES = {(True, True): "below_edge", (True, False): "above_edge",
               (False, True): "within_edge", (False, False): "over_edge"}


class Outcome(NamedTuple):
    status: Status
    reasons: tuple[Reason, ...]
    single: dict[str, Decimal]  # member id -> exact monthly single-person benefit


def classify(household: Household, ctx: Context, trace: Tracer, counted: Decimal, size: int,
             standard: Decimal, multiplier: Decimal, asset_tests: tuple[AssetTest, ...],
             own: dict[str, Decimal], members: set[str], *,
             all_tekun: bool = False) -> Outcome:
    """Decide the status: dibao, edge (with single-person enrolment) or not eligible.

    The tests compare exact figures (annual counted income against the standard times
    the household size), as the rules compare them (below, or not above): a status is
    never decided on a rounded figure.
    """
    if size == 0:
        return Outcome("not_eligible", (Reason("all_tekun" if all_tekun
                                               else "no_counted_members"),), {})
    views = ctx.rules.dibao
    standard_rule = ctx.cite(views.standard[household.area])
    edge_rule = ctx.cite(views.edge_multiplier)
    assets_ok = all(t.passed for t in asset_tests)
    per_capita = divide(monthly(counted), size)
    dibao_line = standard * size
    below = within(counted, dibao_line, standard_rule)
    strict = standard_rule.comparison == "below"
    if below and assets_ok:
        return Outcome("dibao", (Reason("below_standard" if strict else "within_standard", {
            "per_capita": per_capita, "standard": monthly(standard)}),), {})
    reasons: list[Reason] = []
    if not assets_ok:
        reasons.append(Reason("assets_failed", {"tests": ", ".join(
            t.name for t in asset_tests if not t.passed)}))
    if not below:
        reasons.append(Reason("above_standard" if strict else "over_standard", {
            "per_capita": per_capita, "standard": monthly(standard)}))
    edge = assets_ok and not below and within(counted, dibao_line * multiplier, edge_rule)
    if assets_ok and not below:
        code = _EDGE_CODES[(edge_rule.comparison == "below", edge)]
        reasons.append(Reason(code, {
            "per_capita": per_capita, "edge": monthly(standard * multiplier),
            "multiplier": multiplier}))
    single = single_person(household, ctx, trace, members, own, standard, edge=edge,
                           assets_ok=assets_ok)
    reasons += [Reason("single_person", {"member": member_id, "benefit": amount})
                for member_id, amount in single.items()]
    status: Status = "dibao_single" if single else "edge" if edge else "not_eligible"
    if status == "not_eligible" and assets_ok and size > 1:
        # One member has just been assessed alone: naming them again would be no news.
        reasons += [Reason("single_person_may_apply", {"member": member_id})
                    for member_id in _may_apply_alone(household, ctx, trace, members, own,
                                                      standard)]
    return Outcome(status, tuple(reasons), single)


_WITHOUT_WORK = frozenset({"unemployed", "unable"})


def _may_apply_alone(household: Household, ctx: Context, trace: Tracer, members: set[str],
                     own: dict[str, Decimal], standard: Decimal) -> list[str]:
    """Adult members without work and severely disabled, who may apply on their own in
    any household (S5 §1(1)), and whose own income is below the standard (else there
    would be nothing to pay): named for the caseworker, not enrolled by the engine."""
    rules = ctx.rules.single_person
    rule = rules.unemployed_severely_disabled
    if rule is None or not ctx.use(rule):
        return []
    adult = ctx.use(rules.adult_age)  # a minor is under this age
    grades = ctx.use(rules.disability_grades)
    out = []
    for m in household.members:
        if (m.id in members and m.employment in _WITHOUT_WORK
                and own.get(m.id, ZERO) < standard
                and m.age_on(ctx.on) >= adult and disability_qualifies(m, grades)):
            out.append(m.id)
            trace.add("single_person", rule, "may_apply", member=m.id)
    return out


_NO_GRADES: frozenset[int] = frozenset()


def disability_qualifies(member: Member, grades: Grades) -> bool:
    if member.disability is None:
        return False
    grade = member.disability.grade
    return (grade in grades.get("any", _NO_GRADES)
            or grade in grades.get(member.disability.category, _NO_GRADES))


def single_person(household: Household, ctx: Context, trace: Tracer, members: set[str],
                  own: dict[str, Decimal], standard: Decimal, *, edge: bool,
                  assets_ok: bool) -> dict[str, Decimal]:
    """Members who may be enrolled alone (单人户施保), with their exact monthly gap."""
    rules = ctx.rules.single_person
    if not assets_ok or not ctx.use(rules.enabled):
        return {}
    if ctx.use(rules.requires_edge) and not edge:
        return {}
    grades = ctx.use(rules.disability_grades)
    illness = ctx.use(rules.serious_illness)
    out: dict[str, Decimal] = {}
    for m in household.members:
        if m.id not in members:
            continue
        by_disability = disability_qualifies(m, grades)
        by_illness = illness and m.serious_illness
        if not (by_disability or by_illness):
            continue
        gap = max(ZERO, standard - own.get(m.id, ZERO))
        if gap == ZERO:
            continue
        out[m.id] = monthly(gap)
        trace.add("single_person", rules.disability_grades if by_disability
                  else rules.serious_illness, monthly(gap), member=m.id,
                  own_income=monthly(own.get(m.id, ZERO)))
    return out
