"""The output contract, `meanstest.assessment/1` and `meanstest.error/1`, declared once.

Each record is a `TypedDict`, and that one declaration serves three readers:

- `render.json.to_json` and the batch error records build plain dicts (fast: no model
  is built on the hot path), and mypy checks every key and value they write against
  these types;
- `meanstest schema assessment` is pydantic's JSON Schema of the same types
  (`TypeAdapter(AssessmentOut).json_schema()`);
- the tests validate real records of every status against that schema
  (`validate_assessment`, `validate_error`), so the builder and the schema cannot drift.

A key that a record may leave out is ``NotRequired``; its ``Field(default=None)`` only
tells the JSON Schema that absent means null. Fields may be added, never renamed.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import Field, TypeAdapter
from typing_extensions import TypedDict  # pydantic reads this one before Python 3.12

from . import contract_change, vocabulary

# The parts that cite the rules, and those of the schemes beside dibao, are declared in
# modules of their own; the whole contract is imported from here (`__all__`).
from .contract_rules import FORBID as _FORBID
from .contract_rules import (
    LimitOut,
    MessageOut,
    MoneyStr,
    Omitted,
    RulesOut,
    SourceKind,
    SourceOut,
    TraceStepOut,
    WarningCode,
    WarningOut,
)
from .contract_schemes import (
    Approver,
    ChildOut,
    ConditionName,
    ConditionOut,
    HardshipCause,
    HardshipType,
    PastPaymentOut,
    PhaseOutOut,
    RigidOut,
    SelfCare,
    SupportMode,
    TekunOut,
    TemporaryOut,
    TopUpGroup,
    TopUpOut,
)

ASSESSMENT = Literal["meanstest.assessment/1"]
ERROR = Literal["meanstest.error/1"]

__all__ = [
    "ASSESSMENT",
    "ERROR",
    "Approver",
    "Area",
    "AssessmentOut",
    "AssetTestOut",
    "BenefitMethod",
    "BenefitOut",
    "ChildOut",
    "ConditionName",
    "ConditionOut",
    "DeductionKind",
    "DeductionOut",
    "DeductionStatus",
    "ErrorItemOut",
    "ErrorOut",
    "HardshipCause",
    "HardshipType",
    "IncomeBasis",
    "IncomeItemOut",
    "IncomeOut",
    "IncomeReason",
    "LimitOut",
    "MemberOut",
    "MessageOut",
    "MoneyStr",
    "Omitted",
    "PastPaymentOut",
    "Per",
    "PhaseOutOut",
    "RigidOut",
    "RoundingOut",
    "RulesOut",
    "SelfCare",
    "SourceKind",
    "SourceOut",
    "Status",
    "SupportMode",
    "TekunOut",
    "TemporaryOut",
    "ThresholdName",
    "ThresholdOut",
    "TopUpGroup",
    "TopUpOut",
    "TraceStepOut",
    "WarningCode",
    "WarningOut",
    "json_schema",
    "validate_assessment",
    "validate_error",
]

# The words of the contract that the result model (`model.result`) still holds as plain
# text: `render.json` casts to these. Vocabularies are defined in `vocabulary`.
Area = vocabulary.Area
Status = vocabulary.Status
Per = vocabulary.Period
IncomeBasis = vocabulary.IncomeBasis
DeductionKind = vocabulary.ExpenseKind
DeductionStatus = vocabulary.DeductionStatus
IncomeReason = Literal["counted", "exempt", "not_member"]
BenefitMethod = Literal["household_gap", "single_person_sum", "tiered", "phase_out", "none"]
ThresholdName = Literal["dibao", "edge"]


@_FORBID
class IncomeItemOut(TypedDict):
    """One income item."""

    index: int
    member: str | None
    type: str
    label: str
    category: str
    amount: MoneyStr
    per: Per
    monthly: MoneyStr
    counted: bool
    reason: IncomeReason
    key: str | None
    # Present when the amount was imputed, not declared: then the amount is the
    # minimum wage in force (input `incomes[].basis`).
    basis: NotRequired[Omitted[IncomeBasis]]


@_FORBID
class DeductionOut(TypedDict):
    """One claimed expense and what was deducted."""

    index: int
    member: str | None
    type: str
    label: str
    kind: DeductionKind
    claimed_monthly: MoneyStr
    accepted_monthly: MoneyStr
    status: DeductionStatus
    reasons: list[MessageOut]


@_FORBID
class IncomeOut(TypedDict):
    """The household's income per month."""

    reference_months: int
    gross_monthly: MoneyStr
    exempt_monthly: MoneyStr
    deductions_monthly: MoneyStr
    counted_monthly: MoneyStr
    # A 特困 household (status tekun) is not tested for dibao: nothing is divided.
    per_capita_monthly: MoneyStr | None
    floored_at_zero: bool
    by_category: dict[str, MoneyStr]
    items: list[IncomeItemOut]
    deductions: list[DeductionOut]


@_FORBID
class AssetTestOut(TypedDict):
    """One property test."""

    test: str
    passed: bool
    key: str | None
    code: str
    message: str


@_FORBID
class RoundingOut(TypedDict):
    """The rounding the rules state."""

    unit: str
    mode: str
    stage: str


@_FORBID
class BenefitOut(TypedDict):
    """How the benefit was computed."""

    method: BenefitMethod
    formula: str
    top_ups_monthly: NotRequired[Omitted[MoneyStr]]
    full_standard_monthly: NotRequired[
        Omitted[
            Annotated[
                MoneyStr,
                Field(
                    description="what paying members of 分类施保 groups the full standard, "
                    "instead of their share of the gap, adds"
                ),
            ]
        ]
    ]
    alternatives: NotRequired[Omitted[dict[str, MoneyStr]]]
    inputs: dict[str, Any]
    before_rounding: NotRequired[Omitted[str]]
    rounding: NotRequired[Omitted[RoundingOut]]


@_FORBID
class MemberOut(TypedDict):
    """One member's result."""

    id: str
    name: Annotated[str | None, Field(description="masked (邓**) unless --show-personal-data")]
    id_number: Annotated[
        str | None, Field(description="masked (431022********0134) unless --show-personal-data")
    ]
    relation: str
    age: int
    counted: bool
    excluded_because: str | None
    own_counted_monthly: MoneyStr
    single_person: bool
    single_person_benefit: MoneyStr | None
    tekun: Annotated[TekunOut | None, Field(description="the 特困 result; null when not assessed")]
    top_up: TopUpOut | None
    unsupported_child: ChildOut | None


@_FORBID
class ThresholdOut(TypedDict):
    """Distance from a threshold: margin > 0 means income is below it."""

    name: ThresholdName
    per_capita_monthly: MoneyStr
    household_monthly: MoneyStr
    margin_monthly: MoneyStr
    message: str


# The order of the keys is the schema's order (a record may write them in another).
@_FORBID
class AssessmentOut(contract_change.RenewalFields):
    """The result of assessing one household (`meanstest.assessment/1`)."""

    schema: ASSESSMENT
    household_id: str | None
    rules: RulesOut
    meanstest_version: str
    area: Area
    household_size: Annotated[
        int,
        Field(
            description=(
                "the members counted in the dibao household; for a tekun household, the members "
                "living in it (not excluded by status)"
            )
        ),
    ]
    standard_monthly: MoneyStr
    income: IncomeOut
    assets_ok: bool
    assets_failed: list[str]
    asset_tests: list[AssetTestOut]
    status: Status
    eligible: Annotated[
        bool,
        Field(
            description="true when status is dibao, dibao_single or "
            "phase_out (paid until it ends); benefit "
            "0.00 when not eligible; an eligible "
            "household's benefit can round to 0.00, "
            "with a reason. A tekun household is not "
            "eligible for dibao: see support_monthly"
        ),
    ]
    benefit_monthly: MoneyStr
    support_monthly: Annotated[
        MoneyStr,
        Field(
            description=(
                "everything paid a month: benefit_monthly (分类施保 top-ups included) plus the "
                "特困 members' support (basic + care)"
            )
        ),
    ]
    benefit: BenefitOut
    members: list[MemberOut]
    thresholds: list[ThresholdOut]
    phase_out: PhaseOutOut | None
    rigid_expenditure: RigidOut | None
    temporary_assistance: NotRequired[Omitted[TemporaryOut]]
    reasons: list[MessageOut]
    trace: list[TraceStepOut]
    warnings: list[WarningOut]
    display_rounding: str


@_FORBID
class ErrorItemOut(TypedDict):
    """One problem of an unassessed record: where (``loc``, a case roll's ``row``), what
    (``msg``, in the run's language), and as data (``code``, ``params``)."""

    loc: str
    msg: str
    code: str
    params: NotRequired[Omitted[dict[str, Any]]]
    row: NotRequired[Omitted[int]]


@_FORBID
class ErrorOut(TypedDict):
    """A record that could not be assessed (`meanstest.error/1`)."""

    schema: ERROR
    household_id: str | None
    line: int | None
    errors: list[ErrorItemOut]


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _adapter(record: type[Any]) -> TypeAdapter[Any]:
    """The validator and schema of a record type, built once (it takes some 25 ms)."""
    if record.__name__ not in _ADAPTERS:
        _ADAPTERS[record.__name__] = TypeAdapter(record)
    return _ADAPTERS[record.__name__]


def json_schema(record: type[Any]) -> dict[str, Any]:
    """Return the JSON Schema of a record type (what `meanstest schema` prints)."""
    return _adapter(record).json_schema()


def validate_assessment(data: object) -> AssessmentOut:
    """Check a record against `meanstest.assessment/1`; raise pydantic's ValidationError."""
    record: AssessmentOut = _adapter(AssessmentOut).validate_python(data, strict=True)
    return record


def validate_error(data: object) -> ErrorOut:
    """Check a record against `meanstest.error/1`; raise pydantic's ValidationError."""
    record: ErrorOut = _adapter(ErrorOut).validate_python(data, strict=True)
    return record
