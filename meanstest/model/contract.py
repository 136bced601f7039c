"""The output contract, `meanstest.assessment/1`, as pydantic models.

`render.json` writes the result with plain dicts (fast, no model building on the hot
path); these models describe the same layout for `meanstest schema assessment`, and
the tests validate every example's output against them so the two cannot drift.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MoneyStr = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", description="yuan, two decimals")]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceOut(_Out):
    """Where a rule value comes from."""

    provisional: bool
    id: str | None = None
    title: str | None = None
    number: str | None = None
    article: str | None = None
    kind: Literal["official", "news", "secondary"] | None = None
    note: str | None = None


class RulesOut(_Out):
    """The rule set used, the date and a hash of the resolved values."""

    id: str
    name: str
    as_of: str
    digest: str


class IncomeItemOut(_Out):
    """One income item."""

    index: int
    member: str | None
    type: str
    label: str
    category: str
    amount: MoneyStr
    per: Literal["month", "year"]
    monthly: MoneyStr
    counted: bool
    reason: Literal["counted", "exempt", "not_member"]
    key: str | None


class MessageOut(_Out):
    """A reason: a stable code and a sentence in the chosen language."""

    code: str
    message: str


class DeductionOut(_Out):
    """One claimed expense and what was deducted."""

    index: int
    member: str | None
    type: str
    label: str
    kind: Literal["transfer_expenditure", "fixed_non_living"]
    claimed_monthly: MoneyStr
    accepted_monthly: MoneyStr
    status: Literal["accepted", "capped", "refused"]
    reasons: list[MessageOut]


class IncomeOut(_Out):
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


class AssetTestOut(_Out):
    """One property test."""

    test: str
    passed: bool
    key: str | None
    code: str
    message: str


class RoundingOut(_Out):
    """The rounding the rules state."""

    unit: str
    mode: str
    stage: str


class BenefitOut(_Out):
    """How the benefit was computed."""

    method: Literal["household_gap", "single_person_sum", "tiered", "phase_out", "none"]
    formula: str
    top_ups_monthly: MoneyStr | None = None
    alternatives: dict[str, MoneyStr] | None = None
    inputs: dict[str, Any]
    before_rounding: str | None = None
    rounding: RoundingOut | None = None


class ConditionOut(_Out):
    """One of the three 特困 conditions: met, not met or undetermined (null)."""

    name: Literal["no_work_capacity", "no_livelihood", "no_supporter"]
    met: bool | None
    code: str
    message: str


class TekunOut(_Out):
    """The 特困 (extremely poor person) result of a member."""

    eligible: bool | None
    conditions: list[ConditionOut]
    self_care: Literal["full_self_care", "partial", "full_loss"]
    basic_monthly: MoneyStr | None
    care_monthly: MoneyStr | None
    total_monthly: MoneyStr | None
    notes: list[MessageOut]


class TopUpOut(_Out):
    """A 分类施保 top-up."""

    groups: list[Literal["elderly", "minor", "severe_disability", "serious_illness"]]
    monthly: MoneyStr


class ChildOut(_Out):
    """The de-facto unsupported child test."""

    flagged: bool | None
    message: str


class PhaseOutOut(_Out):
    """The phase-out period (渐退)."""

    months: int
    start: str
    until: str
    monthly_benefit: MoneyStr
    ended: bool


class RigidOut(_Out):
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


class MemberOut(_Out):
    """One member's result."""

    id: str
    name: str | None = Field(description="masked (邓**) unless --show-personal-data")
    id_number: str | None = Field(
        description="masked (431022********0134) unless --show-personal-data")
    relation: str
    age: int
    counted: bool
    excluded_because: str | None
    own_counted_monthly: MoneyStr
    single_person: bool
    single_person_benefit: MoneyStr | None
    tekun: TekunOut | None = Field(description="the 特困 result; null when not assessed")
    top_up: TopUpOut | None
    unsupported_child: ChildOut | None


class ThresholdOut(_Out):
    """Distance from a threshold: margin > 0 means income is below it."""

    name: Literal["dibao", "edge"]
    per_capita_monthly: MoneyStr
    household_monthly: MoneyStr
    margin_monthly: MoneyStr
    message: str


class TraceStepOut(_Out):
    """One computation step, the rule key it used and that rule's source."""

    step: str
    key: str | None
    value: Any
    inputs: dict[str, Any]
    source: SourceOut | None


class WarningOut(_Out):
    """Something to know about the rules used (e.g. a provisional value)."""

    code: Literal["provisional_value", "unofficial_source"]
    key: str | None
    source: SourceOut | None
    message: str


class AssessmentOut(_Out):
    """The result of assessing one household (`meanstest.assessment/1`)."""

    schema_: Annotated[Literal["meanstest.assessment/1"], Field(alias="schema")]
    household_id: str | None
    rules: RulesOut
    area: Literal["urban", "rural"]
    household_size: int
    standard_monthly: MoneyStr
    income: IncomeOut
    assets_ok: bool
    assets_failed: list[str]
    asset_tests: list[AssetTestOut]
    status: Literal["dibao", "dibao_single", "phase_out", "edge", "rigid_expenditure",
                    "not_eligible"]
    eligible: bool = Field(description="true when status is dibao, dibao_single or "
                                       "phase_out (paid until it ends); benefit_monthly "
                                       "is 0.00 exactly when false")
    benefit_monthly: MoneyStr
    benefit: BenefitOut
    members: list[MemberOut]
    thresholds: list[ThresholdOut]
    phase_out: PhaseOutOut | None
    rigid_expenditure: RigidOut | None
    reasons: list[MessageOut]
    trace: list[TraceStepOut]
    warnings: list[WarningOut]
    display_rounding: str


class ErrorItemOut(_Out):
    """One problem in a record that could not be assessed."""

    loc: str
    msg: str


class ErrorOut(_Out):
    """A record that could not be assessed (`meanstest.error/1`)."""

    schema_: Annotated[Literal["meanstest.error/1"], Field(alias="schema")]
    household_id: str | None
    line: int | None
    errors: list[ErrorItemOut]
