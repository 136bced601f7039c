"""The assessment result: frozen values made by the engine, rendered elsewhere.

Money stays exact here (Decimal, often with more places than the fen, such as a
year's income divided by 12); renderers write it to the fen. Reasons and trace steps
are codes with parameters, so the same result renders in Chinese and in English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from .ruleset import SourceRef

ASSESSMENT_SCHEMA = "meanstest.assessment/1"

Status = Literal["dibao", "dibao_single", "edge", "rigid_expenditure", "not_eligible"]
ELIGIBLE: frozenset[str] = frozenset({"dibao", "dibao_single"})


@dataclass(frozen=True, slots=True)
class Reason:
    """Why: a code and the values its message needs (money as Decimal)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One step of the computation, with the rule it used and that rule's source."""

    step: str
    key: str | None
    value: object
    inputs: Mapping[str, object]
    source: SourceRef | None


@dataclass(frozen=True, slots=True)
class IncomeLine:
    """One income item and whether it counts."""

    index: int
    member: str | None
    type: str
    category: str
    amount: Decimal
    per: str
    monthly: Decimal
    counted: bool
    reason: str
    key: str | None


@dataclass(frozen=True, slots=True)
class DeductionLine:
    """One claimed expense and how much of it was deducted."""

    index: int
    member: str | None
    type: str
    kind: str
    claimed_monthly: Decimal
    accepted_monthly: Decimal
    status: Literal["accepted", "capped", "refused"]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class AssetTest:
    """One property test (financial assets, vehicles, housing, business)."""

    name: str
    passed: bool
    key: str | None
    reason: Reason


@dataclass(frozen=True, slots=True)
class Threshold:
    """A line the household's income is measured against (dibao, edge)."""

    name: str
    per_capita_monthly: Decimal
    household_monthly: Decimal
    margin_monthly: Decimal  # threshold minus counted income: > 0 means below the line


@dataclass(frozen=True, slots=True)
class MemberResult:
    """What the assessment says about one member."""

    id: str
    name: str | None
    relation: str
    age: int
    counted: bool
    excluded_because: str | None
    own_counted_monthly: Decimal
    single_person: bool
    single_person_benefit: Decimal | None
    id_number: str | None = None


@dataclass(frozen=True, slots=True)
class Income:
    """The household's income, monthly."""

    reference_months: int
    gross_monthly: Decimal
    exempt_monthly: Decimal
    deductions_monthly: Decimal
    counted_monthly: Decimal
    per_capita_monthly: Decimal
    floored_at_zero: bool
    by_category: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class Rounding:
    """How the benefit was rounded, as the rule file says."""

    unit: Decimal
    mode: str
    stage: str
    before: Decimal
    after: Decimal


@dataclass(frozen=True, slots=True)
class Benefit:
    """The benefit and the numbers behind it."""

    formula: str
    monthly: Decimal
    rounding: Rounding | None
    inputs: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Warning:
    """Something the caseworker must know about the rules used."""

    code: str
    key: str | None
    source: SourceRef | None
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RulesUsed:
    """Which rule set and date an assessment used."""

    id: str
    name_zh: str
    name_en: str
    as_of: dt.date
    digest: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """The result of assessing one household (`meanstest.assessment/1`)."""

    household_id: str | None
    rules: RulesUsed
    area: str
    household_size: int
    standard_monthly: Decimal
    income: Income
    incomes: tuple[IncomeLine, ...]
    deductions: tuple[DeductionLine, ...]
    assets_ok: bool
    asset_tests: tuple[AssetTest, ...]
    status: Status
    benefit: Benefit
    members: tuple[MemberResult, ...]
    thresholds: tuple[Threshold, ...]
    reasons: tuple[Reason, ...]
    trace: tuple[TraceStep, ...]
    warnings: tuple[Warning, ...]

    @property
    def eligible(self) -> bool:
        """Whether the household (or a member alone) gets dibao."""
        return self.status in ELIGIBLE

    @property
    def benefit_monthly(self) -> Decimal:
        """The monthly benefit in yuan."""
        return self.benefit.monthly
