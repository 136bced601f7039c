"""Structured rule values that counties write: 分类施保 groups and single-person bands.

Published local rules say things like "students in full-time education get 440 yuan a
month on top of their share" or "a severely disabled member is paid the full standard
while the family's per-capita income is below twice the standard, half of it below
three times". Each is one rule value, a small mapping, checked here on load so that a
typo is an error at its line, never a group that silently matches nobody:

- a 分类施保 group (`classified.groups.NAME`)::

      {members: {age_from: 60}, pay: gap, top_up: {amount: 0.1, unit: share of standard}}

  ``members`` are the conditions a member must all meet (`CONDITIONS`); ``pay`` is
  ``gap`` (the member's share of the household's gap, as for anyone) or
  ``full_standard`` (the full standard for that member instead of the share);
  ``top_up`` is paid on top (yuan a month or a year, or a share of the standard);

- the bands of the single-person route (`single_person.bands`)::

      [{below: 2, pay: full_standard}, {below: 3, pay: {amount: 0.5, unit: share of
      standard}, top_ups: false}]

  each band a ceiling on the family's per-capita income as a multiple of the standard
  (``below`` it, 低于, or ``not_above`` it, 不高于), what a member enrolled alone is
  paid there (``gap``: the standard minus own income; ``full_standard``; or an
  amount), and whether 分类施保 top-ups are added (default true).

The values are plain frozen tuples (they are pickled into the rule cache).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from ..errors import Invalid
from ..model import vocabulary as V
from . import amounts
from .amounts import Amount

EDUCATION = V.codes(V.Education)
EMPLOYMENT = V.codes(V.Employment)
RELATIONS = V.codes(V.Relation)
PAY = ("gap", "full_standard")


class Conditions(NamedTuple):
    """Who is in a group: every condition given holds for the member.

    ``disability`` maps a disability category (or ``any``) to the grades that qualify;
    the word lists are the household contract's words.
    """

    age_from: int | None = None
    age_below: int | None = None
    education: frozenset[str] | None = None
    disability: Mapping[str, frozenset[int]] | None = None
    serious_illness: bool = False
    single_parent_family: bool = False
    living_alone: bool = False
    employment: frozenset[str] | None = None
    relation: frozenset[str] | None = None


class Group(NamedTuple):
    """A 分类施保 group: its members, what they are paid, and the top-up on top."""

    members: Conditions
    pay: str  # gap | full_standard
    top_up: Amount | None


class Band(NamedTuple):
    """A band of the single-person route: the family's per-capita income ``comparison``
    (below, not_above) ``bound`` × the standard; ``pay`` gap, full_standard or an
    amount; top-ups added or not."""

    bound: Decimal
    comparison: str
    pay: str | Amount
    top_ups: bool


def _words(name: str, choices: tuple[str, ...]) -> Callable[[Any], frozenset[str]]:
    def check(value: Any) -> frozenset[str]:
        if not isinstance(value, list) or not value:
            raise Invalid("words_list", at=(name,), choices=list(choices))
        for i, item in enumerate(value):
            if item not in choices:
                raise Invalid("word_unknown", at=(name, i), word=str(item), choices=list(choices))
        return frozenset(str(v) for v in value)

    return check


def _age(name: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 130:
            raise Invalid("age_expected", at=(name,))
        return value

    return check


def _true(name: str) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if value is not True:
            raise Invalid("condition_true", at=(name,))
        return True

    return check


def conditions(value: Any, disability_grades: Callable[[Any], Any]) -> Conditions:
    """Check the ``members`` conditions of a group.

    Raises:
        Invalid: not a mapping of known conditions, or a value of the wrong kind.
    """
    checkers: dict[str, Callable[[Any], Any]] = {
        "age_from": _age("age_from"),
        "age_below": _age("age_below"),
        "education": _words("education", EDUCATION),
        "disability": lambda v: _disability(v, disability_grades),
        "serious_illness": _true("serious_illness"),
        "single_parent_family": _true("single_parent_family"),
        "living_alone": _true("living_alone"),
        "employment": _words("employment", EMPLOYMENT),
        "relation": _words("relation", RELATIONS),
    }
    if not isinstance(value, Mapping) or not value:
        raise Invalid("conditions_expected", known=list(CONDITIONS))
    out: dict[str, Any] = {}
    for name, condition in value.items():
        if name not in checkers:
            raise Invalid(
                "condition_unknown", at=(str(name),), name=str(name), known=list(CONDITIONS)
            )
        out[str(name)] = checkers[name](condition)
    if "age_from" in out and "age_below" in out and out["age_from"] >= out["age_below"]:
        raise Invalid("ages_overlap", at=("age_from",))
    return Conditions(**out)


def _disability(value: Any, disability_grades: Callable[[Any], Any]) -> Any:
    try:
        table = disability_grades(value)
    except Invalid as exc:
        raise exc.inside("disability") from None
    return {str(category): frozenset(grades) for category, grades in table}


CONDITIONS = tuple(Conditions._fields)


def group(
    value: Any, money: Callable[[Any], Any], disability_grades: Callable[[Any], Any]
) -> Group:
    """Check a 分类施保 group (`classified.groups.NAME`).

    Raises:
        Invalid: a missing or unknown field, or a value of the wrong kind (placed below
            the group, in ``at``).
    """
    if not isinstance(value, Mapping):
        raise Invalid("group_expected")
    unknown = set(value) - {"members", "pay", "top_up"}
    if unknown:
        field = str(sorted(unknown)[0])
        raise Invalid("group_field_unknown", at=(field,), field=field)
    if "members" not in value:
        raise Invalid("group_members_missing")
    try:
        who = conditions(value["members"], disability_grades)
    except Invalid as exc:
        raise exc.inside("members") from None
    pay = value.get("pay", "gap")
    if pay not in PAY:
        raise Invalid("group_pay", at=("pay",), allowed=list(PAY))
    top_up = None
    if value.get("top_up") is not None:
        try:
            top_up = amounts.structured(value["top_up"], ("standard",), money)
        except Invalid as exc:
            raise exc.inside("top_up") from None
    if pay == "gap" and top_up is None:
        raise Invalid("group_pays_nothing")
    return Group(who, str(pay), top_up)


def bands(
    value: Any, money: Callable[[Any], Any], ratio: Callable[[Any], Decimal]
) -> tuple[Band, ...]:
    """Check the bands of the single-person route (`single_person.bands`), ascending.

    Raises:
        Invalid: not a list of bands, a band without its ceiling or pay, or ceilings
            that do not increase (placed at the band, in ``at``; its message names the
            band by its number, from 1).
    """
    if not isinstance(value, list) or not value:
        raise Invalid("bands_expected")
    out: list[Band] = []
    for i, band in enumerate(value):
        number = i + 1
        if not isinstance(band, Mapping):
            raise Invalid("band_expected", at=(i,), band=number)
        unknown = set(band) - {"below", "not_above", "pay", "top_ups"}
        if unknown:
            field = str(sorted(unknown)[0])
            raise Invalid("band_field_unknown", at=(i, field), band=number, field=field)
        limits = [c for c in ("below", "not_above") if c in band]
        if len(limits) != 1:
            raise Invalid("band_ceiling_once", at=(i,), band=number)
        comparison = limits[0]
        try:
            bound = ratio(band[comparison])
        except Invalid as exc:
            raise exc.inside(i, comparison) from None
        if bound <= 0 or (out and bound <= out[-1].bound):
            raise Invalid("band_ceilings_increase", at=(i, comparison), band=number)
        if "pay" not in band:
            raise Invalid("band_pay_missing", at=(i,), band=number)
        try:
            pay = _band_pay(band["pay"], number, money)
        except Invalid as exc:
            raise exc.inside(i, "pay") from None
        top_ups = band.get("top_ups", True)
        if not isinstance(top_ups, bool):
            raise Invalid("band_top_ups", at=(i, "top_ups"), band=number)
        out.append(Band(bound, comparison, pay, top_ups))
    return tuple(out)


def _band_pay(value: Any, number: int, money: Callable[[Any], Any]) -> str | Amount:
    """What a band pays: gap, full_standard or an amount (band ``number``, from 1)."""
    if isinstance(value, Mapping):
        return amounts.structured(value, ("standard",), money)
    if value in PAY:
        return str(value)
    raise Invalid("band_pay", band=number)
