"""The kinds of value a rule key takes: one checker per kind (money, ratio, months...).

A checker reads a value as YAML gives it and returns it as the engine computes with it,
or raises `Invalid` with a code saying what was expected; the loader adds the
file, key and line. Which key takes which kind of value is `keys.py`'s table.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import Invalid
from ..model import vocabulary as V
from ..money import MONTHS_PER_YEAR
from . import amounts, blocks
from .amounts import Amount

UNLIMITED = "unlimited"

DISABILITY_CATEGORIES = V.codes(V.DisabilityCategory)

Checker = Callable[[Any], Any]


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise Invalid("number_expected")
    try:
        number = Decimal(value)
    except InvalidOperation:
        if isinstance(value, str) and value.strip().endswith("%"):
            raise Invalid("percent_as_share", text=value) from None  # 20% is 0.2
        raise Invalid("number_expected") from None
    if not number.is_finite():
        raise Invalid("finite_expected")
    return number


def _digits(value: Any, number: Decimal) -> Decimal:
    """``number``, when ``value`` was written in plain digits: YAML reads 1e3 (no dot) as
    text, which is a number but would be shown as written (after the range checks, so a
    huge 1e999 is told its limit)."""
    if isinstance(value, str) and "e" in value.lower():
        raise Invalid("number_plain_digits", text=value)
    return number


def money(value: Any) -> Decimal:
    """A non-negative amount in yuan with at most two decimals."""
    number = _decimal(value)
    if number < 0:
        raise Invalid("amount_negative")
    # The size first: quantizing 1e999 to the fen would overflow the decimal context.
    if number >= Decimal("1e12"):
        raise Invalid("amount_too_large", limit=10**12)
    if number != number.quantize(Decimal("0.01")):
        raise Invalid("amount_fen")
    return _digits(value, number)


def ratio(value: Any) -> Decimal:
    """A non-negative decimal number such as 1.5 or 0.3."""
    number = _decimal(value)
    if number < 0 or number > Decimal(1000):
        raise Invalid("ratio_range", low=0, high=1000)
    return _digits(value, number)


def share_of_income(value: Any) -> Decimal:
    """A share of the household's income, from 0 to 1 (80% is 0.8): 80 written for 80%
    would ask for 80 times the income."""
    number = _decimal(value)
    if number < 0 or number > 1:
        raise Invalid("share_of_income_range")
    return _digits(value, number)


def count(value: Any) -> int:
    """A whole number of zero or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid("whole_number")
    return value


def months(value: Any) -> int:
    """A number of months from 1 to 12."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MONTHS_PER_YEAR:
        raise Invalid("months_range", low=1, high=MONTHS_PER_YEAR)
    return value


LONGEST_SPAN_MONTHS = 600  # 50 years: a window of months looking back from a date


def month_span(value: Any) -> int:
    """A number of whole months from 1 to 600, looking back from the assessment date."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 1 <= value <= LONGEST_SPAN_MONTHS
    ):
        raise Invalid("months_range", low=1, high=LONGEST_SPAN_MONTHS)
    return value


def boolean(value: Any) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise Invalid("bool_expected")
    return value


def one_of(*choices: str) -> Checker:
    """One word from a fixed list."""

    def check(value: Any) -> str:
        if value not in choices:
            raise Invalid("one_of", choices=list(choices))
        return str(value)

    return check


def _as_written(item: Any) -> str:
    """An item as YAML's flow style writes it (a mapping as {disability: {any: [1, 2]}},
    not Python's {'disability': ...}), for a message about the rule file."""
    if isinstance(item, dict):
        return "{" + ", ".join(f"{k}: {_as_written(v)}" for k, v in item.items()) + "}"
    if isinstance(item, list):
        return "[" + ", ".join(_as_written(v) for v in item) + "]"
    return str(item)


def list_of(*choices: str) -> Checker:
    """A list of words from a fixed list, each at most once."""

    def check(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise Invalid("list_of", choices=list(choices))
        for i, item in enumerate(value):
            if item not in choices:
                raise Invalid("word_not_in", at=(i,), word=_as_written(item), choices=list(choices))
        if len(set(value)) != len(value):
            raise Invalid("word_twice")
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
        raise Invalid("rounding_unit")
    return _digits(value, number)


def disability_grades(value: Any) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """A mapping from a disability category (or ``any``) to the grades that qualify."""
    if not isinstance(value, dict):
        raise Invalid("grades_mapping")
    if not value:  # no grade would ever qualify: a slip, not a rule (try18)
        raise Invalid("grades_empty")
    out = []
    for category, grades in value.items():
        if category != "any" and category not in DISABILITY_CATEGORIES:
            raise Invalid(
                "grades_category", word=str(category), choices=list(DISABILITY_CATEGORIES)
            )
        if not isinstance(grades, list) or not all(
            isinstance(g, int) and not isinstance(g, bool) and 1 <= g <= 4 for g in grades
        ):
            raise Invalid("grades_list", at=(str(category),))
        if not grades:
            raise Invalid("grades_empty", at=(str(category),))
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
        raise Invalid("tiers_expected")
    out: list[tuple[Decimal, Amount]] = []
    for i, tier in enumerate(value):
        if not isinstance(tier, dict) or set(tier) != {"below_share", "per_person"}:
            raise Invalid("tier_keys", at=(i,), keys=["below_share", "per_person"])
        try:
            bound = ratio(tier["below_share"])
        except Invalid as exc:
            raise exc.inside(i, "below_share") from None
        if out and bound <= out[-1][0]:
            raise Invalid("tier_increase", at=(i, "below_share"), key="below_share")
        try:
            per_person = amounts.structured(tier["per_person"], ("standard",), money)
        except Invalid as exc:
            raise exc.inside(i, "per_person") from None
        out.append((bound, per_person))
    return tuple(out)


def classified_group(value: Any) -> blocks.Group:
    """A 分类施保 group: ``{members: {...}, pay: gap | full_standard, top_up: {...}}``."""
    return blocks.group(value, money, disability_grades)


def single_person_bands(value: Any) -> tuple[blocks.Band, ...]:
    """The bands of the single-person route: ``[{below: 2, pay: full_standard}, ...]``."""
    return blocks.bands(value, money, ratio)
