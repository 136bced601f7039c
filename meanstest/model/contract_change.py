"""The fields of `meanstest.assessment/1` that issue 15 added for renewals and
paperwork, kept beside `contract`: the result record (`contract.AssessmentOut`)
inherits them. ``change``: how a renewal's payment changes, and from which month;
``township`` and ``village``: where the household lives, echoed for rolls and lists.
The JSON Schema lists them first among the record's properties; each is left out of a
record that has no value for it."""

from __future__ import annotations

from typing import Annotated, NotRequired, TypeVar

from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict  # pydantic reads this one before Python 3.12

from .vocabulary import ChangeKind, Status

# As `contract.MoneyStr` and `contract.Omitted`, which cannot be imported from here:
# `contract` imports this module.
_Money = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", description="yuan, two decimals")]
T = TypeVar("T")
_Omitted = Annotated[T | None, Field(default=None)]


@with_config(ConfigDict(extra="forbid"))
class ChangeOut(TypedDict):
    """How a renewal's dibao payment changes (present when the input has ``current``)."""

    kind: ChangeKind
    from_status: str
    to_status: Status
    from_monthly: _Money
    to_monthly: _Money
    from_month: Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")]
    message: str


@with_config(ConfigDict(extra="forbid"))
class RenewalFields(TypedDict):
    """The result record's fields for renewals and paperwork (see the module)."""

    change: NotRequired[_Omitted[ChangeOut]]
    township: NotRequired[_Omitted[str]]
    village: NotRequired[_Omitted[str]]
