"""The household input contract, `meanstest.household/1`, as pydantic models.

Validation happens here, once, at the boundary: unknown fields are errors, money is
Decimal with at most two places, members are cross-referenced and resident ID numbers
checksum-validated. Past this module the engine trusts its input.
"""

# No `from __future__ import annotations` here: pydantic models and NamedTuples would
# then evaluate every annotation from its text at import, which cost `meanstest check`
# ~5 ms of start-up across these modules (issue 11, measured with benchmarks/ab.py).

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import (
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    model_validator,
)

from ..errors import HouseholdInvalid, Problem, pydantic_problem
from .fields import (
    MAX_ITEMS,
    MAX_MEMBERS,
    MAX_PROBLEMS,
    AssetType,
    DisabilityCategory,
    Education,
    Employment,
    IdNumber,
    IsoDate,
    MemberStatus,
    Money,
    Period,
    Relation,
    SelfCareActivity,
    SupportMode,
    TypeName,
    VehicleKind,
    _Model,
    id_number_problem,
    invalid,
)
from .hardship import Hardship
from .personal import masked_ids
from .vocabulary import Area, CurrentStatus, IncomeBasis, ParentCondition, codes

SCHEMA = "meanstest.household/1"

__all__ = ["Hardship", "Household", "Member", "parse_household"]


class Disability(_Model):
    """A disability certificate (残疾人证): category and grade 1 (most severe) to 4."""

    category: DisabilityCategory
    grade: Annotated[int, Field(ge=1, le=4, strict=True)]


class Supporter(_Model):
    """A statutory supporter outside the household (赡养、抚养、扶养义务人)."""

    relation: Relation
    able_to_support: StrictBool
    reason: Annotated[str | None, Field(repr=False)] = None  # free text: may name people


class Parent(_Model):
    """A child's parent: a member of the household, or the condition of an absent parent.

    Used for the de-facto unsupported child test (事实无人抚养儿童). A parent who is a
    member is described by their own fields (status, disability, serious illness).
    ``since`` dates a condition that must have lasted (lost contact, detention: from
    the day the police accepted the report, or the detention began).
    """

    member: str | None = None
    condition: ParentCondition | None = None
    since: IsoDate | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.member is None) == (self.condition is None):
            raise invalid("parent_member_or_condition")
        return self


class Member(_Model):
    """A co-resident family member (共同生活的家庭成员) as declared by the caseworker."""

    id: Annotated[str, Field(min_length=1, max_length=40)]
    # Personal data: not in repr() (logs, tracebacks); outputs mask it (render.privacy).
    name: Annotated[Annotated[str, Field(max_length=60)] | None, Field(repr=False)] = None
    relation: Relation
    birth_date: IsoDate | None = None
    age: Annotated[int, Field(ge=0, le=130, strict=True)] | None = None
    id_number: Annotated[IdNumber | None, Field(repr=False)] = None
    disability: Disability | None = None
    serious_illness: StrictBool = False
    education: Education | None = None
    employment: Employment | None = None
    status: MemberStatus = "resident"
    self_care_failed: tuple[SelfCareActivity, ...] = ()
    supporters: tuple[Supporter, ...] | None = None
    parents: Annotated[tuple[Parent, ...], Field(max_length=2)] | None = None
    tekun_support_mode: Annotated[
        SupportMode | None,
        Field(
            description=(
                "how a 特困 member is supported: institutional (集中供养) or at_home (分散供养); "
                "without it the at-home standard applies"
            )
        ),
    ] = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.birth_date is None) == (self.age is None):
            raise invalid("birth_date_or_age")
        if self.id_number is not None:
            problem = id_number_problem(self.id_number)
            if problem:
                raise invalid(problem, at="id_number")
            # A birth date or age that disagrees with the ID number is not refused: the
            # result warns of it (engine.identity), as it does for an age.
        if len(set(self.self_care_failed)) != len(self.self_care_failed):
            raise invalid("self_care_twice", at="self_care_failed")
        return self

    def age_on(self, on: dt.date) -> int:
        """Return the member's age in whole years on a date."""
        if self.birth_date is None:
            assert self.age is not None  # noqa: S101 - the validator guarantees one of them
            return self.age
        born = self.birth_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def __repr__(self) -> str:
        """repr(): an id that is the member's name or ID number masked too (try17)."""
        return masked_ids(super().__repr__(), (self,))

    def __str__(self) -> str:
        return masked_ids(super().__str__(), (self,))


class Income(_Model):
    """An income item received in the reference period: an amount per month or year, or
    the basis it is imputed on instead (``basis: minimum_wage``: wages that cannot be
    established, counted at the local minimum wage in force, 郴州's rule for migrant
    work). ``per`` may be left out with a basis; given, it says how the item is shown.
    """

    # Exactly one of amount and basis, said in the JSON Schema too.
    model_config = ConfigDict(
        **_Model.model_config,
        json_schema_extra={"oneOf": [{"required": ["amount", "per"]}, {"required": ["basis"]}]},
    )

    member: str | None = None
    type: TypeName
    amount: Money | None = None
    per: Period | None = None
    basis: IncomeBasis | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.amount is None) == (self.basis is None):
            raise invalid("amount_or_basis")
        if self.amount is not None and self.per is None:
            raise invalid("per_needed", at="per")
        return self

    @property
    def imputed(self) -> bool:
        """Whether the amount is imputed on a basis rather than declared."""
        return self.basis is not None


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
    # When housing was bought, built or last decorated (购建或装修时间): rules may
    # refuse housing acquired in the last months (assets.housing.recent_months).
    acquired_on: IsoDate | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.kind is not None and self.type != "vehicle":
            raise invalid("kind_only_for_vehicles")
        if self.acquired_on is not None and self.type != "housing":
            raise invalid("acquired_on_only_for_housing", at="acquired_on")
        if self.type == "vehicle" and self.kind is None:
            raise invalid("vehicle_needs_kind", kinds=list(codes(VehicleKind)))
        return self


class Current(_Model):
    """The household's current assistance, for renewals (enables phase-out, 渐退)."""

    status: CurrentStatus
    monthly_benefit: Money = Decimal(0)
    since: IsoDate | None = None  # when the current status (or the phase-out) began

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.status == "phase_out" and self.since is None:
            raise invalid("phase_out_since", at="since")
        return self


class Household(_Model):
    """One household to assess (`meanstest.household/1`)."""

    id: Annotated[str, Field(max_length=80)] | None = None
    region: Annotated[str, Field(pattern=r"^\d{6}$")] | None = None
    area: Area
    assessed_on: IsoDate | None = None
    members: Annotated[tuple[Member, ...], Field(min_length=1, max_length=MAX_MEMBERS)]
    incomes: Annotated[tuple[Income, ...], Field(max_length=MAX_ITEMS)] = ()
    expenses: Annotated[tuple[Expense, ...], Field(max_length=MAX_ITEMS)] = ()
    assets: Annotated[tuple[Asset, ...], Field(max_length=MAX_ITEMS)] = ()
    current: Current | None = None
    # For 分类施保 groups that name single-parent families (单亲家庭).
    single_parent_family: Annotated[
        StrictBool,
        Field(description=("a single-parent family (单亲家庭), for 分类施保 groups that name one")),
    ] = False

    hardship: Hardship | None = None
    # Where the household lives, for grouping payment rolls and publication lists.
    township: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=60,
            description=(
                "the township or street office (乡镇/街道) where the household lives: payment "
                "rolls and publication lists are grouped by it"
            ),
        ),
    ] = None
    village: Annotated[
        str | None,
        Field(
            min_length=1,
            max_length=60,
            description=(
                "the village or residents' community (村/社区) where the household lives: payment "
                "rolls and publication lists are grouped by it within its township"
            ),
        ),
    ] = None

    @property
    def has_imputed_income(self) -> bool:
        """Whether an income item is imputed (``basis``) rather than declared.

        Its amount comes from the rules (the minimum wage in force), not the input: an
        engine that computes only from declared amounts must send such a household to
        the reference engine (`meanstest.engine.assess`).
        """
        return any(item.basis is not None for item in self.incomes)

    @model_validator(mode="after")
    def _check_references(self) -> Self:
        ids = [m.id for m in self.members]
        seen: set[str] = set()
        for i, member_id in enumerate(ids):
            if member_id in seen:
                raise invalid("id_used_twice", at=f"members.{i}.id", **self._quoted(member_id))
            seen.add(member_id)
        applicants = sum(m.relation == "applicant" for m in self.members)
        if applicants != 1:
            raise invalid("one_applicant", at="members", found=applicants)
        for field in ("incomes", "expenses", "assets"):
            for i, item in enumerate(getattr(self, field)):
                if item.member is not None and item.member not in seen:
                    raise invalid(
                        "no_such_member", at=f"{field}.{i}.member", **self._quoted(item.member)
                    )
        for i, m in enumerate(self.members):
            for j, parent in enumerate(m.parents or ()):
                if parent.member is not None and parent.member not in seen - {m.id}:
                    raise invalid(
                        "no_other_member",
                        at=f"members.{i}.parents.{j}.member",
                        **self._quoted(parent.member),
                    )
        return self

    def _quoted(self, reference: str) -> dict[str, str]:
        """A member reference as a problem quotes it: marked as personal data when it is a
        member's name or ID number (a caseworker's slip), so that every message and error
        record masks it (`render.privacy.masked_params`); any other id is quoted whole."""
        if any(reference == m.id_number for m in self.members):
            return {"id": reference, "personal": "id_number"}
        if any(reference == m.name for m in self.members):
            return {"id": reference, "personal": "name"}
        # No member's, but in the shape of one (try17): a misspelt name (邓丽兰 for
        # 邓利兰), an ID number with a digit wrong, a phone number.
        if not reference.isascii():
            return {"id": reference, "personal": "name"}
        if sum(c.isdigit() for c in reference) >= 7:  # a phone number's length
            return {"id": reference, "personal": "number"}
        return {"id": reference}

    def __repr__(self) -> str:
        """repr(): a member id that is a member's name or ID number masked, as the
        member's id and in each item naming the member (try17)."""
        return masked_ids(super().__repr__(), self.members)

    def __str__(self) -> str:
        return masked_ids(super().__str__(), self.members)


def _problems(exc: ValidationError) -> tuple[Problem, ...]:
    out = []
    errors = exc.errors(include_url=False)
    for err in errors:
        if err["type"] == "too_short" and _inside(err["loc"], errors):
            # The items below failed, so none was left to count: only they are the problem.
            continue
        out.append(pydantic_problem(err, ".".join(str(part) for part in err["loc"])))
    if len(out) > MAX_PROBLEMS:
        more = len(out) - MAX_PROBLEMS
        out[MAX_PROBLEMS:] = [Problem("", "more_problems", {"count": more})]
    return tuple(out)


def _inside(loc: tuple[int | str, ...], errors: list[Any]) -> bool:
    """Whether any other error is about a part of ``loc`` (an item of that list)."""
    depth = len(loc)
    return any(len(e["loc"]) > depth and e["loc"][:depth] == loc for e in errors)


_LISTS = (
    ("members", MAX_MEMBERS),
    ("incomes", MAX_ITEMS),
    ("expenses", MAX_ITEMS),
    ("assets", MAX_ITEMS),
)


def _too_many(data: dict[Any, Any]) -> tuple[Problem, ...]:
    """Lists past their bound, found before any item is validated (a hostile record of
    100,000 items gives one problem, not 100,000)."""
    return tuple(
        Problem(name, "too_many_items", {"limit": limit, "found": len(data[name])})
        for name, limit in _LISTS
        if isinstance(data.get(name), list | tuple) and len(data[name]) > limit
    )


def parse_household(data: object) -> Household:
    """Validate a decoded household object.

    Raises:
        HouseholdInvalid: with one problem per field path.
    """
    if not isinstance(data, dict):
        raise HouseholdInvalid("not_an_object", params={"json_kind": _json_kind(data)})
    too_many = _too_many(data)
    if too_many:
        raise HouseholdInvalid("household_invalid", problems=too_many)
    try:
        return Household.model_validate(data)
    except ValidationError as exc:
        raise HouseholdInvalid("household_invalid", problems=_problems(exc)) from None


def _json_kind(data: object) -> str:
    kinds = {list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(data), "number")
