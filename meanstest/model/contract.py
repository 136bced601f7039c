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

from typing import Annotated, Any, Literal, NotRequired, TypeVar

from pydantic import ConfigDict, Field, TypeAdapter, with_config
from typing_extensions import TypedDict  # pydantic reads this one before Python 3.12

from . import contract_change, vocabulary

T = TypeVar("T")

MoneyStr = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", description="yuan, two decimals")]
# A key the record leaves out when it has no value (absent means null).
Omitted = Annotated[T | None, Field(default=None)]

ASSESSMENT = Literal["meanstest.assessment/1"]
ERROR = Literal["meanstest.error/1"]

# The words of the contract that the result model (`model.result`) still holds as plain
# text: `render.json` casts to these. Vocabularies are defined in `vocabulary`.
Area = vocabulary.Area
Status = vocabulary.Status
Per = vocabulary.Period
IncomeBasis = vocabulary.IncomeBasis
DeductionKind = vocabulary.ExpenseKind
DeductionStatus = vocabulary.DeductionStatus
SelfCare = vocabulary.CareBand
SupportMode = vocabulary.SupportMode
HardshipType = vocabulary.HardshipType
HardshipCause = vocabulary.HardshipCause
IncomeReason = Literal["counted", "exempt", "not_member"]
BenefitMethod = Literal["household_gap", "single_person_sum", "tiered", "phase_out", "none"]
ConditionName = Literal["no_work_capacity", "no_livelihood", "no_supporter"]
# A 分类施保 group's name, as the rules name it (classified.groups.NAME).
TopUpGroup = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
ThresholdName = Literal["dibao", "edge"]
# below_minimum ... not_as_required: a provisional value used fails a consistency check
# of the rules on the date (a standard below the province's minimum): the code says how.
# id_number_*: the household's data to check (an ID number against a birth date or age).
WarningCode = Literal["provisional_value", "unofficial_source", "township_limit_unsourced",
                      "below_minimum", "not_above_limit", "above_maximum", "not_below_limit",
                      "not_as_required", "id_number_birth_date", "id_number_age"]
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
    full_standard_monthly: NotRequired[Omitted[Annotated[MoneyStr, Field(
        description="what paying members of 分类施保 groups the full standard, instead of "
                    "their share of the gap, adds")]]]
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
    support_mode: Annotated[SupportMode, Field(description=(
        "the support mode whose standards apply: the member's tekun_support_mode, else "
        "at_home"))]
    support_monthly: Annotated[MoneyStr, Field(description=(
        "what the member is paid as 特困 a month (basic + care, to the fen); 0.00 unless "
        "eligible is true"))]
    notes: list[MessageOut]


@_FORBID
class TopUpOut(TypedDict):
    """What a member gets for being in 分类施保 groups: a top-up, and perhaps the full
    standard instead of their share of the gap."""

    groups: list[TopUpGroup]
    labels: list[str]
    monthly: MoneyStr
    full_standard: Annotated[MoneyStr | None, Field(description=(
        "when a group pays the member the full standard: what that adds to their share"))]


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
class LimitOut(TypedDict):
    """The limit a provisional value fails: as written, since when, and the check."""

    value: str
    check: str
    since: NotRequired[Omitted[str]]  # when the limit is a rule value, or the check dated


@_FORBID
class WarningOut(TypedDict):
    """Something to know about the rules used (e.g. a provisional value)."""

    code: WarningCode
    key: str | None
    source: SourceOut | None
    message: str
    limit: NotRequired[Omitted[LimitOut]]  # for a failed check: the limit the value fails


# The order of the keys is the schema's order (a record may write them in another).
@_FORBID
class AssessmentOut(contract_change.RenewalFields):
    """The result of assessing one household (`meanstest.assessment/1`)."""

    schema: ASSESSMENT
    household_id: str | None
    rules: RulesOut
    meanstest_version: str
    area: Area
    household_size: Annotated[int, Field(description=(
        "the members counted in the dibao household; for a tekun household, the members "
        "living in it (not excluded by status)"))]
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
                                                "with a reason. A tekun household is not "
                                                "eligible for dibao: see support_monthly")]
    benefit_monthly: MoneyStr
    support_monthly: Annotated[MoneyStr, Field(description=(
        "everything paid a month: benefit_monthly (分类施保 top-ups included) plus the 特困 "
        "members' support (basic + care)"))]
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
