"""Building the typed rule views of `views` from the values in force on a date.

Each converter turns a validated rule value (`keys` checked it on load) into the type
the view declares; `build_views` reads every key once and names what a scheme needs
but the date lacks as `Missing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from .amounts import Amount, Share
from .blocks import Band, Group
from .keys import (
    CARE_BANDS,
    CAUSES,
    GROUP_PREFIX,
    PLACES,
    SUPPORT_MODES,
    UNLIMITED,
    place_key,
)
from .views import (
    AREAS,
    CAP_NAMES,
    AssetsView,
    BenefitView,
    CareBand,
    ClassifiedGroup,
    ClassifiedView,
    DeductionView,
    DibaoView,
    Grades,
    IncomeView,
    MembershipView,
    Missing,
    Need,
    PhaseOutView,
    Place,
    RigidView,
    RoundingView,
    Rule,
    RuleViews,
    SinglePersonView,
    TekunStandards,
    TekunView,
    TemporaryExpenditureView,
    TemporaryTier,
    TemporaryUnemploymentView,
    TemporaryView,
    Tier,
    UnsupportedChildView,
)

V = TypeVar("V")

if TYPE_CHECKING:
    from .model import ExpenseType, IncomeType, Param


# ------------------------------------------------------------------ building


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def _int(value: Any) -> int:
    return int(value)


def _bool(value: Any) -> bool:
    return bool(value)


def _str(value: Any) -> str:
    return str(value)


def _words(value: Any) -> frozenset[str]:
    return frozenset(str(v) for v in value)


def _ordered_words(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value)


def _limit(value: Any) -> Decimal | None:
    return None if value == UNLIMITED else _decimal(value)


def _count_limit(value: Any) -> int | None:
    return None if value == UNLIMITED else int(value)


def _grades(value: Any) -> Grades:
    return {str(category): frozenset(int(g) for g in grades) for category, grades in value}


def _amount(value: Any) -> Amount:
    if not isinstance(value, Decimal | Share):  # the loader made every amount one
        raise TypeError(f"not an amount: {value!r}")
    return value


def _group(value: Any) -> Group:
    if not isinstance(value, Group):  # the loader made every group one
        raise TypeError(f"not a group: {value!r}")
    return value


def _bands(value: Any) -> tuple[Band, ...]:
    return tuple(band for band in value if isinstance(band, Band))


def _tiers(value: Any) -> tuple[Tier, ...]:
    return tuple(Tier(_decimal(bound), _amount(amount)) for bound, amount in value)


class _Reader:
    """Reads the snapshot's params into typed rules: `need` for a value a scheme needs
    (`Missing` when absent), `maybe` for one that may be absent (None)."""

    def __init__(self, rule_set: str, on: dt.date, params: Mapping[str, Param]) -> None:
        self.rule_set = rule_set
        self.on = on
        self.params = params

    def maybe(self, key: str, convert: Callable[[Any], V]) -> Rule[V] | None:
        param = self.params.get(key)
        return None if param is None else Rule(key, convert(param.value), param.source, param)

    def need(self, key: str, convert: Callable[[Any], V]) -> Rule[V] | Missing:
        rule = self.maybe(key, convert)
        return Missing(key, self.on, self.rule_set) if rule is None else rule


def build_views(
    rule_set: str,
    on: dt.date,
    params: Mapping[str, Param],
    income_types: Mapping[str, IncomeType],
    expense_types: Mapping[str, ExpenseType],
) -> RuleViews:
    """Return the typed views of ``params``, the values of ``rule_set`` in force on ``on``.

    Values were checked against `keys` when the rules were loaded; here they are only
    converted to the types the engine computes with.
    """
    r = _Reader(rule_set, on, params)
    return RuleViews(
        membership=MembershipView(r.need("household.excluded_statuses", _words)),
        dibao=DibaoView(
            standard={area: r.need(f"dibao.standard.{area}", _decimal) for area in AREAS},
            edge_multiplier=r.need("dibao.edge_multiplier", _decimal),
        ),
        minimum_wage=r.need("minimum_wage", _decimal),
        minimum_wage_previous_year=r.need("minimum_wage.previous_year", _decimal),
        income=IncomeView(
            reference_months=r.need("income.reference_months", _int),
            counted={t: r.need(f"income.counted.{t}", _bool) for t in income_types},
            types=income_types,
            expense_types=expense_types,
        ),
        deductions={t: _deduction(r, t, decl.kind) for t, decl in expense_types.items()},
        assets=AssetsView(
            financial_types=r.need("assets.financial.types", _words),
            financial_limit_months=r.need("assets.financial.limit_months", _limit),
            vehicle_allowed_kinds=r.need("assets.vehicle.allowed_kinds", _words),
            vehicle_livelihood_exempt=r.need("assets.vehicle.livelihood_exempt", _bool),
            housing_max_count=r.need("assets.housing.max_count", _count_limit),
            business_allowed=r.need("assets.business.allowed", _bool),
            business_livelihood_exempt=r.need("assets.business.livelihood_exempt", _bool),
        ),
        single_person=SinglePersonView(
            enabled=r.need("single_person.enabled", _bool),
            requires_edge=r.need("single_person.requires_edge", _bool),
            disability_grades=r.need("single_person.disability_grades", _grades),
            serious_illness=r.need("single_person.serious_illness", _bool),
            unemployed_severely_disabled=r.maybe(
                "single_person.unemployed_severely_disabled", _bool
            ),
            adult_age=r.need("tekun.work_capacity.age_minor_below", _int),
            bands=r.maybe("single_person.bands", _bands),
        ),
        rounding=RoundingView(
            unit=r.need("rounding.benefit.unit", _decimal),
            mode=r.need("rounding.benefit.mode", _str),
            stage=r.need("rounding.stage", _str),
        ),
        benefit=BenefitView(
            method=r.maybe("benefit.method", _str),
            tiers=r.need("benefit.tiers", _tiers),
            minimum_per_person=r.maybe("benefit.minimum.per_person", _amount),
            minimum_per_household=r.maybe("benefit.minimum.per_household", _amount),
        ),
        tekun=_tekun(r),
        classified=_classified(r),
        phase_out=_phase_out(r),
        rigid=_rigid(r),
        unsupported_child=_unsupported_child(r),
        temporary=_temporary(r),
    )


def _deduction(r: _Reader, expense_type: str, kind: str) -> DeductionView:
    prefix = f"deduction.{expense_type}."
    caps = {
        name: rule
        for name in CAP_NAMES
        if (rule := r.maybe(f"{prefix}cap.{name}", _limit)) is not None
    }
    return DeductionView(
        kind,
        r.need(f"{prefix}deductible", _bool),
        r.maybe(f"{prefix}requires", _ordered_words),
        caps,
        r.maybe(f"{prefix}threshold", _amount),
        r.maybe(f"{prefix}disability_grades", _grades),
    )


def _tekun(r: _Reader) -> TekunView | None:
    age_elderly = r.maybe("tekun.work_capacity.age_elderly", _int)
    if age_elderly is None:
        return None
    return TekunView(
        age_elderly=age_elderly,
        age_minor_below=r.need("tekun.work_capacity.age_minor_below", _int),
        students_continue=r.need("tekun.work_capacity.students_continue", _bool),
        students_age_below=r.need("tekun.work_capacity.students_age_below", _int),
        disability_grades=r.need("tekun.work_capacity.disability_grades", _grades),
        income_excluded_types=r.need("tekun.income.excluded_types", _words),
        income_excluded_assistance=r.maybe("tekun.income.excluded_assistance", _words),
        supporter_unable_age=r.need("tekun.supporter.unable_age", _int),
        supporter_unable_grades=r.need("tekun.supporter.unable_disability_grades", _grades),
        supporter_unable_dibao_age=r.maybe("tekun.supporter.unable_dibao_age", _int),
        self_care_partial_max_failed=r.need("tekun.self_care.partial_max_failed", _int),
        in_dibao_household=r.need("tekun.in_dibao_household", _str),
        standards=_tekun_standards(r),
    )


_AREAS_MODES: tuple[Place, ...] = tuple((area, mode) for area in AREAS for mode in SUPPORT_MODES)


def _most_specific(r: _Reader, base: str) -> tuple[dict[Place, Rule[Amount] | None], bool]:
    """For each area and mode, the most specific value of ``base`` in force (or None),
    and whether some value in force is for a support mode."""
    found = {(area, mode): r.maybe(place_key(base, area, mode), _amount) for area, mode in PLACES}
    default = r.maybe(base, _amount)
    out: dict[Place, Rule[Amount] | None] = {}
    for area, mode in _AREAS_MODES:
        out[(area, mode)] = (
            found[(area, mode)] or found[(None, mode)] or found[(area, None)] or default
        )
    by_mode = any(rule is not None for (_, mode), rule in found.items() if mode is not None)
    return out, by_mode


def _tekun_standards(r: _Reader) -> TekunStandards:
    basic, by_mode = _most_specific(r, "tekun.basic")
    missing = r.need("tekun.basic", _amount)  # names the default key when none is in force
    care: dict[str, dict[Place, CareBand]] = {}
    for band in CARE_BANDS:
        rules, band_by_mode = _most_specific(r, f"tekun.care.{band}")
        by_mode = by_mode or band_by_mode
        care[band] = {place: CareBand(rule, f"tekun.care.{band}") for place, rule in rules.items()}
    need: dict[Place, Need[Amount]] = {
        place: missing if rule is None else rule for place, rule in basic.items()
    }
    return TekunStandards(basic=need, care=care, by_mode=by_mode)


def _classified(r: _Reader) -> ClassifiedView | None:
    groups = []
    for key in sorted(k for k in r.params if k.startswith(GROUP_PREFIX)):
        rule = r.maybe(key, _group)
        if rule is not None:
            groups.append(
                ClassifiedGroup(key.removeprefix(GROUP_PREFIX), rule, rule.param.description)
            )
    if not groups:
        return None
    return ClassifiedView(tuple(groups), r.need("classified.combine", _str))


def _phase_out(r: _Reader) -> PhaseOutView | None:
    months = r.maybe("phase_out.months", _int)
    if months is None:
        return None
    return PhaseOutView(months, r.maybe("phase_out.ceiling", _decimal))


def _rigid(r: _Reader) -> RigidView | None:
    enabled = r.maybe("rigid.enabled", _bool)
    if enabled is None:
        return None
    return RigidView(
        enabled=enabled,
        disposable_income={
            area: r.need(f"rigid.disposable_income.{area}", _decimal) for area in AREAS
        },
        expenditure_ratio=r.need("rigid.expenditure_ratio", _decimal),
        expense_types=r.need("rigid.expense_types", _words),
        validity_months=r.need("rigid.validity_months", _int),
    )


def _unsupported_child(r: _Reader) -> UnsupportedChildView | None:
    age_below = r.maybe("unsupported_child.age_below", _int)
    if age_below is None:
        return None
    return UnsupportedChildView(
        age_below=age_below,
        severe_disability=r.need("unsupported_child.severe_disability", _grades),
        min_months=r.need("unsupported_child.min_months", _int),
        both_parents=r.need("unsupported_child.both_parents", _words),
        one_parent=r.need("unsupported_child.one_parent", _words),
        other_parent=r.need("unsupported_child.other_parent", _words),
        min_months_for=r.need("unsupported_child.min_months_for", _words),
    )


def _temporary_tiers(value: Any) -> tuple[TemporaryTier, ...]:
    return tuple(TemporaryTier(_decimal(bound), _amount(amount)) for bound, amount in value)


def _temporary(r: _Reader) -> TemporaryView | None:
    enabled = r.maybe("temporary.enabled", _bool)
    if enabled is None or not enabled.value:
        return None
    emergency = {
        cause: rule
        for cause in CAUSES
        if (rule := r.maybe(f"temporary.emergency.{cause}", _bool)) is not None
    }
    spend = r.maybe("temporary.expenditure.enabled", _bool)
    expenditure = (
        None
        if spend is None or not spend.value
        else TemporaryExpenditureView(
            enabled=spend,
            disposable_income={
                area: r.need(f"temporary.expenditure.disposable_income.{area}", _decimal)
                for area in AREAS
            },
            property_test=r.need("temporary.expenditure.property_test", _bool),
            expense_types=r.need("temporary.expenditure.expense_types", _words),
        )
    )
    return TemporaryView(
        enabled=enabled,
        emergency=emergency,
        unemployment=TemporaryUnemploymentView(
            min_months=r.need("temporary.unemployment.min_months", _int),
            insured_excluded=r.need("temporary.unemployment.insured_excluded", _bool),
            dibao_excluded=r.need("temporary.unemployment.dibao_excluded", _bool),
        ),
        expenditure=expenditure,
        per=r.need("temporary.amount.per", _str),
        minimum=r.need("temporary.amount.minimum", _amount),
        maximum=r.need("temporary.amount.maximum", _amount),
        tiers=r.maybe("temporary.amount.tiers", _temporary_tiers),
        cap=r.maybe("temporary.amount.cap", _amount),
        max_per_cause=r.maybe("temporary.payments.max_per_cause", _int),
        window_months=r.need("temporary.payments.window_months", _int),
        delegated=r.need("temporary.approval.delegated", _bool),
        township_limit=r.maybe("temporary.approval.township_limit", _amount),
        case_by_case_above=r.maybe("temporary.approval.case_by_case_above", _amount),
        paid_first_types=r.need("temporary.paid_first.types", _words),
        paid_first_limit=r.maybe("temporary.paid_first.limit", _amount),
        reserve_fund=r.maybe("temporary.reserve_fund.township", _amount),
    )
