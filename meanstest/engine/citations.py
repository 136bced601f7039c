"""Which rule a trace step cites: the rule that decided it.

A step's figure or verdict can depend on several rules; the trace names the one that
decided it, so that a caseworker who asks "why?" is sent to the right article:

- a 特困 member: the rule of the first condition that failed; when none failed, of the
  first still to verify; when all held, of the last that held by a rule (whether the
  member has a supporter is the caseworker's declaration, not a rule);
- the household's status: the line it was measured against (the standard for dibao,
  the edge multiplier for edge or above it), the asset test that failed, or the rule
  of the scheme that gave it (single-person enrolment, phase-out, rigid expenditure);
- the benefit: the rule of its method (the gap, tiers, single-person enrolment, the
  phase-out); the rounding is named in the step's inputs.

Steps that are plain arithmetic (counted income, per-capita income) cite no rule: the
rules that made their parts are cited by the parts' own steps.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.result import AssetTest, Condition, Status
from ..ruleset.views import Missing, Rule, RuleViews, TekunView

Cited = Rule[object] | Missing | None


def tekun_rule(
    conditions: tuple[Condition, ...], views: RuleViews, rules: TekunView, area: str
) -> Cited:
    """The rule that decided a member's 特困 result (see the module's docstring)."""
    for met in (False, None):
        for condition in conditions:
            if condition.met is met:
                return _condition_rule(condition, views, rules, area)
    for condition in reversed(conditions):
        rule = _condition_rule(condition, views, rules, area)
        if rule is not None:
            return rule
    return None


def _condition_rule(condition: Condition, views: RuleViews, rules: TekunView, area: str) -> Cited:
    """The rule behind one 特困 condition's reason (None: the declared facts decided)."""
    code = condition.reason.code
    if code == "tekun_property_over":
        failed = str(condition.reason.params.get("tests", "")).split(", ")[0]
        return asset_rule(failed, views)
    which = _BY_CODE.get(code)
    return None if which is None else which(views, rules, area)


# The rule each 特困 reason rests on (looked up, not built, for each member).
_BY_CODE: dict[str, Callable[[RuleViews, TekunView, str], Cited]] = {
    # no capacity to work (S3 Art. 5): the age limits, schooling, disability grades
    "tekun_elderly": lambda views, rules, area: rules.age_elderly,
    "tekun_can_work": lambda views, rules, area: rules.age_elderly,
    "tekun_minor": lambda views, rules, area: rules.age_minor_below,
    "tekun_student": lambda views, rules, area: rules.students_continue,
    "tekun_disabled": lambda views, rules, area: rules.disability_grades,
    # no livelihood (S3 Art. 6): own income against the dibao standard
    "tekun_income_over": lambda views, rules, area: views.dibao.standard[area],
    "tekun_income_under": lambda views, rules, area: views.dibao.standard[area],
    "tekun_household_means": lambda views, rules, area: views.dibao.standard[area],
    # a co-resident supporter is able: neither old enough nor disabled (S3 Art. 8)
    "tekun_supporter_in_household": lambda views, rules, area: rules.supporter_unable_age,
}


def asset_rule(test: str, views: RuleViews) -> Cited:
    """The rule of a property test, by its name (None for property no rule tests)."""
    assets = views.assets
    return {
        "financial": assets.financial_limit_months,
        "vehicle": assets.vehicle_allowed_kinds,
        "housing": assets.housing_max_count,
        "housing_recent": assets.housing_recent_months,
        "business": assets.business_allowed,
    }.get(test)


def status_rule(
    status: Status,
    views: RuleViews,
    area: str,
    asset_tests: tuple[AssetTest, ...],
    size: int,
    *,
    all_tekun: bool = False,
) -> Cited:
    """The rule that decided the household's status (see the module's docstring)."""
    if status == "dibao":
        return views.dibao.standard[area]
    if status == "dibao_single":
        return views.single_person.enabled
    if status == "phase_out":
        return None if views.phase_out is None else views.phase_out.months
    if status == "rigid_expenditure":
        return None if views.rigid is None else views.rigid.expenditure_ratio
    failed = [t for t in asset_tests if not t.passed]
    if failed:
        return asset_rule(failed[0].name, views)
    if size == 0:  # every member supported apart as 特困, or excluded by status
        tekun = views.tekun
        return (
            tekun.in_dibao_household
            if all_tekun and tekun is not None
            else views.membership.excluded_statuses
        )
    return views.dibao.edge_multiplier  # edge, or not below the edge line


def benefit_rule(method: str, views: RuleViews) -> Cited:
    """The rule of the benefit's method."""
    if method == "tiered":
        return views.benefit.tiers
    if method == "single_person_sum":
        return views.single_person.enabled
    if method == "phase_out":
        return None if views.phase_out is None else views.phase_out.months
    return views.benefit.method  # the gap (None when the rules do not state the method)
