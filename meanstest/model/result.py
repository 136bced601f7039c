"""The assessment result: frozen values made by the engine, rendered elsewhere.

Money stays exact here (Decimal, often with more places than the fen, such as a
year's income divided by 12); renderers write it to the fen. Reasons and trace steps
are codes with parameters, so the same result renders in Chinese and in English.
"""

# No `from __future__ import annotations` here: pydantic models and NamedTuples would
# then evaluate every annotation from its text at import, which cost `meanstest check`
# ~5 ms of start-up across these modules (issue 11, measured with benchmarks/ab.py).

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Literal, NamedTuple

from . import vocabulary
from .personal import masked_ids
from .sources import Label, SourceRef
from .vocabulary import ChangeKind, DeductionStatus

ASSESSMENT_SCHEMA = "meanstest.assessment/1"

# The statuses, and those on dibao, as `vocabulary` defines them. The benefit
# is "0.00" when not eligible; an eligible household's can round to "0.00" (with the
# reason gap_rounds_to_nothing): eligibility is decided on the exact figures. A `tekun`
# household is paid its members' 特困 support, in `support_monthly`.
SupportMode = vocabulary.SupportMode
Status = vocabulary.Status
ELIGIBLE = vocabulary.ELIGIBLE
_EMPTY: Mapping[str, object] = MappingProxyType({})


class Reason(NamedTuple):
    """Why: a code and the values its message needs (money as Decimal)."""

    code: str
    params: Mapping[str, object] = _EMPTY


class TraceStep(NamedTuple):
    """One step of the computation, with the rule it used and that rule's source."""

    step: str
    key: str | None
    value: object
    inputs: Mapping[str, object]
    source: SourceRef | None


class IncomeLine(NamedTuple):
    """One income item and whether it counts (``item`` is its position in the input).

    ``basis`` is set (``minimum_wage``) when the amount was imputed, not declared: the
    amount is then the minimum wage in force, a month of it (or a year).
    """

    item: int
    member: str | None
    type: str
    category: str
    amount: Decimal
    per: str
    monthly: Decimal
    counted: bool
    reason: str
    key: str | None
    basis: str | None = None


class DeductionLine(NamedTuple):
    """One claimed expense and how much of it was deducted (``item``: input position)."""

    item: int
    member: str | None
    type: str
    kind: str
    claimed_monthly: Decimal
    accepted_monthly: Decimal
    status: DeductionStatus
    reasons: tuple[Reason, ...]


class AssetTest(NamedTuple):
    """One property test (financial assets, vehicles, housing, business)."""

    name: str
    passed: bool
    key: str | None
    reason: Reason


class Threshold(NamedTuple):
    """A line the household's income is measured against (dibao, edge)."""

    name: str
    per_capita_monthly: Decimal
    household_monthly: Decimal
    margin_monthly: Decimal  # threshold minus counted income: > 0 means below the line
    # How the rule compares income with the line (below 低于 or not_above 不高于): at the
    # line a household is within it only under not_above.
    comparison: str = "below"


class Condition(NamedTuple):
    """One condition of a test: met (True), not met (False) or undetermined (None)."""

    name: str
    met: bool | None
    reason: Reason


class Tekun(NamedTuple):
    """The 特困 (extremely poor person) result for one member.

    ``support_mode`` is the mode whose standards apply (``institutional`` 集中供养 or
    ``at_home`` 分散供养: the member's, else at home).
    """

    eligible: bool | None
    conditions: tuple[Condition, ...]
    self_care: str
    basic_monthly: Decimal | None
    care_monthly: Decimal | None
    notes: tuple[Reason, ...] = ()
    support_mode: SupportMode = "at_home"
    # What the member is paid as 特困 a month: basic plus care (a care standard the
    # rules do not set counts as nothing), to the fen; nothing unless 特困 (`support`).
    support_monthly: Decimal = Decimal(0)

    @property
    def total_monthly(self) -> Decimal | None:
        """Basic plus care standard, when both are known."""
        if self.basic_monthly is None or self.care_monthly is None:
            return None
        return self.basic_monthly + self.care_monthly


_FEN = Decimal("0.01")


def support(eligible: bool | None, basic: Decimal | None, care: Decimal | None) -> Decimal:
    """A member's monthly 特困 support: basic + care to the fen (half up) when 特困."""
    if eligible is not True or basic is None:
        return Decimal(0)
    return (basic + (care if care is not None else Decimal(0))).quantize(
        _FEN, rounding=ROUND_HALF_UP
    )


class TopUp(NamedTuple):
    """What a member gets for being in 分类施保 groups: the top-up (``monthly``), and
    whether they are paid the full standard instead of their share of the gap
    (``full_standard``: the amount that adds to the share). ``labels`` name the groups
    in Chinese and English (the rules' descriptions)."""

    groups: tuple[str, ...]
    monthly: Decimal
    full_standard: Decimal | None = None
    labels: tuple[Label, ...] = ()


class ChildFlag(NamedTuple):
    """The de-facto unsupported child (事实无人抚养儿童) test for one child."""

    flagged: bool | None
    reason: Reason


class MemberResult(NamedTuple):
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
    tekun: Tekun | None = None
    top_up: TopUp | None = None
    child: ChildFlag | None = None

    def __repr__(self) -> str:
        """The member without its name and ID number: repr() is what logs and tracebacks
        show, and those are personal data (the fields hold them, for the renderers)."""
        return self.described(personal=False)

    def described(self, *, personal: bool) -> str:
        """The member as repr() writes it, its name and ID number as given when
        ``personal`` (what `meanstest test` shows, masking them itself), else <masked>."""
        shown = (
            self
            if personal
            else self._replace(
                name=None if self.name is None else "<masked>",
                id_number=None if self.id_number is None else "<masked>",
            )
        )
        text = f"MemberResult({', '.join(f'{k}={v!r}' for k, v in shown._asdict().items())})"
        return text if personal else masked_ids(text, (self,))


class Income(NamedTuple):
    """The household's income, monthly."""

    reference_months: int
    gross_monthly: Decimal
    exempt_monthly: Decimal
    deductions_monthly: Decimal
    counted_monthly: Decimal
    per_capita_monthly: Decimal
    floored_at_zero: bool
    by_category: Mapping[str, Decimal]


class PhaseOut(NamedTuple):
    """渐退: the benefit kept for a while after income rose through work."""

    months: int
    start: str  # first month paid under phase-out, YYYY-MM
    until: str  # last month paid, YYYY-MM
    monthly: Decimal
    ended: bool
    ceiling: Decimal | None = None  # set when stopped: income reached this per capita


class Change(NamedTuple):
    """How a renewal's dibao payment changes (the household gave ``current``).

    ``from_monthly`` is the current benefit as declared (``current.monthly_benefit``),
    ``to_monthly`` the benefit now assessed (分类施保 top-ups included; 特困 support is
    decided apart, in ``support_monthly``). ``from_month`` (YYYY-MM) is the first month
    paid the new way: the month after the decision (S2 Art. 21), the assessment date
    standing for the decision; for a phase-out that has run out, the month after its
    last month.
    """

    kind: ChangeKind
    from_status: str
    to_status: str
    from_monthly: Decimal
    to_monthly: Decimal
    from_month: str


class Rigid(NamedTuple):
    """The rigid-expenditure household test (刚性支出困难家庭)."""

    assessed: bool
    met: bool
    reason: Reason
    expenditure_annual: Decimal = Decimal(0)
    income_annual: Decimal = Decimal(0)
    share: Decimal | None = None
    threshold: Decimal | None = None
    valid_until: str | None = None


class PaymentCounted(NamedTuple):
    """A past temporary-assistance payment for the same cause, within the window."""

    item: int  # position in hardship.payments
    date: dt.date
    amount: Decimal


class TemporaryAssistance(NamedTuple):
    """The temporary-assistance (临时救助) result: present when the input has a hardship.

    Amounts are one-off sums in yuan, exact (written to the fen). ``eligible`` is None
    when the rules in force cannot decide (a value they need is not set). ``minimum``
    and ``maximum`` are the amount range; ``suggested`` the amount the county's tiers
    give (None when the county leaves the amount within the range to the caseworker).
    ``approver`` is ``township``, ``county`` or ``case_by_case`` (一事一议).
    """

    type: str
    cause: str
    date: dt.date
    eligible: bool | None
    reasons: tuple[Reason, ...]
    burden: Decimal  # the loss and expenses that count, less what is already covered
    covered: Decimal
    burden_share: Decimal | None  # of the household's income over the period
    per: str | None  # household or person
    persons: int
    minimum: Decimal | None
    maximum: Decimal | None
    suggested: Decimal | None
    tier: int | None  # 1-based, when a tier suggested the amount
    approver: str | None
    township_limit: Decimal | None
    paid_first: bool
    reserve_fund: Decimal | None
    payments_counted: tuple[PaymentCounted, ...]
    payments_limit: int | None
    window_from: dt.date | None  # the first day a payment counts from


class Rounding(NamedTuple):
    """How the benefit was rounded, as the rule file says."""

    unit: Decimal
    mode: str
    stage: str
    before: Decimal
    after: Decimal


class Benefit(NamedTuple):
    """The benefit and the numbers behind it.

    ``method`` is ``household_gap`` (standard × size − counted income),
    ``single_person_sum`` (Σ standard − a member's own counted income) or ``none``.
    """

    method: Literal["household_gap", "single_person_sum", "tiered", "phase_out", "none"]
    monthly: Decimal
    rounding: Rounding | None
    inputs: Mapping[str, object]
    top_ups: Decimal = Decimal(0)
    alternatives: Mapping[str, Decimal] = _EMPTY  # type: ignore[assignment]
    notes: tuple[Reason, ...] = ()  # e.g. a minimum benefit applied
    # What paying members of 分类施保 groups the full standard adds to their shares.
    full_standard: Decimal = Decimal(0)


class Warning(NamedTuple):
    """Something the caseworker must know about the rules used."""

    code: str
    key: str | None
    source: SourceRef | None
    params: Mapping[str, object] = _EMPTY


class RulesUsed(NamedTuple):
    """Which rule set and date an assessment used."""

    id: str
    name_zh: str
    name_en: str
    as_of: dt.date
    digest: str


class Assessment(NamedTuple):
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
    type_labels: Mapping[str, Label]  # income and expense types used, in zh and en
    phase_out: PhaseOut | None = None
    rigid: Rigid | None = None
    temporary_assistance: TemporaryAssistance | None = None
    # The 特困 members' support a month (basic + care, each member's to the fen).
    tekun_support_monthly: Decimal = Decimal(0)
    # For a renewal (``current`` given): how the payment changes, and from which month.
    change: Change | None = None
    # Where the household lives (乡镇/街道, 村/社区), echoed for rolls and reports.
    township: str | None = None
    village: str | None = None

    @property
    def support_monthly(self) -> Decimal:
        """Everything paid a month: the dibao benefit (分类施保 top-ups included) plus the
        特困 members' support (contract §2)."""
        return self.benefit.monthly + self.tekun_support_monthly

    @property
    def eligible(self) -> bool:
        """Whether the household (or a member alone) gets dibao (phase-out included)."""
        return self.status in ELIGIBLE

    @property
    def benefit_monthly(self) -> Decimal:
        """The monthly benefit in yuan."""
        return self.benefit.monthly

    def type_label(self, type_name: str, lang: str) -> str:
        """The name of an income or expense type in a language (``zh`` or ``en``)."""
        found = self.type_labels.get(type_name)
        if found is None:
            return type_name
        return found.zh if lang == "zh" else found.en

    def __repr__(self) -> str:
        """repr() (logs, tracebacks): the members' names and ID numbers are left out by
        their own repr(), and a member id that is one is masked wherever it is (try17)."""
        fields = ", ".join(f"{k}={v!r}" for k, v in self._asdict().items())
        return masked_ids(f"Assessment({fields})", self.members)
