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
at all (特困, 分类施保, phase-out, rigid expenditure, unsupported children, temporary
assistance) is ``None``.

The views are NamedTuples, like the results (frozen, cheap to define at import, fast
to read); `Rule` is a slotted frozen dataclass, not a tuple, so that the `Param` it
carries (whose value is untyped) stays out of the types the engine sees. All of them
pickle: rule sets travel to batch workers and to the disk cache. No I/O here.
"""

# No `from __future__ import annotations` here: pydantic models and NamedTuples would
# then evaluate every annotation from its text at import, which cost `meanstest check`
# ~5 ms of start-up across these modules (issue 11, measured with benchmarks/ab.py).

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeAlias, TypeVar

from ..errors import RuleNotInForce
from ..model.sources import Label
from ..model.vocabulary import Area, codes
from .amounts import Amount
from .blocks import Band, Group

if TYPE_CHECKING:
    from .checks import Breach
    from .model import ExpenseType, IncomeType, Param, SourceRef

T_co = TypeVar("T_co", covariant=True)

AREAS = codes(Area)
# The caps of a deduction, in the order they apply.
CAP_NAMES = ("per_item", "per_person", "per_household", "share_of_income")

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
    source: "SourceRef"
    param: "Param"

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

    @property
    def breaches(self) -> "tuple[Breach, ...]":
        """The consistency checks the value fails on the date (when it is provisional)."""
        return self.param.breaches

    @property
    def comparison(self) -> str:
        """For a threshold: below, not_above, above or not_below (else an empty string)."""
        return self.param.comparison or ""


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
    """A benefit tier (分档): below ``below_share`` × the standard, ``amount`` per person
    (annual yuan, or a share of the standard)."""

    below_share: Decimal
    amount: Amount


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
    types: "Mapping[str, IncomeType]"
    expense_types: "Mapping[str, ExpenseType]"


class DeductionView(NamedTuple):
    """The deduction rules of one expense type.

    ``deductible`` is `Missing` when the rules say nothing about the type (it is then
    refused, naming the key). ``caps`` holds the caps set, by name (`CAP_NAMES`): annual
    yuan, or a share of income for ``share_of_income``; a cap of None is ``unlimited``.
    ``threshold``, when set, is an amount (annual yuan, or a share of the household's
    income before deductions) below which the household's claims of the type are not
    deducted: only the part above it is, before the caps. ``disability_grades``, when
    set, limits the deduction to a member whose disability certificate is of one of its
    grades (by category, or ``any``), besides the conditions ``requires`` names.
    """

    kind: str
    deductible: Need[bool]
    requires: Rule[tuple[str, ...]] | None
    caps: Mapping[str, Rule[Decimal | None]]
    threshold: Rule[Amount] | None = None
    disability_grades: Rule[Grades] | None = None


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
    # Local ceilings and amounts (单人户施保 bands); None: the national rule (an edge
    # household, as requires_edge says; the standard minus the member's own income).
    bands: Rule[tuple[Band, ...]] | None = None


class RoundingView(NamedTuple):
    """How the benefit is rounded: the unit, the mode and the stage."""

    unit: Need[Decimal]
    mode: Need[str]
    stage: Need[str]


class BenefitView(NamedTuple):
    """How the benefit is paid: the method (gap or tiered), the tiers, if any, and the
    minimum benefit per person or per household, if the rules set one."""

    method: Rule[str] | None
    tiers: Need[tuple[Tier, ...]]
    minimum_per_person: Rule[Amount] | None = None
    minimum_per_household: Rule[Amount] | None = None


class CareBand(NamedTuple):
    """The 特困 care standard of one self-care band: an amount, or a share of a base."""

    amount: Rule[Amount] | None
    key: str  # the key that would set it, for the note when it is not set


# Where a 特困 member is supported: the household's area and the support mode
# (institutional 集中供养, at_home 分散供养).
Place: TypeAlias = tuple[str, str]


class TekunStandards(NamedTuple):
    """The 特困 basic living standard (an amount or a share of the dibao standard) and
    the care standard of each self-care band, each by area and support mode.

    Each place holds the most specific value in force: the key for its area and mode
    (``tekun.basic.rural.institutional``), else its mode, else its area, else the
    default (``tekun.basic``).
    """

    basic: Mapping[Place, Need[Amount]]
    care: Mapping[str, Mapping[Place, CareBand]]  # by self-care band, then place
    by_mode: bool = False  # some value differs by support mode


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


class ClassifiedGroup(NamedTuple):
    """A 分类施保 group (``classified.groups.NAME``): who is in it, what they are paid
    (their share of the gap or the full standard) and the top-up on top; its label is
    the rule's description."""

    name: str
    rule: Rule[Group]
    label: Label


class ClassifiedView(NamedTuple):
    """分类施保: in force when a group is."""

    groups: tuple[ClassifiedGroup, ...]
    combine: Need[str]  # highest or sum, for a member in several groups


class PhaseOutView(NamedTuple):
    """渐退: the months a household whose income rose through work is still paid, and the
    multiple of the standard its per-capita income must stay below (if any)."""

    months: Rule[int]
    ceiling: Rule[Decimal] | None = None


class RigidView(NamedTuple):
    """刚性支出困难家庭: in force when the rules say whether it is enabled."""

    enabled: Rule[bool]
    disposable_income: Mapping[str, Need[Decimal]]  # annual, by area: urban, rural
    expenditure_ratio: Need[Decimal]
    expense_types: Need[frozenset[str]]
    validity_months: Need[int]


class UnsupportedChildView(NamedTuple):
    """事实无人抚养儿童: in force when its age limit is.

    A child qualifies when both parents are in ``both_parents`` conditions, or one is in
    ``one_parent`` (dead, missing) and the other in ``other_parent``; a condition in
    ``min_months_for`` (lost contact, detention) counts once it has lasted ``min_months``.
    """

    age_below: Rule[int]
    severe_disability: Need[Grades]
    min_months: Need[int]
    both_parents: Need[frozenset[str]]
    one_parent: Need[frozenset[str]]
    other_parent: Need[frozenset[str]]
    min_months_for: Need[frozenset[str]]


class TemporaryTier(NamedTuple):
    """An amount tier of temporary assistance: from this burden (the uncovered loss or
    expense as a share of the household's income over the same period) on, ``amount``
    (a one-off sum in yuan, or a share of the monthly standard)."""

    burden_from: Decimal
    amount: Amount


class TemporaryUnemploymentView(NamedTuple):
    """The conditions of the unemployment cause (S5): months without income, and whether
    the insured and households on dibao are left out."""

    min_months: Need[int]
    insured_excluded: Need[bool]
    dibao_excluded: Need[bool]


class TemporaryExpenditureView(NamedTuple):
    """支出型: in force when its ``enabled`` is; the income line (annual, by area), the
    property test and the expense types that count."""

    enabled: Rule[bool]
    disposable_income: Mapping[str, Need[Decimal]]  # annual, by area: urban, rural
    property_test: Need[bool]
    expense_types: Need[frozenset[str]]


class TemporaryView(NamedTuple):
    """临时救助: in force when ``temporary.enabled`` is.

    One-off amounts (``minimum``, ``maximum``, ``cap``, the limits) are a sum in yuan
    (a Decimal, not annual) or a `Share` of a monthly base. A cause the rules do not
    name is absent from ``emergency``; an optional limit not set is None.
    """

    enabled: Rule[bool]
    emergency: Mapping[str, Rule[bool]]  # by cause, only the causes the rules name
    unemployment: TemporaryUnemploymentView
    expenditure: TemporaryExpenditureView | None
    per: Need[str]  # household or person
    minimum: Need[Amount]
    maximum: Need[Amount]
    tiers: Rule[tuple[TemporaryTier, ...]] | None
    cap: Rule[Amount] | None
    max_per_cause: Rule[int] | None
    window_months: Need[int]
    delegated: Need[bool]
    township_limit: Rule[Amount] | None
    case_by_case_above: Rule[Amount] | None
    paid_first_types: Need[frozenset[str]]
    paid_first_limit: Rule[Amount] | None
    reserve_fund: Rule[Amount] | None


class RuleViews(NamedTuple):
    """Every scheme's rules in force on one date, typed.

    The schemes of the means test itself are always there (their values may be
    `Missing`); a scheme around it that is not in force on the date is None.
    """

    membership: MembershipView
    dibao: DibaoView
    minimum_wage: Need[Decimal]  # annual; for shares of it and imputed income
    minimum_wage_previous_year: Need[Decimal]  # annual; for shares of it
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
    temporary: TemporaryView | None = None
