"""The value types every input model shares: exact money, ISO dates, the vocabularies
of the household contract, and the strict base model (unknown fields refused).
"""

# No `from __future__ import annotations` here: pydantic models and NamedTuples would
# then evaluate every annotation from its text at import, which cost `meanstest check`
# ~5 ms of start-up across these modules (issue 11, measured with benchmarks/ab.py).

import datetime as dt
import operator
import re
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..errors import Problem
from . import vocabulary

# A year of income is at most a few million yuan for any assisted household; the
# bound stops absurd inputs (1e300) from reaching the arithmetic.
MAX_MONEY = Decimal("999999999999.99")
# How many members, and how many income, expense and asset items, one household may
# list: far above any real household, low enough that a hostile record stays small.
MAX_MEMBERS = 50
MAX_ITEMS = 500
# How many problems one household's error names; the rest are counted, not listed.
MAX_PROBLEMS = 100

_MONEY_TEXT = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def invalid(code: str, /, **params: object) -> PydanticCustomError:
    """A validation error of our own: pydantic's error type is the code and its context
    the parameters, which `meanstest.errors.pydantic_problem` reads back. The English
    sentence is for those who read pydantic's `ValidationError` itself.

    A check of several fields names the one it is about in ``at`` (``members.1.id``).
    """
    return PydanticCustomError(code, Problem("", code, params).msg, params)


def _money_text(value: object) -> object:
    """Money given as text must be plain digits ("570", "12.5"): no 1_000, 1e3 or NaN."""
    if isinstance(value, str) and not _MONEY_TEXT.match(value.strip()):
        raise invalid("money_text")
    if isinstance(value, float):
        raise invalid("money_float")
    return value


def _iso_date(value: object) -> object:
    """A date is ISO text or a date, never a number.

    pydantic alone would read 0, or the text "1614556800", as seconds since 1970. Text
    of the ISO shape is left to pydantic, which checks the digits and the day.
    """
    if type(value) is str and len(value) == 10 and value[4] == "-" == value[7]:
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise invalid("date_expected")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

# The constraints come first so that pydantic-core checks them itself, in Rust; placed
# after the BeforeValidator they would run as Python functions, once per amount.
Money = Annotated[
    Decimal,
    Field(ge=0, le=MAX_MONEY, decimal_places=2, allow_inf_nan=False),
    BeforeValidator(_money_text),
]
# The vocabularies of the contract (defined in `vocabulary`), beside the value types.
Relation = vocabulary.Relation
Education = vocabulary.Education
Employment = vocabulary.Employment
MemberStatus = vocabulary.MemberStatus
SelfCareActivity = vocabulary.SelfCareActivity
DisabilityCategory = vocabulary.DisabilityCategory
Period = vocabulary.Period
AssetType = vocabulary.AssetType
VehicleKind = vocabulary.VehicleKind
SupportMode = vocabulary.SupportMode
# Type names are open vocabularies: the rule files say which exist and how they
# count, so the models only check their shape and the engine checks the rest.
TypeName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_problem(number: str) -> str | None:
    """Return the code of why an 18-digit resident ID number (GB 11643) is invalid, or
    None: ``id_number_shape``, ``id_number_check_digit`` or ``id_number_birth_date``."""
    if (
        len(number) != 18
        or not (number[:17].isascii() and number[:17].isdigit())  # not ² nor ٣
        or number[17] not in "0123456789X"
    ):
        return "id_number_shape"
    total = sum(map(operator.mul, map(int, number[:17]), _ID_WEIGHTS))
    if _ID_CHECK[total % 11] != number[17]:
        return "id_number_check_digit"
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "id_number_birth_date"
    return None


# Full-width digits and X (typed with a Chinese input method: ４３１０…Ｘ), read as ASCII.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")


def _id_number_text(value: object) -> object:
    """Read a lower-case x check character as the X that GB 11643 writes (people type x),
    and full-width digits as ASCII ones: one ID number, written and masked one way."""
    if isinstance(value, str):
        value = value.strip().translate(_FULL_WIDTH)
        if len(value) == 18 and value.endswith("x"):
            return value[:17] + "X"
    return value


# An ID number as given, with a lower-case x check character made upper-case.
IdNumber = Annotated[str, BeforeValidator(_id_number_text)]


def id_number_birth_date(number: str) -> dt.date:
    """Return the birth date encoded in a valid resident ID number."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        defer_build=True,
        # pydantic's own text of an error quotes the input (a name, an ID number): not
        # in ours, which are what logs keep (issue 17 review).
        hide_input_in_errors=True,
    )
