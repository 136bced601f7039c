"""Typed views of the rules in force on a date: one frozen object per scheme.

The engine never reads a rule by its dotted key. `RuleSet.at` builds these views once
per date from the snapshot's `Param`s, and the engine reads typed fields instead
(``views.dibao.edge_multiplier``), the way an OpenFisca formula reads
``parameters(period).benefits.basic_income``. This module is the one place, with
`keys`, where rule keys are written.

Each value in force is a `Rule`: the value already converted to what the engine
computes with (Decimal, int, bool, str, frozenset, tuple, mapping), with its key and
the `Param` it came from, so the trace can cite it and the warnings can name it. A
value the scheme needs but the rule set has no value for on that date is a `Missing`:
it names the key, and using it raises `RuleNotInForce` — only when it is needed, as a
rural household does not need the urban standard. A value that may simply be absent
(a cap, an alternative amount) is ``None``. A scheme that is not in force on the date
at all (特困, 分类施保, phase-out, rigid expenditure, unsupported children) is ``None``.

The views are NamedTuples, like the results (frozen, cheap to define at import, fast
to read); `Rule` is a slotted frozen dataclass, not a tuple, so that the `Param` it
carries (whose value is untyped) stays out of the types the engine sees. All of them
pickle: rule sets travel to batch workers and to the disk cache. No I/O here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeAlias, TypeVar

from ..errors import RuleNotInForce
from .keys import CARE_BANDS, CLASSIFIED_GROUPS, UNLIMITED

if TYPE_CHECKING:
    from .model import ExpenseType, IncomeType, Param, SourceRef

T_co = TypeVar("T_co", covariant=True)
V = TypeVar("V")

AREAS = ("urban", "rural")
# The caps of a deduction, in the order they apply.
CAP_NAMES = ("per_item_monthly", "per_person_monthly", "per_household_monthly",
             "share_of_income")

# Disability grades that qualify, by category; "any" stands for every category.
Grades: TypeAlias = Mapping[str, frozenset[int]]


@dataclass(frozen=True, slots=True)
class Rule(Generic[T_co]):
    """A rule value in force, typed, with the `Param` it was read from.

    ``key`` and ``source`` repeat ``param.key`` and ``param.source``: the engine reads
    them for every rule it uses (to record it, cite it, warn of it), so they are plain
    attributes.
    """

    key: str
    value: T_co
    source: SourceRef
    param: Param

    @property
    def provisional(self) -> bool:
        """Whether the value is unsourced."""
        return self.source.provisional

    @property
    def written(self) -> str:
        """The value as the rule file writes it, with its unit."""
        return self.param.written

    @property
    def since(self) -> dt.date:
        """The date the value is in force from."""
        return self.param.since


class Missing(NamedTuple):
    """A value a scheme needs that has none in force on the date: using it raises."""

    key: str
    on: dt.date
    rule_set: str

    def error(self) -> RuleNotInForce:
        """Return the error that using this value raises."""
        return RuleNotInForce(self.key, self.on, rule_set=self.rule_set)


# A value the scheme needs: in force, or missing (an error once it is used).
Need: TypeAlias = Rule[T_co] | Missing


class Tier(NamedTuple):
    """A benefit tier (分档): below ``below_share`` × the standard, ``amount`` per person.

    ``kind`` is ``per_person`` (``amount`` in yuan a month) or ``per_person_share``
    (``amount`` a share of the monthly standard).
    """

    below_share: Decimal
    kind: str
    amount: Decimal


# ------------------------------------------------------------------ the schemes


class MembershipView(NamedTuple):
    """Who counts in the household (审核确认办法 Art. 7)."""

    excluded_statuses: Need[frozenset[str]]


class DibaoView(NamedTuple):
    """The dibao standard (annual, per person) by area, and the edge multiplier."""

    standard: Mapping[str, Need[Decimal]]  # by area: urban, rural
    edge_multiplier: Need[Decimal]


class IncomeView(NamedTuple):
    """The income reference period, which income types count, and the type tables."""

    reference_months: Need[int]
    counted: Mapping[str, Need[bool]]  # by declared income type
    types: Mapping[str, IncomeType]
    expense_types: Mapping[str, ExpenseType]


class DeductionView(NamedTuple):
    """The deduction rules of one expense type.

    ``deductible`` is `Missing` when the rules say nothing about the type (it is then
    refused, naming the key). ``caps`` holds the caps set, by name (`CAP_NAMES`); a cap
    of value None is ``unlimited``.
    """

    kind: str
    deductible: Need[bool]
    requires: Rule[tuple[str, ...]] | None
    caps: Mapping[str, Rule[Decimal | None]]


class AssetsView(NamedTuple):
    """The property tests: financial assets, vehicles, housing, registered business.

    A limit of None is ``unlimited``.
    """

    financial_types: Need[frozenset[str]]
    financial_limit_months: Need[Decimal | None]
    vehicle_allowed_kinds: Need[frozenset[str]]
    vehicle_livelihood_exempt: Need[bool]
    housing_max_count: Need[int | None]
    business_allowed: Need[bool]
    business_livelihood_exempt: Need[bool]


class SinglePersonView(NamedTuple):
    """单人户施保: members enrolled alone, and those who may apply alone."""

    enabled: Need[bool]
    requires_edge: Need[bool]
    disability_grades: Need[Grades]
    serious_illness: Need[bool]
    unemployed_severely_disabled: Rule[bool] | None
    adult_age: Need[int]  # a member this old or older is an adult (特困's minor age)


class RoundingView(NamedTuple):
    """How the benefit is rounded: the unit, the mode and the stage."""

    unit: Need[Decimal]
    mode: Need[str]
    stage: Need[str]


class BenefitView(NamedTuple):
    """How the benefit is paid: the method (gap or tiered) and the tiers, if any."""

    method: Rule[str] | None
    tiers: Need[tuple[Tier, ...]]


class CareBand(NamedTuple):
    """The 特困 care standard of one self-care band: a monthly amount or a share of basic."""

    monthly: Rule[Decimal] | None
    share_of_basic: Rule[Decimal] | None
    keys: str  # the keys that would set it, for the note when neither is set


class TekunStandards(NamedTuple):
    """The 特困 basic living standard (an amount or a multiple of dibao) and care bands."""

    basic_monthly: Rule[Decimal] | None
    basic_multiple_of_dibao: Need[Decimal]
    care: Mapping[str, CareBand]  # by self-care band (`CARE_BANDS`)


class TekunView(NamedTuple):
    """特困 (特困人员认定办法): in force when its elderly age is."""

    age_elderly: Rule[int]
    age_minor_below: Need[int]
    students_continue: Need[bool]
    students_age_below: Need[int]
    disability_grades: Need[Grades]
    income_excluded_types: Need[frozenset[str]]
    income_excluded_assistance: Rule[frozenset[str]] | None
    supporter_unable_age: Need[int]
    supporter_unable_grades: Need[Grades]
    supporter_unable_dibao_age: Rule[int] | None
    self_care_partial_max_failed: Need[int]
    in_dibao_household: Need[str]
    standards: TekunStandards


class MemberConditions(NamedTuple):
    """Who is in a group: every condition set (not None, not False) holds for the member."""

    age_from: Need[int] | None = None
    age_below: Need[int] | None = None
    disability_grades: Need[Grades] | None = None
    serious_illness: bool = False


class ClassifiedGroup(NamedTuple):
    """A 分类施保 group: who is in it and its monthly amount.

    ``amount`` is yuan a month, or a share of the monthly standard when ``of_standard``.
    """

    name: str
    amount: Rule[Decimal]
    of_standard: bool
    who: MemberConditions


class ClassifiedView(NamedTuple):
    """分类施保: in force when a group has an amount; groups without one are not paid."""

    groups: tuple[ClassifiedGroup, ...]
    combine: Need[str]  # highest or sum, for a member in several groups


class PhaseOutView(NamedTuple):
    """渐退: the months a household whose income rose through work is still paid."""

    months: Rule[int]


class RigidView(NamedTuple):
    """刚性支出困难家庭: in force when the rules say whether it is enabled."""

    enabled: Rule[bool]
    disposable_income: Mapping[str, Need[Decimal]]  # annual, by area: urban, rural
    expenditure_ratio: Need[Decimal]
    expense_types: Need[frozenset[str]]
    validity_months: Need[int]


class UnsupportedChildView(NamedTuple):
    """事实无人抚养儿童: in force when its age limit is."""

    age_below: Rule[int]
    severe_disability: Need[Grades]
    min_months: Need[int]
    both_parents: Need[frozenset[str]]
    one_parent: Need[frozenset[str]]
    other_parent: Need[frozenset[str]]


class RuleViews(NamedTuple):
    """Every scheme's rules in force on one date, typed.

    The schemes of the means test itself are always there (their values may be
    `Missing`); a scheme around it that is not in force on the date is None.
    """

    membership: MembershipView
    dibao: DibaoView
    income: IncomeView
    deductions: Mapping[str, DeductionView]  # by declared expense type
    assets: AssetsView
    single_person: SinglePersonView
    rounding: RoundingView
    benefit: BenefitView
    tekun: TekunView | None
    classified: ClassifiedView | None
    phase_out: PhaseOutView | None
    rigid: RigidView | None
    unsupported_child: UnsupportedChildView | None


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


def _tiers(value: Any) -> tuple[Tier, ...]:
    return tuple(Tier(_decimal(bound), str(kind), _decimal(amount))
                 for bound, kind, amount in value)


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


def build_views(rule_set: str, on: dt.date, params: Mapping[str, Param],
                income_types: Mapping[str, IncomeType],
                expense_types: Mapping[str, ExpenseType]) -> RuleViews:
    """Return the typed views of ``params``, the values of ``rule_set`` in force on ``on``.

    Values were checked against `keys` when the rules were loaded; here they are only
    converted to the types the engine computes with.
    """
    r = _Reader(rule_set, on, params)
    return RuleViews(
        membership=MembershipView(r.need("household.excluded_statuses", _words)),
        dibao=DibaoView(
            standard={area: r.need(f"dibao.standard.{area}", _decimal) for area in AREAS},
            edge_multiplier=r.need("dibao.edge_multiplier", _decimal)),
        income=IncomeView(
            reference_months=r.need("income.reference_months", _int),
            counted={t: r.need(f"income.counted.{t}", _bool) for t in income_types},
            types=income_types, expense_types=expense_types),
        deductions={t: _deduction(r, t, decl.kind) for t, decl in expense_types.items()},
        assets=AssetsView(
            financial_types=r.need("assets.financial.types", _words),
            financial_limit_months=r.need("assets.financial.limit_months", _limit),
            vehicle_allowed_kinds=r.need("assets.vehicle.allowed_kinds", _words),
            vehicle_livelihood_exempt=r.need("assets.vehicle.livelihood_exempt", _bool),
            housing_max_count=r.need("assets.housing.max_count", _count_limit),
            business_allowed=r.need("assets.business.allowed", _bool),
            business_livelihood_exempt=r.need("assets.business.livelihood_exempt", _bool)),
        single_person=SinglePersonView(
            enabled=r.need("single_person.enabled", _bool),
            requires_edge=r.need("single_person.requires_edge", _bool),
            disability_grades=r.need("single_person.disability_grades", _grades),
            serious_illness=r.need("single_person.serious_illness", _bool),
            unemployed_severely_disabled=r.maybe(
                "single_person.unemployed_severely_disabled", _bool),
            adult_age=r.need("tekun.work_capacity.age_minor_below", _int)),
        rounding=RoundingView(
            unit=r.need("rounding.benefit.unit", _decimal),
            mode=r.need("rounding.benefit.mode", _str),
            stage=r.need("rounding.stage", _str)),
        benefit=BenefitView(method=r.maybe("benefit.method", _str),
                            tiers=r.need("benefit.tiers", _tiers)),
        tekun=_tekun(r),
        classified=_classified(r),
        phase_out=_phase_out(r),
        rigid=_rigid(r),
        unsupported_child=_unsupported_child(r),
    )


def _deduction(r: _Reader, expense_type: str, kind: str) -> DeductionView:
    prefix = f"deduction.{expense_type}."
    caps = {name: rule for name in CAP_NAMES
            if (rule := r.maybe(f"{prefix}cap.{name}", _limit)) is not None}
    return DeductionView(kind, r.need(f"{prefix}deductible", _bool),
                         r.maybe(f"{prefix}requires", _ordered_words), caps)


def _tekun(r: _Reader) -> TekunView | None:
    age_elderly = r.maybe("tekun.work_capacity.age_elderly", _int)
    if age_elderly is None:
        return None
    care = {band: CareBand(r.maybe(f"tekun.care.{band}.monthly", _decimal),
                           r.maybe(f"tekun.care.{band}.share_of_basic", _decimal),
                           f"tekun.care.{band}.*") for band in CARE_BANDS}
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
        standards=TekunStandards(
            basic_monthly=r.maybe("tekun.basic.monthly", _decimal),
            basic_multiple_of_dibao=r.need("tekun.basic.multiple_of_dibao", _decimal),
            care=care),
    )


def _classified(r: _Reader) -> ClassifiedView | None:
    who = {
        "elderly": MemberConditions(age_from=r.need("classified.elderly.age_from", _int)),
        "minor": MemberConditions(age_below=r.need("classified.minor.age_below", _int)),
        "severe_disability": MemberConditions(disability_grades=r.need(
            "classified.severe_disability.grades", _grades)),
        "serious_illness": MemberConditions(serious_illness=True),
    }
    groups = []
    for name in CLASSIFIED_GROUPS:
        # A share of the standard, when set, wins over a monthly amount.
        share = r.maybe(f"classified.{name}.share_of_standard", _decimal)
        fixed = r.maybe(f"classified.{name}.monthly", _decimal)
        amount = share if share is not None else fixed
        if amount is not None:
            groups.append(ClassifiedGroup(name, amount, share is not None, who[name]))
    if not groups:
        return None
    return ClassifiedView(tuple(groups), r.need("classified.combine", _str))


def _phase_out(r: _Reader) -> PhaseOutView | None:
    months = r.maybe("phase_out.months", _int)
    return None if months is None else PhaseOutView(months)


def _rigid(r: _Reader) -> RigidView | None:
    enabled = r.maybe("rigid.enabled", _bool)
    if enabled is None:
        return None
    return RigidView(
        enabled=enabled,
        disposable_income={area: r.need(f"rigid.disposable_income.{area}", _decimal)
                           for area in AREAS},
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
    )
