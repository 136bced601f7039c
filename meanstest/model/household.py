"""The household input contract, `meanstest.household/1`, as pydantic models.

Validation happens here, once, at the boundary: unknown fields are errors, money is
Decimal with at most two places, members are cross-referenced and resident ID numbers
checksum-validated. Past this module the engine trusts its input.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    model_validator,
)

from ..errors import HouseholdInvalid, Problem

SCHEMA = "meanstest.household/1"

__all__ = ["Household", "Member", "parse_household"]

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


def id_number_birth_date(number: str) -> dt.date:
    """Return the birth date encoded in a valid resident ID number."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              defer_build=True)


class Disability(_Model):
    """A disability certificate (残疾人证): category and grade 1 (most severe) to 4."""

    category: DisabilityCategory
    grade: Annotated[int, Field(ge=1, le=4, strict=True)]


class Supporter(_Model):
    """A statutory supporter outside the household (赡养、抚养、扶养义务人)."""

    relation: Relation
    able_to_support: StrictBool
    reason: str | None = None


ParentCondition = Literal["present", "dead", "missing", "severely_disabled", "imprisoned",
                          "lost_contact"]


class Parent(_Model):
    """A child's parent: a member of the household, or the condition of an absent parent.

    Used for the de-facto unsupported child test (事实无人抚养儿童). ``since`` dates a
    condition that must have lasted (lost contact, imprisonment).
    """

    member: str | None = None
    condition: ParentCondition | None = None
    since: IsoDate | None = None

    @model_validator(mode="after")
    def _check(self) -> Parent:
        if (self.member is None) == (self.condition is None):
            raise ValueError("give either member (a household member id) or condition")
        return self


class Member(_Model):
    """A co-resident family member (共同生活的家庭成员) as declared by the caseworker."""

    id: Annotated[str, Field(min_length=1, max_length=40)]
    name: Annotated[str, Field(max_length=60)] | None = None
    relation: Relation
    birth_date: IsoDate | None = None
    age: Annotated[int, Field(ge=0, le=130, strict=True)] | None = None
    id_number: str | None = None
    disability: Disability | None = None
    serious_illness: StrictBool = False
    education: Education | None = None
    employment: Employment | None = None
    status: MemberStatus = "resident"
    self_care_failed: tuple[SelfCareActivity, ...] = ()
    supporters: tuple[Supporter, ...] | None = None
    parents: Annotated[tuple[Parent, ...], Field(max_length=2)] | None = None

    @model_validator(mode="after")
    def _check(self) -> Member:
        if (self.birth_date is None) == (self.age is None):
            raise ValueError("give exactly one of birth_date and age")
        if self.id_number is not None:
            problem = id_number_problem(self.id_number)
            if problem:
                raise ValueError(f"id_number: {problem}")
            if self.birth_date is not None and id_number_birth_date(self.id_number) != (
                    self.birth_date):
                raise ValueError("id_number: the birth date inside it differs from birth_date")
        if len(set(self.self_care_failed)) != len(self.self_care_failed):
            raise ValueError("self_care_failed lists an activity twice")
        return self

    def age_on(self, on: dt.date) -> int:
        """Return the member's age in whole years on a date."""
        if self.birth_date is None:
            assert self.age is not None  # noqa: S101 - the validator guarantees one of them
            return self.age
        born = self.birth_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Income(_Model):
    """An income item received in the reference period."""

    member: str | None = None
    type: TypeName
    amount: Money
    per: Period


class Expense(_Model):
    """A fixed non-living expense claimed for deduction (非生活性固定支出)."""

    member: str | None = None
    type: TypeName
    amount: Money
    per: Period


class Asset(_Model):
    """A property item (家庭财产)."""

    type: AssetType
    value: Money = Decimal(0)
    count: Annotated[int, Field(ge=1, le=1000, strict=True)] = 1
    kind: VehicleKind | None = None
    for_livelihood: StrictBool = False
    member: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Asset:
        if self.kind is not None and self.type != "vehicle":
            raise ValueError("kind is only for vehicles")
        if self.type == "vehicle" and self.kind is None:
            raise ValueError("a vehicle needs a kind: car, truck, motorcycle, tricycle or "
                             "farm_machine")
        return self


class Current(_Model):
    """The household's current assistance, for renewals (enables phase-out, 渐退)."""

    status: Literal["dibao", "dibao_single", "edge", "not_eligible", "phase_out"]
    monthly_benefit: Money = Decimal(0)
    since: IsoDate | None = None  # when the current status (or the phase-out) began

    @model_validator(mode="after")
    def _check(self) -> Current:
        if self.status == "phase_out" and self.since is None:
            raise ValueError("since: give the date the phase-out began")
        return self


class Household(_Model):
    """One household to assess (`meanstest.household/1`)."""

    id: Annotated[str, Field(max_length=80)] | None = None
    region: Annotated[str, Field(pattern=r"^\d{6}$")] | None = None
    area: Literal["urban", "rural"]
    assessed_on: IsoDate | None = None
    members: Annotated[tuple[Member, ...], Field(min_length=1, max_length=MAX_MEMBERS)]
    incomes: Annotated[tuple[Income, ...], Field(max_length=MAX_ITEMS)] = ()
    expenses: Annotated[tuple[Expense, ...], Field(max_length=MAX_ITEMS)] = ()
    assets: Annotated[tuple[Asset, ...], Field(max_length=MAX_ITEMS)] = ()
    current: Current | None = None

    @model_validator(mode="after")
    def _check_references(self) -> Household:
        ids = [m.id for m in self.members]
        seen: set[str] = set()
        for i, member_id in enumerate(ids):
            if member_id in seen:
                raise ValueError(f"members.{i}.id: '{member_id}' is used by two members")
            seen.add(member_id)
        applicants = sum(m.relation == "applicant" for m in self.members)
        if applicants != 1:
            raise ValueError(f"members: exactly one member must have relation 'applicant' "
                             f"(found {applicants})")
        for field in ("incomes", "expenses", "assets"):
            for i, item in enumerate(getattr(self, field)):
                if item.member is not None and item.member not in seen:
                    raise ValueError(f"{field}.{i}.member: no member has id '{item.member}'")
        for i, m in enumerate(self.members):
            for j, parent in enumerate(m.parents or ()):
                if parent.member is not None and parent.member not in seen - {m.id}:
                    raise ValueError(f"members.{i}.parents.{j}.member: no other member has id "
                                     f"'{parent.member}'")
        return self


def _problems(exc: ValidationError) -> tuple[Problem, ...]:
    out = []
    errors = exc.errors(include_url=False)
    for err in errors:
        if err["type"] == "too_short" and _inside(err["loc"], errors):
            # The items below failed, so none was left to count: only they are the problem.
            continue
        loc = ".".join(str(part) for part in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        # Cross-field checks name their own sub-path ("members.1.id: ..."): move it to loc.
        head, sep, rest = msg.partition(": ")
        if sep and " " not in head and head[:1].isalpha():
            loc = f"{loc}.{head}" if loc else head
            msg = rest
        out.append(Problem(loc, msg))
    if len(out) > MAX_PROBLEMS:
        more = len(out) - MAX_PROBLEMS
        out[MAX_PROBLEMS:] = [Problem("", f"and {more:,} more problems")]
    return tuple(out)


def _inside(loc: tuple[int | str, ...], errors: list[Any]) -> bool:
    """Whether any other error is about a part of ``loc`` (an item of that list)."""
    depth = len(loc)
    return any(len(e["loc"]) > depth and e["loc"][:depth] == loc for e in errors)


_LISTS = (("members", MAX_MEMBERS), ("incomes", MAX_ITEMS), ("expenses", MAX_ITEMS),
          ("assets", MAX_ITEMS))


def _too_many(data: dict[Any, Any]) -> tuple[Problem, ...]:
    """Lists past their bound, found before any item is validated (a hostile record of
    100,000 items gives one problem, not 100,000)."""
    return tuple(Problem(name, f"at most {limit:,} items (found {len(data[name]):,})")
                 for name, limit in _LISTS
                 if isinstance(data.get(name), list | tuple) and len(data[name]) > limit)


def parse_household(data: object) -> Household:
    """Validate a decoded household object.

    Raises:
        HouseholdInvalid: with one problem per field path.
    """
    if not isinstance(data, dict):
        raise HouseholdInvalid(f"a household must be a JSON object, not {_json_kind(data)}")
    too_many = _too_many(data)
    if too_many:
        raise HouseholdInvalid("the household does not follow meanstest.household/1",
                               problems=too_many)
    try:
        return Household.model_validate(data)
    except ValidationError as exc:
        raise HouseholdInvalid("the household does not follow meanstest.household/1",
                               problems=_problems(exc)) from None


def _json_kind(data: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}
    return kinds.get(type(data), "a number")
