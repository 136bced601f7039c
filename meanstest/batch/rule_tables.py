"""The rules in force, as rows for the columnar engine; and what that engine covers.

The columnar engine reads the same typed views as the reference engine
(`RulesAt.views`), never rule files or dotted keys: each snapshot (a rule set on a date)
becomes one row of scalar values, one row per income type, per expense type and per
分类施保 group (`tables`), which `rule_arrays` turns into numpy arrays. Money is in fen
(annual where the view holds an annual amount), a ratio is a numerator and a power of
ten, a set of disability grades is a list of ``category:grade`` words. Next to each
value: the rule's key (``k_…``, None when the view has no rule there) and whether using
it is warned of (``w_…``, as `engine.context.warnings_for` decides).

**Coverage.** `coverage` says whether the columnar engine computes exactly what the
reference would for this snapshot. It knows each view class and its fields (`rule_fields.KNOWN`):
a field it does not know (a rule feature added to the views since) that holds anything
makes the snapshot not covered, and so does a value needed on the covered path that is
missing, or a shape it does not compute (a ratio with more than six decimals). Every
household under a snapshot not covered goes to the reference engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

from ..engine.context import warnings_for
from ..model.vocabulary import BenefitMethod, CareBand, codes
from ..money import ROUNDING_MODES
from ..ruleset.amounts import Share
from ..ruleset.model import RulesAt
from ..ruleset.views import AREAS, Missing, Rule, RuleViews
from .rule_fields import unknown_fields
from .rule_groups import group_rows

MAX_DECIMALS: Final = 6
REPEAT: Final = "#"  # key#2: a rule key with two warnings

CARE_BANDS: Final = codes(CareBand)
CAPS: Final = ("per_item", "per_person", "per_household", "share_of_income")
# The bases an amount may be a share of that the columnar engine computes with.
WAGES: Final = ("minimum_wage", "minimum_wage_previous_year")


class NotCovered(Exception):
    """The snapshot needs something the columnar engine does not compute."""


def ratio(value: Any) -> tuple[int, int]:
    """A ratio as (numerator, power of ten).

    Raises:
        NotCovered: a fraction that is no decimal (1/3, which the reference computes to
            34 digits), or more than `MAX_DECIMALS` places.
    """
    if not isinstance(value, Decimal):
        raise NotCovered(f"the share {value} is not a decimal")
    sign, _, exponent = value.normalize().as_tuple()
    places = max(0, -int(exponent))
    if places > MAX_DECIMALS or sign:
        raise NotCovered(f"the ratio {value} has more than {MAX_DECIMALS} decimals")
    return int(value * 10**places), 10**places


def fen(value: Decimal) -> int:
    """Yuan as fen (rule money has at most two decimals)."""
    cents = value * 100
    if cents != cents.to_integral_value():
        raise NotCovered(f"the amount {value} has more than two decimals")
    return int(cents)


def grades(value: Mapping[str, frozenset[int]]) -> list[str]:
    """Disability grades as ``category:grade`` words (``any:1`` for every category)."""
    return sorted(f"{category}:{g}" for category, gs in value.items() for g in gs)


class Row:
    """One table row being built: for each rule, its value, key, whether it is warned of
    and whether it is missing (a value a scheme needs, not in force on the date: the
    reference engine fails when it uses one, so the columnar engine sends a household
    that would use it to the reference engine)."""

    def __init__(self, **fixed: Any) -> None:
        self.values: dict[str, Any] = dict(fixed)

    def rule(
        self,
        name: str,
        rule: Rule[Any] | Missing | None,
        convert: Callable[[Any], Any] | None = None,
    ) -> Any:
        """Record a rule as ``name`` (its value, converted), ``k_name``, ``w_name`` and
        ``m_name``; return the value (None when the rule is missing or absent)."""
        # A rule warned of more than once (provisional, and failing a check on the date)
        # is a key of its own, written that many times (`events.Events.ordered`).
        count = len(warnings_for({rule.key: rule})) if isinstance(rule, Rule) else 0
        self.values[f"k_{name}"] = (
            None if rule is None else (rule.key if count <= 1 else f"{rule.key}{REPEAT}{count}")
        )
        self.values[f"w_{name}"] = count > 0
        self.values[f"m_{name}"] = isinstance(rule, Missing)
        self.values[f"c_{name}"] = rule.comparison if isinstance(rule, Rule) else ""
        value = None
        if isinstance(rule, Rule):
            value = rule.value if convert is None else convert(rule.value)
        self.values[name] = value
        return value


def coverage(rules: RulesAt) -> str | None:
    """Why the columnar engine does not cover this snapshot, or None when it does."""
    try:
        tables(rules, "en")
    except NotCovered as exc:
        return str(exc)
    return None


def tables(
    rules: RulesAt, lang: str
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of ``r_s``, ``r_i``, ``r_d`` and ``r_g`` for one snapshot (``sid`` unset).

    Raises:
        NotCovered: the snapshot needs what the columnar engine does not compute.
    """
    views = rules.views
    unknown = unknown_fields(views)
    if unknown is not None:
        raise NotCovered(f"a rule feature the columnar engine does not compute: {unknown}")
    row = Row(name=rules.name.zh if lang == "zh" else rules.name.en)
    _scalars(row, views)
    dscale = _deduction_scale(views)
    row.values["dd"] = dscale
    row.values["q"] = _benefit_scale(views)
    incomes = [_income_type(views, t) for t in views.income.types]
    expenses = [_expense_type(views, t) for t in views.income.expense_types]
    try:
        groups = group_rows(views, _amount, Row)
    except ValueError as exc:
        raise NotCovered(str(exc)) from None
    return row.values, incomes, expenses, groups


def _sorted(value: Any) -> list[str]:
    return sorted(value)


def _ratio(value: Decimal | None) -> list[int] | None:
    return None if value is None else list(ratio(value))


def _exponent(value: Decimal) -> int:
    return int(value.as_tuple().exponent)


def _amount(value: Any) -> dict[str, Any]:
    """An amount as the engine computes with it: monthly fen = (the standard, when
    ``std``) × n / d; ``inexact``: the reference holds it as a 34-digit decimal, not
    exactly (a twelfth of a sum that is no multiple of 3 fen).

    Raises:
        NotCovered: a share of any base but the standard.
    """
    if isinstance(value, Decimal):
        cents = fen(value)
        return {"std": False, "n": cents, "d": 12, "inexact": cents % 3 != 0}
    if not isinstance(value, Share) or value.of != "standard":
        raise NotCovered(f"an amount {value!r}")
    n, d = ratio(value.ratio)
    return {"std": True, "n": n, "d": 12 * d, "inexact": False}


def _via(value: Any) -> str:
    """The minimum wage an amount is a share of ("" for none): its rule is used too."""
    return value.of if isinstance(value, Share) and value.of in WAGES else ""


def _scalars(row: Row, views: RuleViews) -> None:
    row.rule("excl", views.membership.excluded_statuses, _sorted)
    for area in AREAS:
        row.rule(f"std_{area}", views.dibao.standard[area], fen)
    row.rule("edge", views.dibao.edge_multiplier, _ratio)
    row.rule("minimum_wage", views.minimum_wage, fen)
    row.rule("minimum_wage_previous_year", views.minimum_wage_previous_year, fen)
    row.rule("min_person", views.benefit.minimum_per_person, _amount)
    row.rule("min_household", views.benefit.minimum_per_household, _amount)
    row.rule("months", views.income.reference_months)
    _assets(row, views)
    _single_person(row, views)
    row.rule("unit", views.rounding.unit, _exponent)
    if row.rule("mode", views.rounding.mode) not in (*ROUNDING_MODES, None):
        raise NotCovered("an unknown rounding mode")
    row.rule("stage", views.rounding.stage)
    method = views.benefit.method
    if method is not None and method.value not in codes(BenefitMethod):
        raise NotCovered(f"benefit method {method.value}")
    row.rule("method", method)
    row.rule("tiers", views.benefit.tiers, lambda tiers: [_tier(t) for t in tiers])
    _tekun(row, views)
    classified = views.classified
    row.values["classified_on"] = classified is not None
    row.rule("combine", None if classified is None else classified.combine)
    _rigid(row, views)
    child = views.unsupported_child
    row.values["child_on"] = child is not None
    row.rule("child_age", None if child is None else child.age_below)


def _assets(row: Row, views: RuleViews) -> None:
    a = views.assets
    row.rule("fin_types", a.financial_types, _sorted)
    row.rule("fin_lim", a.financial_limit_months, _ratio)
    row.rule("veh", a.vehicle_allowed_kinds, _sorted)
    row.rule("veh_ex", a.vehicle_livelihood_exempt)
    row.rule("house", a.housing_max_count)
    row.rule("biz", a.business_allowed)
    row.rule("biz_ex", a.business_livelihood_exempt)


def _single_person(row: Row, views: RuleViews) -> None:
    s = views.single_person
    row.rule("sp_on", s.enabled)
    row.rule("sp_edge", s.requires_edge)
    row.rule("sp_grades", s.disability_grades, grades)
    row.rule("sp_ill", s.serious_illness)
    row.rule("sp_unemp", s.unemployed_severely_disabled)
    row.rule("adult", s.adult_age)


def _tier(tier: Any) -> dict[str, Any]:
    bound = ratio(tier.below_share)
    return {"bn": bound[0], "bd": bound[1], **_amount(tier.amount)}


def _tekun(row: Row, views: RuleViews) -> None:
    t = views.tekun
    row.values["tekun_on"] = t is not None
    row.rule("elderly", None if t is None else t.age_elderly)
    row.rule("minor", None if t is None else t.age_minor_below)
    row.rule("stud", None if t is None else t.students_continue)
    row.rule("stud_age", None if t is None else t.students_age_below)
    row.rule("work_gr", None if t is None else t.disability_grades, grades)
    row.rule("excl_types", None if t is None else t.income_excluded_types, _sorted)
    row.rule("assist", None if t is None else t.income_excluded_assistance, _sorted)
    row.rule("unable_age", None if t is None else t.supporter_unable_age)
    row.rule("unable_gr", None if t is None else t.supporter_unable_grades, grades)
    row.rule("dibao_age", None if t is None else t.supporter_unable_dibao_age)
    row.rule("partial", None if t is None else t.self_care_partial_max_failed)
    standards = None if t is None else t.standards
    # Only which rules the standards use matters here (no member is 特困 on this path),
    # at home (a member supported otherwise says so, and takes the reference path).
    for area in AREAS:
        place = (area, "at_home")
        row.rule(f"basic_{area}", None if standards is None else standards.basic[place], _via)
        for band in CARE_BANDS:
            care = None if standards is None else standards.care[band][place]
            row.rule(f"care_{band}_{area}", None if care is None else care.amount, _via)


def _rigid(row: Row, views: RuleViews) -> None:
    r = views.rigid
    row.values["rigid_on"] = r is not None
    row.rule("rig_on", None if r is None else r.enabled)
    for area in AREAS:
        row.rule(f"disp_{area}", None if r is None else r.disposable_income[area], fen)
    row.rule("ratio", None if r is None else r.expenditure_ratio, _ratio)
    row.rule("rig_types", None if r is None else r.expense_types, _sorted)
    row.rule("valid", None if r is None else r.validity_months)


def _deduction_scale(views: RuleViews) -> int:
    """A power of ten that makes every deduction limit a whole number of fen units."""
    scale = 1
    for view in views.deductions.values():
        share = view.caps.get("share_of_income")
        if share is not None and share.value is not None:
            scale = max(scale, ratio(share.value)[1])
        if view.threshold is not None and isinstance(view.threshold.value, Share):
            scale = max(scale, ratio(view.threshold.value.ratio)[1])
    return scale


def _benefit_scale(views: RuleViews) -> int:
    """A power of ten that makes every share of the standard paid (top-ups, tiers,
    minimum benefits) a whole number of fen over 12 × it."""
    amounts = (
        []
        if views.classified is None
        else [g.rule.value.top_up for g in views.classified.groups if g.rule.value.top_up]
    )
    tiers = views.benefit.tiers
    if isinstance(tiers, Rule):
        amounts += [tier.amount for tier in tiers.value]
    for rule in (views.benefit.minimum_per_person, views.benefit.minimum_per_household):
        if rule is not None:
            amounts.append(rule.value)
    scale = 1
    for amount in amounts:
        if isinstance(amount, Share):
            scale = max(scale, ratio(amount.ratio)[1])
    return scale


def _income_type(views: RuleViews, name: str) -> dict[str, Any]:
    row = Row(type=name, category=views.income.types[name].category)
    counted = views.income.counted.get(name)
    row.values["missing"] = counted is None or isinstance(counted, Missing)
    row.rule("counted", counted)
    return row.values


def _expense_type(views: RuleViews, name: str) -> dict[str, Any]:
    view = views.deductions[name]
    row = Row(type=name, kind=view.kind)
    row.rule("ded", view.deductible)
    row.rule("req", view.requires, list)
    row.rule("grades", view.disability_grades, grades)
    row.rule("threshold", view.threshold, _threshold)
    for cap in CAPS:
        # None is "unlimited"; a limit is a share of income, or yuan a year (as fen).
        row.rule(
            cap,
            view.caps.get(cap),
            _ratio
            if cap == "share_of_income"
            else lambda value: None if value is None else fen(value),
        )
    return row.values


def _threshold(value: Any) -> tuple[int, int, bool]:
    """A deduction threshold as (n, d, share): yuan a year as fen (n / 1), or a share
    n / d of the household's income before deductions.

    Raises:
        NotCovered: a share of another base, or not a decimal.
    """
    if isinstance(value, Decimal):
        return fen(value), 1, False
    if not isinstance(value, Share) or value.of != "household_income":
        raise NotCovered(f"a deduction threshold {value!r}")
    return (*ratio(value.ratio), True)
