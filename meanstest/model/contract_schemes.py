"""The parts of the assessment record for the schemes beside dibao.

特困 (`TekunOut`, `ConditionOut`), 分类施保 top-ups (`TopUpOut`), the unsupported-child
flag (`ChildOut`), phase-out (`PhaseOutOut`), rigid expenditure (`RigidOut`) and
temporary assistance (`TemporaryOut`, `PastPaymentOut`). `contract.py` assembles the
records from these; import them from there.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import Field
from typing_extensions import TypedDict  # pydantic reads this one before Python 3.12

from . import vocabulary
from .contract_rules import FORBID as _FORBID
from .contract_rules import MessageOut, MoneyStr

SelfCare = vocabulary.CareBand
SupportMode = vocabulary.SupportMode
HardshipType = vocabulary.HardshipType
HardshipCause = vocabulary.HardshipCause
ConditionName = Literal["no_work_capacity", "no_livelihood", "no_supporter"]
# A 分类施保 group's name, as the rules name it (classified.groups.NAME).
TopUpGroup = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Approver = Literal["township", "county", "case_by_case"]


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
    support_mode: Annotated[
        SupportMode,
        Field(
            description=(
                "the support mode whose standards apply: the member's tekun_support_mode, else "
                "at_home"
            )
        ),
    ]
    support_monthly: Annotated[
        MoneyStr,
        Field(
            description=(
                "what the member is paid as 特困 a month (basic + care, to the fen); 0.00 unless "
                "eligible is true"
            )
        ),
    ]
    notes: list[MessageOut]


@_FORBID
class TopUpOut(TypedDict):
    """What a member gets for being in 分类施保 groups: a top-up, and perhaps the full
    standard instead of their share of the gap."""

    groups: list[TopUpGroup]
    labels: list[str]
    monthly: MoneyStr
    full_standard: Annotated[
        MoneyStr | None,
        Field(
            description=(
                "when a group pays the member the full standard: what that adds to their share"
            )
        ),
    ]


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
    # What phase-out pays a month now: "0.00" once it has ended (`ended`: nothing is
    # paid under phase-out on the assessment date; status is then not phase_out).
    monthly_benefit: MoneyStr
    ended: bool
    # Why it ended: its months ran out (`period`) or per-capita income reached
    # phase_out.ceiling (`ceiling`); present only when `ended`.
    ended_by: NotRequired[Literal["period", "ceiling"]]


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
    eligible: Annotated[
        bool | None,
        Field(description="null when the rules in force cannot decide (a value is not set)"),
    ]
    reasons: list[MessageOut]
    burden: Annotated[
        MoneyStr,
        Field(description="the loss and expenses that count, less what was already covered"),
    ]
    covered: MoneyStr
    burden_share: Annotated[
        str | None,
        Field(description="the burden as a share of the household's income over the period"),
    ]
    per: vocabulary.AmountPer | None
    persons: int
    minimum: MoneyStr | None
    maximum: MoneyStr | None
    suggested: Annotated[
        MoneyStr | None,
        Field(
            description="the amount the county's tiers give; null when the county leaves the "
            "amount within the range to the caseworker"
        ),
    ]
    tier: int | None
    approver: Approver | None
    township_limit: MoneyStr | None
    paid_first: bool
    reserve_fund: MoneyStr | None
    payments_counted: list[PastPaymentOut]
    payments_limit: int | None
    window_from: Annotated[
        str | None, Field(description="the earliest payment date that counts against the limit")
    ]
