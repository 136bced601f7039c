"""The value types every input model shares: exact money, ISO dates, the vocabularies
of the household contract, and the strict base model (unknown fields refused).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

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


def _money_text(value: object) -> object:
    """Money given as text must be plain digits ("570", "12.5"): no 1_000, 1e3 or NaN."""
    if isinstance(value, str) and not _MONEY_TEXT.match(value.strip()):
        raise ValueError("expected an amount in yuan such as 570 or 12.50")
    if isinstance(value, float):
        raise ValueError("expected an exact amount (a JSON number or a string), not a float")
    return value


DATE_EXPECTED = "expected a date written as YYYY-MM-DD, such as 2021-12-01"


def _iso_date(value: object) -> object:
    """A date is ISO text or a date, never a number.

    pydantic alone would read 0, or the text "1614556800", as seconds since 1970. Text
    of the ISO shape is left to pydantic, which checks the digits and the day.
    """
    if type(value) is str and len(value) == 10 and value[4] == "-" == value[7]:
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValueError(DATE_EXPECTED)


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

# The constraints come first so that pydantic-core checks them itself, in Rust; placed
# after the BeforeValidator they would run as Python functions, once per amount.
Money = Annotated[Decimal, Field(ge=0, le=MAX_MONEY, decimal_places=2, allow_inf_nan=False),
                  BeforeValidator(_money_text)]
Relation = Literal["applicant", "spouse", "child", "parent", "grandparent", "grandchild",
                   "sibling", "other"]
Education = Literal["none", "preschool", "primary", "junior_secondary", "senior_secondary",
                    "vocational_secondary", "undergraduate", "postgraduate"]
Employment = Literal["employed", "self_employed", "farming", "unemployed", "retired", "unable"]
MemberStatus = Literal["resident", "imprisoned", "compulsory_rehab", "missing", "clergy_away"]
SelfCareActivity = Literal["eating", "dressing", "transfer", "toileting", "walking_indoors",
                           "bathing"]
DisabilityCategory = Literal["visual", "hearing", "speech", "physical", "intellectual", "mental",
                             "multiple"]
Period = Literal["month", "year"]
AssetType = Literal["deposit", "securities", "insurance", "vehicle", "housing", "business",
                    "other"]
VehicleKind = Literal["car", "truck", "motorcycle", "tricycle", "farm_machine"]
# How a 特困 member is supported (S1 Art. 19): in an institution (集中供养) or at home
# (分散供养); the rules may set different standards for each.
SupportMode = Literal["institutional", "at_home"]
# Type names are open vocabularies: the rule files say which exist and how they
# count, so the models only check their shape and the engine checks the rest.
TypeName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_number_problem(number: str) -> str | None:
    """Return why an 18-digit resident ID number (GB 11643) is invalid, or None."""
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789X":
        return "expected 17 digits and a check digit or X (18 characters)"
    total = sum(map(operator.mul, map(int, number[:17]), _ID_WEIGHTS))
    if _ID_CHECK[total % 11] != number[17]:
        return "the check digit does not match (GB 11643)"
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "the birth date inside the ID number is not a real date"
    return None


def _id_number_text(value: object) -> object:
    """Read a lower-case x check character as the X that GB 11643 writes (people type x)."""
    if isinstance(value, str):
        value = value.strip()
        if len(value) == 18 and value.endswith("x"):
            return value[:17] + "X"
    return value


# An ID number as given, with a lower-case x check character made upper-case.
IdNumber = Annotated[str, BeforeValidator(_id_number_text)]


def id_number_birth_date(number: str) -> dt.date:
    """Return the birth date encoded in a valid resident ID number."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              defer_build=True)
