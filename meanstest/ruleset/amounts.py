"""Amounts in rule files: yuan a month, yuan a year, or a share of a named base.

Every money value in a rule file says its unit. Published local rules give the same
kind of figure per month in one place and per year in another (特困 care of 742 yuan a
year; a 分类施保 top-up of 440 yuan a month), or as a share of another figure (20% of
the dibao standard; a sixth of last year's minimum wage). A value without its unit
would be read in the wrong one, silently and twelve times off, so the unit is part of
the value, checked on load:

- ``yuan/month`` and ``yuan/year``: money, kept as the exact annual amount (a monthly
  figure times 12), as the dibao standards always were;
- ``yuan``: a one-off sum (a temporary-assistance payment, a cap on one, an approval
  limit), allowed only for the keys of one-off amounts (`keys.ONE_OFF_KEYS`), which in
  turn take no rate: a one-off 2,000 yuan is neither a month's nor a year's money;
- ``share of BASE``: a ratio of a named base, resolved when the engine knows the base
  (the dibao standard of the household's area, the member's 特困 basic standard, the
  local minimum wage). A share may be written as a decimal (``0.2``, ``1.3``) or as an
  exact fraction (``1/6``).

Structured values (tiers, groups, bands) write an amount as ``{amount: 440, unit:
yuan/month}``, with the same units.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, NamedTuple

from ..errors import Invalid
from ..money import CONTEXT, MONTHS_PER_YEAR

YUAN_UNITS = ("yuan/month", "yuan/year")
ONE_OFF_UNIT = "yuan"  # a one-off sum, for the keys of one-off amounts only

# The bases a share may be of, each a monthly figure the engine knows when it needs it.
BASES: dict[str, str] = {
    "standard": "the dibao standard of the household's area (per person per month)",
    "tekun_basic": "the member's 特困 basic living standard (per month)",
    "minimum_wage": "the local minimum wage (per month)",
    "minimum_wage_previous_year": "the previous year's local minimum wage (per month)",
    "household_income": "the household's income before deductions (per month)",
}

_SHARE_UNIT = re.compile(r"^share of (?P<base>[a-z_]+)$")
_FRACTION = re.compile(r"^\s*(?P<num>\d{1,12})\s*/\s*(?P<den>\d{1,12})\s*$")

Ratio = Decimal | Fraction


class Share(NamedTuple):
    """A share of a named base (`BASES`): ``ratio`` × the base's monthly figure."""

    ratio: Ratio
    of: str


# An amount: exact annual yuan, or a share of a base.
Amount = Decimal | Share


def unit_problem(
    unit: str | None, bases: tuple[str, ...], *, one_off: bool = False
) -> Invalid | None:
    """Why ``unit`` is not a unit an amount key allows, or None when it is fine.

    ``bases`` are the bases the key may be a share of (none: yuan only); a one-off
    amount is in ``yuan`` (a sum), any other in ``yuan/month`` or ``yuan/year``.
    """
    yuan = (ONE_OFF_UNIT,) if one_off else YUAN_UNITS
    allowed = [*yuan, *(f"share of {b}" for b in bases)]
    if unit is None:
        return Invalid("unit_missing", unit_forms=allowed)
    if unit in yuan:
        return None
    match = _SHARE_UNIT.match(unit)
    if match and match["base"] in bases:
        return None
    return Invalid("unit_not_allowed", unit=unit, units=allowed)


def own_unit_problem(
    unit: str | None, bases: tuple[str, ...] | None, *, one_off: bool = False
) -> Invalid | None:
    """Why one dated value's own ``unit`` does not fit its key (None: it gives no unit,
    or one that fits). ``bases`` are the key's share bases, None for a key that is not
    an amount; ``one_off`` as for `unit_problem`."""
    if unit is None:
        return None
    if bases is None:
        return Invalid("unit_not_an_amount")
    return unit_problem(unit, bases, one_off=one_off)


def ratio(value: Any) -> Ratio:
    """A ratio written as a decimal (0.2, 1.5) or an exact fraction ("1/6").

    Raises:
        Invalid: not a non-negative number or fraction, or a fraction over zero.
    """
    if isinstance(value, str) and (match := _FRACTION.match(value)):
        if int(match["den"]) == 0:
            raise Invalid("divides_by_zero", text=value)
        fraction = Fraction(int(match["num"]), int(match["den"]))
        # A fraction that is an exact decimal (1/4) is kept as one, so it prints as 0.25.
        as_decimal = Decimal(fraction.numerator) / Decimal(fraction.denominator)
        return as_decimal if Fraction(as_decimal) == fraction else fraction
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise Invalid("share_expected")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise Invalid("share_expected") from None
    if not number.is_finite() or number < 0 or number > 1000:
        raise Invalid("share_range", low=0, high=1000)
    return number


def amount(value: Any, unit: str, money: Any) -> Amount:
    """Convert a rule value written in ``unit`` to an `Amount`.

    ``money`` is the checker of a money value (non-negative yuan, at most two places).

    Raises:
        Invalid: the value does not fit the unit.
    """
    if unit == "yuan/month":
        return Decimal(money(value)) * MONTHS_PER_YEAR
    if unit in ("yuan/year", ONE_OFF_UNIT):  # an annual amount, or a one-off sum
        return Decimal(money(value))
    match = _SHARE_UNIT.match(unit)
    if match is None:  # unit_problem ran first; this is a programming error
        raise ValueError(f"unknown unit {unit!r}")
    return Share(ratio(value), match["base"])


def structured(value: Any, bases: tuple[str, ...], money: Any, *, one_off: bool = False) -> Amount:
    """An amount written inside a structured value: ``{amount: 440, unit: yuan/month}``
    (``{amount: 3, unit: share of standard}`` or ``{amount: 2000, unit: yuan}`` for a
    one-off amount).

    Raises:
        Invalid: not such a mapping, or a unit the place does not allow (its place
            is given below the value, in `at`).
    """
    if not isinstance(value, Mapping) or set(value) != {"amount", "unit"}:
        raise Invalid("amount_structure")
    unit = value["unit"]
    problem = unit_problem(unit if isinstance(unit, str) else None, bases, one_off=one_off)
    if problem:
        raise problem.inside("unit")
    try:
        return amount(value["amount"], unit, money)
    except Invalid as exc:
        raise exc.inside("amount") from None


def scale(base: Decimal, share: Ratio) -> Decimal:
    """``base`` × ``share``, exact for a decimal share, to 34 digits for a fraction."""
    if isinstance(share, Fraction):
        return CONTEXT.divide(base * share.numerator, Decimal(share.denominator))
    return base * share


def monthly_amount(value: Amount, bases: Mapping[str, Decimal]) -> Decimal:
    """The monthly figure of an amount; a share is resolved against ``bases`` (monthly).

    Raises:
        KeyError: a share of a base the caller does not know here.
    """
    if isinstance(value, Share):
        return scale(bases[value.of], value.ratio)
    return CONTEXT.divide(value, MONTHS_PER_YEAR)


def written(value: Any, unit: str | None) -> str:
    """An amount as the rule file writes it: ``4560 yuan/year``, ``1/6 share of ...``."""
    text = str(value)
    return f"{text} {unit}" if unit else text
