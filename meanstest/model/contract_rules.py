"""The shared field types of the output records, and the parts that cite the rules.

The rule set used (`RulesOut`), a value's source (`SourceOut`), a computation step
(`TraceStepOut`), a warning about a rule used (`WarningOut`, `LimitOut`), and a reason
(`MessageOut`). `contract.py` assembles the records from these; import them from there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired, TypeVar

from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict  # pydantic reads this one before Python 3.12

T = TypeVar("T")

MoneyStr = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", description="yuan, two decimals")]
# A key the record leaves out when it has no value (absent means null).
Omitted = Annotated[T | None, Field(default=None)]

# below_minimum ... not_as_required: a provisional value used fails a consistency check
# of the rules on the date (a standard below the province's minimum): the code says how.
# id_number_*: the household's data to check (an ID number against a birth date or age).
# housing_date_missing: housing the rules test for recent acquisition has no date.
WarningCode = Literal[
    "provisional_value",
    "unofficial_source",
    "township_limit_unsourced",
    "below_minimum",
    "not_above_limit",
    "above_maximum",
    "not_below_limit",
    "not_as_required",
    "id_number_birth_date",
    "id_number_age",
    "housing_date_missing",
]
SourceKind = Literal["official", "news", "secondary"]

FORBID = with_config(ConfigDict(extra="forbid"))  # no field beyond those declared


@FORBID
class SourceOut(TypedDict):
    """Where a rule value comes from."""

    provisional: bool
    id: NotRequired[Omitted[str]]
    title: NotRequired[Omitted[str]]
    number: NotRequired[Omitted[str]]
    article: NotRequired[Omitted[str]]
    kind: NotRequired[Omitted[SourceKind]]
    note: NotRequired[Omitted[str]]


@FORBID
class RulesOut(TypedDict):
    """The rule set used, the date and a hash of the resolved values."""

    id: str
    name: str
    as_of: str
    digest: str


@FORBID
class MessageOut(TypedDict):
    """A reason: a stable code and a sentence in the chosen language."""

    code: str
    message: str


@FORBID
class TraceStepOut(TypedDict):
    """One computation step, the rule key it used and that rule's source."""

    step: str
    key: str | None
    value: Any
    inputs: dict[str, Any]
    source: SourceOut | None


@FORBID
class LimitOut(TypedDict):
    """The limit a provisional value fails: as written, since when, and the check."""

    value: str
    check: str
    since: NotRequired[Omitted[str]]  # when the limit is a rule value, or the check dated


@FORBID
class WarningOut(TypedDict):
    """Something to know about the rules used (e.g. a provisional value)."""

    code: WarningCode
    key: str | None
    source: SourceOut | None
    message: str
    limit: NotRequired[Omitted[LimitOut]]  # for a failed check: the limit the value fails
