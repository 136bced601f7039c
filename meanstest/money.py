"""Exact money: Decimal helpers shared by the models, the engine and the renderers.

Money never meets a float. Amounts enter as strings or integers (JSON numbers are
parsed straight to Decimal), are added and multiplied exactly, and are rounded only
where a rule says so, or to the fen for display, which the result states.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

FEN = Decimal("0.01")
ZERO = Decimal(0)
MONTHS_PER_YEAR = 12

# Rule files name rounding modes in words policy staff read; these are the
# decimal module's modes behind them.
ROUNDING_MODES: dict[str, str] = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "up": decimal.ROUND_UP,
    "down": decimal.ROUND_DOWN,
    "ceiling": decimal.ROUND_CEILING,
    "floor": decimal.ROUND_FLOOR,
}

# Enough digits that a year's income divided by 12 and by a household size
# stays exact to far below the fen before the one stated rounding.
CONTEXT = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_UP,
    traps=[
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
    ],
)
_quantize = CONTEXT.quantize


def quantize(amount: Decimal, unit: Decimal = FEN, mode: str = "half_up") -> Decimal:
    """Round ``amount`` to a multiple of ``unit`` with a named rounding mode."""
    return amount.quantize(unit, rounding=ROUNDING_MODES[mode], context=CONTEXT)


def to_fen(amount: Decimal) -> Decimal:
    """Round half up to the fen, the display rounding of every money figure."""
    return _quantize(amount, FEN)  # CONTEXT rounds half up


def fmt(amount: Decimal) -> str:
    """Format money as the contract writes it: a string with two decimals."""
    # str() of a Decimal with exponent -2 never uses an exponent, so it writes what
    # format(..., "f") writes, in a quarter of the time (it runs ~50 times a household).
    rounded = _quantize(amount, FEN)
    # -0.004 rounds to -0.00: nothing is written without a sign.
    return str(rounded) if rounded else "0.00"


def monthly(annual: Decimal) -> Decimal:
    """Return the exact monthly equivalent of an annual amount."""
    return CONTEXT.divide(annual, MONTHS_PER_YEAR)


def divide(numerator: Decimal, denominator: Decimal | int) -> Decimal:
    """Divide exactly within the money context."""
    return CONTEXT.divide(numerator, Decimal(denominator))


def fmt_before_rounding(value: Decimal) -> str:
    """A figure before the rule's rounding, for the JSON record: to the fen when it is
    whole fen, else with its further places to 1/10000 fen (83.335, which the rounding
    makes 83.34): to the fen it would read as the rounded figure and hide the half fen."""
    cut = value.quantize(Decimal("1e-6"))
    return fmt(cut) if cut == cut.quantize(Decimal("0.01")) else f"{cut.normalize():f}"
