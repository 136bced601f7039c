"""The kinds of value a rule key takes: one checker per kind (money, ratio, months...).

A checker reads a value as YAML gives it and returns it as the engine computes with it,
or raises `ValueError` with a sentence saying what was expected; the loader adds the
file, key and line. Which key takes which kind of value is `keys.py`'s table.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from ..money import MONTHS_PER_YEAR
from . import amounts, blocks
from .amounts import Amount

UNLIMITED = "unlimited"

DISABILITY_CATEGORIES = ("visual", "hearing", "speech", "physical", "intellectual", "mental",
                         "multiple")

Checker = Callable[[Any], Any]


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise ValueError("expected a number")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError("expected a number") from None
    if not number.is_finite():
        raise ValueError("expected a finite number")
    return number


def money(value: Any) -> Decimal:
    """A non-negative amount in yuan with at most two decimals."""
    number = _decimal(value)
    if number < 0:
        raise ValueError("expected an amount of zero or more")
    # The size first: quantizing 1e999 to the fen would overflow the decimal context.
    if number >= Decimal("1e12"):
        raise ValueError("expected an amount below 1,000,000,000,000 yuan")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError("expected yuan with at most two decimals (fen)")
    return number


def ratio(value: Any) -> Decimal:
    """A non-negative decimal number such as 1.5 or 0.3."""
    number = _decimal(value)
    if number < 0 or number > Decimal(1000):
        raise ValueError("expected a number from 0 to 1000")
    return number


def count(value: Any) -> int:
    """A whole number of zero or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("expected a whole number of zero or more")
    return value


def months(value: Any) -> int:
    """A number of months from 1 to 12."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MONTHS_PER_YEAR:
        raise ValueError("expected a whole number of months from 1 to 12")
    return value


def boolean(value: Any) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def one_of(*choices: str) -> Checker:
    """One word from a fixed list."""
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return str(value)
    return check


def list_of(*choices: str) -> Checker:
    """A list of words from a fixed list, each at most once."""
    def check(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise ValueError(f"expected a list of {', '.join(choices)}")
        for item in value:
            if item not in choices:
                raise ValueError(f"'{item}' is not one of {', '.join(choices)}")
        if len(set(value)) != len(value):
            raise ValueError("a word appears twice in the list")
        return tuple(value)
    return check


def or_unlimited(checker: Checker) -> Checker:
    """A value, or the word ``unlimited`` for no limit."""
    def check(value: Any) -> Any:
        return UNLIMITED if value == UNLIMITED else checker(value)
    return check


def rounding_unit(value: Any) -> Decimal:
    """The unit a benefit is rounded to: 0.01 (fen), 0.1 (jiao) or 1 (yuan)."""
    number = _decimal(value)
    if number not in (Decimal("0.01"), Decimal("0.1"), Decimal(1)):
        raise ValueError("expected 0.01, 0.1 or 1")
    return number


def disability_grades(value: Any) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """A mapping from a disability category (or ``any``) to the grades that qualify."""
    if not isinstance(value, dict):
        raise ValueError("expected a mapping such as {any: [1, 2], intellectual: [3]}")
    out = []
    for category, grades in value.items():
        if category != "any" and category not in DISABILITY_CATEGORIES:
            raise ValueError(f"'{category}' is not 'any' or a disability category "
                             f"({', '.join(DISABILITY_CATEGORIES)})")
        if not isinstance(grades, list) or not all(
                isinstance(g, int) and not isinstance(g, bool) and 1 <= g <= 4 for g in grades):
            raise ValueError(f"{category}: expected a list of grades from 1 to 4")
        out.append((str(category), tuple(sorted(set(grades)))))
    return tuple(sorted(out))


def tiers(value: Any) -> tuple[tuple[Decimal, Amount], ...]:
    """Benefit tiers (分档), ascending: ``[{below_share: 0.3, per_person: {amount: 300,
    unit: yuan/month}}, ...]``.

    A household whose per-capita income is below ``below_share`` × the standard (the
    first such tier) gets ``per_person`` a month for each member: yuan a month or a
    year, or a share of the standard (``unit: share of standard``).
    """
    if not isinstance(value, list) or not value:
        raise ValueError("expected a list of tiers such as [{below_share: 0.5, per_person: "
                         "{amount: 200, unit: yuan/month}}]")
    out: list[tuple[Decimal, Amount]] = []
    for i, tier in enumerate(value):
        if not isinstance(tier, dict) or set(tier) != {"below_share", "per_person"}:
            raise ValueError(f"tier {i + 1}: expected below_share and per_person")
        bound = ratio(tier["below_share"])
        if out and bound <= out[-1][0]:
            raise ValueError(f"tier {i + 1}: below_share must increase from tier to tier")
        out.append((bound, amounts.structured(tier["per_person"], ("standard",), money,
                                              f"tier {i + 1}: per_person")))
    return tuple(out)


def classified_group(value: Any) -> blocks.Group:
    """A 分类施保 group: ``{members: {...}, pay: gap | full_standard, top_up: {...}}``."""
    return blocks.group(value, money, disability_grades)


def single_person_bands(value: Any) -> tuple[blocks.Band, ...]:
    """The bands of the single-person route: ``[{below: 2, pay: full_standard}, ...]``."""
    return blocks.bands(value, money, ratio)
