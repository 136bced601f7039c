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

from . import amounts
from .amounts import Amount

EDUCATION = ("none", "preschool", "primary", "junior_secondary", "senior_secondary",
             "vocational_secondary", "undergraduate", "postgraduate")
EMPLOYMENT = ("employed", "self_employed", "farming", "unemployed", "retired", "unable")
RELATIONS = ("applicant", "spouse", "child", "parent", "grandparent", "grandchild",
             "sibling", "other")
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
            raise ValueError(f"{name}: expected a list of {', '.join(choices)}")
        for item in value:
            if item not in choices:
                raise ValueError(f"{name}: '{item}' is not one of {', '.join(choices)}")
        return frozenset(str(v) for v in value)
    return check


def _age(name: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 130:
            raise ValueError(f"{name}: expected an age from 0 to 130")
        return value
    return check


def _true(name: str) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if value is not True:
            raise ValueError(f"{name}: expected true (leave the condition out when it does "
                             "not matter)")
        return True
    return check


def conditions(value: Any, disability_grades: Callable[[Any], Any]) -> Conditions:
    """Check the ``members`` conditions of a group.

    Raises:
        ValueError: not a mapping of known conditions, or a value of the wrong kind.
    """
    checkers: dict[str, Callable[[Any], Any]] = {
        "age_from": _age("age_from"), "age_below": _age("age_below"),
        "education": _words("education", EDUCATION),
        "disability": lambda v: _disability(v, disability_grades),
        "serious_illness": _true("serious_illness"),
        "single_parent_family": _true("single_parent_family"),
        "living_alone": _true("living_alone"),
        "employment": _words("employment", EMPLOYMENT),
        "relation": _words("relation", RELATIONS),
    }
    if not isinstance(value, Mapping) or not value:
        raise ValueError(f"members: expected the conditions a member meets, such as "
                         f"{{age_from: 60}}; known: {', '.join(CONDITIONS)}")
    out: dict[str, Any] = {}
    for name, condition in value.items():
        if name not in checkers:
            raise ValueError(f"members: '{name}' is not a condition; known: "
                             f"{', '.join(CONDITIONS)}")
        out[str(name)] = checkers[name](condition)
    if "age_from" in out and "age_below" in out and out["age_from"] >= out["age_below"]:
        raise ValueError("members: age_from must be below age_below (no age is in both)")
    return Conditions(**out)


def _disability(value: Any, disability_grades: Callable[[Any], Any]) -> Any:
    try:
        table = disability_grades(value)
    except ValueError as exc:
        raise ValueError(f"disability: {exc}") from None
    return {str(category): frozenset(grades) for category, grades in table}


CONDITIONS = tuple(Conditions._fields)


def group(value: Any, money: Callable[[Any], Any],
          disability_grades: Callable[[Any], Any]) -> Group:
    """Check a 分类施保 group (`classified.groups.NAME`).

    Raises:
        ValueError: a missing or unknown field, or a value of the wrong kind.
    """
    if not isinstance(value, Mapping):
        raise ValueError("expected a group such as {members: {age_from: 60}, pay: gap, "
                         "top_up: {amount: 0.1, unit: share of standard}}")
    unknown = set(value) - {"members", "pay", "top_up"}
    if unknown:
        raise ValueError(f"'{sorted(unknown)[0]}' is not a field of a group; expected "
                         "members, pay, top_up")
    if "members" not in value:
        raise ValueError("give the members of the group: members: {age_from: 60, ...}")
    who = conditions(value["members"], disability_grades)
    pay = value.get("pay", "gap")
    if pay not in PAY:
        raise ValueError(f"pay: expected {' or '.join(PAY)}")
    top_up = None
    if value.get("top_up") is not None:
        top_up = amounts.structured(value["top_up"], ("standard",), money, "top_up")
    if pay == "gap" and top_up is None:
        raise ValueError("the group pays nothing extra: give a top_up, or pay: full_standard")
    return Group(who, str(pay), top_up)


def bands(value: Any, money: Callable[[Any], Any],
          ratio: Callable[[Any], Decimal]) -> tuple[Band, ...]:
    """Check the bands of the single-person route (`single_person.bands`), ascending.

    Raises:
        ValueError: not a list of bands, a band without its ceiling or pay, or ceilings
            that do not increase.
    """
    example = ("[{below: 2, pay: full_standard}, {below: 3, pay: {amount: 0.5, unit: share "
               "of standard}}]")
    if not isinstance(value, list) or not value:
        raise ValueError(f"expected a list of bands such as {example}")
    out: list[Band] = []
    for i, band in enumerate(value, start=1):
        if not isinstance(band, Mapping):
            raise ValueError(f"band {i}: expected a mapping such as {{below: 2, pay: gap}}")
        unknown = set(band) - {"below", "not_above", "pay", "top_ups"}
        if unknown:
            raise ValueError(f"band {i}: '{sorted(unknown)[0]}' is not a field of a band; "
                             "expected below or not_above, pay, top_ups")
        limits = [c for c in ("below", "not_above") if c in band]
        if len(limits) != 1:
            raise ValueError(f"band {i}: give its ceiling once, as below: N (低于 N × the "
                             "standard) or not_above: N (不高于)")
        comparison = limits[0]
        try:
            bound = ratio(band[comparison])
        except ValueError as exc:
            raise ValueError(f"band {i}: {comparison}: {exc}") from None
        if bound <= 0 or (out and bound <= out[-1].bound):
            raise ValueError(f"band {i}: the ceilings must increase from band to band")
        if "pay" not in band:
            raise ValueError(f"band {i}: give what is paid: pay: gap | full_standard | "
                             "{amount: ..., unit: ...}")
        pay: str | Amount
        if isinstance(band["pay"], Mapping):
            pay = amounts.structured(band["pay"], ("standard",), money, f"band {i}: pay")
        elif band["pay"] in PAY:
            pay = str(band["pay"])
        else:
            raise ValueError(f"band {i}: pay: expected gap, full_standard or "
                             "{amount: ..., unit: ...}")
        top_ups = band.get("top_ups", True)
        if not isinstance(top_ups, bool):
            raise ValueError(f"band {i}: top_ups: expected true or false")
        out.append(Band(bound, comparison, pay, top_ups))
    return tuple(out)
