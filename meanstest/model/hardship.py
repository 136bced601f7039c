"""The hardship of a household asking for temporary assistance (临时救助), the optional
`hardship` object of `meanstest.household/1`.
"""

# No `from __future__ import annotations` here: pydantic models and NamedTuples would
# then evaluate every annotation from its text at import, which cost `meanstest check`
# ~5 ms of start-up across these modules (issue 11, measured with benchmarks/ab.py).

import datetime as dt
from decimal import Decimal
from typing import Annotated, Self

from pydantic import Field, StrictBool, model_validator

from .fields import Money, _Model, invalid
from .vocabulary import HardshipCause, HardshipExpenseType, HardshipType


class HardshipExpense(_Model):
    """An essential expense the hardship brings (medical or schooling costs ...): the
    total over the hardship's period (``period_months``)."""

    type: HardshipExpenseType
    amount: Money


class Covered(_Model):
    """What was already paid towards the loss or expense (yuan, one-off totals)."""

    insurance: Money = Decimal(0)
    compensation: Money = Decimal(0)
    other_assistance: Money = Decimal(0)

    @property
    def total(self) -> Decimal:
        """Everything already covered."""
        return self.insurance + self.compensation + self.other_assistance


class PastPayment(_Model):
    """A temporary-assistance payment the household received before (date, cause, sum)."""

    date: dt.date
    cause: HardshipCause
    amount: Money


class Unemployment(_Model):
    """For the cause ``unemployment`` (S5): months without income, and whether the
    person was insured against unemployment."""

    months_without_income: Annotated[int, Field(ge=0, le=600, strict=True)]
    insured: StrictBool


class Hardship(_Model):
    """A sudden hardship, for temporary assistance (临时救助).

    ``type`` is ``emergency`` (急难型: an accident, a sudden illness ...) or
    ``expenditure`` (支出型: essential spending beyond what the household can bear).
    ``loss`` and ``expenses`` are one-off totals over ``period_months``; ``covered`` is
    what insurance, compensation or other assistance already paid; ``payments`` are
    the temporary-assistance payments of the last 12 months.
    """

    type: HardshipType
    cause: HardshipCause
    date: dt.date
    loss: Money = Decimal(0)
    expenses: Annotated[tuple[HardshipExpense, ...], Field(max_length=20)] = ()
    period_months: Annotated[int, Field(ge=1, le=60, strict=True)] = 12
    covered: Covered = Covered()
    payments: Annotated[tuple[PastPayment, ...], Field(max_length=100)] = ()
    unemployment: Unemployment | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.cause == "unemployment" and self.unemployment is None:
            raise invalid("unemployment_needed", at="unemployment")
        if self.cause != "unemployment" and self.unemployment is not None:
            raise invalid("unemployment_only", at="unemployment")
        return self

    @property
    def expense_total(self) -> Decimal:
        """All the essential expenses given."""
        return sum((e.amount for e in self.expenses), Decimal(0))
