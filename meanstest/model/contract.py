"""The output contract: `meanstest.assessment/1`, `meanstest.summary/1` and
`meanstest.error/1`, declared once.

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

from typing import Annotated, Any, Literal, NotRequired, TypeVar

from pydantic import ConfigDict, Field, TypeAdapter, with_config
from typing_extensions import TypedDict  # pydantic reads this one before Python 3.12

T = TypeVar("T")

MoneyStr = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", description="yuan, two decimals")]
# A key the record leaves out when it has no value (absent means null).
Omitted = Annotated[T | None, Field(default=None)]

ASSESSMENT = Literal["meanstest.assessment/1"]
SUMMARY = Literal["meanstest.summary/1"]
ERROR = Literal["meanstest.error/1"]

# The words of the contract that the result model (`model.result`) still holds as plain
# text: `render.json` casts to these where it writes them.
Area = Literal["urban", "rural"]
Status = Literal["dibao", "dibao_single", "phase_out", "edge", "rigid_expenditure",
                 "not_eligible"]
Per = Literal["month", "year"]
IncomeReason = Literal["counted", "exempt", "not_member"]
IncomeBasis = Literal["minimum_wage"]
DeductionKind = Literal["transfer_expenditure", "fixed_non_living"]
DeductionStatus = Literal["accepted", "capped", "refused"]
BenefitMethod = Literal["household_gap", "single_person_sum", "tiered", "phase_out", "none"]
ConditionName = Literal["no_work_capacity", "no_livelihood", "no_supporter"]
SelfCare = Literal["full_self_care", "partial", "full_loss"]
TopUpGroup = Literal["elderly", "minor", "severe_disability", "serious_illness"]
ThresholdName = Literal["dibao", "edge"]
WarningCode = Literal["provisional_value", "unofficial_source", "township_limit_unsourced"]
HardshipType = Literal["emergency", "expenditure"]
HardshipCause = Literal["fire", "traffic_accident", "other_accident", "sudden_illness",
                        "natural_disaster", "unemployment", "other"]
Approver = Literal["township", "county", "case_by_case"]
SourceKind = Literal["official", "news", "secondary"]

_FORBID = with_config(ConfigDict(extra="forbid"))


@_FORBID
class SourceOut(TypedDict):
    """Where a rule value comes from."""

    provisional: bool
    id: NotRequired[Omitted[str]]
    title: NotRequired[Omitted[str]]
    number: NotRequired[Omitted[str]]
    article: NotRequired[Omitted[str]]
    kind: NotRequired[Omitted[SourceKind]]
    note: NotRequired[Omitted[str]]


@_FORBID
class RulesOut(TypedDict):
    """The rule set used, the date and a hash of the resolved values."""

    id: str
    name: str
    as_of: str
    digest: str


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
class MessageOut(TypedDict):
    """A reason: a stable code and a sentence in the chosen language."""

    code: str
    message: str


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
    per_capita_monthly: MoneyStr
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
    alternatives: NotRequired[Omitted[dict[str, MoneyStr]]]
    inputs: dict[str, Any]
    before_rounding: NotRequired[Omitted[str]]
    rounding: NotRequired[Omitted[RoundingOut]]


@_FORBID
class ConditionOut(TypedDict):
    """One of the three 特困 conditions: met, not met or undetermined (null)."""

    name: ConditionName
    met: bool | None
    code: str
    message: str


@_FORBID
class TekunOut(TypedDict):
    """The 特困 (extremely poor person) result of a member."""

    eligible: bool | None
    conditions: list[ConditionOut]
    self_care: SelfCare
    basic_monthly: MoneyStr | None
    care_monthly: MoneyStr | None
    total_monthly: MoneyStr | None
    notes: list[MessageOut]


@_FORBID
class TopUpOut(TypedDict):
    """A 分类施保 top-up."""

    groups: list[TopUpGroup]
    monthly: MoneyStr


@_FORBID
class ChildOut(TypedDict):
    """The de-facto unsupported child test."""

    flagged: bool | None
    message: str


@_FORBID
class PhaseOutOut(TypedDict):
    """The phase-out period (渐退)."""

    months: int
    start: str
    until: str
    monthly_benefit: MoneyStr
    ended: bool


@_FORBID
class RigidOut(TypedDict):
    """The rigid-expenditure household test (刚性支出困难家庭)."""

    assessed: bool
    met: bool
    code: str
    message: str
    expenditure_annual: MoneyStr
    income_annual: MoneyStr
    share: str | None
    threshold: str | None
    valid_until: str | None


@_FORBID
class PastPaymentOut(TypedDict):
    """A past temporary-assistance payment counted against the limit."""

    index: Annotated[int, Field(description="position in hardship.payments")]
    date: str
    amount: MoneyStr


@_FORBID
class TemporaryOut(TypedDict):
    """Temporary assistance (临时救助): present when the input has a ``hardship``."""

    type: HardshipType
    cause: HardshipCause
    date: str
    eligible: Annotated[bool | None, Field(description="null when the rules in force cannot "
                                                       "decide (a value is not set)")]
    reasons: list[MessageOut]
    burden: Annotated[MoneyStr, Field(description="the loss and expenses that count, less "
                                                  "what was already covered")]
    covered: MoneyStr
    burden_share: Annotated[str | None, Field(
        description="the burden as a share of the household's income over the period")]
    per: Literal["household", "person"] | None
    persons: int
    minimum: MoneyStr | None
    maximum: MoneyStr | None
    suggested: Annotated[MoneyStr | None, Field(
        description="the amount the county's tiers give; null when the county leaves the "
                    "amount within the range to the caseworker")]
    tier: int | None
    approver: Approver | None
    township_limit: MoneyStr | None
    paid_first: bool
    reserve_fund: MoneyStr | None
    payments_counted: list[PastPaymentOut]
    payments_limit: int | None
    window_from: Annotated[str | None, Field(
        description="the earliest payment date that counts against the limit")]


@_FORBID
class MemberOut(TypedDict):
    """One member's result."""

    id: str
    name: Annotated[str | None, Field(description="masked (邓**) unless --show-personal-data")]
    id_number: Annotated[str | None, Field(
        description="masked (431022********0134) unless --show-personal-data")]
    relation: str
    age: int
    counted: bool
    excluded_because: str | None
    own_counted_monthly: MoneyStr
    single_person: bool
    single_person_benefit: MoneyStr | None
    tekun: Annotated[TekunOut | None, Field(
        description="the 特困 result; null when not assessed")]
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


@_FORBID
class TraceStepOut(TypedDict):
    """One computation step, the rule key it used and that rule's source."""

    step: str
    key: str | None
    value: Any
    inputs: dict[str, Any]
    source: SourceOut | None


@_FORBID
class WarningOut(TypedDict):
    """Something to know about the rules used (e.g. a provisional value)."""

    code: WarningCode
    key: str | None
    source: SourceOut | None
    message: str


# The order of the keys is the schema's order (a record may write them in another).
@_FORBID
class AssessmentOut(TypedDict):
    """The result of assessing one household (`meanstest.assessment/1`)."""

    schema: ASSESSMENT
    household_id: str | None
    rules: RulesOut
    area: Area
    household_size: int
    standard_monthly: MoneyStr
    income: IncomeOut
    assets_ok: bool
    assets_failed: list[str]
    asset_tests: list[AssetTestOut]
    status: Status
    eligible: Annotated[bool, Field(description="true when status is dibao, dibao_single or "
                                                "phase_out (paid until it ends); benefit "
                                                "0.00 when not eligible; an eligible "
                                                "household's benefit can round to 0.00, "
                                                "with a reason")]
    benefit_monthly: MoneyStr
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
class SummaryIncomeOut(TypedDict):
    """The household's income per month, as in the full record's ``income``."""

    gross_monthly: MoneyStr
    exempt_monthly: MoneyStr
    deductions_monthly: MoneyStr
    counted_monthly: MoneyStr
    per_capita_monthly: MoneyStr


@_FORBID
class SummaryTemporaryOut(TypedDict):
    """Temporary assistance in a summary: the full section's fields of the same names
    that say the decision (type, eligibility, amount range and suggestion, approver,
    paid first), and its reasons' codes."""

    type: HardshipType
    cause: HardshipCause
    date: str
    eligible: Annotated[bool | None, Field(description="as in meanstest.assessment/1")]
    per: Literal["household", "person"] | None
    minimum: MoneyStr | None
    maximum: MoneyStr | None
    suggested: MoneyStr | None
    approver: Approver | None
    paid_first: bool
    reason_codes: list[str]


@_FORBID
class SummaryOut(TypedDict):
    """The lean result of one household (`meanstest.summary/1`), what `batch` writes by
    default: the full record's fields of the same names, without trace or sentences."""

    schema: SUMMARY
    household_id: str | None
    rules: RulesOut
    meanstest_version: str
    status: Status
    eligible: Annotated[bool, Field(description="as in meanstest.assessment/1")]
    household_size: int
    standard_monthly: MoneyStr
    income: SummaryIncomeOut
    benefit_monthly: MoneyStr
    reason_codes: Annotated[list[str], Field(
        description="the codes of the full record's reasons, in order")]
    warning_keys: Annotated[list[str], Field(
        description="the rule keys of the full record's warnings, in order")]
    temporary_assistance: NotRequired[Omitted[SummaryTemporaryOut]]


@_FORBID
class ErrorItemOut(TypedDict):
    """One problem in a record that could not be assessed."""

    loc: str
    msg: str


@_FORBID
class ErrorOut(TypedDict):
    """A record that could not be assessed (`meanstest.error/1`)."""

    schema: ERROR
    household_id: str | None
    line: int | None
    errors: list[ErrorItemOut]


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _adapter(record: type[AssessmentOut | SummaryOut | ErrorOut]) -> TypeAdapter[Any]:
    """The validator and schema of a record type, built once (it takes some 25 ms)."""
    if record.__name__ not in _ADAPTERS:
        _ADAPTERS[record.__name__] = TypeAdapter(record)
    return _ADAPTERS[record.__name__]


def json_schema(record: type[AssessmentOut | SummaryOut | ErrorOut]) -> dict[str, Any]:
    """Return the JSON Schema of a record type (what `meanstest schema` prints)."""
    return _adapter(record).json_schema()


def validate_assessment(data: object) -> AssessmentOut:
    """Check a record against `meanstest.assessment/1`; raise pydantic's ValidationError."""
    record: AssessmentOut = _adapter(AssessmentOut).validate_python(data, strict=True)
    return record


def validate_summary(data: object) -> SummaryOut:
    """Check a record against `meanstest.summary/1`; raise pydantic's ValidationError."""
    record: SummaryOut = _adapter(SummaryOut).validate_python(data, strict=True)
    return record


def validate_error(data: object) -> ErrorOut:
    """Check a record against `meanstest.error/1`; raise pydantic's ValidationError."""
    record: ErrorOut = _adapter(ErrorOut).validate_python(data, strict=True)
    return record
