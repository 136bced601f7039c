"""The lean record, `meanstest.summary/1`: the full record's fields of the same names
(`contract.AssessmentOut`), without trace or sentences; what `batch` writes by default.
Declared as the other records are (`contract`): one TypedDict per object."""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import Field
from typing_extensions import TypedDict

from .contract import Status, _adapter
from .contract_rules import FORBID as _FORBID
from .contract_rules import MoneyStr, Omitted, RulesOut
from .contract_schemes import Approver, HardshipCause, HardshipType
from .vocabulary import AmountPer

SUMMARY = Literal["meanstest.summary/1"]


@_FORBID
class SummaryIncomeOut(TypedDict):
    """The household's income per month, as in the full record's ``income``."""

    gross_monthly: MoneyStr
    exempt_monthly: MoneyStr
    deductions_monthly: MoneyStr
    counted_monthly: MoneyStr
    per_capita_monthly: MoneyStr | None


@_FORBID
class SummaryTemporaryOut(TypedDict):
    """Temporary assistance in a summary: the full section's fields of the same names
    that say the decision (type, eligibility, amount range and suggestion, approver,
    paid first), and its reasons' codes."""

    type: HardshipType
    cause: HardshipCause
    date: str
    eligible: Annotated[bool | None, Field(description="as in meanstest.assessment/1")]
    per: AmountPer | None
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
    support_monthly: Annotated[MoneyStr, Field(description="as in meanstest.assessment/1")]
    reason_codes: Annotated[
        list[str], Field(description="the codes of the full record's reasons, in order")
    ]
    warning_keys: Annotated[
        list[str], Field(description="the rule keys of the full record's warnings, in order")
    ]
    temporary_assistance: NotRequired[Omitted[SummaryTemporaryOut]]


def validate_summary(data: object) -> SummaryOut:
    """Check a record against `meanstest.summary/1`; raise pydantic's ValidationError."""
    record: SummaryOut = _adapter(SummaryOut).validate_python(data, strict=True)
    return record
